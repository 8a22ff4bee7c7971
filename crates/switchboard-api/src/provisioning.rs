//! Provisioning from an identity provider (SCIM 2.0): the tokens an owner gives the identity provider,
//! and where it sends its requests.

use std::fmt;

use time::OffsetDateTime;
use uuid::Uuid;

wire! {
    /// `GET /v1/provisioning`: what to paste into the identity provider, and the tokens it may use.
    pub struct Provisioning {
        /// The SCIM base URL (the identity provider's "tenant URL" or "SCIM connector base URL").
        pub scim_base_url: String,
        pub tokens: Vec<ProvisioningToken>,
    }

    /// `POST /v1/provisioning/tokens` (owners).
    #[serde(deny_unknown_fields)]
    pub struct NewProvisioningToken {
        /// What the token is for, e.g. the identity provider's name.
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"))]
        pub name: String,
    }

    /// A provisioning token as listed: never the secret itself.
    pub struct ProvisioningToken {
        pub id: Uuid,
        pub name: String,
        /// The owner who created it.
        pub created_by: Option<Uuid>,
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub created_at: OffsetDateTime,
        /// When the identity provider last used it; `null` before its first request.
        #[serde(with = "time::serde::rfc3339::option")]
        #[cfg_attr(feature = "ts", ts(type = "string | null"))]
        pub last_used_at: Option<OffsetDateTime>,
    }
}

/// The answer to `POST /v1/provisioning/tokens`: the secret, shown this once, and the token as listed.
#[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CreatedProvisioningToken {
    /// The bearer token for the identity provider; the server keeps only its hash.
    pub token: String,
    pub provisioning_token: ProvisioningToken,
}

/// Debug output ends up in logs: the secret never does.
impl fmt::Debug for CreatedProvisioningToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreatedProvisioningToken")
            .field("token", &"[redacted]")
            .field("provisioning_token", &self.provisioning_token)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let created = CreatedProvisioningToken {
            token: "sbp_secret_value".into(),
            provisioning_token: ProvisioningToken {
                id: Uuid::nil(),
                name: "Okta".into(),
                created_by: None,
                created_at: OffsetDateTime::UNIX_EPOCH,
                last_used_at: None,
            },
        };
        let printed = format!("{created:?}");
        assert!(!printed.contains("sbp_secret_value"), "{printed}");
        assert!(printed.contains("[redacted]"));
    }
}
