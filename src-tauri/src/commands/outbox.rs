//! Inviting through the outbox: queue invites (kept on disk before anything is sent), list what is still
//! queued, fix or drop what the server refused, and hear what the background sender does.

use switchboard_api::invitations::{InvitationBatch, NewInvitation, ValidationResult};
use switchboard_core::desktop::{Desktop, OutboxEvent};
use switchboard_core::outbox::OutboxEntry;
use tauri::State;
use tauri::ipc::Channel;

use super::Listeners;
use crate::IpcError;

/// The UI's listeners for the sender's events.
pub type OutboxListeners = Listeners<OutboxEvent>;

/// Whether each invite could be sent now, by the server's rules; nothing is created.
#[tauri::command]
pub async fn validate_invitations(
    desktop: State<'_, Desktop>,
    invitations: Vec<NewInvitation>,
) -> Result<ValidationResult, IpcError> {
    let batch = &InvitationBatch { invitations };
    Ok(desktop
        .call(|c| async move { c.invitations().validate(batch).await })
        .await?)
}

/// Queues invites for the open workspace; they are on disk when this answers and sent in the background.
#[tauri::command]
pub async fn invite(
    desktop: State<'_, Desktop>,
    invitations: Vec<NewInvitation>,
) -> Result<Vec<OutboxEntry>, IpcError> {
    Ok(desktop.invite(invitations).await?)
}

/// The open workspace's invites not yet delivered.
#[tauri::command]
pub async fn outbox_entries(desktop: State<'_, Desktop>) -> Result<Vec<OutboxEntry>, IpcError> {
    Ok(desktop.outbox_entries().await?)
}

/// Edit and retry: an invite the server refused, corrected and queued again.
#[tauri::command]
pub async fn retry_outbox_entry(
    desktop: State<'_, Desktop>,
    id: String,
    invitation: NewInvitation,
) -> Result<OutboxEntry, IpcError> {
    Ok(desktop.retry_outbox_entry(&id, invitation).await?)
}

#[tauri::command]
pub async fn discard_outbox_entry(desktop: State<'_, Desktop>, id: String) -> Result<(), IpcError> {
    Ok(desktop.discard_outbox_entry(&id).await?)
}

/// Subscribes `on_event` to what the sender does (delivered, refused, failed, signed out).
#[tauri::command]
pub fn watch_outbox(listeners: State<'_, OutboxListeners>, on_event: Channel<OutboxEvent>) {
    listeners.add(on_event);
}
