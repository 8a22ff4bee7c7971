//! The photo pipeline end to end, on generated photos (each EXIF orientation, metadata to strip, files
//! over the limits) and on the real orientation photos in `../shared/testdata` when that folder is there.

use std::path::{Path, PathBuf};

use switchboard_core::error::Error;
use switchboard_core::photo::{self, CropRect, Format, Orientation, Source};

// ---- Generated photos -------------------------------------------------------------------------------

const RED: [u8; 3] = [220, 30, 30];
const GREEN: [u8; 3] = [30, 200, 60];
const BLUE: [u8; 3] = [30, 60, 220];
const WHITE: [u8; 3] = [250, 250, 250];

/// The upright picture every generated photo shows: 192×128, a different colour in each quadrant, red
/// top left, so a turn or a mirror the pipeline gets wrong moves a colour.
const UPRIGHT: (usize, usize) = (192, 128);

fn upright_colour(x: usize, y: usize) -> [u8; 3] {
    let (w, h) = UPRIGHT;
    match (x < w / 2, y < h / 2) {
        (true, true) => RED,
        (false, true) => GREEN,
        (true, false) => BLUE,
        (false, false) => WHITE,
    }
}

/// Where the stored rows and columns are seen, as the EXIF standard defines each orientation: "the 0th
/// row is the visual …, the 0th column is the visual …". Written out here from the definitions rather
/// than taken from the code under test.
fn exif_definition(orientation: u8) -> (&'static str, &'static str) {
    match orientation {
        1 => ("top", "left"),
        2 => ("top", "right"),
        3 => ("bottom", "right"),
        4 => ("bottom", "left"),
        5 => ("left", "top"),
        6 => ("right", "top"),
        7 => ("right", "bottom"),
        8 => ("left", "bottom"),
        _ => unreachable!(),
    }
}

/// The stored RGB pixels (and their width and height) of a photo that shows [`UPRIGHT`] when turned by
/// `orientation`.
fn stored_pixels(orientation: u8) -> (Vec<u8>, usize, usize) {
    let (uw, uh) = UPRIGHT;
    let (row0, col0) = exif_definition(orientation);
    let rows_are_rows = matches!(row0, "top" | "bottom");
    let (w, h) = if rows_are_rows { (uw, uh) } else { (uh, uw) };
    let mut pixels = Vec::with_capacity(w * h * 3);
    for sy in 0..h {
        for sx in 0..w {
            let (ux, uy) = if rows_are_rows {
                let uy = if row0 == "top" { sy } else { uh - 1 - sy };
                let ux = if col0 == "left" { sx } else { uw - 1 - sx };
                (ux, uy)
            } else {
                let ux = if row0 == "left" { sy } else { uw - 1 - sy };
                let uy = if col0 == "top" { sx } else { uh - 1 - sx };
                (ux, uy)
            };
            pixels.extend_from_slice(&upright_colour(ux, uy));
        }
    }
    (pixels, w, h)
}

fn encode_jpeg(pixels: &[u8], width: usize, height: usize, quality: i32) -> Vec<u8> {
    let image = turbojpeg::Image {
        pixels,
        width,
        pitch: width * 3,
        height,
        format: turbojpeg::PixelFormat::RGB,
    };
    turbojpeg::compress(image, quality, turbojpeg::Subsamp::Sub2x2)
        .unwrap()
        .to_vec()
}

/// A little-endian TIFF structure as EXIF carries it: IFD0 with the orientation, and with `gps` a GPS
/// IFD (latitude reference, latitude, map datum) behind a GPSInfo pointer.
fn exif_tiff(orientation: u8, gps: bool) -> Vec<u8> {
    let mut t = b"II*\0".to_vec();
    t.extend_from_slice(&8u32.to_le_bytes());
    let entries: u16 = if gps { 2 } else { 1 };
    t.extend_from_slice(&entries.to_le_bytes());
    // Orientation: SHORT, 1 value, inline.
    t.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0]);
    let gps_ifd = 8 + 2 + 12 * u32::from(entries) + 4;
    if gps {
        // GPSInfo: LONG, the offset of the GPS IFD.
        t.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0]);
        t.extend_from_slice(&gps_ifd.to_le_bytes());
    }
    t.extend_from_slice(&0u32.to_le_bytes()); // no IFD1
    if gps {
        let values = gps_ifd + 2 + 12 * 3 + 4;
        t.extend_from_slice(&3u16.to_le_bytes());
        // GPSLatitudeRef "N": ASCII, 2 bytes, inline.
        t.extend_from_slice(&[0x01, 0, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
        // GPSLatitude: 3 RATIONALs at `values`.
        t.extend_from_slice(&[0x02, 0, 5, 0, 3, 0, 0, 0]);
        t.extend_from_slice(&values.to_le_bytes());
        // GPSMapDatum "WGS-84": ASCII, 7 bytes, after the rationals.
        t.extend_from_slice(&[0x12, 0, 2, 0, 7, 0, 0, 0]);
        t.extend_from_slice(&(values + 24).to_le_bytes());
        t.extend_from_slice(&0u32.to_le_bytes());
        for (n, d) in [(41u32, 1u32), (17, 1), (2_345, 100)] {
            t.extend_from_slice(&n.to_le_bytes());
            t.extend_from_slice(&d.to_le_bytes());
        }
        t.extend_from_slice(b"WGS-84\0");
    }
    t
}

/// `jpeg` with an APP1 EXIF segment holding `tiff` right after its start-of-image marker.
fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(tiff);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// `jpeg` with a segment `marker` holding `payload` right after its start-of-image marker.
fn with_segment(jpeg: &[u8], marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&((2 + payload.len()) as u16).to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A JPEG that shows [`UPRIGHT`], stored turned as `orientation` says, with its EXIF segment.
fn oriented_jpeg(orientation: u8) -> Vec<u8> {
    let (pixels, w, h) = stored_pixels(orientation);
    with_exif(&encode_jpeg(&pixels, w, h, 95), &exif_tiff(orientation, false))
}

struct Decoded {
    pixels: Vec<u8>,
    width: usize,
    height: usize,
}

impl Decoded {
    fn of(jpeg: &[u8]) -> Decoded {
        let image = turbojpeg::decompress(jpeg, turbojpeg::PixelFormat::RGB).expect("the output is a JPEG");
        Decoded {
            pixels: image.pixels,
            width: image.width,
            height: image.height,
        }
    }

    fn at(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * self.width + x) * 3;
        [self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]]
    }

    /// The four colours of [`UPRIGHT`] at the columns `xs` (left, right) and rows `ys` (top, bottom).
    fn assert_quadrants(&self, xs: (usize, usize), ys: (usize, usize), what: &str) {
        self.assert_colour(xs.0, ys.0, RED, what);
        self.assert_colour(xs.1, ys.0, GREEN, what);
        self.assert_colour(xs.0, ys.1, BLUE, what);
        self.assert_colour(xs.1, ys.1, WHITE, what);
    }

    fn assert_colour(&self, x: usize, y: usize, expected: [u8; 3], what: &str) {
        let got = self.at(x, y);
        let close = got.iter().zip(expected).all(|(&g, e)| g.abs_diff(e) <= 40);
        assert!(
            close,
            "{what}: pixel ({x}, {y}) is {got:?}, expected about {expected:?}"
        );
    }
}

/// The markers of a JPEG's segments up to its image data.
fn segment_markers(jpeg: &[u8]) -> Vec<u8> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
    let mut markers = Vec::new();
    let mut at = 2;
    while at + 4 <= jpeg.len() {
        assert_eq!(jpeg[at], 0xFF, "a marker at {at}");
        let marker = jpeg[at + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        at += 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
    }
    markers
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn crop(x: f64, y: f64, size: f64) -> CropRect {
    CropRect {
        x,
        y,
        width: size,
        height: size,
    }
}

fn refusal<T: std::fmt::Debug>(result: Result<T, Error>) -> (&'static str, String) {
    let error = result.expect_err("the photo must be refused");
    (error.code().as_str(), error.to_string())
}

// ---- Orientation ------------------------------------------------------------------------------------

#[test]
fn every_exif_orientation_comes_out_upright_in_preview_and_avatar() {
    for orientation in 1..=8u8 {
        let what = format!("orientation {orientation}");
        let source = photo::open_bytes(oriented_jpeg(orientation)).unwrap();
        assert_eq!(
            source.orientation(),
            Orientation::from_exif(orientation).unwrap(),
            "{what}"
        );
        assert_eq!(source.upright_size(), (192, 128), "{what}");

        let preview = photo::preview(&source).unwrap();
        assert_eq!(
            (
                preview.width,
                preview.height,
                preview.source_width,
                preview.source_height
            ),
            (192, 128, 192, 128)
        );
        let p = Decoded::of(&preview.jpeg);
        assert_eq!((p.width, p.height), (192, 128), "{what}");
        p.assert_quadrants((48, 144), (32, 96), &what);

        // The left square, touching the top, left and bottom edges: upright (u/4, v/4).
        let a = Decoded::of(&photo::avatar(&source, crop(0.0, 0.0, 128.0)).unwrap());
        assert_eq!((a.width, a.height), (512, 512), "{what}");
        a.assert_quadrants((100, 450), (100, 450), &what);

        // The right square, touching the top, right and bottom edges: upright (64 + u/4, v/4).
        let a = Decoded::of(&photo::avatar(&source, crop(64.0, 0.0, 128.0)).unwrap());
        a.assert_quadrants((60, 450), (60, 450), &what);

        // Zoomed in as far as it goes, in the middle of the red quadrant: all red, still 512.
        let a = Decoded::of(&photo::avatar(&source, crop(47.5, 31.5, 1.0)).unwrap());
        assert_eq!((a.width, a.height), (512, 512), "{what}");
        for (x, y) in [(0, 0), (511, 0), (0, 511), (511, 511), (256, 256)] {
            a.assert_colour(x, y, RED, &what);
        }
    }
}

#[test]
fn png_and_webp_exif_orientation_is_applied() {
    use image::ImageEncoder;
    let (pixels, w, h) = stored_pixels(6);
    for format in [Format::Png, Format::WebP] {
        let mut file = Vec::new();
        let (w32, h32) = (w as u32, h as u32);
        match format {
            Format::Png => {
                let mut encoder = image::codecs::png::PngEncoder::new(&mut file);
                encoder.set_exif_metadata(exif_tiff(6, false)).unwrap();
                encoder
                    .write_image(&pixels, w32, h32, image::ExtendedColorType::Rgb8)
                    .unwrap();
            }
            _ => {
                let mut encoder = image::codecs::webp::WebPEncoder::new_lossless(&mut file);
                encoder.set_exif_metadata(exif_tiff(6, false)).unwrap();
                encoder
                    .write_image(&pixels, w32, h32, image::ExtendedColorType::Rgb8)
                    .unwrap();
            }
        }
        let source = photo::open_bytes(file).unwrap();
        assert_eq!(source.format(), format);
        assert_eq!(source.orientation(), Orientation::Rotate90, "{format:?}");
        let p = Decoded::of(&photo::preview(&source).unwrap().jpeg);
        assert_eq!((p.width, p.height), (192, 128), "{format:?}");
        p.assert_quadrants((48, 144), (32, 96), "preview");
        let a = Decoded::of(&photo::avatar(&source, crop(0.0, 0.0, 128.0)).unwrap());
        a.assert_quadrants((100, 450), (100, 450), "avatar");
    }
}

/// The shared orientation photos: the same landscape (and portrait) stored with each EXIF orientation
/// 0–8 must all come out as the one stored upright (orientation 1).
#[test]
fn real_photos_in_every_orientation_come_out_like_the_upright_one() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata/exif-orientation");
    if !dir.is_dir() {
        eprintln!(
            "SKIPPED real_photos_in_every_orientation: {} is absent",
            dir.display()
        );
        return;
    }
    eprintln!("reading the orientation photos in {}", dir.display());
    for (name, upright) in [("Landscape", (1800, 1200)), ("Portrait", (1200, 1800))] {
        let path = |n: u8| -> PathBuf { dir.join(format!("{name}_{n}.jpg")) };
        let reference_source = photo::open(&path(1)).unwrap();
        let reference = Decoded::of(&photo::preview(&reference_source).unwrap().jpeg);
        let square = f64::from(upright.0.min(upright.1)) / 2.0;
        let reference_avatar =
            Decoded::of(&photo::avatar(&reference_source, crop(0.0, 0.0, square)).unwrap());
        // The comparison tells a mirrored picture from the right one by a wide margin.
        assert!(mean_difference(&reference, &mirrored(&reference)) > 3.0 * SAME);

        for n in 0..=8u8 {
            let what = format!("{name}_{n}.jpg");
            let source = photo::open(&path(n)).unwrap();
            assert_eq!(source.upright_size(), upright, "{what}");
            let preview = Decoded::of(&photo::preview(&source).unwrap().jpeg);
            assert_eq!(
                (preview.width, preview.height),
                (reference.width, reference.height),
                "{what}"
            );
            let d = mean_difference(&preview, &reference);
            assert!(
                d < SAME,
                "{what}: the preview differs from the upright photo by {d:.1} on average"
            );
            // The top-left quarter, mapped to wherever it is stored.
            let avatar = Decoded::of(&photo::avatar(&source, crop(0.0, 0.0, square)).unwrap());
            let d = mean_difference(&avatar, &reference_avatar);
            assert!(
                d < SAME,
                "{what}: the avatar differs from the upright one by {d:.1} on average"
            );
        }
    }
}

/// The mean difference per channel below which two decodes show the same picture (they differ by JPEG
/// re-encoding only).
const SAME: f64 = 6.0;

fn mean_difference(a: &Decoded, b: &Decoded) -> f64 {
    assert_eq!(a.pixels.len(), b.pixels.len());
    let total: u64 = a
        .pixels
        .iter()
        .zip(&b.pixels)
        .map(|(&x, &y)| u64::from(x.abs_diff(y)))
        .sum();
    total as f64 / a.pixels.len() as f64
}

fn mirrored(image: &Decoded) -> Decoded {
    let mut pixels = Vec::with_capacity(image.pixels.len());
    for row in image.pixels.chunks_exact(image.width * 3) {
        for pixel in row.chunks_exact(3).rev() {
            pixels.extend_from_slice(pixel);
        }
    }
    Decoded {
        pixels,
        width: image.width,
        height: image.height,
    }
}

// ---- Metadata ---------------------------------------------------------------------------------------

#[test]
fn the_avatar_and_preview_carry_no_metadata() {
    let (pixels, w, h) = stored_pixels(6);
    let jpeg = encode_jpeg(&pixels, w, h, 95);
    let jpeg = with_segment(&jpeg, 0xFE, b"taken by Ada's phone, serial 12345");
    let jpeg = with_segment(&jpeg, 0xE2, b"ICC_PROFILE\0\x01\x01not really a profile");
    let jpeg = with_exif(&jpeg, &exif_tiff(6, true));
    assert!(contains(&jpeg, b"WGS-84") && contains(&jpeg, b"Exif\0\0"));
    assert_eq!(
        segment_markers(&jpeg)[..3],
        [0xE1, 0xE2, 0xFE],
        "the input carries EXIF, ICC and a comment"
    );

    let source = photo::open_bytes(jpeg).unwrap();
    assert_eq!(source.orientation(), Orientation::Rotate90);
    let avatar = photo::avatar(&source, crop(0.0, 0.0, 128.0)).unwrap();
    let preview = photo::preview(&source).unwrap().jpeg;
    for (what, out) in [("avatar", &avatar), ("preview", &preview)] {
        let markers = segment_markers(out);
        // JFIF (APP0), quantisation and Huffman tables, frame, scan: no APP1 (EXIF, XMP), APP2 (ICC),
        // or comment.
        assert!(
            markers
                .iter()
                .all(|m| matches!(m, 0xE0 | 0xDB | 0xC4 | 0xC0 | 0xDA)),
            "{what} has segments {markers:02X?}"
        );
        assert!(
            !contains(out, b"Exif") && !contains(out, b"WGS-84") && !contains(out, b"serial"),
            "{what}"
        );
        assert!(!contains(out, b"ICC_PROFILE"), "{what}");
    }
    // And it is upright, the orientation having been applied rather than dropped.
    Decoded::of(&avatar).assert_quadrants((100, 450), (100, 450), "avatar");
}

// ---- Limits and broken files ------------------------------------------------------------------------

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A PNG of a few dozen bytes whose header claims `width` × `height` RGB pixels.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png_chunk(&mut png, b"IHDR", &ihdr);
    // The start of a zlib stream: a decoder that went ahead would have work to do.
    png_chunk(&mut png, b"IDAT", &[0x78, 0x9C, 0x63, 0x00, 0x00]);
    png_chunk(&mut png, b"IEND", &[]);
    png
}

fn too_many_pixels(result: Result<Source, Error>) -> (u32, u32) {
    match result {
        Err(error @ Error::PhotoTooManyPixels { width, height, .. }) => {
            assert_eq!(error.code().as_str(), "photo_too_many_pixels");
            (width, height)
        }
        other => panic!("expected the dimension error, got {other:?}"),
    }
}

#[test]
fn a_tiny_file_claiming_huge_dimensions_is_refused_by_its_header() {
    let png = png_claiming(60_000, 60_000);
    assert!(png.len() < 100);
    assert_eq!(too_many_pixels(photo::open_bytes(png.clone())), (60_000, 60_000));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.png");
    std::fs::write(&path, &png).unwrap();
    assert_eq!(too_many_pixels(photo::open(&path)), (60_000, 60_000));
    // Within the side limit but over the pixel limit.
    assert_eq!(
        too_many_pixels(photo::open_bytes(png_claiming(19_000, 19_000))),
        (19_000, 19_000)
    );
    let (_, message) = refusal(photo::open_bytes(png_claiming(60_000, 60_000)));
    assert!(
        message.starts_with("The photo is 60000×60000 pixels, more than Switchboard opens"),
        "{message}"
    );

    // A JPEG whose frame header claims 30000×30000.
    let mut jpeg = encode_jpeg(&[128; 16 * 16 * 3], 16, 16, 90);
    let sof = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    jpeg[sof + 5..sof + 9].copy_from_slice(&[0x75, 0x30, 0x75, 0x30]);
    assert_eq!(too_many_pixels(photo::open_bytes(jpeg)), (30_000, 30_000));
}

#[test]
fn a_file_over_30_mb_is_refused_by_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jpg");
    // A valid JPEG start, then a hole: read, it would be a damaged JPEG rather than a large file.
    std::fs::write(&path, [0xFF, 0xD8, 0xFF, 0xE0]).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(photo::MAX_FILE_BYTES + 1)
        .unwrap();
    let (code, message) = refusal(photo::open(&path));
    assert_eq!(code, "photo_file_too_large");
    assert!(
        message.starts_with("The photo file is larger than 30 MB."),
        "{message}"
    );
    // Exactly at the limit it is read (and then found damaged).
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(photo::MAX_FILE_BYTES)
        .unwrap();
    assert_eq!(code_of(photo::open(&path)), "photo_damaged");
}

fn code_of<T: std::fmt::Debug>(result: Result<T, Error>) -> &'static str {
    refusal(result).0
}

#[test]
fn truncated_and_corrupt_files_are_called_damaged() {
    // Noise, so the scan is long and a cut lands inside it.
    let mut state = 12345u32;
    let noise: Vec<u8> = (0..256 * 256 * 3)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 24) as u8
        })
        .collect();
    let jpeg = encode_jpeg(&noise, 256, 256, 90);
    photo::preview(&photo::open_bytes(jpeg.clone()).unwrap()).expect("the whole file decodes");

    let cut = jpeg[..jpeg.len() / 2].to_vec();
    let (code, message) = refusal(photo::open_bytes(cut).and_then(|s| photo::preview(&s)));
    assert_eq!(code, "photo_damaged");
    assert!(
        message.starts_with("The photo file is damaged or incomplete."),
        "{message}"
    );
    let cut = jpeg[..jpeg.len() / 2].to_vec();
    let source = photo::open_bytes(cut).unwrap();
    assert_eq!(
        code_of(photo::avatar(&source, crop(0.0, 0.0, 256.0))),
        "photo_damaged"
    );
    // Cut inside the headers.
    assert_eq!(code_of(photo::open_bytes(jpeg[..60].to_vec())), "photo_damaged");

    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &noise,
        256,
        256,
        image::ExtendedColorType::Rgb8,
    )
    .unwrap();
    let cut = png[..png.len() / 2].to_vec();
    assert_eq!(
        code_of(photo::open_bytes(cut).and_then(|s| photo::preview(&s))),
        "photo_damaged"
    );
    assert_eq!(code_of(photo::open_bytes(png[..20].to_vec())), "photo_damaged");
}

#[test]
fn files_that_are_not_photos_say_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("holiday.jpg");
    std::fs::write(&text, "Name,Email\nAda Lovelace,ada@example.com\n").unwrap();
    let (code, message) = refusal(photo::open(&text));
    assert_eq!(code, "photo_not_an_image");
    assert_eq!(message, "This isn't an image. Choose a JPEG, PNG or WebP photo.");

    let gif = dir.path().join("party.jpg");
    std::fs::write(&gif, b"GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;").unwrap();
    let (code, message) = refusal(photo::open(&gif));
    assert_eq!(code, "photo_unsupported_format");
    assert_eq!(message, "This file is a GIF; choose a JPEG, PNG or WebP photo.");

    let (code, _) = refusal(photo::open(&dir.path().join("missing.jpg")));
    assert_eq!(code, "photo_unreadable");
}

// ---- Crops ------------------------------------------------------------------------------------------

#[test]
fn avatars_are_512_square_for_any_valid_crop_and_bad_crops_are_refused() {
    let source = photo::open_bytes(oriented_jpeg(1)).unwrap();
    for c in [
        crop(0.0, 0.0, 128.0),
        crop(64.0, 0.0, 128.0),
        crop(190.9, 126.9, 1.0),
        crop(-0.3, -0.3, 128.6),
        crop(10.0, 10.0, 0.25),
    ] {
        let a = Decoded::of(&photo::avatar(&source, c).unwrap());
        assert_eq!((a.width, a.height), (512, 512), "{c:?}");
    }
    let refused = |c: CropRect| refusal(photo::avatar(&source, c));
    let non_square = CropRect {
        x: 0.0,
        y: 0.0,
        width: 128.0,
        height: 100.0,
    };
    assert_eq!(
        refused(non_square),
        (
            "photo_invalid_crop",
            "The crop frame isn't square. Frame the photo again and save.".into()
        )
    );
    assert_eq!(refused(crop(0.0, 0.0, 0.0)).0, "photo_invalid_crop");
    assert_eq!(refused(crop(100.0, 0.0, 128.0)).0, "photo_invalid_crop");
    assert_eq!(refused(crop(0.0, 0.0, 200.0)).0, "photo_invalid_crop");
}

#[test]
fn transparent_pngs_are_shown_on_white() {
    use image::ImageEncoder;
    // Left half transparent, right half opaque blue.
    let mut rgba = Vec::new();
    for _y in 0..64 {
        for x in 0..64 {
            rgba.extend_from_slice(if x < 32 {
                &[0, 0, 0, 0]
            } else {
                &[30, 60, 220, 255]
            });
        }
    }
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&rgba, 64, 64, image::ExtendedColorType::Rgba8)
        .unwrap();
    let source = photo::open_bytes(png).unwrap();
    let a = Decoded::of(&photo::avatar(&source, crop(0.0, 0.0, 64.0)).unwrap());
    a.assert_colour(60, 256, [255, 255, 255], "the transparent half");
    a.assert_colour(450, 256, BLUE, "the opaque half");
}
