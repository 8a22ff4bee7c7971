//! Provisioning from an identity provider (SCIM): the base URL and the tokens (Configuration page).

use switchboard_api::provisioning::{CreatedProvisioningToken, NewProvisioningToken, Provisioning};
use switchboard_core::desktop::Desktop;
use tauri::State;
use uuid::Uuid;

use crate::IpcError;

#[tauri::command]
pub async fn get_provisioning(desktop: State<'_, Desktop>) -> Result<Provisioning, IpcError> {
    Ok(desktop.provisioning().await?)
}

/// The answer carries the new token's secret: the one time it crosses to the UI, which shows it to the
/// owner to paste into the identity provider and keeps it nowhere else.
#[tauri::command]
pub async fn create_provisioning_token(
    desktop: State<'_, Desktop>,
    token: NewProvisioningToken,
) -> Result<CreatedProvisioningToken, IpcError> {
    Ok(desktop.create_provisioning_token(&token).await?)
}

#[tauri::command]
pub async fn revoke_provisioning_token(desktop: State<'_, Desktop>, id: Uuid) -> Result<(), IpcError> {
    Ok(desktop.revoke_provisioning_token(id).await?)
}
