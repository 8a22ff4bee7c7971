//! Workspaces and sessions: the list, the local workspace, signing in and out, switching.

use switchboard_core::desktop::Desktop;
use switchboard_core::photo::OpenPhotos;
use switchboard_core::workspaces::{Preferences, Workspace, WorkspaceState};
use tauri::State;

use crate::IpcError;

/// The workspace list, which one is open, and the preferences.
#[tauri::command]
pub async fn workspaces(desktop: State<'_, Desktop>) -> Result<WorkspaceState, IpcError> {
    Ok(desktop.state().await?)
}

/// Keeps the app's preferences (the theme).
#[tauri::command]
pub async fn set_preferences(
    desktop: State<'_, Desktop>,
    preferences: Preferences,
) -> Result<WorkspaceState, IpcError> {
    Ok(desktop.set_preferences(preferences).await?)
}

/// Remembers the page the user is on in a workspace (a route name, e.g. `numbers`), for the next launch.
#[tauri::command]
pub async fn remember_page(
    desktop: State<'_, Desktop>,
    workspace_id: String,
    page: String,
) -> Result<(), IpcError> {
    Ok(desktop.remember_page(&workspace_id, &page).await?)
}

/// Starts (and on first use seeds) the embedded server, signs in as its owner and opens it.
#[tauri::command]
pub async fn open_local_workspace(desktop: State<'_, Desktop>) -> Result<Workspace, IpcError> {
    Ok(desktop.open_local_workspace().await?)
}

/// Signs in to a server. The password goes to the server and nowhere else; the tokens to the keychain.
#[tauri::command]
pub async fn sign_in(
    desktop: State<'_, Desktop>,
    server_url: String,
    email: String,
    password: String,
) -> Result<Workspace, IpcError> {
    Ok(desktop.sign_in(&server_url, &email, &password).await?)
}

#[tauri::command]
pub async fn switch_workspace(
    desktop: State<'_, Desktop>,
    workspace_id: String,
) -> Result<WorkspaceState, IpcError> {
    Ok(desktop.switch(&workspace_id).await?)
}

#[tauri::command]
pub async fn sign_out(
    desktop: State<'_, Desktop>,
    photos: State<'_, OpenPhotos>,
    workspace_id: String,
) -> Result<WorkspaceState, IpcError> {
    let state = desktop.sign_out(&workspace_id).await?;
    // A photo opened for framing is the signed-out user's (held in memory only): let it go, so its
    // preview is no longer served.
    photos.close_all();
    Ok(state)
}
