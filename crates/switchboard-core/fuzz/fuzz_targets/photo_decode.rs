//! Any bytes through the photo pipeline's entry points, as a dropped file reaches them: sniffing, the
//! header and limit checks, the preview's shrunk decode and the avatar's crop. Every input must end in a
//! photo or an error — never a panic, a hang, or an allocation the limits should have refused.
#![no_main]

use libfuzzer_sys::fuzz_target;
use switchboard_core::photo::{self, CropRect};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = photo::open_bytes(data.to_vec()) else {
        return;
    };
    if photo::preview(&source).is_err() {
        return;
    }
    // The whole short side, then a corner zoomed in as far as the UI goes.
    let (w, h) = source.upright_size();
    let side = f64::from(w.min(h));
    for crop in [
        CropRect { x: (f64::from(w) - side) / 2.0, y: 0.0, width: side, height: side },
        CropRect { x: 0.0, y: f64::from(h) - 1.0, width: 1.0, height: 1.0 },
    ] {
        let _ = photo::avatar(&source, crop);
    }
});
