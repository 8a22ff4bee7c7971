//! Recording audit events, in the same transaction as the change they describe.

use sqlx::AnyConnection;

use crate::db::{new_id, now};
use crate::error::ApiResult;

/// Who made a change, as the audit log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor<'a> {
    /// The server itself (seeding, an invitation's acceptance).
    System,
    /// A signed-in member, by id.
    Member(&'a str),
    /// The identity provider, by the id of the provisioning token it used.
    IdentityProvider(&'a str),
}

impl<'a> Actor<'a> {
    /// The member behind the change, if a member made it.
    pub fn member_id(self) -> Option<&'a str> {
        match self {
            Actor::Member(id) => Some(id),
            _ => None,
        }
    }

    fn stored(self) -> (Option<&'a str>, &'static str) {
        match self {
            Actor::System => (None, "member"),
            Actor::Member(id) => (Some(id), "member"),
            Actor::IdentityProvider(token) => (Some(token), "identity_provider"),
        }
    }
}

/// Appends one event.
pub async fn record(
    conn: &mut AnyConnection,
    actor: Actor<'_>,
    action: &str,
    target_type: &str,
    target_id: Option<&str>,
    changes: serde_json::Value,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO audit_events (id, at, actor_id, actor_kind, action, target_type, target_id, changes) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id())
    .bind(now())
    .bind(actor.stored().0.map(str::to_owned))
    .bind(actor.stored().1)
    .bind(action)
    .bind(target_type)
    .bind(target_id.map(str::to_owned))
    .bind(changes.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// `{"field": {"from": a, "to": b}}` for each changed field.
pub fn change(
    field: &str,
    from: impl serde::Serialize,
    to: impl serde::Serialize,
) -> (String, serde_json::Value) {
    (field.to_owned(), serde_json::json!({ "from": from, "to": to }))
}
