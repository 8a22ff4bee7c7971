//! Quitting while work is under way. A close of the window (or a request to quit the app) is held while
//! the core says something would be cut short (`Desktop::busy_work`: invites on their way, a photo
//! upload); the UI is told what, and keeps being told as it changes, and the app closes by itself once
//! nothing is left — or at once when the user says "Quit anyway". With nothing under way it closes at
//! once, as any window does.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use switchboard_core::desktop::Desktop;
use switchboard_core::quitting::BusyWork;
use tauri::{AppHandle, Manager};
use ts_rs::TS;

use crate::commands::Listeners;

/// How often the work is counted again while the app waits to close.
const RECOUNT: Duration = Duration::from_millis(250);

/// A request to quit that is waiting for work to finish, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuitRequest {
    /// Which request this is: an answer names it, so one given to an earlier request can't end this one.
    pub request: u32,
    pub work: BusyWork,
}

/// What the user answered.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuitAnswer {
    /// Quit anyway: invites on their way stop and stay queued on disk; an upload stops.
    Now,
    /// Don't quit after all.
    Stay,
}

pub type QuitListeners = Listeners<QuitRequest>;

/// Whether quitting is decided, and which request is waiting.
#[derive(Default)]
pub struct QuitGate {
    /// Set once the app is to quit: the close and exit requests that follow go through.
    allowed: AtomicBool,
    /// The request waiting for work to finish (0: none).
    waiting: AtomicU32,
    last: AtomicU32,
}

/// The window's close button, or the platform's Quit: held while [`QuitGate`] hasn't decided.
/// Returns whether the request was held (the caller then prevents the close or exit).
pub fn on_quit_requested(app: &AppHandle) -> bool {
    let gate = app.state::<QuitGate>();
    if gate.allowed.load(Ordering::SeqCst) {
        return false;
    }
    if gate.waiting.load(Ordering::SeqCst) == 0 {
        let request = gate.last.fetch_add(1, Ordering::SeqCst) + 1;
        gate.waiting.store(request, Ordering::SeqCst);
        let app = app.clone();
        tauri::async_runtime::spawn(async move { wait_then_quit(app, request).await });
    }
    true
}

/// Counts the work; while some is under way, tells the UI and counts again until it is done (then
/// quits) or the user answers.
async fn wait_then_quit(app: AppHandle, request: u32) {
    let mut told: Option<BusyWork> = None;
    loop {
        let gate = app.state::<QuitGate>();
        if gate.waiting.load(Ordering::SeqCst) != request {
            // Answered "stay" (or "quit anyway", which quit already).
            return;
        }
        let work = match app.state::<Desktop>().busy_work().await {
            Ok(work) => work,
            Err(error) => {
                // Nothing to wait for that can be told; the outbox keeps what it holds on disk.
                tracing::error!(%error, "could not tell what is under way; quitting");
                return quit(&app);
            }
        };
        if !work.blocks_quitting() {
            // Only if the user has not answered "stay" while the work was being counted.
            if gate
                .waiting
                .compare_exchange(request, 0, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
            {
                quit(&app);
            }
            return;
        }
        if told != Some(work) {
            let listeners = app.state::<QuitListeners>();
            listeners.send(&QuitRequest { request, work });
            if listeners.is_empty() {
                // No page to ask (it failed to load): waiting unseen would only look like a hang.
                tracing::warn!("no window to ask about the work under way; quitting");
                return quit(&app);
            }
            told = Some(work);
        }
        tokio::time::sleep(RECOUNT).await;
    }
}

fn quit(app: &AppHandle) {
    let gate = app.state::<QuitGate>();
    gate.allowed.store(true, Ordering::SeqCst);
    gate.waiting.store(0, Ordering::SeqCst);
    app.exit(0);
}

/// The user's answer to `request`.
pub fn answer(app: &AppHandle, request: u32, answer: QuitAnswer) {
    let gate = app.state::<QuitGate>();
    match answer {
        QuitAnswer::Now => quit(app),
        QuitAnswer::Stay => {
            let _ = gate
                .waiting
                .compare_exchange(request, 0, Ordering::SeqCst, Ordering::SeqCst);
        }
    }
}
