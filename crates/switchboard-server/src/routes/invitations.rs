//! `/v1/invitations`: invite people (one or a batch), manage pending invitations, and accept one —
//! which creates the member with the invitation's role, grants, phone numbers and groups.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sqlx::Row;
use sqlx::any::AnyRow;
use switchboard_api::ErrorCode;
use switchboard_api::Page;
use switchboard_api::configuration::Configuration;
use switchboard_api::invitations::{
    AcceptInvitation, BatchItem, BatchResult, Invitation, InvitationBatch, InvitationPatch, InvitationStatus,
    ListInvitations, NewInvitation, ValidationItem, ValidationResult,
};
use switchboard_api::roles::Role;
use uuid::Uuid;

use crate::audit;
use crate::auth::{issue_session, new_token, token_hash};
use crate::authz::Caller;
use crate::codec;
use crate::db::{Arg, Db, Sql, instant, is_unique_violation, like_pattern, new_id, now};
use crate::email::{self, Outgoing};
use crate::error::{ApiError, ApiResult};
use crate::etag::{IfMatch, created, tagged};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::pagination::PageRequest;
use crate::routes::members::{effective_permissions, links, normalise_grants, parse_id};
use crate::routes::{auth, configuration, groups, numbers, principals};
use crate::state::AppState;
use crate::validate;

const COLUMNS: &str =
    "id, email, role, grants, status, expires_at, invited_by, member_id, version, created_at, updated_at";
const MAX_BATCH: usize = 100;

async fn hydrate(db: &Db, rows: Vec<AnyRow>) -> ApiResult<Vec<(Invitation, i64)>> {
    let ids: Vec<String> = rows.iter().map(|r| r.try_get("id")).collect::<Result<_, _>>()?;
    let (mut numbers, mut groups) = links(db, &ids).await?;
    let at = now();
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let role: Role = codec::parse(&row.try_get::<String, _>("role")?)?;
            let grants: Vec<switchboard_api::roles::Permission> =
                codec::from_json(&row.try_get::<String, _>("grants")?)?;
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
    hydrate(db, vec![row]).await?.pop().ok_or(ApiError::NotFound)
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

/// Validates and stores one invitation (with its numbers and groups) and records its email.
async fn create_one(
    state: &AppState,
    caller: &Caller,
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
    let inserted = sqlx::query(
        "INSERT INTO invitations (id, email, role, grants, status, token_hash, expires_at, invited_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $8)",
    )
    .bind(&id)
    .bind(&email)
    .bind(codec::name(&role))
    .bind(codec::to_json(&normalise_grants(&body.grants)))
    .bind(token_hash(&token))
    .bind(at + lifetime)
    .bind(&caller.member_id)
    .bind(at)
    .execute(tx.conn())
    .await;
    match inserted {
        Err(e) if is_unique_violation(&e) => return Err(already_invited(&email)),
        other => other?,
    };
    let mut number_ids: Vec<String> = body.number_ids.iter().map(Uuid::to_string).collect();
    number_ids.sort_unstable();
    number_ids.dedup();
    for number in &number_ids {
        numbers::assign(tx.conn(), number, &id, "invitation", None).await?;
    }
    let mut group_ids: Vec<String> = body.group_ids.iter().map(Uuid::to_string).collect();
    group_ids.sort_unstable();
    group_ids.dedup();
    for group in &group_ids {
        groups::join(tx.conn(), group, &id, "invitation").await?;
    }
    audit::record(tx.conn(), Some(&caller.member_id), "invitation.created", "invitation", Some(&id), serde_json::json!({
        "email": email, "role": role, "grants": body.grants, "number_ids": number_ids, "group_ids": group_ids,
    }))
    .await?;
    let outgoing = email::record_invitation(state, tx.conn(), &id, &email, &token).await?;
    tx.commit().await?;
    Ok((id, outgoing))
}

#[utoipa::path(post, path = "/v1/invitations", tag = "invitations", operation_id = "create_invitation",
    request_body = NewInvitation,
    responses((status = 201, description = "The invitation; its email is on its way", body = Invitation)))]
pub async fn create_invitation(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewInvitation>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (config, _) = configuration::load(&state.db).await?;
    let (id, outgoing) = create_one(&state, &caller, &config, &body).await?;
    email::dispatch(&state, vec![outgoing]);
    let (invitation, version) = load(&state.db, &id).await?;
    Ok(created(format!("/v1/invitations/{id}"), version, &invitation))
}

/// What the schema itself forbids fails a whole batch (422); rules of the team (already a member, a domain
/// the policy refuses, …) fail only their own item.
fn check_batch_shape(body: &InvitationBatch) -> ApiResult<()> {
    if body.invitations.is_empty() || body.invitations.len() > MAX_BATCH {
        return Err(ApiError::field(
            "invitations",
            format!("send 1 to {MAX_BATCH} invitations"),
        ));
    }
    let mut errors = validate::Errors::default();
    for (i, item) in body.invitations.iter().enumerate() {
        if validate::email(&item.email).is_none() {
            errors.add(&format!("invitations[{i}].email"), "is not an email address");
        }
        if item.role == Some(Role::Owner) {
            errors.add(
                &format!("invitations[{i}].role"),
                "invitations cannot make owners",
            );
        }
    }
    errors.into_result()
}

#[utoipa::path(post, path = "/v1/invitations/validate", tag = "invitations", operation_id = "validate_invitations",
    request_body = InvitationBatch,
    responses((status = 200, description = "Whether each invitation could be sent now, in request order; nothing is created", body = ValidationResult)))]
pub async fn validate_invitations(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<InvitationBatch>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    // What the schema forbids (a malformed address, an owner) fails the request as it fails a batch: a
    // client asks only about addresses it has parsed, and the answers are about the team's rules.
    check_batch_shape(&body)?;
    let (config, _) = configuration::load(&state.db).await?;
    let mut conn = state.db.pool().acquire().await?;
    let at = now();
    let mut results = Vec::with_capacity(body.invitations.len());
    for item in &body.invitations {
        let checked = match check_new(&mut conn, &config, item).await {
            Ok((email, _)) => {
                let pending = sqlx::query(
                    "SELECT id FROM invitations WHERE email = $1 AND status = 'pending' AND expires_at > $2",
                )
                .bind(&email)
                .bind(at)
                .fetch_optional(&mut *conn)
                .await?;
                match pending {
                    Some(_) => Err(already_invited(&email)),
                    None => Ok(()),
                }
            }
            Err(error) => Err(error),
        };
        let error = match checked {
            Ok(()) => None,
            Err(ApiError::Internal(cause)) => return Err(ApiError::Internal(cause)),
            Err(error) => Some(error.problem()),
        };
        results.push(ValidationItem {
            email: item.email.clone(),
            error,
        });
    }
    Ok(axum::Json(ValidationResult { results }).into_response())
}

#[utoipa::path(post, path = "/v1/invitations/batch", tag = "invitations", operation_id = "create_invitations",
    request_body = InvitationBatch,
    responses((status = 200, description = "One result per invitation, in request order", body = BatchResult)))]
pub async fn create_batch(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<InvitationBatch>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    check_batch_shape(&body)?;
    let (config, _) = configuration::load(&state.db).await?;
    let mut results = Vec::new();
    let mut outgoing = Vec::new();
    for item in &body.invitations {
        match create_one(&state, &caller, &config, item).await {
            Ok((id, email)) => {
                outgoing.push(email);
                let (invitation, _) = load(&state.db, &id).await?;
                results.push(BatchItem {
                    email: invitation.email.clone(),
                    invitation: Some(invitation),
                    error: None,
                });
            }
            Err(ApiError::Internal(cause)) => return Err(ApiError::Internal(cause)),
            Err(err) => results.push(BatchItem {
                email: item.email.clone(),
                invitation: None,
                error: Some(err.problem()),
            }),
        }
    }
    email::dispatch(&state, outgoing);
    Ok(axum::Json(BatchResult { results }).into_response())
}

#[utoipa::path(get, path = "/v1/invitations", tag = "invitations", operation_id = "list_invitations",
    params(ListInvitations),
    responses((status = 200, description = "A page of invitations, oldest first", body = Page<Invitation>)))]
pub async fn list_invitations(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ListInvitations>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let page = PageRequest::new(query.cursor.as_deref(), query.limit)?;
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM invitations WHERE 1 = 1"));
    if let Some(after) = &page.after {
        sql.push(" AND id > ").bind(Arg::Text(after.clone()));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
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
    sql.push(" ORDER BY id LIMIT ").bind(Arg::Int(page.fetch()));
    let rows = sql.query().fetch_all(state.db.pool()).await?;
    let invitations: Vec<Invitation> = hydrate(&state.db, rows)
        .await?
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    Ok(axum::Json(page.finish(invitations, |i| i.id.to_string())).into_response())
}

#[utoipa::path(get, path = "/v1/invitations/{id}", tag = "invitations", operation_id = "get_invitation",
    params(("id" = Uuid, Path, description = "Invitation id")),
    responses((status = 200, description = "The invitation", body = Invitation)))]
pub async fn get_invitation(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (invitation, version) = load(&state.db, &id.to_string()).await?;
    Ok(tagged(StatusCode::OK, version, &invitation))
}

fn require_open(invitation: &Invitation) -> ApiResult<()> {
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

#[utoipa::path(patch, path = "/v1/invitations/{id}", tag = "invitations", operation_id = "update_invitation",
    params(("id" = Uuid, Path, description = "Invitation id")), request_body = InvitationPatch,
    responses((status = 200, description = "The updated invitation", body = Invitation)))]
pub async fn update_invitation(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(patch): ApiJson<InvitationPatch>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let id = id.to_string();
    let (current, version) = load(&state.db, &id).await?;
    let expected = if_match.check(version)?;
    require_open(&current)?;
    let role = patch.role.unwrap_or(current.role);
    if role == Role::Owner {
        return Err(ApiError::field("role", "invitations cannot make owners"));
    }
    let grants = patch
        .grants
        .as_deref()
        .map(normalise_grants)
        .unwrap_or(current.grants.clone());
    let mut tx = state.db.begin().await?;
    let updated = sqlx::query(
        "UPDATE invitations SET role = $1, grants = $2, version = version + 1, updated_at = $3 WHERE id = $4 AND version = $5",
    )
    .bind(codec::name(&role))
    .bind(codec::to_json(&grants))
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
        "invitation.updated",
        "invitation",
        Some(&id),
        serde_json::json!({
            "role": { "from": current.role, "to": role }, "grants": { "from": current.grants, "to": grants },
        }),
    )
    .await?;
    tx.commit().await?;
    let (invitation, version) = load(&state.db, &id).await?;
    Ok(tagged(StatusCode::OK, version, &invitation))
}

#[utoipa::path(post, path = "/v1/invitations/{id}/resend", tag = "invitations", operation_id = "resend_invitation",
    params(("id" = Uuid, Path, description = "Invitation id")),
    responses((status = 200, description = "Sent again with a new link and expiry; the old link stops working", body = Invitation)))]
pub async fn resend_invitation(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let id = id.to_string();
    let (current, _) = load(&state.db, &id).await?;
    require_open(&current)?;
    let (config, _) = configuration::load(&state.db).await?;
    let token = new_token("sbi_");
    let at = now();
    let mut tx = state.db.begin().await?;
    let updated = sqlx::query(
        "UPDATE invitations SET token_hash = $1, expires_at = $2, status = 'pending', version = version + 1, updated_at = $3 \
         WHERE id = $4 AND status IN ('pending', 'expired')",
    )
    .bind(token_hash(&token))
    .bind(at + i64::from(config.invitation_lifetime_hours) * 3_600_000_000)
    .bind(at)
    .bind(&id)
    .execute(tx.conn())
    .await;
    match updated {
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::conflict(
                ErrorCode::InvitationPending,
                "another pending invitation exists for this email",
            ));
        }
        Ok(done) if done.rows_affected() == 0 => {
            return Err(ApiError::conflict(
                ErrorCode::InvitationClosed,
                "the invitation is closed",
            ));
        }
        other => other?,
    };
    audit::record(
        tx.conn(),
        Some(&caller.member_id),
        "invitation.resent",
        "invitation",
        Some(&id),
        serde_json::json!({}),
    )
    .await?;
    let outgoing = email::record_invitation(&state, tx.conn(), &id, &current.email, &token).await?;
    tx.commit().await?;
    email::dispatch(&state, vec![outgoing]);
    let (invitation, version) = load(&state.db, &id).await?;
    Ok(tagged(StatusCode::OK, version, &invitation))
}

#[utoipa::path(post, path = "/v1/invitations/{id}/revoke", tag = "invitations", operation_id = "revoke_invitation",
    params(("id" = Uuid, Path, description = "Invitation id")),
    responses((status = 200, description = "Revoked; its numbers return to reserve", body = Invitation)))]
pub async fn revoke_invitation(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let id = id.to_string();
    let (current, _) = load(&state.db, &id).await?;
    if current.status == InvitationStatus::Revoked {
        return Ok(tagged(StatusCode::OK, load(&state.db, &id).await?.1, &current));
    }
    require_open(&current)?;
    let mut tx = state.db.begin().await?;
    sqlx::query("UPDATE invitations SET status = 'revoked', version = version + 1, updated_at = $1 WHERE id = $2 AND status IN ('pending', 'expired')")
        .bind(now())
        .bind(&id)
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
        .bind(&id)
        .execute(tx.conn())
        .await?;
    principals::touch_parents(tx.conn(), &id).await?;
    sqlx::query("DELETE FROM group_principals WHERE principal_id = $1")
        .bind(&id)
        .execute(tx.conn())
        .await?;
    audit::record(
        tx.conn(),
        Some(&caller.member_id),
        "invitation.revoked",
        "invitation",
        Some(&id),
        serde_json::json!({ "email": current.email }),
    )
    .await?;
    tx.commit().await?;
    let (invitation, version) = load(&state.db, &id).await?;
    Ok(tagged(StatusCode::OK, version, &invitation))
}

#[utoipa::path(post, path = "/v1/invitations/accept", tag = "invitations", operation_id = "accept_invitation", security(()),
    request_body = AcceptInvitation,
    responses((status = 201, description = "The new member, signed in", body = switchboard_api::auth::Session)))]
pub async fn accept_invitation(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<AcceptInvitation>,
) -> ApiResult<Response> {
    let mut errors = validate::Errors::default();
    let name = validate::name(&mut errors, "name", &body.name);
    if body.password.chars().count() < 8 || body.password.len() > 1024 {
        errors.add("password", "must be 8 to 1024 characters");
    }
    errors.into_result()?;
    let hash = state
        .hashers
        .permit(state.settings.request_timeout)
        .await?
        .hash_password(body.password.clone())
        .await?;
    let mut tx = state.db.begin().await?;
    let row = sqlx::query(
        "SELECT id, email, role, grants, status, expires_at FROM invitations WHERE token_hash = $1",
    )
    .bind(token_hash(body.token.trim()))
    .fetch_optional(tx.conn())
    .await?
    .ok_or_else(|| ApiError::Coded {
        status: StatusCode::NOT_FOUND,
        code: ErrorCode::InvalidInvitationToken,
        detail: "no invitation has this link".into(),
    })?;
    let id: String = row.try_get("id")?;
    let status: String = row.try_get("status")?;
    let at = now();
    match status.as_str() {
        "pending" if row.try_get::<i64, _>("expires_at")? > at => {}
        "pending" | "expired" => {
            return Err(ApiError::Gone {
                code: ErrorCode::InvitationExpired,
                detail: "the invitation has expired; ask for a new one".into(),
            });
        }
        "revoked" => {
            return Err(ApiError::Gone {
                code: ErrorCode::InvitationRevoked,
                detail: "the invitation was revoked".into(),
            });
        }
        _ => {
            return Err(ApiError::conflict(
                ErrorCode::InvitationAccepted,
                "the invitation was already accepted",
            ));
        }
    }
    let email: String = row.try_get("email")?;
    let member_id = new_id();
    let inserted = sqlx::query(
        "INSERT INTO members (id, email, name, role, grants, password_hash, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(&member_id)
    .bind(&email)
    .bind(&name)
    .bind(row.try_get::<String, _>("role")?)
    .bind(row.try_get::<String, _>("grants")?)
    .bind(&hash)
    .bind(at)
    .execute(tx.conn())
    .await;
    match inserted {
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::conflict(
                ErrorCode::AlreadyMember,
                "this email is already a member",
            ));
        }
        other => other?,
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
    for table in ["number_assignees", "group_principals"] {
        sqlx::query(&format!(
            "UPDATE {table} SET principal_id = $1, kind = 'member' WHERE principal_id = $2"
        ))
        .bind(&member_id)
        .bind(&id)
        .execute(tx.conn())
        .await?;
    }
    audit::record(
        tx.conn(),
        None,
        "invitation.accepted",
        "invitation",
        Some(&id),
        serde_json::json!({ "member_id": member_id, "email": email }),
    )
    .await?;
    let issued = issue_session(&state, tx.conn(), &member_id, None).await?;
    tx.commit().await?;
    let session = auth::session_response(&state, issued, &member_id).await?;
    let mut response = (StatusCode::CREATED, axum::Json(session)).into_response();
    if let Ok(location) = format!("/v1/members/{member_id}").parse() {
        response
            .headers_mut()
            .insert(axum::http::header::LOCATION, location);
    }
    Ok(response)
}
