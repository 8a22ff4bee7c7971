//! `/v1/groups`: groups of members and invitations.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use switchboard_api::ErrorCode;
use switchboard_api::Page;
use switchboard_api::groups::{Group, GroupPatch, ListGroups, NewGroup};
use uuid::Uuid;

use crate::audit;
use crate::authz::Caller;
use crate::db::{Arg, Db, Sql, instant, is_unique_violation, like_pattern, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::etag::{IfMatch, created, tagged};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::pagination::PageRequest;
use crate::routes::members::parse_id;
use crate::routes::principals;
use crate::state::AppState;
use crate::validate;

const COLUMNS: &str = "id, name, description, version, created_at, updated_at";

async fn hydrate(db: &Db, rows: Vec<AnyRow>) -> ApiResult<Vec<(Group, i64)>> {
    let ids: Vec<String> = rows.iter().map(|r| r.try_get("id")).collect::<Result<_, _>>()?;
    let mut members = principals::attached(db, "group_principals", "group_id", &ids).await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            Ok((
                Group {
                    id: parse_id(&id)?,
                    name: row.try_get("name")?,
                    description: row.try_get("description")?,
                    members: members.remove(&id).unwrap_or_default(),
                    created_at: instant(row.try_get("created_at")?),
                    updated_at: instant(row.try_get("updated_at")?),
                },
                row.try_get("version")?,
            ))
        })
        .collect()
}

pub async fn load(db: &Db, id: &str) -> ApiResult<(Group, i64)> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM groups WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(ApiError::NotFound)?;
    hydrate(db, vec![row]).await?.pop().ok_or(ApiError::NotFound)
}

/// Adds a principal to a group (idempotent), bumping both ETags.
pub async fn join(conn: &mut AnyConnection, group_id: &str, principal_id: &str, kind: &str) -> ApiResult<()> {
    let exists = sqlx::query("SELECT id FROM groups WHERE id = $1")
        .bind(group_id)
        .fetch_optional(&mut *conn)
        .await?;
    if exists.is_none() {
        return Err(ApiError::Coded {
            status: StatusCode::NOT_FOUND,
            code: ErrorCode::GroupNotFound,
            detail: format!("no group {group_id}"),
        });
    }
    sqlx::query(
        "INSERT INTO group_principals (group_id, principal_id, kind, added_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING",
    )
    .bind(group_id)
    .bind(principal_id)
    .bind(kind)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE groups SET version = version + 1, updated_at = $1 WHERE id = $2")
        .bind(now())
        .bind(group_id)
        .execute(&mut *conn)
        .await?;
    principals::touch(conn, principal_id).await
}

fn validated(name: Option<&str>, description: Option<&str>) -> ApiResult<(Option<String>, Option<String>)> {
    let mut errors = validate::Errors::default();
    let name = name.map(|n| validate::name(&mut errors, "name", n));
    let description = description.map(|d| d.trim().to_owned());
    if description.as_ref().is_some_and(|d| d.chars().count() > 1000) {
        errors.add("description", "at most 1000 characters");
    }
    errors.into_result()?;
    Ok((name, description))
}

#[utoipa::path(get, path = "/v1/groups", tag = "groups", operation_id = "list_groups", params(ListGroups),
    responses((status = 200, description = "A page of groups", body = Page<Group>)))]
pub async fn list_groups(
    State(state): State<AppState>,
    _caller: Caller,
    ApiQuery(query): ApiQuery<ListGroups>,
) -> ApiResult<Response> {
    let page = PageRequest::new(query.cursor.as_deref(), query.limit)?;
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM groups WHERE 1 = 1"));
    if let Some(after) = &page.after {
        sql.push(" AND id > ").bind(Arg::Text(after.clone()));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        sql.push(" AND lower(name) LIKE ")
            .bind(Arg::Text(like_pattern(q)))
            .push(" ESCAPE '\\'");
    }
    sql.push(" ORDER BY id LIMIT ").bind(Arg::Int(page.fetch()));
    let rows = sql.query().fetch_all(state.db.pool()).await?;
    let groups: Vec<Group> = hydrate(&state.db, rows)
        .await?
        .into_iter()
        .map(|(g, _)| g)
        .collect();
    Ok(axum::Json(page.finish(groups, |g| g.id.to_string())).into_response())
}

#[utoipa::path(post, path = "/v1/groups", tag = "groups", operation_id = "create_group", request_body = NewGroup,
    responses((status = 201, description = "The new group", body = Group)))]
pub async fn create_group(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewGroup>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (name, description) = validated(Some(&body.name), Some(&body.description))?;
    let id = new_id();
    let mut tx = state.db.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO groups (id, name, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(&id)
    .bind(&name)
    .bind(&description)
    .bind(now())
    .execute(tx.conn())
    .await;
    match inserted {
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::conflict(
                ErrorCode::GroupExists,
                "a group has this name",
            ));
        }
        other => other?,
    };
    audit::record(
        tx.conn(),
        Some(&caller.member_id),
        "group.created",
        "group",
        Some(&id),
        serde_json::json!({ "name": name }),
    )
    .await?;
    tx.commit().await?;
    let (group, version) = load(&state.db, &id).await?;
    Ok(created(format!("/v1/groups/{id}"), version, &group))
}

#[utoipa::path(get, path = "/v1/groups/{id}", tag = "groups", operation_id = "get_group",
    params(("id" = Uuid, Path, description = "Group id")),
    responses((status = 200, description = "The group", body = Group)))]
pub async fn get_group(
    State(state): State<AppState>,
    _caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    let (group, version) = load(&state.db, &id.to_string()).await?;
    Ok(tagged(StatusCode::OK, version, &group))
}

#[utoipa::path(patch, path = "/v1/groups/{id}", tag = "groups", operation_id = "update_group",
    params(("id" = Uuid, Path, description = "Group id")), request_body = GroupPatch,
    responses((status = 200, description = "The updated group", body = Group)))]
pub async fn update_group(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(patch): ApiJson<GroupPatch>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let id = id.to_string();
    let (current, version) = load(&state.db, &id).await?;
    let expected = if_match.check(version)?;
    let (name, description) = validated(patch.name.as_deref(), patch.description.as_deref())?;
    let name = name.unwrap_or(current.name.clone());
    let description = description.unwrap_or(current.description.clone());
    let mut tx = state.db.begin().await?;
    let updated = sqlx::query(
        "UPDATE groups SET name = $1, description = $2, version = version + 1, updated_at = $3 \
         WHERE id = $4 AND version = $5",
    )
    .bind(&name)
    .bind(&description)
    .bind(now())
    .bind(&id)
    .bind(expected)
    .execute(tx.conn())
    .await;
    match updated {
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::conflict(
                ErrorCode::GroupExists,
                "a group has this name",
            ));
        }
        Ok(done) if done.rows_affected() == 0 => return Err(ApiError::PreconditionFailed),
        other => other?,
    };
    audit::record(
        tx.conn(),
        Some(&caller.member_id),
        "group.updated",
        "group",
        Some(&id),
        serde_json::json!({
            "name": { "from": current.name, "to": name },
            "description": { "from": current.description, "to": description },
        }),
    )
    .await?;
    tx.commit().await?;
    let (group, version) = load(&state.db, &id).await?;
    Ok(tagged(StatusCode::OK, version, &group))
}

#[utoipa::path(delete, path = "/v1/groups/{id}", tag = "groups", operation_id = "delete_group",
    params(("id" = Uuid, Path, description = "Group id")),
    responses((status = 204, description = "Deleted")))]
pub async fn delete_group(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let id = id.to_string();
    let (current, version) = load(&state.db, &id).await?;
    let expected = if_match.check(version)?;
    let mut tx = state.db.begin().await?;
    for principal in &current.members {
        principals::touch(tx.conn(), &principal.id.to_string()).await?;
    }
    sqlx::query("DELETE FROM group_principals WHERE group_id = $1")
        .bind(&id)
        .execute(tx.conn())
        .await?;
    let deleted = sqlx::query("DELETE FROM groups WHERE id = $1 AND version = $2")
        .bind(&id)
        .bind(expected)
        .execute(tx.conn())
        .await?;
    if deleted.rows_affected() == 0 {
        return Err(ApiError::PreconditionFailed);
    }
    audit::record(
        tx.conn(),
        Some(&caller.member_id),
        "group.deleted",
        "group",
        Some(&id),
        serde_json::json!({ "name": current.name }),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(put, path = "/v1/groups/{id}/members/{principal_id}", tag = "groups", operation_id = "add_group_member",
    params(("id" = Uuid, Path, description = "Group id"),
           ("principal_id" = Uuid, Path, description = "A member or invitation id")),
    responses((status = 200, description = "The group with its members", body = Group)))]
pub async fn add_group_member(
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
    // CAS first: of two writers holding the same ETag, one gets 412.
    let bumped = sqlx::query("UPDATE groups SET version = version + 1 WHERE id = $1 AND version = $2")
        .bind(&id)
        .bind(expected)
        .execute(tx.conn())
        .await?;
    if bumped.rows_affected() == 0 {
        return Err(ApiError::PreconditionFailed);
    }
    join(tx.conn(), &id, &principal_id, principals::kind_name(kind)).await?;
    audit::record(
        tx.conn(),
        Some(&caller.member_id),
        "group.member_added",
        "group",
        Some(&id),
        serde_json::json!({ "principal_id": principal_id, "kind": kind }),
    )
    .await?;
    tx.commit().await?;
    let (group, version) = load(&state.db, &id).await?;
    Ok(tagged(StatusCode::OK, version, &group))
}

#[utoipa::path(delete, path = "/v1/groups/{id}/members/{principal_id}", tag = "groups", operation_id = "remove_group_member",
    params(("id" = Uuid, Path, description = "Group id"),
           ("principal_id" = Uuid, Path, description = "A member or invitation id")),
    responses((status = 200, description = "The group with its remaining members", body = Group)))]
pub async fn remove_group_member(
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
        ("groups", "group_principals", "group_id"),
        &id,
        &principal_id,
        expected,
    )
    .await?;
    audit::record(
        tx.conn(),
        Some(&caller.member_id),
        "group.member_removed",
        "group",
        Some(&id),
        serde_json::json!({ "principal_id": principal_id }),
    )
    .await?;
    tx.commit().await?;
    let (group, version) = load(&state.db, &id).await?;
    Ok(tagged(StatusCode::OK, version, &group))
}
