//! `Idempotency-Key` on every creating POST (draft-ietf-httpapi-idempotency-key).
//!
//! The key is claimed with an INSERT that conflicts on (credential, key), so exactly one request runs the
//! handler; its response (status, body and the headers that matter) is stored and every later request
//! with the same key and the same body gets it back byte for byte. A concurrent duplicate with the same
//! body waits (`Settings::idempotency_wait`, 10 s) for the first to finish and then replays it (ten
//! identical racing POSTs make one invitation and ten identical answers); if the first is still running
//! after the wait → 409 `idempotency_key_in_flight`, which a client retries, unlike the 409s of the
//! resources themselves (`invitation_pending`, `already_member`, …). A different body → 422
//! `idempotency_key_reused`; no key → 400. 5xx answers are not stored: the claim is released so a retry
//! can run again.
//!
//! Records are kept 24 hours per credential, as the contract says; older ones no longer replay (the key
//! runs anew) and are purged by the next keyed POST, at most once a minute per instance.
//!
//! The credential is the sign-in session or the API token that authenticated the request, not the member
//! behind it. A session keeps its id across refreshes, so the desktop app's outbox retrying after its
//! access token was refreshed still gets the first answer. Per member would also let one credential be
//! answered with what another asked for. The price: a retry after signing in again is a new credential
//! and runs anew, and then the resource's own rule answers (an invitation already made → 409
//! `invitation_pending`), so nothing is created twice.
//!
//! Keyed: `POST /invitations`, `/invitations/batch`, `/groups`, `/numbers`. Not keyed: sign-in, refresh
//! and accept (credential exchanges with no caller to scope a key to; accept is single-use by its token),
//! resend/revoke (they change, not create, and repeat harmlessly), and the two that answer with a new
//! secret, `POST /auth/tokens` and `/provisioning/tokens`: the stored answer would keep that secret in
//! plain text in the database for a day (where the token itself is kept hashed), and a replay would hand
//! it out a second time. A client whose answer was lost sees the token in the list, revokes it and
//! creates another.

use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::FutureExt;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::JSON_BODY_LIMIT;
use crate::authz::Caller;
use crate::db::now;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use switchboard_api::ErrorCode;

pub const HEADER: &str = "idempotency-key";
/// Records replay for this long after their request was claimed, and are purged after it.
const RETENTION_MICROS: i64 = 24 * 3600 * 1_000_000;
/// An instance purges expired records at most this often.
const PURGE_EVERY_MICROS: i64 = 60 * 1_000_000;
/// A claim older than this whose request never finished (a crashed instance) may be taken over.
const ABANDONED_MICROS: i64 = 60 * 1_000_000;

/// Middleware for the routes whose POST creates something.
pub async fn idempotency(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    match run(state, request, next).await {
        Ok(response) => response,
        Err(err) => err.into_response(),
    }
}

async fn run(state: AppState, request: Request, next: Next) -> ApiResult<Response> {
    let (mut parts, body) = request.into_parts();
    // Authenticate first: anonymous requests are 401 whatever their key, and the record is per credential.
    let caller = Caller::from_request_parts(&mut parts, &state).await?;
    let key = match parts.headers.get(HEADER).map(|v| v.to_str()) {
        None => {
            return Err(ApiError::bad_request(
                ErrorCode::IdempotencyKeyMissing,
                "this POST needs an Idempotency-Key header",
            ));
        }
        Some(Ok(key)) if (1..=255).contains(&key.trim().len()) => key.trim().to_owned(),
        Some(_) => {
            return Err(ApiError::bad_request(
                ErrorCode::IdempotencyKeyInvalid,
                "Idempotency-Key must be 1 to 255 visible characters",
            ));
        }
    };
    let bytes = axum::body::to_bytes(body, JSON_BODY_LIMIT)
        .await
        .map_err(|_| ApiError::PayloadTooLarge("JSON bodies are limited to 64 KiB".into()))?;
    let mut hasher = Sha256::new();
    hasher.update(parts.method.as_str().as_bytes());
    hasher.update(b" ");
    hasher.update(parts.uri.path().as_bytes());
    hasher.update(b"\n");
    hasher.update(&bytes);
    let request_hash = hex::encode(hasher.finalize());
    let credential = credential_of(&caller);

    let started = tokio::time::Instant::now();
    // What the claiming task hands back when the key was taken: the request, to try again with.
    let mut unclaimed = Some((parts, bytes, next));
    loop {
        let Some((parts, bytes, next)) = unclaimed.take() else {
            return Err(ApiError::Internal("a keyed request lost its body".into()));
        };
        // Claiming the key, and then running the request and storing its answer, happen in a task of
        // their own that finishes even when this future is dropped (the client hung up, or the request
        // timed out). Dropped between the claim and the stored answer, the key would stay in flight until
        // it counts as abandoned, and a retry would then run the request again instead of replaying its
        // answer (an invitation already made is then refused as invitation_pending, not answered 201).
        let at = now();
        let claim = {
            let state = state.clone();
            let (credential, key, request_hash) = (credential.clone(), key.clone(), request_hash.clone());
            tokio::spawn(async move {
                let claimed = sqlx::query(
                    "INSERT INTO idempotency_keys (credential, key, request_hash, state, created_at) \
                     VALUES ($1, $2, $3, 'in_flight', $4) ON CONFLICT DO NOTHING",
                )
                .bind(&credential)
                .bind(&key)
                .bind(&request_hash)
                .bind(at)
                .execute(state.db.pool())
                .await?;
                if claimed.rows_affected() != 1 {
                    return Ok(Err((parts, bytes, next)));
                }
                purge_now_and_then(&state).await;
                // A handler that panics releases the key (as a 5xx does), so a retry runs again at once
                // instead of waiting for the claim to count as abandoned.
                let run = next.run(Request::from_parts(parts, Body::from(bytes)));
                let response = match std::panic::AssertUnwindSafe(run).catch_unwind().await {
                    Ok(response) => response,
                    Err(_) => {
                        release(&state, &credential, &key).await;
                        return Err(ApiError::Internal("a keyed request's handler panicked".into()));
                    }
                };
                finish(&state, &credential, &key, response).await.map(Ok)
            })
        };
        match claim
            .await
            .map_err(|e| ApiError::Internal(format!("a keyed request's task failed: {e}")))??
        {
            Ok(response) => return Ok(response),
            Err(request) => unclaimed = Some(request),
        }
        let Some(row) = sqlx::query(
            "SELECT request_hash, state, status, content_type, location, etag, body, created_at \
             FROM idempotency_keys WHERE credential = $1 AND key = $2",
        )
        .bind(&credential)
        .bind(&key)
        .fetch_optional(state.db.pool())
        .await?
        else {
            // Released (a 5xx) or purged between our INSERT and SELECT: claim again.
            continue;
        };
        let created_at: i64 = row.try_get("created_at")?;
        let record_state: String = row.try_get("state")?;
        let stale = (record_state == "done" && at - created_at > RETENTION_MICROS)
            || (record_state == "in_flight" && at - created_at > ABANDONED_MICROS);
        if stale {
            sqlx::query(
                "DELETE FROM idempotency_keys WHERE credential = $1 AND key = $2 AND created_at = $3",
            )
            .bind(&credential)
            .bind(&key)
            .bind(created_at)
            .execute(state.db.pool())
            .await?;
            continue;
        }
        if row.try_get::<String, _>("request_hash")? != request_hash {
            return Err(ApiError::unprocessable(
                ErrorCode::IdempotencyKeyReused,
                "this Idempotency-Key was used with a different request",
            ));
        }
        if record_state == "done" {
            return replay(&row);
        }
        if started.elapsed() >= state.settings.idempotency_wait {
            return Err(ApiError::conflict(
                ErrorCode::IdempotencyKeyInFlight,
                "a request with this Idempotency-Key is still being processed; retry shortly",
            ));
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Stores the handler's response (or releases the claim on a 5xx) and answers with the stored bytes.
async fn finish(state: &AppState, credential: &str, key: &str, response: Response) -> ApiResult<Response> {
    let (parts, body) = response.into_parts();
    let status = parts.status;
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(e) => {
            release(state, credential, key).await;
            return Err(ApiError::Internal(format!("reading a response body: {e}")));
        }
    };
    if status.is_server_error() {
        release(state, credential, key).await;
        return Ok(Response::from_parts(parts, Body::from(bytes)));
    }
    let header = |name: header::HeaderName| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    sqlx::query(
        "UPDATE idempotency_keys SET state = 'done', status = $1, content_type = $2, location = $3, etag = $4, \
         body = $5 WHERE credential = $6 AND key = $7",
    )
    .bind(i64::from(status.as_u16()))
    .bind(header(header::CONTENT_TYPE))
    .bind(header(header::LOCATION))
    .bind(header(header::ETAG))
    .bind(bytes.to_vec())
    .bind(credential)
    .bind(key)
    .execute(state.db.pool())
    .await?;
    Ok(build(status, &parts.headers, bytes.to_vec()))
}

fn replay(row: &sqlx::any::AnyRow) -> ApiResult<Response> {
    let status = StatusCode::from_u16(u16::try_from(row.try_get::<i64, _>("status")?).unwrap_or(500))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut headers = HeaderMap::new();
    for (column, name) in [
        ("content_type", header::CONTENT_TYPE),
        ("location", header::LOCATION),
        ("etag", header::ETAG),
    ] {
        if let Some(value) = row.try_get::<Option<String>, _>(column)?
            && let Ok(value) = HeaderValue::from_str(&value)
        {
            headers.insert(name, value);
        }
    }
    Ok(build(
        status,
        &headers,
        row.try_get::<Option<Vec<u8>>, _>("body")?.unwrap_or_default(),
    ))
}

/// The same answer for the first request and every replay: status, body and these three headers.
fn build(status: StatusCode, headers: &HeaderMap, body: Vec<u8>) -> Response {
    let mut response = (status, body).into_response();
    for name in [header::CONTENT_TYPE, header::LOCATION, header::ETAG] {
        match headers.get(&name) {
            Some(value) => {
                response.headers_mut().insert(name, value.clone());
            }
            None => {
                response.headers_mut().remove(name);
            }
        }
    }
    response
}

async fn release(state: &AppState, credential: &str, key: &str) {
    let released = sqlx::query(
        "DELETE FROM idempotency_keys WHERE credential = $1 AND key = $2 AND state = 'in_flight'",
    )
    .bind(credential)
    .bind(key)
    .execute(state.db.pool())
    .await;
    if let Err(e) = released {
        tracing::warn!(error = %e, "could not release an idempotency key");
    }
}

/// The key space of a request: its sign-in session (the same across refreshes) or its API token.
fn credential_of(caller: &Caller) -> String {
    match &caller.session_id {
        Some(session) => format!("session:{session}"),
        None => format!("token:{}", caller.credential_id),
    }
}

/// Deletes the records past their 24 hours, when this instance has not done so in the last minute.
async fn purge_now_and_then(state: &AppState) {
    let at = now();
    let due = state.next_purge.load(Ordering::Relaxed);
    if at < due
        || state
            .next_purge
            .compare_exchange(due, at + PURGE_EVERY_MICROS, Ordering::Relaxed, Ordering::Relaxed)
            .is_err()
    {
        return;
    }
    let purged = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(at - RETENTION_MICROS)
        .execute(state.db.pool())
        .await;
    if let Err(e) = purged {
        tracing::warn!(error = %e, "could not purge old idempotency keys");
    }
}
