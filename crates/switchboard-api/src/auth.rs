//! Sign-in, refresh and personal API tokens.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::members::Member;

wire! {
    /// `POST /v1/auth/sessions`.
    #[serde(deny_unknown_fields)]
    pub struct SignIn {
        pub email: String,
        pub password: String,
    }

    /// `POST /v1/auth/refresh`: the refresh token is single-use; a new pair comes back.
    #[serde(deny_unknown_fields)]
    pub struct Refresh {
        pub refresh_token: String,
    }

    /// A signed-in session. Send `access_token` as `Authorization: Bearer …`.
    pub struct Session {
        pub access_token: String,
        pub refresh_token: String,
        /// Always `Bearer`.
        pub token_type: String,
        /// Seconds until `access_token` expires.
        pub expires_in: u64,
        pub member: Member,
    }

    /// `POST /v1/auth/tokens`: a personal API token for scripts.
    #[serde(deny_unknown_fields)]
    pub struct NewApiToken {
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"))]
        pub name: String,
        /// Days until it expires (1..=3650); never when absent.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::whole::option_u32")]
        #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 3650))]
        pub expires_in_days: Option<u32>,
    }

    pub struct ApiToken {
        pub id: Uuid,
        pub name: String,
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub created_at: OffsetDateTime,
        #[serde(with = "time::serde::rfc3339::option")]
        #[cfg_attr(feature = "ts", ts(type = "string | null"))]
        pub expires_at: Option<OffsetDateTime>,
        #[serde(with = "time::serde::rfc3339::option")]
        #[cfg_attr(feature = "ts", ts(type = "string | null"))]
        pub last_used_at: Option<OffsetDateTime>,
    }

    /// The token's secret is shown only here, once.
    pub struct CreatedApiToken {
        pub token: String,
        pub api_token: ApiToken,
    }
}
