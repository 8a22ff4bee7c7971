//! Reading a photo's header and decoding its pixels, within limits.
//!
//! JPEG goes through libjpeg-turbo (the `turbojpeg` crate), whose DCT scaling decodes at 1/2, 1/4 or 1/8
//! of the size for a fraction of the work and memory of a full decode ("shrink-on-load"). PNG and WebP
//! have no such thing and go through `image`, with an allocation limit.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageError, ImageReader, Limits};
use turbojpeg::{Colorspace, Decompressor, PixelFormat, ScalingFactor};

use super::orient::{self, Orientation};
use super::sniff::Format;
use super::{MAX_DECODE_BYTES, MAX_PIXELS, MAX_SIDE};
use crate::error::{Error, Result};

/// What the header says, read without decoding any pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    /// Stored (not upright) size.
    pub width: u32,
    pub height: u32,
    pub orientation: Orientation,
}

/// Decoded pixels, 8-bit RGB or RGBA interleaved.
pub(crate) struct Pixels {
    pub data: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// 3 (RGB) or 4 (RGBA, not premultiplied).
    pub channels: usize,
    /// The DCT scaling the pixels were decoded at: stored pixel `x` is decoded pixel `x / denominator`.
    pub denominator: u32,
}

/// Progressive JPEGs may split their data into any number of scans, each costing a pass over the whole
/// image; crafted files use thousands to make decoding take minutes. Real encoders use about ten.
const MAX_JPEG_SCANS: u32 = 500;

/// Reads the header of `bytes` (already sniffed as `format`) and refuses images over the pixel limits,
/// before anything the size of the image is allocated.
pub(crate) fn header(bytes: &[u8], format: Format) -> Result<Header> {
    match format {
        Format::Jpeg => {
            let header = decompressor()?.read_header(bytes).map_err(jpeg_damaged)?;
            let (width, height) = (dimension(header.width), dimension(header.height));
            check_pixels(width, height)?;
            Ok(Header {
                width,
                height,
                orientation: orient::jpeg_orientation(bytes),
            })
        }
        Format::Png => {
            // The size is in the first chunk, read here directly: the decoder below reads on to the
            // first image data before it answers, and a crafted file may put a lot in between.
            let (width, height) = png_size(bytes)?;
            check_pixels(width, height)?;
            let mut decoder = image_decoder(bytes, format, (width, height))?;
            Ok(Header {
                width,
                height,
                orientation: image_orientation(&mut decoder),
            })
        }
        Format::WebP => {
            // WebP can't be larger than 16,383 pixels a side, so reading its header allocates little.
            let mut decoder = image_decoder(bytes, format, (0, 0))?;
            let (width, height) = decoder.dimensions();
            check_pixels(width, height)?;
            Ok(Header {
                width,
                height,
                orientation: image_orientation(&mut decoder),
            })
        }
    }
}

/// Decodes the whole image, shrunk by `denominator` (1, 2, 4 or 8) where the format allows it (JPEG);
/// other formats decode at full size and say so in [`Pixels::denominator`].
///
/// `shrinking` says the caller will shrink what it gets: a JPEG's colour, stored at half resolution, is
/// then doubled by repeating it instead of interpolating, which saves about a tenth of the decode and
/// which the shrinking averages away.
pub(crate) fn decode(
    bytes: &[u8],
    format: Format,
    header: Header,
    denominator: u32,
    shrinking: bool,
) -> Result<Pixels> {
    match format {
        Format::Jpeg => decode_jpeg(bytes, header, denominator, shrinking),
        Format::Png | Format::WebP => decode_with_image(bytes, format, header),
    }
}

fn decode_jpeg(bytes: &[u8], header: Header, denominator: u32, shrinking: bool) -> Result<Pixels> {
    let mut decompressor = decompressor()?;
    let info = decompressor.read_header(bytes).map_err(jpeg_damaged)?;
    // libjpeg-turbo can't turn CMYK (print files, some scans) into RGB; `image` can.
    if matches!(info.colorspace, Colorspace::CMYK | Colorspace::YCCK) {
        return decode_with_image(bytes, Format::Jpeg, header);
    }
    // Lossless JPEG has no DCT to scale.
    let denominator = if info.is_lossless { 1 } else { denominator };
    let factor = ScalingFactor::new(1, denominator as usize);
    decompressor.set_scaling_factor(factor).map_err(internal)?;
    decompressor.set_fast_upsample(shrinking).map_err(internal)?;
    let scaled = info.scaled(factor);
    let mut data = vec![0u8; scaled.width * scaled.height * 3];
    let image = turbojpeg::Image {
        pixels: data.as_mut_slice(),
        width: scaled.width,
        pitch: scaled.width * 3,
        height: scaled.height,
        format: PixelFormat::RGB,
    };
    if let Err(error) = decompressor.decompress(bytes, image) {
        // libjpeg-turbo reports warnings as failures too, with the image complete. Stray bytes between
        // segments are a warning many cameras and editors cause; anything else (a file cut short, a
        // damaged scan) leaves grey or garbled rows, so the photo is refused.
        if !error.to_string().contains("extraneous bytes before marker") {
            return Err(jpeg_damaged(error));
        }
    }
    Ok(Pixels {
        data,
        width: dimension(scaled.width),
        height: dimension(scaled.height),
        channels: 3,
        denominator,
    })
}

fn decode_with_image(bytes: &[u8], format: Format, header: Header) -> Result<Pixels> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format(format));
    reader.limits(limits());
    let size = (header.width, header.height);
    let image = reader.decode().map_err(|e| image_error(e, size))?;
    let (width, height) = (image.width(), image.height());
    let (data, channels) = match image {
        DynamicImage::ImageRgb8(rgb) => (rgb.into_raw(), 3),
        DynamicImage::ImageRgba8(rgba) => (rgba.into_raw(), 4),
        other if other.color().has_alpha() => (other.into_rgba8().into_raw(), 4),
        other => (other.into_rgb8().into_raw(), 3),
    };
    Ok(Pixels {
        data,
        width,
        height,
        channels,
        denominator: 1,
    })
}

/// The allocation limit for decodes done by `image`: enough for the largest image the pixel limit lets
/// through at 8-bit RGBA, and a stop for anything that would need more (16-bit channels at that size).
fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits
}

fn image_decoder(bytes: &[u8], format: Format, size: (u32, u32)) -> Result<impl ImageDecoder + '_> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format(format));
    reader.limits(limits());
    reader.into_decoder().map_err(|e| image_error(e, size))
}

/// The orientation from the EXIF a PNG (`eXIf`) or WebP (`EXIF`) may carry; `Normal` without one.
fn image_orientation(decoder: &mut impl ImageDecoder) -> Orientation {
    decoder
        .orientation()
        .ok()
        .and_then(|o| Orientation::from_exif(o.to_exif()))
        .unwrap_or(Orientation::Normal)
}

fn image_format(format: Format) -> image::ImageFormat {
    match format {
        Format::Jpeg => image::ImageFormat::Jpeg,
        Format::Png => image::ImageFormat::Png,
        Format::WebP => image::ImageFormat::WebP,
    }
}

/// The width and height in a PNG's `IHDR`, which the format requires to be the first chunk.
fn png_size(bytes: &[u8]) -> Result<(u32, u32)> {
    let damaged = || Error::PhotoDamaged {
        detail: "no PNG header".into(),
    };
    if bytes.get(12..16) != Some(b"IHDR") {
        return Err(damaged());
    }
    let word = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    Ok((word(16).ok_or_else(damaged)?, word(20).ok_or_else(damaged)?))
}

/// Refuses images over the limits; an image with no pixels at all is damaged.
pub(crate) fn check_pixels(width: u32, height: u32) -> Result<()> {
    if width == 0 || height == 0 {
        return Err(Error::PhotoDamaged {
            detail: format!("the image is {width}×{height} pixels"),
        });
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(too_many_pixels(width, height));
    }
    Ok(())
}

fn too_many_pixels(width: u32, height: u32) -> Error {
    Error::PhotoTooManyPixels {
        width,
        height,
        max_side: MAX_SIDE,
        max_megapixels: (MAX_PIXELS / 1_000_000) as u32,
    }
}

fn decompressor() -> Result<Decompressor> {
    let mut decompressor = Decompressor::new().map_err(internal)?;
    decompressor.set_scan_limit(MAX_JPEG_SCANS).map_err(internal)?;
    Ok(decompressor)
}

/// JPEG dimensions fit in 16 bits, so they always fit a `u32`.
fn dimension(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn jpeg_damaged(error: turbojpeg::Error) -> Error {
    Error::PhotoDamaged {
        detail: error.to_string(),
    }
}

/// `image`'s errors: over the allocation limit is "too large" (for the image's own `size`); everything
/// else it reports while decoding means the file is not what its header promised.
fn image_error(error: ImageError, (width, height): (u32, u32)) -> Error {
    match error {
        ImageError::Limits(_) => too_many_pixels(width, height),
        other => Error::PhotoDamaged {
            detail: other.to_string(),
        },
    }
}

pub(crate) fn internal(error: impl std::fmt::Display) -> Error {
    Error::Internal {
        message: format!("The photo could not be processed: {error}"),
    }
}
