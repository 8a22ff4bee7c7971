//! `/v1/groups`: groups of members and invitations.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use switchboard_api::Page;
use switchboard_api::groups::{Group, GroupPatch, ListGroups, NewGroup};
use uuid::Uuid;

use crate::authz::Caller;
use crate::error::ApiResult;
use crate::etag::{IfMatch, created, tagged};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store::groups;
use crate::validate;

fn validated(name: Option<&str>, description: Option<&str>) -> ApiResult<(Option<String>, Option<String>)> {
    let mut errors = validate::Errors::default();
    let name = name.map(|n| validate::name(&mut errors, "name", n));
    let description = description.map(|d| d.trim().to_owned());
    if description.as_ref().is_some_and(|d| d.chars().count() > 1000) {
        errors.add("description", "at most 1000 characters");
    }
    errors.into_result()?;
    Ok((name, description))
}

#[utoipa::path(get, path = "/v1/groups", tag = "groups", operation_id = "list_groups", params(ListGroups),
    responses((status = 200, description = "A page of groups", body = Page<Group>)))]
pub async fn list_groups(
    State(state): State<AppState>,
    _caller: Caller,
    ApiQuery(query): ApiQuery<ListGroups>,
) -> ApiResult<Response> {
    let (data, next_cursor) = groups::list(&state.db, &query).await?;
    Ok(axum::Json(Page {
        data,
        next_cursor,
        total: None,
    })
    .into_response())
}

#[utoipa::path(post, path = "/v1/groups", tag = "groups", operation_id = "create_group", request_body = NewGroup,
    responses((status = 201, description = "The new group", body = Group)))]
pub async fn create_group(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewGroup>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (name, description) = validated(Some(&body.name), Some(&body.description))?;
    let id = groups::create(
        &state.db,
        caller.actor(),
        &name.unwrap_or_default(),
        &description.unwrap_or_default(),
    )
    .await?;
    let (group, version) = groups::load(&state.db, &id).await?;
    Ok(created(format!("/v1/groups/{id}"), version, &group))
}

#[utoipa::path(get, path = "/v1/groups/{id}", tag = "groups", operation_id = "get_group",
    params(("id" = Uuid, Path, description = "Group id")),
    responses((status = 200, description = "The group", body = Group)))]
pub async fn get_group(
    State(state): State<AppState>,
    _caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    let (group, version) = groups::load(&state.db, &id.to_string()).await?;
    Ok(tagged(StatusCode::OK, version, &group))
}

#[utoipa::path(patch, path = "/v1/groups/{id}", tag = "groups", operation_id = "update_group",
    params(("id" = Uuid, Path, description = "Group id")), request_body = GroupPatch,
    responses((status = 200, description = "The updated group", body = Group)))]
pub async fn update_group(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(patch): ApiJson<GroupPatch>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (name, description) = validated(patch.name.as_deref(), patch.description.as_deref())?;
    let (group, version) = groups::update(
        &state.db,
        caller.actor(),
        &id.to_string(),
        &if_match,
        name,
        description,
    )
    .await?;
    Ok(tagged(StatusCode::OK, version, &group))
}

#[utoipa::path(delete, path = "/v1/groups/{id}", tag = "groups", operation_id = "delete_group",
    params(("id" = Uuid, Path, description = "Group id")),
    responses((status = 204, description = "Deleted")))]
pub async fn delete_group(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    groups::delete(&state.db, caller.actor(), &id.to_string(), &if_match).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(put, path = "/v1/groups/{id}/members/{principal_id}", tag = "groups", operation_id = "add_group_member",
    params(("id" = Uuid, Path, description = "Group id"),
           ("principal_id" = Uuid, Path, description = "A member or invitation id")),
    responses((status = 200, description = "The group with its members", body = Group)))]
pub async fn add_group_member(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath((id, principal_id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (group, version) = groups::add_member(
        &state.db,
        caller.actor(),
        &id.to_string(),
        &principal_id.to_string(),
        &if_match,
    )
    .await?;
    Ok(tagged(StatusCode::OK, version, &group))
}

#[utoipa::path(delete, path = "/v1/groups/{id}/members/{principal_id}", tag = "groups", operation_id = "remove_group_member",
    params(("id" = Uuid, Path, description = "Group id"),
           ("principal_id" = Uuid, Path, description = "A member or invitation id")),
    responses((status = 200, description = "The group with its remaining members", body = Group)))]
pub async fn remove_group_member(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath((id, principal_id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (group, version) = groups::remove_member(
        &state.db,
        caller.actor(),
        &id.to_string(),
        &principal_id.to_string(),
        &if_match,
    )
    .await?;
    Ok(tagged(StatusCode::OK, version, &group))
}
