//! Members' credentials as the `/v1/auth` routes use them: who may try a password, refresh and sign
//! out, and personal API tokens. (Issuing and checking tokens is `crate::auth`'s.)

use sqlx::Row;
use sqlx::any::AnyRow;
use switchboard_api::auth::ApiToken;
use switchboard_api::members::MemberStatus;

use crate::audit::{self, Actor};
use crate::auth::{IssuedSession, REFRESH, issue_api_token, issue_session, token_hash};
use crate::codec;
use crate::db::{Db, instant, now};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{self, parse_id};

/// The member an email signs in as: id, password hash (none for a member who never set one) and
/// status.
#[derive(Debug)]
pub struct Account {
    pub id: String,
    pub password_hash: Option<String>,
    pub status: MemberStatus,
}

pub async fn account(db: &Db, email: &str) -> ApiResult<Option<Account>> {
    let row = sqlx::query("SELECT id, password_hash, status FROM members WHERE email = $1")
        .bind(email)
        .fetch_optional(db.pool())
        .await?;
    row.map(|row| {
        Ok(Account {
            id: row.try_get("id")?,
            password_hash: row.try_get("password_hash")?,
            status: codec::parse(&row.try_get::<String, _>("status")?)?,
        })
    })
    .transpose()
}

/// A new session for a member whose password was just verified.
pub async fn open_session(state: &AppState, member_id: &str) -> ApiResult<IssuedSession> {
    store::transaction(&state.db, async |tx| {
        issue_session(state, tx.conn(), member_id, None).await
    })
    .await
}

/// Trades a refresh token for a new pair in the same session (401 for a spent, expired or unknown
/// one, or a deactivated member); answers the member and the pair.
pub async fn refresh(state: &AppState, refresh_token: &str) -> ApiResult<(String, IssuedSession)> {
    store::transaction(&state.db, async |tx| {
        let row = sqlx::query(
            "SELECT c.id, c.member_id, c.session_id, c.expires_at, m.status FROM credentials c \
             JOIN members m ON m.id = c.member_id \
             WHERE c.token_hash = $1 AND c.kind = $2 AND c.revoked_at IS NULL",
        )
        .bind(token_hash(refresh_token))
        .bind(REFRESH)
        .fetch_optional(tx.conn())
        .await?
        .ok_or(ApiError::Unauthorized)?;
        let expires_at: Option<i64> = row.try_get("expires_at")?;
        let status: MemberStatus = codec::parse(&row.try_get::<String, _>("status")?)?;
        if expires_at.is_some_and(|e| e <= now()) || status != MemberStatus::Active {
            return Err(ApiError::Unauthorized);
        }
        let member_id: String = row.try_get("member_id")?;
        let session_id: Option<String> = row.try_get("session_id")?;
        // Single use: only the request that revokes this refresh token goes on, whoever refreshed
        // first wins. Gated on the token's own row, not the session's: the new pair carries the same
        // session id, so a loser revoking "the session's live tokens" would take the winner's new pair
        // and go on.
        let spent =
            sqlx::query("UPDATE credentials SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(now())
                .bind(row.try_get::<String, _>("id")?)
                .execute(tx.conn())
                .await?;
        if spent.rows_affected() == 0 {
            return Err(ApiError::Unauthorized);
        }
        // The old access token dies with it.
        sqlx::query("UPDATE credentials SET revoked_at = $1 WHERE session_id = $2 AND revoked_at IS NULL")
            .bind(now())
            .bind(&session_id)
            .execute(tx.conn())
            .await?;
        let issued = issue_session(state, tx.conn(), &member_id, session_id.as_deref()).await?;
        Ok((member_id, issued))
    })
    .await
}

/// Ends a session (all its tokens), or for a personal API token, that token.
pub async fn sign_out(db: &Db, session_id: Option<&str>, credential_id: &str) -> ApiResult<()> {
    let at = now();
    match session_id {
        Some(session) => {
            sqlx::query("UPDATE credentials SET revoked_at = $1 WHERE session_id = $2 AND revoked_at IS NULL")
                .bind(at)
                .bind(session)
                .execute(db.pool())
                .await?
        }
        None => {
            sqlx::query("UPDATE credentials SET revoked_at = $1 WHERE id = $2")
                .bind(at)
                .bind(credential_id)
                .execute(db.pool())
                .await?
        }
    };
    Ok(())
}

fn api_token(row: &AnyRow) -> ApiResult<ApiToken> {
    Ok(ApiToken {
        id: parse_id(&row.try_get::<String, _>("id")?)?,
        name: row.try_get::<Option<String>, _>("name")?.unwrap_or_default(),
        created_at: instant(row.try_get("created_at")?),
        expires_at: row.try_get::<Option<i64>, _>("expires_at")?.map(instant),
        last_used_at: row.try_get::<Option<i64>, _>("last_used_at")?.map(instant),
    })
}

/// A member's live personal API tokens, without their secrets.
pub async fn api_tokens(db: &Db, member_id: &str) -> ApiResult<Vec<ApiToken>> {
    sqlx::query(
        "SELECT id, name, created_at, expires_at, last_used_at FROM credentials \
         WHERE member_id = $1 AND kind = 'api_token' AND revoked_at IS NULL ORDER BY id",
    )
    .bind(member_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(api_token)
    .collect()
}

/// A new personal API token for `member_id`: the secret (its only appearance) and the token as listed.
pub async fn create_api_token(
    db: &Db,
    actor: Actor<'_>,
    member_id: &str,
    name: &str,
    expires_at: Option<i64>,
) -> ApiResult<(String, ApiToken)> {
    let (id, secret) = store::transaction(db, async |tx| {
        let (id, secret) = issue_api_token(tx.conn(), member_id, name, expires_at).await?;
        audit::record(
            tx.conn(),
            actor,
            "api_token.created",
            "api_token",
            Some(&id),
            serde_json::json!({ "name": name }),
        )
        .await?;
        Ok((id, secret))
    })
    .await?;
    let row =
        sqlx::query("SELECT id, name, created_at, expires_at, last_used_at FROM credentials WHERE id = $1")
            .bind(&id)
            .fetch_one(db.pool())
            .await?;
    Ok((secret, api_token(&row)?))
}

/// Revokes one of `member_id`'s API tokens; 404 when they have no such live token.
pub async fn revoke_api_token(db: &Db, member_id: &str, id: &str) -> ApiResult<()> {
    let revoked = sqlx::query(
        "UPDATE credentials SET revoked_at = $1 WHERE id = $2 AND member_id = $3 AND kind = 'api_token' \
         AND revoked_at IS NULL",
    )
    .bind(now())
    .bind(id)
    .bind(member_id)
    .execute(db.pool())
    .await?;
    if revoked.rows_affected() == 0 {
        return Err(ApiError::NotFound);
    }
    Ok(())
}
