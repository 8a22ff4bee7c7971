//! Invite People's "Import CSV": the native file dialog, then the core reads and parses the file. The
//! webview never sees the file, only the rows.

use switchboard_core::error::Error;
use switchboard_core::invite_import::{self, ImportedRows};
use tauri::{AppHandle, WebviewWindow};

use super::file_dialog::pick_file;
use crate::IpcError;

/// Asks for a CSV file and reads the people in it; `None` when the user cancelled the dialog.
#[tauri::command]
pub async fn import_invitations_csv(
    app: AppHandle,
    window: WebviewWindow,
) -> Result<Option<ImportedRows>, IpcError> {
    let Some(path) = pick_file(
        &app,
        window,
        "Import people to invite",
        "CSV files",
        &["csv", "CSV"],
    )
    .await?
    else {
        return Ok(None);
    };
    let imported = tauri::async_runtime::spawn_blocking(move || invite_import::read_invitations_csv(&path))
        .await
        .map_err(|error| Error::Internal {
            message: format!("Reading the file failed ({error}). Try again."),
        })??;
    Ok(Some(imported))
}
