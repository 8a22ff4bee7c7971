//! Per-credential rate limiting: a token bucket per credential, refilled continuously, kept in memory.
//!
//! Per instance on purpose: each instance limits what it serves, so N instances let a credential through
//! N times as fast. The limit is a guard against runaway clients (a script in a loop), not a quota, and
//! sharing the buckets through the database would add a write to every request. What must hold across
//! instances — throttling password guessing — is the sign-in throttle (`crate::throttle`), which does
//! live in the database and costs a write per failed sign-in only.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use crate::error::ApiError;

#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `key`'s bucket, or says how many seconds until one is available.
    pub fn check(&self, key: &str) -> Result<(), ApiError> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let now = Instant::now();
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() > 100_000 {
            // Forget idle credentials rather than grow without bound; a full bucket is the default anyway.
            buckets.retain(|_, b| now.duration_since(b.at).as_secs_f64() * per_second < capacity);
        }
        let bucket = buckets.entry(key.to_owned()).or_insert(Bucket {
            tokens: capacity,
            at: now,
        });
        bucket.tokens =
            (bucket.tokens + now.duration_since(bucket.at).as_secs_f64() * per_second).min(capacity);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let retry_after_secs = ((1.0 - bucket.tokens) / per_second).ceil() as u64;
            Err(ApiError::TooManyRequests { retry_after_secs })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_empties_then_refuses_with_a_retry_after() {
        let limiter = RateLimiter::new(3);
        for _ in 0..3 {
            limiter.check("a").unwrap();
        }
        match limiter.check("a") {
            Err(ApiError::TooManyRequests { retry_after_secs }) => {
                assert!((1..=20).contains(&retry_after_secs))
            }
            other => panic!("expected 429, got {other:?}"),
        }
        limiter.check("b").expect("another credential has its own bucket");
    }

    #[test]
    fn zero_means_unlimited() {
        let limiter = RateLimiter::new(0);
        for _ in 0..10_000 {
            limiter.check("a").unwrap();
        }
    }
}
