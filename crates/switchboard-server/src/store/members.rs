//! Members: the stored row, the directory's list (filters, orders, search), and the writes that keep the
//! team's rules (the last owner stays, deactivation signs out everywhere, removal settles the numbers).

use std::collections::HashMap;

use sqlx::Row;
use sqlx::any::AnyRow;
use switchboard_api::ErrorCode;
use switchboard_api::configuration::RecordingPolicies;
use switchboard_api::members::{
    ListMembers, ManagedBy, Member, MemberRecording, MemberSort, MemberStatus, RecordingPreference,
};
use switchboard_api::page::SortOrder;
use switchboard_api::principal::{GroupRef, NumberRef};
use switchboard_api::roles::{Permission, Role};
use uuid::Uuid;

use crate::audit::Actor;
use crate::codec;
use crate::db::{Arg, Backend, Db, Sql, instant, like_pattern, now};
use crate::error::{ApiError, ApiResult};
use crate::keyset::{self, KeysetRequest};
use crate::permissions::effective_permissions;
use crate::recording::effective_recording;
use crate::store::{
    self, Cas, Key, LIST_CHUNK, ListQuery, Listed, Tx, UniqueConflict, Versioned, configuration, parse_id,
    principals,
};

pub const COLUMNS: &str = "id, email, name, role, grants, status, recording_inbound, recording_outbound, \
                           avatar_version, managed_by, external_id, scim_resource, version, \
                           created_at, updated_at";

/// [`COLUMNS`] and the sort keys' generated columns.
const LIST_COLUMNS: &str = "id, email, name, role, grants, status, recording_inbound, recording_outbound, \
                            avatar_version, managed_by, external_id, scim_resource, version, \
                            created_at, updated_at, name_key, role_rank";

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
    pub managed_by: Option<ManagedBy>,
    /// The identity provider's id for the member.
    pub external_id: Option<String>,
    /// The SCIM User as the identity provider last wrote it (JSON), for what has no column.
    pub scim_resource: Option<String>,
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
            managed_by: row
                .try_get::<Option<String>, _>("managed_by")?
                .as_deref()
                .map(codec::parse)
                .transpose()?,
            external_id: row.try_get("external_id")?,
            scim_resource: row.try_get("scim_resource")?,
            version: row.try_get("version")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
        })
    }
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
    // In slices: a bound list has a limit (SQLite 32,766 arguments, PostgreSQL 65,535).
    for ids in ids.chunks(LIST_CHUNK) {
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
    }
    Ok((numbers, groups))
}

fn recording(policies: &RecordingPolicies, row: &MemberRow) -> MemberRecording {
    let (enabled, enforced) = effective_recording(policies.inbound, row.recording_inbound);
    let inbound = RecordingPreference { enabled, enforced };
    let (enabled, enforced) = effective_recording(policies.outbound, row.recording_outbound);
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
                managed_by: row.managed_by,
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
            push_search(backend, q, sql);
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

/// The digits of `q` when it reads as a phone number (`+64 9 555-0100`, `5550100`): what is looked
/// for in the members' E.164 numbers. Anything else searches names and emails only.
fn number_digits(q: &str) -> Option<String> {
    let kept: String = q
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
        .collect();
    let digits = kept.strip_prefix('+').unwrap_or(&kept);
    (digits.len() >= 3 && digits.chars().all(|c| c.is_ascii_digit())).then_some(kept)
}

/// The search `q`: names and emails containing it, and phone numbers containing its digits, all
/// without case, through the trigram index of each database (the migration `member_search` says how).
/// SQLite's trigram index needs three characters; a shorter `q` scans, as it must anyway to find
/// everyone with those letters anywhere.
fn push_search(backend: Backend, q: &str, sql: &mut Sql) {
    let numbers = number_digits(q);
    match backend {
        Backend::Sqlite if q.chars().count() >= 3 => {
            // A quoted FTS5 string is matched as a substring; quotes inside it are doubled.
            let phrase = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
            let mut query = format!("{{name email}} : {}", phrase(q));
            if let Some(digits) = &numbers {
                query.push_str(&format!(" OR numbers : {}", phrase(digits)));
            }
            sql.push(
                " AND id IN (SELECT i.member_id FROM member_search_ids i WHERE i.rowid IN \
                 (SELECT rowid FROM member_search WHERE member_search MATCH ",
            )
            .bind(Arg::Text(query))
            .push("))");
        }
        Backend::Sqlite => {
            // SQLite's LIKE already ignores ASCII case.
            let pattern = like_pattern(q);
            sql.push(" AND (name LIKE ")
                .bind(Arg::Text(pattern.clone()))
                .push(" ESCAPE '\\' OR email LIKE ")
                .bind(Arg::Text(pattern))
                .push(" ESCAPE '\\'");
            if let Some(digits) = &numbers {
                sql.push(
                    " OR id IN (SELECT a.principal_id FROM number_assignees a \
                     JOIN numbers n ON n.id = a.number_id WHERE n.e164 LIKE ",
                )
                .bind(Arg::Text(like_pattern(digits)))
                .push(" ESCAPE '\\')");
            }
            sql.push(")");
        }
        Backend::Postgres => {
            // Each condition is one trigram index's (the numbers' as the ids of their holders, an array
            // the primary key serves): PostgreSQL ORs their bitmaps, or, for a common term, walks the
            // order's own index until the page is full.
            let pattern = like_pattern(q);
            sql.push(" AND (lower(name) LIKE ")
                .bind(Arg::Text(pattern.clone()))
                .push(" ESCAPE '\\' OR email LIKE ")
                .bind(Arg::Text(pattern))
                .push(" ESCAPE '\\'");
            if let Some(digits) = &numbers {
                sql.push(
                    " OR id = ANY(ARRAY(SELECT a.principal_id FROM number_assignees a \
                     JOIN numbers n ON n.id = a.number_id WHERE n.e164 LIKE ",
                )
                .bind(Arg::Text(like_pattern(digits)))
                .push(" ESCAPE '\\'))");
            }
            sql.push(")");
        }
    }
}

/// The sort key of each order (the id follows as the tie-breaker).
///
/// `name_key` (the name without ASCII case, in byte order on both databases) and `role_rank` (owners,
/// admins, members: by rank, because an admin sorting by role wants the team from the top, not the
/// owners last as alphabetical order would have it) are generated columns; the migration
/// `member_sort_indexes` says why and indexes every key here with the id.
fn sort_key(backend: Backend, sort: MemberSort) -> &'static [Key] {
    const NAME: &[Key] = &[Key::text("name_key", "name_key")];
    const EMAIL: &[Key] = &[Key::text("email", "email")];
    // Emails are stored lower-case; on PostgreSQL "C" gives SQLite's byte order whatever the locale.
    const EMAIL_C: &[Key] = &[Key::text("email COLLATE \"C\"", "email")];
    const ROLE: &[Key] = &[Key::int("role_rank"), Key::text("name_key", "name_key")];
    const CREATED: &[Key] = &[Key::int("created_at")];
    match (sort, backend) {
        (MemberSort::Name, _) => NAME,
        (MemberSort::Email, Backend::Sqlite) => EMAIL,
        (MemberSort::Email, Backend::Postgres) => EMAIL_C,
        (MemberSort::Role, _) => ROLE,
        (MemberSort::Created, _) => CREATED,
    }
}

/// The list query of `GET /v1/members`: its filters, in the requested order. Public so the query plan
/// can be checked against the migrations' indexes.
pub fn list_query(backend: Backend, query: &ListMembers) -> ListQuery<'static> {
    let mut filters = Sql::default();
    Filters::of(query).push(backend, &mut filters);
    ListQuery {
        select: LIST_COLUMNS,
        from: "members",
        filters,
        keys: sort_key(backend, query.sort.unwrap_or_default()),
        descending: query.order.unwrap_or_default() == SortOrder::Desc,
    }
}

/// One page of the directory, with the number of matching members on the first page.
pub async fn list(db: &Db, query: &ListMembers) -> ApiResult<(Vec<Member>, Option<String>, Option<u64>)> {
    let backend = db.backend();
    let sort = query.sort.unwrap_or_default();
    let order = query.order.unwrap_or_default();
    let list = list_query(backend, query);
    let scope = keyset::scope(
        "members",
        &codec::name(&sort),
        &codec::name(&order),
        &Filters::of(query),
    );
    let page = KeysetRequest::new(
        query.cursor.as_deref(),
        query.limit,
        scope,
        &store::kinds(list.keys),
    )?;
    let Listed {
        rows,
        next_cursor,
        total,
    } = store::list(db, &list, &page, true).await?;
    let rows = rows
        .iter()
        .map(MemberRow::from_row)
        .collect::<ApiResult<Vec<_>>>()?;
    Ok((hydrate(db, rows).await?, next_cursor, total))
}

/// Active owners other than `except`.
///
/// On PostgreSQL every active owner's row is locked first: two transactions demoting, deactivating or
/// removing the last two owners at once would otherwise each count the other and both commit. The
/// second waits, then sees the first's change. (SQLite's write transactions already run one at a
/// time.)
async fn other_owners(backend: Backend, conn: &mut sqlx::AnyConnection, except: &str) -> ApiResult<i64> {
    let owners: Vec<String> = sqlx::query(match backend {
        Backend::Sqlite => "SELECT id FROM members WHERE role = 'owner' AND status = 'active'",
        Backend::Postgres => "SELECT id FROM members WHERE role = 'owner' AND status = 'active' FOR UPDATE",
    })
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| r.try_get("id"))
    .collect::<Result<_, _>>()?;
    Ok(owners.iter().filter(|id| id.as_str() != except).count() as i64)
}

/// The one write of a member's own fields: reads the member, checks `if_match` against it, asks
/// `change` for the next row (where the caller validates and authorizes), keeps the team's last active
/// owner, writes it compare-and-swap, signs a newly deactivated member out everywhere, records what
/// changed, and answers the member as stored.
pub async fn update(
    db: &Db,
    actor: Actor<'_>,
    id: &str,
    if_match: &crate::etag::IfMatch,
    change: impl FnOnce(&MemberRow) -> ApiResult<MemberRow>,
) -> ApiResult<(Member, i64)> {
    let current = find_row(db, id).await?.ok_or(ApiError::NotFound)?;
    let cas = Cas::new(Versioned::Members, id, current.version, if_match)?;
    let next = change(&current)?;
    let identity_changed =
        next.name != current.name || next.email != current.email || next.status != current.status;
    if current.managed_by.is_some() && identity_changed && !matches!(actor, Actor::IdentityProvider(_)) {
        return Err(ApiError::conflict(
            ErrorCode::ManagedByIdentityProvider,
            "your identity provider manages this member's name, email and status: change them there",
        ));
    }
    store::transaction(db, async |tx| {
        if current.role == Role::Owner
            && (next.role != Role::Owner || next.status != MemberStatus::Active)
            && other_owners(db.backend(), tx.conn(), id).await? == 0
        {
            return Err(ApiError::conflict(
                ErrorCode::LastOwner,
                "the team's last owner must stay an active owner",
            ));
        }
        cas.update_unique(
            tx,
            &[
                ("email", next.email.clone().into()),
                ("name", next.name.clone().into()),
                ("scim_resource", next.scim_resource.clone().into()),
                ("external_id", next.external_id.clone().into()),
                ("managed_by", next.managed_by.map(|m| codec::name(&m)).into()),
                ("role", codec::name(&next.role).into()),
                ("grants", codec::to_json(&next.grants).into()),
                ("status", codec::name(&next.status).into()),
                ("recording_inbound", next.recording_inbound.into()),
                ("recording_outbound", next.recording_outbound.into()),
            ],
            ErrorCode::AlreadyMember,
            "another member has this email",
        )
        .await?;
        if next.status == MemberStatus::Deactivated && current.status != MemberStatus::Deactivated {
            // A deactivated member is signed out everywhere.
            sqlx::query("UPDATE credentials SET revoked_at = $1 WHERE member_id = $2 AND revoked_at IS NULL")
                .bind(now())
                .bind(id)
                .execute(tx.conn())
                .await?;
        }
        cas.audit(tx, actor, "member.updated", changes(&current, &next))
            .await
    })
    .await?;
    load(db, id).await
}

/// `{"field": {"from": a, "to": b}}` for each field `next` changes.
fn changes(current: &MemberRow, next: &MemberRow) -> serde_json::Value {
    let mut changes = serde_json::Map::new();
    for (field, from, to) in [
        (
            "email",
            serde_json::json!(current.email),
            serde_json::json!(next.email),
        ),
        (
            "external_id",
            serde_json::json!(current.external_id),
            serde_json::json!(next.external_id),
        ),
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
            changes.insert(field.to_owned(), serde_json::json!({ "from": from, "to": to }));
        }
    }
    changes.into()
}

/// What becomes of the phone numbers a removed member holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeldNumbers {
    /// Refuse the removal while the member holds any (409 `member_holds_numbers`).
    Refuse,
    /// Unassign them: they go back to the account's reserve.
    Reserve,
    /// Give them to another member.
    ReassignTo(String),
}

/// Removes a member, after `authorize` has seen it: never the team's last owner; their numbers are
/// settled as `numbers` says, the groups and numbers they were in get new ETags, and the removal is
/// audited with the numbers they held.
pub async fn remove(
    db: &Db,
    actor: Actor<'_>,
    id: &str,
    if_match: &crate::etag::IfMatch,
    numbers: HeldNumbers,
    authorize: impl FnOnce(&MemberRow) -> ApiResult<()>,
) -> ApiResult<()> {
    let current = find_row(db, id).await?.ok_or(ApiError::NotFound)?;
    let cas = Cas::new(Versioned::Members, id, current.version, if_match)?;
    authorize(&current)?;
    if numbers == HeldNumbers::ReassignTo(id.to_owned()) {
        return Err(ApiError::field("reassign_numbers_to", "must be another member"));
    }
    store::transaction(db, async |tx| {
        if current.role == Role::Owner && other_owners(db.backend(), tx.conn(), id).await? == 0 {
            return Err(ApiError::conflict(
                ErrorCode::LastOwner,
                "the team's last owner cannot be removed",
            ));
        }
        let held: Vec<String> = sqlx::query("SELECT number_id FROM number_assignees WHERE principal_id = $1")
            .bind(id)
            .fetch_all(tx.conn())
            .await?
            .iter()
            .map(|r| r.try_get("number_id"))
            .collect::<Result<_, _>>()?;
        if !held.is_empty() {
            settle_numbers(tx, &held, &numbers).await?;
        }
        principals::touch_parents(tx.conn(), id).await?;
        sqlx::query("DELETE FROM number_assignees WHERE principal_id = $1")
            .bind(id)
            .execute(tx.conn())
            .await?;
        sqlx::query("DELETE FROM group_principals WHERE principal_id = $1")
            .bind(id)
            .execute(tx.conn())
            .await?;
        cas.delete(tx).await?;
        // A link to set a password for a member who is gone must not create them again, nor hold
        // numbers and groups for them.
        let links: Vec<String> = sqlx::query(
            "SELECT id FROM invitations WHERE member_id = $1 AND status IN ('pending', 'expired')",
        )
        .bind(id)
        .fetch_all(tx.conn())
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<Result<_, _>>()?;
        for invitation in &links {
            principals::touch_parents(tx.conn(), invitation).await?;
            for table in ["number_assignees", "group_principals"] {
                sqlx::query(&format!("DELETE FROM {table} WHERE principal_id = $1"))
                    .bind(invitation)
                    .execute(tx.conn())
                    .await?;
            }
            sqlx::query("UPDATE invitations SET status = 'revoked', version = version + 1, updated_at = $1 WHERE id = $2")
                .bind(now())
                .bind(invitation)
                .execute(tx.conn())
                .await?;
        }
        let reassigned_to = match &numbers {
            HeldNumbers::ReassignTo(to) => Some(to.as_str()),
            _ => None,
        };
        cas.audit(
            tx,
            actor,
            "member.removed",
            serde_json::json!({ "email": current.email, "numbers": held, "reassigned_to": reassigned_to }),
        )
        .await
    })
    .await
}

/// Gives a removed member's numbers to the member `numbers` names (or leaves them to be unassigned),
/// moving every affected ETag on.
async fn settle_numbers(tx: &mut Tx, held: &[String], numbers: &HeldNumbers) -> ApiResult<()> {
    match numbers {
        HeldNumbers::ReassignTo(to) => {
            let target = sqlx::query("SELECT status FROM members WHERE id = $1")
                .bind(to)
                .fetch_optional(tx.conn())
                .await?;
            if target.is_none() {
                return Err(ApiError::field("reassign_numbers_to", "no such member"));
            }
            for number in held {
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
        HeldNumbers::Reserve => {}
        HeldNumbers::Refuse => {
            return Err(ApiError::conflict(
                ErrorCode::MemberHoldsNumbers,
                "the member holds phone numbers: pass ?unassign_numbers=true or ?reassign_numbers_to=<member id>",
            ));
        }
    }
    for number in held {
        sqlx::query("UPDATE numbers SET version = version + 1, updated_at = $1 WHERE id = $2")
            .bind(now())
            .bind(number)
            .execute(tx.conn())
            .await?;
    }
    Ok(())
}

/// A member as an identity provider describes them.
#[derive(Debug, Clone)]
pub struct Provisioned {
    pub email: String,
    pub name: String,
    /// `None` when the identity provider didn't say: a new member is active, an existing one keeps
    /// their status.
    pub status: Option<MemberStatus>,
    pub external_id: Option<String>,
    /// The SCIM User as the identity provider wrote it (JSON).
    pub scim_resource: String,
}

/// Creates a member the identity provider manages, with the team's default role, and a link to set
/// their password (sent once the member is stored). 409 `already_member` when the email is taken.
pub async fn provision(
    state: &crate::state::AppState,
    actor: Actor<'_>,
    person: &Provisioned,
) -> ApiResult<String> {
    let db = &state.db;
    let (config, _) = configuration::load(db).await?;
    let id = crate::db::new_id();
    let letter = store::transaction(db, async |tx| {
        sqlx::query(
            "INSERT INTO members (id, email, name, role, status, managed_by, external_id, scim_resource, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
        )
        .bind(&id)
        .bind(&person.email)
        .bind(&person.name)
        .bind(codec::name(&config.default_role))
        .bind(codec::name(&person.status.unwrap_or(MemberStatus::Active)))
        .bind(codec::name(&ManagedBy::IdentityProvider))
        .bind(person.external_id.clone())
        .bind(&person.scim_resource)
        .bind(now())
        .execute(tx.conn())
        .await
        .unique_conflict(ErrorCode::AlreadyMember, "a member has this email")?;
        Cas::at(Versioned::Members, &id, 1)
            .audit(
                tx,
                actor,
                "member.provisioned",
                serde_json::json!({ "email": person.email, "name": person.name, "external_id": person.external_id }),
            )
            .await?;
        store::invitations::activation(state, tx, &config, &id, &person.email).await
    })
    .await?;
    if let Some(letter) = letter {
        crate::email::dispatch(state, vec![letter]);
    }
    Ok(id)
}

/// The SCIM list of members: `filters` (SQL conditions) in creation order, from `offset`.
pub async fn window(db: &Db, filters: Sql, offset: i64, limit: i64) -> ApiResult<(Vec<MemberRow>, i64)> {
    const CREATED: &[Key] = &[Key::int("created_at")];
    let list = ListQuery {
        select: COLUMNS,
        from: "members",
        filters,
        keys: CREATED,
        descending: false,
    };
    let (rows, total) = store::window(db, &list, offset, limit).await?;
    Ok((
        rows.iter().map(MemberRow::from_row).collect::<ApiResult<_>>()?,
        total,
    ))
}
