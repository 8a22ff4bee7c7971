//! What quitting now would cut short. An invite on its way (or due now for a server that answers) would
//! be stopped mid-request, and a photo being uploaded would be lost: the app asks before quitting over
//! them. Invites that can't go now anyway — their server out of reach, backing off after a "later,
//! please", held until a sign-in — stay queued on disk and go after the next launch, so they don't hold
//! the app open; the question only mentions them.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::outbox::{InFlight, OutboxState, OutboxStore};

/// The work under way when the user asked to quit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BusyWork {
    /// Invites on their way to the server now, or due now for a server that answers: they go within
    /// moments.
    pub sending: u32,
    /// Profile photos being made into an avatar and uploaded.
    pub uploading: u32,
    /// Invites that can't go now (no answer from their server, a wait the server asked for, a session
    /// that ended): they stay queued on disk and go after the next launch.
    pub waiting: u32,
}

impl BusyWork {
    /// Whether quitting now would cut something short (waiting invites don't count: nothing of them is
    /// under way, and they are on disk).
    pub fn blocks_quitting(&self) -> bool {
        self.sending > 0 || self.uploading > 0
    }

    /// Counts the outbox: entries on their way (`in_flight`, `None` when no sender runs: then nothing
    /// goes until the next launch), and queued ones due by `now` whose workspace isn't known to be out
    /// of reach (`unreachable`) — the sender picks those up at once. Every other queued entry waits.
    /// Entries that need the admin's attention are not sent by anyone, so they are not counted.
    pub async fn of_outbox(
        store: &OutboxStore,
        in_flight: Option<&InFlight>,
        unreachable: &HashSet<String>,
        uploading: u32,
        now: i64,
    ) -> Result<BusyWork> {
        let on_the_way = in_flight.map(InFlight::ids);
        let mut work = BusyWork {
            uploading,
            ..BusyWork::default()
        };
        for entry in store.all().await? {
            if entry.state != OutboxState::Queued {
                continue;
            }
            let goes_now = match &on_the_way {
                None => false,
                Some(ids) => {
                    ids.contains(&entry.id)
                        || (entry.next_attempt_at <= now
                            && entry.not_before <= now
                            && !unreachable.contains(&entry.workspace_id))
                }
            };
            if goes_now {
                work.sending += 1;
            } else {
                work.waiting += 1;
            }
        }
        Ok(work)
    }
}

/// How many photo uploads are under way; each holds an [`Uploading`] while it runs.
#[derive(Debug, Clone, Default)]
pub struct Uploads(Arc<AtomicU32>);

impl Uploads {
    /// Counts an upload until the returned guard is dropped (when the command ends, however it ends).
    pub fn start(&self) -> Uploading {
        self.0.fetch_add(1, Ordering::SeqCst);
        Uploading(Arc::clone(&self.0))
    }

    pub fn count(&self) -> u32 {
        self.0.load(Ordering::SeqCst)
    }
}

/// One upload under way; dropping it ends it.
#[derive(Debug)]
pub struct Uploading(Arc<AtomicU32>);

impl Drop for Uploading {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_counts_until_its_guard_is_dropped() {
        let uploads = Uploads::default();
        let first = uploads.start();
        let second = uploads.start();
        assert_eq!(uploads.count(), 2);
        drop(first);
        assert_eq!(uploads.count(), 1);
        drop(second);
        assert_eq!(uploads.count(), 0);
    }

    #[test]
    fn only_work_under_way_blocks_quitting() {
        let waiting = BusyWork {
            waiting: 3,
            ..BusyWork::default()
        };
        assert!(!waiting.blocks_quitting(), "queued on disk: they go next launch");
        assert!(
            BusyWork {
                sending: 1,
                ..waiting
            }
            .blocks_quitting()
        );
        assert!(
            BusyWork {
                uploading: 1,
                ..BusyWork::default()
            }
            .blocks_quitting()
        );
    }
}
