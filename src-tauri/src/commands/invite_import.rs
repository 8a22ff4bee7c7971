//! Invite People's "Import CSV": the native file dialog, then the core reads and parses the file. The
//! webview never sees the file, only the rows.

use switchboard_core::error::Error;
use switchboard_core::invite_import::{self, ImportedRows};
use tauri::{AppHandle, WebviewWindow};

use crate::IpcError;

/// Asks for a CSV file and reads the people in it; `None` when the user cancelled the dialog.
#[tauri::command]
pub async fn import_invitations_csv(
    app: AppHandle,
    window: WebviewWindow,
) -> Result<Option<ImportedRows>, IpcError> {
    let failed = |what: &str| Error::Internal {
        message: format!("The file dialog could not open ({what}). Try again."),
    };
    // GTK wants its dialogs made on the main thread; the answer is awaited here, off it, so the window
    // keeps drawing while the dialog is up.
    let (sender, receiver) = tokio::sync::oneshot::channel();
    app.run_on_main_thread(move || {
        let picked = rfd::AsyncFileDialog::new()
            .set_title("Import people to invite")
            .add_filter("CSV files", &["csv", "CSV"])
            .set_parent(&window)
            .pick_file();
        let _ = sender.send(picked);
    })
    .map_err(|error| failed(&error.to_string()))?;
    let picked = receiver.await.map_err(|_| failed("the app is closing"))?;
    let Some(file) = picked.await else {
        return Ok(None);
    };
    let path = file.path().to_owned();
    let imported = tauri::async_runtime::spawn_blocking(move || invite_import::read_invitations_csv(&path))
        .await
        .map_err(|error| Error::Internal {
            message: format!("Reading the file failed ({error}). Try again."),
        })??;
    Ok(Some(imported))
}
