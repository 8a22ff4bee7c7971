//! Credentials: Argon2id passwords, 256-bit random bearer tokens stored only as SHA-256 hashes, and the
//! `Caller` extractor that authenticates a request (and applies the per-credential rate limit).

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::authz::Caller;
use crate::codec;
use crate::db::{new_id, now};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Kinds of stored credential.
pub const ACCESS: &str = "access";
pub const REFRESH: &str = "refresh";
pub const API_TOKEN: &str = "api_token";

/// A new 256-bit random token, with a prefix that tells people what it is (`sbp_` personal, …).
pub fn new_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// What is stored instead of a token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Argon2id (the crate's defaults: m=19 MiB, t=2, p=1), off the async threads. Unbounded: for the
/// command line (seeding); requests hash through a [`HashPermit`].
pub async fn hash_password(password: String) -> ApiResult<String> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
}

/// Verifies `password`; with no stored hash it still spends the same work, so timing does not reveal
/// which emails have accounts. Unbounded, like [`hash_password`].
pub async fn verify_password(password: String, stored: Option<String>) -> ApiResult<bool> {
    tokio::task::spawn_blocking(move || verify_now(&password, stored.as_deref()))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))
}

fn hash_now(password: &str) -> ApiResult<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(e.to_string()))
}

fn verify_now(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: LazyLock<String> = LazyLock::new(|| {
        let salt = SaltString::encode_b64(b"switchboard-dummy").expect("a valid salt");
        Argon2::default()
            .hash_password(b"not a password", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    });
    let (hash, real) = match stored {
        Some(hash) => (hash, true),
        None => (DUMMY.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
        && real
}

/// Bounds the Argon2 computations a server runs at once. Each holds ~19 MiB for its whole run, so
/// without a bound a burst of sign-ins grows the server by that much per request; with it, requests
/// queue for a permit (up to the request timeout, then 503 `timeout`).
#[derive(Debug)]
pub struct Hashers {
    permits: Arc<Semaphore>,
    counts: Arc<HashCounts>,
}

#[derive(Debug, Default)]
struct HashCounts {
    running: AtomicUsize,
    peak: AtomicUsize,
    computed: AtomicU64,
}

impl Hashers {
    /// At most `bound` (at least 1) hashes at once.
    pub fn new(bound: usize) -> Hashers {
        Hashers {
            permits: Arc::new(Semaphore::new(bound.max(1))),
            counts: Arc::default(),
        }
    }

    /// The default bound: the cores, but no more than 4, which keeps hashing under ~80 MiB on any
    /// machine; sign-ins are rare enough that more parallelism buys little.
    pub fn default_bound() -> usize {
        std::thread::available_parallelism().map_or(2, |n| n.get().min(4))
    }

    /// Waits (up to `wait`) for a turn to hash.
    pub async fn permit(&self, wait: Duration) -> ApiResult<HashPermit> {
        let permit = tokio::time::timeout(wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| ApiError::Timeout)?
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        Ok(HashPermit {
            _permit: permit,
            counts: self.counts.clone(),
        })
    }

    /// Hashes running now.
    pub fn running(&self) -> usize {
        self.counts.running.load(Ordering::Relaxed)
    }

    /// The most hashes that ever ran at once in this server.
    pub fn peak(&self) -> usize {
        self.counts.peak.load(Ordering::Relaxed)
    }

    /// Hashes computed (or verified) since this server started.
    pub fn computed(&self) -> u64 {
        self.counts.computed.load(Ordering::Relaxed)
    }
}

/// A turn to hash. It goes into the blocking task with the hash and comes back out, so a request dropped
/// while its hash runs (a client gone, a timeout) keeps the turn taken until the hash really ends.
#[derive(Debug)]
pub struct HashPermit {
    _permit: OwnedSemaphorePermit,
    counts: Arc<HashCounts>,
}

impl HashPermit {
    async fn run<T: Send + 'static>(
        self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> ApiResult<(HashPermit, T)> {
        tokio::task::spawn_blocking(move || {
            let running = self.counts.running.fetch_add(1, Ordering::SeqCst) + 1;
            self.counts.peak.fetch_max(running, Ordering::SeqCst);
            let out = work();
            self.counts.running.fetch_sub(1, Ordering::SeqCst);
            self.counts.computed.fetch_add(1, Ordering::Relaxed);
            (self, out)
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))
    }

    /// [`verify_password`] in this turn; the turn is handed back for what must happen before the next.
    pub async fn verify_password(
        self,
        password: String,
        stored: Option<String>,
    ) -> ApiResult<(HashPermit, bool)> {
        self.run(move || verify_now(&password, stored.as_deref())).await
    }

    /// [`hash_password`] in this turn.
    pub async fn hash_password(self, password: String) -> ApiResult<String> {
        self.run(move || hash_now(&password)).await?.1
    }
}

/// A signed-in session's pair of tokens.
#[derive(Debug)]
pub struct IssuedSession {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: u64,
}

/// Issues an access + refresh token pair for `member_id` under a new session id, or under `session`'s
/// when a refresh renews it: a session is one sign-in, whatever tokens it goes through, so what is kept
/// per session (idempotency records) survives a refresh.
pub async fn issue_session(
    state: &AppState,
    conn: &mut AnyConnection,
    member_id: &str,
    session: Option<&str>,
) -> ApiResult<IssuedSession> {
    let session_id = session.map_or_else(new_id, str::to_owned);
    let at = now();
    let access_token = new_token("sba_");
    let refresh_token = new_token("sbr_");
    let access_ttl = state.settings.access_token_ttl.as_micros() as i64;
    let refresh_ttl = state.settings.refresh_token_ttl.as_micros() as i64;
    for (kind, token, ttl) in [
        (ACCESS, &access_token, access_ttl),
        (REFRESH, &refresh_token, refresh_ttl),
    ] {
        sqlx::query(
            "INSERT INTO credentials (id, member_id, kind, token_hash, session_id, expires_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new_id())
        .bind(member_id)
        .bind(kind)
        .bind(token_hash(token))
        .bind(&session_id)
        .bind(at + ttl)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(IssuedSession {
        access_token,
        refresh_token,
        expires_in: state.settings.access_token_ttl.as_secs(),
    })
}

/// Creates a personal API token for `member_id`; returns (id, secret).
pub async fn issue_api_token(
    conn: &mut AnyConnection,
    member_id: &str,
    name: &str,
    expires_at: Option<i64>,
) -> ApiResult<(String, String)> {
    let id = new_id();
    let token = new_token("sbp_");
    sqlx::query(
        "INSERT INTO credentials (id, member_id, kind, token_hash, name, expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(member_id)
    .bind(API_TOKEN)
    .bind(token_hash(&token))
    .bind(name)
    .bind(expires_at)
    .bind(now())
    .execute(conn)
    .await?;
    Ok((id, token))
}

/// Authenticates the bearer token of a request.
pub async fn authenticate(state: &AppState, parts: &Parts) -> ApiResult<Caller> {
    let header = parts
        .headers
        .get(header::AUTHORIZATION)
        .ok_or(ApiError::Unauthorized)?;
    let header = header.to_str().map_err(|_| ApiError::Unauthorized)?;
    let token = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .ok_or(ApiError::Unauthorized)?
        .trim();
    if token.is_empty() || token.len() > 200 {
        return Err(ApiError::Unauthorized);
    }
    let row = sqlx::query(
        "SELECT c.id, c.kind, c.session_id, c.expires_at, c.last_used_at, m.id AS member_id, m.role, \
                m.grants, m.status \
         FROM credentials c JOIN members m ON m.id = c.member_id \
         WHERE c.token_hash = $1 AND c.revoked_at IS NULL",
    )
    .bind(token_hash(token))
    .fetch_optional(state.db.pool())
    .await?
    .ok_or(ApiError::Unauthorized)?;
    let kind: String = row.try_get("kind")?;
    let expires_at: Option<i64> = row.try_get("expires_at")?;
    let status: String = row.try_get("status")?;
    let at = now();
    if kind == REFRESH || expires_at.is_some_and(|e| e <= at) || status != "active" {
        return Err(ApiError::Unauthorized);
    }
    let credential_id: String = row.try_get("id")?;
    state.limiter.check(&credential_id)?;
    if kind == API_TOKEN {
        // Recorded at minute granularity so a busy script does not turn every read into a write.
        let last_used: Option<i64> = row.try_get("last_used_at")?;
        if last_used.is_none_or(|l| at - l > 60_000_000) {
            sqlx::query("UPDATE credentials SET last_used_at = $1 WHERE id = $2")
                .bind(at)
                .bind(&credential_id)
                .execute(state.db.pool())
                .await?;
        }
    }
    Ok(Caller {
        member_id: row.try_get("member_id")?,
        role: codec::parse(&row.try_get::<String, _>("role")?)?,
        grants: codec::from_json(&row.try_get::<String, _>("grants")?)?,
        credential_id,
        session_id: row.try_get("session_id")?,
    })
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        // The idempotency layer may have authenticated this request already.
        if let Some(caller) = parts.extensions.get::<Caller>() {
            return Ok(caller.clone());
        }
        let caller = authenticate(state, parts).await?;
        parts.extensions.insert(caller.clone());
        Ok(caller)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let a = new_token("sbp_");
        let b = new_token("sbp_");
        assert_ne!(a, b);
        assert_eq!(a.len(), 4 + 43, "32 bytes in unpadded base64url");
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), token_hash(&b));
    }

    #[tokio::test]
    async fn passwords_verify_only_against_their_hash() {
        let hash = hash_password("correct horse".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify_password("correct horse".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(!verify_password("wrong".into(), Some(hash)).await.unwrap());
        assert!(!verify_password("not a password".into(), None).await.unwrap());
    }
}
