//! `/v1/groups` and their principals (members or invitations).

use futures::Stream;
use reqwest::Method;
use uuid::Uuid;

use super::{ApiError, Client, ETag, Versioned};
use crate::Page;
use crate::groups::{Group, GroupPatch, ListGroups, NewGroup};

pub struct Groups<'c> {
    pub(crate) client: &'c Client,
}

impl Groups<'_> {
    /// `GET /v1/groups`: one page.
    pub async fn list(&self, query: &ListGroups) -> Result<Page<Group>, ApiError> {
        self.client
            .call(Method::GET, "v1/groups")
            .query(query)
            .json()
            .await
    }

    /// Every group matching `query`, page after page.
    pub fn stream(
        &self,
        query: ListGroups,
    ) -> impl Stream<Item = Result<Group, ApiError>> + Send + 'static + use<> {
        self.client.paginate("v1/groups", query)
    }

    /// `GET /v1/groups/{id}`.
    pub async fn get(&self, id: Uuid) -> Result<Versioned<Group>, ApiError> {
        self.client
            .call(Method::GET, &format!("v1/groups/{id}"))
            .versioned()
            .await
    }

    /// `POST /v1/groups`.
    pub async fn create(&self, key: Uuid, group: &NewGroup) -> Result<Versioned<Group>, ApiError> {
        self.client
            .call(Method::POST, "v1/groups")
            .idempotency_key(key)
            .body(group)
            .versioned()
            .await
    }

    /// `PATCH /v1/groups/{id}`.
    pub async fn update(
        &self,
        id: Uuid,
        etag: &ETag,
        patch: &GroupPatch,
    ) -> Result<Versioned<Group>, ApiError> {
        self.client
            .call(Method::PATCH, &format!("v1/groups/{id}"))
            .if_match(etag)
            .body(patch)
            .versioned()
            .await
    }

    /// `DELETE /v1/groups/{id}`.
    pub async fn delete(&self, id: Uuid, etag: &ETag) -> Result<(), ApiError> {
        self.client
            .call(Method::DELETE, &format!("v1/groups/{id}"))
            .if_match(etag)
            .empty()
            .await
    }

    /// `PUT /v1/groups/{id}/members/{principal_id}`: adds a member or an invitation.
    pub async fn add(&self, id: Uuid, etag: &ETag, principal_id: Uuid) -> Result<Versioned<Group>, ApiError> {
        self.client
            .call(Method::PUT, &format!("v1/groups/{id}/members/{principal_id}"))
            .if_match(etag)
            .versioned()
            .await
    }

    /// `DELETE /v1/groups/{id}/members/{principal_id}`.
    pub async fn remove(
        &self,
        id: Uuid,
        etag: &ETag,
        principal_id: Uuid,
    ) -> Result<Versioned<Group>, ApiError> {
        self.client
            .call(Method::DELETE, &format!("v1/groups/{id}/members/{principal_id}"))
            .if_match(etag)
            .versioned()
            .await
    }
}
