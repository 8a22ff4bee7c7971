//! Photos opened for framing, held in memory under an id while the crop dialog is up: the UI shows the
//! preview and sends back only a crop, so the file is read once and the webview never holds it.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use ts_rs::TS;

use super::{CropRect, Source};
use crate::error::{Error, Result};

/// How many opened photos are kept: the one being framed and the one before it (a slow open finishing
/// after the admin chose another). Each holds its file (up to 30 MB) and its preview.
const HELD: usize = 2;

/// A photo opened for framing, as the UI knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenedPhoto {
    /// Names the photo to [`OpenPhotos::preview`], [`OpenPhotos::avatar`] and [`OpenPhotos::close`].
    pub id: String,
    /// The photo's upright size in pixels: the space the crop is measured in.
    pub width: u32,
    pub height: u32,
}

struct Held {
    id: String,
    source: Arc<Source>,
    preview: Arc<[u8]>,
}

/// The opened photos. Opening and cropping run on blocking threads; the rest only takes a lock.
#[derive(Default)]
pub struct OpenPhotos {
    held: Mutex<VecDeque<Held>>,
    next: AtomicU64,
}

impl OpenPhotos {
    /// Opens the photo at `path` within the limits and makes its preview, off the async runtime.
    pub async fn open(&self, path: PathBuf) -> Result<OpenedPhoto> {
        let (source, preview) = blocking(move || {
            let source = super::open(&path)?;
            let preview = super::preview(&source)?;
            Ok((source, preview))
        })
        .await?;
        let id = format!("p{}", self.next.fetch_add(1, Ordering::Relaxed) + 1);
        let opened = OpenedPhoto {
            id: id.clone(),
            width: preview.source_width,
            height: preview.source_height,
        };
        let mut held = self.lock();
        while held.len() >= HELD {
            held.pop_front();
        }
        held.push_back(Held {
            id,
            source: Arc::new(source),
            preview: preview.jpeg.into(),
        });
        Ok(opened)
    }

    /// The preview JPEG of an opened photo.
    pub fn preview(&self, id: &str) -> Option<Arc<[u8]>> {
        self.lock()
            .iter()
            .find(|h| h.id == id)
            .map(|h| Arc::clone(&h.preview))
    }

    /// The 512×512 avatar JPEG for `crop` of an opened photo, off the async runtime. The photo stays
    /// open, so a failed upload can be tried again with the same framing.
    pub async fn avatar(&self, id: &str, crop: CropRect) -> Result<Vec<u8>> {
        let source = self
            .lock()
            .iter()
            .find(|h| h.id == id)
            .map(|h| Arc::clone(&h.source))
            .ok_or(Error::PhotoNotOpen)?;
        blocking(move || super::avatar(&source, crop)).await
    }

    /// Lets go of an opened photo (the dialog closed). Closing one that isn't open does nothing.
    pub fn close(&self, id: &str) {
        self.lock().retain(|h| h.id != id);
    }

    /// Lets go of every opened photo: signing out of a workspace keeps nothing of it, and a photo picked
    /// for its member's avatar is of it. (They are held in memory only, never written to disk.)
    pub fn close_all(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Held>> {
        self.held.lock().unwrap_or_else(|p| p.into_inner())
    }
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::Internal {
            message: format!("working on the photo failed: {e}"),
        })?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg_file(dir: &tempfile::TempDir, name: &str, width: u32, height: u32) -> PathBuf {
        let path = dir.path().join(name);
        image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        })
        .save(&path)
        .unwrap();
        path
    }

    #[tokio::test]
    async fn an_opened_photo_previews_crops_and_closes() {
        let dir = tempfile::tempdir().unwrap();
        let photos = OpenPhotos::default();
        let opened = photos.open(jpeg_file(&dir, "a.jpg", 900, 600)).await.unwrap();
        assert_eq!((opened.width, opened.height), (900, 600));
        let preview = photos.preview(&opened.id).unwrap();
        assert_eq!(&preview[..3], &[0xFF, 0xD8, 0xFF]);
        let crop = CropRect {
            x: 100.0,
            y: 0.0,
            width: 600.0,
            height: 600.0,
        };
        let avatar = photos.avatar(&opened.id, crop).await.unwrap();
        assert_eq!(image::load_from_memory(&avatar).unwrap().width(), 512);
        // Saving again (a retry) still finds it.
        assert!(photos.avatar(&opened.id, crop).await.is_ok());
        photos.close(&opened.id);
        assert!(photos.preview(&opened.id).is_none());
        let error = photos.avatar(&opened.id, crop).await.unwrap_err();
        assert_eq!(error.code(), switchboard_api::ErrorCode::PhotoNotOpen);
    }

    #[tokio::test]
    async fn only_the_latest_photos_are_held() {
        let dir = tempfile::tempdir().unwrap();
        let photos = OpenPhotos::default();
        let mut ids = Vec::new();
        for name in ["a.jpg", "b.jpg", "c.jpg"] {
            ids.push(photos.open(jpeg_file(&dir, name, 64, 64)).await.unwrap().id);
        }
        assert!(photos.preview(&ids[0]).is_none());
        assert!(photos.preview(&ids[1]).is_some());
        assert!(photos.preview(&ids[2]).is_some());
    }

    #[tokio::test]
    async fn a_file_that_is_not_a_photo_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.jpg");
        std::fs::write(&path, "not a photo at all").unwrap();
        let error = OpenPhotos::default().open(path).await.unwrap_err();
        assert_eq!(error.code(), switchboard_api::ErrorCode::PhotoNotAnImage);
    }
}
