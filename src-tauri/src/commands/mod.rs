//! The app's `#[tauri::command]`s, one file per area. Each body takes state, calls the core, maps the error.
//! (`generate_handler!` needs the commands' modules public: it refers to macro-generated items beside them.)
//!
//! Adding a command: write it here, add it to `handler()` below and to `COMMANDS` in `build.rs` (which
//! grants it in the capability), and expose it in `ui/src/platform/tauri.ts`; a test checks all three agree.

pub mod account;
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

    pub fn send(&self, event: &T) {
        self.lock().retain(|channel| channel.send(event.clone()).is_ok());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Channel<T>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The invoke handler with every command.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app::app_info,
        workspaces::workspaces,
        workspaces::set_preferences,
        workspaces::open_local_workspace,
        workspaces::sign_in,
        workspaces::switch_workspace,
        workspaces::sign_out,
        members::me,
        members::update_me,
        members::list_members,
        members::get_member,
        members::update_member,
        members::remove_member,
        invitations::list_invitations,
        invitations::get_invitation,
        invitations::create_invitation,
        invitations::update_invitation,
        invitations::resend_invitation,
        invitations::revoke_invitation,
        invite_import::import_invitations_csv,
        outbox::validate_invitations,
        outbox::invite,
        outbox::outbox_entries,
        outbox::retry_outbox_entry,
        outbox::discard_outbox_entry,
        outbox::watch_outbox,
        groups::list_groups,
        groups::get_group,
        groups::create_group,
        groups::update_group,
        groups::delete_group,
        groups::add_group_member,
        groups::remove_group_member,
        numbers::list_numbers,
        numbers::get_number,
        numbers::update_number,
        numbers::assign_number,
        numbers::unassign_number,
        account::get_configuration,
        account::update_configuration,
        account::list_roles,
        account::list_audit_events,
        provisioning::get_provisioning,
        provisioning::create_provisioning_token,
        provisioning::revoke_provisioning_token,
        photos::pick_photo,
        photos::open_dropped_photo,
        photos::watch_file_drops,
        photos::save_photo,
        photos::remove_photo,
        photos::close_photo,
    ]
}
