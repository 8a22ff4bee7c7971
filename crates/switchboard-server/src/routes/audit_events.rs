//! `GET /v1/audit-events` (newest first) and `GET /v1/roles`.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use sqlx::Row;
use switchboard_api::Page;
use switchboard_api::audit::{AuditEvent, ListAuditEvents};
use switchboard_api::roles::{Role, RoleInfo};

use crate::authz::Caller;
use crate::db::{Arg, Sql, instant, micros};
use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::pagination::PageRequest;
use crate::routes::members::parse_id;
use crate::state::AppState;

#[utoipa::path(get, path = "/v1/audit-events", tag = "audit", operation_id = "list_audit_events",
    params(ListAuditEvents),
    responses((status = 200, description = "A page of audit events, newest first", body = Page<AuditEvent>)))]
pub async fn list_audit_events(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ListAuditEvents>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let page = PageRequest::new(query.cursor.as_deref(), query.limit)?;
    let mut sql = Sql::new(
        "SELECT id, at, actor_id, action, target_type, target_id, changes FROM audit_events WHERE 1 = 1",
    );
    if let Some(before) = &page.after {
        sql.push(" AND id < ").bind(Arg::Text(before.clone()));
    }
    if let Some(since) = query.since {
        sql.push(" AND at >= ").bind(Arg::Int(micros(since)));
    }
    if let Some(actor) = query.actor {
        sql.push(" AND actor_id = ").bind(Arg::Text(actor.to_string()));
    }
    if let Some(target) = query.target {
        sql.push(" AND target_id = ").bind(Arg::Text(target.to_string()));
    }
    sql.push(" ORDER BY id DESC LIMIT ").bind(Arg::Int(page.fetch()));
    let rows = sql.query().fetch_all(state.db.pool()).await?;
    let events = rows
        .iter()
        .map(|row| {
            Ok(AuditEvent {
                id: parse_id(&row.try_get::<String, _>("id")?)?,
                at: instant(row.try_get("at")?),
                actor_id: row
                    .try_get::<Option<String>, _>("actor_id")?
                    .as_deref()
                    .map(parse_id)
                    .transpose()?,
                action: row.try_get("action")?,
                target_type: row.try_get("target_type")?,
                target_id: row
                    .try_get::<Option<String>, _>("target_id")?
                    .as_deref()
                    .map(parse_id)
                    .transpose()?,
                changes: serde_json::from_str(&row.try_get::<String, _>("changes")?)?,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(axum::Json(page.finish(events, |e| e.id.to_string())).into_response())
}

#[utoipa::path(get, path = "/v1/roles", tag = "roles", operation_id = "list_roles",
    responses((status = 200, description = "Each role and its default permissions", body = Vec<RoleInfo>)))]
pub async fn list_roles(_caller: Caller) -> Response {
    let roles: Vec<RoleInfo> = Role::ALL
        .into_iter()
        .map(|role| RoleInfo {
            role,
            description: match role {
                Role::Owner => "Everything an admin can do, plus managing owners and the account itself",
                Role::Admin => "Manages the team: members, invitations, groups, numbers and policy",
                Role::Member => "Makes and receives calls; manages only their own profile",
            }
            .to_owned(),
            default_permissions: role.default_permissions(),
        })
        .collect();
    axum::Json(roles).into_response()
}
