//! The photo pipeline for avatars: open a photo the admin chose, show a fast preview the UI frames with
//! its square crop, and make the 512×512 JPEG the server stores.
//!
//! - [`open`] refuses what it can't or shouldn't take before doing the work: files over 30 MB before they
//!   are read, anything but JPEG, PNG and WebP by its bytes (not its name), and images over
//!   [`MAX_SIDE`] pixels a side or [`MAX_PIXELS`] from the header, before any pixels are decoded.
//! - [`preview`] gives an upright JPEG of 1,400 to [`PREVIEW_LONG_SIDE`] pixels a side (less for a smaller photo); JPEGs are decoded shrunk
//!   (libjpeg-turbo's DCT scaling), never at full size.
//! - [`avatar`] takes the UI's square in upright pixels, maps it to the stored pixels, decodes a JPEG as
//!   small as still gives 512 pixels across the crop, resizes with Lanczos3 and turns only the 512 px
//!   result upright. The JPEG it returns carries no metadata at all.
//!
//! HEIC is not taken: libheif needs ~1 s for a 12 MP photo with no shrink-on-load, and would be one more
//! system library on every platform; the error for one says how to get a JPEG instead.
//!
//! Everything here is synchronous CPU work (a preview or an avatar takes tens of milliseconds, more for
//! large PNGs): callers run it on a blocking thread (`tokio::task::spawn_blocking`), never on an async
//! runtime's workers or the UI thread.

mod crop;
mod decode;
mod encode;
mod held;
mod orient;
mod sniff;

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

pub use crop::CropRect;
pub use held::{OpenPhotos, OpenedPhoto};
pub use orient::Orientation;
pub use sniff::Format;

use crate::error::{Error, Result};

/// Files over this many bytes (30 MB) are refused before they are read. A 50 MP phone JPEG is about
/// 20 MB.
pub const MAX_FILE_BYTES: u64 = 30 * 1024 * 1024;
/// Images wider or taller than this are refused before they are decoded.
pub const MAX_SIDE: u32 = 20_000;
/// Images with more pixels than this (100 MP) are refused before they are decoded.
pub const MAX_PIXELS: u64 = 100_000_000;
/// The most a PNG or WebP decode may allocate: the largest image [`MAX_PIXELS`] lets through, as 8-bit
/// RGBA, fits.
pub const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;
/// The preview's longer side, in pixels: sharp in the crop dialog on a high-density screen.
pub const PREVIEW_LONG_SIDE: u32 = 1600;
/// A JPEG's preview is decoded at the largest DCT reduction that still leaves this many pixels on its
/// longer side: a 24 MP photo then decodes at 1/4 (1,500 pixels) rather than at 1/2 (3,000, a quarter of
/// the photo's pixels, resized down again), about half the work and memory for a preview the dialog
/// shows at a few hundred pixels.
pub const PREVIEW_MIN_LONG_SIDE: u32 = 1400;
/// The avatar's width and height, in pixels.
pub const AVATAR_SIZE: u32 = 512;
const PREVIEW_QUALITY: i32 = 85;
const AVATAR_QUALITY: i32 = 88;

/// An opened photo: its bytes, checked to be a JPEG, PNG or WebP within the limits, and what its header
/// says. Nothing is decoded yet.
pub struct Source {
    bytes: Vec<u8>,
    format: Format,
    header: decode::Header,
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Source")
            .field("bytes", &self.bytes.len())
            .field("format", &self.format)
            .field("header", &self.header)
            .finish()
    }
}

impl Source {
    pub fn format(&self) -> Format {
        self.format
    }

    pub fn orientation(&self) -> Orientation {
        self.header.orientation
    }

    /// Width and height as the pixels are stored in the file.
    pub fn stored_size(&self) -> (u32, u32) {
        (self.header.width, self.header.height)
    }

    /// Width and height as the photo is seen, after its EXIF orientation: the space of [`CropRect`].
    pub fn upright_size(&self) -> (u32, u32) {
        self.header
            .orientation
            .upright_size(self.header.width, self.header.height)
    }
}

/// The preview the crop dialog shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// An upright JPEG, at most [`PREVIEW_LONG_SIDE`] pixels on its longer side.
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// The photo's full upright size: the crop sent to [`avatar`] is in these pixels, not the preview's.
    pub source_width: u32,
    pub source_height: u32,
}

/// Opens the photo at `path`: checks its size before reading it, then its format and dimensions (see
/// [`open_bytes`]).
pub fn open(path: &Path) -> Result<Source> {
    let unreadable = |e: std::io::Error| Error::PhotoUnreadable {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    let too_large = Error::PhotoFileTooLarge {
        max_mb: MAX_FILE_BYTES / (1024 * 1024),
    };
    let file = File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    if len > MAX_FILE_BYTES {
        return Err(too_large);
    }
    // The length can lie (a file still being written, a device file reports 0), so the read is bounded
    // as well.
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large);
    }
    open_bytes(bytes)
}

/// Opens a photo already in memory (a file dropped on the window): sniffs the format from the bytes and
/// reads the header, refusing files over the limits.
pub fn open_bytes(bytes: Vec<u8>) -> Result<Source> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::PhotoFileTooLarge {
            max_mb: MAX_FILE_BYTES / (1024 * 1024),
        });
    }
    let format = sniff::sniff(&bytes)?;
    let header = decode::header(&bytes, format)?;
    Ok(Source {
        bytes,
        format,
        header,
    })
}

/// An upright preview of [`PREVIEW_MIN_LONG_SIDE`] to [`PREVIEW_LONG_SIDE`] pixels on its longer side
/// (smaller photos keep their size). A JPEG is decoded at the smallest DCT scale that still leaves
/// [`PREVIEW_MIN_LONG_SIDE`]; PNG and WebP are decoded whole. Synchronous: see the module docs.
pub fn preview(source: &Source) -> Result<Preview> {
    let long = source.header.width.max(source.header.height);
    let denominator = crop::shrink_denominator(f64::from(long), PREVIEW_MIN_LONG_SIDE);
    let pixels = source.decode(denominator, long / denominator > PREVIEW_LONG_SIDE)?;
    let (w, h) = crop::fit(pixels.width, pixels.height, PREVIEW_LONG_SIDE);
    let pixels = if (w, h) == (pixels.width, pixels.height) {
        pixels
    } else {
        encode::resize(&pixels, None, w, h)?
    };
    let (jpeg, width, height) = upright_jpeg(pixels, source.header.orientation, PREVIEW_QUALITY, false)?;
    let (source_width, source_height) = source.upright_size();
    Ok(Preview {
        jpeg,
        width,
        height,
        source_width,
        source_height,
    })
}

/// The 512×512 avatar JPEG for the square `crop` of the upright photo, without any metadata.
///
/// The crop may overshoot the photo by up to a pixel (the UI rounds); anything else that isn't a square
/// inside the photo is refused with [`Error::PhotoInvalidCrop`]. A crop smaller than 512 pixels is
/// enlarged. Synchronous: see the module docs.
pub fn avatar(source: &Source, crop: CropRect) -> Result<Vec<u8>> {
    let decode::Header {
        width,
        height,
        orientation,
    } = source.header;
    let (upright_w, upright_h) = source.upright_size();
    let square = crop::validate(crop, upright_w, upright_h)?;
    let stored = crop::to_stored(square, orientation, width, height);
    let denominator = crop::shrink_denominator(stored.size, AVATAR_SIZE);
    let pixels = source.decode(
        denominator,
        stored.size / f64::from(denominator) > f64::from(AVATAR_SIZE),
    )?;
    let d = f64::from(pixels.denominator);
    let in_decoded = crop::Square {
        x: stored.x / d,
        y: stored.y / d,
        size: stored.size / d,
    };
    let resized = encode::resize(&pixels, Some(in_decoded), AVATAR_SIZE, AVATAR_SIZE)?;
    drop(pixels);
    Ok(upright_jpeg(resized, orientation, AVATAR_QUALITY, true)?.0)
}

impl Source {
    fn decode(&self, denominator: u32, shrinking: bool) -> Result<decode::Pixels> {
        decode::decode(&self.bytes, self.format, self.header, denominator, shrinking)
    }
}

/// The final steps for a small image: transparency onto white, turned upright, encoded. Returns the JPEG
/// and its upright width and height.
fn upright_jpeg(
    pixels: decode::Pixels,
    orientation: Orientation,
    quality: i32,
    optimize: bool,
) -> Result<(Vec<u8>, u32, u32)> {
    let pixels = encode::flatten(pixels);
    let (data, width, height) = orient::apply(pixels.data, pixels.width, pixels.height, 3, orientation);
    let upright = decode::Pixels {
        data,
        width,
        height,
        channels: 3,
        denominator: 1,
    };
    Ok((encode::jpeg(&upright, quality, optimize)?, width, height))
}
