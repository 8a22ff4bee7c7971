//! Data access, one module per resource: typed rows (statuses and roles as enums, never strings compared
//! by callers), the queries, and the three things every resource does the same way, written once here:
//!
//! - [`list`]: one page of a list in a chosen order, with its filters, its cursor and (on the first page,
//!   when asked) the number of matching rows;
//! - [`Cas`]: the compare-and-swap write of a versioned row (the version is the row's ETag): of two
//!   writers holding the same ETag exactly one succeeds, the other gets 412;
//! - [`UniqueConflict`]: a write the schema refuses as a duplicate becomes a coded 409.
//!
//! `routes/` and the SCIM routes hold HTTP only and call in here.

pub mod avatars;
pub mod configuration;
pub mod credentials;
pub mod groups;
pub mod invitations;
pub mod members;
pub mod numbers;
pub mod principals;
pub mod provisioning;

use sqlx::Row;
use sqlx::any::AnyRow;
use switchboard_api::ErrorCode;
use uuid::Uuid;

use crate::audit;
pub use crate::audit::Actor;
use crate::db::Tx;
use crate::db::{Arg, Db, Sql, now};
use crate::error::{ApiError, ApiResult};
use crate::etag::IfMatch;
use crate::keyset::{KeyKind, KeyValue, KeysetRequest};

/// How many ids one query binds at most when it looks up the links of many rows: well inside every
/// database's limit on bound arguments (SQLite 32,766, PostgreSQL 65,535).
pub const LIST_CHUNK: usize = 1000;

/// A stored id as a UUID; a stored id that is not one is an internal error, not the caller's.
pub fn parse_id(id: &str) -> ApiResult<Uuid> {
    Uuid::parse_str(id).map_err(|_| ApiError::Internal(format!("stored id {id:?} is not a UUID")))
}

/// Maps a unique-constraint violation to a coded 409; any other database error stays what it is.
pub trait UniqueConflict<T> {
    fn unique_conflict(self, code: ErrorCode, detail: &str) -> ApiResult<T>;
}

impl<T> UniqueConflict<T> for Result<T, sqlx::Error> {
    fn unique_conflict(self, code: ErrorCode, detail: &str) -> ApiResult<T> {
        self.map_err(|e| {
            if crate::db::is_unique_violation(&e) {
                ApiError::conflict(code, detail)
            } else {
                e.into()
            }
        })
    }
}

/// A table whose rows carry a `version` (their ETag) and an `updated_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Versioned {
    Members,
    Invitations,
    Groups,
    Numbers,
    /// The account's one configuration row (`id = 1`).
    Configuration,
}

impl Versioned {
    pub fn table(self) -> &'static str {
        match self {
            Versioned::Members => "members",
            Versioned::Invitations => "invitations",
            Versioned::Groups => "groups",
            Versioned::Numbers => "numbers",
            Versioned::Configuration => "configuration",
        }
    }

    /// The audit events' `target_type`.
    pub fn kind(self) -> &'static str {
        match self {
            Versioned::Members => "member",
            Versioned::Invitations => "invitation",
            Versioned::Groups => "group",
            Versioned::Numbers => "number",
            Versioned::Configuration => "configuration",
        }
    }
}

/// One compare-and-swap write of a versioned row: made from the version just read and the request's
/// `If-Match` (missing → 428, another version → 412), it writes only if the row still has that version.
#[derive(Debug, Clone)]
pub struct Cas {
    table: Versioned,
    id: String,
    expected: i64,
}

impl Cas {
    pub fn new(table: Versioned, id: &str, current: i64, if_match: &IfMatch) -> ApiResult<Cas> {
        Ok(Cas {
            table,
            id: id.to_owned(),
            expected: if_match.check(current)?,
        })
    }

    /// A write that the server itself decided on (no request's precondition): it still loses to any
    /// concurrent writer of the row.
    pub fn at(table: Versioned, id: &str, version: i64) -> Cas {
        Cas {
            table,
            id: id.to_owned(),
            expected: version,
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn table(&self) -> Versioned {
        self.table
    }

    /// The version the row will have once this write is done.
    pub fn next_version(&self) -> i64 {
        self.expected + 1
    }

    /// ` WHERE id = … AND version = …`, the compare-and-swap's condition.
    fn push_condition(&self, sql: &mut Sql) {
        sql.push(" WHERE id = ");
        match self.table {
            Versioned::Configuration => sql.bind(Arg::Int(1)),
            _ => sql.bind(Arg::Text(self.id.clone())),
        };
        sql.push(" AND version = ").bind(Arg::Int(self.expected));
    }

    /// Sets `columns` and moves the version on; 412 if another write came first.
    pub async fn update(&self, tx: &mut Tx, columns: &[(&str, Arg)]) -> ApiResult<()> {
        let done = self.write(tx, columns).await?;
        Self::swapped(done)
    }

    /// [`Cas::update`], where a duplicate the schema refuses is the coded 409 `code`.
    pub async fn update_unique(
        &self,
        tx: &mut Tx,
        columns: &[(&str, Arg)],
        code: ErrorCode,
        detail: &str,
    ) -> ApiResult<()> {
        let done = self.write(tx, columns).await.unique_conflict(code, detail)?;
        Self::swapped(done)
    }

    async fn write(&self, tx: &mut Tx, columns: &[(&str, Arg)]) -> Result<u64, sqlx::Error> {
        let mut sql = Sql::new(&format!("UPDATE {} SET ", self.table.table()));
        for (column, value) in columns {
            sql.push(column).push(" = ").bind(value.clone()).push(", ");
        }
        sql.push("version = version + 1, updated_at = ")
            .bind(Arg::Int(now()));
        self.push_condition(&mut sql);
        Ok(sql.query().execute(tx.conn()).await?.rows_affected())
    }

    /// No row had the expected version: another write came first.
    fn swapped(rows: u64) -> ApiResult<()> {
        if rows == 0 {
            Err(ApiError::PreconditionFailed)
        } else {
            Ok(())
        }
    }

    /// Moves the version on without changing a column: the row's links (numbers, groups, members)
    /// changed.
    pub async fn bump(&self, tx: &mut Tx) -> ApiResult<()> {
        self.update(tx, &[]).await
    }

    /// Deletes the row; 412 if another write came first.
    pub async fn delete(&self, tx: &mut Tx) -> ApiResult<()> {
        let mut sql = Sql::new(&format!("DELETE FROM {}", self.table.table()));
        self.push_condition(&mut sql);
        Self::swapped(sql.query().execute(tx.conn()).await?.rows_affected())
    }

    /// Records the write in the audit log, in its transaction.
    pub async fn audit(
        &self,
        tx: &mut Tx,
        actor: Actor<'_>,
        action: &str,
        changes: serde_json::Value,
    ) -> ApiResult<()> {
        audit::record(
            tx.conn(),
            actor,
            action,
            self.table.kind(),
            (self.table != Versioned::Configuration).then_some(self.id.as_str()),
            changes,
        )
        .await
    }
}

/// Runs `write` in one write transaction and commits it; an error rolls everything back.
pub async fn transaction<T>(db: &Db, write: impl AsyncFnOnce(&mut Tx) -> ApiResult<T>) -> ApiResult<T> {
    let mut tx = db.begin().await?;
    let out = write(&mut tx).await?;
    tx.commit().await?;
    Ok(out)
}

/// One value of a list's sort key: the SQL expression compared and ordered by, the column it is read
/// back from (so a cursor holds exactly what the query compares), and its kind.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub expr: &'static str,
    pub column: &'static str,
    pub kind: KeyKind,
}

impl Key {
    pub const fn text(expr: &'static str, column: &'static str) -> Key {
        Key {
            expr,
            column,
            kind: KeyKind::Text,
        }
    }

    pub const fn int(column: &'static str) -> Key {
        Key {
            expr: column,
            column,
            kind: KeyKind::Int,
        }
    }
}

/// The kinds of a sort key's values, for [`KeysetRequest::new`].
pub fn kinds(keys: &[Key]) -> Vec<KeyKind> {
    keys.iter().map(|k| k.kind).collect()
}

/// What one list query reads: `SELECT {select} FROM {from} WHERE 1 = 1{filters}`, in the order of
/// `keys` then the id (ascending, or descending with `descending`).
#[derive(Debug)]
pub struct ListQuery<'a> {
    pub select: &'a str,
    pub from: &'a str,
    pub filters: Sql,
    pub keys: &'a [Key],
    pub descending: bool,
}

impl ListQuery<'_> {
    /// The query of the page after `after` (a cursor's key values and id), `fetch` rows at most.
    /// Public so that query plans can be checked against the migrations' indexes.
    pub fn page_sql(&self, after: Option<&(Vec<KeyValue>, String)>, fetch: i64) -> Sql {
        let mut sql = Sql::new(&format!("SELECT {} FROM {} WHERE 1 = 1", self.select, self.from));
        sql.append(&self.filters);
        let (direction, past) = if self.descending {
            ("DESC", "<")
        } else {
            ("ASC", ">")
        };
        let exprs: Vec<&str> = self.keys.iter().map(|k| k.expr).chain(["id"]).collect();
        if let Some((values, id)) = after {
            // A row-value comparison: both databases match it to the (key…, id) index as one range.
            sql.push(&format!(" AND ({}) {past} (", exprs.join(", ")));
            for value in values {
                match value {
                    KeyValue::Int(int) => sql.bind(Arg::Int(*int)),
                    KeyValue::Text(text) => sql.bind(Arg::Text(text.clone())),
                };
                sql.push(", ");
            }
            sql.bind(Arg::Text(id.clone())).push(")");
        }
        let order: Vec<String> = exprs.iter().map(|expr| format!("{expr} {direction}")).collect();
        sql.push(&format!(" ORDER BY {} LIMIT ", order.join(", ")))
            .bind(Arg::Int(fetch));
        sql
    }

    /// The query of the rows from position `offset` (0-based) in this order, `limit` at most: for
    /// clients that page by index (SCIM's `startIndex`) rather than by cursor.
    pub fn window_sql(&self, offset: i64, limit: i64) -> Sql {
        let mut sql = self.page_sql(None, limit);
        sql.push(" OFFSET ").bind(Arg::Int(offset));
        sql
    }

    fn count_sql(&self) -> Sql {
        let mut sql = Sql::new(&format!("SELECT COUNT(*) AS n FROM {} WHERE 1 = 1", self.from));
        sql.append(&self.filters);
        sql
    }
}

/// The rows from position `offset` (0-based), `limit` at most, and the count of all matching rows.
pub async fn window(
    db: &Db,
    query: &ListQuery<'_>,
    offset: i64,
    limit: i64,
) -> ApiResult<(Vec<AnyRow>, i64)> {
    let total: i64 = query
        .count_sql()
        .query()
        .fetch_one(db.pool())
        .await?
        .try_get("n")?;
    let rows = if limit > 0 && offset < total {
        query
            .window_sql(offset, limit)
            .query()
            .fetch_all(db.pool())
            .await?
    } else {
        Vec::new()
    };
    Ok((rows, total))
}

/// One page of rows, the cursor of the next page, and the count of all matching rows when it was asked
/// for and this is the first page.
pub struct Listed {
    pub rows: Vec<AnyRow>,
    pub next_cursor: Option<String>,
    pub total: Option<u64>,
}

/// Reads one page of `query` as `page` asks (its cursor's position and its limit).
///
/// The count, when `count` asks for it, is made on the first page only: a client reading on keeps the
/// count it was given, and a walk of a whole list would otherwise count it again on every page. A
/// first page that is also the last has counted itself; a search with few matches (the usual case while
/// an admin types) then costs one read, not two.
pub async fn list(db: &Db, query: &ListQuery<'_>, page: &KeysetRequest, count: bool) -> ApiResult<Listed> {
    let rows = query
        .page_sql(page.after.as_ref(), page.fetch())
        .query()
        .fetch_all(db.pool())
        .await?;
    let total = if !count || page.after.is_some() {
        None
    } else if rows.len() as i64 <= page.limit {
        Some(rows.len() as i64)
    } else {
        Some(
            query
                .count_sql()
                .query()
                .fetch_one(db.pool())
                .await?
                .try_get("n")?,
        )
    };
    let keyed = rows
        .into_iter()
        .map(|row| {
            let key = query
                .keys
                .iter()
                .map(|key| {
                    Ok(match key.kind {
                        KeyKind::Int => KeyValue::Int(row.try_get(key.column)?),
                        KeyKind::Text => KeyValue::Text(row.try_get(key.column)?),
                    })
                })
                .collect::<ApiResult<Vec<_>>>()?;
            let id: String = row.try_get("id")?;
            Ok((row, (key, id)))
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let page = page.finish(keyed, |(_, key)| key.clone());
    Ok(Listed {
        rows: page.data.into_iter().map(|(row, _)| row).collect(),
        next_cursor: page.next_cursor,
        total: total.map(|n| u64::try_from(n).unwrap_or_default()),
    })
}
