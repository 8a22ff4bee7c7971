//! Members' avatars: the sizes rendered from one upload, stored with the member, whose version they
//! share.

use sqlx::Row;

use crate::audit::Actor;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::etag::IfMatch;
use crate::store::{self, Cas, Versioned, members};

/// One stored size of an avatar.
#[derive(Debug)]
pub struct Stored {
    pub content_type: String,
    pub bytes: Vec<u8>,
    /// The `avatar_version` it was stored under.
    pub version: Option<i64>,
}

/// Replaces a member's avatar with `rendered` (size, JPEG) in one compare-and-swap on the member.
pub async fn set(
    db: &Db,
    actor: Actor<'_>,
    id: &str,
    if_match: &IfMatch,
    rendered: Vec<(u32, Vec<u8>)>,
) -> ApiResult<()> {
    let row = members::find_row(db, id).await?.ok_or(ApiError::NotFound)?;
    let cas = Cas::new(Versioned::Members, id, row.version, if_match)?;
    store::transaction(db, async |tx| {
        // The avatar's version is the member's new version, not a count of photos: removing a photo
        // and setting another must not give the new one the old one's `avatar_url`, which clients
        // cache.
        cas.update(tx, &[("avatar_version", Some(cas.next_version()).into())])
            .await?;
        sqlx::query("DELETE FROM avatars WHERE member_id = $1")
            .bind(id)
            .execute(tx.conn())
            .await?;
        for (size, jpeg) in rendered {
            sqlx::query(
                "INSERT INTO avatars (member_id, size, content_type, bytes) VALUES ($1, $2, 'image/jpeg', $3)",
            )
            .bind(id)
            .bind(i64::from(size))
            .bind(jpeg)
            .execute(tx.conn())
            .await?;
        }
        cas.audit(tx, actor, "member.avatar_set", serde_json::json!({}))
            .await
    })
    .await
}

/// A member's avatar at `size`, or `None`.
pub async fn get(db: &Db, id: &str, size: u32) -> ApiResult<Option<Stored>> {
    let row = sqlx::query(
        "SELECT a.content_type, a.bytes, m.avatar_version FROM avatars a JOIN members m ON m.id = a.member_id \
         WHERE a.member_id = $1 AND a.size = $2",
    )
    .bind(id)
    .bind(i64::from(size))
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(Stored {
            content_type: row.try_get("content_type")?,
            bytes: row.try_get("bytes")?,
            version: row.try_get("avatar_version")?,
        })
    })
    .transpose()
}

/// Removes a member's avatar: 404 when they have none.
pub async fn remove(db: &Db, actor: Actor<'_>, id: &str, if_match: &IfMatch) -> ApiResult<()> {
    let row = members::find_row(db, id).await?.ok_or(ApiError::NotFound)?;
    let cas = Cas::new(Versioned::Members, id, row.version, if_match)?;
    if row.avatar_version.is_none() {
        return Err(ApiError::NotFound);
    }
    store::transaction(db, async |tx| {
        cas.update(tx, &[("avatar_version", None::<i64>.into())]).await?;
        sqlx::query("DELETE FROM avatars WHERE member_id = $1")
            .bind(id)
            .execute(tx.conn())
            .await?;
        cas.audit(tx, actor, "member.avatar_removed", serde_json::json!({}))
            .await
    })
    .await
}
