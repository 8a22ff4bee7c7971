//! `/v1/numbers`: the account's phone numbers and their assignees.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use switchboard_api::Page;
use switchboard_api::numbers::{ListNumbers, NewNumber, Number, NumberPatch};
use uuid::Uuid;

use crate::authz::Caller;
use crate::error::{ApiError, ApiResult};
use crate::etag::{IfMatch, created, tagged};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store::numbers;
use crate::validate;

#[utoipa::path(get, path = "/v1/numbers", tag = "numbers", operation_id = "list_numbers", params(ListNumbers),
    responses((status = 200, description = "A page of phone numbers", body = Page<Number>)))]
pub async fn list_numbers(
    State(state): State<AppState>,
    _caller: Caller,
    ApiQuery(query): ApiQuery<ListNumbers>,
) -> ApiResult<Response> {
    let (data, next_cursor) = numbers::list(&state.db, &query).await?;
    Ok(axum::Json(Page {
        data,
        next_cursor,
        total: None,
    })
    .into_response())
}

#[utoipa::path(post, path = "/v1/numbers", tag = "numbers", operation_id = "create_number", request_body = NewNumber,
    responses((status = 201, description = "The number, in reserve", body = Number)))]
pub async fn create_number(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewNumber>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let mut errors = validate::Errors::default();
    let e164 = body.e164.trim().to_owned();
    if !validate::is_e164(&e164) {
        errors.add("e164", "must be an E.164 number such as +6495550100");
    }
    let country = body.country.trim().to_uppercase();
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
        errors.add("country", "must be an ISO 3166-1 alpha-2 code such as NZ");
    }
    let label = body.label.trim().to_owned();
    if label.chars().count() > 200 {
        errors.add("label", "at most 200 characters");
    }
    errors.into_result()?;
    let body = NewNumber {
        e164,
        country,
        label,
        ..body
    };
    let id = numbers::create(&state.db, caller.actor(), &body).await?;
    let (number, version) = numbers::load(&state.db, &id).await?;
    Ok(created(format!("/v1/numbers/{id}"), version, &number))
}

#[utoipa::path(get, path = "/v1/numbers/{id}", tag = "numbers", operation_id = "get_number",
    params(("id" = Uuid, Path, description = "Number id")),
    responses((status = 200, description = "The number", body = Number)))]
pub async fn get_number(
    State(state): State<AppState>,
    _caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    let (number, version) = numbers::load(&state.db, &id.to_string()).await?;
    Ok(tagged(StatusCode::OK, version, &number))
}

#[utoipa::path(patch, path = "/v1/numbers/{id}", tag = "numbers", operation_id = "update_number",
    params(("id" = Uuid, Path, description = "Number id")), request_body = NumberPatch,
    responses((status = 200, description = "The updated number", body = Number)))]
pub async fn update_number(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(patch): ApiJson<NumberPatch>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let label = patch.label.as_deref().map(|l| l.trim().to_owned());
    if label.as_ref().is_some_and(|l| l.chars().count() > 200) {
        return Err(ApiError::field("label", "at most 200 characters"));
    }
    let (number, version) = numbers::update(
        &state.db,
        caller.actor(),
        &id.to_string(),
        &if_match,
        label,
        patch.sharing,
    )
    .await?;
    Ok(tagged(StatusCode::OK, version, &number))
}

#[utoipa::path(put, path = "/v1/numbers/{id}/assignees/{principal_id}", tag = "numbers", operation_id = "assign_number",
    params(("id" = Uuid, Path, description = "Number id"),
           ("principal_id" = Uuid, Path, description = "A member or invitation id")),
    responses((status = 200, description = "The number with its assignees", body = Number)))]
pub async fn assign_number(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath((id, principal_id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (number, version) = numbers::assign_to(
        &state.db,
        caller.actor(),
        &id.to_string(),
        &principal_id.to_string(),
        &if_match,
    )
    .await?;
    Ok(tagged(StatusCode::OK, version, &number))
}

#[utoipa::path(delete, path = "/v1/numbers/{id}/assignees/{principal_id}", tag = "numbers", operation_id = "unassign_number",
    params(("id" = Uuid, Path, description = "Number id"),
           ("principal_id" = Uuid, Path, description = "A member or invitation id")),
    responses((status = 200, description = "The number with its remaining assignees", body = Number)))]
pub async fn unassign_number(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath((id, principal_id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (number, version) = numbers::unassign(
        &state.db,
        caller.actor(),
        &id.to_string(),
        &principal_id.to_string(),
        &if_match,
    )
    .await?;
    Ok(tagged(StatusCode::OK, version, &number))
}
