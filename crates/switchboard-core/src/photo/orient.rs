//! EXIF orientation: how a camera's stored pixels are turned to be seen upright.
//!
//! Phones store the sensor's pixels as they come and record the turn in the EXIF `Orientation` tag (1–8)
//! instead of rotating the pixels. The pipeline works in upright coordinates for the UI, but it never
//! turns a full-size image (24 MP costs ~240 ms): it turns only small results — the ~1,600 px preview and
//! the 512 px avatar — and maps the UI's crop back to stored pixels (see `crop.rs`).

/// The EXIF orientation of a photo: where its stored rows and columns are seen. The discriminant is the
/// EXIF tag's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Orientation {
    /// 1: stored as seen.
    Normal = 1,
    /// 2: mirrored left to right.
    FlipHorizontal = 2,
    /// 3: upside down.
    Rotate180 = 3,
    /// 4: mirrored top to bottom.
    FlipVertical = 4,
    /// 5: mirrored across the top-left to bottom-right diagonal.
    Transpose = 5,
    /// 6: to be turned 90° clockwise (a phone held upright, its camera's top to the left).
    Rotate90 = 6,
    /// 7: mirrored across the top-right to bottom-left diagonal.
    Transverse = 7,
    /// 8: to be turned 90° anticlockwise.
    Rotate270 = 8,
}

impl Orientation {
    /// Every orientation, in EXIF order.
    pub const ALL: [Orientation; 8] = [
        Orientation::Normal,
        Orientation::FlipHorizontal,
        Orientation::Rotate180,
        Orientation::FlipVertical,
        Orientation::Transpose,
        Orientation::Rotate90,
        Orientation::Transverse,
        Orientation::Rotate270,
    ];

    /// The orientation an EXIF tag value names; `None` for values outside 1–8 (0 is common in the wild
    /// and means "unknown"), which callers treat as [`Orientation::Normal`].
    pub fn from_exif(value: u8) -> Option<Orientation> {
        Orientation::ALL.get(usize::from(value).checked_sub(1)?).copied()
    }

    /// The EXIF tag value, 1–8.
    pub fn exif(self) -> u8 {
        self as u8
    }

    /// Whether upright width and height are the stored height and width.
    pub fn swaps_axes(self) -> bool {
        matches!(
            self,
            Orientation::Transpose | Orientation::Rotate90 | Orientation::Transverse | Orientation::Rotate270
        )
    }

    /// The upright size of an image stored as `width` × `height`.
    pub fn upright_size(self, width: u32, height: u32) -> (u32, u32) {
        if self.swaps_axes() {
            (height, width)
        } else {
            (width, height)
        }
    }

    /// The stored pixel shown at upright `(x, y)`, for an image stored as `width` × `height`.
    pub(crate) fn stored_position(self, x: usize, y: usize, width: usize, height: usize) -> (usize, usize) {
        match self {
            Orientation::Normal => (x, y),
            Orientation::FlipHorizontal => (width - 1 - x, y),
            Orientation::Rotate180 => (width - 1 - x, height - 1 - y),
            Orientation::FlipVertical => (x, height - 1 - y),
            Orientation::Transpose => (y, x),
            Orientation::Rotate90 => (y, height - 1 - x),
            Orientation::Transverse => (width - 1 - y, height - 1 - x),
            Orientation::Rotate270 => (width - 1 - y, x),
        }
    }
}

/// Turns interleaved pixels (`channels` bytes each) stored as `width` × `height` upright, returning them
/// with their upright width and height. Meant for small images only (see the module's docs).
pub(crate) fn apply(
    pixels: Vec<u8>,
    width: u32,
    height: u32,
    channels: usize,
    orientation: Orientation,
) -> (Vec<u8>, u32, u32) {
    if orientation == Orientation::Normal {
        return (pixels, width, height);
    }
    let (w, h) = (width as usize, height as usize);
    let (upright_w, upright_h) = orientation.upright_size(width, height);
    let mut out = vec![0u8; pixels.len()];
    for (y, row) in out.chunks_exact_mut(upright_w as usize * channels).enumerate() {
        for (x, pixel) in row.chunks_exact_mut(channels).enumerate() {
            let (sx, sy) = orientation.stored_position(x, y, w, h);
            let at = (sy * w + sx) * channels;
            pixel.copy_from_slice(&pixels[at..at + channels]);
        }
    }
    debug_assert_eq!(out.len(), upright_w as usize * upright_h as usize * channels);
    (out, upright_w, upright_h)
}

/// The orientation recorded in a JPEG's EXIF segment (APP1 `Exif\0\0`), found by walking the marker
/// segments before the image data; `Normal` when there is none or it can't be read. Reading only this
/// tag keeps the walk cheap and bounded whatever the file holds.
pub(crate) fn jpeg_orientation(jpeg: &[u8]) -> Orientation {
    jpeg_exif(jpeg)
        .and_then(image::metadata::Orientation::from_exif_chunk)
        .and_then(|o| Orientation::from_exif(o.to_exif()))
        .unwrap_or(Orientation::Normal)
}

/// The TIFF structure inside a JPEG's first EXIF segment, if any.
fn jpeg_exif(jpeg: &[u8]) -> Option<&[u8]> {
    let mut at = 2; // after SOI
    loop {
        if *jpeg.get(at)? != 0xFF {
            return None;
        }
        // Any number of 0xFF fill bytes may precede a marker.
        while *jpeg.get(at + 1)? == 0xFF {
            at += 1;
        }
        let marker = *jpeg.get(at + 1)?;
        at += 2;
        match marker {
            // Start of scan or end of image: the metadata segments are behind us.
            0xDA | 0xD9 => return None,
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*jpeg.get(at)?, *jpeg.get(at + 1)?]));
        let segment = jpeg.get(at + 2..at + len.max(2))?;
        if marker == 0xE1
            && let Some(tiff) = segment.strip_prefix(b"Exif\0\0")
        {
            return Some(tiff);
        }
        at += len.max(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exif_values_outside_one_to_eight_are_not_orientations() {
        assert_eq!(Orientation::from_exif(0), None);
        assert_eq!(Orientation::from_exif(9), None);
        for (i, o) in Orientation::ALL.into_iter().enumerate() {
            assert_eq!(Orientation::from_exif(i as u8 + 1), Some(o));
            assert_eq!(o.exif(), i as u8 + 1);
        }
    }

    /// A 3×2 image whose pixels are their own stored index, turned by each orientation, compared with
    /// the pictures the EXIF definitions describe ("row 0 is seen as the …, column 0 as the …").
    #[test]
    fn apply_matches_the_exif_definitions() {
        // Stored:  0 1 2
        //          3 4 5
        let stored: Vec<u8> = (0..6).collect();
        let cases: [(Orientation, (u32, u32), [u8; 6]); 8] = [
            (Orientation::Normal, (3, 2), [0, 1, 2, 3, 4, 5]),
            (Orientation::FlipHorizontal, (3, 2), [2, 1, 0, 5, 4, 3]),
            (Orientation::Rotate180, (3, 2), [5, 4, 3, 2, 1, 0]),
            (Orientation::FlipVertical, (3, 2), [3, 4, 5, 0, 1, 2]),
            // Upright 2×3 from here on.
            (Orientation::Transpose, (2, 3), [0, 3, 1, 4, 2, 5]),
            // Turned clockwise: the stored left column becomes the top row, read bottom to top.
            (Orientation::Rotate90, (2, 3), [3, 0, 4, 1, 5, 2]),
            (Orientation::Transverse, (2, 3), [5, 2, 4, 1, 3, 0]),
            (Orientation::Rotate270, (2, 3), [2, 5, 1, 4, 0, 3]),
        ];
        for (orientation, size, expected) in cases {
            let (out, w, h) = apply(stored.clone(), 3, 2, 1, orientation);
            assert_eq!((w, h), size, "{orientation:?}");
            assert_eq!(out, expected, "{orientation:?}");
        }
    }

    #[test]
    fn apply_moves_whole_pixels() {
        let stored = vec![1, 2, 3, 4, 5, 6]; // 2×1, three channels
        let (out, w, h) = apply(stored, 2, 1, 3, Orientation::Rotate90);
        assert_eq!((w, h), (1, 2));
        assert_eq!(out, [1, 2, 3, 4, 5, 6]);
        let (out, ..) = apply(out, 1, 2, 3, Orientation::Rotate90);
        assert_eq!(out, [4, 5, 6, 1, 2, 3]);
    }

    #[test]
    fn jpeg_walk_survives_truncated_and_odd_segments() {
        assert_eq!(jpeg_orientation(&[]), Orientation::Normal);
        assert_eq!(jpeg_orientation(&[0xFF, 0xD8]), Orientation::Normal);
        assert_eq!(
            jpeg_orientation(&[0xFF, 0xD8, 0xFF, 0xE1, 0x00]),
            Orientation::Normal
        );
        // A length shorter than its own two bytes must not loop forever.
        assert_eq!(
            jpeg_orientation(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00, 0xFF, 0xD9]),
            Orientation::Normal
        );
        // An EXIF segment with orientation 6, big-endian, behind fill bytes.
        let tiff = [
            b'M', b'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, // Orientation, SHORT, 1, 6
            0, 0, 0, 0, // no next IFD
        ];
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xFF, 0xE1];
        jpeg.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
        jpeg.extend_from_slice(b"Exif\0\0");
        jpeg.extend_from_slice(&tiff);
        jpeg.extend_from_slice(&[0xFF, 0xD9]);
        assert_eq!(jpeg_orientation(&jpeg), Orientation::Rotate90);
    }
}
