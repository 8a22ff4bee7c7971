//! The sign-in throttle: failed sign-ins are counted per account (the email, whether or not a member has
//! it, so the throttle says nothing about which emails exist) and per source address, in the database, so
//! every instance on one PostgreSQL throttles alike. After a few free failures, further attempts wait an
//! exponentially growing delay (capped), answered 429 `rate_limited` with `Retry-After` and without
//! computing a hash — guessing then costs the guesser time and the server nothing. Failures decay (one
//! per decay period), and a correct password clears its account's count, so the real user is never
//! locked out for longer than the cap.
//!
//! Each failure is one upsert that applies the decay and adds one, so concurrent failures on several
//! instances each count. The delay is derived from the count and the time of the last failure rather
//! than stored, which keeps the upsert to integer arithmetic both databases do alike.

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use sqlx::Row;

use crate::audit;
use crate::db::{Db, now};
use crate::error::{ApiError, ApiResult};

/// How sign-in failures are throttled.
#[derive(Debug, Clone)]
pub struct ThrottleSettings {
    /// Failures per account before attempts must wait.
    pub free_failures_per_account: u32,
    /// Failures per source address before attempts must wait; 0 turns the per-address count off (behind
    /// a proxy every client has the proxy's address).
    pub free_failures_per_address: u32,
    /// The wait after the last free failure; it doubles with each further failure.
    pub base_delay: Duration,
    /// The longest wait.
    pub max_delay: Duration,
    /// One failure is forgiven per this much time without failures.
    pub decay: Duration,
}

impl Default for ThrottleSettings {
    fn default() -> ThrottleSettings {
        ThrottleSettings {
            free_failures_per_account: 5,
            // Higher: people behind one NAT share an address, and one of them guessing should not stop
            // the others at once.
            free_failures_per_address: 50,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(15 * 60),
            decay: Duration::from_secs(10 * 60),
        }
    }
}

/// The address a request came from, when the server was started with connection info (over TCP).
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Peer, Self::Rejection> {
        Ok(Peer(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|info| info.0.ip()),
        ))
    }
}

/// The counts a sign-in attempt is judged by.
#[derive(Debug)]
pub struct Attempt {
    account: String,
    address: Option<String>,
}

impl Attempt {
    /// `email` as normalised for lookup; `peer` is the source address, if known.
    pub fn new(settings: &ThrottleSettings, email: &str, peer: Peer) -> Attempt {
        let address = peer
            .0
            .filter(|_| settings.free_failures_per_address > 0)
            .map(address_key);
        Attempt {
            account: format!("account:{email}"),
            address,
        }
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.account.as_str()).chain(self.address.as_deref())
    }

    fn free_failures(&self, settings: &ThrottleSettings, key: &str) -> u32 {
        if key == self.account {
            settings.free_failures_per_account
        } else {
            settings.free_failures_per_address
        }
    }
}

/// One IPv6 subscriber usually holds a whole /64, so its addresses count together.
fn address_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => format!("ip:{v4}"),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => format!("ip:{v4}"),
            None => {
                let s = v6.segments();
                format!("ip:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// The wait after the `failures`th failure, given `free` free ones; zero while below.
pub fn delay(settings: &ThrottleSettings, failures: i64, free: u32) -> Duration {
    let over = failures - i64::from(free);
    if over < 0 {
        return Duration::ZERO;
    }
    let doubled = settings
        .base_delay
        .checked_mul(1u32.checked_shl(over.min(31) as u32).unwrap_or(u32::MAX))
        .unwrap_or(settings.max_delay);
    doubled.min(settings.max_delay)
}

/// What [`check`] found: whether the account has failures to clear on success.
#[derive(Debug, Clone, Copy)]
pub struct Standing {
    account_failures: i64,
}

/// Refuses the attempt (429, with when to retry) while its account or its address must wait.
pub async fn check(db: &Db, settings: &ThrottleSettings, attempt: &Attempt) -> ApiResult<Standing> {
    let mut sql = String::from("SELECT key, failures, last_failure_at FROM sign_in_failures WHERE key = $1");
    if attempt.address.is_some() {
        sql.push_str(" OR key = $2");
    }
    let mut query = sqlx::query(&sql).bind(&attempt.account);
    if let Some(address) = &attempt.address {
        query = query.bind(address);
    }
    let rows = query.fetch_all(db.pool()).await?;
    let at = now();
    let mut wait_micros = 0i64;
    let mut standing = Standing { account_failures: 0 };
    for row in rows {
        let key: String = row.try_get("key")?;
        let failures: i64 = row.try_get("failures")?;
        let last: i64 = row.try_get("last_failure_at")?;
        if key == attempt.account {
            standing.account_failures = failures;
        }
        let free = attempt.free_failures(settings, &key);
        let until = last.saturating_add(delay(settings, failures, free).as_micros() as i64);
        wait_micros = wait_micros.max(until - at);
    }
    if wait_micros > 0 {
        return Err(ApiError::SignInThrottled {
            retry_after_secs: (wait_micros as u64).div_ceil(1_000_000),
        });
    }
    Ok(standing)
}

/// Counts a failed attempt against its account and its address. The first failure that makes the
/// account wait is recorded as an audit event on the member (when there is one): once per engagement,
/// since the counter passes that number once on its way up.
pub async fn record_failure(
    db: &Db,
    settings: &ThrottleSettings,
    attempt: &Attempt,
    member_id: Option<&str>,
) -> ApiResult<()> {
    let at = now();
    let decay = settings.decay.as_micros().clamp(1, i64::MAX as u128) as i64;
    let mut tx = db.begin().await?;
    for key in attempt.keys() {
        // An instance whose clock is behind never moves `last_failure_at` back, nor adds failures by it.
        let failures: i64 = sqlx::query(
            "INSERT INTO sign_in_failures (key, failures, last_failure_at) VALUES ($1, 1, $2) \
             ON CONFLICT (key) DO UPDATE SET \
               failures = CASE \
                 WHEN excluded.last_failure_at <= sign_in_failures.last_failure_at \
                   THEN sign_in_failures.failures + 1 \
                 WHEN (excluded.last_failure_at - sign_in_failures.last_failure_at) / $3 \
                      >= sign_in_failures.failures THEN 1 \
                 ELSE sign_in_failures.failures + 1 \
                      - (excluded.last_failure_at - sign_in_failures.last_failure_at) / $3 END, \
               last_failure_at = CASE \
                 WHEN excluded.last_failure_at > sign_in_failures.last_failure_at \
                   THEN excluded.last_failure_at ELSE sign_in_failures.last_failure_at END \
             RETURNING failures",
        )
        .bind(key)
        .bind(at)
        .bind(decay)
        .fetch_one(tx.conn())
        .await?
        .try_get("failures")?;
        let free = attempt.free_failures(settings, key);
        if failures != i64::from(free) {
            continue;
        }
        let wait = delay(settings, failures, free);
        if key == attempt.account {
            if let Some(member) = member_id {
                audit::record(
                    tx.conn(),
                    crate::audit::Actor::System,
                    "member.sign_in_throttled",
                    "member",
                    Some(member),
                    serde_json::json!({ "failures": failures, "retry_after_secs": wait.as_secs().max(1) }),
                )
                .await?;
            }
            tracing::warn!(failures, "sign-in throttled for an account after failed attempts");
        } else {
            tracing::warn!(
                key,
                failures,
                "sign-in throttled for an address after failed attempts"
            );
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A correct password clears its account's failures (its address keeps its count, which decays).
pub async fn record_success(db: &Db, attempt: &Attempt, standing: Standing) -> ApiResult<()> {
    if standing.account_failures > 0 {
        sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
            .bind(&attempt.account)
            .execute(db.pool())
            .await?;
    }
    Ok(())
}

/// When rows whose last failure is this old are purged: by then every count has decayed far, and the
/// row would start afresh anyway.
const PURGE_AFTER_MICROS: i64 = 24 * 3600 * 1_000_000;
/// An instance purges at most this often.
const PURGE_EVERY_MICROS: i64 = 60 * 1_000_000;

/// Deletes long-idle rows (addresses and emails an attacker sprayed), at most once a minute per instance.
pub async fn purge_now_and_then(db: &Db, next_purge: &AtomicI64) {
    let at = now();
    let due = next_purge.load(Ordering::Relaxed);
    if at < due
        || next_purge
            .compare_exchange(due, at + PURGE_EVERY_MICROS, Ordering::Relaxed, Ordering::Relaxed)
            .is_err()
    {
        return;
    }
    let purged = sqlx::query("DELETE FROM sign_in_failures WHERE last_failure_at < $1")
        .bind(at - PURGE_AFTER_MICROS)
        .execute(db.pool())
        .await;
    if let Err(e) = purged {
        tracing::warn!(error = %e, "could not purge old sign-in failures");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_from_the_last_free_failure_up_to_the_cap() {
        let settings = ThrottleSettings::default();
        assert_eq!(delay(&settings, 4, 5), Duration::ZERO);
        assert_eq!(delay(&settings, 5, 5), Duration::from_secs(1));
        assert_eq!(delay(&settings, 6, 5), Duration::from_secs(2));
        assert_eq!(delay(&settings, 12, 5), Duration::from_secs(128));
        assert_eq!(delay(&settings, 15, 5), Duration::from_secs(900));
        assert_eq!(delay(&settings, 1_000_000, 5), Duration::from_secs(900));
    }

    #[test]
    fn addresses_of_one_ipv6_subscriber_count_together() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(address_key(a), address_key(b));
        assert_ne!(address_key(a), address_key(other));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(address_key(mapped), "ip:192.0.2.7");
    }
}
