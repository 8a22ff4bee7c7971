//! Groups of members and invitations.

use axum::http::StatusCode;
use sqlx::Row;
use sqlx::any::AnyRow;
use switchboard_api::ErrorCode;
use switchboard_api::groups::{Group, ListGroups};
use switchboard_api::principal::PrincipalKind;

use crate::audit::Actor;
use crate::db::{Arg, Db, Sql, instant, like_pattern, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::etag::IfMatch;
use crate::keyset::{self, KeysetRequest};
use crate::store::{self, Cas, ListQuery, Tx, UniqueConflict, Versioned, parse_id, principals};

const COLUMNS: &str = "id, name, description, external_id, version, created_at, updated_at";
const NAME_TAKEN: &str = "a group has this name";

/// A group as stored: the wire group, its version and the identity provider's id for it.
#[derive(Debug, Clone)]
pub struct Stored {
    pub group: Group,
    pub version: i64,
    pub external_id: Option<String>,
}

async fn hydrate_stored(db: &Db, rows: &[AnyRow]) -> ApiResult<Vec<Stored>> {
    let ids: Vec<String> = rows.iter().map(|r| r.try_get("id")).collect::<Result<_, _>>()?;
    let mut members = principals::attached(db, "group_principals", "group_id", &ids).await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            Ok(Stored {
                group: Group {
                    id: parse_id(&id)?,
                    name: row.try_get("name")?,
                    description: row.try_get("description")?,
                    members: members.remove(&id).unwrap_or_default(),
                    created_at: instant(row.try_get("created_at")?),
                    updated_at: instant(row.try_get("updated_at")?),
                },
                version: row.try_get("version")?,
                external_id: row.try_get("external_id")?,
            })
        })
        .collect()
}

async fn hydrate(db: &Db, rows: &[AnyRow]) -> ApiResult<Vec<(Group, i64)>> {
    Ok(hydrate_stored(db, rows)
        .await?
        .into_iter()
        .map(|s| (s.group, s.version))
        .collect())
}

/// One group as stored, or 404.
pub async fn find(db: &Db, id: &str) -> ApiResult<Stored> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM groups WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(ApiError::NotFound)?;
    hydrate_stored(db, &[row]).await?.pop().ok_or(ApiError::NotFound)
}

/// The SCIM list of groups: `filters` (SQL conditions) in creation order, from `offset`.
pub async fn window(db: &Db, filters: Sql, offset: i64, limit: i64) -> ApiResult<(Vec<Stored>, i64)> {
    const CREATED: &[store::Key] = &[store::Key::int("created_at")];
    let list = ListQuery {
        select: COLUMNS,
        from: "groups",
        filters,
        keys: CREATED,
        descending: false,
    };
    let (rows, total) = store::window(db, &list, offset, limit).await?;
    Ok((hydrate_stored(db, &rows).await?, total))
}

/// A group as an identity provider describes it: its name, its id there, and its members (member ids).
#[derive(Debug, Clone)]
pub struct FromIdp {
    pub name: String,
    pub external_id: Option<String>,
    pub members: Vec<String>,
}

/// Creates a group the identity provider describes, with its members; answers its id.
pub async fn provision(db: &Db, actor: Actor<'_>, from: &FromIdp) -> ApiResult<String> {
    let id = new_id();
    store::transaction(db, async |tx| {
        sqlx::query(
            "INSERT INTO groups (id, name, description, external_id, created_at, updated_at) \
             VALUES ($1, $2, '', $3, $4, $4)",
        )
        .bind(&id)
        .bind(&from.name)
        .bind(from.external_id.clone())
        .bind(now())
        .execute(tx.conn())
        .await
        .unique_conflict(ErrorCode::GroupExists, NAME_TAKEN)?;
        for member in &from.members {
            join_member(tx, &id, member).await?;
        }
        Cas::at(Versioned::Groups, &id, 1)
            .audit(
                tx,
                actor,
                "group.provisioned",
                serde_json::json!({ "name": from.name, "members": from.members }),
            )
            .await
    })
    .await?;
    Ok(id)
}

/// Makes a group what the identity provider describes: its name, its id there and its members
/// (invitations in it stay; they are not the identity provider's).
pub async fn replace_from_idp(
    db: &Db,
    actor: Actor<'_>,
    id: &str,
    if_match: &IfMatch,
    from: &FromIdp,
) -> ApiResult<()> {
    let current = find(db, id).await?;
    let cas = Cas::new(Versioned::Groups, id, current.version, if_match)?;
    let had: Vec<String> = current
        .group
        .members
        .iter()
        .filter(|p| p.kind == PrincipalKind::Member)
        .map(|p| p.id.to_string())
        .collect();
    let added: Vec<&String> = from.members.iter().filter(|m| !had.contains(m)).collect();
    let removed: Vec<&String> = had.iter().filter(|m| !from.members.contains(m)).collect();
    store::transaction(db, async |tx| {
        cas.update_unique(
            tx,
            &[
                ("name", from.name.clone().into()),
                ("external_id", from.external_id.clone().into()),
            ],
            ErrorCode::GroupExists,
            NAME_TAKEN,
        )
        .await?;
        for member in &added {
            join_member(tx, id, member).await?;
        }
        for member in &removed {
            sqlx::query("DELETE FROM group_principals WHERE group_id = $1 AND principal_id = $2")
                .bind(id)
                .bind(member.as_str())
                .execute(tx.conn())
                .await?;
            principals::touch(tx.conn(), member).await?;
        }
        cas.audit(
            tx,
            actor,
            "group.provisioned",
            serde_json::json!({
                "name": { "from": current.group.name, "to": from.name },
                "members_added": added,
                "members_removed": removed,
            }),
        )
        .await
    })
    .await
}

/// Adds a member (not an invitation) to a group; an id that is no member is the caller's mistake.
async fn join_member(tx: &mut Tx, group_id: &str, member_id: &str) -> ApiResult<()> {
    match principals::resolve(tx.conn(), member_id).await {
        Ok(PrincipalKind::Member) => join(tx, group_id, member_id, PrincipalKind::Member).await,
        Ok(PrincipalKind::Invitation) | Err(ApiError::NotFound) => {
            Err(ApiError::field("members", format!("no user {member_id}")))
        }
        Err(other) => Err(other),
    }
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
pub async fn create(db: &Db, actor: Actor<'_>, name: &str, description: &str) -> ApiResult<String> {
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
    actor: Actor<'_>,
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
pub async fn delete(db: &Db, actor: Actor<'_>, id: &str, if_match: &IfMatch) -> ApiResult<()> {
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
    actor: Actor<'_>,
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
    actor: Actor<'_>,
    id: &str,
    principal_id: &str,
    if_match: &IfMatch,
) -> ApiResult<(Group, i64)> {
    let (_, version) = load(db, id).await?;
    let cas = Cas::new(Versioned::Groups, id, version, if_match)?;
    principals::detach_audited(db, actor, &cas, principal_id, "group.member_removed").await?;
    load(db, id).await
}
