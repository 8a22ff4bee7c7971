//! Account-wide policy. The server enforces it: e.g. a recording policy other than `member_choice`
//! overrides every member's own setting.

use time::OffsetDateTime;

use crate::roles::Role;

wire_enum! {
    pub enum RecordingPolicy {
        Always,
        Never,
        MemberChoice,
    }

    /// What an unassigned (reserve) number does with an incoming call.
    pub enum UnassignedNumbers {
        Reject,
        Divert,
    }
}

/// A domain name as `allowed_email_domains` takes it (a leading `@` is dropped). Only a schema.
#[cfg(feature = "openapi")]
#[derive(Debug)]
pub struct EmailDomain;

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for EmailDomain {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .max_length(Some(253))
            .pattern(Some(
                r"^@?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for EmailDomain {}

wire! {
    pub struct RecordingPolicies {
        pub inbound: RecordingPolicy,
        pub outbound: RecordingPolicy,
    }

    pub struct Configuration {
        /// The team's name, which the app shows for the workspace; `None` until an admin names it.
        pub team_name: Option<String>,
        pub recording: RecordingPolicies,
        /// Invitations may only go to these domains; empty allows any.
        pub allowed_email_domains: Vec<String>,
        /// Role of an invitation that names none (`admin` or `member`).
        pub default_role: Role,
        /// How long an invitation can be accepted, 1..=8760 hours.
        pub invitation_lifetime_hours: u32,
        /// The onboarding ("training playlist") link offered after inviting.
        pub onboarding_url: Option<String>,
        pub unassigned_numbers: UnassignedNumbers,
        /// E.164 number that reserve numbers divert to when `unassigned_numbers` is `divert`.
        pub divert_to: Option<String>,
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub updated_at: OffsetDateTime,
    }

    #[serde(deny_unknown_fields)]
    #[derive(Default)]
    pub struct RecordingPoliciesPatch {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub inbound: Option<RecordingPolicy>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub outbound: Option<RecordingPolicy>,
    }

    /// `PATCH /v1/configuration`. An empty string clears `team_name` / `onboarding_url` / `divert_to`.
    #[serde(deny_unknown_fields)]
    #[derive(Default)]
    pub struct ConfigurationPatch {
        /// 1..=200 characters without control characters once trimmed, or empty to clear.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(max_length = 200,
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$"))]
        pub team_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub recording: Option<RecordingPoliciesPatch>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<EmailDomain>>, max_items = 100))]
        pub allowed_email_domains: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::roles::InvitableRole>))]
        pub default_role: Option<Role>,
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::whole::option_u32")]
        #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 8760))]
        pub invitation_lifetime_hours: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(max_length = 2048,
            pattern = r"^(|https?://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,4})?(/[!-~]*)?)$"))]
        pub onboarding_url: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub unassigned_numbers: Option<UnassignedNumbers>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(pattern = r"^(|\+[1-9][0-9]{7,14})$"))]
        pub divert_to: Option<String>,
    }
}
