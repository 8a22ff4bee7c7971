//! Groups of members and invitations.

use axum::http::StatusCode;
use sqlx::Row;
use sqlx::any::AnyRow;
use switchboard_api::ErrorCode;
use switchboard_api::groups::{Group, ListGroups};
use switchboard_api::principal::PrincipalKind;

use crate::db::{Arg, Db, Sql, instant, like_pattern, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::etag::IfMatch;
use crate::keyset::{self, KeysetRequest};
use crate::store::{self, Cas, ListQuery, Tx, UniqueConflict, Versioned, parse_id, principals};

const COLUMNS: &str = "id, name, description, version, created_at, updated_at";
const NAME_TAKEN: &str = "a group has this name";

async fn hydrate(db: &Db, rows: &[AnyRow]) -> ApiResult<Vec<(Group, i64)>> {
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

/// One group and its version, or 404.
pub async fn load(db: &Db, id: &str) -> ApiResult<(Group, i64)> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM groups WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(ApiError::NotFound)?;
    hydrate(db, &[row]).await?.pop().ok_or(ApiError::NotFound)
}

/// One page of groups (oldest first), filtered by a name search.
pub async fn list(db: &Db, query: &ListGroups) -> ApiResult<(Vec<Group>, Option<String>)> {
    let q = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let mut filters = Sql::default();
    if let Some(q) = q {
        filters
            .push(" AND lower(name) LIKE ")
            .bind(Arg::Text(like_pattern(q)))
            .push(" ESCAPE '\\'");
    }
    let list = ListQuery {
        select: COLUMNS,
        from: "groups",
        filters,
        keys: &[],
        descending: false,
    };
    let scope = keyset::scope("groups", "id", "asc", &q);
    let page = KeysetRequest::new(query.cursor.as_deref(), query.limit, scope, &[])?;
    let listed = store::list(db, &list, &page, false).await?;
    let groups = hydrate(db, &listed.rows).await?;
    Ok((groups.into_iter().map(|(g, _)| g).collect(), listed.next_cursor))
}

/// Creates a group (409 `group_exists` when the name is taken) and answers its id.
pub async fn create(db: &Db, actor: Option<&str>, name: &str, description: &str) -> ApiResult<String> {
    let id = new_id();
    store::transaction(db, async |tx| {
        sqlx::query(
            "INSERT INTO groups (id, name, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(&id)
        .bind(name)
        .bind(description)
        .bind(now())
        .execute(tx.conn())
        .await
        .unique_conflict(ErrorCode::GroupExists, NAME_TAKEN)?;
        Cas::at(Versioned::Groups, &id, 0)
            .audit(tx, actor, "group.created", serde_json::json!({ "name": name }))
            .await
    })
    .await?;
    Ok(id)
}

/// Renames or redescribes a group; `None` keeps what it has.
pub async fn update(
    db: &Db,
    actor: Option<&str>,
    id: &str,
    if_match: &IfMatch,
    name: Option<String>,
    description: Option<String>,
) -> ApiResult<(Group, i64)> {
    let (current, version) = load(db, id).await?;
    let cas = Cas::new(Versioned::Groups, id, version, if_match)?;
    let name = name.unwrap_or(current.name.clone());
    let description = description.unwrap_or(current.description.clone());
    store::transaction(db, async |tx| {
        cas.update_unique(
            tx,
            &[
                ("name", name.clone().into()),
                ("description", description.clone().into()),
            ],
            ErrorCode::GroupExists,
            NAME_TAKEN,
        )
        .await?;
        cas.audit(
            tx,
            actor,
            "group.updated",
            serde_json::json!({
                "name": { "from": current.name, "to": name },
                "description": { "from": current.description, "to": description },
            }),
        )
        .await
    })
    .await?;
    load(db, id).await
}

/// Deletes a group; its members' ETags move on (their groups changed).
pub async fn delete(db: &Db, actor: Option<&str>, id: &str, if_match: &IfMatch) -> ApiResult<()> {
    let (current, version) = load(db, id).await?;
    let cas = Cas::new(Versioned::Groups, id, version, if_match)?;
    store::transaction(db, async |tx| {
        for principal in &current.members {
            principals::touch(tx.conn(), &principal.id.to_string()).await?;
        }
        sqlx::query("DELETE FROM group_principals WHERE group_id = $1")
            .bind(id)
            .execute(tx.conn())
            .await?;
        cas.delete(tx).await?;
        cas.audit(
            tx,
            actor,
            "group.deleted",
            serde_json::json!({ "name": current.name }),
        )
        .await
    })
    .await
}

/// Adds a principal to a group (idempotent), bumping both ETags; 404 `group_not_found` for no group.
pub async fn join(tx: &mut Tx, group_id: &str, principal_id: &str, kind: PrincipalKind) -> ApiResult<()> {
    let exists = sqlx::query("SELECT id FROM groups WHERE id = $1")
        .bind(group_id)
        .fetch_optional(tx.conn())
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
    .bind(principals::kind_name(kind))
    .bind(now())
    .execute(tx.conn())
    .await?;
    sqlx::query("UPDATE groups SET version = version + 1, updated_at = $1 WHERE id = $2")
        .bind(now())
        .bind(group_id)
        .execute(tx.conn())
        .await?;
    principals::touch(tx.conn(), principal_id).await
}

/// Adds a member or open invitation to a group, compare-and-swap on the group's version.
pub async fn add_member(
    db: &Db,
    actor: Option<&str>,
    id: &str,
    principal_id: &str,
    if_match: &IfMatch,
) -> ApiResult<(Group, i64)> {
    let (_, version) = load(db, id).await?;
    let cas = Cas::new(Versioned::Groups, id, version, if_match)?;
    store::transaction(db, async |tx| {
        let kind = principals::resolve(tx.conn(), principal_id).await?;
        // CAS first: of two writers holding the same ETag, one gets 412.
        cas.bump(tx).await?;
        join(tx, id, principal_id, kind).await?;
        cas.audit(
            tx,
            actor,
            "group.member_added",
            serde_json::json!({ "principal_id": principal_id, "kind": kind }),
        )
        .await
    })
    .await?;
    load(db, id).await
}

/// Takes a principal out of a group: 404 when it wasn't in it.
pub async fn remove_member(
    db: &Db,
    actor: Option<&str>,
    id: &str,
    principal_id: &str,
    if_match: &IfMatch,
) -> ApiResult<(Group, i64)> {
    let (_, version) = load(db, id).await?;
    let cas = Cas::new(Versioned::Groups, id, version, if_match)?;
    principals::detach_audited(db, actor, &cas, principal_id, "group.member_removed").await?;
    load(db, id).await
}
