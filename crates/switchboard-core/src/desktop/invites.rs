//! Inviting through the outbox: invites are queued for the open workspace (durably, before any network
//! call) and a background task sends them with each workspace's own signed-in client, whichever workspace
//! is open meanwhile.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use serde::Serialize;
use switchboard_api::client::{ApiError, Client};
use switchboard_api::invitations::{Invitation, ListInvitations, NewInvitation};
use tokio::sync::{Notify, mpsc, watch};
use ts_rs::TS;
use uuid::Uuid;

use super::{Desktop, DesktopInner};
use crate::error::{Error, Result};
use crate::outbox::backoff::Backoff;
use crate::outbox::{Deliver, Event, Lookup, OutboxEntry, OutboxStore, Outcome, Sender, classify};
use crate::workspaces::{Workspace, WorkspaceKind};

/// How often the server of a workspace that stopped answering is asked whether it answers again
/// (`GET /v1/health`, no token needed): full-jitter waits growing from a second to half a minute, apart
/// from the invites' own waits, so the invites go as soon as it is back however long theirs are.
const PROBE: Backoff = Backoff {
    base: Duration::from_secs(1),
    cap: Duration::from_secs(30),
};
/// A probe that gets no answer in this long counts as no answer.
const PROBE_TIMEOUT: Duration = Duration::from_secs(10);

/// What the outbox's sender tells the UI.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OutboxEvent {
    /// An invite reached the server; `email` is whom it invites.
    Delivered {
        workspace_id: String,
        entry_id: String,
        email: Option<String>,
    },
    /// The server refused an invite for good: it waits for the admin.
    NeedsAttention { workspace_id: String, entry_id: String },
    /// An attempt failed in a way a later one may not: no answer at all (`unanswered`, the server out of
    /// reach), or the server busy (it answered, so it is reachable).
    Failed {
        workspace_id: String,
        reason: String,
        unanswered: bool,
    },
    /// The workspace's session ended: its invites wait for the user to sign in again.
    SignedOut { workspace_id: String },
}

impl From<Event> for OutboxEvent {
    fn from(event: Event) -> Self {
        match event {
            Event::Delivered {
                workspace_id,
                entry_id,
                invitation,
            } => OutboxEvent::Delivered {
                workspace_id,
                entry_id,
                email: invitation.map(|i| i.email),
            },
            Event::NeedsAttention {
                workspace_id,
                entry_id,
            } => OutboxEvent::NeedsAttention {
                workspace_id,
                entry_id,
            },
            Event::Failed {
                workspace_id,
                reason,
                unanswered,
            } => OutboxEvent::Failed {
                workspace_id,
                reason,
                unanswered,
            },
            Event::SignedOut { workspace_id } => OutboxEvent::SignedOut { workspace_id },
        }
    }
}

impl DesktopInner {
    /// The outbox in the app data dir, opened on first use.
    pub async fn outbox(&self) -> Result<&OutboxStore> {
        self.outbox
            .get_or_try_init(|| async {
                OutboxStore::open(&self.data_dir.join(crate::outbox::store::FILE_NAME)).await
            })
            .await
    }

    /// Queues invites for the open workspace, all kept or none, before anything is sent; the sender
    /// then delivers them.
    pub async fn invite(&self, invitations: Vec<NewInvitation>) -> Result<Vec<OutboxEntry>> {
        let workspace = self
            .blocking(|sessions| sessions.current())
            .await?
            .ok_or(Error::NoWorkspace)?;
        let entries = self
            .outbox()
            .await?
            .enqueue(&workspace.id, &outbox_account(&workspace), &invitations)
            .await?;
        self.wake_outbox();
        Ok(entries)
    }

    /// The open workspace's invites still in the outbox (queued, or waiting for the admin).
    pub async fn outbox_entries(&self) -> Result<Vec<OutboxEntry>> {
        let workspace = self
            .blocking(|sessions| sessions.current())
            .await?
            .ok_or(Error::NoWorkspace)?;
        self.outbox().await?.list(&workspace.id).await
    }

    /// Edit and retry: an invite the server refused, corrected, queued again.
    pub async fn retry_outbox_entry(&self, id: &str, invitation: NewInvitation) -> Result<OutboxEntry> {
        let entry = self.outbox().await?.retry_edited(id, &invitation).await?;
        self.wake_outbox();
        Ok(entry)
    }

    /// Discards an invite the server refused.
    pub async fn discard_outbox_entry(&self, id: &str) -> Result<()> {
        self.outbox().await?.discard(id).await
    }

    fn wake_outbox(&self) {
        if let Some(waker) = self.outbox_waker.get() {
            waker.wake();
        }
    }

    /// The workspaces whose last attempt got no answer.
    fn unreachable_now(&self) -> Vec<String> {
        let unreachable = self.unreachable.lock().unwrap_or_else(|p| p.into_inner());
        unreachable.iter().cloned().collect()
    }

    /// Asks the server of a workspace whose invites got no answer whether it answers now; if it does,
    /// they go at once.
    async fn probe(&self, workspace_id: &str) {
        let id = workspace_id.to_owned();
        let url = match self
            .blocking(move |sessions| sessions.workspace_store().get(&id))
            .await
        {
            Ok(workspace) if workspace.kind == WorkspaceKind::Remote => workspace.server_url,
            // The local workspace's server runs in this app: when it doesn't, the next attempt starts it.
            Ok(_) => match self.local.lock().await.as_ref() {
                Some(server) => server.base_url(),
                None => return self.forget_unreachable(workspace_id),
            },
            // Signed out of: its invites wait for a sign-in, not for the server.
            Err(Error::WorkspaceNotFound { .. }) => return self.forget_unreachable(workspace_id),
            Err(error) => {
                tracing::warn!(%error, "could not read the workspace to probe its server");
                return;
            }
        };
        let cached = self
            .clients
            .lock()
            .await
            .get(workspace_id)
            .map(|connected| connected.client.without_token());
        let Some(client) = cached.or_else(|| super::build_client(&url).ok()) else {
            return self.forget_unreachable(workspace_id);
        };
        if let Ok(Ok(())) = tokio::time::timeout(PROBE_TIMEOUT, client.health()).await {
            self.answered(workspace_id).await;
        }
    }

    fn forget_unreachable(&self, workspace_id: &str) {
        self.unreachable
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(workspace_id);
    }

    /// A workspace answered: if its invites were waiting for it to come back, send them now.
    pub(super) async fn answered(&self, workspace_id: &str) {
        let was_unreachable = self
            .unreachable
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(workspace_id);
        if !was_unreachable {
            return;
        }
        if let Some(outbox) = self.outbox.get()
            && outbox.wake_workspace(workspace_id).await.is_ok()
        {
            self.wake_outbox();
        }
    }

    /// The user signed in (again): the invites queued as this user on this server, held while the
    /// session had ended, are this workspace's and go now (a sign-out discarded its own).
    pub(super) async fn signed_in_again(&self, workspace: &Workspace) {
        // Counted before the invites are woken: an attempt with the old session that is refused after
        // this point must not hold them again (the sender checks the count after its hold too).
        self.sign_ins.fetch_add(1, Ordering::SeqCst);
        match self.outbox().await {
            Ok(outbox) => {
                if let Err(error) = outbox.adopt(&outbox_account(workspace), &workspace.id).await {
                    tracing::error!(%error, "could not take over the invites queued before signing in");
                }
                self.wake_outbox();
            }
            Err(error) => tracing::error!(%error, "the outbox could not be opened"),
        }
    }
}

/// Who an entry is sent as: the server and the user, which outlive a workspace id (signing out and in
/// again makes a new one). The local workspace's port changes between launches, so it goes by its kind.
fn outbox_account(workspace: &Workspace) -> String {
    match workspace.kind {
        WorkspaceKind::Local => format!("local#{}", workspace.user_id),
        WorkspaceKind::Remote => format!("{}#{}", workspace.server_url, workspace.user_id),
    }
}

impl Desktop {
    /// Starts sending the outbox in the background (once, when the app starts). Its events go to `events`;
    /// sending stops when the returned sender is set to true (or dropped).
    pub async fn start_outbox(
        &self,
        events: mpsc::UnboundedSender<OutboxEvent>,
    ) -> Result<watch::Sender<bool>> {
        self.start_outbox_with(events, Backoff::DEFAULT).await
    }

    /// [`Desktop::start_outbox`] with other waits between attempts (tests).
    pub async fn start_outbox_with(
        &self,
        events: mpsc::UnboundedSender<OutboxEvent>,
        backoff: Backoff,
    ) -> Result<watch::Sender<bool>> {
        let store = self.outbox().await?.clone();
        // Whatever the last run left waiting is due now: the app starting is a moment to try.
        for workspace in self.state().await?.workspaces {
            let _ = store.wake_workspace(&workspace.id).await;
        }
        let (raw, mut raw_events) = mpsc::unbounded_channel::<Event>();
        let sender = Sender::new(store, DesktopDeliver(self.clone()))
            .events(raw)
            .backoff(backoff);
        let _ = self.outbox_in_flight.set(sender.in_flight());
        if self.outbox_waker.set(sender.waker()).is_err() {
            return Err(Error::Internal {
                message: "the outbox's sender was started twice".into(),
            });
        }
        let (stop, stopped) = watch::channel(false);
        let probe_stopped = stopped.clone();
        tokio::spawn(async move {
            if let Err(error) = sender.run(stopped).await {
                tracing::error!(%error, "the outbox's sender stopped");
            }
        });
        // Told when a workspace stops answering, so the probe starts.
        let marked = Arc::new(Notify::new());
        let desktop = self.clone();
        let marks = Arc::clone(&marked);
        tokio::spawn(async move {
            probe_while_down(
                PROBE,
                || desktop.unreachable_now(),
                |id| {
                    let desktop = desktop.clone();
                    async move { desktop.probe(&id).await }
                },
                &marks,
                probe_stopped,
            )
            .await;
        });
        let desktop = self.clone();
        tokio::spawn(async move {
            while let Some(event) = raw_events.recv().await {
                match &event {
                    // A server that answered "later" is reachable: only silence starts the probe.
                    Event::Failed {
                        workspace_id,
                        unanswered: true,
                        ..
                    } => {
                        desktop
                            .unreachable
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .insert(workspace_id.clone());
                        marked.notify_one();
                    }
                    // One got through: the rest of that workspace's waiting invites go now too.
                    Event::Delivered { workspace_id, .. } => desktop.answered(workspace_id).await,
                    _ => {}
                }
                let _ = events.send(event.into());
            }
        });
        Ok(stop)
    }
}

/// While `down()` names any workspaces, asks each with `ask` after a full-jitter wait from `schedule` that
/// grows while they stay down (from its base again once none is); with none down, waits for `marked`.
/// Returns when `stop` turns true or its sender is dropped.
async fn probe_while_down<Fut: Future<Output = ()>>(
    schedule: Backoff,
    down: impl Fn() -> Vec<String>,
    ask: impl Fn(String) -> Fut,
    marked: &Notify,
    mut stop: watch::Receiver<bool>,
) {
    let mut rounds: u32 = 0;
    loop {
        if *stop.borrow() {
            return;
        }
        let workspaces = down();
        if workspaces.is_empty() {
            rounds = 0;
            tokio::select! {
                () = marked.notified() => {}
                changed = stop.changed() => if changed.is_err() { return },
            }
            continue;
        }
        rounds = rounds.saturating_add(1);
        let wait = schedule.delay(rounds, None, &mut rand::rng());
        let asking = async {
            tokio::time::sleep(wait).await;
            for id in workspaces {
                ask(id).await;
            }
        };
        tokio::select! {
            () = asking => {}
            changed = stop.changed() => if changed.is_err() { return },
        }
    }
}

/// What a failure of the desktop's own (before or after the request) means for the entry.
fn failed(error: Error) -> Outcome {
    let reason = error.to_string();
    match error {
        Error::SignedOut { .. } => Outcome::SignedOut { reason },
        Error::Offline { .. } => Outcome::Unanswered { reason },
        _ => Outcome::Retry {
            retry_after: None,
            reason,
        },
    }
}

/// Sends an outbox entry with its workspace's client: the open workspace or another one.
struct DesktopDeliver(Desktop);

impl DesktopDeliver {
    /// `call` with the workspace's signed-in client, once more with a newer token if the server refuses
    /// the first (a refresh may have retired it meanwhile). `Err`: what failing before any answer means
    /// for the entry.
    async fn call<T, Fut>(
        &self,
        workspace_id: &str,
        call: impl Fn(Client) -> Fut,
    ) -> std::result::Result<std::result::Result<T, ApiError>, Outcome>
    where
        Fut: Future<Output = std::result::Result<T, ApiError>>,
    {
        let desktop = &self.0;
        let id = workspace_id.to_owned();
        let workspace = desktop
            .blocking(move |sessions| sessions.workspace_store().get(&id))
            .await
            // Signed out of (and so forgotten): held like a signed-out workspace's.
            .map_err(|error| Outcome::SignedOut {
                reason: error.to_string(),
            })?;
        let (workspace, used) = desktop.open_workspace(workspace).await.map_err(failed)?;
        match call(used.client.clone()).await {
            Err(error) if error.is_signed_out() => match desktop.after_refusal(&workspace, &used).await {
                Ok(Some(newer)) => Ok(call(newer.client.clone()).await),
                Ok(None) => Ok(Err(error)),
                Err(other) => Err(failed(other)),
            },
            answer => Ok(answer),
        }
    }
}

/// Every invitation whose email contains `email` (the server searches by substring), page after page.
async fn invitations_matching(
    client: Client,
    email: String,
) -> std::result::Result<Vec<Invitation>, ApiError> {
    let mut query = ListInvitations {
        q: Some(email),
        limit: Some(200),
        ..Default::default()
    };
    let mut found = Vec::new();
    loop {
        let page = client.invitations().list(&query).await?;
        found.extend(page.data);
        match page.next_cursor {
            // A server that hands back the cursor it was given would loop forever.
            Some(cursor) if query.cursor.as_ref() != Some(&cursor) => query.cursor = Some(cursor),
            _ => return Ok(found),
        }
    }
}

impl Deliver for DesktopDeliver {
    fn sign_ins(&self) -> u64 {
        self.0.sign_ins.load(Ordering::SeqCst)
    }

    async fn deliver(&self, workspace_id: &str, key: Uuid, invitation: &NewInvitation) -> Outcome {
        let created = self
            .call(workspace_id, |client| async move {
                client.invitations().create(key, invitation).await
            })
            .await;
        created.map_or_else(|outcome| outcome, classify)
    }

    async fn invitations_for(&self, workspace_id: &str, email: &str) -> Lookup {
        let found = self
            .call(workspace_id, |client| {
                invitations_matching(client, email.to_owned())
            })
            .await;
        match found {
            Ok(Ok(found)) => Lookup::Found(found),
            Ok(Err(error)) => Lookup::Failed(classify(Err(error))),
            Err(outcome) => Lookup::Failed(outcome),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::sync::Mutex;
    use std::sync::atomic::AtomicUsize;

    use super::*;

    const QUICK: Backoff = Backoff {
        base: Duration::from_millis(1),
        cap: Duration::from_millis(5),
    };

    /// A probe over a set of down workspaces where each answers at its `answers_after`-th probe, counting
    /// the probes made.
    struct Probed {
        down: Arc<Mutex<HashSet<String>>>,
        probes: Arc<AtomicUsize>,
        marked: Arc<Notify>,
        stop: watch::Sender<bool>,
        running: tokio::task::JoinHandle<()>,
    }

    fn start(answers_after: usize) -> Probed {
        let down = Arc::new(Mutex::new(HashSet::new()));
        let probes = Arc::new(AtomicUsize::new(0));
        let marked = Arc::new(Notify::new());
        let (stop, stopped) = watch::channel(false);
        let running = {
            let (down, probes, marked) = (Arc::clone(&down), Arc::clone(&probes), Arc::clone(&marked));
            tokio::spawn(async move {
                probe_while_down(
                    QUICK,
                    || down.lock().unwrap().iter().cloned().collect(),
                    |id| {
                        let made = probes.fetch_add(1, Ordering::SeqCst) + 1;
                        if made % answers_after == 0 {
                            down.lock().unwrap().remove(&id);
                        }
                        async {}
                    },
                    &marked,
                    stopped,
                )
                .await;
            })
        };
        Probed {
            down,
            probes,
            marked,
            stop,
            running,
        }
    }

    impl Probed {
        fn mark(&self, id: &str) {
            self.down.lock().unwrap().insert(id.to_owned());
            self.marked.notify_one();
        }

        fn probes(&self) -> usize {
            self.probes.load(Ordering::SeqCst)
        }

        async fn probes_reach(&self, n: usize) {
            tokio::time::timeout(Duration::from_secs(5), async {
                while self.probes() < n {
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            })
            .await
            .unwrap_or_else(|_| panic!("{} probes, not {n}", self.probes()));
        }
    }

    #[tokio::test]
    async fn a_down_workspace_is_probed_until_it_answers_and_then_no_more() {
        let probed = start(3);
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(probed.probes(), 0, "nothing is down: nothing is probed");

        probed.mark("ws-1");
        probed.probes_reach(3).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(
            probed.probes(),
            3,
            "it answered at the third probe: the probing stops"
        );

        probed.mark("ws-2");
        probed.probes_reach(6).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(probed.probes(), 6, "down again, probed again until it answers");
        probed.stop.send(true).unwrap();
        probed.running.await.unwrap();
    }

    #[tokio::test]
    async fn the_probe_ends_with_the_outbox_even_while_a_workspace_is_down() {
        let probed = start(usize::MAX);
        probed.mark("ws-1");
        probed.probes_reach(5).await;
        probed.stop.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(1), probed.running)
            .await
            .expect("the probe ends")
            .unwrap();

        // Dropping the outbox's stop sender ends it too.
        let probed = start(usize::MAX);
        probed.mark("ws-1");
        probed.probes_reach(1).await;
        drop(probed.stop);
        tokio::time::timeout(Duration::from_secs(1), probed.running)
            .await
            .expect("the probe ends")
            .unwrap();
    }
}
