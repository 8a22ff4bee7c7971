//! SCIM resources as the team stores them: a User is a member, a Group is a group (RFC 7643 §4).
//!
//! The member's own columns are authoritative (`id`, `userName` = email, `displayName` = name,
//! `active` = status, `externalId`, `groups`, `meta`); whatever else the identity provider wrote (name
//! parts, emails, titles, extensions) is kept as it wrote it and given back the same way.

use serde_json::{Map, Value, json};
use switchboard_api::groups::Group;
use switchboard_api::members::MemberStatus;
use switchboard_api::principal::{GroupRef, PrincipalKind};
use time::format_description::well_known::Rfc3339;

use crate::db::instant;
use crate::error::{ApiError, ApiResult};
use crate::store::groups::{FromIdp, Stored};
use crate::store::members::{MemberRow, Provisioned};
use crate::validate;

pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
pub const ENTERPRISE_USER: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
pub const LIST_RESPONSE: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
pub const ERROR: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// The SCIM form of a version: `meta.version` and the `ETag` header.
pub fn version_tag(version: i64) -> String {
    format!("W/\"{version}\"")
}

/// The version a resource made here carries in `meta.version` ([`version_tag`]'s form).
pub fn version_of(resource: &Value) -> i64 {
    resource["meta"]["version"]
        .as_str()
        .and_then(|tag| tag.trim_start_matches("W/").trim_matches('"').parse().ok())
        .unwrap_or_default()
}

fn timestamp(micros: i64) -> String {
    instant(micros).format(&Rfc3339).unwrap_or_default()
}

/// The attributes the server owns: whatever a client writes to them is replaced by the stored truth
/// (`password` is never stored: members provisioned this way set theirs through the emailed link).
const SERVER_OWNED: [&str; 4] = ["id", "meta", "groups", "password"];

fn without_server_owned(mut resource: Map<String, Value>) -> Map<String, Value> {
    resource.retain(|key, _| !SERVER_OWNED.iter().any(|owned| key.eq_ignore_ascii_case(owned)));
    resource
}

/// Removes `key` whatever its case (SCIM attribute names are case-insensitive) and answers its value.
pub fn take(resource: &mut Map<String, Value>, key: &str) -> Option<Value> {
    let found = resource.keys().find(|k| k.eq_ignore_ascii_case(key)).cloned()?;
    resource.remove(&found)
}

/// The member as a SCIM User.
pub fn user(base: &str, row: &MemberRow, groups: &[GroupRef]) -> Value {
    let written = row
        .scim_resource
        .as_deref()
        .and_then(|stored| serde_json::from_str::<Map<String, Value>>(stored).ok())
        .map(without_server_owned);
    // A member the identity provider never wrote (made in the app) is described from their columns;
    // once it has written them, it gets back what it wrote and nothing it didn't.
    let described = written.is_none();
    let mut user = written.unwrap_or_default();
    let has_display_name = take(&mut user, "displayName").is_some();
    for key in ["userName", "active", "externalId", "schemas"] {
        take(&mut user, key);
    }
    let mut schemas = vec![json!(USER_SCHEMA)];
    if user.keys().any(|k| k.eq_ignore_ascii_case(ENTERPRISE_USER)) {
        schemas.push(json!(ENTERPRISE_USER));
    }
    user.insert("schemas".into(), Value::Array(schemas));
    user.insert("id".into(), json!(row.id));
    user.insert("userName".into(), json!(row.email));
    if described || has_display_name {
        user.insert("displayName".into(), json!(row.name));
    }
    user.insert("active".into(), json!(row.status == MemberStatus::Active));
    if let Some(external_id) = &row.external_id {
        user.insert("externalId".into(), json!(external_id));
    }
    if described {
        user.insert("name".into(), json!({ "formatted": row.name }));
        user.insert(
            "emails".into(),
            json!([{ "value": row.email, "type": "work", "primary": true }]),
        );
    }
    if !groups.is_empty() {
        let groups: Vec<Value> = groups
            .iter()
            .map(|g| {
                json!({
                    "value": g.id.to_string(),
                    "display": g.name,
                    "$ref": format!("{base}/Groups/{}", g.id),
                    "type": "direct",
                })
            })
            .collect();
        user.insert("groups".into(), Value::Array(groups));
    }
    user.insert(
        "meta".into(),
        json!({
            "resourceType": "User",
            "created": timestamp(row.created_at),
            "lastModified": timestamp(row.updated_at),
            "location": format!("{base}/Users/{}", row.id),
            "version": version_tag(row.version),
        }),
    );
    Value::Object(user)
}

/// The group as a SCIM Group (its members that are members; invitations are not SCIM users).
pub fn group(base: &str, stored: &Stored) -> Value {
    let group: &Group = &stored.group;
    let members: Vec<Value> = group
        .members
        .iter()
        .filter(|p| p.kind == PrincipalKind::Member)
        .map(|p| {
            json!({
                "value": p.id.to_string(),
                "$ref": format!("{base}/Users/{}", p.id),
                "type": "User",
            })
        })
        .collect();
    let mut out = json!({
        "schemas": [GROUP_SCHEMA],
        "id": group.id.to_string(),
        "displayName": group.name,
        "members": members,
        "meta": {
            "resourceType": "Group",
            "created": group.created_at.format(&Rfc3339).unwrap_or_default(),
            "lastModified": group.updated_at.format(&Rfc3339).unwrap_or_default(),
            "location": format!("{base}/Groups/{}", group.id),
            "version": version_tag(stored.version),
        },
    });
    if let (Some(external_id), Some(object)) = (&stored.external_id, out.as_object_mut()) {
        object.insert("externalId".into(), json!(external_id));
    }
    out
}

/// A SCIM boolean, also as the strings Microsoft Entra ID sends (`"True"`, `"False"`).
fn boolean(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

fn invalid(detail: impl Into<String>) -> ApiError {
    ApiError::Unprocessable {
        code: switchboard_api::ErrorCode::InvalidBody,
        detail: detail.into(),
    }
}

/// A SCIM User written by the identity provider (POST, PUT, or the result of a PATCH), read as the
/// member it describes. `userName` must be an email address: it is the member's sign-in.
pub fn person(resource: &Value) -> ApiResult<Provisioned> {
    let Value::Object(object) = resource else {
        return Err(invalid("a User is a JSON object"));
    };
    let mut rest = without_server_owned(object.clone());
    let user_name = match take(&mut rest, "userName") {
        Some(Value::String(name)) => name,
        _ => return Err(invalid("userName is required: the member's email address")),
    };
    let email = validate::email(&user_name)
        .ok_or_else(|| invalid(format!("userName {user_name:?} is not an email address")))?;
    let active = match take(&mut rest, "active") {
        None | Some(Value::Null) => None,
        Some(value) => Some(boolean(&value).ok_or_else(|| invalid("active must be true or false"))?),
    };
    let external_id = match take(&mut rest, "externalId") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id),
        Some(_) => return Err(invalid("externalId must be a string")),
    };
    // Kept in what is stored, so that a User given back has a displayName only if it was written.
    let display = rest
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("displayName"))
        .and_then(|(_, v)| v.as_str())
        .filter(|name| !name.trim().is_empty())
        .map(str::to_owned);
    let name_parts = rest
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("name"))
        .and_then(|(_, v)| v.as_object());
    let part = |key: &str| {
        name_parts
            .and_then(|n| n.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)))
            .and_then(|(_, v)| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let joined = [part("givenName"), part("familyName")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let name = display
        .or_else(|| part("formatted"))
        .or_else(|| (!joined.is_empty()).then_some(joined))
        .unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_owned());
    let mut errors = validate::Errors::default();
    let name = validate::name(&mut errors, "displayName", &name);
    errors.into_result()?;
    // `schemas` is kept: it says which extensions the identity provider wrote.
    Ok(Provisioned {
        email,
        name,
        status: active.map(|active| {
            if active {
                MemberStatus::Active
            } else {
                MemberStatus::Deactivated
            }
        }),
        external_id,
        scim_resource: Value::Object(rest).to_string(),
    })
}

/// A SCIM Group written by the identity provider, read as the group it describes.
pub fn team_group(resource: &Value) -> ApiResult<FromIdp> {
    let Value::Object(object) = resource else {
        return Err(invalid("a Group is a JSON object"));
    };
    let mut object = object.clone();
    let name = match take(&mut object, "displayName") {
        Some(Value::String(name)) => name,
        _ => return Err(invalid("displayName is required")),
    };
    let mut errors = validate::Errors::default();
    let name = validate::name(&mut errors, "displayName", &name);
    errors.into_result()?;
    let external_id = match take(&mut object, "externalId") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id),
        Some(_) => return Err(invalid("externalId must be a string")),
    };
    let mut members = Vec::new();
    match take(&mut object, "members") {
        None | Some(Value::Null) => {}
        Some(Value::Array(list)) => {
            for member in list {
                let id = member
                    .as_object()
                    .and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case("value")))
                    .and_then(|(_, v)| v.as_str())
                    .ok_or_else(|| invalid("each member needs a \"value\": the user's id"))?;
                let id = uuid::Uuid::parse_str(id)
                    .map_err(|_| invalid(format!("no user {id}")))?
                    .to_string();
                if !members.contains(&id) {
                    members.push(id);
                }
            }
        }
        Some(_) => return Err(invalid("members must be a list")),
    }
    Ok(FromIdp {
        name,
        external_id,
        members,
    })
}
