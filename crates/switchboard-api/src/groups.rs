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
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"))]
        pub name: String,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
        pub description: String,
    }

    /// `PATCH /v1/groups/{id}`.
    #[serde(deny_unknown_fields)]
    #[derive(Default)]
    pub struct GroupPatch {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"))]
        pub name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
        pub description: Option<String>,
    }
}

/// Query of `GET /v1/groups`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListGroups {
    #[cfg_attr(feature = "openapi", param(pattern = r"^[A-Za-z0-9_-]*$"))]
    pub cursor: Option<String>,
    /// Page size, 1..=200 (default 50).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// Case-insensitive search in the name.
    /// Never contains U+0000 (the server refuses it: PostgreSQL can't store it).
    #[cfg_attr(feature = "openapi", param(pattern = r"^[^\u0000]*$"))]
    pub q: Option<String>,
}
