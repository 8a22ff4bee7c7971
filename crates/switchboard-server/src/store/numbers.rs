//! The account's phone numbers and their assignees (members or invitations). A direct number has at
//! most one assignee; a shared one any number; one without assignees is in reserve.

use axum::http::StatusCode;
use sqlx::Row;
use sqlx::any::AnyRow;
use switchboard_api::ErrorCode;
use switchboard_api::numbers::{ListNumbers, NewNumber, Number, Sharing};
use switchboard_api::principal::PrincipalKind;

use crate::audit::Actor;
use crate::codec;
use crate::db::{Arg, Db, Sql, instant, like_pattern, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::etag::IfMatch;
use crate::keyset::{self, KeysetRequest};
use crate::store::{self, Cas, ListQuery, Tx, UniqueConflict, Versioned, parse_id, principals};

const COLUMNS: &str = "id, e164, label, country, kind, sharing, version, created_at, updated_at";

async fn hydrate(db: &Db, rows: &[AnyRow]) -> ApiResult<Vec<(Number, i64)>> {
    let ids: Vec<String> = rows.iter().map(|r| r.try_get("id")).collect::<Result<_, _>>()?;
    let mut assignees = principals::attached(db, "number_assignees", "number_id", &ids).await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            Ok((
                Number {
                    id: parse_id(&id)?,
                    e164: row.try_get("e164")?,
                    label: row.try_get("label")?,
                    country: row.try_get("country")?,
                    kind: codec::parse(&row.try_get::<String, _>("kind")?)?,
                    sharing: codec::parse(&row.try_get::<String, _>("sharing")?)?,
                    assignees: assignees.remove(&id).unwrap_or_default(),
                    created_at: instant(row.try_get("created_at")?),
                    updated_at: instant(row.try_get("updated_at")?),
                },
                row.try_get("version")?,
            ))
        })
        .collect()
}

/// One number and its version, or 404.
pub async fn load(db: &Db, id: &str) -> ApiResult<(Number, i64)> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM numbers WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(ApiError::NotFound)?;
    hydrate(db, &[row]).await?.pop().ok_or(ApiError::NotFound)
}

/// The filters of `GET /v1/numbers` as the query applies them; also what a cursor's scope
/// fingerprints.
#[derive(Debug, serde::Serialize)]
struct Filters<'a> {
    q: Option<&'a str>,
    assigned: Option<bool>,
}

/// One page of numbers (oldest first), filtered by a search of number, label and country, and by
/// whether they are assigned.
pub async fn list(db: &Db, query: &ListNumbers) -> ApiResult<(Vec<Number>, Option<String>)> {
    let filters = Filters {
        q: query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()),
        assigned: query.assigned,
    };
    let mut sql = Sql::default();
    if let Some(q) = filters.q {
        let pattern = like_pattern(q);
        sql.push(" AND (e164 LIKE ").bind(Arg::Text(pattern.clone()));
        sql.push(" ESCAPE '\\' OR lower(label) LIKE ")
            .bind(Arg::Text(pattern.clone()));
        sql.push(" ESCAPE '\\' OR lower(country) LIKE ")
            .bind(Arg::Text(pattern))
            .push(" ESCAPE '\\')");
    }
    match filters.assigned {
        Some(true) => {
            sql.push(" AND EXISTS (SELECT 1 FROM number_assignees a WHERE a.number_id = numbers.id)");
        }
        Some(false) => {
            sql.push(" AND NOT EXISTS (SELECT 1 FROM number_assignees a WHERE a.number_id = numbers.id)");
        }
        None => {}
    }
    let list = ListQuery {
        select: COLUMNS,
        from: "numbers",
        filters: sql,
        keys: &[],
        descending: false,
    };
    let scope = keyset::scope("numbers", "id", "asc", &filters);
    let page = KeysetRequest::new(query.cursor.as_deref(), query.limit, scope, &[])?;
    let listed = store::list(db, &list, &page, false).await?;
    let numbers = hydrate(db, &listed.rows).await?;
    Ok((numbers.into_iter().map(|(n, _)| n).collect(), listed.next_cursor))
}

/// Adds a number to the account, in reserve (409 `number_exists` when it is already on it); answers
/// its id. `body` has been validated and normalised.
pub async fn create(db: &Db, actor: Actor<'_>, body: &NewNumber) -> ApiResult<String> {
    let id = new_id();
    store::transaction(db, async |tx| {
        sqlx::query(
            "INSERT INTO numbers (id, e164, label, country, kind, sharing, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(&id)
        .bind(&body.e164)
        .bind(&body.label)
        .bind(&body.country)
        .bind(codec::name(&body.kind))
        .bind(codec::name(&body.sharing))
        .bind(now())
        .execute(tx.conn())
        .await
        .unique_conflict(ErrorCode::NumberExists, "this number is already on the account")?;
        Cas::at(Versioned::Numbers, &id, 0)
            .audit(
                tx,
                actor,
                "number.created",
                serde_json::json!({ "e164": body.e164 }),
            )
            .await
    })
    .await?;
    Ok(id)
}

/// Relabels a number or changes its sharing; `None` keeps what it has. A number with several
/// assignees cannot become direct (409 `number_has_several_assignees`).
pub async fn update(
    db: &Db,
    actor: Actor<'_>,
    id: &str,
    if_match: &IfMatch,
    label: Option<String>,
    sharing: Option<Sharing>,
) -> ApiResult<(Number, i64)> {
    let (current, version) = load(db, id).await?;
    let cas = Cas::new(Versioned::Numbers, id, version, if_match)?;
    let label = label.unwrap_or(current.label.clone());
    let sharing = sharing.unwrap_or(current.sharing);
    if sharing == Sharing::Direct && current.assignees.len() > 1 {
        return Err(ApiError::conflict(
            ErrorCode::NumberHasSeveralAssignees,
            "a direct number has one assignee: unassign the others first",
        ));
    }
    store::transaction(db, async |tx| {
        cas.update(
            tx,
            &[
                ("label", label.clone().into()),
                ("sharing", codec::name(&sharing).into()),
            ],
        )
        .await?;
        cas.audit(
            tx,
            actor,
            "number.updated",
            serde_json::json!({
                "label": { "from": current.label, "to": label },
                "sharing": { "from": current.sharing, "to": sharing },
            }),
        )
        .await
    })
    .await?;
    load(db, id).await
}

/// Gives `number_id` to a principal. `expected` is the number's version the caller saw (its If-Match);
/// the version bump is the compare-and-swap that keeps a direct number to one assignee under races.
/// Without `expected` (numbers given with an invitation) a concurrent change is a 409 to retry.
pub async fn assign(
    tx: &mut Tx,
    number_id: &str,
    principal_id: &str,
    kind: PrincipalKind,
    expected: Option<i64>,
) -> ApiResult<()> {
    let row = sqlx::query("SELECT sharing, version FROM numbers WHERE id = $1")
        .bind(number_id)
        .fetch_optional(tx.conn())
        .await?
        .ok_or_else(|| ApiError::Coded {
            status: StatusCode::NOT_FOUND,
            code: ErrorCode::NumberNotFound,
            detail: format!("no phone number {number_id}"),
        })?;
    let version: i64 = row.try_get("version")?;
    if expected.is_some_and(|e| e != version) {
        return Err(ApiError::PreconditionFailed);
    }
    let sharing: Sharing = codec::parse(&row.try_get::<String, _>("sharing")?)?;
    let others: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM number_assignees WHERE number_id = $1 AND principal_id <> $2")
            .bind(number_id)
            .bind(principal_id)
            .fetch_one(tx.conn())
            .await?
            .try_get("n")?;
    if sharing == Sharing::Direct && others > 0 {
        return Err(ApiError::conflict(
            ErrorCode::NumberAlreadyAssigned,
            "a direct number has one assignee: unassign it first or make it shared",
        ));
    }
    sqlx::query(
        "INSERT INTO number_assignees (number_id, principal_id, kind, added_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING",
    )
    .bind(number_id)
    .bind(principal_id)
    .bind(principals::kind_name(kind))
    .bind(now())
    .execute(tx.conn())
    .await?;
    match Cas::at(Versioned::Numbers, number_id, version).bump(tx).await {
        Err(ApiError::PreconditionFailed) if expected.is_none() => Err(ApiError::conflict(
            ErrorCode::NumberChanged,
            "the number changed meanwhile; retry",
        )),
        other => other,
    }?;
    principals::touch(tx.conn(), principal_id).await
}

/// Assigns a number to a member or open invitation, compare-and-swap on the number's version.
pub async fn assign_to(
    db: &Db,
    actor: Actor<'_>,
    id: &str,
    principal_id: &str,
    if_match: &IfMatch,
) -> ApiResult<(Number, i64)> {
    let (_, version) = load(db, id).await?;
    let expected = if_match.check(version)?;
    store::transaction(db, async |tx| {
        let kind = principals::resolve(tx.conn(), principal_id).await?;
        assign(tx, id, principal_id, kind, Some(expected)).await?;
        Cas::at(Versioned::Numbers, id, expected)
            .audit(
                tx,
                actor,
                "number.assigned",
                serde_json::json!({ "principal_id": principal_id, "kind": kind }),
            )
            .await
    })
    .await?;
    load(db, id).await
}

/// Takes a principal off a number: 404 when it wasn't assigned.
pub async fn unassign(
    db: &Db,
    actor: Actor<'_>,
    id: &str,
    principal_id: &str,
    if_match: &IfMatch,
) -> ApiResult<(Number, i64)> {
    let (_, version) = load(db, id).await?;
    let cas = Cas::new(Versioned::Numbers, id, version, if_match)?;
    principals::detach_audited(db, actor, &cas, principal_id, "number.unassigned").await?;
    load(db, id).await
}
