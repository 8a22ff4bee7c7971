//! Profile photos: the native file dialog or a file dropped on the window, opened and previewed by the
//! core; the crop the admin framed, made into the avatar natively and uploaded with progress; removal.
//!
//! The webview never names a file: the dialog's answer and a drop's paths stay in Rust, and the UI only
//! hears where a drag is (to light up its drop zone) and gets an opened photo's id back. Previews and
//! avatars reach it as images through the `picture:` scheme (see `pictures.rs`).

use std::path::PathBuf;
use std::sync::Mutex;

use serde::Serialize;
use switchboard_api::client::ETag;
use switchboard_api::members::Member;
use switchboard_core::desktop::{Desktop, Versioned};
use switchboard_core::error::Error;
use switchboard_core::photo::{CropRect, OpenPhotos, OpenedPhoto};
use tauri::ipc::Channel;
use tauri::{AppHandle, DragDropEvent, Manager, State, WebviewWindow, Window};
use ts_rs::TS;
use uuid::Uuid;

use super::Listeners;
use super::file_dialog::pick_file;
use crate::IpcError;

/// Where a drag of files over the window is, in CSS pixels of the window, so the UI can light up the
/// drop zone under it. The files themselves stay in Rust until the UI asks to open the dropped one.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum FileDrop {
    Over { x: f64, y: f64 },
    Drop { x: f64, y: f64 },
    Leave,
}

/// How saving a photo is going.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "stage", rename_all = "camelCase")]
pub enum SaveProgress {
    /// Cropping, resizing and encoding the avatar.
    Cropping,
    /// Sending it: `sent` of `total` bytes.
    Uploading { sent: u32, total: u32 },
}

/// The files of the last drop on the window, until the UI opens one.
#[derive(Default)]
pub struct DroppedFiles(Mutex<Vec<PathBuf>>);

pub type FileDropListeners = Listeners<FileDrop>;

fn dropped_files(window: &Window) -> std::sync::MutexGuard<'_, Vec<PathBuf>> {
    window
        .state::<DroppedFiles>()
        .inner()
        .0
        .lock()
        .unwrap_or_else(|p| p.into_inner())
}

/// Follows drags of files over the window: tells the UI where they are and keeps a drop's paths here.
pub fn on_drag_drop(window: &Window, event: &DragDropEvent) {
    // Though typed physical, the position is what the platform's webview reports: WebKitGTK and WKWebView
    // give widget coordinates (CSS pixels already), WebView2 device pixels.
    let scale = if cfg!(target_os = "windows") {
        window.scale_factor().unwrap_or(1.0)
    } else {
        1.0
    };
    let at = |p: &tauri::PhysicalPosition<f64>| (p.x / scale, p.y / scale);
    let drop = match event {
        DragDropEvent::Enter { position, .. } => {
            // A new drag: whatever an earlier drop left is no longer what the user means.
            dropped_files(window).clear();
            let (x, y) = at(position);
            FileDrop::Over { x, y }
        }
        DragDropEvent::Over { position } => {
            let (x, y) = at(position);
            FileDrop::Over { x, y }
        }
        DragDropEvent::Drop { paths, position } => {
            *dropped_files(window) = paths.clone();
            let (x, y) = at(position);
            FileDrop::Drop { x, y }
        }
        DragDropEvent::Leave => FileDrop::Leave,
        _ => return,
    };
    window.state::<FileDropListeners>().send(&drop);
}

/// Subscribes `on_event` to drags of files over the window.
#[tauri::command]
pub fn watch_file_drops(listeners: State<'_, FileDropListeners>, on_event: Channel<FileDrop>) {
    listeners.add(on_event);
}

/// Asks for a photo with the native file dialog and opens it; `None` when the user cancelled.
#[tauri::command]
pub async fn pick_photo(
    app: AppHandle,
    window: WebviewWindow,
    photos: State<'_, OpenPhotos>,
) -> Result<Option<OpenedPhoto>, IpcError> {
    let Some(path) = pick_file(
        &app,
        window,
        "Choose a photo",
        "Photos (JPEG, PNG, WebP)",
        &["jpg", "jpeg", "png", "webp", "JPG", "JPEG", "PNG", "WEBP"],
    )
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(photos.open(path).await?))
}

/// Opens the file last dropped on the window (the first, when several were).
#[tauri::command]
pub async fn open_dropped_photo(
    dropped: State<'_, DroppedFiles>,
    photos: State<'_, OpenPhotos>,
) -> Result<OpenedPhoto, IpcError> {
    let path = std::mem::take(&mut *dropped.0.lock().unwrap_or_else(|p| p.into_inner()))
        .into_iter()
        .next()
        .ok_or(Error::PhotoNotAnImage)?;
    Ok(photos.open(path).await?)
}

/// Crops the opened `photo` to the member's 512×512 avatar and uploads it, reporting progress. The photo
/// stays open, so a failed upload can be tried again as framed.
#[tauri::command]
pub async fn save_photo(
    desktop: State<'_, Desktop>,
    photos: State<'_, OpenPhotos>,
    photo: String,
    crop: CropRect,
    member_id: Uuid,
    etag: String,
    on_progress: Channel<SaveProgress>,
) -> Result<Versioned<Member>, IpcError> {
    // Counted until this command ends, so quitting meanwhile waits for it (or says it stops it).
    let _uploading = desktop.uploading();
    let _ = on_progress.send(SaveProgress::Cropping);
    let jpeg = photos.avatar(&photo, crop).await?;
    let etag = &ETag::from_stored(etag);
    Ok(desktop
        .call(|c| {
            let jpeg = jpeg.clone();
            let progress = on_progress.clone();
            async move {
                c.avatars()
                    .upload_with_progress(member_id, etag, "image/jpeg", jpeg, move |sent, total| {
                        let _ = progress.send(SaveProgress::Uploading {
                            sent: u32::try_from(sent).unwrap_or(u32::MAX),
                            total: u32::try_from(total).unwrap_or(u32::MAX),
                        });
                    })
                    .await
            }
        })
        .await?
        .into())
}

/// Removes the member's photo; they show their initials again.
#[tauri::command]
pub async fn remove_photo(
    desktop: State<'_, Desktop>,
    member_id: Uuid,
    etag: String,
) -> Result<Versioned<Member>, IpcError> {
    let etag = &ETag::from_stored(etag);
    Ok(desktop
        .call(|c| async move { c.avatars().delete(member_id, etag).await })
        .await?
        .into())
}

/// Lets go of an opened photo (the dialog closed).
#[tauri::command]
pub fn close_photo(photos: State<'_, OpenPhotos>, photo: String) {
    photos.close(&photo);
}
