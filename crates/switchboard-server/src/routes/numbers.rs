//! `/v1/numbers`: the account's phone numbers and their assignees (members or invitations). A direct
//! number has at most one assignee; a shared one any number; one without assignees is in reserve.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use switchboard_api::ErrorCode;
use switchboard_api::Page;
use switchboard_api::numbers::{ListNumbers, NewNumber, Number, NumberPatch, Sharing};
use uuid::Uuid;

use crate::audit;
use crate::authz::Caller;
use crate::codec;
use crate::db::{Arg, Db, Sql, instant, is_unique_violation, like_pattern, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::etag::{IfMatch, created, tagged};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::pagination::PageRequest;
use crate::routes::members::parse_id;
use crate::routes::principals;
use crate::state::AppState;
use crate::validate;

const COLUMNS: &str = "id, e164, label, country, kind, sharing, version, created_at, updated_at";

async fn hydrate(db: &Db, rows: Vec<AnyRow>) -> ApiResult<Vec<(Number, i64)>> {
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

pub async fn load(db: &Db, id: &str) -> ApiResult<(Number, i64)> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM numbers WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(ApiError::NotFound)?;
    hydrate(db, vec![row]).await?.pop().ok_or(ApiError::NotFound)
}

/// Gives `number_id` to a principal. `expected` is the number's version the caller saw (its If-Match);
/// the version bump is the compare-and-swap that keeps a direct number to one assignee under races.
pub async fn assign(
    conn: &mut AnyConnection,
    number_id: &str,
    principal_id: &str,
    kind: &str,
    expected: Option<i64>,
) -> ApiResult<()> {
    let row = sqlx::query("SELECT sharing, version FROM numbers WHERE id = $1")
        .bind(number_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| ApiError::Coded {
            status: axum::http::StatusCode::NOT_FOUND,
            code: ErrorCode::NumberNotFound,
            detail: format!("no phone number {number_id}"),
        })?;
    let version: i64 = row.try_get("version")?;
    if expected.is_some_and(|e| e != version) {
        return Err(ApiError::PreconditionFailed);
    }
    let sharing: String = row.try_get("sharing")?;
    let others: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM number_assignees WHERE number_id = $1 AND principal_id <> $2")
            .bind(number_id)
            .bind(principal_id)
            .fetch_one(&mut *conn)
            .await?
            .try_get("n")?;
    if sharing == "direct" && others > 0 {
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
    .bind(kind)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    let bumped = sqlx::query(
        "UPDATE numbers SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
    )
    .bind(now())
    .bind(number_id)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    if bumped.rows_affected() == 0 {
        return Err(if expected.is_some() {
            ApiError::PreconditionFailed
        } else {
            ApiError::conflict(ErrorCode::NumberChanged, "the number changed meanwhile; retry")
        });
    }
    principals::touch(conn, principal_id).await
}

#[utoipa::path(get, path = "/v1/numbers", tag = "numbers", operation_id = "list_numbers", params(ListNumbers),
    responses((status = 200, description = "A page of phone numbers", body = Page<Number>)))]
pub async fn list_numbers(
    State(state): State<AppState>,
    _caller: Caller,
    ApiQuery(query): ApiQuery<ListNumbers>,
) -> ApiResult<Response> {
    let page = PageRequest::new(query.cursor.as_deref(), query.limit)?;
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM numbers WHERE 1 = 1"));
    if let Some(after) = &page.after {
        sql.push(" AND id > ").bind(Arg::Text(after.clone()));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = like_pattern(q);
        sql.push(" AND (e164 LIKE ").bind(Arg::Text(pattern.clone()));
        sql.push(" ESCAPE '\\' OR lower(label) LIKE ")
            .bind(Arg::Text(pattern.clone()));
        sql.push(" ESCAPE '\\' OR lower(country) LIKE ")
            .bind(Arg::Text(pattern))
            .push(" ESCAPE '\\')");
    }
    match query.assigned {
        Some(true) => {
            sql.push(" AND EXISTS (SELECT 1 FROM number_assignees a WHERE a.number_id = numbers.id)")
        }
        Some(false) => {
            sql.push(" AND NOT EXISTS (SELECT 1 FROM number_assignees a WHERE a.number_id = numbers.id)")
        }
        None => &mut sql,
    };
    sql.push(" ORDER BY id LIMIT ").bind(Arg::Int(page.fetch()));
    let rows = sql.query().fetch_all(state.db.pool()).await?;
    let numbers: Vec<Number> = hydrate(&state.db, rows)
        .await?
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    Ok(axum::Json(page.finish(numbers, |n| n.id.to_string())).into_response())
}

#[utoipa::path(post, path = "/v1/numbers", tag = "numbers", operation_id = "create_number", request_body = NewNumber,
    responses((status = 201, description = "The number, in reserve", body = Number)))]
pub async fn create_number(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewNumber>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let mut errors = validate::Errors::default();
    let e164 = body.e164.trim().to_owned();
    if !validate::is_e164(&e164) {
        errors.add("e164", "must be an E.164 number such as +6495550100");
    }
    let country = body.country.trim().to_uppercase();
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
        errors.add("country", "must be an ISO 3166-1 alpha-2 code such as NZ");
    }
    let label = body.label.trim().to_owned();
    if label.chars().count() > 200 {
        errors.add("label", "at most 200 characters");
    }
    errors.into_result()?;
    let id = new_id();
    let mut tx = state.db.begin().await?;
    let at = now();
    let inserted = sqlx::query(
        "INSERT INTO numbers (id, e164, label, country, kind, sharing, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(&id)
    .bind(&e164)
    .bind(&label)
    .bind(&country)
    .bind(codec::name(&body.kind))
    .bind(codec::name(&body.sharing))
    .bind(at)
    .execute(tx.conn())
    .await;
    match inserted {
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::conflict(
                ErrorCode::NumberExists,
                "this number is already on the account",
            ));
        }
        other => other?,
    };
    audit::record(
        tx.conn(),
        Some(&caller.member_id),
        "number.created",
        "number",
        Some(&id),
        serde_json::json!({ "e164": e164 }),
    )
    .await?;
    tx.commit().await?;
    let (number, version) = load(&state.db, &id).await?;
    Ok(created(format!("/v1/numbers/{id}"), version, &number))
}

#[utoipa::path(get, path = "/v1/numbers/{id}", tag = "numbers", operation_id = "get_number",
    params(("id" = Uuid, Path, description = "Number id")),
    responses((status = 200, description = "The number", body = Number)))]
pub async fn get_number(
    State(state): State<AppState>,
    _caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    let (number, version) = load(&state.db, &id.to_string()).await?;
    Ok(tagged(StatusCode::OK, version, &number))
}

#[utoipa::path(patch, path = "/v1/numbers/{id}", tag = "numbers", operation_id = "update_number",
    params(("id" = Uuid, Path, description = "Number id")), request_body = NumberPatch,
    responses((status = 200, description = "The updated number", body = Number)))]
pub async fn update_number(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(patch): ApiJson<NumberPatch>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let id = id.to_string();
    let (current, version) = load(&state.db, &id).await?;
    let expected = if_match.check(version)?;
    let label = patch
        .label
        .as_deref()
        .map(str::trim)
        .unwrap_or(&current.label)
        .to_owned();
    if label.chars().count() > 200 {
        return Err(ApiError::field("label", "at most 200 characters"));
    }
    let sharing = patch.sharing.unwrap_or(current.sharing);
    if sharing == Sharing::Direct && current.assignees.len() > 1 {
        return Err(ApiError::conflict(
            ErrorCode::NumberHasSeveralAssignees,
            "a direct number has one assignee: unassign the others first",
        ));
    }
    let mut tx = state.db.begin().await?;
    let updated = sqlx::query(
        "UPDATE numbers SET label = $1, sharing = $2, version = version + 1, updated_at = $3 \
         WHERE id = $4 AND version = $5",
    )
    .bind(&label)
    .bind(codec::name(&sharing))
    .bind(now())
    .bind(&id)
    .bind(expected)
    .execute(tx.conn())
    .await?;
    if updated.rows_affected() == 0 {
        return Err(ApiError::PreconditionFailed);
    }
    audit::record(
        tx.conn(),
        Some(&caller.member_id),
        "number.updated",
        "number",
        Some(&id),
        serde_json::json!({
            "label": { "from": current.label, "to": label },
            "sharing": { "from": current.sharing, "to": sharing },
        }),
    )
    .await?;
    tx.commit().await?;
    let (number, version) = load(&state.db, &id).await?;
    Ok(tagged(StatusCode::OK, version, &number))
}

#[utoipa::path(put, path = "/v1/numbers/{id}/assignees/{principal_id}", tag = "numbers", operation_id = "assign_number",
    params(("id" = Uuid, Path, description = "Number id"),
           ("principal_id" = Uuid, Path, description = "A member or invitation id")),
    responses((status = 200, description = "The number with its assignees", body = Number)))]
pub async fn assign_number(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath((id, principal_id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (id, principal_id) = (id.to_string(), principal_id.to_string());
    let (_, version) = load(&state.db, &id).await?;
    let expected = if_match.check(version)?;
    let mut tx = state.db.begin().await?;
    let kind = principals::resolve(tx.conn(), &principal_id).await?;
    assign(
        tx.conn(),
        &id,
        &principal_id,
        principals::kind_name(kind),
        Some(expected),
    )
    .await?;
    audit::record(
        tx.conn(),
        Some(&caller.member_id),
        "number.assigned",
        "number",
        Some(&id),
        serde_json::json!({ "principal_id": principal_id, "kind": kind }),
    )
    .await?;
    tx.commit().await?;
    let (number, version) = load(&state.db, &id).await?;
    Ok(tagged(StatusCode::OK, version, &number))
}

#[utoipa::path(delete, path = "/v1/numbers/{id}/assignees/{principal_id}", tag = "numbers", operation_id = "unassign_number",
    params(("id" = Uuid, Path, description = "Number id"),
           ("principal_id" = Uuid, Path, description = "A member or invitation id")),
    responses((status = 200, description = "The number with its remaining assignees", body = Number)))]
pub async fn unassign_number(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath((id, principal_id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (id, principal_id) = (id.to_string(), principal_id.to_string());
    let (_, version) = load(&state.db, &id).await?;
    let expected = if_match.check(version)?;
    let mut tx = state.db.begin().await?;
    principals::detach(
        tx.conn(),
        ("numbers", "number_assignees", "number_id"),
        &id,
        &principal_id,
        expected,
    )
    .await?;
    audit::record(
        tx.conn(),
        Some(&caller.member_id),
        "number.unassigned",
        "number",
        Some(&id),
        serde_json::json!({ "principal_id": principal_id }),
    )
    .await?;
    tx.commit().await?;
    let (number, version) = load(&state.db, &id).await?;
    Ok(tagged(StatusCode::OK, version, &number))
}
