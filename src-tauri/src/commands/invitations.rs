//! Invitations: list, read, create (keyed, so a retry never invites twice), change, resend, revoke.

use switchboard_api::Page;
use switchboard_api::client::ETag;
use switchboard_api::invitations::{Invitation, InvitationPatch, ListInvitations, NewInvitation};
use switchboard_core::desktop::{Desktop, Versioned};
use tauri::State;
use uuid::Uuid;

use crate::IpcError;

#[tauri::command]
pub async fn list_invitations(
    desktop: State<'_, Desktop>,
    query: ListInvitations,
) -> Result<Page<Invitation>, IpcError> {
    let query = &query;
    Ok(desktop
        .call(|c| async move { c.invitations().list(query).await })
        .await?)
}

#[tauri::command]
pub async fn get_invitation(
    desktop: State<'_, Desktop>,
    id: Uuid,
) -> Result<Versioned<Invitation>, IpcError> {
    Ok(desktop
        .call(|c| async move { c.invitations().get(id).await })
        .await?
        .into())
}

/// `key` is the caller's idempotency key: the UI keeps it for the attempt, so sending again after a lost
/// answer returns the first invitation instead of a second one.
#[tauri::command]
pub async fn create_invitation(
    desktop: State<'_, Desktop>,
    key: Uuid,
    invitation: NewInvitation,
) -> Result<Versioned<Invitation>, IpcError> {
    let invitation = &invitation;
    Ok(desktop
        .call(|c| async move { c.invitations().create(key, invitation).await })
        .await?
        .into())
}

#[tauri::command]
pub async fn update_invitation(
    desktop: State<'_, Desktop>,
    id: Uuid,
    etag: String,
    patch: InvitationPatch,
) -> Result<Versioned<Invitation>, IpcError> {
    let etag = &ETag::from_stored(etag);
    let patch = &patch;
    Ok(desktop
        .call(|c| async move { c.invitations().update(id, etag, patch).await })
        .await?
        .into())
}

#[tauri::command]
pub async fn resend_invitation(
    desktop: State<'_, Desktop>,
    id: Uuid,
) -> Result<Versioned<Invitation>, IpcError> {
    Ok(desktop
        .call(|c| async move { c.invitations().resend(id).await })
        .await?
        .into())
}

#[tauri::command]
pub async fn revoke_invitation(
    desktop: State<'_, Desktop>,
    id: Uuid,
) -> Result<Versioned<Invitation>, IpcError> {
    Ok(desktop
        .call(|c| async move { c.invitations().revoke(id).await })
        .await?
        .into())
}
