//! The outbox's moving half: a task that sends due entries with bounded concurrency, each always under
//! its own idempotency key, and records what the server said. An entry leaves the outbox only after the
//! server's success answer has arrived; a retryable failure schedules the next attempt (full-jitter
//! backoff, never before `Retry-After`); any other refusal waits for the admin with the server's reason.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use switchboard_api::client::{ApiError, StatusCode, Versioned};
use switchboard_api::invitations::{Invitation, NewInvitation};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use uuid::Uuid;

use super::backoff::{Backoff, MAX_RETRY_AFTER};
use super::store::{OutboxEntry, OutboxStore, now_ms};
use crate::error::Result;

/// How many invites are on their way at once.
pub const CONCURRENCY: usize = 8;
/// How long after an entry's first attempt its key surely still replays the server's answer: the server
/// keeps it a day, and the hour less leaves room for clocks that differ and attempts that took long.
pub const KEY_REPLAYS_FOR: Duration = Duration::from_secs(23 * 3600);
/// How far the server's clock may be behind this computer's when telling whether an invitation was made
/// after an entry's first attempt.
const CLOCK_ALLOWANCE: Duration = Duration::from_secs(300);
/// How long the entries of a workspace whose session ended wait before the sender looks again (signing
/// in again wakes them at once).
const SIGNED_OUT_HOLD: Duration = Duration::from_secs(300);

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The server has the invitation (made now, or replayed from an earlier attempt under the key).
    Delivered(Option<Box<Invitation>>),
    /// Sending again later may succeed: 408, 409 (key in flight), 429, 5xx, or an unreadable success
    /// other than 201.
    Retry {
        retry_after: Option<Duration>,
        reason: String,
    },
    /// No answer: the server could not be reached, or the connection broke before its answer came (it
    /// may have made the invitation). Sent again later like [`Outcome::Retry`]; meanwhile the app asks
    /// the server now and then whether it answers again.
    Unanswered { reason: String },
    /// The workspace's session ended: the entry waits for the user to sign in again.
    SignedOut { reason: String },
    /// Refused for a reason sending again won't change.
    Refused {
        code: Option<String>,
        message: String,
        fields: BTreeMap<String, Vec<String>>,
    },
}

/// What an answer to `POST /v1/invitations` means for the entry.
pub fn classify(answer: std::result::Result<Versioned<Invitation>, ApiError>) -> Outcome {
    let error = match answer {
        Ok(made) => return Outcome::Delivered(Some(Box::new(made.value))),
        Err(error) => error,
    };
    // The reason is shown to the admin beside the invite ("Last attempt: …"), so it is in their words; the
    // client's own account of the failure (a socket error, a URL) goes to the log.
    if error.is_signed_out() {
        return Outcome::SignedOut {
            reason: "Signed out of this workspace: sign in again and it will be sent.".into(),
        };
    }
    if error.is_network() {
        tracing::debug!(%error, "an invite got no answer");
        return Outcome::Unanswered {
            reason: "Couldn’t reach the server.".into(),
        };
    }
    if error.is_retryable() {
        tracing::debug!(%error, "the server asked for an invite later");
        let reason = match error.status() {
            Some(StatusCode::TOO_MANY_REQUESTS) => "The server asked to slow down.".to_owned(),
            Some(status) => format!("The server couldn’t take it just then ({}).", status.as_u16()),
            None => "The server couldn’t take it just then.".to_owned(),
        };
        return Outcome::Retry {
            retry_after: error.retry_after(),
            reason,
        };
    }
    // A 201 whose body this build can't read still made the invitation: sending it again would only
    // replay the same answer. Any other success is not how the server answers a create (something in
    // between answered for it, or the server changed): nothing says the invitation exists, so it falls
    // through to being sent again, which its key makes safe. (A readable answer is an invitation with
    // its id and ETag; the client doesn't say which 2xx brought it.)
    if let ApiError::Decode { status, .. } | ApiError::MissingHeader { status, .. } = &error
        && *status == StatusCode::CREATED
    {
        tracing::warn!(%error, "an invitation was made but its answer could not be read");
        return Outcome::Delivered(None);
    }
    match error.status() {
        Some(status) if status.is_client_error() && status != StatusCode::REQUEST_TIMEOUT => {
            Outcome::Refused {
                code: error.code().map(str::to_owned),
                // A refusal without the server's own words (a proxy's page, say) gets plain ones.
                message: error.detail().map_or_else(
                    || {
                        tracing::debug!(%error, "an invite was refused without a reason");
                        format!("The server refused it ({}).", status.as_u16())
                    },
                    str::to_owned,
                ),
                fields: error.field_errors().clone(),
            }
        }
        // Anything else (no status: a request this client could not even build) is not the invite's
        // fault; try again later rather than lose it.
        _ => Outcome::Retry {
            retry_after: None,
            reason: error.to_string(),
        },
    }
}

/// What the server holds for an address, asked before an entry that may have been sent is sent again
/// after its key stopped replaying.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// The server's invitations for the address, in any state.
    Found(Vec<Invitation>),
    /// The question got no usable answer: the entry waits as an attempt with this outcome would.
    Failed(Outcome),
    /// This sender can't ask: the entry is sent again as it is.
    Unsupported,
}

/// Whether `entry` must be looked up on the server before it is sent again (at `now`, ms since the Unix
/// epoch): an attempt got no clear answer, so the server may have made the invitation, and that attempt
/// is so long ago that the key may no longer replay — the invitation, revoked meanwhile, would be made
/// twice.
pub fn needs_lookup(entry: &OutboxEntry, now: i64) -> bool {
    let first = entry.first_attempt_at.unwrap_or(entry.created_at);
    entry.maybe_sent && now.saturating_sub(first) > millis(KEY_REPLAYS_FOR)
}

/// Among the server's invitations for `entry`'s address, one an attempt of it may have made: for the same
/// address, made after its first attempt began (less the clocks' allowance). Revoked, expired or
/// accepted ones count too: it was made, and sending again would make another.
pub fn made_earlier<'a>(entry: &OutboxEntry, found: &'a [Invitation]) -> Option<&'a Invitation> {
    let first = entry.first_attempt_at.unwrap_or(entry.created_at);
    let since = first.saturating_sub(millis(CLOCK_ALLOWANCE));
    let email = entry.invitation.email.trim();
    found.iter().find(|invitation| {
        let made =
            i64::try_from(invitation.created_at.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX);
        invitation.email.trim().eq_ignore_ascii_case(email) && made >= since
    })
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

/// Sends one invite for a workspace under `key`: the app's API client in the app, a test's in tests.
pub trait Deliver: Send + Sync + 'static {
    fn deliver(
        &self,
        workspace_id: &str,
        key: Uuid,
        invitation: &NewInvitation,
    ) -> impl Future<Output = Outcome> + Send;

    /// The server's invitations for `email` in a workspace (see [`Lookup`]). Without it an entry whose key
    /// may have stopped replaying is sent again as it is.
    fn invitations_for(&self, workspace_id: &str, email: &str) -> impl Future<Output = Lookup> + Send {
        let _ = (workspace_id, email);
        async { Lookup::Unsupported }
    }

    /// How many times the user has signed in so far, to any workspace. An attempt that began before a
    /// sign-in was made with the session it replaced: its "signed out" doesn't hold the invites the new
    /// session sends. (A sender with no sign-ins to count says 0.)
    fn sign_ins(&self) -> u64 {
        0
    }
}

/// One attempt at `entry`, begun at `now`: sent under its key, unless the server turns out to hold the
/// invitation an earlier attempt made after the key stopped replaying.
async fn attempt(deliver: &impl Deliver, entry: &OutboxEntry, now: i64) -> Outcome {
    if needs_lookup(entry, now) {
        match deliver
            .invitations_for(&entry.workspace_id, &entry.invitation.email)
            .await
        {
            Lookup::Found(found) => {
                if let Some(made) = made_earlier(entry, &found) {
                    return Outcome::Delivered(Some(Box::new(made.clone())));
                }
            }
            Lookup::Failed(outcome) => return outcome,
            Lookup::Unsupported => {}
        }
    }
    deliver
        .deliver(&entry.workspace_id, entry.idempotency_key, &entry.invitation)
        .await
}

/// What the sender tells the app as it works.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Delivered {
        workspace_id: String,
        entry_id: String,
        invitation: Option<Box<Invitation>>,
    },
    NeedsAttention {
        workspace_id: String,
        entry_id: String,
    },
    /// A retryable failure: the server is out of reach (or busy) for this workspace.
    Failed {
        workspace_id: String,
        reason: String,
        /// No answer came at all ([`Outcome::Unanswered`]), rather than a "later, please".
        unanswered: bool,
    },
    SignedOut {
        workspace_id: String,
    },
}

/// Wakes the sender: new entries, connectivity back, a workspace signed in again.
#[derive(Debug, Clone, Default)]
pub struct Waker(Arc<Notify>);

impl Waker {
    pub fn wake(&self) {
        self.0.notify_one();
    }
}

/// The ids of the entries whose attempts are on their way right now, as the sender's loop keeps them; the
/// app reads it to tell whether quitting would cut an invite short.
#[derive(Debug, Clone, Default)]
pub struct InFlight(Arc<std::sync::Mutex<std::collections::HashSet<String>>>);

impl InFlight {
    /// The entries on their way now.
    pub fn ids(&self) -> std::collections::HashSet<String> {
        self.lock().clone()
    }

    fn set(&self, ids: impl Iterator<Item = String>) {
        let mut held = self.lock();
        held.clear();
        held.extend(ids);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::HashSet<String>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// One attempt on its way: the entry as it was when the attempt began, and what held then.
struct Attempt {
    entry: OutboxEntry,
    /// When it began (ms since the Unix epoch).
    started_at: i64,
    /// [`Deliver::sign_ins`] when it began.
    sign_ins: u64,
}

/// The sending loop. `run` returns when `stop` turns true (after the attempts on their way end).
pub struct Sender<D: Deliver> {
    store: OutboxStore,
    deliver: Arc<D>,
    waker: Waker,
    in_flight: InFlight,
    concurrency: usize,
    backoff: Backoff,
    events: Option<tokio::sync::mpsc::UnboundedSender<Event>>,
}

impl<D: Deliver> Sender<D> {
    pub fn new(store: OutboxStore, deliver: D) -> Self {
        Sender {
            store,
            deliver: Arc::new(deliver),
            waker: Waker::default(),
            in_flight: InFlight::default(),
            concurrency: CONCURRENCY,
            backoff: Backoff::DEFAULT,
            events: None,
        }
    }

    /// At most this many attempts at once (1 sends one at a time).
    pub fn concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self
    }

    /// Other waits between attempts (tests use short ones).
    pub fn backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// Where to report deliveries and failures (the UI's toasts and counts).
    pub fn events(mut self, events: tokio::sync::mpsc::UnboundedSender<Event>) -> Self {
        self.events = Some(events);
        self
    }

    pub fn waker(&self) -> Waker {
        self.waker.clone()
    }

    /// Which entries are on their way, as the loop runs.
    pub fn in_flight(&self) -> InFlight {
        self.in_flight.clone()
    }

    fn report(&self, event: Event) {
        if let Some(events) = &self.events {
            let _ = events.send(event);
        }
    }

    /// Sends until `stop` is true (or its sender is dropped). With nothing due it sleeps until the next
    /// entry is due or it is woken. Nothing inside ends it early: a failed store read or write is logged
    /// and tried again a moment later, and a delivery that panicked is retried like a failed one — the
    /// outbox must keep going for the whole session.
    pub async fn run(self, mut stop: watch::Receiver<bool>) -> Result<()> {
        let mut on_the_way: JoinSet<Outcome> = JoinSet::new();
        // The attempt each task makes, so a task that panicked still has its entry retried.
        let mut tasks: HashMap<tokio::task::Id, Attempt> = HashMap::new();
        let mut trouble: u32 = 0;
        loop {
            if *stop.borrow() {
                break;
            }
            let sleep_for = match self.fill(&mut on_the_way, &mut tasks).await {
                Ok(sleep_for) => {
                    trouble = 0;
                    sleep_for
                }
                Err(error) => {
                    trouble = trouble.saturating_add(1);
                    tracing::error!(%error, "the outbox could not be read; trying again shortly");
                    self.backoff
                        .delay(trouble, None, &mut rand::rng())
                        .max(Duration::from_millis(100))
                }
            };
            self.in_flight
                .set(tasks.values().map(|attempt| attempt.entry.id.clone()));
            tokio::select! {
                Some(done) = on_the_way.join_next_with_id(), if !on_the_way.is_empty() => {
                    let (attempt, outcome) = match done {
                        Ok((id, outcome)) => {
                            let Some(attempt) = tasks.remove(&id) else { continue };
                            (attempt, outcome)
                        }
                        Err(error) => {
                            let Some(attempt) = tasks.remove(&error.id()) else { continue };
                            tracing::error!(%error, "sending an invite stopped");
                            (attempt, Outcome::Retry { retry_after: None, reason: "Sending stopped unexpectedly.".into() })
                        }
                    };
                    if let Err(error) = self.record(&attempt, outcome).await {
                        // The entry stays as it was (queued), and is sent again: under its key, harmlessly.
                        tracing::error!(%error, "the outbox could not record an attempt");
                    }
                    // Off the way only once its outcome is on disk.
                    self.in_flight
                        .set(tasks.values().map(|attempt| attempt.entry.id.clone()));
                }
                () = self.waker.0.notified() => {}
                () = tokio::time::sleep(sleep_for) => {}
                changed = stop.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
        // Attempts on their way are dropped: each is sent again later under the same key, so nothing is
        // lost or doubled, and the app can quit at once.
        on_the_way.abort_all();
        self.in_flight.set(std::iter::empty());
        Ok(())
    }

    /// Starts due entries in the free slots; returns how long to sleep before looking again.
    async fn fill(
        &self,
        on_the_way: &mut JoinSet<Outcome>,
        tasks: &mut HashMap<tokio::task::Id, Attempt>,
    ) -> Result<Duration> {
        let free = self.concurrency.saturating_sub(on_the_way.len());
        if free > 0 {
            // The entries on their way are due too and come back first: ask for enough to fill the
            // free slots past them.
            let want = u32::try_from(free + tasks.len()).unwrap_or(u32::MAX);
            for entry in self.store.due(now_ms(), want).await? {
                if on_the_way.len() >= self.concurrency {
                    break;
                }
                if tasks.values().any(|sending| sending.entry.id == entry.id) {
                    continue;
                }
                let deliver = Arc::clone(&self.deliver);
                let sign_ins = deliver.sign_ins();
                let started_at = now_ms();
                let sent = entry.clone();
                let handle = on_the_way.spawn(async move { attempt(&*deliver, &sent, started_at).await });
                tasks.insert(
                    handle.id(),
                    Attempt {
                        entry,
                        started_at,
                        sign_ins,
                    },
                );
            }
        }
        // Wake for the next entry due that isn't on its way already.
        let next = self
            .store
            .next_due_except(
                &tasks
                    .values()
                    .map(|attempt| attempt.entry.id.as_str())
                    .collect::<Vec<_>>(),
            )
            .await?;
        Ok(match next {
            Some(at) => Duration::from_millis(u64::try_from(at - now_ms()).unwrap_or(0)),
            None => Duration::from_secs(3600),
        })
    }

    /// Schedules the entry's next attempt after a retryable failure.
    async fn retry_later(
        &self,
        attempt: &Attempt,
        attempts: u32,
        retry_after: Option<Duration>,
        reason: String,
        unanswered: bool,
    ) -> Result<()> {
        let now = now_ms();
        let after = |wait: Duration| now.saturating_add(i64::try_from(wait.as_millis()).unwrap_or(i64::MAX));
        let at = after(self.backoff.delay(attempts, retry_after, &mut rand::rng()));
        let not_before = retry_after.map(|asked| after(asked.min(MAX_RETRY_AFTER)));
        let entry = &attempt.entry;
        self.store
            .retry_later(&entry.id, attempts, attempt.started_at, at, not_before, &reason)
            .await?;
        self.report(Event::Failed {
            workspace_id: entry.workspace_id.clone(),
            reason,
            unanswered,
        });
        Ok(())
    }

    async fn record(&self, attempt: &Attempt, outcome: Outcome) -> Result<()> {
        let entry = &attempt.entry;
        let attempts = entry.attempts.saturating_add(1);
        match outcome {
            Outcome::Delivered(invitation) => {
                self.store.delivered(&entry.id).await?;
                self.report(Event::Delivered {
                    workspace_id: entry.workspace_id.clone(),
                    entry_id: entry.id.clone(),
                    invitation,
                });
            }
            Outcome::Retry { retry_after, reason } => {
                self.retry_later(attempt, attempts, retry_after, reason, false)
                    .await?;
            }
            Outcome::Unanswered { reason } => {
                self.retry_later(attempt, attempts, None, reason, true).await?;
            }
            Outcome::SignedOut { reason } => {
                let signed_in_since = || self.deliver.sign_ins() != attempt.sign_ins;
                // The user signed in again while this attempt, with the old session, was on its way: the
                // entry stays due, and goes now with the new session.
                if signed_in_since() {
                    return Ok(());
                }
                let until = now_ms().saturating_add(i64::try_from(SIGNED_OUT_HOLD.as_millis()).unwrap_or(0));
                self.store
                    .hold_workspace(&entry.workspace_id, until, &reason)
                    .await?;
                // A sign-in that came just now woke the workspace's invites before this hold could: wake
                // them again. (Signing in counts before it wakes, so one of the two checks sees it.)
                if signed_in_since() {
                    self.store.wake_workspace(&entry.workspace_id).await?;
                    return Ok(());
                }
                self.report(Event::SignedOut {
                    workspace_id: entry.workspace_id.clone(),
                });
            }
            // The server already holds a pending invitation for this address, and an earlier attempt of
            // this entry may have made it (its answer was lost, and the key no longer replays: a new
            // sign-in, or a day later). Sending it again can't help either way.
            Outcome::Refused { code: Some(code), .. } if code == "invitation_pending" && entry.maybe_sent => {
                self.store.delivered(&entry.id).await?;
                self.report(Event::Delivered {
                    workspace_id: entry.workspace_id.clone(),
                    entry_id: entry.id.clone(),
                    invitation: None,
                });
            }
            Outcome::Refused {
                code,
                message,
                fields,
            } => {
                self.store
                    .needs_attention(&entry.id, attempts, code.as_deref(), &message, &fields)
                    .await?;
                self.report(Event::NeedsAttention {
                    workspace_id: entry.workspace_id.clone(),
                    entry_id: entry.id.clone(),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outbox::OutboxState;

    /// 2026-01-01T00:00:00Z.
    const NEW_YEAR: i64 = 1_767_225_600_000;
    const HOUR: i64 = 3_600_000;

    fn entry(email: &str, maybe_sent: bool, first_attempt_at: Option<i64>) -> OutboxEntry {
        OutboxEntry {
            id: "e1".into(),
            workspace_id: "ws-1".into(),
            invitation: NewInvitation {
                email: email.into(),
                role: None,
                grants: Vec::new(),
                number_ids: Vec::new(),
                group_ids: Vec::new(),
            },
            state: OutboxState::Queued,
            attempts: 1,
            next_attempt_at: 0,
            not_before: 0,
            last_error: None,
            last_error_code: None,
            field_errors: BTreeMap::new(),
            created_at: NEW_YEAR - HOUR,
            idempotency_key: Uuid::new_v4(),
            maybe_sent,
            first_attempt_at,
        }
    }

    /// An invitation for `email` in `status`, made at `created_at` (RFC 3339).
    fn invitation(email: &str, status: &str, created_at: &str) -> Invitation {
        serde_json::from_value(serde_json::json!({
            "id": Uuid::new_v4(),
            "email": email,
            "role": "member",
            "permissions": [],
            "grants": [],
            "numbers": [],
            "groups": [],
            "status": status,
            "expires_at": "2026-01-08T00:00:00Z",
            "invited_by": null,
            "member_id": null,
            "created_at": created_at,
            "updated_at": created_at,
        }))
        .unwrap()
    }

    #[test]
    fn only_an_entry_maybe_sent_more_than_23_hours_ago_is_looked_up() {
        let now = NEW_YEAR + 24 * HOUR;
        assert!(needs_lookup(&entry("a@example.com", true, Some(NEW_YEAR)), now));
        assert!(
            !needs_lookup(&entry("a@example.com", false, Some(NEW_YEAR)), now),
            "every attempt was answered: nothing was made"
        );
        assert!(
            !needs_lookup(&entry("a@example.com", true, Some(NEW_YEAR + 2 * HOUR)), now),
            "22 hours on, the key still replays"
        );
        assert!(
            needs_lookup(&entry("a@example.com", true, None), now),
            "an entry from before the first attempt was kept goes by when it was queued"
        );
    }

    #[test]
    fn an_invitation_made_for_the_address_since_the_first_attempt_was_made_by_it() {
        let lost = entry("Ana@Example.com", true, Some(NEW_YEAR));
        let revoked = invitation("ana@example.com", "revoked", "2026-01-01T00:00:02Z");
        assert_eq!(
            made_earlier(&lost, std::slice::from_ref(&revoked)),
            Some(&revoked),
            "revoked since: made, by its first attempt"
        );
        let clocks_apart = invitation("ana@example.com", "pending", "2025-12-31T23:58:00Z");
        assert!(
            made_earlier(&lost, std::slice::from_ref(&clocks_apart)).is_some(),
            "the server's clock two minutes behind"
        );
        let before = [
            invitation("ana@example.com", "revoked", "2025-12-31T22:00:00Z"),
            invitation("diana@example.com", "pending", "2026-01-01T00:00:02Z"),
        ];
        assert_eq!(
            made_earlier(&lost, &before),
            None,
            "one from before the entry was sent, and another address the search also matched"
        );
    }

    /// Answers the lookup with `found`, and counts the invites sent.
    struct Looked {
        found: Lookup,
        sent: std::sync::atomic::AtomicUsize,
    }

    impl Deliver for Looked {
        async fn deliver(&self, _: &str, _: Uuid, _: &NewInvitation) -> Outcome {
            self.sent.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Outcome::Delivered(None)
        }

        async fn invitations_for(&self, _: &str, _: &str) -> Lookup {
            self.found.clone()
        }
    }

    #[tokio::test]
    async fn an_entry_whose_key_may_have_expired_is_sent_only_if_the_server_has_no_invitation_from_it() {
        let lost = entry("ana@example.com", true, Some(NEW_YEAR));
        let now = NEW_YEAR + 25 * HOUR;
        let made = invitation("ana@example.com", "revoked", "2026-01-01T00:00:02Z");
        let looked = |found| Looked {
            found,
            sent: Default::default(),
        };
        let sent = |deliver: &Looked| deliver.sent.load(std::sync::atomic::Ordering::SeqCst);

        let found = looked(Lookup::Found(vec![made.clone()]));
        assert_eq!(
            attempt(&found, &lost, now).await,
            Outcome::Delivered(Some(Box::new(made)))
        );
        assert_eq!(sent(&found), 0, "not sent again");

        let none = looked(Lookup::Found(Vec::new()));
        assert_eq!(attempt(&none, &lost, now).await, Outcome::Delivered(None));
        assert_eq!(sent(&none), 1, "nothing made: sent");

        let offline = Outcome::Unanswered {
            reason: "no answer".into(),
        };
        let unknown = looked(Lookup::Failed(offline.clone()));
        assert_eq!(attempt(&unknown, &lost, now).await, offline);
        assert_eq!(
            sent(&unknown),
            0,
            "not sent blind: it waits like a failed attempt"
        );

        let recent = looked(Lookup::Failed(offline));
        attempt(&recent, &lost, NEW_YEAR + HOUR).await;
        assert_eq!(
            sent(&recent),
            1,
            "within the day its key replays: sent without asking"
        );
    }

    fn unreadable(status: StatusCode) -> ApiError {
        ApiError::Decode {
            status,
            path: ".".into(),
            source: serde_json::from_str::<Invitation>("<html>").unwrap_err(),
        }
    }

    fn without_etag(status: StatusCode) -> ApiError {
        ApiError::MissingHeader {
            status,
            header: "ETag",
        }
    }

    #[test]
    fn an_unreadable_201_made_the_invitation() {
        for error in [unreadable(StatusCode::CREATED), without_etag(StatusCode::CREATED)] {
            assert_eq!(classify(Err(error)), Outcome::Delivered(None));
        }
    }

    #[tokio::test]
    async fn no_answer_is_told_apart_from_a_later_please() {
        let nobody = switchboard_api::client::Client::builder("http://127.0.0.1:1")
            .build()
            .unwrap();
        let refused = nobody.health().await.unwrap_err();
        // The reason is what the admin reads beside the invite: words, not the socket's error.
        assert_eq!(
            classify(Err(refused)),
            Outcome::Unanswered {
                reason: "Couldn’t reach the server.".into()
            },
            "a refused connection is no answer"
        );
        let busy = ApiError::Status {
            status: StatusCode::SERVICE_UNAVAILABLE,
            excerpt: String::new(),
            retry_after: None,
        };
        assert_eq!(
            classify(Err(busy)),
            Outcome::Retry {
                retry_after: None,
                reason: "The server couldn’t take it just then (503).".into()
            },
            "503 is an answer"
        );
    }

    #[test]
    fn an_unreadable_answer_other_than_201_is_sent_again() {
        for status in [StatusCode::OK, StatusCode::ACCEPTED, StatusCode::NO_CONTENT] {
            for error in [unreadable(status), without_etag(status)] {
                let outcome = classify(Err(error));
                assert!(
                    matches!(
                        outcome,
                        Outcome::Retry {
                            retry_after: None,
                            ..
                        }
                    ),
                    "{status}: {outcome:?}"
                );
            }
        }
    }
}
