//! Members and the signed-in user (`me`).

use switchboard_api::members::{ListMembers, MePatch, Member, MemberPatch, RemoveMember};
use switchboard_api::{Page, client::ETag};
use switchboard_core::desktop::{Desktop, Versioned};
use tauri::State;
use uuid::Uuid;

use crate::IpcError;

#[tauri::command]
pub async fn me(desktop: State<'_, Desktop>) -> Result<Versioned<Member>, IpcError> {
    Ok(desktop.call(|c| async move { c.me().get().await }).await?.into())
}

#[tauri::command]
pub async fn update_me(
    desktop: State<'_, Desktop>,
    etag: String,
    patch: MePatch,
) -> Result<Versioned<Member>, IpcError> {
    let etag = &ETag::from_stored(etag);
    let patch = &patch;
    Ok(desktop
        .call(|c| async move { c.me().update(etag, patch).await })
        .await?
        .into())
}

#[tauri::command]
pub async fn list_members(desktop: State<'_, Desktop>, query: ListMembers) -> Result<Page<Member>, IpcError> {
    let query = &query;
    Ok(desktop
        .call(|c| async move { c.members().list(query).await })
        .await?)
}

#[tauri::command]
pub async fn get_member(desktop: State<'_, Desktop>, id: Uuid) -> Result<Versioned<Member>, IpcError> {
    Ok(desktop
        .call(|c| async move { c.members().get(id).await })
        .await?
        .into())
}

#[tauri::command]
pub async fn update_member(
    desktop: State<'_, Desktop>,
    id: Uuid,
    etag: String,
    patch: MemberPatch,
) -> Result<Versioned<Member>, IpcError> {
    let etag = &ETag::from_stored(etag);
    let patch = &patch;
    Ok(desktop
        .call(|c| async move { c.members().update(id, etag, patch).await })
        .await?
        .into())
}

#[tauri::command]
pub async fn remove_member(
    desktop: State<'_, Desktop>,
    id: Uuid,
    etag: String,
    how: RemoveMember,
) -> Result<(), IpcError> {
    let etag = &ETag::from_stored(etag);
    let how = &how;
    Ok(desktop
        .call(|c| async move { c.members().remove(id, etag, how).await })
        .await?)
}
