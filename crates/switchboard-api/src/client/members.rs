//! `/v1/members` and `/v1/me`.

use futures::Stream;
use reqwest::Method;
use uuid::Uuid;

use super::{ApiError, Client, ETag, Versioned};
use crate::Page;
use crate::members::{ListMembers, MePatch, Member, MemberPatch, RemoveMember};

pub struct Members<'c> {
    pub(crate) client: &'c Client,
}

impl Members<'_> {
    /// `GET /v1/members`: one page of the members matching `query`, in `query.sort` and `query.order`
    /// (by name, ascending, when absent); `total` counts every match. Pass `next_cursor` back with the
    /// same sort, order and filters: the server refuses it with any other (400 `invalid_cursor`).
    pub async fn list(&self, query: &ListMembers) -> Result<Page<Member>, ApiError> {
        self.client
            .call(Method::GET, "v1/members")
            .query(query)
            .json()
            .await
    }

    /// Every member matching `query`, in its sort and order, fetching page after page (of
    /// `query.limit`) as it is consumed.
    pub fn stream(
        &self,
        query: ListMembers,
    ) -> impl Stream<Item = Result<Member, ApiError>> + Send + 'static + use<> {
        self.client.paginate("v1/members", query)
    }

    /// `GET /v1/members/{id}`.
    pub async fn get(&self, id: Uuid) -> Result<Versioned<Member>, ApiError> {
        self.client
            .call(Method::GET, &format!("v1/members/{id}"))
            .versioned()
            .await
    }

    /// `PATCH /v1/members/{id}` (admins). A stale `etag` is a 412 `precondition_failed` problem.
    pub async fn update(
        &self,
        id: Uuid,
        etag: &ETag,
        patch: &MemberPatch,
    ) -> Result<Versioned<Member>, ApiError> {
        self.client
            .call(Method::PATCH, &format!("v1/members/{id}"))
            .if_match(etag)
            .body(patch)
            .versioned()
            .await
    }

    /// `DELETE /v1/members/{id}`. A member holding numbers needs `how` to say where they go (otherwise
    /// 409 `member_holds_numbers`).
    pub async fn remove(&self, id: Uuid, etag: &ETag, how: &RemoveMember) -> Result<(), ApiError> {
        self.client
            .call(Method::DELETE, &format!("v1/members/{id}"))
            .if_match(etag)
            .query(how)
            .empty()
            .await
    }
}

pub struct Me<'c> {
    pub(crate) client: &'c Client,
}

impl Me<'_> {
    /// `GET /v1/me`: whoever the token belongs to.
    pub async fn get(&self) -> Result<Versioned<Member>, ApiError> {
        self.client.call(Method::GET, "v1/me").versioned().await
    }

    /// `PATCH /v1/me`: name and own recording preferences (those the policy does not enforce).
    pub async fn update(&self, etag: &ETag, patch: &MePatch) -> Result<Versioned<Member>, ApiError> {
        self.client
            .call(Method::PATCH, "v1/me")
            .if_match(etag)
            .body(patch)
            .versioned()
            .await
    }
}
