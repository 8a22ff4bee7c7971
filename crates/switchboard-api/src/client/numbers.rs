//! `/v1/numbers`: the account's phone numbers and their assignees (members or invitations).

use futures::Stream;
use reqwest::Method;
use uuid::Uuid;

use super::{ApiError, Client, ETag, Versioned};
use crate::Page;
use crate::numbers::{ListNumbers, NewNumber, Number, NumberPatch};

pub struct Numbers<'c> {
    pub(crate) client: &'c Client,
}

impl Numbers<'_> {
    /// `GET /v1/numbers`: one page.
    pub async fn list(&self, query: &ListNumbers) -> Result<Page<Number>, ApiError> {
        self.client
            .call(Method::GET, "v1/numbers")
            .query(query)
            .json()
            .await
    }

    /// Every number matching `query`, page after page.
    pub fn stream(
        &self,
        query: ListNumbers,
    ) -> impl Stream<Item = Result<Number, ApiError>> + Send + 'static + use<> {
        self.client.paginate("v1/numbers", query)
    }

    /// `GET /v1/numbers/{id}`.
    pub async fn get(&self, id: Uuid) -> Result<Versioned<Number>, ApiError> {
        self.client
            .call(Method::GET, &format!("v1/numbers/{id}"))
            .versioned()
            .await
    }

    /// `POST /v1/numbers`: adds a number the phone system has provisioned.
    pub async fn create(&self, key: Uuid, number: &NewNumber) -> Result<Versioned<Number>, ApiError> {
        self.client
            .call(Method::POST, "v1/numbers")
            .idempotency_key(key)
            .body(number)
            .versioned()
            .await
    }

    /// `PATCH /v1/numbers/{id}`: label, direct or shared.
    pub async fn update(
        &self,
        id: Uuid,
        etag: &ETag,
        patch: &NumberPatch,
    ) -> Result<Versioned<Number>, ApiError> {
        self.client
            .call(Method::PATCH, &format!("v1/numbers/{id}"))
            .if_match(etag)
            .body(patch)
            .versioned()
            .await
    }

    /// `PUT /v1/numbers/{id}/assignees/{principal_id}`. A direct number that already has an assignee
    /// answers 409.
    pub async fn assign(
        &self,
        id: Uuid,
        etag: &ETag,
        principal_id: Uuid,
    ) -> Result<Versioned<Number>, ApiError> {
        self.client
            .call(Method::PUT, &format!("v1/numbers/{id}/assignees/{principal_id}"))
            .if_match(etag)
            .versioned()
            .await
    }

    /// `DELETE /v1/numbers/{id}/assignees/{principal_id}`.
    pub async fn unassign(
        &self,
        id: Uuid,
        etag: &ETag,
        principal_id: Uuid,
    ) -> Result<Versioned<Number>, ApiError> {
        self.client
            .call(
                Method::DELETE,
                &format!("v1/numbers/{id}/assignees/{principal_id}"),
            )
            .if_match(etag)
            .versioned()
            .await
    }
}
