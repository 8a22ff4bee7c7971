//! `/v1/provisioning`: where an identity provider sends its SCIM requests, and the tokens it may use.

use reqwest::Method;
use uuid::Uuid;

use super::{ApiError, Client};
use crate::provisioning::{CreatedProvisioningToken, NewProvisioningToken, Provisioning};

pub struct ProvisioningApi<'c> {
    pub(crate) client: &'c Client,
}

impl ProvisioningApi<'_> {
    /// `GET /v1/provisioning` (owners and admins): the SCIM base URL and the tokens, without secrets.
    pub async fn get(&self) -> Result<Provisioning, ApiError> {
        self.client.call(Method::GET, "v1/provisioning").json().await
    }

    /// `POST /v1/provisioning/tokens` (owners): the secret is in the answer and nowhere else, ever.
    ///
    /// Sends no idempotency key: the server keeps no replay of this answer, since a replay would hand the
    /// secret out a second time. A token whose answer was lost shows in the list; revoke it and create
    /// another.
    pub async fn create_token(
        &self,
        token: &NewProvisioningToken,
    ) -> Result<CreatedProvisioningToken, ApiError> {
        self.client
            .call(Method::POST, "v1/provisioning/tokens")
            .body(token)
            .json()
            .await
    }

    /// `DELETE /v1/provisioning/tokens/{id}` (owners): the identity provider's next request with it is
    /// refused. Tokens carry no version, so this sends no `If-Match`.
    pub async fn revoke_token(&self, id: Uuid) -> Result<(), ApiError> {
        self.client
            .call(Method::DELETE, &format!("v1/provisioning/tokens/{id}"))
            .empty()
            .await
    }
}
