//! Sign-in, refresh and personal API tokens.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::members::Member;

wire_secret! {
    redact(password)
    /// `POST /v1/auth/sessions`.
    #[serde(deny_unknown_fields)]
    pub struct SignIn {
        pub email: String,
        pub password: String,
    }

    redact(refresh_token)
    /// `POST /v1/auth/refresh`: the refresh token is single-use; a new pair comes back.
    #[serde(deny_unknown_fields)]
    pub struct Refresh {
        pub refresh_token: String,
    }

    redact(access_token, refresh_token)
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

    redact(token)
    /// The token's secret is shown only here, once.
    pub struct CreatedApiToken {
        pub token: String,
        pub api_token: ApiToken,
    }
}

wire! {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_a_password_or_a_token() {
        let sign_in = SignIn {
            email: "ana@example.com".into(),
            password: "hunter2-secret".into(),
        };
        let refresh = Refresh {
            refresh_token: "sbr_secret".into(),
        };
        let created = CreatedApiToken {
            token: "sbp_secret".into(),
            api_token: ApiToken {
                id: Uuid::nil(),
                name: "ci".into(),
                created_at: OffsetDateTime::UNIX_EPOCH,
                expires_at: None,
                last_used_at: None,
            },
        };
        let accept = crate::invitations::AcceptInvitation {
            token: "invitation_secret".into(),
            name: "Ana".into(),
            password: "password_secret".into(),
        };
        let off = serde_json::json!({"enabled": false, "enforced": false});
        let session: Session = serde_json::from_value(serde_json::json!({
            "access_token": "sba_secret", "refresh_token": "sbr_secret", "token_type": "Bearer",
            "expires_in": 3600,
            "member": {
                "id": Uuid::nil(), "email": "ana@example.com", "name": "Ana", "role": "owner",
                "permissions": [], "grants": [], "status": "active", "avatar_url": null, "numbers": [],
                "groups": [], "recording": {"inbound": off, "outbound": off},
                "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"
            }
        }))
        .unwrap();
        for printed in [
            format!("{session:?}"),
            format!("{accept:?}"),
            format!("{sign_in:?}"),
            format!("{refresh:?}"),
            format!("{created:#?}"),
        ] {
            assert!(!printed.contains("secret"), "{printed}");
            assert!(printed.contains("[redacted]"), "{printed}");
        }
        assert!(
            format!("{sign_in:?}").contains("ana@example.com"),
            "other fields still show"
        );
        assert!(format!("{session:?}").contains("Bearer"));
        assert!(format!("{created:?}").contains("\"ci\""));
    }
}
