//! Invitations: a pending member. Numbers and groups given to an invitation carry over on acceptance.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::principal::{GroupRef, NumberRef};
use crate::problem::Problem;
use crate::roles::{Permission, Role};

wire_enum! {
    pub enum InvitationStatus {
        Pending,
        Accepted,
        Revoked,
        Expired,
    }
}

wire! {
    pub struct Invitation {
        pub id: Uuid,
        pub email: String,
        pub role: Role,
        /// Effective permissions the member will have: the role's defaults plus `grants`.
        pub permissions: Vec<Permission>,
        pub grants: Vec<Permission>,
        pub numbers: Vec<NumberRef>,
        pub groups: Vec<GroupRef>,
        pub status: InvitationStatus,
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub expires_at: OffsetDateTime,
        /// The member who sent it.
        pub invited_by: Option<Uuid>,
        /// The member it became, once accepted.
        pub member_id: Option<Uuid>,
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub created_at: OffsetDateTime,
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub updated_at: OffsetDateTime,
    }

    /// `POST /v1/invitations`.
    #[serde(deny_unknown_fields)]
    pub struct NewInvitation {
        #[cfg_attr(feature = "openapi", schema(format = Email, max_length = 254))]
        pub email: String,
        /// Defaults to the configuration's default role. `owner` cannot be invited.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::roles::InvitableRole>))]
        pub role: Option<Role>,
        #[serde(default)]
        pub grants: Vec<Permission>,
        /// Phone numbers to assign now; they carry over on acceptance.
        #[serde(default)]
        pub number_ids: Vec<Uuid>,
        /// Groups to join now; they carry over on acceptance.
        #[serde(default)]
        pub group_ids: Vec<Uuid>,
    }

    /// `POST /v1/invitations/batch`: up to 100 invitations, each succeeding or failing on its own.
    #[serde(deny_unknown_fields)]
    pub struct InvitationBatch {
        #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
        pub invitations: Vec<NewInvitation>,
    }

    /// One item of a batch answer, in request order: the invitation, or why it was not made.
    pub struct BatchItem {
        pub email: String,
        pub invitation: Option<Invitation>,
        pub error: Option<Problem>,
    }

    pub struct BatchResult {
        pub results: Vec<BatchItem>,
    }

    /// One item of `POST /v1/invitations/validate`, in request order: `error` is why it could not be sent
    /// now (the same problem `POST /v1/invitations` would answer), absent when it could.
    pub struct ValidationItem {
        pub email: String,
        pub error: Option<Problem>,
    }

    pub struct ValidationResult {
        pub results: Vec<ValidationItem>,
    }

    /// `PATCH /v1/invitations/{id}` (pending invitations only).
    #[serde(deny_unknown_fields)]
    #[derive(Default)]
    pub struct InvitationPatch {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::roles::InvitableRole>))]
        pub role: Option<Role>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub grants: Option<Vec<Permission>>,
    }

}

wire_secret! {
    redact(token, password)
    /// `POST /v1/invitations/accept`: the token from the email; signs the new member in.
    #[serde(deny_unknown_fields)]
    pub struct AcceptInvitation {
        pub token: String,
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"))]
        pub name: String,
        /// 8 to 256 characters.
        #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 256))]
        pub password: String,
    }
}

/// Query of `GET /v1/invitations`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListInvitations {
    #[cfg_attr(feature = "openapi", param(pattern = r"^[A-Za-z0-9_-]*$"))]
    pub cursor: Option<String>,
    /// Page size, 1..=200 (default 50).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// Case-insensitive search in the email.
    /// Never contains U+0000 (the server refuses it: PostgreSQL can't store it).
    #[cfg_attr(feature = "openapi", param(pattern = r"^[^\u0000]*$"))]
    pub q: Option<String>,
    pub status: Option<InvitationStatus>,
}
