//! The reference Team API server. `app(state)` builds the whole router so that tests drive it in-process
//! and the binary (and the desktop app's local workspace) serve it over TCP.

use axum::{Json, Router, routing::get};

/// Shared state of a running server.
#[derive(Clone, Default)]
pub struct AppState {}

/// The Team API router.
pub fn app(state: AppState) -> Router {
    Router::new().route("/v1/health", get(health)).with_state(state)
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use tower::ServiceExt;

    #[tokio::test]
    async fn health_answers_ok() {
        let response = app(AppState::default())
            .oneshot(Request::get("/v1/health").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
}
