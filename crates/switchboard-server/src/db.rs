//! The one data-access layer for SQLite and PostgreSQL.
//!
//! Why sqlx `Any` rather than an enum over two pools: every query is written once, in the common subset
//! of both dialects (`$1` placeholders — SQLite accepts them too —, `ON CONFLICT`, partial indexes, row
//! values), and values are restricted to what `Any` carries (text, 64-bit integers, bytes). An enum would
//! double every query call site for no gain. What differs lives here: connection options, the migration
//! folder, and SQLite's single writer (see [`Db::begin`]).

use std::str::FromStr;
use std::sync::{Arc, Once};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyConnection, AnyPool, Executor, Transaction};
use time::OffsetDateTime;
use tokio::sync::{Mutex, OwnedMutexGuard};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A pool on either database.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// SQLite allows one writer, and a deferred transaction that reads and then writes fails at once
    /// (SQLITE_BUSY_SNAPSHOT, no busy-wait) when any other connection wrote in between. So SQLite write
    /// transactions start with `BEGIN IMMEDIATE` (taking the write lock up front, waiting on
    /// busy_timeout), and in-process they queue on this lock first so they do not spin on the file lock.
    /// PostgreSQL needs neither (row locks and the `version` compare-and-swap suffice).
    write_lock: Arc<Mutex<()>>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

/// A write transaction (holding SQLite's writer lock while it lives).
pub struct Tx {
    tx: Transaction<'static, Any>,
    _writer: Option<OwnedMutexGuard<()>>,
}

impl Tx {
    pub fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl Db {
    /// Connects to `sqlite:PATH` (created if missing, WAL), `sqlite::memory:` or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        static DRIVERS: Once = Once::new();
        DRIVERS.call_once(sqlx::any::install_default_drivers);

        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(sqlx::Error::Configuration(
                "the database URL must start with sqlite: or postgres://".into(),
            ));
        };
        let pool = match backend {
            Backend::Sqlite => {
                let memory = url.contains(":memory:") || url.contains("mode=memory");
                let url = if memory || url.contains("mode=") {
                    url.to_owned()
                } else if url.contains('?') {
                    format!("{url}&mode=rwc")
                } else {
                    format!("{url}?mode=rwc")
                };
                let options = AnyConnectOptions::from_str(&url)?;
                AnyPoolOptions::new()
                    // An in-memory database lives in its connection: exactly one, never recycled.
                    .max_connections(if memory { 1 } else { 8 })
                    .min_connections(if memory { 1 } else { 0 })
                    .idle_timeout(if memory {
                        None
                    } else {
                        Some(std::time::Duration::from_secs(600))
                    })
                    .max_lifetime(if memory {
                        None
                    } else {
                        Some(std::time::Duration::from_secs(1800))
                    })
                    .after_connect(move |conn, _| {
                        Box::pin(async move {
                            if !memory {
                                conn.execute("PRAGMA journal_mode = WAL").await?;
                                conn.execute("PRAGMA synchronous = NORMAL").await?;
                            }
                            conn.execute("PRAGMA foreign_keys = ON").await?;
                            conn.execute("PRAGMA busy_timeout = 10000").await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?
            }
            Backend::Postgres => {
                let options = AnyConnectOptions::from_str(url)?;
                AnyPoolOptions::new()
                    .max_connections(16)
                    .connect_with(options)
                    .await?
            }
        };
        Ok(Db {
            pool,
            backend,
            write_lock: Arc::new(Mutex::new(())),
        })
    }

    /// Applies the embedded migrations of this backend.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await,
        }
    }

    /// How many of this build's migrations the database has not applied (successfully).
    pub async fn pending_migrations(&self) -> Result<usize, sqlx::Error> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        let applied: Vec<i64> =
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_all(&self.pool)
                .await?;
        Ok(migrator
            .iter()
            .filter(|m| m.migration_type.is_up_migration() && !applied.contains(&m.version))
            .count())
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Begins a transaction that may write.
    ///
    /// The BEGIN runs in a task of its own, which finishes even when the request that asked for it is
    /// dropped meanwhile (its client hung up, or it timed out): sqlx's `begin` dropped halfway returns
    /// the connection to the pool inside a transaction that nothing rolls back, and on SQLite that
    /// connection then holds the database's write lock. Finished in its own task, the transaction is
    /// dropped there, and so rolled back.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        let writer = match self.backend {
            Backend::Sqlite => Some(self.write_lock.clone().lock_owned().await),
            Backend::Postgres => None,
        };
        let pool = self.pool.clone();
        let backend = self.backend;
        let tx = tokio::spawn(async move {
            match backend {
                Backend::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await,
                Backend::Postgres => pool.begin().await,
            }
        })
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("beginning a transaction: {e}")))??;
        Ok(Tx { tx, _writer: writer })
    }

    /// Takes the place at the head of this process's queue of SQLite write transactions (see
    /// [`Db::begin`]) until the guard is dropped; for tests that hold requests as a long transaction
    /// would (the tests' `TestTeam::hold_writes`).
    #[doc(hidden)]
    pub async fn hold_writers(&self) -> OwnedMutexGuard<()> {
        self.write_lock.clone().lock_owned().await
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A value for a query assembled at run time (filters, `IN` lists).
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Int(i64),
    /// A nullable text column's value.
    OptionalText(Option<String>),
    /// A nullable integer column's value.
    OptionalInt(Option<i64>),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<Option<String>> for Arg {
    fn from(text: Option<String>) -> Arg {
        Arg::OptionalText(text)
    }
}

impl From<Option<i64>> for Arg {
    fn from(int: Option<i64>) -> Arg {
        Arg::OptionalInt(int)
    }
}

impl From<i64> for Arg {
    fn from(int: i64) -> Arg {
        Arg::Int(int)
    }
}

/// Booleans are stored as 0 or 1 on both databases.
impl From<bool> for Arg {
    fn from(flag: bool) -> Arg {
        Arg::Int(i64::from(flag))
    }
}

/// SQL text plus its arguments, numbering `$n` placeholders as arguments are pushed.
#[derive(Debug, Default)]
pub struct Sql {
    pub text: String,
    pub args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: &str) -> Sql {
        Sql {
            text: text.to_owned(),
            args: Vec::new(),
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder bound to `arg`.
    pub fn bind(&mut self, arg: Arg) -> &mut Sql {
        self.args.push(arg);
        self.text.push_str(&format!("${}", self.args.len()));
        self
    }

    /// Appends `(…)` with one placeholder per id.
    pub fn bind_list(&mut self, ids: &[String]) -> &mut Sql {
        self.text.push('(');
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(Arg::Text(id.clone()));
        }
        self.text.push(')');
        self
    }

    /// Appends `other` (text and arguments), renumbering its placeholders to follow this one's. The
    /// queries assembled here hold `$` only in placeholders.
    pub fn append(&mut self, other: &Sql) -> &mut Sql {
        let offset = self.args.len();
        let mut chars = other.text.chars().peekable();
        while let Some(c) = chars.next() {
            self.text.push(c);
            if c != '$' {
                continue;
            }
            let mut digits = String::new();
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                digits.push(d);
            }
            match digits.parse::<usize>() {
                Ok(n) => self.text.push_str(&(n + offset).to_string()),
                Err(_) => self.text.push_str(&digits),
            }
        }
        self.args.extend(other.args.iter().cloned());
        self
    }

    pub fn query(&self) -> sqlx::query::Query<'_, Any, sqlx::any::AnyArguments<'_>> {
        let mut query = sqlx::query(&self.text);
        for arg in &self.args {
            query = match arg {
                Arg::Text(text) => query.bind(text.as_str()),
                Arg::Int(int) => query.bind(*int),
                Arg::OptionalText(text) => query.bind(text.as_deref()),
                Arg::OptionalInt(int) => query.bind(*int),
            };
        }
        query
    }
}

/// Now, in the schema's unit (microseconds since the epoch).
pub fn now() -> i64 {
    micros(OffsetDateTime::now_utc())
}

pub fn micros(at: OffsetDateTime) -> i64 {
    (at.unix_timestamp_nanos() / 1000) as i64
}

pub fn instant(micros: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// True when `err` is a unique-constraint violation (a duplicate the schema refused).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    err.as_database_error().is_some_and(|e| e.is_unique_violation())
}

/// A new time-ordered id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// `LIKE` pattern matching `q` anywhere, case-insensitively (compare against `lower(column)`), with
/// `%`, `_` and `\` in `q` taken literally (use `ESCAPE '\'`).
pub fn like_pattern(q: &str) -> String {
    let mut pattern = String::from("%");
    for c in q.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::state::{AppState, Settings};

    // A request dropped while its transaction begins (its client hung up, or it timed out) must not
    // leave SQLite's write lock taken for every later request.
    #[test]
    fn appended_sql_continues_the_numbering() {
        use super::{Arg, Sql};
        let mut sql = Sql::new("SELECT 1 WHERE a = ");
        sql.bind(Arg::Int(1));
        let mut filters = Sql::new("");
        filters
            .push(" AND b = ")
            .bind(Arg::Int(2))
            .push(" AND c = ")
            .bind(Arg::Int(3));
        sql.append(&filters).push(" LIMIT ").bind(Arg::Int(4));
        assert_eq!(sql.text, "SELECT 1 WHERE a = $1 AND b = $2 AND c = $3 LIMIT $4");
        assert_eq!(sql.args.len(), 4);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_transaction_dropped_while_it_begins_keeps_no_lock() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("switchboard.db").display());
        let db = AppState::connect(&url, Settings::default()).await.unwrap().db;
        for round in 0..100u64 {
            {
                let begin = db.begin();
                tokio::pin!(begin);
                let _ = futures::poll!(&mut begin);
                // Long enough, in some rounds, for the BEGIN to run before the request is dropped.
                std::thread::sleep(Duration::from_micros(100 + round % 10 * 50));
            }
            let write = tokio::time::timeout(
                Duration::from_secs(5),
                sqlx::query("UPDATE configuration SET version = version").execute(db.pool()),
            )
            .await;
            assert!(matches!(write, Ok(Ok(_))), "round {round}: {write:?}");
        }
    }
}
