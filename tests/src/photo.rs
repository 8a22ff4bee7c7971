//! A phone-like photo for the end-to-end runs, and what to read back from an avatar.
//!
//! The photo is 24 MP, stored 6000×4000 and marked with EXIF orientation 6 (the phone was held upright),
//! with GPS tags. Upright it is 4000×6000 and its colour says where each pixel is: red grows from left to
//! right, green from top to bottom (with a fine texture on blue, so it compresses like a photo rather than
//! a flat gradient). Any avatar cut from it therefore tells which region it shows, and whether it was
//! turned upright.

use std::path::Path;

use image::{ImageEncoder, RgbImage};

pub const UPRIGHT_WIDTH: u32 = 4000;
pub const UPRIGHT_HEIGHT: u32 = 6000;

/// Where the upright pixel `(x, y)` is, as a colour.
fn upright(x: u32, y: u32) -> [u8; 3] {
    let r = (x * 255 / (UPRIGHT_WIDTH - 1)) as u8;
    let g = (y * 255 / (UPRIGHT_HEIGHT - 1)) as u8;
    let texture = ((x / 7) ^ (y / 5)) % 24;
    [r, g, 100 + texture as u8]
}

/// Writes the photo to `path`.
pub fn write_turned_photo_with_gps(path: &Path) {
    // Stored turned a quarter to the left: orientation 6 says to turn it a quarter right to show it.
    let (width, height) = (UPRIGHT_HEIGHT, UPRIGHT_WIDTH);
    let stored = RgbImage::from_fn(width, height, |sx, sy| image::Rgb(upright(height - 1 - sy, sx)));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .write_image(stored.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .expect("encode the photo");
    let tiff = exif_with_orientation_6_and_gps();
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&u16::try_from(2 + 6 + tiff.len()).unwrap().to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&jpeg[2..]);
    std::fs::write(path, out).expect("write the photo");
}

/// Big-endian TIFF: IFD0 with Orientation 6 and a GPSInfo pointer; the GPS IFD with a latitude.
fn exif_with_orientation_6_and_gps() -> Vec<u8> {
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        let mut e = tag.to_be_bytes().to_vec();
        e.extend_from_slice(&kind.to_be_bytes());
        e.extend_from_slice(&count.to_be_bytes());
        e.extend_from_slice(&value.to_be_bytes());
        e
    };
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const ASCII: u16 = 2;
    const RATIONAL: u16 = 5;
    let ifd0 = 8u32;
    let gps = ifd0 + 2 + 2 * 12 + 4;
    let latitude = gps + 2 + 2 * 12 + 4;
    let mut t = b"MM\0\x2A".to_vec();
    t.extend_from_slice(&ifd0.to_be_bytes());
    t.extend_from_slice(&2u16.to_be_bytes());
    // A SHORT sits in the first two bytes of the value field.
    t.extend(entry(0x0112, SHORT, 1, 6 << 16));
    t.extend(entry(0x8825, LONG, 1, gps));
    t.extend_from_slice(&0u32.to_be_bytes());
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend(entry(0x0001, ASCII, 2, u32::from_be_bytes(*b"S\0\0\0")));
    t.extend(entry(0x0002, RATIONAL, 3, latitude));
    t.extend_from_slice(&0u32.to_be_bytes());
    for (numerator, denominator) in [(41u32, 1u32), (17, 1), (2_345, 100)] {
        t.extend_from_slice(&numerator.to_be_bytes());
        t.extend_from_slice(&denominator.to_be_bytes());
    }
    t
}

/// The region of the upright photo an avatar shows, read from its colours: `(left, top, right, bottom)`
/// in upright pixels, from the mean colour of small patches near its corners.
pub fn region_shown(avatar: &RgbImage) -> (f64, f64, f64, f64) {
    let patch = |cx: u32, cy: u32| {
        let (mut r, mut g, mut n) = (0.0, 0.0, 0.0);
        for y in cy.saturating_sub(4)..(cy + 4).min(avatar.height()) {
            for x in cx.saturating_sub(4)..(cx + 4).min(avatar.width()) {
                let p = avatar.get_pixel(x, y);
                r += f64::from(p[0]);
                g += f64::from(p[1]);
                n += 1.0;
            }
        }
        (r / n, g / n)
    };
    let to_x = |r: f64| r / 255.0 * f64::from(UPRIGHT_WIDTH - 1);
    let to_y = |g: f64| g / 255.0 * f64::from(UPRIGHT_HEIGHT - 1);
    let (w, h) = (avatar.width(), avatar.height());
    // Patches 16 px in from the edges stand for the pixels there, scaled back out to the edges.
    let inset = 16;
    let (r0, g0) = patch(inset, inset);
    let (r1, g1) = patch(w - inset, h - inset);
    let (x0, y0, x1, y1) = (to_x(r0), to_y(g0), to_x(r1), to_y(g1));
    let per_px_x = (x1 - x0) / f64::from(w - 2 * inset);
    let per_px_y = (y1 - y0) / f64::from(h - 2 * inset);
    (
        x0 - per_px_x * f64::from(inset),
        y0 - per_px_y * f64::from(inset),
        x1 + per_px_x * f64::from(inset),
        y1 + per_px_y * f64::from(inset),
    )
}

/// The JPEG's segment markers up to the image data (APP1 = 0xE1 holds EXIF and XMP).
pub fn jpeg_markers(jpeg: &[u8]) -> Vec<u8> {
    let mut markers = Vec::new();
    let mut at = 2;
    while at + 4 <= jpeg.len() && jpeg[at] == 0xFF {
        let marker = jpeg[at + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        at += 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
    }
    markers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_region_an_avatar_shows_is_read_from_its_colours() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.jpg");
        write_turned_photo_with_gps(&path);
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(jpeg_markers(&bytes)[..2], [0xE1, 0xE0]);
        let stored = image::load_from_memory(&bytes).unwrap().to_rgb8();
        assert_eq!(stored.dimensions(), (UPRIGHT_HEIGHT, UPRIGHT_WIDTH));
        // Turned upright by hand (a quarter to the right), then the square 1000..3000 × 2000..4000 at 512.
        let upright = image::imageops::rotate90(&stored);
        let square = image::imageops::crop_imm(&upright, 1000, 2000, 2000, 2000).to_image();
        let avatar = image::imageops::resize(&square, 512, 512, image::imageops::FilterType::Triangle);
        let (left, top, right, bottom) = region_shown(&avatar);
        for (got, want) in [(left, 1000.0), (top, 2000.0), (right, 3000.0), (bottom, 4000.0)] {
            assert!(
                (got - want).abs() < 60.0,
                "{left:.0},{top:.0} → {right:.0},{bottom:.0}"
            );
        }
    }
}
