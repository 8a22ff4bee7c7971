//! Invitations: who was invited with which role, grants, numbers and groups, their links' lifecycle
//! (pending, expired, resent, revoked) and their acceptance, which makes the member.

use axum::http::StatusCode;
use sqlx::Row;
use sqlx::any::AnyRow;
use switchboard_api::ErrorCode;
use switchboard_api::configuration::Configuration;
use switchboard_api::invitations::{Invitation, InvitationStatus, ListInvitations, NewInvitation};
use switchboard_api::principal::PrincipalKind;
use switchboard_api::roles::{Permission, Role};
use uuid::Uuid;

use crate::audit;
use crate::audit::Actor;
use crate::auth::{IssuedSession, issue_session, new_token, token_hash};
use crate::codec;
use crate::db::{Arg, Db, Sql, instant, is_unique_violation, like_pattern, new_id, now};
use crate::email::{self, Outgoing};
use crate::error::{ApiError, ApiResult};
use crate::etag::IfMatch;
use crate::keyset::{self, KeysetRequest};
use crate::permissions::{effective_permissions, normalise_grants};
use crate::state::AppState;
use crate::store::members::links;
use crate::store::{self, Cas, ListQuery, UniqueConflict, Versioned, groups, numbers, parse_id, principals};
use crate::validate;

const COLUMNS: &str =
    "id, email, role, grants, status, expires_at, invited_by, member_id, version, created_at, updated_at";

async fn hydrate(db: &Db, rows: &[AnyRow]) -> ApiResult<Vec<(Invitation, i64)>> {
    let ids: Vec<String> = rows.iter().map(|r| r.try_get("id")).collect::<Result<_, _>>()?;
    let (mut numbers, mut groups) = links(db, &ids).await?;
    let at = now();
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let role: Role = codec::parse(&row.try_get::<String, _>("role")?)?;
            let grants: Vec<Permission> = codec::from_json(&row.try_get::<String, _>("grants")?)?;
            let expires_at: i64 = row.try_get("expires_at")?;
            let mut status: InvitationStatus = codec::parse(&row.try_get::<String, _>("status")?)?;
            if status == InvitationStatus::Pending && expires_at <= at {
                status = InvitationStatus::Expired;
            }
            let optional_id = |column: &str| -> ApiResult<Option<Uuid>> {
                row.try_get::<Option<String>, _>(column)?
                    .as_deref()
                    .map(parse_id)
                    .transpose()
            };
            Ok((
                Invitation {
                    id: parse_id(&id)?,
                    email: row.try_get("email")?,
                    role,
                    permissions: effective_permissions(role, &grants),
                    grants,
                    numbers: numbers.remove(&id).unwrap_or_default(),
                    groups: groups.remove(&id).unwrap_or_default(),
                    status,
                    expires_at: instant(expires_at),
                    invited_by: optional_id("invited_by")?,
                    member_id: optional_id("member_id")?,
                    created_at: instant(row.try_get("created_at")?),
                    updated_at: instant(row.try_get("updated_at")?),
                },
                row.try_get("version")?,
            ))
        })
        .collect()
}

pub async fn load(db: &Db, id: &str) -> ApiResult<(Invitation, i64)> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM invitations WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(ApiError::NotFound)?;
    hydrate(db, &[row]).await?.pop().ok_or(ApiError::NotFound)
}

/// What the team's rules say about inviting `body` before anything is stored: the address, the role, the
/// policy's domains and whether the person is already a member. Answers the normalised address and role.
async fn check_new(
    conn: &mut sqlx::AnyConnection,
    config: &Configuration,
    body: &NewInvitation,
) -> ApiResult<(String, Role)> {
    let mut errors = validate::Errors::default();
    let email = validate::email(&body.email);
    if email.is_none() {
        errors.add("email", "is not an email address");
    }
    let role = body.role.unwrap_or(config.default_role);
    if role == Role::Owner {
        errors.add("role", "invitations cannot make owners");
    }
    errors.into_result()?;
    let email = email.unwrap_or_default();
    let domain = email.rsplit('@').next().unwrap_or_default();
    if !config.allowed_email_domains.is_empty() && !config.allowed_email_domains.iter().any(|d| d == domain) {
        return Err(ApiError::unprocessable(
            ErrorCode::EmailDomainNotAllowed,
            format!(
                "invitations may only go to {}",
                config.allowed_email_domains.join(", ")
            ),
        ));
    }
    let member = sqlx::query("SELECT id FROM members WHERE email = $1")
        .bind(&email)
        .fetch_optional(&mut *conn)
        .await?;
    if member.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::AlreadyMember,
            format!("{email} is already a member"),
        ));
    }
    Ok((email, role))
}

fn already_invited(email: &str) -> ApiError {
    ApiError::conflict(
        ErrorCode::InvitationPending,
        format!("{email} already has a pending invitation"),
    )
}

/// Whether `body` could be invited now (by [`check_new`] and no pending invitation for the address),
/// without storing anything.
pub async fn could_invite(db: &Db, config: &Configuration, body: &NewInvitation) -> ApiResult<()> {
    let mut conn = db.pool().acquire().await?;
    let (email, _) = check_new(&mut conn, config, body).await?;
    let pending =
        sqlx::query("SELECT id FROM invitations WHERE email = $1 AND status = 'pending' AND expires_at > $2")
            .bind(&email)
            .bind(now())
            .fetch_optional(&mut *conn)
            .await?;
    match pending {
        Some(_) => Err(already_invited(&email)),
        None => Ok(()),
    }
}

/// Validates and stores one invitation (with its numbers and groups) and records its email.
pub async fn create(
    state: &AppState,
    actor: Actor<'_>,
    config: &Configuration,
    body: &NewInvitation,
) -> ApiResult<(String, Outgoing)> {
    let mut tx = state.db.begin().await?;
    let (email, role) = check_new(tx.conn(), config, body).await?;
    let at = now();
    // An expired invitation no longer blocks a new one.
    sqlx::query("UPDATE invitations SET status = 'expired', updated_at = $1 WHERE email = $2 AND status = 'pending' AND expires_at <= $1")
        .bind(at)
        .bind(&email)
        .execute(tx.conn())
        .await?;
    let id = new_id();
    let token = new_token("sbi_");
    let lifetime = i64::from(config.invitation_lifetime_hours) * 3_600_000_000;
    sqlx::query(
        "INSERT INTO invitations (id, email, role, grants, status, token_hash, expires_at, invited_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $8)",
    )
    .bind(&id)
    .bind(&email)
    .bind(codec::name(&role))
    .bind(codec::to_json(&normalise_grants(&body.grants)))
    .bind(token_hash(&token))
    .bind(at + lifetime)
    .bind(actor.member_id().map(str::to_owned))
    .bind(at)
    .execute(tx.conn())
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            already_invited(&email)
        } else {
            e.into()
        }
    })?;
    let mut number_ids: Vec<String> = body.number_ids.iter().map(Uuid::to_string).collect();
    number_ids.sort_unstable();
    number_ids.dedup();
    for number in &number_ids {
        numbers::assign(&mut tx, number, &id, PrincipalKind::Invitation, None).await?;
    }
    let mut group_ids: Vec<String> = body.group_ids.iter().map(Uuid::to_string).collect();
    group_ids.sort_unstable();
    group_ids.dedup();
    for group in &group_ids {
        groups::join(&mut tx, group, &id, PrincipalKind::Invitation).await?;
    }
    audit::record(tx.conn(), actor, "invitation.created", "invitation", Some(&id), serde_json::json!({
        "email": email, "role": role, "grants": body.grants, "number_ids": number_ids, "group_ids": group_ids,
    }))
    .await?;
    let outgoing = email::record_invitation(state, tx.conn(), &id, &email, &token).await?;
    tx.commit().await?;
    Ok((id, outgoing))
}

/// One page of invitations (oldest first), filtered by an email search and a status (an invitation
/// past its expiry is expired, whatever its row says).
pub async fn list(db: &Db, query: &ListInvitations) -> ApiResult<(Vec<Invitation>, Option<String>)> {
    let q = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let mut sql = Sql::default();
    if let Some(q) = q {
        sql.push(" AND email LIKE ")
            .bind(Arg::Text(like_pattern(q)))
            .push(" ESCAPE '\\'");
    }
    let at = Arg::Int(now());
    match query.status {
        Some(InvitationStatus::Pending) => sql.push(" AND status = 'pending' AND expires_at > ").bind(at),
        Some(InvitationStatus::Expired) => sql
            .push(" AND (status = 'expired' OR (status = 'pending' AND expires_at <= ")
            .bind(at)
            .push("))"),
        Some(InvitationStatus::Accepted) => sql.push(" AND status = 'accepted'"),
        Some(InvitationStatus::Revoked) => sql.push(" AND status = 'revoked'"),
        None => &mut sql,
    };
    let list = ListQuery {
        select: COLUMNS,
        from: "invitations",
        filters: sql,
        keys: &[],
        descending: false,
    };
    let scope = keyset::scope("invitations", "id", "asc", &(q, query.status));
    let page = KeysetRequest::new(query.cursor.as_deref(), query.limit, scope, &[])?;
    let listed = store::list(db, &list, &page, false).await?;
    let invitations = hydrate(db, &listed.rows).await?;
    Ok((
        invitations.into_iter().map(|(i, _)| i).collect(),
        listed.next_cursor,
    ))
}

pub fn require_open(invitation: &Invitation) -> ApiResult<()> {
    match invitation.status {
        InvitationStatus::Pending | InvitationStatus::Expired => Ok(()),
        InvitationStatus::Accepted => Err(ApiError::conflict(
            ErrorCode::InvitationAccepted,
            "the invitation was accepted",
        )),
        InvitationStatus::Revoked => Err(ApiError::conflict(
            ErrorCode::InvitationRevoked,
            "the invitation was revoked",
        )),
    }
}

/// Changes an open invitation's role or grants; `None` keeps what it has.
pub async fn update(
    db: &Db,
    actor: Actor<'_>,
    id: &str,
    if_match: &IfMatch,
    role: Option<Role>,
    grants: Option<&[Permission]>,
) -> ApiResult<(Invitation, i64)> {
    let (current, version) = load(db, id).await?;
    let cas = Cas::new(Versioned::Invitations, id, version, if_match)?;
    require_open(&current)?;
    let role = role.unwrap_or(current.role);
    if role == Role::Owner {
        return Err(ApiError::field("role", "invitations cannot make owners"));
    }
    let grants = grants.map(normalise_grants).unwrap_or(current.grants.clone());
    store::transaction(db, async |tx| {
        cas.update(
            tx,
            &[
                ("role", codec::name(&role).into()),
                ("grants", codec::to_json(&grants).into()),
            ],
        )
        .await?;
        cas.audit(
            tx,
            actor,
            "invitation.updated",
            serde_json::json!({
                "role": { "from": current.role, "to": role }, "grants": { "from": current.grants, "to": grants },
            }),
        )
        .await
    })
    .await?;
    load(db, id).await
}

/// Gives a member the identity provider just made a link to set their password: a new invitation
/// (or the pending one an admin already sent the address) that accepting completes instead of
/// creating a member. Answers the letter to send once the transaction commits, if one is due.
pub async fn activation(
    state: &AppState,
    tx: &mut crate::db::Tx,
    config: &Configuration,
    member_id: &str,
    email: &str,
) -> ApiResult<Option<Outgoing>> {
    let at = now();
    let pending = sqlx::query(
        "SELECT id, role, grants FROM invitations WHERE email = $1 AND status = 'pending' AND expires_at > $2",
    )
    .bind(email)
    .bind(at)
    .fetch_optional(tx.conn())
    .await?;
    if let Some(pending) = pending {
        // The person holds an admin's link already: it now completes this member, who gets the role
        // and permissions the admin chose (their numbers and groups follow when the link is used).
        sqlx::query(
            "UPDATE invitations SET member_id = $1, version = version + 1, updated_at = $2 WHERE id = $3",
        )
        .bind(member_id)
        .bind(at)
        .bind(pending.try_get::<String, _>("id")?)
        .execute(tx.conn())
        .await?;
        sqlx::query("UPDATE members SET role = $1, grants = $2 WHERE id = $3")
            .bind(pending.try_get::<String, _>("role")?)
            .bind(pending.try_get::<String, _>("grants")?)
            .bind(member_id)
            .execute(tx.conn())
            .await?;
        return Ok(None);
    }
    let role = config.default_role;
    sqlx::query(
        "UPDATE invitations SET status = 'expired', updated_at = $1 WHERE email = $2 AND status = 'pending'",
    )
    .bind(at)
    .bind(email)
    .execute(tx.conn())
    .await?;
    let id = new_id();
    let token = new_token("sbi_");
    sqlx::query(
        "INSERT INTO invitations (id, email, role, grants, status, token_hash, expires_at, member_id, created_at, updated_at) \
         VALUES ($1, $2, $3, '[]', 'pending', $4, $5, $6, $7, $7)",
    )
    .bind(&id)
    .bind(email)
    .bind(codec::name(&role))
    .bind(token_hash(&token))
    .bind(at + i64::from(config.invitation_lifetime_hours) * 3_600_000_000)
    .bind(member_id)
    .bind(at)
    .execute(tx.conn())
    .await?;
    let letter =
        email::record_letter(state, tx.conn(), email::Letter::Activation, &id, email, &token).await?;
    Ok(Some(letter))
}

/// Sends an open invitation again with a new link and expiry; the old link stops working.
pub async fn resend(state: &AppState, actor: Actor<'_>, id: &str) -> ApiResult<(Invitation, i64)> {
    let db = &state.db;
    let (current, _) = load(db, id).await?;
    require_open(&current)?;
    let (config, _) = store::configuration::load(db).await?;
    let token = new_token("sbi_");
    let at = now();
    let outgoing = store::transaction(db, async |tx| {
        let updated = sqlx::query(
            "UPDATE invitations SET token_hash = $1, expires_at = $2, status = 'pending', version = version + 1, updated_at = $3 \
             WHERE id = $4 AND status IN ('pending', 'expired')",
        )
        .bind(token_hash(&token))
        .bind(at + i64::from(config.invitation_lifetime_hours) * 3_600_000_000)
        .bind(at)
        .bind(id)
        .execute(tx.conn())
        .await
        .unique_conflict(
            ErrorCode::InvitationPending,
            "another pending invitation exists for this email",
        )?;
        if updated.rows_affected() == 0 {
            return Err(ApiError::conflict(
                ErrorCode::InvitationClosed,
                "the invitation is closed",
            ));
        }
        audit::record(
            tx.conn(),
            actor,
            "invitation.resent",
            "invitation",
            Some(id),
            serde_json::json!({}),
        )
        .await?;
        email::record_invitation(state, tx.conn(), id, &current.email, &token).await
    })
    .await?;
    email::dispatch(state, vec![outgoing]);
    load(db, id).await
}

/// Revokes an open invitation (again is a no-op); its numbers return to reserve and it leaves its
/// groups.
pub async fn revoke(db: &Db, actor: Actor<'_>, id: &str) -> ApiResult<(Invitation, i64)> {
    let (current, version) = load(db, id).await?;
    if current.status == InvitationStatus::Revoked {
        return Ok((current, version));
    }
    require_open(&current)?;
    store::transaction(db, async |tx| {
        sqlx::query("UPDATE invitations SET status = 'revoked', version = version + 1, updated_at = $1 WHERE id = $2 AND status IN ('pending', 'expired')")
            .bind(now())
            .bind(id)
            .execute(tx.conn())
            .await?;
        for number in &current.numbers {
            sqlx::query("UPDATE numbers SET version = version + 1, updated_at = $1 WHERE id = $2")
                .bind(now())
                .bind(number.id.to_string())
                .execute(tx.conn())
                .await?;
        }
        sqlx::query("DELETE FROM number_assignees WHERE principal_id = $1")
            .bind(id)
            .execute(tx.conn())
            .await?;
        principals::touch_parents(tx.conn(), id).await?;
        sqlx::query("DELETE FROM group_principals WHERE principal_id = $1")
            .bind(id)
            .execute(tx.conn())
            .await?;
        audit::record(
            tx.conn(),
            actor,
            "invitation.revoked",
            "invitation",
            Some(id),
            serde_json::json!({ "email": current.email }),
        )
        .await
    })
    .await?;
    load(db, id).await
}

/// Accepts the invitation whose link holds `token`: creates the member (named `name`, with the
/// password hashed as `hash`) with the invitation's role, grants, numbers and groups, and signs them in.
/// Only the request that flips the invitation from pending goes on.
pub async fn accept(
    state: &AppState,
    token: &str,
    name: &str,
    hash: &str,
) -> ApiResult<(String, IssuedSession)> {
    let mut tx = state.db.begin().await?;
    let row = sqlx::query(
        "SELECT id, email, role, grants, status, expires_at, member_id FROM invitations WHERE token_hash = $1",
    )
    .bind(token_hash(token.trim()))
    .fetch_optional(tx.conn())
    .await?
    .ok_or_else(|| ApiError::Coded {
        status: StatusCode::NOT_FOUND,
        code: ErrorCode::InvalidInvitationToken,
        detail: "no invitation has this link".into(),
    })?;
    let id: String = row.try_get("id")?;
    let status: InvitationStatus = codec::parse(&row.try_get::<String, _>("status")?)?;
    let at = now();
    match status {
        InvitationStatus::Pending if row.try_get::<i64, _>("expires_at")? > at => {}
        InvitationStatus::Pending | InvitationStatus::Expired => {
            return Err(ApiError::Gone {
                code: ErrorCode::InvitationExpired,
                detail: "the invitation has expired; ask for a new one".into(),
            });
        }
        InvitationStatus::Revoked => {
            return Err(ApiError::Gone {
                code: ErrorCode::InvitationRevoked,
                detail: "the invitation was revoked".into(),
            });
        }
        InvitationStatus::Accepted => {
            return Err(ApiError::conflict(
                ErrorCode::InvitationAccepted,
                "the invitation was already accepted",
            ));
        }
    }
    let email: String = row.try_get("email")?;
    let provisioned: Option<String> = row.try_get("member_id")?;
    let member_id = match provisioned {
        // The identity provider made the member already: the link only sets their password (their
        // name is the identity provider's to keep).
        Some(member_id) => {
            let set = sqlx::query(
                "UPDATE members SET password_hash = $1, version = version + 1, updated_at = $2 \
                 WHERE id = $3 AND status = 'active'",
            )
            .bind(hash)
            .bind(at)
            .bind(&member_id)
            .execute(tx.conn())
            .await?;
            if set.rows_affected() == 0 {
                return Err(ApiError::Forbidden(
                    "this member is deactivated: your identity provider can activate them",
                ));
            }
            member_id
        }
        None => {
            let member_id = new_id();
            sqlx::query(
                "INSERT INTO members (id, email, name, role, grants, password_hash, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
            )
            .bind(&member_id)
            .bind(&email)
            .bind(name)
            .bind(row.try_get::<String, _>("role")?)
            .bind(row.try_get::<String, _>("grants")?)
            .bind(hash)
            .bind(at)
            .execute(tx.conn())
            .await
            .unique_conflict(ErrorCode::AlreadyMember, "this email is already a member")?;
            member_id
        }
    };
    // The single use: only the request that flips it from pending goes on.
    let flipped = sqlx::query(
        "UPDATE invitations SET status = 'accepted', member_id = $1, version = version + 1, updated_at = $2 \
         WHERE id = $3 AND status = 'pending'",
    )
    .bind(&member_id)
    .bind(at)
    .bind(&id)
    .execute(tx.conn())
    .await?;
    if flipped.rows_affected() == 0 {
        return Err(ApiError::conflict(
            ErrorCode::InvitationAccepted,
            "the invitation was already accepted",
        ));
    }
    principals::touch_parents(tx.conn(), &id).await?;
    // The invitation's numbers and groups become the member's; a member the identity provider made
    // may be in some of them already.
    for (table, parent) in [
        ("number_assignees", "number_id"),
        ("group_principals", "group_id"),
    ] {
        sqlx::query(&format!(
            "INSERT INTO {table} ({parent}, principal_id, kind, added_at) \
             SELECT {parent}, $1, 'member', added_at FROM {table} WHERE principal_id = $2 \
             ON CONFLICT DO NOTHING"
        ))
        .bind(&member_id)
        .bind(&id)
        .execute(tx.conn())
        .await?;
        sqlx::query(&format!("DELETE FROM {table} WHERE principal_id = $1"))
            .bind(&id)
            .execute(tx.conn())
            .await?;
    }
    audit::record(
        tx.conn(),
        Actor::System,
        "invitation.accepted",
        "invitation",
        Some(&id),
        serde_json::json!({ "member_id": member_id, "email": email }),
    )
    .await?;
    let issued = issue_session(state, tx.conn(), &member_id, None).await?;
    tx.commit().await?;
    Ok((member_id, issued))
}
