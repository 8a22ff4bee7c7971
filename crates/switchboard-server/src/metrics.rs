//! Prometheus metrics at `GET /metrics`: requests and their latency by route template and status, the
//! database pool, and the password hashes running.
//!
//! Why `metrics` + `metrics-exporter-prometheus`: the facade is the one the Rust ecosystem records
//! through, and the exporter renders the text format from a recorder handle, so `/metrics` is one more
//! route of ours rather than a second listener (its `http-listener` and `push-gateway` features are off).
//! Each server state owns its recorder and records through `metrics::with_local_recorder` instead of
//! installing a process-wide one: the desktop app embeds the server, and tests run several servers in
//! one process, and none of them should see another's counts.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusRecorder};

use crate::db::now;
use crate::error::ApiError;
use crate::state::AppState;

const REQUESTS: &str = "switchboard_http_requests_total";
const DURATION: &str = "switchboard_http_request_duration_seconds";
/// Latency buckets (seconds): from a cached read to the request timeout.
const BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];
/// Histogram samples are folded into their buckets at least this often (µs), so they don't pile up
/// between scrapes.
const UPKEEP_EVERY_MICROS: i64 = 5_000_000;

/// One server's metrics.
pub struct Metrics {
    recorder: PrometheusRecorder,
    next_upkeep: AtomicI64,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Metrics {
    pub fn new() -> Arc<Metrics> {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(DURATION.to_owned()), BUCKETS)
            .unwrap_or_else(|_| PrometheusBuilder::new());
        Arc::new(Metrics {
            recorder: builder.build_recorder(),
            next_upkeep: AtomicI64::new(0),
        })
    }

    fn upkeep_now_and_then(&self) {
        let at = now();
        let due = self.next_upkeep.load(Ordering::Relaxed);
        if at >= due
            && self
                .next_upkeep
                .compare_exchange(
                    due,
                    at + UPKEEP_EVERY_MICROS,
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                )
                .is_ok()
        {
            self.recorder.handle().run_upkeep();
        }
    }
}

/// Counts and times every request under its route template (`/v1/members/{id}`, never the raw path, so
/// ids don't make a series each); requests that match no route are `unmatched`.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(metrics) = state.metrics.clone() else {
        return next.run(request).await;
    };
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let response = next.run(request).await;
    let labels = [
        ("method", method),
        ("route", route),
        ("status", response.status().as_u16().to_string()),
    ];
    metrics::with_local_recorder(&metrics.recorder, || {
        metrics::counter!(REQUESTS, &labels).increment(1);
        metrics::histogram!(DURATION, &labels).record(started.elapsed().as_secs_f64());
    });
    metrics.upkeep_now_and_then();
    response
}

/// `GET /metrics`: the Prometheus text format.
pub async fn serve_metrics(State(state): State<AppState>) -> Response {
    let Some(metrics) = state.metrics.clone() else {
        return ApiError::NotFound.into_response();
    };
    let pool = state.db.pool();
    metrics::with_local_recorder(&metrics.recorder, || {
        metrics::gauge!("switchboard_db_pool_connections").set(f64::from(pool.size()));
        metrics::gauge!("switchboard_db_pool_idle_connections").set(pool.num_idle() as f64);
        metrics::gauge!("switchboard_db_pool_max_connections")
            .set(f64::from(pool.options().get_max_connections()));
        metrics::gauge!("switchboard_password_hashes_running").set(state.hashers.running() as f64);
    });
    let handle = metrics.recorder.handle();
    handle.run_upkeep();
    let mut response = handle.render().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}
