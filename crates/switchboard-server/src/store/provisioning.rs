//! Provisioning tokens: the bearer tokens an owner gives an identity provider for `/scim/v2`. Only
//! their hashes are stored; they are never valid on `/v1` (they live apart from members' credentials).

use sqlx::Row;
use sqlx::any::AnyRow;
use switchboard_api::provisioning::ProvisioningToken;

use crate::audit::{self, Actor};
use crate::auth::{new_token, token_hash};
use crate::db::{Db, instant, new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::store::{self, parse_id};

/// What a provisioning token starts with, so a leaked one is recognised for what it is.
pub const PREFIX: &str = "sbscim_";

fn token(row: &AnyRow) -> ApiResult<ProvisioningToken> {
    Ok(ProvisioningToken {
        id: parse_id(&row.try_get::<String, _>("id")?)?,
        name: row.try_get("name")?,
        created_by: row
            .try_get::<Option<String>, _>("created_by")?
            .as_deref()
            .map(parse_id)
            .transpose()?,
        created_at: instant(row.try_get("created_at")?),
        last_used_at: row.try_get::<Option<i64>, _>("last_used_at")?.map(instant),
    })
}

/// The tokens not revoked, oldest first.
pub async fn list(db: &Db) -> ApiResult<Vec<ProvisioningToken>> {
    sqlx::query(
        "SELECT id, name, created_by, created_at, last_used_at FROM provisioning_tokens \
         WHERE revoked_at IS NULL ORDER BY created_at, id",
    )
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(token)
    .collect()
}

/// Creates a token named `name`; answers the secret (the only time it exists outside the identity
/// provider) and the token as listed.
pub async fn create(db: &Db, actor: Actor<'_>, name: &str) -> ApiResult<(String, ProvisioningToken)> {
    let id = new_id();
    let secret = new_token(PREFIX);
    store::transaction(db, async |tx| {
        sqlx::query(
            "INSERT INTO provisioning_tokens (id, name, token_hash, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(name)
        .bind(token_hash(&secret))
        .bind(actor.member_id().map(str::to_owned))
        .bind(now())
        .execute(tx.conn())
        .await?;
        audit::record(
            tx.conn(),
            actor,
            "provisioning_token.created",
            "provisioning_token",
            Some(&id),
            serde_json::json!({ "name": name }),
        )
        .await
    })
    .await?;
    let row = sqlx::query(
        "SELECT id, name, created_by, created_at, last_used_at FROM provisioning_tokens WHERE id = $1",
    )
    .bind(&id)
    .fetch_one(db.pool())
    .await?;
    Ok((secret, token(&row)?))
}

/// Revokes a token: the identity provider's next request is refused. 404 for no such live token.
pub async fn revoke(db: &Db, actor: Actor<'_>, id: &str) -> ApiResult<()> {
    store::transaction(db, async |tx| {
        let done = sqlx::query(
            "UPDATE provisioning_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        )
        .bind(now())
        .bind(id)
        .execute(tx.conn())
        .await?;
        if done.rows_affected() == 0 {
            return Err(ApiError::NotFound);
        }
        audit::record(
            tx.conn(),
            actor,
            "provisioning_token.revoked",
            "provisioning_token",
            Some(id),
            serde_json::json!({}),
        )
        .await
    })
    .await
}

/// The id of the live token `secret` is, recording its use (at minute granularity, so a sync of
/// thousands of users does not write once per request); `None` for anything else.
pub async fn authenticate(db: &Db, secret: &str) -> ApiResult<Option<String>> {
    if !secret.starts_with(PREFIX) || secret.len() > 200 {
        return Ok(None);
    }
    let Some(row) = sqlx::query(
        "SELECT id, last_used_at FROM provisioning_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(token_hash(secret))
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let id: String = row.try_get("id")?;
    let last_used: Option<i64> = row.try_get("last_used_at")?;
    let at = now();
    if last_used.is_none_or(|l| at - l > 60_000_000) {
        sqlx::query("UPDATE provisioning_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(at)
            .bind(&id)
            .execute(db.pool())
            .await?;
    }
    Ok(Some(id))
}
