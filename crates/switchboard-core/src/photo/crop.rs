//! The crop's arithmetic, kept free of pixels so every edge can be tested: checking the UI's square,
//! mapping it from upright to stored pixels, and choosing how far a JPEG may be shrunk while it is decoded.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::orient::Orientation;
use crate::error::{Error, Result};

/// The square the admin framed, in the photo's upright (as seen) pixels, as the UI measured it: fractional,
/// because the UI zooms and drags freely.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CropRect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// A square inside an image, in that image's pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Square {
    pub x: f64,
    pub y: f64,
    pub size: f64,
}

/// How far the UI's rectangle may stray from a square inside the photo, in pixels, and still be taken as
/// one: the UI rounds its zoom and offset, so the frame can end a fraction of a pixel outside the photo.
const TOLERANCE: f64 = 1.0;

/// The smallest crop taken, in source pixels: a UI zoomed in as far as it goes may ask for less, and one
/// source pixel (shown as 512) is already more zoom than any use of it.
const MIN_SIZE: f64 = 1.0;

/// Checks the UI's rectangle against the upright photo (`width` × `height`) and makes it a square inside
/// it: sizes or positions that overshoot by at most [`TOLERANCE`] are pulled in; anything else is refused.
pub(crate) fn validate(rect: CropRect, width: u32, height: u32) -> Result<Square> {
    let invalid = |reason: &str| Error::PhotoInvalidCrop {
        reason: reason.to_owned(),
    };
    let CropRect {
        x,
        y,
        width: w,
        height: h,
    } = rect;
    if ![x, y, w, h].iter().all(|v| v.is_finite()) {
        return Err(invalid("has no size or position"));
    }
    if w <= 0.0 || h <= 0.0 {
        return Err(invalid("is empty"));
    }
    if (w - h).abs() > TOLERANCE {
        return Err(invalid("isn't square"));
    }
    let (width, height) = (f64::from(width), f64::from(height));
    let limit = width.min(height);
    let mut size = w.min(h);
    if size > limit + TOLERANCE {
        return Err(invalid("is larger than the photo"));
    }
    size = size.clamp(MIN_SIZE.min(limit), limit);
    // A square grown to the minimum stays centred where it was.
    let (mut x, mut y) = (x + (w.min(h) - size) / 2.0, y + (w.min(h) - size) / 2.0);
    if x < -TOLERANCE || y < -TOLERANCE || x + size > width + TOLERANCE || y + size > height + TOLERANCE {
        return Err(invalid("lies outside the photo"));
    }
    x = x.clamp(0.0, width - size);
    y = y.clamp(0.0, height - size);
    Ok(Square { x, y, size })
}

/// The stored pixels under an upright square, for an image stored as `width` × `height` (the square is
/// the same size either way; only where it sits changes).
pub(crate) fn to_stored(square: Square, orientation: Orientation, width: u32, height: u32) -> Square {
    let (w, h) = (f64::from(width), f64::from(height));
    let Square { x, y, size: s } = square;
    let (sx, sy) = match orientation {
        Orientation::Normal => (x, y),
        Orientation::FlipHorizontal => (w - x - s, y),
        Orientation::Rotate180 => (w - x - s, h - y - s),
        Orientation::FlipVertical => (x, h - y - s),
        Orientation::Transpose => (y, x),
        Orientation::Rotate90 => (y, h - x - s),
        Orientation::Transverse => (w - y - s, h - x - s),
        Orientation::Rotate270 => (w - y - s, x),
    };
    Square {
        x: sx,
        y: sy,
        size: s,
    }
}

/// The DCT scalings libjpeg-turbo decodes fastest (its SIMD code covers these), as denominators.
const DENOMINATORS: [u32; 4] = [8, 4, 2, 1];

/// The largest reduction (1/8, 1/4, 1/2 or none) under which `length` source pixels still span at least
/// `target` decoded pixels: decoding less is faster and smaller, and the resize that follows still only
/// shrinks, which is what keeps the avatar sharp.
pub(crate) fn shrink_denominator(length: f64, target: u32) -> u32 {
    DENOMINATORS
        .into_iter()
        .find(|&d| length / f64::from(d) >= f64::from(target))
        .unwrap_or(1)
}

/// The size that fits `width` × `height` within `long_side` on its longer side, keeping its shape; an
/// image already within it keeps its size.
pub(crate) fn fit(width: u32, height: u32, long_side: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= long_side {
        return (width, height);
    }
    let scale = f64::from(long_side) / f64::from(long);
    let shrink = |v: u32| ((f64::from(v) * scale).round() as u32).max(1);
    if width >= height {
        (long_side, shrink(height))
    } else {
        (shrink(width), long_side)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64, width: f64, height: f64) -> CropRect {
        CropRect { x, y, width, height }
    }

    fn code(result: Result<Square>) -> String {
        match result {
            Err(Error::PhotoInvalidCrop { reason }) => reason,
            other => panic!("expected an invalid crop, got {other:?}"),
        }
    }

    #[test]
    fn the_whole_short_side_is_a_valid_square() {
        let s = validate(rect(1000.0, 0.0, 4000.0, 4000.0), 6000, 4000).unwrap();
        assert_eq!(
            s,
            Square {
                x: 1000.0,
                y: 0.0,
                size: 4000.0
            }
        );
        let s = validate(rect(0.0, 0.0, 300.0, 300.0), 300, 300).unwrap();
        assert_eq!(
            s,
            Square {
                x: 0.0,
                y: 0.0,
                size: 300.0
            }
        );
    }

    #[test]
    fn squares_touching_each_edge_are_kept() {
        for (x, y) in [(0.0, 1000.0), (5000.0, 1000.0), (2500.0, 0.0), (2500.0, 3000.0)] {
            let s = validate(rect(x, y, 1000.0, 1000.0), 6000, 4000).unwrap();
            assert_eq!(s, Square { x, y, size: 1000.0 });
        }
    }

    #[test]
    fn rounding_overshoot_is_pulled_inside() {
        // Sticking out on the left and top by a fraction of a pixel.
        let s = validate(rect(-0.4, -0.9, 500.0, 500.0), 6000, 4000).unwrap();
        assert_eq!(
            s,
            Square {
                x: 0.0,
                y: 0.0,
                size: 500.0
            }
        );
        // Sticking out on the right and bottom.
        let s = validate(rect(5500.6, 3500.5, 500.0, 500.0), 6000, 4000).unwrap();
        assert_eq!(
            s,
            Square {
                x: 5500.0,
                y: 3500.0,
                size: 500.0
            }
        );
        // A little larger than the short side, and a little off square.
        let s = validate(rect(0.0, -0.25, 4000.75, 4000.25), 6000, 4000).unwrap();
        assert_eq!(
            s,
            Square {
                x: 0.125,
                y: 0.0,
                size: 4000.0
            }
        );
    }

    #[test]
    fn crops_that_are_not_squares_inside_the_photo_are_refused() {
        let cases = [
            (rect(0.0, 0.0, 0.0, 0.0), "is empty"),
            (rect(0.0, 0.0, -5.0, -5.0), "is empty"),
            (rect(0.0, 0.0, 300.0, 200.0), "isn't square"),
            (rect(0.0, 0.0, 402.0, 402.0), "is larger than the photo"),
            (rect(-2.0, 0.0, 100.0, 100.0), "lies outside the photo"),
            (rect(550.0, 0.0, 100.0, 100.0), "lies outside the photo"),
            (rect(0.0, 301.5, 100.0, 100.0), "lies outside the photo"),
            (rect(f64::NAN, 0.0, 100.0, 100.0), "has no size or position"),
            (
                rect(0.0, 0.0, f64::INFINITY, f64::INFINITY),
                "has no size or position",
            ),
        ];
        for (crop, reason) in cases {
            assert_eq!(code(validate(crop, 600, 400)), reason, "{crop:?}");
        }
    }

    #[test]
    fn a_crop_smaller_than_a_pixel_grows_to_one_around_its_centre() {
        let s = validate(rect(100.0, 100.0, 0.5, 0.5), 600, 400).unwrap();
        assert_eq!(
            s,
            Square {
                x: 99.75,
                y: 99.75,
                size: 1.0
            }
        );
        // In a corner it stays inside.
        let s = validate(rect(0.0, 0.0, 0.5, 0.5), 600, 400).unwrap();
        assert_eq!(
            s,
            Square {
                x: 0.0,
                y: 0.0,
                size: 1.0
            }
        );
    }

    /// Cropping the stored pixels at the mapped square and then turning them upright gives exactly the
    /// upright pixels under the UI's square, for every orientation and square position.
    #[test]
    fn mapped_crops_hold_the_same_pixels_for_every_orientation() {
        let (w, h) = (7usize, 5usize);
        let stored: Vec<u8> = (0..(w * h) as u8).collect();
        for orientation in Orientation::ALL {
            let (upright, uw, uh) =
                super::super::orient::apply(stored.clone(), w as u32, h as u32, 1, orientation);
            for size in 1..=uw.min(uh) {
                for uy in 0..=(uh - size) {
                    for ux in 0..=(uw - size) {
                        let up = Square {
                            x: f64::from(ux),
                            y: f64::from(uy),
                            size: f64::from(size),
                        };
                        let st = to_stored(up, orientation, w as u32, h as u32);
                        let (sx, sy, n) = (st.x as usize, st.y as usize, size as usize);
                        assert!(sx + n <= w && sy + n <= h, "{orientation:?} {up:?} → {st:?}");
                        let mut crop = Vec::new();
                        for row in sy..sy + n {
                            crop.extend_from_slice(&stored[row * w + sx..row * w + sx + n]);
                        }
                        let (turned, ..) = super::super::orient::apply(crop, size, size, 1, orientation);
                        let mut expected = Vec::new();
                        for row in uy as usize..(uy + size) as usize {
                            let start = row * uw as usize + ux as usize;
                            expected.extend_from_slice(&upright[start..start + n]);
                        }
                        assert_eq!(turned, expected, "{orientation:?} {up:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn shrink_keeps_at_least_the_target() {
        // The whole short side of a 24 MP photo for a 512 avatar: 4000 / 4 = 1000, 4000 / 8 = 500.
        assert_eq!(shrink_denominator(4000.0, 512), 4);
        assert_eq!(shrink_denominator(4096.0, 512), 8);
        assert_eq!(shrink_denominator(4095.0, 512), 4);
        assert_eq!(shrink_denominator(1024.0, 512), 2);
        assert_eq!(shrink_denominator(1023.0, 512), 1);
        // Zoomed in further than 512 source pixels: no shrinking; the resize enlarges.
        assert_eq!(shrink_denominator(300.0, 512), 1);
        assert_eq!(shrink_denominator(1.0, 512), 1);
        // The preview: 6000 / 2 = 3000 ≥ 1600, 6000 / 4 = 1500 < 1600.
        assert_eq!(shrink_denominator(6000.0, 1600), 2);
        assert_eq!(shrink_denominator(12800.0, 1600), 8);
        assert_eq!(shrink_denominator(1200.0, 1600), 1);
    }

    #[test]
    fn fit_keeps_the_shape_and_never_enlarges() {
        assert_eq!(fit(6000, 4000, 1600), (1600, 1067));
        assert_eq!(fit(4000, 6000, 1600), (1067, 1600));
        assert_eq!(fit(1600, 1600, 1600), (1600, 1600));
        assert_eq!(fit(800, 20, 1600), (800, 20));
        assert_eq!(fit(20000, 1, 1600), (1600, 1));
    }
}
