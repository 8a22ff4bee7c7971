//! The reference Team API server. `app(state)` builds the whole router so that tests drive it in-process
//! and the binary (and the desktop app's local workspace) serve it over TCP with [`serve`].
//!
//! Library map: [`AppState::connect`] opens and migrates a database; [`seed`] creates the owner, the demo
//! team and generated members; [`app`] is the router; [`serve`] runs it until a shutdown future resolves;
//! [`local`] is the desktop app's embedded "local workspace". Tests get isolated databases on SQLite or
//! PostgreSQL from the `switchboard-server-testing` crate, which no shipped build carries.

pub mod audit;
pub mod auth;
pub mod authz;
pub mod codec;
pub mod db;
pub mod email;
pub mod error;
pub mod etag;
pub mod extract;
pub mod health;
pub mod idempotency;
pub mod keyset;
pub mod local;
pub mod metrics;
pub mod openapi;
pub mod permissions;
pub mod ratelimit;
pub mod recording;
pub mod routes;
pub mod scim;
pub mod seed;
pub mod state;
pub mod store;
pub mod throttle;
pub mod validate;

use std::future::Future;
use std::net::SocketAddr;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub use crate::db::Db;
pub use crate::error::ApiError;
pub use crate::state::{AppState, Settings, StartError};

/// JSON request bodies are limited to this (64 KiB).
pub const JSON_BODY_LIMIT: usize = 64 * 1024;

/// The Team API router.
pub fn app(state: AppState) -> Router {
    use axum::routing::{delete, put};
    use routes::*;
    let keyed = || middleware::from_fn_with_state(state.clone(), idempotency::idempotency);
    let avatar = Router::new()
        .route(
            "/v1/members/{id}/avatar",
            put(avatars::set_avatar)
                .get(avatars::get_avatar)
                .delete(avatars::delete_avatar),
        )
        .layer(DefaultBodyLimit::max(avatars::AVATAR_BODY_LIMIT));
    let api = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::serve_metrics))
        .route("/v1/health", get(health))
        .route("/v1/openapi.json", get(openapi::serve_document))
        .route("/v1/auth/sessions", post(auth::sign_in))
        .route("/v1/auth/sessions/current", delete(auth::sign_out))
        .route("/v1/auth/refresh", post(auth::refresh))
        .route(
            "/v1/auth/tokens",
            // Not keyed: the idempotency record would be the one copy of the new secret at rest.
            get(auth::list_tokens).post(auth::create_token),
        )
        .route("/v1/auth/tokens/{id}", delete(auth::revoke_token))
        .route("/v1/me", get(members::get_me).patch(members::update_me))
        .route("/v1/members", get(members::list_members))
        .route(
            "/v1/members/{id}",
            get(members::get_member)
                .patch(members::update_member)
                .delete(members::remove_member),
        )
        .route(
            "/v1/invitations",
            get(invitations::list_invitations)
                .post(invitations::create_invitation)
                .route_layer(keyed()),
        )
        .route(
            "/v1/invitations/batch",
            post(invitations::create_batch).route_layer(keyed()),
        )
        .route("/v1/invitations/accept", post(invitations::accept_invitation))
        .route(
            "/v1/invitations/validate",
            post(invitations::validate_invitations),
        )
        .route(
            "/v1/invitations/{id}",
            get(invitations::get_invitation).patch(invitations::update_invitation),
        )
        .route(
            "/v1/invitations/{id}/resend",
            post(invitations::resend_invitation),
        )
        .route(
            "/v1/invitations/{id}/revoke",
            post(invitations::revoke_invitation),
        )
        .route(
            "/v1/groups",
            get(groups::list_groups)
                .post(groups::create_group)
                .route_layer(keyed()),
        )
        .route(
            "/v1/groups/{id}",
            get(groups::get_group)
                .patch(groups::update_group)
                .delete(groups::delete_group),
        )
        .route(
            "/v1/groups/{id}/members/{principal_id}",
            put(groups::add_group_member).delete(groups::remove_group_member),
        )
        .route(
            "/v1/numbers",
            get(numbers::list_numbers)
                .post(numbers::create_number)
                .route_layer(keyed()),
        )
        .route(
            "/v1/numbers/{id}",
            get(numbers::get_number).patch(numbers::update_number),
        )
        .route(
            "/v1/numbers/{id}/assignees/{principal_id}",
            put(numbers::assign_number).delete(numbers::unassign_number),
        )
        .route(
            "/v1/configuration",
            get(configuration::get_configuration).patch(configuration::update_configuration),
        )
        .route("/v1/audit-events", get(audit_events::list_audit_events))
        .route("/v1/roles", get(audit_events::list_roles))
        .route("/v1/provisioning", get(provisioning::get_provisioning))
        .route("/v1/provisioning/tokens", post(provisioning::create_token))
        .route("/v1/provisioning/tokens/{id}", delete(provisioning::revoke_token))
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .merge(avatar);
    let scim = Router::new()
        .route(
            "/scim/v2/ServiceProviderConfig",
            get(scim::service_provider_config),
        )
        .route("/scim/v2/ResourceTypes", get(scim::list_resource_types))
        .route("/scim/v2/ResourceTypes/{id}", get(scim::get_resource_type))
        .route("/scim/v2/Schemas", get(scim::list_schemas))
        .route("/scim/v2/Schemas/{id}", get(scim::get_schema))
        .route("/scim/v2/.search", post(scim::search_everything))
        .route("/scim/v2/Users/.search", post(scim::search_users))
        .route("/scim/v2/Groups/.search", post(scim::search_groups))
        .route("/scim/v2/Users", get(scim::list_users).post(scim::create_user))
        .route(
            "/scim/v2/Users/{id}",
            get(scim::get_user)
                .put(scim::replace_user)
                .patch(scim::patch_user)
                .delete(scim::delete_user),
        )
        .route("/scim/v2/Groups", get(scim::list_groups).post(scim::create_group))
        .route(
            "/scim/v2/Groups/{id}",
            get(scim::get_group)
                .put(scim::replace_group)
                .patch(scim::patch_group)
                .delete(scim::delete_group),
        )
        .route("/scim/v2/{*rest}", axum::routing::any(scim::not_found))
        .layer(DefaultBodyLimit::max(scim::SCIM_BODY_LIMIT));
    let api = api.merge(scim);
    api.fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), timeout))
        // Outside the timeout, so requests it ends are counted too.
        .layer(middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

async fn not_found() -> ApiError {
    ApiError::NotFound
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// Ends a request that runs longer than the configured timeout with a problem (503 `timeout`) rather
/// than tower-http's empty body.
async fn timeout(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(state.settings.request_timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::Timeout.into_response(),
    }
}

/// Serves `app(state)` on `listener` until `shutdown` resolves, then finishes in-flight requests.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
