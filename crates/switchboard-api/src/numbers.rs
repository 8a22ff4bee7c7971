//! The account's phone numbers and who they are assigned to.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::principal::Principal;

wire_enum! {
    pub enum NumberKind {
        Geographic,
        Mobile,
        TollFree,
    }

    /// A `direct` number has at most one assignee; a `shared` number any number of them.
    pub enum Sharing {
        Direct,
        Shared,
    }
}

wire! {
    pub struct Number {
        pub id: Uuid,
        /// E.164, e.g. `+6495550100`.
        pub e164: String,
        pub label: String,
        /// ISO 3166-1 alpha-2, e.g. `NZ`.
        pub country: String,
        pub kind: NumberKind,
        pub sharing: Sharing,
        /// Empty for a number held in reserve (see the configuration's `unassigned_numbers`).
        pub assignees: Vec<Principal>,
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub created_at: OffsetDateTime,
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub updated_at: OffsetDateTime,
    }

    /// `POST /v1/numbers`: add a number the phone system has provisioned.
    #[serde(deny_unknown_fields)]
    pub struct NewNumber {
        #[cfg_attr(feature = "openapi", schema(pattern = r"^\+[1-9][0-9]{7,14}$"))]
        pub e164: String,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(max_length = 200))]
        pub label: String,
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z]{2}$"))]
        pub country: String,
        pub kind: NumberKind,
        pub sharing: Sharing,
    }

    /// `PATCH /v1/numbers/{id}`.
    #[serde(deny_unknown_fields)]
    #[derive(Default)]
    pub struct NumberPatch {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(max_length = 200))]
        pub label: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub sharing: Option<Sharing>,
    }
}

/// Query of `GET /v1/numbers`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListNumbers {
    #[cfg_attr(feature = "openapi", param(pattern = r"^[A-Za-z0-9_-]*$"))]
    pub cursor: Option<String>,
    /// Page size, 1..=200 (default 50).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// Search in the number, its label and country.
    /// Never contains U+0000 (the server refuses it: PostgreSQL can't store it).
    #[cfg_attr(feature = "openapi", param(pattern = r"^[^\u0000]*$"))]
    pub q: Option<String>,
    /// `true`: only numbers with assignees; `false`: only numbers in reserve.
    pub assigned: Option<bool>,
}
