//! The server's shared state and its settings.

use std::sync::Arc;
use std::sync::atomic::AtomicI64;
use std::time::Duration;

use crate::auth::Hashers;
use crate::db::Db;
use crate::email::Mailer;
use crate::metrics::Metrics;
use crate::ratelimit::RateLimiter;
use crate::throttle::ThrottleSettings;

/// How a server behaves; the binary fills it from flags and environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Requests per minute per credential; 0 turns rate limiting off.
    pub rate_limit_per_minute: u32,
    pub request_timeout: Duration,
    /// Base of the accept link in invitation emails.
    pub public_url: String,
    /// `smtps://user:pass@host:465` (TLS), `smtp://user:pass@host:587?tls=required` (STARTTLS) or plain
    /// `smtp://host:25` (unencrypted: a relay on the same machine); invitation emails are only recorded
    /// and logged without it.
    pub smtp_url: Option<String>,
    pub smtp_from: String,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    /// How long a request whose `Idempotency-Key` is still in flight waits for the first request to
    /// finish (and then gets its answer) before it is told 409 `idempotency_key_in_flight`.
    pub idempotency_wait: Duration,
    /// How failed sign-ins are throttled.
    pub sign_in: ThrottleSettings,
    /// Argon2 hashes computed at once (each holds ~19 MiB); more wait their turn.
    pub max_concurrent_hashes: usize,
    /// Whether to record metrics and serve them at `/metrics` (unauthenticated).
    pub metrics: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            // Generous on purpose: tests and schemathesis must not trip it; operators lower it.
            rate_limit_per_minute: 6000,
            request_timeout: Duration::from_secs(30),
            public_url: "http://localhost:8080".to_owned(),
            smtp_url: None,
            smtp_from: "Switchboard <no-reply@switchboard.invalid>".to_owned(),
            access_token_ttl: Duration::from_secs(3600),
            refresh_token_ttl: Duration::from_secs(30 * 24 * 3600),
            idempotency_wait: Duration::from_secs(10),
            sign_in: ThrottleSettings::default(),
            max_concurrent_hashes: Hashers::default_bound(),
            // The binary turns them on; an embedded server (the desktop app's) and tests don't need them.
            metrics: false,
        }
    }
}

/// Shared state of a running server: cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub(crate) limiter: Arc<RateLimiter>,
    pub(crate) mailer: Option<Arc<Mailer>>,
    /// When (µs since the epoch) this instance next purges expired idempotency records: at its first
    /// keyed POST, then at most once a minute, so a busy server does not delete on every request.
    pub(crate) next_purge: Arc<AtomicI64>,
    /// The same for long-idle sign-in failure counts.
    pub(crate) next_throttle_purge: Arc<AtomicI64>,
    /// The turns to compute Argon2 hashes.
    pub hashers: Arc<Hashers>,
    pub(crate) metrics: Option<Arc<Metrics>>,
}

/// Why a server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("invalid SMTP URL: {0}")]
    Smtp(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl AppState {
    /// Opens the database at `database_url`, migrates it and builds the state.
    pub async fn connect(database_url: &str, settings: Settings) -> Result<AppState, StartError> {
        let db = Db::connect(database_url).await?;
        db.migrate().await?;
        AppState::new(db, settings)
    }

    /// State over an already migrated database.
    pub fn new(db: Db, settings: Settings) -> Result<AppState, StartError> {
        let mailer = match &settings.smtp_url {
            Some(url) => Some(Arc::new(
                Mailer::new(url, &settings.smtp_from).map_err(StartError::Smtp)?,
            )),
            None => None,
        };
        Ok(AppState {
            db,
            limiter: Arc::new(RateLimiter::new(settings.rate_limit_per_minute)),
            hashers: Arc::new(Hashers::new(settings.max_concurrent_hashes)),
            metrics: settings.metrics.then(Metrics::new),
            settings: Arc::new(settings),
            mailer,
            next_purge: Arc::new(AtomicI64::new(0)),
            next_throttle_purge: Arc::new(AtomicI64::new(0)),
        })
    }
}
