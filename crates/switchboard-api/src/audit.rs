//! The append-only audit log of admin changes.

use time::OffsetDateTime;
use uuid::Uuid;

wire_enum! {
    /// Who made a change.
    #[derive(Default)]
    pub enum ActorKind {
        /// A member, signed in (`actor_id` is the member).
        #[default]
        Member,
        /// The identity provider, through SCIM (`actor_id` is its provisioning token).
        IdentityProvider,
    }
}

wire! {
    pub struct AuditEvent {
        pub id: Uuid,
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub at: OffsetDateTime,
        /// The member (or, for the identity provider, the provisioning token) who made the change;
        /// `null` for the system (e.g. seeding, acceptance).
        pub actor_id: Option<Uuid>,
        #[serde(default)]
        pub actor_kind: ActorKind,
        /// Dotted action such as `member.updated` or `invitation.created`.
        pub action: String,
        /// What was changed: `member`, `invitation`, `group`, `number`, `configuration`, `api_token`.
        pub target_type: String,
        pub target_id: Option<Uuid>,
        /// The change itself, e.g. `{"role": {"from": "member", "to": "admin"}}`.
        #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
        #[cfg_attr(feature = "openapi", schema(value_type = Object))]
        pub changes: serde_json::Value,
    }
}

/// Query of `GET /v1/audit-events` (newest first).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListAuditEvents {
    #[cfg_attr(feature = "openapi", param(pattern = r"^[A-Za-z0-9_-]*$"))]
    pub cursor: Option<String>,
    /// Page size, 1..=200 (default 50).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// Only events at or after this instant (RFC 3339).
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = DateTime))]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub since: Option<OffsetDateTime>,
    /// Only events made by this member.
    pub actor: Option<uuid::Uuid>,
    /// Only events about this resource id.
    pub target: Option<uuid::Uuid>,
}
