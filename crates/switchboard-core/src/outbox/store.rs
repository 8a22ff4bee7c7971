//! The outbox's durable half: one SQLite file in the app data dir (WAL, `synchronous=FULL`, its integrity
//! checked when it opens). An invite is written here, with a fresh idempotency key, before any network
//! call; it leaves only once the server's success is in hand. So a crash at any moment loses nothing,
//! and the key makes a resend after a crash replay the server's first answer instead of inviting twice.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{Connection, Row};
use switchboard_api::invitations::NewInvitation;
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{Error, Result};

/// The file's name inside the app data dir.
pub const FILE_NAME: &str = "outbox.db";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    account TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    invitation TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'needs_attention')),
    attempts INTEGER NOT NULL DEFAULT 0,
    maybe_sent INTEGER NOT NULL DEFAULT 0,
    first_attempt_at INTEGER,
    next_attempt_at INTEGER NOT NULL,
    not_before INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_error_code TEXT,
    field_errors TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX IF NOT EXISTS outbox_by_workspace ON outbox (workspace_id, seq);
CREATE INDEX IF NOT EXISTS outbox_by_account ON outbox (account);
";

/// Columns added after the first release, with their definitions: an outbox file made before them gets
/// them when it opens (`CREATE TABLE IF NOT EXISTS` leaves an existing table as it was).
const ADDED_COLUMNS: &[(&str, &str)] = &[
    ("not_before", "INTEGER NOT NULL DEFAULT 0"),
    ("first_attempt_at", "INTEGER"),
];

/// Where an entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OutboxState {
    /// Waiting to be sent (again).
    Queued,
    /// The server refused it for a reason sending again won't change: the admin edits or discards it.
    NeedsAttention,
}

impl OutboxState {
    fn name(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::NeedsAttention => "needs_attention",
        }
    }
}

/// One invite in the outbox, as the UI lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OutboxEntry {
    pub id: String,
    pub workspace_id: String,
    pub invitation: NewInvitation,
    pub state: OutboxState,
    /// Failed attempts so far.
    pub attempts: u32,
    /// When it is next sent (ms since the Unix epoch), while queued.
    #[ts(type = "number")]
    pub next_attempt_at: i64,
    /// The server's `Retry-After` for its workspace ends then (ms since the Unix epoch; 0: none): nothing
    /// wakes the entry before it.
    #[serde(skip)]
    pub not_before: i64,
    /// Why the last attempt failed, in the server's words when it answered.
    pub last_error: Option<String>,
    pub last_error_code: Option<String>,
    /// The server's per-field problems with the last attempt.
    pub field_errors: BTreeMap<String, Vec<String>>,
    #[ts(type = "number")]
    pub created_at: i64,
    /// The key every attempt of this entry is sent with; replaced only when the invite itself changes.
    #[serde(skip)]
    pub idempotency_key: Uuid,
    /// An attempt failed without a clear answer, so the server may have made the invitation.
    #[serde(skip)]
    pub maybe_sent: bool,
    /// When the first attempt that failed began (ms since the Unix epoch): its key replays the server's
    /// answer for a day from about then, and no longer.
    #[serde(skip)]
    pub first_attempt_at: Option<i64>,
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The outbox database.
#[derive(Debug, Clone)]
pub struct OutboxStore {
    pool: SqlitePool,
}

fn storage(error: impl std::fmt::Display) -> Error {
    Error::Outbox {
        detail: error.to_string(),
    }
}

/// SQLite's "database disk image is malformed" (11, and its extended forms) and "file is not a database"
/// (26) mean a damaged
/// file; anything else is a failure to use a sound one.
fn damaged_or_storage(error: sqlx::Error) -> Error {
    match &error {
        // The primary code is the low byte of the extended one (SQLITE_CORRUPT_INDEX is 779, …).
        sqlx::Error::Database(db)
            if matches!(
                db.code()
                    .and_then(|code| code.parse::<i32>().ok())
                    .map(|code| code & 0xff),
                Some(11 | 26)
            ) =>
        {
            Error::OutboxCorrupt {
                detail: db.message().to_owned(),
            }
        }
        _ => storage(error),
    }
}

impl OutboxStore {
    /// Opens (or creates) the outbox at `path`. A file that fails SQLite's integrity check is moved
    /// aside (kept, next to it, for recovery) and a new one started, so a damaged file can't stop the
    /// app from inviting; the error is logged.
    pub async fn open(path: &Path) -> Result<OutboxStore> {
        match Self::open_checked(path).await {
            Err(Error::OutboxCorrupt { detail }) => {
                let aside = path.with_extension(format!("corrupt-{}.db", now_ms()));
                tracing::error!(%detail, aside = %aside.display(), "the outbox failed its integrity check; starting a new one");
                std::fs::rename(path, &aside).map_err(storage)?;
                // The write-ahead log goes with it: commits not yet copied into the file are there.
                let name = |of: &Path, suffix: &str| {
                    of.with_file_name(format!(
                        "{}{suffix}",
                        of.file_name().and_then(|n| n.to_str()).unwrap_or(FILE_NAME)
                    ))
                };
                for suffix in ["-wal", "-shm"] {
                    let side = name(path, suffix);
                    if side.exists() {
                        let _ = std::fs::rename(&side, name(&aside, suffix));
                    }
                }
                Self::open_checked(path).await
            }
            other => other,
        }
    }

    async fn open_checked(path: &Path) -> Result<OutboxStore> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(storage)?;
        }
        // A file name, not a URL: a path with `%` or `?` in it stays the path it is.
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // Every commit reaches the disk before the call returns: an invite the UI showed as queued
            // survives a power cut.
            .synchronous(SqliteSynchronous::Full)
            // A deleted entry's bytes are overwritten, not left in a free page: a sent or discarded
            // invite (a workspace signed out of) leaves no email or name behind in the file.
            .pragma("secure_delete", "on")
            .foreign_keys(true);
        // Checked on one connection first: a pool would keep retrying a damaged file until it timed out.
        let mut first = SqliteConnection::connect_with(&options)
            .await
            .map_err(damaged_or_storage)?;
        let check: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&mut first)
            .await
            .map_err(damaged_or_storage)?;
        if check != ["ok"] {
            let _ = first.close().await;
            return Err(Error::OutboxCorrupt {
                detail: check.join("; "),
            });
        }
        // The schema is settled on this connection, before the pool opens: a pooled connection that was
        // open while a column was added misreads the table's rows (sqlx keeps the columns it first saw).
        settle_schema(&mut first).await?;
        let _ = first.close().await;
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(damaged_or_storage)?;
        Ok(OutboxStore { pool })
    }

    /// Queues invites for a workspace, all in one transaction: either every one is kept or none is.
    /// `account` names the server and user they are sent as, so signing in again as the same user (a
    /// new workspace id) takes them over ([`OutboxStore::adopt`]).
    pub async fn enqueue(
        &self,
        workspace_id: &str,
        account: &str,
        invitations: &[NewInvitation],
    ) -> Result<Vec<OutboxEntry>> {
        let now = now_ms();
        // IMMEDIATE: a deferred transaction that reads, then writes, fails at once with SQLITE_BUSY
        // when the sender committed in between; one that takes the write lock first waits its turn.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await.map_err(storage)?;
        let mut seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM outbox")
            .fetch_one(&mut *tx)
            .await
            .map_err(storage)?;
        // The server's Retry-After for this workspace holds for new invites too.
        let not_before: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(not_before), 0) FROM outbox WHERE workspace_id = ? AND state = 'queued'",
        )
        .bind(workspace_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(storage)?;
        let mut entries = Vec::with_capacity(invitations.len());
        for invitation in invitations {
            seq += 1;
            let entry = OutboxEntry {
                id: Uuid::new_v4().to_string(),
                workspace_id: workspace_id.to_owned(),
                invitation: invitation.clone(),
                state: OutboxState::Queued,
                attempts: 0,
                next_attempt_at: now.max(not_before),
                not_before,
                last_error: None,
                last_error_code: None,
                field_errors: BTreeMap::new(),
                created_at: now,
                idempotency_key: Uuid::new_v4(),
                maybe_sent: false,
                first_attempt_at: None,
            };
            sqlx::query(
                "INSERT INTO outbox (id, workspace_id, account, idempotency_key, invitation, state, next_attempt_at, \
                 not_before, created_at, seq) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)",
            )
            .bind(&entry.id)
            .bind(&entry.workspace_id)
            .bind(account)
            .bind(entry.idempotency_key.to_string())
            .bind(serde_json::to_string(invitation).map_err(storage)?)
            .bind(entry.next_attempt_at)
            .bind(not_before)
            .bind(now)
            .bind(seq)
            .execute(&mut *tx)
            .await
            .map_err(storage)?;
            entries.push(entry);
        }
        tx.commit().await.map_err(storage)?;
        Ok(entries)
    }

    /// A workspace's entries, oldest first.
    pub async fn list(&self, workspace_id: &str) -> Result<Vec<OutboxEntry>> {
        let rows = sqlx::query("SELECT * FROM outbox WHERE workspace_id = ? ORDER BY seq")
            .bind(workspace_id)
            .fetch_all(&self.pool)
            .await
            .map_err(storage)?;
        rows.iter().map(entry_of).collect()
    }

    /// Every entry, oldest first.
    pub async fn all(&self) -> Result<Vec<OutboxEntry>> {
        let rows = sqlx::query("SELECT * FROM outbox ORDER BY seq")
            .fetch_all(&self.pool)
            .await
            .map_err(storage)?;
        rows.iter().map(entry_of).collect()
    }

    /// Queued entries due by `now` (and past any `Retry-After`), oldest first, at most `limit`.
    pub async fn due(&self, now: i64, limit: u32) -> Result<Vec<OutboxEntry>> {
        let rows = sqlx::query(
            "SELECT * FROM outbox WHERE state = 'queued' AND next_attempt_at <= ? AND not_before <= ? \
             ORDER BY next_attempt_at, seq LIMIT ?",
        )
        .bind(now)
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(storage)?;
        rows.iter().map(entry_of).collect()
    }

    /// When the next queued entry is due, if any is queued.
    pub async fn next_due(&self) -> Result<Option<i64>> {
        self.next_due_except(&[]).await
    }

    /// When the next queued entry other than `except` is due.
    pub async fn next_due_except(&self, except: &[&str]) -> Result<Option<i64>> {
        let ids = serde_json::to_string(except).map_err(storage)?;
        sqlx::query_scalar(
            "SELECT MIN(MAX(next_attempt_at, not_before)) FROM outbox WHERE state = 'queued' \
             AND id NOT IN (SELECT value FROM json_each(?))",
        )
        .bind(ids)
        .fetch_one(&self.pool)
        .await
        .map_err(storage)
    }

    /// How many entries a workspace has queued (not those needing attention).
    pub async fn queued(&self, workspace_id: &str) -> Result<u32> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE workspace_id = ? AND state = 'queued'")
                .bind(workspace_id)
                .fetch_one(&self.pool)
                .await
                .map_err(storage)?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// The server has the invitation: the entry is done. Called only after the success answer arrived.
    pub async fn delivered(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM outbox WHERE id = ?")
            .bind(id)
            .execute(&self.pool)
            .await
            .map_err(storage)?;
        Ok(())
    }

    /// The attempt that began at `attempted_at` failed in a way another may not: try again at
    /// `next_attempt_at`. With `not_before` (the server's `Retry-After`), nothing of the entry's workspace
    /// is sent before then, whatever wakes it.
    pub async fn retry_later(
        &self,
        id: &str,
        attempts: u32,
        attempted_at: i64,
        next_attempt_at: i64,
        not_before: Option<i64>,
        error: &str,
    ) -> Result<()> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await.map_err(storage)?;
        if let Some(not_before) = not_before {
            // The server's wait is for all of the workspace's requests, not just this one's.
            sqlx::query(
                "UPDATE outbox SET not_before = MAX(not_before, ?), next_attempt_at = MAX(next_attempt_at, ?) \
                 WHERE state = 'queued' AND workspace_id = (SELECT workspace_id FROM outbox WHERE id = ?)",
            )
            .bind(not_before)
            .bind(not_before)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(storage)?;
        }
        sqlx::query(
            "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, maybe_sent = 1, \
             first_attempt_at = COALESCE(first_attempt_at, ?) WHERE id = ? AND state = 'queued'",
        )
        .bind(i64::from(attempts))
        .bind(next_attempt_at)
        .bind(error)
        .bind(attempted_at)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(storage)?;
        tx.commit().await.map_err(storage)?;
        Ok(())
    }

    /// The server refused the invite for good: it waits for the admin, with the server's reason.
    pub async fn needs_attention(
        &self,
        id: &str,
        attempts: u32,
        code: Option<&str>,
        message: &str,
        fields: &BTreeMap<String, Vec<String>>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE outbox SET state = 'needs_attention', attempts = ?, last_error = ?, last_error_code = ?, \
             field_errors = ? WHERE id = ?",
        )
        .bind(i64::from(attempts))
        .bind(message)
        .bind(code)
        .bind(serde_json::to_string(fields).map_err(storage)?)
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(storage)?;
        Ok(())
    }

    /// Waits a workspace's queued entries until `until` (its session ended: they are kept for when the
    /// user signs in again, and [`OutboxStore::wake_workspace`] brings them forward).
    pub async fn hold_workspace(&self, workspace_id: &str, until: i64, reason: &str) -> Result<()> {
        sqlx::query("UPDATE outbox SET next_attempt_at = MAX(next_attempt_at, ?), last_error = ? WHERE workspace_id = ? AND state = 'queued'")
            .bind(until)
            .bind(reason)
            .bind(workspace_id)
            .execute(&self.pool)
            .await
            .map_err(storage)?;
        Ok(())
    }

    /// Signing in again as the same user on the same server: its entries held while the session had ended
    /// become this workspace's, due now (or when the server's `Retry-After` ends). A sign-out left none.
    pub async fn adopt(&self, account: &str, workspace_id: &str) -> Result<u64> {
        let adopted = sqlx::query(
            "UPDATE outbox SET workspace_id = ?, next_attempt_at = MIN(next_attempt_at, MAX(?, not_before)) \
             WHERE account = ?",
        )
        .bind(workspace_id)
        .bind(now_ms())
        .bind(account)
        .execute(&self.pool)
        .await
        .map_err(storage)?;
        Ok(adopted.rows_affected())
    }

    /// Makes a workspace's queued entries due now (connectivity is back, or the user signed in again) —
    /// or, while the server's `Retry-After` runs, when it ends.
    pub async fn wake_workspace(&self, workspace_id: &str) -> Result<()> {
        sqlx::query(
            "UPDATE outbox SET next_attempt_at = MIN(next_attempt_at, MAX(?, not_before)) \
             WHERE workspace_id = ? AND state = 'queued'",
        )
        .bind(now_ms())
        .bind(workspace_id)
        .execute(&self.pool)
        .await
        .map_err(storage)?;
        Ok(())
    }

    /// Edit and retry: the invite as corrected, queued again under a new key (the server refused the old
    /// key's request, so nothing was made under it, and the same key with another body is refused).
    pub async fn retry_edited(&self, id: &str, invitation: &NewInvitation) -> Result<OutboxEntry> {
        let updated = sqlx::query(
            "UPDATE outbox SET invitation = ?, idempotency_key = ?, state = 'queued', attempts = 0, maybe_sent = 0, \
             first_attempt_at = NULL, next_attempt_at = MAX(?, not_before), \
             last_error = NULL, last_error_code = NULL, field_errors = '{}' WHERE id = ? AND state = 'needs_attention'",
        )
        .bind(serde_json::to_string(invitation).map_err(storage)?)
        .bind(Uuid::new_v4().to_string())
        .bind(now_ms())
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(storage)?;
        if updated.rows_affected() == 0 {
            return Err(Error::OutboxEntryNotFound { id: id.to_owned() });
        }
        let row = sqlx::query("SELECT * FROM outbox WHERE id = ?")
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .map_err(storage)?;
        entry_of(&row)
    }

    /// Discards an entry: one the server refused, or a queued one the admin no longer wants sent. A queued
    /// one may be on its way (or may have arrived without its answer): then the server has the invitation
    /// and the list shows it, to revoke there — discarding never makes a second one.
    pub async fn discard(&self, id: &str) -> Result<()> {
        let deleted = sqlx::query("DELETE FROM outbox WHERE id = ?")
            .bind(id)
            .execute(&self.pool)
            .await
            .map_err(storage)?;
        if deleted.rows_affected() == 0 {
            return Err(Error::OutboxEntryNotFound { id: id.to_owned() });
        }
        Ok(())
    }

    /// Discards everything queued for a workspace (signing out of it); answers how many went.
    ///
    /// Then the write-ahead log is folded into the file and truncated: it still holds the pages the
    /// entries were written in, and signing out keeps nothing of the workspace on disk.
    pub async fn discard_workspace(&self, workspace_id: &str) -> Result<u64> {
        let deleted = sqlx::query("DELETE FROM outbox WHERE workspace_id = ?")
            .bind(workspace_id)
            .execute(&self.pool)
            .await
            .map_err(storage)?;
        // A checkpoint that another connection's read blocks says so in its row (`busy` = 1) rather
        // than failing: try again briefly, and say so if the log still holds the pages.
        for attempt in 0..20 {
            let busy: i64 = sqlx::query_scalar("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&self.pool)
                .await
                .map_err(storage)?;
            if busy == 0 {
                break;
            }
            if attempt == 19 {
                tracing::warn!("the outbox's write-ahead log could not be truncated after sign-out");
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        Ok(deleted.rows_affected())
    }

    /// Closes the outbox, first copying the write-ahead log into the file (the app quitting leaves one
    /// tidy file behind).
    pub async fn close(&self) {
        if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await
        {
            tracing::warn!(%error, "could not checkpoint the outbox before closing it");
        }
        self.pool.close().await;
    }
}

/// Creates the tables, and adds the columns an older outbox file lacks. (Through `Executor::execute`:
/// `raw_sql(..).execute(&mut connection)` makes the future `Send` for one borrow only, which the app's
/// command futures can't hold.)
async fn settle_schema(connection: &mut SqliteConnection) -> Result<()> {
    sqlx::Executor::execute(&mut *connection, SCHEMA)
        .await
        .map_err(storage)?;
    add_columns(connection).await
}

/// Adds the columns an older outbox file lacks.
async fn add_columns(connection: &mut SqliteConnection) -> Result<()> {
    let present: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info('outbox')")
        .fetch_all(&mut *connection)
        .await
        .map_err(storage)?;
    for (name, definition) in ADDED_COLUMNS {
        if !present.iter().any(|column| column == name) {
            let statement = format!("ALTER TABLE outbox ADD COLUMN {name} {definition}");
            sqlx::Executor::execute(&mut *connection, statement.as_str())
                .await
                .map_err(storage)?;
        }
    }
    Ok(())
}

fn entry_of(row: &sqlx::sqlite::SqliteRow) -> Result<OutboxEntry> {
    let get = |e: sqlx::Error| storage(e);
    let state: String = row.try_get("state").map_err(get)?;
    let key: String = row.try_get("idempotency_key").map_err(get)?;
    Ok(OutboxEntry {
        id: row.try_get("id").map_err(get)?,
        workspace_id: row.try_get("workspace_id").map_err(get)?,
        invitation: serde_json::from_str(&row.try_get::<String, _>("invitation").map_err(get)?)
            .map_err(storage)?,
        state: if state == OutboxState::NeedsAttention.name() {
            OutboxState::NeedsAttention
        } else {
            OutboxState::Queued
        },
        attempts: u32::try_from(row.try_get::<i64, _>("attempts").map_err(get)?).unwrap_or(u32::MAX),
        next_attempt_at: row.try_get("next_attempt_at").map_err(get)?,
        not_before: row.try_get("not_before").map_err(get)?,
        last_error: row.try_get("last_error").map_err(get)?,
        last_error_code: row.try_get("last_error_code").map_err(get)?,
        field_errors: serde_json::from_str(&row.try_get::<String, _>("field_errors").map_err(get)?)
            .map_err(storage)?,
        created_at: row.try_get("created_at").map_err(get)?,
        idempotency_key: key.parse().map_err(storage)?,
        maybe_sent: row.try_get::<i64, _>("maybe_sent").map_err(get)? != 0,
        first_attempt_at: row.try_get("first_attempt_at").map_err(get)?,
    })
}
