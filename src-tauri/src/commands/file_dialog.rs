//! The native "open file" dialog, shown over the app's window: rfd with GTK's file chooser on Linux (the
//! `gtk3` feature, enabled for Linux only in Cargo.toml), the Common Item Dialog on Windows and
//! `NSOpenPanel` on macOS.

use std::path::PathBuf;

use switchboard_core::error::Error;
use tauri::{AppHandle, WebviewWindow};

/// Asks for one file of the `kind` named, by its `extensions`; `None` when the user cancelled.
pub async fn pick_file(
    app: &AppHandle,
    window: WebviewWindow,
    title: &'static str,
    kind: &'static str,
    extensions: &'static [&'static str],
) -> Result<Option<PathBuf>, Error> {
    let failed = |what: &str| Error::Internal {
        message: format!("The file dialog could not open ({what}). Try again."),
    };
    // GTK and AppKit want their dialogs made on the main thread (Windows' runs on a thread of rfd's own);
    // the answer is awaited here, off it, so the window keeps drawing while the dialog is up.
    let (sender, receiver) = tokio::sync::oneshot::channel();
    app.run_on_main_thread(move || {
        let picked = rfd::AsyncFileDialog::new()
            .set_title(title)
            .add_filter(kind, extensions)
            .set_parent(&window)
            .pick_file();
        let _ = sender.send(picked);
    })
    .map_err(|error| failed(&error.to_string()))?;
    let picked = receiver.await.map_err(|_| failed("the app is closing"))?;
    Ok(picked.await.map(|file| file.path().to_owned()))
}
