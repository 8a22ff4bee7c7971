//! Groups of members and invitations, which call flows ring and analytics report by.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::principal::Principal;

wire! {
    pub struct Group {
        pub id: Uuid,
        pub name: String,
        pub description: String,
        pub members: Vec<Principal>,
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub created_at: OffsetDateTime,
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub updated_at: OffsetDateTime,
    }

    /// `POST /v1/groups`.
    #[serde(deny_unknown_fields)]
    pub struct NewGroup {
        pub name: String,
        #[serde(default)]
        pub description: String,
    }

    /// `PATCH /v1/groups/{id}`.
    #[serde(deny_unknown_fields)]
    #[derive(Default)]
    pub struct GroupPatch {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
    }
}

/// Query of `GET /v1/groups`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListGroups {
    pub cursor: Option<String>,
    pub limit: Option<u32>,
    /// Case-insensitive search in the name.
    pub q: Option<String>,
}
