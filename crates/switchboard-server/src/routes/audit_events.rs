//! `GET /v1/audit-events` (newest first) and `GET /v1/roles`.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use sqlx::Row;
use switchboard_api::Page;
use switchboard_api::audit::{AuditEvent, ListAuditEvents};
use switchboard_api::roles::{Role, RoleInfo};

use crate::authz::Caller;
use crate::codec;
use crate::db::{Arg, Sql, instant, micros};
use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::keyset::{self, KeysetRequest};
use crate::state::AppState;
use crate::store::{self, ListQuery, Listed, parse_id};

#[utoipa::path(get, path = "/v1/audit-events", tag = "audit", operation_id = "list_audit_events",
    params(ListAuditEvents),
    responses((status = 200, description = "A page of audit events, newest first", body = Page<AuditEvent>)))]
pub async fn list_audit_events(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ListAuditEvents>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let mut filters = Sql::default();
    if let Some(since) = query.since {
        filters.push(" AND at >= ").bind(Arg::Int(micros(since)));
    }
    if let Some(actor) = query.actor {
        filters
            .push(" AND actor_id = ")
            .bind(Arg::Text(actor.to_string()));
    }
    if let Some(target) = query.target {
        filters
            .push(" AND target_id = ")
            .bind(Arg::Text(target.to_string()));
    }
    let list = ListQuery {
        select: "id, at, actor_id, actor_kind, action, target_type, target_id, changes",
        from: "audit_events",
        filters,
        keys: &[],
        descending: true,
    };
    let scope = keyset::scope(
        "audit_events",
        "id",
        "desc",
        &(query.since.map(micros), query.actor, query.target),
    );
    let page = KeysetRequest::new(query.cursor.as_deref(), query.limit, scope, &[])?;
    let Listed {
        rows, next_cursor, ..
    } = store::list(&state.db, &list, &page, false).await?;
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
                actor_kind: codec::parse(&row.try_get::<String, _>("actor_kind")?)?,
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
    Ok(axum::Json(Page {
        data: events,
        next_cursor,
        total: None,
    })
    .into_response())
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
