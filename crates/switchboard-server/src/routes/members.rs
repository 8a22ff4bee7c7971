//! `/v1/members` and `/v1/me`: the team directory, and changes to a member by admins or by themselves.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use switchboard_api::ErrorCode;
use switchboard_api::Page;
use switchboard_api::configuration::RecordingPolicy;
use switchboard_api::members::{ListMembers, MePatch, Member, MemberPatch, RemoveMember};
use switchboard_api::roles::Role;
use uuid::Uuid;

use crate::authz::Caller;
use crate::error::{ApiError, ApiResult};
use crate::etag::{IfMatch, tagged};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::permissions::normalise_grants;
use crate::state::AppState;
use crate::store::configuration;
use crate::store::members::{self, HeldNumbers, load};
use crate::validate;

#[utoipa::path(get, path = "/v1/members", tag = "members", operation_id = "list_members", params(ListMembers),
    responses((status = 200, description = "A page of members in the requested order (by name by default), \
        with `total`, the number of members matching the filters, on the first page", body = Page<Member>)))]
pub async fn list_members(
    State(state): State<AppState>,
    _caller: Caller,
    ApiQuery(query): ApiQuery<ListMembers>,
) -> ApiResult<Response> {
    let (data, next_cursor, total) = members::list(&state.db, &query).await?;
    Ok(axum::Json(Page {
        data,
        next_cursor,
        total,
    })
    .into_response())
}

#[utoipa::path(get, path = "/v1/members/{id}", tag = "members", operation_id = "get_member",
    params(("id" = Uuid, Path, description = "Member id")),
    responses((status = 200, description = "The member", body = Member)))]
pub async fn get_member(
    State(state): State<AppState>,
    _caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    let (member, version) = load(&state.db, &id.to_string()).await?;
    Ok(tagged(StatusCode::OK, version, &member))
}

#[utoipa::path(patch, path = "/v1/members/{id}", tag = "members", operation_id = "update_member",
    params(("id" = Uuid, Path, description = "Member id")), request_body = MemberPatch,
    responses((status = 200, description = "The updated member", body = Member)))]
pub async fn update_member(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(patch): ApiJson<MemberPatch>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    apply_patch(&state, &caller, &id.to_string(), if_match, patch).await
}

#[utoipa::path(get, path = "/v1/me", tag = "members", operation_id = "get_me",
    responses((status = 200, description = "The signed-in member", body = Member)))]
pub async fn get_me(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    let (member, version) = load(&state.db, &caller.member_id).await?;
    Ok(tagged(StatusCode::OK, version, &member))
}

#[utoipa::path(patch, path = "/v1/me", tag = "members", operation_id = "update_me", request_body = MePatch,
    responses((status = 200, description = "The updated signed-in member", body = Member)))]
pub async fn update_me(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiJson(patch): ApiJson<MePatch>,
) -> ApiResult<Response> {
    let patch = MemberPatch {
        name: patch.name,
        recording: patch.recording,
        ..MemberPatch::default()
    };
    let id = caller.member_id.clone();
    apply_patch(&state, &caller, &id, if_match, patch).await
}

async fn apply_patch(
    state: &AppState,
    caller: &Caller,
    id: &str,
    if_match: IfMatch,
    patch: MemberPatch,
) -> ApiResult<Response> {
    let (config, _) = configuration::load(&state.db).await?;
    let change = |current: &members::MemberRow| {
        let mut next = current.clone();
        let mut errors = validate::Errors::default();
        if let Some(name) = &patch.name {
            next.name = validate::name(&mut errors, "name", name);
        }
        if let Some(role) = patch.role {
            next.role = role;
        }
        if let Some(grants) = &patch.grants {
            next.grants = normalise_grants(grants);
        }
        if let Some(status) = patch.status {
            next.status = status;
        }
        if let Some(recording) = &patch.recording {
            if let Some(inbound) = recording.inbound {
                if config.recording.inbound != RecordingPolicy::MemberChoice {
                    return Err(ApiError::conflict(
                        ErrorCode::RecordingEnforcedByPolicy,
                        "the account's policy decides inbound call recording",
                    ));
                }
                next.recording_inbound = inbound;
            }
            if let Some(outbound) = recording.outbound {
                if config.recording.outbound != RecordingPolicy::MemberChoice {
                    return Err(ApiError::conflict(
                        ErrorCode::RecordingEnforcedByPolicy,
                        "the account's policy decides outbound call recording",
                    ));
                }
                next.recording_outbound = outbound;
            }
        }
        errors.into_result()?;
        // Owners are changed only by owners (themselves included), and only owners make owners.
        if current.role == Role::Owner || next.role == Role::Owner {
            caller.require_owner()?;
        }
        Ok(next)
    };
    let (member, version) = members::update(&state.db, caller.actor(), id, &if_match, change).await?;
    Ok(tagged(StatusCode::OK, version, &member))
}

#[utoipa::path(delete, path = "/v1/members/{id}", tag = "members", operation_id = "remove_member",
    params(("id" = Uuid, Path, description = "Member id"), RemoveMember),
    responses((status = 204, description = "Removed")))]
pub async fn remove_member(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<RemoveMember>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let id = id.to_string();
    let numbers = match (query.reassign_numbers_to, query.unassign_numbers) {
        (Some(to), _) => HeldNumbers::ReassignTo(to.to_string()),
        (None, Some(true)) => HeldNumbers::Reserve,
        (None, _) => HeldNumbers::Refuse,
    };
    members::remove(&state.db, caller.actor(), &id, &if_match, numbers, |current| {
        if current.role == Role::Owner {
            caller.require_owner()?;
        }
        if current.id == caller.member_id {
            return Err(ApiError::conflict(
                ErrorCode::CannotRemoveSelf,
                "you cannot remove yourself",
            ));
        }
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
