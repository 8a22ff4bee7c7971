//! Recording audit events, in the same transaction as the change they describe.

use sqlx::AnyConnection;

use crate::db::{new_id, now};
use crate::error::ApiResult;

/// Appends one event. `actor` is `None` for changes the system makes (seeding, acceptance).
pub async fn record(
    conn: &mut AnyConnection,
    actor: Option<&str>,
    action: &str,
    target_type: &str,
    target_id: Option<&str>,
    changes: serde_json::Value,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO audit_events (id, at, actor_id, action, target_type, target_id, changes) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(now())
    .bind(actor.map(str::to_owned))
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
