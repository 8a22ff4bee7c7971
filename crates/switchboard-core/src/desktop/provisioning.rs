//! Provisioning from an identity provider (SCIM): the base URL an owner pastes into it, and the tokens it
//! uses. The secret of a new token passes through here to the UI once and is kept nowhere.

use switchboard_api::provisioning::{CreatedProvisioningToken, NewProvisioningToken, Provisioning};
use uuid::Uuid;

use super::DesktopInner;
use crate::error::Result;

impl DesktopInner {
    /// The open workspace's SCIM base URL and provisioning tokens (owners and admins).
    pub async fn provisioning(&self) -> Result<Provisioning> {
        self.call(|c| async move { c.provisioning().get().await }).await
    }

    /// A new provisioning token (owners). The answer holds its secret, which the server never shows
    /// again; nothing here logs or stores it.
    pub async fn create_provisioning_token(
        &self,
        token: &NewProvisioningToken,
    ) -> Result<CreatedProvisioningToken> {
        self.call(|c| async move { c.provisioning().create_token(token).await })
            .await
    }

    /// Revokes a provisioning token (owners): the identity provider's next request with it is refused.
    pub async fn revoke_provisioning_token(&self, id: Uuid) -> Result<()> {
        self.call(|c| async move { c.provisioning().revoke_token(id).await })
            .await
    }
}

#[cfg(test)]
mod tests {
    use switchboard_api::client::{ApiError, StatusCode};

    use super::super::api_error;
    use crate::error::{Error, ErrorCode};

    #[test]
    fn a_change_the_identity_provider_owns_keeps_its_code_and_words() {
        let refused = ApiError::Problem {
            status: StatusCode::CONFLICT,
            problem: Box::new(switchboard_api::Problem {
                kind: "about:blank".into(),
                title: "Conflict".into(),
                status: 409,
                code: "managed_by_identity_provider".into(),
                detail: Some("Change Ngaio Marsh's name in your identity provider.".into()),
                errors: Default::default(),
            }),
            retry_after: None,
        };
        let error = api_error("https://acme.switchboard.example", refused);
        assert_eq!(error.code(), ErrorCode::ManagedByIdentityProvider);
        assert!(
            matches!(&error, Error::Server { status: 409, message, .. } if message.contains("identity provider")),
            "{error:?}"
        );
    }
}
