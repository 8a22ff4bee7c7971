//! `/v1/invitations`: invite, batch-invite, change, resend, revoke and accept.

use futures::Stream;
use reqwest::Method;
use uuid::Uuid;

use super::{ApiError, Client, ETag, Versioned};
use crate::Page;
use crate::auth::Session;
use crate::invitations::{
    AcceptInvitation, BatchResult, Invitation, InvitationBatch, InvitationPatch, ListInvitations,
    NewInvitation, ValidationResult,
};

pub struct Invitations<'c> {
    pub(crate) client: &'c Client,
}

impl Invitations<'_> {
    /// `GET /v1/invitations`: one page.
    pub async fn list(&self, query: &ListInvitations) -> Result<Page<Invitation>, ApiError> {
        self.client
            .call(Method::GET, "v1/invitations")
            .query(query)
            .json()
            .await
    }

    /// Every invitation matching `query`, page after page.
    pub fn stream(
        &self,
        query: ListInvitations,
    ) -> impl Stream<Item = Result<Invitation, ApiError>> + Send + 'static + use<> {
        self.client.paginate("v1/invitations", query)
    }

    /// `GET /v1/invitations/{id}`.
    pub async fn get(&self, id: Uuid) -> Result<Versioned<Invitation>, ApiError> {
        self.client
            .call(Method::GET, &format!("v1/invitations/{id}"))
            .versioned()
            .await
    }

    /// `POST /v1/invitations`. Sending again with the same `key` and body gets the first answer back
    /// (so a retry after a lost answer never invites twice); the same key with another body is a 422.
    /// 409 when the email is already a member or invited; 422 when policy does not allow its domain.
    pub async fn create(
        &self,
        key: Uuid,
        invitation: &NewInvitation,
    ) -> Result<Versioned<Invitation>, ApiError> {
        self.client
            .call(Method::POST, "v1/invitations")
            .idempotency_key(key)
            .body(invitation)
            .versioned()
            .await
    }

    /// `POST /v1/invitations/validate`: whether each invitation could be sent now; creates nothing.
    pub async fn validate(&self, batch: &InvitationBatch) -> Result<ValidationResult, ApiError> {
        self.client
            .call(Method::POST, "v1/invitations/validate")
            .body(batch)
            .json()
            .await
    }

    /// `POST /v1/invitations/batch`: each item succeeds or fails on its own, answered in request order.
    pub async fn create_batch(&self, key: Uuid, batch: &InvitationBatch) -> Result<BatchResult, ApiError> {
        self.client
            .call(Method::POST, "v1/invitations/batch")
            .idempotency_key(key)
            .body(batch)
            .json()
            .await
    }

    /// `PATCH /v1/invitations/{id}` (pending invitations only).
    pub async fn update(
        &self,
        id: Uuid,
        etag: &ETag,
        patch: &InvitationPatch,
    ) -> Result<Versioned<Invitation>, ApiError> {
        self.client
            .call(Method::PATCH, &format!("v1/invitations/{id}"))
            .if_match(etag)
            .body(patch)
            .versioned()
            .await
    }

    /// `POST /v1/invitations/{id}/resend`: a new token and a new expiry; the old link stops working.
    pub async fn resend(&self, id: Uuid) -> Result<Versioned<Invitation>, ApiError> {
        self.client
            .call(Method::POST, &format!("v1/invitations/{id}/resend"))
            .versioned()
            .await
    }

    /// `POST /v1/invitations/{id}/revoke`.
    pub async fn revoke(&self, id: Uuid) -> Result<Versioned<Invitation>, ApiError> {
        self.client
            .call(Method::POST, &format!("v1/invitations/{id}/revoke"))
            .versioned()
            .await
    }

    /// `POST /v1/invitations/accept` (no token needed): creates the member with the invitation's role,
    /// numbers and groups, and signs them in. A token that is wrong, used or expired is a problem of the
    /// request, never [`ApiError::SignedOut`].
    pub async fn accept(&self, accept: &AcceptInvitation) -> Result<Session, ApiError> {
        self.client
            .call(Method::POST, "v1/invitations/accept")
            .body(accept)
            .json()
            .await
            .map_err(super::auth::refused)
    }
}
