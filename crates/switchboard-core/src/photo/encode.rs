//! From decoded pixels to the JPEG the UI shows or the server stores: resizing (Lanczos3, SIMD through
//! `fast_image_resize`), flattening transparency, and encoding with libjpeg-turbo.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use turbojpeg::{Compressor, PixelFormat, Subsamp};

use super::crop::Square;
use super::decode::{Pixels, internal};
use crate::error::Result;

/// Resizes `pixels` (or the `crop` of them, in decoded pixels, fractions allowed) to `width` × `height`
/// with Lanczos3: sharp without ringing much, and what photo tools use for thumbnails.
pub(crate) fn resize(pixels: &Pixels, crop: Option<Square>, width: u32, height: u32) -> Result<Pixels> {
    let pixel_type = if pixels.channels == 4 {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    let src = ImageRef::new(pixels.width, pixels.height, &pixels.data, pixel_type).map_err(internal)?;
    let mut dst = Image::new(width, height, pixel_type);
    // Transparent pixels' colours must not bleed into their neighbours: premultiply while resizing.
    let mut options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .use_alpha(true);
    if let Some(Square { x, y, size }) = crop {
        options = options.crop(x, y, size, size);
    }
    Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(internal)?;
    Ok(Pixels {
        data: dst.into_vec(),
        width,
        height,
        channels: pixels.channels,
        denominator: pixels.denominator,
    })
}

/// RGB of `pixels`, transparent parts shown on white (a JPEG has no transparency, and a logo with a
/// transparent background is meant to be seen on a light page).
pub(crate) fn flatten(pixels: Pixels) -> Pixels {
    if pixels.channels == 3 {
        return pixels;
    }
    let data = pixels
        .data
        .chunks_exact(4)
        .flat_map(|p| {
            let a = u32::from(p[3]);
            let over_white = move |c: u8| ((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
            [over_white(p[0]), over_white(p[1]), over_white(p[2])]
        })
        .collect();
    Pixels {
        data,
        channels: 3,
        ..pixels
    }
}

/// A baseline JPEG of RGB `pixels` with 4:2:0 chroma, and nothing but the image: libjpeg-turbo writes a
/// JFIF header and no EXIF, ICC or comment, so none of the original's metadata (GPS, camera serial
/// numbers) can travel with it.
pub(crate) fn jpeg(pixels: &Pixels, quality: i32, optimize: bool) -> Result<Vec<u8>> {
    debug_assert_eq!(pixels.channels, 3);
    let mut compressor = Compressor::new().map_err(internal)?;
    compressor.set_quality(quality).map_err(internal)?;
    compressor.set_subsamp(Subsamp::Sub2x2).map_err(internal)?;
    // Optimised Huffman tables shave some 5–10 % off; worth it for the avatar, which is stored and sent
    // to every member, not for a preview shown once.
    compressor.set_optimize(optimize).map_err(internal)?;
    let image = turbojpeg::Image {
        pixels: pixels.data.as_slice(),
        width: pixels.width as usize,
        pitch: pixels.width as usize * 3,
        height: pixels.height as usize,
        format: PixelFormat::RGB,
    };
    compressor.compress_to_vec(image).map_err(internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transparency_is_shown_on_white() {
        let pixels = Pixels {
            data: vec![0, 0, 0, 0, 0, 0, 0, 255, 200, 100, 0, 128],
            width: 3,
            height: 1,
            channels: 4,
            denominator: 1,
        };
        let flat = flatten(pixels);
        assert_eq!(flat.channels, 3);
        assert_eq!(flat.data, [255, 255, 255, 0, 0, 0, 227, 177, 127]);
    }
}
