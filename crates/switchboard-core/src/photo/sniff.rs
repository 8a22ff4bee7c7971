//! What a file is, from its first bytes: a photo's name says little (a `.jpg` exported as HEIC, a PNG
//! renamed by hand), and the decoders' own errors for a wrong format are no help to the admin.

use crate::error::{Error, Result};

/// The formats the pipeline decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
}

/// The format of `bytes`, or the error that names what the file is instead.
pub(crate) fn sniff(bytes: &[u8]) -> Result<Format> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Format::Jpeg);
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Ok(Format::Png);
    }
    if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Ok(Format::WebP);
    }
    let unsupported = |format: &str| {
        Err(Error::PhotoUnsupportedFormat {
            format: format.to_owned(),
        })
    };
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return unsupported("a GIF");
    }
    // ISO base media files (HEIF, AVIF) start with an `ftyp` box naming their brand.
    if bytes.get(4..8) == Some(b"ftyp") {
        return match bytes.get(8..12) {
            Some(b"avif" | b"avis") => unsupported("an AVIF image"),
            Some(
                b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"hevm" | b"hevs" | b"mif1"
                | b"msf1",
            ) => unsupported("a HEIC photo (what iPhones take by default)"),
            _ => Err(Error::PhotoNotAnImage),
        };
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return unsupported("a TIFF image or a camera RAW file");
    }
    if starts(b"BM") && bytes.len() > 14 {
        return unsupported("a BMP image");
    }
    if starts(b"8BPS") {
        return unsupported("a Photoshop document");
    }
    if starts(&[0, 0, 1, 0]) {
        return unsupported("a Windows icon");
    }
    if starts(&[0xFF, 0x0A]) || starts(b"\0\0\0\x0CJXL \r\n\x87\n") {
        return unsupported("a JPEG XL image");
    }
    if is_svg(bytes) {
        return unsupported("an SVG drawing");
    }
    Err(Error::PhotoNotAnImage)
}

/// SVG is text: look for its root element near the start, past any XML prolog and comments.
fn is_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('<') && text.contains("<svg")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn what(bytes: &[u8]) -> String {
        match sniff(bytes) {
            Ok(format) => format!("{format:?}"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn formats_are_told_by_their_bytes() {
        assert_eq!(what(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), "Jpeg");
        assert_eq!(what(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "Png");
        assert_eq!(what(b"RIFF\x24\0\0\0WEBPVP8 "), "WebP");
        assert_eq!(
            what(b"GIF89a\x01\0\x01\0"),
            "This file is a GIF; choose a JPEG, PNG or WebP photo."
        );
        assert!(what(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic").starts_with("This file is a HEIC photo"));
        assert!(what(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1").starts_with("This file is an AVIF image"));
        assert!(what(b"II*\0\x08\0\0\0").contains("TIFF"));
        assert!(
            what(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>").contains("SVG")
        );
    }

    #[test]
    fn other_files_are_not_images() {
        let not_an_image = "This isn't an image. Choose a JPEG, PNG or WebP photo.";
        assert_eq!(what(b""), not_an_image);
        assert_eq!(what(b"Name,Email\nAda,ada@example.com\n"), not_an_image);
        assert_eq!(what(b"%PDF-1.7\n"), not_an_image);
        assert_eq!(what(b"RIFF\x24\0\0\0WAVEfmt "), not_an_image);
        assert_eq!(what(b"\0\0\0\x18ftypmp42\0\0\0\0"), not_an_image);
        assert_eq!(what(&[0xFF, 0xD8]), not_an_image);
    }
}
