//! Groups and their principals (members or invitations).

use switchboard_api::Page;
use switchboard_api::client::ETag;
use switchboard_api::groups::{Group, GroupPatch, ListGroups, NewGroup};
use switchboard_core::desktop::{Desktop, Versioned};
use tauri::State;
use uuid::Uuid;

use crate::IpcError;

#[tauri::command]
pub async fn list_groups(desktop: State<'_, Desktop>, query: ListGroups) -> Result<Page<Group>, IpcError> {
    let query = &query;
    Ok(desktop
        .call(|c| async move { c.groups().list(query).await })
        .await?)
}

#[tauri::command]
pub async fn get_group(desktop: State<'_, Desktop>, id: Uuid) -> Result<Versioned<Group>, IpcError> {
    Ok(desktop
        .call(|c| async move { c.groups().get(id).await })
        .await?
        .into())
}

#[tauri::command]
pub async fn create_group(
    desktop: State<'_, Desktop>,
    key: Uuid,
    group: NewGroup,
) -> Result<Versioned<Group>, IpcError> {
    let group = &group;
    Ok(desktop
        .call(|c| async move { c.groups().create(key, group).await })
        .await?
        .into())
}

#[tauri::command]
pub async fn update_group(
    desktop: State<'_, Desktop>,
    id: Uuid,
    etag: String,
    patch: GroupPatch,
) -> Result<Versioned<Group>, IpcError> {
    let etag = &ETag::from_stored(etag);
    let patch = &patch;
    Ok(desktop
        .call(|c| async move { c.groups().update(id, etag, patch).await })
        .await?
        .into())
}

#[tauri::command]
pub async fn delete_group(desktop: State<'_, Desktop>, id: Uuid, etag: String) -> Result<(), IpcError> {
    let etag = &ETag::from_stored(etag);
    Ok(desktop
        .call(|c| async move { c.groups().delete(id, etag).await })
        .await?)
}

#[tauri::command]
pub async fn add_group_member(
    desktop: State<'_, Desktop>,
    id: Uuid,
    etag: String,
    principal_id: Uuid,
) -> Result<Versioned<Group>, IpcError> {
    let etag = &ETag::from_stored(etag);
    Ok(desktop
        .call(|c| async move { c.groups().add(id, etag, principal_id).await })
        .await?
        .into())
}

#[tauri::command]
pub async fn remove_group_member(
    desktop: State<'_, Desktop>,
    id: Uuid,
    etag: String,
    principal_id: Uuid,
) -> Result<Versioned<Group>, IpcError> {
    let etag = &ETag::from_stored(etag);
    Ok(desktop
        .call(|c| async move { c.groups().remove(id, etag, principal_id).await })
        .await?
        .into())
}
