//! Members of the team: profile, role, permissions, status, numbers, groups and recording preferences.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::page::SortOrder;
use crate::principal::{GroupRef, NumberRef};
use crate::roles::{Permission, Role};

wire_enum! {
    pub enum MemberStatus {
        Active,
        Deactivated,
    }

    /// Who owns a member's identity (name, email, active or not) when it isn't the team's admins.
    pub enum ManagedBy {
        /// Provisioned through SCIM: change those fields in the identity provider.
        IdentityProvider,
    }

    /// The order of `GET /v1/members`. Every order ends with the member id, so members that tie (two
    /// people with one name) still have a fixed place and cursors never skip or repeat one.
    #[derive(Default)]
    pub enum MemberSort {
        /// By name, ignoring ASCII case (`ada` and `Ada` sort together); other letters compare by code
        /// point, the same on SQLite and PostgreSQL.
        #[default]
        Name,
        /// By email address (stored lower-case).
        Email,
        /// By role from the top: owners, then admins, then members; by name within a role.
        Role,
        /// By when the member joined (oldest first in `asc`).
        Created,
    }
}

wire! {
    /// A member's own choice for one direction of call recording, and whether policy overrides it.
    pub struct RecordingPreference {
        /// Whether calls in this direction are recorded (the policy's value when `enforced`).
        pub enabled: bool,
        /// True when the account's recording policy decides; the member cannot change it then.
        pub enforced: bool,
    }

    pub struct MemberRecording {
        pub inbound: RecordingPreference,
        pub outbound: RecordingPreference,
    }

    /// A member as every member endpoint returns it.
    pub struct Member {
        pub id: Uuid,
        pub email: String,
        pub name: String,
        pub role: Role,
        /// Effective permissions: the role's defaults plus `grants`.
        pub permissions: Vec<Permission>,
        /// Permissions granted to this member beyond the role's defaults.
        pub grants: Vec<Permission>,
        pub status: MemberStatus,
        /// Path of the avatar (append `?size=512|128|64`); `null` without one.
        pub avatar_url: Option<String>,
        pub numbers: Vec<NumberRef>,
        pub groups: Vec<GroupRef>,
        pub recording: MemberRecording,
        /// Set when an identity provider owns the member's name, email and status: `/v1` refuses to
        /// change those (409 `managed_by_identity_provider`); role, permissions, numbers and groups stay
        /// editable.
        #[serde(default)]
        pub managed_by: Option<ManagedBy>,
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub created_at: OffsetDateTime,
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub updated_at: OffsetDateTime,
    }

    /// A change to a member's own recording preferences; absent fields are left alone.
    #[serde(deny_unknown_fields)]
    #[derive(Default)]
    pub struct RecordingPatch {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub inbound: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub outbound: Option<bool>,
    }

    /// `PATCH /v1/members/{id}` (admins). Absent fields are left alone.
    #[serde(deny_unknown_fields)]
    #[derive(Default)]
    pub struct MemberPatch {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"))]
        pub name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub role: Option<Role>,
        /// Replaces the member's grants.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub grants: Option<Vec<Permission>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub status: Option<MemberStatus>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub recording: Option<RecordingPatch>,
    }

    /// `PATCH /v1/me`: what anyone may change about themselves.
    #[serde(deny_unknown_fields)]
    #[derive(Default)]
    pub struct MePatch {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"))]
        pub name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub recording: Option<RecordingPatch>,
    }
}

/// Query of `GET /v1/members`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListMembers {
    /// The `next_cursor` of the previous page.
    #[cfg_attr(feature = "openapi", param(pattern = r"^[A-Za-z0-9_-]*$"))]
    pub cursor: Option<String>,
    /// Page size, 1..=200 (default 50).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// Case-insensitive search in name and email, and in phone numbers by their digits.
    /// Never contains U+0000 (the server refuses it: PostgreSQL can't store it).
    #[cfg_attr(feature = "openapi", param(pattern = r"^[^\u0000]*$"))]
    pub q: Option<String>,
    pub role: Option<Role>,
    pub status: Option<MemberStatus>,
    pub group_id: Option<Uuid>,
    /// The order of the list (default `name`). A cursor only continues the order and filters it came from.
    // Optional in TypeScript too (`sort?:`), so callers written before sorting existed, which build this
    // type field by field, need no change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<MemberSort>,
    /// `asc` (default) or `desc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
}

/// Query of `DELETE /v1/members/{id}`: what happens to the member's phone numbers. Removing a member
/// who holds numbers without one of these is refused (409 `member_holds_numbers`).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RemoveMember {
    /// Put the member's numbers back in reserve.
    pub unassign_numbers: Option<bool>,
    /// Give the member's numbers to this member instead.
    pub reassign_numbers_to: Option<Uuid>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_sends_only_what_changes_and_refuses_unknown_fields() {
        let patch = MemberPatch {
            role: Some(Role::Admin),
            ..MemberPatch::default()
        };
        assert_eq!(
            serde_json::to_value(&patch).unwrap(),
            serde_json::json!({ "role": "admin" })
        );
        let unknown = serde_json::from_str::<MePatch>(r#"{"role":"owner"}"#);
        assert!(unknown.is_err(), "a member cannot smuggle a role into PATCH /me");
    }

    #[test]
    fn a_list_query_names_its_sort_only_when_chosen() {
        let plain = serde_json::to_value(ListMembers::default()).unwrap();
        assert!(
            plain.get("sort").is_none() && plain.get("order").is_none(),
            "{plain}"
        );
        let sorted = ListMembers {
            sort: Some(MemberSort::Created),
            order: Some(SortOrder::Desc),
            ..ListMembers::default()
        };
        let sorted = serde_json::to_value(&sorted).unwrap();
        assert_eq!(
            (&sorted["sort"], &sorted["order"]),
            (&"created".into(), &"desc".into())
        );
        assert_eq!(MemberSort::default(), MemberSort::Name);
        assert_eq!(SortOrder::default(), SortOrder::Asc);
    }

    #[test]
    fn a_member_round_trips_with_rfc3339_instants() {
        let body = r#"{"id":"01a21e87-69cb-77a2-81aa-f0ee7550a924","email":"a@example.com","name":"A",
            "role":"member","permissions":["make_outbound_calls"],"grants":[],"status":"active",
            "avatar_url":null,"numbers":[],"groups":[],
            "recording":{"inbound":{"enabled":true,"enforced":true},"outbound":{"enabled":false,"enforced":false}},
            "created_at":"2026-11-27T19:42:00.652555Z","updated_at":"2026-11-27T19:42:00Z"}"#;
        let member: Member = serde_json::from_str(body).unwrap();
        assert_eq!(member.status, MemberStatus::Active);
        assert!(member.recording.inbound.enforced);
        let back = serde_json::to_value(&member).unwrap();
        assert_eq!(back["created_at"], "2026-11-27T19:42:00.652555Z");
        assert_eq!(back["permissions"], serde_json::json!(["make_outbound_calls"]));
    }
}
