//! Isolated databases for tests, on SQLite (a temporary file) and, when `SWITCHBOARD_TEST_POSTGRES_URL`
//! names a server, on PostgreSQL (a fresh `CREATE DATABASE` per test), plus a signed-in team to test with.
//! The in-process route tests and the over-TCP suites both build on this, so both run the same code on
//! both databases. A crate of its own, used only as a dev-dependency, so that no build of the app or the
//! server carries it and a test build resolves the server crate exactly as the app's build does.

use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::Connection;

use switchboard_server::auth::issue_api_token;
use switchboard_server::db::{Backend, Db, Tx, new_id, now};
use switchboard_server::error::ApiError;
use switchboard_server::seed;
use switchboard_server::state::{AppState, Settings, StartError};

/// Env var naming a PostgreSQL server (any database on it) where tests may create databases.
pub const POSTGRES_ENV: &str = "SWITCHBOARD_TEST_POSTGRES_URL";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestBackend {
    Sqlite,
    Postgres,
}

/// SQLite always; PostgreSQL too when `SWITCHBOARD_TEST_POSTGRES_URL` is set.
pub fn backends() -> Vec<TestBackend> {
    let mut backends = vec![TestBackend::Sqlite];
    if std::env::var(POSTGRES_ENV).is_ok_and(|v| !v.is_empty()) {
        backends.push(TestBackend::Postgres);
    }
    backends
}

/// A database no other test uses; a SQLite file lives as long as this value.
#[derive(Debug)]
pub struct TestDatabase {
    pub url: String,
    pub backend: TestBackend,
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    /// Creates an empty (unmigrated) database. Pass `url` to `switchboard-server serve --database-url`,
    /// or call [`TestDatabase::state`].
    pub async fn create(backend: TestBackend) -> Result<TestDatabase, StartError> {
        match backend {
            TestBackend::Sqlite => {
                let dir = tempfile::tempdir()?;
                let url = format!("sqlite://{}", dir.path().join("switchboard.db").display());
                Ok(TestDatabase {
                    url,
                    backend,
                    _dir: Some(dir),
                })
            }
            TestBackend::Postgres => {
                static SEQ: AtomicU64 = AtomicU64::new(0);
                let admin = std::env::var(POSTGRES_ENV).map_err(|_| {
                    StartError::Database(sqlx::Error::Configuration(
                        format!("{POSTGRES_ENV} is not set").into(),
                    ))
                })?;
                let name = format!(
                    "sb_test_{}_{}_{}",
                    std::process::id(),
                    SEQ.fetch_add(1, Ordering::Relaxed),
                    &new_id()[24..]
                );
                let mut conn = sqlx::PgConnection::connect(&admin).await?;
                sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str()).await?;
                conn.close().await?;
                let mut url = url::Url::parse(&admin)
                    .map_err(|e| StartError::Database(sqlx::Error::Configuration(e.to_string().into())))?;
                url.set_path(&name);
                Ok(TestDatabase {
                    url: url.to_string(),
                    backend,
                    _dir: None,
                })
            }
        }
    }

    /// Connects, migrates and builds a state with `settings`.
    pub async fn state(&self, settings: Settings) -> Result<AppState, StartError> {
        AppState::connect(&self.url, settings).await
    }
}

/// A team to test with: an owner (with a password), an admin and a member, each with an API token.
#[derive(Debug)]
pub struct TestTeam {
    pub database: TestDatabase,
    pub state: AppState,
    pub owner_email: String,
    pub owner_password: String,
    pub owner_id: String,
    pub owner_token: String,
    pub admin_id: String,
    pub admin_token: String,
    pub member_id: String,
    pub member_token: String,
}

impl TestTeam {
    pub async fn new(backend: TestBackend) -> Result<TestTeam, StartError> {
        TestTeam::with_settings(backend, Settings::default()).await
    }

    pub async fn with_settings(backend: TestBackend, settings: Settings) -> Result<TestTeam, StartError> {
        let database = TestDatabase::create(backend).await?;
        let state = database.state(settings).await?;
        let owner_email = "olivia.owner@example.com".to_owned();
        let owner_password = "correct horse battery".to_owned();
        let owner_id = seed::owner(&state.db, &owner_email, &owner_password)
            .await
            .map_err(api_to_start)?;
        let admin_id = add_member(&state.db, "adam.admin@example.com", "Adam Admin", "admin").await?;
        let member_id = add_member(&state.db, "mia.member@example.com", "Mia Member", "member").await?;
        let mut tokens = Vec::new();
        for id in [&owner_id, &admin_id, &member_id] {
            let mut conn = state.db.pool().acquire().await?;
            let (_, token) = issue_api_token(&mut conn, id, "test", None)
                .await
                .map_err(api_to_start)?;
            tokens.push(token);
        }
        let member_token = tokens.pop().unwrap_or_default();
        let admin_token = tokens.pop().unwrap_or_default();
        let owner_token = tokens.pop().unwrap_or_default();
        Ok(TestTeam {
            database,
            state,
            owner_email,
            owner_password,
            owner_id,
            owner_token,
            admin_id,
            admin_token,
            member_id,
            member_token,
        })
    }
}

/// Requests' write transactions held back, as by a long transaction ahead of them, until dropped.
pub enum WriteHold {
    /// SQLite: the head of this process's queue of write transactions.
    Queue(tokio::sync::OwnedMutexGuard<()>),
    /// PostgreSQL: a transaction holding the resource tables in EXCLUSIVE mode (reads go on).
    Locks(Tx),
}

impl TestTeam {
    /// Holds back what requests write in their transactions (invitations, groups, numbers), but not
    /// what comes before them (authentication, idempotency claims): a request then stays in flight
    /// between claiming its `Idempotency-Key` and answering, as behind another admin's long
    /// transaction, until the hold is dropped.
    pub async fn hold_writes(&self) -> Result<WriteHold, sqlx::Error> {
        match self.state.db.backend() {
            Backend::Sqlite => Ok(WriteHold::Queue(self.state.db.hold_writers().await)),
            Backend::Postgres => {
                let mut tx = self.state.db.begin().await?;
                sqlx::query("LOCK TABLE invitations, groups, numbers IN EXCLUSIVE MODE")
                    .execute(tx.conn())
                    .await?;
                Ok(WriteHold::Locks(tx))
            }
        }
    }
}

/// Inserts an active member without a password; returns its id.
pub async fn add_member(db: &Db, email: &str, name: &str, role: &str) -> Result<String, StartError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO members (id, email, name, role, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(&id)
    .bind(email)
    .bind(name)
    .bind(role)
    .bind(now())
    .execute(db.pool())
    .await?;
    Ok(id)
}

fn api_to_start(err: ApiError) -> StartError {
    StartError::Database(sqlx::Error::Protocol(err.to_string()))
}
