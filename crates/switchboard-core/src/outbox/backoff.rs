//! When to try a failed delivery again: full-jitter exponential backoff (a uniformly random wait between
//! zero and an exponentially growing ceiling, capped), never earlier than the server's `Retry-After`.
//! The randomness spreads out many clients (or many queued invites) that failed at the same moment.

use std::time::Duration;

use rand::Rng;

/// The longest `Retry-After` honoured.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(3600);

/// The waits of one sender: the first retry's ceiling, doubling with each attempt up to `cap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
}

impl Backoff {
    /// 0.5 s for the first retry, doubling, never more than a minute (before `Retry-After`).
    pub const DEFAULT: Backoff = Backoff {
        base: Duration::from_millis(500),
        cap: Duration::from_secs(60),
    };

    /// The ceiling of the wait after `attempts` failed attempts (1 for the first failure).
    pub fn ceiling(&self, attempts: u32) -> Duration {
        let doublings = attempts.saturating_sub(1).min(20);
        self.base.saturating_mul(1 << doublings).min(self.cap)
    }

    /// The wait before the next attempt after `attempts` failures: uniform in `0..=ceiling(attempts)`,
    /// and at least what the server asked for — up to an hour, so a mistaken `Retry-After` can't park an
    /// invite out of sight for days.
    pub fn delay(&self, attempts: u32, retry_after: Option<Duration>, rng: &mut impl Rng) -> Duration {
        let millis = u64::try_from(self.ceiling(attempts).as_millis()).unwrap_or(u64::MAX);
        let jittered = Duration::from_millis(rng.random_range(0..=millis));
        retry_after.map_or(jittered, |asked| jittered.max(asked.min(MAX_RETRY_AFTER)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: Backoff = Backoff::DEFAULT;

    #[test]
    fn ten_thousand_draws_stay_inside_their_bounds() {
        let mut rng = rand::rng();
        for draw in 0..10_000u32 {
            let attempts = draw % 25 + 1;
            let wait = B.delay(attempts, None, &mut rng);
            assert!(wait <= B.ceiling(attempts), "attempt {attempts}: {wait:?}");
            assert!(wait <= B.cap);
        }
        assert_eq!(B.ceiling(1), B.base);
        assert_eq!(B.ceiling(2), B.base * 2);
        assert_eq!(B.ceiling(40), B.cap, "capped, and no overflow");
    }

    #[test]
    fn never_sooner_than_the_server_asked() {
        let mut rng = rand::rng();
        for draw in 0..10_000u32 {
            let asked = Duration::from_secs(u64::from(draw % 120));
            let wait = B.delay(draw % 10 + 1, Some(asked), &mut rng);
            assert!(wait >= asked, "{wait:?} before Retry-After {asked:?}");
            assert!(wait <= asked.max(B.cap));
        }
        let absurd = Duration::from_secs(30 * 24 * 3600);
        assert_eq!(
            B.delay(1, Some(absurd), &mut rng),
            MAX_RETRY_AFTER,
            "a month-long Retry-After waits an hour"
        );
    }

    #[test]
    fn the_waits_are_spread_out() {
        let mut rng = rand::rng();
        let waits: std::collections::BTreeSet<Duration> =
            (0..200).map(|_| B.delay(5, None, &mut rng)).collect();
        assert!(
            waits.len() > 100,
            "full jitter: {} distinct waits of 200",
            waits.len()
        );
    }
}
