//! `/v1/members` and `/v1/me`: the team directory, and changes to a member by admins or by themselves.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sqlx::Row;
use sqlx::any::AnyRow;
use switchboard_api::ErrorCode;
use switchboard_api::Page;
use switchboard_api::configuration::RecordingPolicies;
use switchboard_api::members::{
    ListMembers, MePatch, Member, MemberPatch, MemberRecording, MemberSort, MemberStatus,
    RecordingPreference, RemoveMember,
};
use switchboard_api::page::SortOrder;
use switchboard_api::principal::{GroupRef, NumberRef};
use switchboard_api::roles::{Permission, Role};
use uuid::Uuid;

use crate::audit;
use crate::authz::Caller;
use crate::codec;
use crate::db::{Arg, Backend, Db, Sql, instant, like_pattern, now};
use crate::error::{ApiError, ApiResult};
use crate::etag::{IfMatch, tagged};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::keyset::{self, KeyKind, KeyValue, KeysetRequest};
use crate::routes::configuration;
use crate::state::AppState;
use crate::validate;

pub const COLUMNS: &str = "id, email, name, role, grants, status, recording_inbound, recording_outbound, \
                           avatar_version, version, created_at, updated_at";

/// A member as stored, before its numbers and groups are joined in.
#[derive(Debug, Clone)]
pub struct MemberRow {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub grants: Vec<Permission>,
    pub status: MemberStatus,
    pub recording_inbound: bool,
    pub recording_outbound: bool,
    pub avatar_version: Option<i64>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl MemberRow {
    pub fn from_row(row: &AnyRow) -> ApiResult<MemberRow> {
        Ok(MemberRow {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            name: row.try_get("name")?,
            role: codec::parse(&row.try_get::<String, _>("role")?)?,
            grants: codec::from_json(&row.try_get::<String, _>("grants")?)?,
            status: codec::parse(&row.try_get::<String, _>("status")?)?,
            recording_inbound: row.try_get::<i64, _>("recording_inbound")? != 0,
            recording_outbound: row.try_get::<i64, _>("recording_outbound")? != 0,
            avatar_version: row.try_get("avatar_version")?,
            version: row.try_get("version")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
        })
    }
}

/// Role defaults plus grants, in a stable order.
pub fn effective_permissions(role: Role, grants: &[Permission]) -> Vec<Permission> {
    let defaults = role.default_permissions();
    Permission::ALL
        .into_iter()
        .filter(|p| defaults.contains(p) || grants.contains(p))
        .collect()
}

/// Grants deduplicated, in a stable order.
pub fn normalise_grants(grants: &[Permission]) -> Vec<Permission> {
    Permission::ALL
        .into_iter()
        .filter(|p| grants.contains(p))
        .collect()
}

/// The numbers and groups of each principal in `ids`.
pub async fn links(
    db: &Db,
    ids: &[String],
) -> ApiResult<(HashMap<String, Vec<NumberRef>>, HashMap<String, Vec<GroupRef>>)> {
    let mut numbers: HashMap<String, Vec<NumberRef>> = HashMap::new();
    let mut groups: HashMap<String, Vec<GroupRef>> = HashMap::new();
    if ids.is_empty() {
        return Ok((numbers, groups));
    }
    let mut sql = Sql::new(
        "SELECT a.principal_id, n.id, n.e164, n.label FROM number_assignees a \
         JOIN numbers n ON n.id = a.number_id WHERE a.principal_id IN ",
    );
    sql.bind_list(ids).push(" ORDER BY n.e164");
    for row in sql.query().fetch_all(db.pool()).await? {
        numbers
            .entry(row.try_get("principal_id")?)
            .or_default()
            .push(NumberRef {
                id: parse_id(&row.try_get::<String, _>("id")?)?,
                e164: row.try_get("e164")?,
                label: row.try_get("label")?,
            });
    }
    let mut sql = Sql::new(
        "SELECT p.principal_id, g.id, g.name FROM group_principals p \
         JOIN groups g ON g.id = p.group_id WHERE p.principal_id IN ",
    );
    sql.bind_list(ids).push(" ORDER BY g.name");
    for row in sql.query().fetch_all(db.pool()).await? {
        groups
            .entry(row.try_get("principal_id")?)
            .or_default()
            .push(GroupRef {
                id: parse_id(&row.try_get::<String, _>("id")?)?,
                name: row.try_get("name")?,
            });
    }
    Ok((numbers, groups))
}

pub fn parse_id(id: &str) -> ApiResult<Uuid> {
    Uuid::parse_str(id).map_err(|_| ApiError::Internal(format!("stored id {id:?} is not a UUID")))
}

fn recording(policies: &RecordingPolicies, row: &MemberRow) -> MemberRecording {
    let (enabled, enforced) = configuration::effective_recording(policies.inbound, row.recording_inbound);
    let inbound = RecordingPreference { enabled, enforced };
    let (enabled, enforced) = configuration::effective_recording(policies.outbound, row.recording_outbound);
    MemberRecording {
        inbound,
        outbound: RecordingPreference { enabled, enforced },
    }
}

/// Turns stored rows into full members (numbers, groups, recording under the current policy).
pub async fn hydrate(db: &Db, rows: Vec<MemberRow>) -> ApiResult<Vec<Member>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let (mut numbers, mut groups) = links(db, &ids).await?;
    let (config, _) = configuration::load(db).await?;
    rows.into_iter()
        .map(|row| {
            Ok(Member {
                id: parse_id(&row.id)?,
                permissions: effective_permissions(row.role, &row.grants),
                avatar_url: row
                    .avatar_version
                    .map(|v| format!("/v1/members/{}/avatar?v={v}", row.id)),
                numbers: numbers.remove(&row.id).unwrap_or_default(),
                groups: groups.remove(&row.id).unwrap_or_default(),
                recording: recording(&config.recording, &row),
                email: row.email,
                name: row.name,
                role: row.role,
                grants: row.grants,
                status: row.status,
                created_at: instant(row.created_at),
                updated_at: instant(row.updated_at),
            })
        })
        .collect()
}

pub async fn find_row(db: &Db, id: &str) -> ApiResult<Option<MemberRow>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM members WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(MemberRow::from_row).transpose()
}

/// One member and its version, or 404.
pub async fn load(db: &Db, id: &str) -> ApiResult<(Member, i64)> {
    let row = find_row(db, id).await?.ok_or(ApiError::NotFound)?;
    let version = row.version;
    let member = hydrate(db, vec![row]).await?.pop().ok_or(ApiError::NotFound)?;
    Ok((member, version))
}

/// The filters of `GET /v1/members` as the query applies them (`q` trimmed, a blank one dropped); also
/// what a cursor's scope fingerprints, so two spellings of the same filter share cursors.
#[derive(Debug, serde::Serialize)]
struct Filters<'a> {
    q: Option<&'a str>,
    role: Option<Role>,
    status: Option<MemberStatus>,
    group_id: Option<Uuid>,
}

impl<'a> Filters<'a> {
    fn of(query: &'a ListMembers) -> Filters<'a> {
        Filters {
            q: query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()),
            role: query.role,
            status: query.status,
            group_id: query.group_id,
        }
    }

    fn push(&self, backend: Backend, sql: &mut Sql) {
        if let Some(q) = self.q {
            let pattern = like_pattern(q);
            // SQLite's LIKE already ignores ASCII case, and its lower() folds nothing else, so lower()
            // would change no result there and only cost a call per row: it halves the time of a
            // search's count, which reads every member. PostgreSQL's LIKE is case-sensitive.
            sql.push(match backend {
                Backend::Sqlite => " AND (name LIKE ",
                Backend::Postgres => " AND (lower(name) LIKE ",
            })
            .bind(Arg::Text(pattern.clone()));
            sql.push(" ESCAPE '\\' OR email LIKE ")
                .bind(Arg::Text(pattern))
                .push(" ESCAPE '\\')");
        }
        if let Some(role) = self.role {
            sql.push(" AND role = ").bind(Arg::Text(codec::name(&role)));
        }
        if let Some(status) = self.status {
            sql.push(" AND status = ").bind(Arg::Text(codec::name(&status)));
        }
        if let Some(group_id) = self.group_id {
            sql.push(" AND id IN (SELECT principal_id FROM group_principals WHERE group_id = ")
                .bind(Arg::Text(group_id.to_string()))
                .push(")");
        }
    }
}

/// The SQL of each value of a sort's key (the id follows as the tie-breaker), and their kinds.
///
/// `name_key` (the name without ASCII case, in byte order on both databases) and `role_rank` (owners,
/// admins, members: by rank, because an admin sorting by role wants the team from the top, not the
/// owners last as alphabetical order would have it) are generated columns; the migration
/// `member_sort_indexes` says why and indexes every key here with the id.
fn sort_key(backend: Backend, sort: MemberSort) -> (&'static [&'static str], &'static [KeyKind]) {
    match sort {
        MemberSort::Name => (&["name_key"], &[KeyKind::Text]),
        // Emails are stored lower-case; on PostgreSQL "C" gives SQLite's byte order whatever the locale.
        MemberSort::Email => match backend {
            Backend::Sqlite => (&["email"], &[KeyKind::Text]),
            Backend::Postgres => (&["email COLLATE \"C\""], &[KeyKind::Text]),
        },
        MemberSort::Role => (&["role_rank", "name_key"], &[KeyKind::Int, KeyKind::Text]),
        MemberSort::Created => (&["created_at"], &[KeyKind::Int]),
    }
}

/// The key values of a fetched row, as [`sort_key`] lists them, read back from the database (not
/// recomputed here) so that a cursor holds exactly what the query compares.
fn key_of(sort: MemberSort, row: &AnyRow) -> ApiResult<Vec<KeyValue>> {
    let text = |column: &str| -> ApiResult<KeyValue> { Ok(KeyValue::Text(row.try_get(column)?)) };
    let int = |column: &str| -> ApiResult<KeyValue> { Ok(KeyValue::Int(row.try_get(column)?)) };
    Ok(match sort {
        MemberSort::Name => vec![text("name_key")?],
        MemberSort::Email => vec![text("email")?],
        MemberSort::Role => vec![int("role_rank")?, text("name_key")?],
        MemberSort::Created => vec![int("created_at")?],
    })
}

/// The query of one page of `GET /v1/members`: the filters, then the rows after `after` (a cursor's key
/// and id) in the requested order. Public so the query plan can be checked against the migrations'
/// indexes.
pub fn list_sql(
    backend: Backend,
    query: &ListMembers,
    after: Option<&(Vec<KeyValue>, String)>,
    fetch: i64,
) -> Sql {
    let sort = query.sort.unwrap_or_default();
    let (keys, _) = sort_key(backend, sort);
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS}, name_key, role_rank FROM members WHERE 1 = 1"
    ));
    Filters::of(query).push(backend, &mut sql);
    let (direction, past) = match query.order.unwrap_or_default() {
        SortOrder::Asc => ("ASC", ">"),
        SortOrder::Desc => ("DESC", "<"),
    };
    if let Some((values, id)) = after {
        // A row-value comparison: both databases match it to the (key…, id) index as one range.
        sql.push(&format!(" AND ({}, id) {past} (", keys.join(", ")));
        for value in values {
            match value {
                KeyValue::Int(int) => sql.bind(Arg::Int(*int)),
                KeyValue::Text(text) => sql.bind(Arg::Text(text.clone())),
            };
            sql.push(", ");
        }
        sql.bind(Arg::Text(id.clone())).push(")");
    }
    let order: Vec<String> = keys
        .iter()
        .chain(&["id"])
        .map(|key| format!("{key} {direction}"))
        .collect();
    sql.push(&format!(" ORDER BY {} LIMIT ", order.join(", ")))
        .bind(Arg::Int(fetch));
    sql
}

#[utoipa::path(get, path = "/v1/members", tag = "members", operation_id = "list_members", params(ListMembers),
    responses((status = 200, description = "A page of members in the requested order (by name by default), \
        with `total`, the number of members matching the filters, on the first page", body = Page<Member>)))]
pub async fn list_members(
    State(state): State<AppState>,
    _caller: Caller,
    ApiQuery(query): ApiQuery<ListMembers>,
) -> ApiResult<Response> {
    let backend = state.db.backend();
    let sort = query.sort.unwrap_or_default();
    let order = query.order.unwrap_or_default();
    let filters = Filters::of(&query);
    let (_, kinds) = sort_key(backend, sort);
    let scope = keyset::scope("members", &codec::name(&sort), &codec::name(&order), &filters);
    let page = KeysetRequest::new(query.cursor.as_deref(), query.limit, scope, kinds)?;

    let rows = list_sql(backend, &query, page.after.as_ref(), page.fetch())
        .query()
        .fetch_all(state.db.pool())
        .await?;
    // Counted on the first page only: a client reading on keeps the count it was given, and a walk of
    // the whole team would otherwise count the whole team again on every page. A first page that is
    // also the last has counted itself; a search with few matches (the usual case while an admin
    // types) then costs one read, not two.
    let total = if page.after.is_some() {
        None
    } else if rows.len() as i64 <= page.limit {
        Some(rows.len() as i64)
    } else {
        let mut count = Sql::new("SELECT COUNT(*) AS n FROM members WHERE 1 = 1");
        filters.push(backend, &mut count);
        Some(count.query().fetch_one(state.db.pool()).await?.try_get("n")?)
    };
    let rows = rows
        .iter()
        .map(|row| Ok((MemberRow::from_row(row)?, key_of(sort, row)?)))
        .collect::<ApiResult<Vec<_>>>()?;
    let page = page.finish(rows, |(row, key)| (key.clone(), row.id.clone()));
    let members = hydrate(&state.db, page.data.into_iter().map(|(row, _)| row).collect()).await?;
    Ok(axum::Json(Page {
        data: members,
        next_cursor: page.next_cursor,
        total: total.map(|total| u64::try_from(total).unwrap_or_default()),
    })
    .into_response())
}

#[utoipa::path(get, path = "/v1/members/{id}", tag = "members", operation_id = "get_member",
    params(("id" = Uuid, Path, description = "Member id")),
    responses((status = 200, description = "The member", body = Member)))]
pub async fn get_member(
    State(state): State<AppState>,
    _caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    let (member, version) = load(&state.db, &id.to_string()).await?;
    Ok(tagged(StatusCode::OK, version, &member))
}

#[utoipa::path(patch, path = "/v1/members/{id}", tag = "members", operation_id = "update_member",
    params(("id" = Uuid, Path, description = "Member id")), request_body = MemberPatch,
    responses((status = 200, description = "The updated member", body = Member)))]
pub async fn update_member(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(patch): ApiJson<MemberPatch>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    apply_patch(&state, &caller, &id.to_string(), if_match, patch).await
}

#[utoipa::path(get, path = "/v1/me", tag = "members", operation_id = "get_me",
    responses((status = 200, description = "The signed-in member", body = Member)))]
pub async fn get_me(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    let (member, version) = load(&state.db, &caller.member_id).await?;
    Ok(tagged(StatusCode::OK, version, &member))
}

#[utoipa::path(patch, path = "/v1/me", tag = "members", operation_id = "update_me", request_body = MePatch,
    responses((status = 200, description = "The updated signed-in member", body = Member)))]
pub async fn update_me(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiJson(patch): ApiJson<MePatch>,
) -> ApiResult<Response> {
    let patch = MemberPatch {
        name: patch.name,
        recording: patch.recording,
        ..MemberPatch::default()
    };
    let id = caller.member_id.clone();
    apply_patch(&state, &caller, &id, if_match, patch).await
}

/// Active owners other than `except`.
async fn other_owners(conn: &mut sqlx::AnyConnection, except: &str) -> ApiResult<i64> {
    Ok(sqlx::query(
        "SELECT COUNT(*) AS n FROM members WHERE role = 'owner' AND status = 'active' AND id <> $1",
    )
    .bind(except)
    .fetch_one(conn)
    .await?
    .try_get("n")?)
}

async fn apply_patch(
    state: &AppState,
    caller: &Caller,
    id: &str,
    if_match: IfMatch,
    patch: MemberPatch,
) -> ApiResult<Response> {
    let current = find_row(&state.db, id).await?.ok_or(ApiError::NotFound)?;
    let expected = if_match.check(current.version)?;
    let (config, _) = configuration::load(&state.db).await?;
    let mut next = current.clone();
    let mut errors = validate::Errors::default();
    if let Some(name) = &patch.name {
        next.name = validate::name(&mut errors, "name", name);
    }
    if let Some(role) = patch.role {
        next.role = role;
    }
    if let Some(grants) = &patch.grants {
        next.grants = normalise_grants(grants);
    }
    if let Some(status) = patch.status {
        next.status = status;
    }
    if let Some(recording) = &patch.recording {
        use switchboard_api::configuration::RecordingPolicy::MemberChoice;
        if let Some(inbound) = recording.inbound {
            if config.recording.inbound != MemberChoice {
                return Err(ApiError::conflict(
                    ErrorCode::RecordingEnforcedByPolicy,
                    "the account's policy decides inbound call recording",
                ));
            }
            next.recording_inbound = inbound;
        }
        if let Some(outbound) = recording.outbound {
            if config.recording.outbound != MemberChoice {
                return Err(ApiError::conflict(
                    ErrorCode::RecordingEnforcedByPolicy,
                    "the account's policy decides outbound call recording",
                ));
            }
            next.recording_outbound = outbound;
        }
    }
    errors.into_result()?;
    // Owners are changed only by owners (themselves included), and only owners make owners.
    if current.role == Role::Owner || next.role == Role::Owner {
        caller.require_owner()?;
    }

    let mut tx = state.db.begin().await?;
    if current.role == Role::Owner
        && (next.role != Role::Owner || next.status != MemberStatus::Active)
        && other_owners(tx.conn(), id).await? == 0
    {
        return Err(ApiError::conflict(
            ErrorCode::LastOwner,
            "the team's last owner must stay an active owner",
        ));
    }
    let updated = sqlx::query(
        "UPDATE members SET name = $1, role = $2, grants = $3, status = $4, recording_inbound = $5, \
         recording_outbound = $6, version = version + 1, updated_at = $7 WHERE id = $8 AND version = $9",
    )
    .bind(&next.name)
    .bind(codec::name(&next.role))
    .bind(codec::to_json(&next.grants))
    .bind(codec::name(&next.status))
    .bind(i64::from(next.recording_inbound))
    .bind(i64::from(next.recording_outbound))
    .bind(now())
    .bind(id)
    .bind(expected)
    .execute(tx.conn())
    .await?;
    if updated.rows_affected() == 0 {
        return Err(ApiError::PreconditionFailed);
    }
    if next.status == MemberStatus::Deactivated && current.status != MemberStatus::Deactivated {
        // A deactivated member is signed out everywhere.
        sqlx::query("UPDATE credentials SET revoked_at = $1 WHERE member_id = $2 AND revoked_at IS NULL")
            .bind(now())
            .bind(id)
            .execute(tx.conn())
            .await?;
    }
    let mut changes = serde_json::Map::new();
    for (field, from, to) in [
        (
            "name",
            serde_json::json!(current.name),
            serde_json::json!(next.name),
        ),
        (
            "role",
            serde_json::json!(current.role),
            serde_json::json!(next.role),
        ),
        (
            "grants",
            serde_json::json!(current.grants),
            serde_json::json!(next.grants),
        ),
        (
            "status",
            serde_json::json!(current.status),
            serde_json::json!(next.status),
        ),
        (
            "recording_inbound",
            current.recording_inbound.into(),
            next.recording_inbound.into(),
        ),
        (
            "recording_outbound",
            current.recording_outbound.into(),
            next.recording_outbound.into(),
        ),
    ] {
        if from != to {
            let (k, v) = audit::change(field, from, to);
            changes.insert(k, v);
        }
    }
    audit::record(
        tx.conn(),
        Some(&caller.member_id),
        "member.updated",
        "member",
        Some(id),
        changes.into(),
    )
    .await?;
    tx.commit().await?;
    let (member, version) = load(&state.db, id).await?;
    Ok(tagged(StatusCode::OK, version, &member))
}

#[utoipa::path(delete, path = "/v1/members/{id}", tag = "members", operation_id = "remove_member",
    params(("id" = Uuid, Path, description = "Member id"), RemoveMember),
    responses((status = 204, description = "Removed")))]
pub async fn remove_member(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<RemoveMember>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let id = id.to_string();
    let current = find_row(&state.db, &id).await?.ok_or(ApiError::NotFound)?;
    let expected = if_match.check(current.version)?;
    if current.role == Role::Owner {
        caller.require_owner()?;
    }
    if id == caller.member_id {
        return Err(ApiError::conflict(
            ErrorCode::CannotRemoveSelf,
            "you cannot remove yourself",
        ));
    }
    let reassign_to = query.reassign_numbers_to.map(|r| r.to_string());
    if reassign_to.as_deref() == Some(id.as_str()) {
        return Err(ApiError::field("reassign_numbers_to", "must be another member"));
    }
    let mut tx = state.db.begin().await?;
    if current.role == Role::Owner && other_owners(tx.conn(), &id).await? == 0 {
        return Err(ApiError::conflict(
            ErrorCode::LastOwner,
            "the team's last owner cannot be removed",
        ));
    }
    let held: Vec<String> = sqlx::query("SELECT number_id FROM number_assignees WHERE principal_id = $1")
        .bind(&id)
        .fetch_all(tx.conn())
        .await?
        .iter()
        .map(|r| r.try_get("number_id"))
        .collect::<Result<_, _>>()?;
    if !held.is_empty() {
        match (&reassign_to, query.unassign_numbers) {
            (Some(to), _) => {
                let target = sqlx::query("SELECT status FROM members WHERE id = $1")
                    .bind(to)
                    .fetch_optional(tx.conn())
                    .await?;
                if target.is_none() {
                    return Err(ApiError::field("reassign_numbers_to", "no such member"));
                }
                for number in &held {
                    sqlx::query(
                        "INSERT INTO number_assignees (number_id, principal_id, kind, added_at) \
                         VALUES ($1, $2, 'member', $3) ON CONFLICT DO NOTHING",
                    )
                    .bind(number)
                    .bind(to)
                    .bind(now())
                    .execute(tx.conn())
                    .await?;
                }
                sqlx::query("UPDATE members SET version = version + 1 WHERE id = $1")
                    .bind(to)
                    .execute(tx.conn())
                    .await?;
            }
            (None, Some(true)) => {}
            (None, _) => {
                return Err(ApiError::conflict(
                    ErrorCode::MemberHoldsNumbers,
                    "the member holds phone numbers: pass ?unassign_numbers=true or ?reassign_numbers_to=<member id>",
                ));
            }
        }
        for number in &held {
            sqlx::query("UPDATE numbers SET version = version + 1, updated_at = $1 WHERE id = $2")
                .bind(now())
                .bind(number)
                .execute(tx.conn())
                .await?;
        }
    }
    crate::routes::principals::touch_parents(tx.conn(), &id).await?;
    sqlx::query("DELETE FROM number_assignees WHERE principal_id = $1")
        .bind(&id)
        .execute(tx.conn())
        .await?;
    sqlx::query("DELETE FROM group_principals WHERE principal_id = $1")
        .bind(&id)
        .execute(tx.conn())
        .await?;
    let deleted = sqlx::query("DELETE FROM members WHERE id = $1 AND version = $2")
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
        "member.removed",
        "member",
        Some(&id),
        serde_json::json!({ "email": current.email, "numbers": held, "reassigned_to": reassign_to }),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
