//! `/v1/auth`: sign in, refresh, sign out, and personal API tokens.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sqlx::Row;
use switchboard_api::ErrorCode;
use switchboard_api::auth::{ApiToken, CreatedApiToken, NewApiToken, Refresh, Session, SignIn};
use uuid::Uuid;

use crate::audit;
use crate::auth::{self, REFRESH, issue_api_token, issue_session, token_hash};
use crate::authz::Caller;
use crate::db::{instant, now};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;
use crate::store::{members, parse_id};
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
    let row = sqlx::query("SELECT id, password_hash, status FROM members WHERE email = $1")
        .bind(&email)
        .fetch_optional(state.db.pool())
        .await?;
    let (id, hash, status) = match &row {
        Some(row) => (
            Some(row.try_get::<String, _>("id")?),
            row.try_get::<Option<String>, _>("password_hash")?,
            row.try_get::<String, _>("status")?,
        ),
        None => (None, None, String::new()),
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
    if status != "active" {
        return Err(ApiError::Forbidden("this member is deactivated"));
    }
    let mut tx = state.db.begin().await?;
    let issued = issue_session(&state, tx.conn(), &id, None).await?;
    tx.commit().await?;
    let session = session_response(&state, issued, &id).await?;
    Ok((StatusCode::CREATED, axum::Json(session)).into_response())
}

#[utoipa::path(post, path = "/v1/auth/refresh", tag = "auth", operation_id = "refresh_session", security(()),
    request_body = Refresh,
    responses((status = 200, description = "A new token pair; the old pair no longer works", body = Session)))]
pub async fn refresh(State(state): State<AppState>, ApiJson(body): ApiJson<Refresh>) -> ApiResult<Response> {
    let mut tx = state.db.begin().await?;
    let row = sqlx::query(
        "SELECT c.id, c.member_id, c.session_id, c.expires_at, m.status FROM credentials c \
         JOIN members m ON m.id = c.member_id \
         WHERE c.token_hash = $1 AND c.kind = $2 AND c.revoked_at IS NULL",
    )
    .bind(token_hash(&body.refresh_token))
    .bind(REFRESH)
    .fetch_optional(tx.conn())
    .await?
    .ok_or(ApiError::Unauthorized)?;
    let expires_at: Option<i64> = row.try_get("expires_at")?;
    let status: String = row.try_get("status")?;
    if expires_at.is_some_and(|e| e <= now()) || status != "active" {
        return Err(ApiError::Unauthorized);
    }
    let member_id: String = row.try_get("member_id")?;
    let session_id: Option<String> = row.try_get("session_id")?;
    // Single use: only the request that revokes this refresh token goes on, whoever refreshed first wins.
    // Gated on the token's own row, not the session's: the new pair carries the same session id, so a
    // loser revoking "the session's live tokens" would take the winner's new pair and go on.
    let spent = sqlx::query("UPDATE credentials SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(now())
        .bind(row.try_get::<String, _>("id")?)
        .execute(tx.conn())
        .await?;
    if spent.rows_affected() == 0 {
        return Err(ApiError::Unauthorized);
    }
    // The old access token dies with it.
    sqlx::query("UPDATE credentials SET revoked_at = $1 WHERE session_id = $2 AND revoked_at IS NULL")
        .bind(now())
        .bind(&session_id)
        .execute(tx.conn())
        .await?;
    let issued = issue_session(&state, tx.conn(), &member_id, session_id.as_deref()).await?;
    tx.commit().await?;
    Ok(axum::Json(session_response(&state, issued, &member_id).await?).into_response())
}

#[utoipa::path(delete, path = "/v1/auth/sessions/current", tag = "auth", operation_id = "sign_out",
    responses((status = 204, description = "Signed out: the session's tokens (or this API token) stop working")))]
pub async fn sign_out(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    let at = now();
    match &caller.session_id {
        Some(session) => {
            sqlx::query("UPDATE credentials SET revoked_at = $1 WHERE session_id = $2 AND revoked_at IS NULL")
                .bind(at)
                .bind(session)
                .execute(state.db.pool())
                .await?
        }
        None => {
            sqlx::query("UPDATE credentials SET revoked_at = $1 WHERE id = $2")
                .bind(at)
                .bind(&caller.credential_id)
                .execute(state.db.pool())
                .await?
        }
    };
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn api_token(row: &sqlx::any::AnyRow) -> ApiResult<ApiToken> {
    Ok(ApiToken {
        id: parse_id(&row.try_get::<String, _>("id")?)?,
        name: row.try_get::<Option<String>, _>("name")?.unwrap_or_default(),
        created_at: instant(row.try_get("created_at")?),
        expires_at: row.try_get::<Option<i64>, _>("expires_at")?.map(instant),
        last_used_at: row.try_get::<Option<i64>, _>("last_used_at")?.map(instant),
    })
}

#[utoipa::path(get, path = "/v1/auth/tokens", tag = "auth", operation_id = "list_api_tokens",
    responses((status = 200, description = "The caller's personal API tokens (without secrets)", body = Vec<ApiToken>)))]
pub async fn list_tokens(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    let rows = sqlx::query(
        "SELECT id, name, created_at, expires_at, last_used_at FROM credentials \
         WHERE member_id = $1 AND kind = 'api_token' AND revoked_at IS NULL ORDER BY id",
    )
    .bind(&caller.member_id)
    .fetch_all(state.db.pool())
    .await?;
    let tokens = rows.iter().map(api_token).collect::<ApiResult<Vec<_>>>()?;
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
    let mut tx = state.db.begin().await?;
    let (id, token) = issue_api_token(tx.conn(), &caller.member_id, &name, expires_at).await?;
    audit::record(
        tx.conn(),
        caller.actor(),
        "api_token.created",
        "api_token",
        Some(&id),
        serde_json::json!({ "name": name }),
    )
    .await?;
    tx.commit().await?;
    let row =
        sqlx::query("SELECT id, name, created_at, expires_at, last_used_at FROM credentials WHERE id = $1")
            .bind(&id)
            .fetch_one(state.db.pool())
            .await?;
    let created = CreatedApiToken {
        token,
        api_token: api_token(&row)?,
    };
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
    let revoked = sqlx::query(
        "UPDATE credentials SET revoked_at = $1 WHERE id = $2 AND member_id = $3 AND kind = 'api_token' \
         AND revoked_at IS NULL",
    )
    .bind(now())
    .bind(id.to_string())
    .bind(&caller.member_id)
    .execute(state.db.pool())
    .await?;
    if revoked.rows_affected() == 0 {
        return Err(ApiError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
