//! Probes for load balancers and orchestrators, outside `/v1` and without credentials: `/healthz` says
//! the process serves (liveness: restart it if not), `/readyz` says it can do its work now — the
//! database answers and has every migration this build knows (readiness: send it traffic or not).

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use switchboard_api::ErrorCode;

use crate::error::ApiError;
use crate::state::AppState;

/// A probe waits no longer than this for the database: a balancer's probe has its own short timeout,
/// and a database that slow is not ready.
const READY_WITHIN: Duration = Duration::from_secs(3);

/// `GET /healthz`: 200 whenever the server answers at all.
pub async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

/// `GET /readyz`: 200 when the database answers and is fully migrated, else 503 `unavailable`.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let unavailable = |detail: String| {
        ApiError::Coded {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: ErrorCode::Unavailable,
            detail,
        }
        .into_response()
    };
    match tokio::time::timeout(READY_WITHIN, state.db.pending_migrations()).await {
        Ok(Ok(0)) => Json(serde_json::json!({ "status": "ready" })).into_response(),
        Ok(Ok(pending)) => unavailable(format!("the database lacks {pending} migration(s) of this build")),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness: the database does not answer");
            unavailable("the database does not answer".to_owned())
        }
        Err(_) => unavailable("the database does not answer in time".to_owned()),
    }
}
