//! `/v1/auth`: sign in, refresh, sign out, and personal API tokens.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use switchboard_api::ErrorCode;
use switchboard_api::auth::{ApiToken, CreatedApiToken, NewApiToken, Refresh, Session, SignIn};
use switchboard_api::members::MemberStatus;
use uuid::Uuid;

use crate::auth;
use crate::authz::Caller;
use crate::db::now;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;
use crate::store::{credentials, members};
use crate::throttle::{self, Attempt, Peer};
use crate::validate;

pub(crate) async fn session_response(
    state: &AppState,
    issued: auth::IssuedSession,
    member_id: &str,
) -> ApiResult<Session> {
    let (member, _) = members::load(&state.db, member_id).await?;
    Ok(Session {
        access_token: issued.access_token,
        refresh_token: issued.refresh_token,
        token_type: "Bearer".to_owned(),
        expires_in: issued.expires_in,
        member,
    })
}

#[utoipa::path(post, path = "/v1/auth/sessions", tag = "auth", operation_id = "sign_in", security(()),
    request_body = SignIn,
    responses((status = 201, description = "Signed in", body = Session)))]
pub async fn sign_in(
    State(state): State<AppState>,
    peer: Peer,
    ApiJson(body): ApiJson<SignIn>,
) -> ApiResult<Response> {
    let invalid = || ApiError::Coded {
        status: StatusCode::UNAUTHORIZED,
        code: ErrorCode::InvalidCredentials,
        detail: "wrong email or password".into(),
    };
    let email = validate::email(&body.email).unwrap_or_default();
    let throttle = &state.settings.sign_in;
    let attempt = Attempt::new(throttle, &email, peer);
    // A throttled attempt is refused before it costs a hash.
    throttle::check(&state.db, throttle, &attempt).await?;
    let account = credentials::account(&state.db, &email).await?;
    let (id, hash, status) = match account {
        Some(account) => (Some(account.id), account.password_hash, Some(account.status)),
        None => (None, None, None),
    };
    if body.password.len() > 1024 {
        return Err(invalid());
    }
    let permit = state.hashers.permit(state.settings.request_timeout).await?;
    // Again with the turn taken: attempts that queued behind the failures just recorded must wait too.
    let standing = throttle::check(&state.db, throttle, &attempt).await?;
    let (permit, verified) = permit.verify_password(body.password, hash).await?;
    if !verified {
        // Counted before the turn is given up, so the next in the queue sees this failure.
        throttle::record_failure(&state.db, throttle, &attempt, id.as_deref()).await?;
        drop(permit);
        throttle::purge_now_and_then(&state.db, &state.next_throttle_purge).await;
        return Err(invalid());
    }
    drop(permit);
    throttle::record_success(&state.db, &attempt, standing).await?;
    let id = id.ok_or_else(invalid)?;
    if status != Some(MemberStatus::Active) {
        return Err(ApiError::Forbidden("this member is deactivated"));
    }
    let issued = credentials::open_session(&state, &id).await?;
    let session = session_response(&state, issued, &id).await?;
    Ok((StatusCode::CREATED, axum::Json(session)).into_response())
}

#[utoipa::path(post, path = "/v1/auth/refresh", tag = "auth", operation_id = "refresh_session", security(()),
    request_body = Refresh,
    responses((status = 200, description = "A new token pair; the old pair no longer works", body = Session)))]
pub async fn refresh(State(state): State<AppState>, ApiJson(body): ApiJson<Refresh>) -> ApiResult<Response> {
    let (member_id, issued) = credentials::refresh(&state, &body.refresh_token).await?;
    Ok(axum::Json(session_response(&state, issued, &member_id).await?).into_response())
}

#[utoipa::path(delete, path = "/v1/auth/sessions/current", tag = "auth", operation_id = "sign_out",
    responses((status = 204, description = "Signed out: the session's tokens (or this API token) stop working")))]
pub async fn sign_out(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    credentials::sign_out(&state.db, caller.session_id.as_deref(), &caller.credential_id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(get, path = "/v1/auth/tokens", tag = "auth", operation_id = "list_api_tokens",
    responses((status = 200, description = "The caller's personal API tokens (without secrets)", body = Vec<ApiToken>)))]
pub async fn list_tokens(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    let tokens = credentials::api_tokens(&state.db, &caller.member_id).await?;
    Ok(axum::Json(tokens).into_response())
}

#[utoipa::path(post, path = "/v1/auth/tokens", tag = "auth", operation_id = "create_api_token",
    request_body = NewApiToken,
    responses((status = 201, description = "The new token; its secret is shown only now", body = CreatedApiToken)))]
pub async fn create_token(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewApiToken>,
) -> ApiResult<Response> {
    let mut errors = validate::Errors::default();
    let name = validate::name(&mut errors, "name", &body.name);
    if body.expires_in_days.is_some_and(|d| !(1..=3650).contains(&d)) {
        errors.add("expires_in_days", "must be 1..=3650");
    }
    errors.into_result()?;
    let expires_at = body
        .expires_in_days
        .map(|d| now() + i64::from(d) * 86_400_000_000);
    let (token, api_token) =
        credentials::create_api_token(&state.db, caller.actor(), &caller.member_id, &name, expires_at)
            .await?;
    let id = api_token.id;
    let created = CreatedApiToken { token, api_token };
    let mut response = (StatusCode::CREATED, axum::Json(created)).into_response();
    if let Ok(location) = format!("/v1/auth/tokens/{id}").parse() {
        response
            .headers_mut()
            .insert(axum::http::header::LOCATION, location);
    }
    Ok(response)
}

#[utoipa::path(delete, path = "/v1/auth/tokens/{id}", tag = "auth", operation_id = "revoke_api_token",
    params(("id" = Uuid, Path, description = "API token id")),
    responses((status = 204, description = "Revoked. Tokens have no versions, so no If-Match is needed")))]
pub async fn revoke_token(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    credentials::revoke_api_token(&state.db, &caller.member_id, &id.to_string()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
