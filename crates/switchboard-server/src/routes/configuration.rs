//! `GET/PATCH /v1/configuration`: account-wide policy, enforced by the other routes.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use sqlx::Row;
use switchboard_api::configuration::{
    Configuration, ConfigurationPatch, RecordingPolicies, RecordingPolicy, UnassignedNumbers,
};
use switchboard_api::roles::Role;

use crate::audit;
use crate::authz::Caller;
use crate::codec;
use crate::db::{Db, instant, now};
use crate::error::{ApiError, ApiResult};
use crate::etag::{IfMatch, tagged};
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::validate;

const COLUMNS: &str = "team_name, recording_inbound, recording_outbound, allowed_email_domains, default_role, \
                       invitation_lifetime_hours, onboarding_url, unassigned_numbers, divert_to, version, updated_at";

/// The configuration and its version.
pub async fn load(db: &Db) -> ApiResult<(Configuration, i64)> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM configuration WHERE id = 1"))
        .fetch_one(db.pool())
        .await?;
    let configuration = Configuration {
        team_name: row.try_get("team_name")?,
        recording: RecordingPolicies {
            inbound: codec::parse(&row.try_get::<String, _>("recording_inbound")?)?,
            outbound: codec::parse(&row.try_get::<String, _>("recording_outbound")?)?,
        },
        allowed_email_domains: codec::from_json(&row.try_get::<String, _>("allowed_email_domains")?)?,
        default_role: codec::parse(&row.try_get::<String, _>("default_role")?)?,
        invitation_lifetime_hours: u32::try_from(row.try_get::<i64, _>("invitation_lifetime_hours")?)
            .unwrap_or(168),
        onboarding_url: row.try_get("onboarding_url")?,
        unassigned_numbers: codec::parse(&row.try_get::<String, _>("unassigned_numbers")?)?,
        divert_to: row.try_get("divert_to")?,
        updated_at: instant(row.try_get("updated_at")?),
    };
    Ok((configuration, row.try_get("version")?))
}

#[utoipa::path(get, path = "/v1/configuration", tag = "configuration", operation_id = "get_configuration",
    responses((status = 200, description = "The account's policy", body = Configuration)))]
pub async fn get_configuration(State(state): State<AppState>, _caller: Caller) -> ApiResult<Response> {
    let (configuration, version) = load(&state.db).await?;
    Ok(tagged(StatusCode::OK, version, &configuration))
}

#[utoipa::path(patch, path = "/v1/configuration", tag = "configuration", operation_id = "update_configuration",
    request_body = ConfigurationPatch,
    responses((status = 200, description = "The updated policy", body = Configuration)))]
pub async fn update_configuration(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiJson(patch): ApiJson<ConfigurationPatch>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (current, version) = load(&state.db).await?;
    let expected = if_match.check(version)?;
    let mut next = current.clone();
    let mut errors = validate::Errors::default();
    if let Some(name) = &patch.team_name {
        next.team_name = if name.trim().is_empty() {
            None
        } else {
            Some(validate::name(&mut errors, "team_name", name))
        };
    }
    if let Some(recording) = &patch.recording {
        next.recording.inbound = recording.inbound.unwrap_or(next.recording.inbound);
        next.recording.outbound = recording.outbound.unwrap_or(next.recording.outbound);
    }
    if let Some(domains) = &patch.allowed_email_domains {
        let mut cleaned = Vec::new();
        for domain in domains {
            let domain = domain.trim().trim_start_matches('@').to_lowercase();
            if !validate::is_domain(&domain) {
                errors.add(
                    "allowed_email_domains",
                    format!("{domain:?} is not a domain name"),
                );
            } else if !cleaned.contains(&domain) {
                cleaned.push(domain);
            }
        }
        if domains.len() > 100 {
            errors.add("allowed_email_domains", "at most 100 domains");
        }
        next.allowed_email_domains = cleaned;
    }
    if let Some(role) = patch.default_role {
        if role == Role::Owner {
            errors.add("default_role", "invitations cannot make owners");
        }
        next.default_role = role;
    }
    if let Some(hours) = patch.invitation_lifetime_hours {
        if !(1..=8760).contains(&hours) {
            errors.add("invitation_lifetime_hours", "must be 1..=8760 hours");
        }
        next.invitation_lifetime_hours = hours;
    }
    if let Some(url) = &patch.onboarding_url {
        let url = url.trim();
        if url.is_empty() {
            next.onboarding_url = None;
        } else if !validate::is_http_url(url) {
            errors.add("onboarding_url", "must be an http or https URL");
        } else {
            next.onboarding_url = Some(url.to_owned());
        }
    }
    if let Some(behaviour) = patch.unassigned_numbers {
        next.unassigned_numbers = behaviour;
    }
    if let Some(divert_to) = &patch.divert_to {
        let divert_to = divert_to.trim();
        if divert_to.is_empty() {
            next.divert_to = None;
            // With nowhere to divert to, reserve numbers reject calls (unless this patch says otherwise).
            if patch.unassigned_numbers.is_none() {
                next.unassigned_numbers = UnassignedNumbers::Reject;
            }
        } else if !validate::is_e164(divert_to) {
            errors.add("divert_to", "must be an E.164 number such as +6495550100");
        } else {
            next.divert_to = Some(divert_to.to_owned());
        }
    }
    if next.unassigned_numbers == UnassignedNumbers::Divert && next.divert_to.is_none() {
        errors.add(
            "divert_to",
            "diverting unassigned numbers needs a number to divert to",
        );
    }
    errors.into_result()?;

    let mut tx = state.db.begin().await?;
    let updated = sqlx::query(
        "UPDATE configuration SET recording_inbound = $1, recording_outbound = $2, allowed_email_domains = $3, \
         default_role = $4, invitation_lifetime_hours = $5, onboarding_url = $6, unassigned_numbers = $7, \
         divert_to = $8, team_name = $9, version = version + 1, updated_at = $10 WHERE id = 1 AND version = $11",
    )
    .bind(codec::name(&next.recording.inbound))
    .bind(codec::name(&next.recording.outbound))
    .bind(codec::to_json(&next.allowed_email_domains))
    .bind(codec::name(&next.default_role))
    .bind(i64::from(next.invitation_lifetime_hours))
    .bind(next.onboarding_url.clone())
    .bind(codec::name(&next.unassigned_numbers))
    .bind(next.divert_to.clone())
    .bind(next.team_name.clone())
    .bind(now())
    .bind(expected)
    .execute(tx.conn())
    .await?;
    if updated.rows_affected() == 0 {
        return Err(ApiError::PreconditionFailed);
    }
    let before = serde_json::to_value(&current)?;
    let after = serde_json::to_value(&next)?;
    let mut changes = serde_json::Map::new();
    if let (Some(before), Some(after)) = (before.as_object(), after.as_object()) {
        for (field, value) in after {
            if field != "updated_at" && before.get(field) != Some(value) {
                let (k, v) = audit::change(field, &before[field], value);
                changes.insert(k, v);
            }
        }
    }
    audit::record(
        tx.conn(),
        Some(&caller.member_id),
        "configuration.updated",
        "configuration",
        None,
        changes.into(),
    )
    .await?;
    tx.commit().await?;
    let (configuration, version) = load(&state.db).await?;
    Ok(tagged(StatusCode::OK, version, &configuration))
}

/// What a member's recording looks like under `policy`: (enabled, enforced).
pub fn effective_recording(policy: RecordingPolicy, own: bool) -> (bool, bool) {
    match policy {
        RecordingPolicy::Always => (true, true),
        RecordingPolicy::Never => (false, true),
        RecordingPolicy::MemberChoice => (own, false),
    }
}
