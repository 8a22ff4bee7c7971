//! Principals (members or invitations) as they are attached to groups and numbers: resolving an id to
//! one, listing those attached, and keeping the principal's own ETag honest when its groups or numbers
//! change.

use std::collections::HashMap;

use sqlx::{AnyConnection, Row};
use switchboard_api::principal::{Principal, PrincipalKind};

use crate::audit::Actor;
use crate::db::{Db, Sql, now};
use crate::error::{ApiError, ApiResult};
use crate::store::{Cas, Tx, Versioned, parse_id};

/// What `id` names: a member, or an invitation that is still open (pending or expired). 404 otherwise.
pub async fn resolve(conn: &mut AnyConnection, id: &str) -> ApiResult<PrincipalKind> {
    if sqlx::query("SELECT id FROM members WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .is_some()
    {
        return Ok(PrincipalKind::Member);
    }
    // Open as `invitations::require_open` has it: an expired invitation can still be changed (and
    // given numbers and groups) before it is resent.
    let open = sqlx::query("SELECT id FROM invitations WHERE id = $1 AND status IN ('pending', 'expired')")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    if open.is_some() {
        Ok(PrincipalKind::Invitation)
    } else {
        Err(ApiError::NotFound)
    }
}

pub fn kind_name(kind: PrincipalKind) -> &'static str {
    match kind {
        PrincipalKind::Member => "member",
        PrincipalKind::Invitation => "invitation",
    }
}

/// Bumps the version (ETag) of a member or invitation whose numbers or groups changed.
pub async fn touch(conn: &mut AnyConnection, id: &str) -> ApiResult<()> {
    for table in ["members", "invitations"] {
        sqlx::query(&format!(
            "UPDATE {table} SET version = version + 1, updated_at = $1 WHERE id = $2"
        ))
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Detaches `principal_id` from the group or number `cas` writes, compare-and-swapping the parent's
/// version and bumping the principal's own ETag. 404 when it wasn't attached; 412 when the parent
/// changed since it was read.
pub async fn detach(tx: &mut Tx, cas: &Cas, principal_id: &str) -> ApiResult<()> {
    let (link_table, parent_column) = match cas.table() {
        Versioned::Groups => ("group_principals", "group_id"),
        Versioned::Numbers => ("number_assignees", "number_id"),
        other => {
            return Err(ApiError::Internal(format!(
                "{} have no principals attached",
                other.table()
            )));
        }
    };
    let removed = sqlx::query(&format!(
        "DELETE FROM {link_table} WHERE {parent_column} = $1 AND principal_id = $2"
    ))
    .bind(cas.id())
    .bind(principal_id)
    .execute(tx.conn())
    .await?;
    if removed.rows_affected() == 0 {
        return Err(ApiError::NotFound);
    }
    cas.bump(tx).await?;
    touch(tx.conn(), principal_id).await
}

/// [`detach`] in a transaction of its own, audited as `action`.
pub async fn detach_audited(
    db: &Db,
    actor: Actor<'_>,
    cas: &Cas,
    principal_id: &str,
    action: &str,
) -> ApiResult<()> {
    crate::store::transaction(db, async |tx| {
        detach(tx, cas, principal_id).await?;
        cas.audit(
            tx,
            actor,
            action,
            serde_json::json!({ "principal_id": principal_id }),
        )
        .await
    })
    .await
}

/// Bumps the ETags of every group and number `principal_id` is attached to (their member lists are
/// about to change, or just did).
pub async fn touch_parents(conn: &mut AnyConnection, principal_id: &str) -> ApiResult<()> {
    for (table, parents, column) in [
        ("groups", "group_principals", "group_id"),
        ("numbers", "number_assignees", "number_id"),
    ] {
        sqlx::query(&format!(
            "UPDATE {table} SET version = version + 1, updated_at = $1 \
             WHERE id IN (SELECT {column} FROM {parents} WHERE principal_id = $2)"
        ))
        .bind(now())
        .bind(principal_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The principals attached to each parent in `parents`, via `table` (`group_principals` keyed by
/// `group_id`, or `number_assignees` keyed by `number_id`), in the order they were added.
pub async fn attached(
    db: &Db,
    table: &str,
    parent_column: &str,
    parents: &[String],
) -> ApiResult<HashMap<String, Vec<Principal>>> {
    let mut out: HashMap<String, Vec<Principal>> = HashMap::new();
    if parents.is_empty() {
        return Ok(out);
    }
    for parents in parents.chunks(crate::store::LIST_CHUNK) {
        let mut sql = Sql::new(&format!(
            "SELECT p.{parent_column} AS parent, p.principal_id, p.kind, m.email AS member_email, m.name AS member_name, \
             i.email AS invitation_email FROM {table} p \
             LEFT JOIN members m ON m.id = p.principal_id LEFT JOIN invitations i ON i.id = p.principal_id \
             WHERE p.{parent_column} IN "
        ));
        sql.bind_list(parents)
            .push(" ORDER BY p.added_at, p.principal_id");
        for row in sql.query().fetch_all(db.pool()).await? {
            let kind: String = row.try_get("kind")?;
            let (kind, email, name) = if kind == "member" {
                (
                    PrincipalKind::Member,
                    row.try_get::<Option<String>, _>("member_email")?,
                    row.try_get("member_name")?,
                )
            } else {
                (
                    PrincipalKind::Invitation,
                    row.try_get::<Option<String>, _>("invitation_email")?,
                    None,
                )
            };
            out.entry(row.try_get("parent")?).or_default().push(Principal {
                id: parse_id(&row.try_get::<String, _>("principal_id")?)?,
                kind,
                email: email.unwrap_or_default(),
                name,
            });
        }
    }
    Ok(out)
}
