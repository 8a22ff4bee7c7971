//! Account-wide things: configuration policy, roles, and the audit log.

use switchboard_api::Page;
use switchboard_api::audit::{AuditEvent, ListAuditEvents};
use switchboard_api::client::ETag;
use switchboard_api::configuration::{Configuration, ConfigurationPatch};
use switchboard_api::roles::RoleInfo;
use switchboard_core::desktop::{Desktop, Versioned};
use tauri::State;

use crate::IpcError;

#[tauri::command]
pub async fn get_configuration(desktop: State<'_, Desktop>) -> Result<Versioned<Configuration>, IpcError> {
    Ok(desktop.configuration().await?)
}

#[tauri::command]
pub async fn update_configuration(
    desktop: State<'_, Desktop>,
    etag: String,
    patch: ConfigurationPatch,
) -> Result<Versioned<Configuration>, IpcError> {
    Ok(desktop
        .update_configuration(&ETag::from_stored(etag), &patch)
        .await?)
}

#[tauri::command]
pub async fn list_roles(desktop: State<'_, Desktop>) -> Result<Vec<RoleInfo>, IpcError> {
    Ok(desktop.call(|c| async move { c.roles().list().await }).await?)
}

#[tauri::command]
pub async fn list_audit_events(
    desktop: State<'_, Desktop>,
    query: ListAuditEvents,
) -> Result<Page<AuditEvent>, IpcError> {
    let query = &query;
    Ok(desktop
        .call(|c| async move { c.audit_events().list(query).await })
        .await?)
}
