//! `GET/PATCH /v1/configuration`: account-wide policy, enforced by the other routes.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use switchboard_api::configuration::{Configuration, ConfigurationPatch, UnassignedNumbers};
use switchboard_api::roles::Role;

use crate::authz::Caller;
use crate::error::ApiResult;
use crate::etag::{IfMatch, tagged};
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::store::{self, Cas, Versioned, configuration};
use crate::validate;

#[utoipa::path(get, path = "/v1/configuration", tag = "configuration", operation_id = "get_configuration",
    responses((status = 200, description = "The account's policy", body = Configuration)))]
pub async fn get_configuration(State(state): State<AppState>, _caller: Caller) -> ApiResult<Response> {
    let (configuration, version) = configuration::load(&state.db).await?;
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
    let (current, version) = configuration::load(&state.db).await?;
    let cas = Cas::new(Versioned::Configuration, "1", version, &if_match)?;
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

    store::transaction(&state.db, async |tx| {
        configuration::save(tx, &cas, caller.actor(), &current, &next).await
    })
    .await?;
    let (configuration, version) = configuration::load(&state.db).await?;
    Ok(tagged(StatusCode::OK, version, &configuration))
}
