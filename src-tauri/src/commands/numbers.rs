//! The account's phone numbers and their assignees.

use switchboard_api::Page;
use switchboard_api::client::ETag;
use switchboard_api::numbers::{ListNumbers, Number, NumberPatch};
use switchboard_core::desktop::{Desktop, Versioned};
use tauri::State;
use uuid::Uuid;

use crate::IpcError;

#[tauri::command]
pub async fn list_numbers(desktop: State<'_, Desktop>, query: ListNumbers) -> Result<Page<Number>, IpcError> {
    let query = &query;
    Ok(desktop
        .call(|c| async move { c.numbers().list(query).await })
        .await?)
}

#[tauri::command]
pub async fn get_number(desktop: State<'_, Desktop>, id: Uuid) -> Result<Versioned<Number>, IpcError> {
    Ok(desktop
        .call(|c| async move { c.numbers().get(id).await })
        .await?
        .into())
}

#[tauri::command]
pub async fn update_number(
    desktop: State<'_, Desktop>,
    id: Uuid,
    etag: String,
    patch: NumberPatch,
) -> Result<Versioned<Number>, IpcError> {
    let etag = &ETag::from_stored(etag);
    let patch = &patch;
    Ok(desktop
        .call(|c| async move { c.numbers().update(id, etag, patch).await })
        .await?
        .into())
}

#[tauri::command]
pub async fn assign_number(
    desktop: State<'_, Desktop>,
    id: Uuid,
    etag: String,
    principal_id: Uuid,
) -> Result<Versioned<Number>, IpcError> {
    let etag = &ETag::from_stored(etag);
    Ok(desktop
        .call(|c| async move { c.numbers().assign(id, etag, principal_id).await })
        .await?
        .into())
}

#[tauri::command]
pub async fn unassign_number(
    desktop: State<'_, Desktop>,
    id: Uuid,
    etag: String,
    principal_id: Uuid,
) -> Result<Versioned<Number>, IpcError> {
    let etag = &ETag::from_stored(etag);
    Ok(desktop
        .call(|c| async move { c.numbers().unassign(id, etag, principal_id).await })
        .await?
        .into())
}
