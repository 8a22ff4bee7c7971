//! The app's `#[tauri::command]`s, one file per area. Each body takes state, calls the core, maps the error.
//! (`generate_handler!` needs the commands' modules public: it refers to macro-generated items beside them.)
//!
//! Adding a command: write it here, add it to the list in `names.rs` (from which both `handler()` and
//! `COMMANDS` are generated; `build.rs` declares it to Tauri), grant `allow-<command>` in the capability, and
//! expose it in `ui/src/platform/tauri.ts` for a UI that uses it; the hardening tests check all of that.

pub mod account;
#[macro_use]
mod names;
pub use names::COMMANDS;
pub mod app;
mod file_dialog;
pub mod groups;
pub mod invitations;
pub mod invite_import;
pub mod members;
pub mod numbers;
pub mod outbox;
pub mod photos;
pub mod provisioning;
pub mod quit;
pub mod workspaces;

use std::sync::Mutex;

use tauri::ipc::Channel;

/// The UI's listeners for one kind of event. A reloaded page subscribes again; a channel whose page is
/// gone fails to send and is dropped then.
pub struct Listeners<T>(Mutex<Vec<Channel<T>>>);

impl<T> Default for Listeners<T> {
    fn default() -> Self {
        Listeners(Mutex::new(Vec::new()))
    }
}

impl<T: tauri::ipc::IpcResponse + Clone> Listeners<T> {
    pub fn add(&self, channel: Channel<T>) {
        self.lock().push(channel);
    }

    /// No page listens (none subscribed, or every one that did is gone).
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    pub fn send(&self, event: &T) {
        self.lock().retain(|channel| channel.send(event.clone()).is_ok());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Channel<T>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The invoke handler with every command.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    // Expanded from the list in `names.rs`, like `COMMANDS`.
    macro_rules! handler_of {
        ($($module:ident::$name:ident),* $(,)?) => {
            tauri::generate_handler![$($module::$name),*]
        };
    }
    with_commands!(handler_of)
}
