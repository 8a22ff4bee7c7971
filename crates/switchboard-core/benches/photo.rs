//! The photo pipeline against `vipsthumbnail` (libvips, the fastest common thumbnailer) doing the same
//! jobs on the same files: the crop dialog's preview and the final 512 avatar, from a photo-like 6000×4000
//! JPEG (stored upright, and stored turned with EXIF orientation 6) and a 4000×3000 PNG. A benchmark, not
//! a test: it prints figures and asserts nothing about speed (`scripts/bench-photo.sh` runs it).
//!
//! Every run is a fresh child process under GNU time, so each peak-memory figure (maximum resident set) is
//! that one job's, as it would be for a first photo in a fresh app; times are medians of `--runs` runs.
//! Our time is measured inside the child around the pipeline (what the app waits for) and also as the whole
//! process (what vipsthumbnail's figure is); the ratios compare whole processes.
//!
//!   photo [--runs N] [--dir DIR]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use switchboard_core::photo::{self, CropRect};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("--job") {
        return job(&args[1], Path::new(&args[2]));
    }
    let mut runs = 7;
    let mut dir = std::env::temp_dir().join("switchboard-photo-bench");
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--runs" => runs = rest.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--dir" => dir = PathBuf::from(rest.next().expect("--dir DIR")),
            other => panic!("unknown argument {other}"),
        }
    }
    std::fs::create_dir_all(&dir).unwrap();
    let inputs = generate(&dir);

    println!(
        "| job | input | ours, pipeline ms | ours, process ms | vipsthumbnail ms | time ratio | ours MB | vipsthumbnail MB | memory ratio |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let out = dir.join("out.jpg");
    for (name, path) in &inputs {
        for (job, vips_args) in [
            ("preview", vec!["-s", "1600"]),
            ("avatar", vec!["-s", "512x512", "--smartcrop", "centre"]),
            ("avatar-zoomed", vec![]),
        ] {
            let quality = if job == "preview" { 85 } else { 88 };
            let ours = median(runs, || {
                let exe = std::env::current_exe().unwrap();
                let (stdout, process_ms, mb) = timed(Command::new(exe).arg("--job").arg(job).arg(path));
                let pipeline_ms: f64 = stdout.trim().parse().expect("the job prints its milliseconds");
                [pipeline_ms, process_ms, mb]
            });
            let row = format!("| {job} | {name} | {:.0} | {:.0} ", ours[0], ours[1]);
            if vips_args.is_empty() {
                // vipsthumbnail has no "this square of the photo" job to compare with.
                println!("{row}| — | — | {:.1} | — | — |", ours[2]);
                continue;
            }
            let output = format!("{}[Q={quality},strip]", out.display());
            let vips = median(runs, || {
                let mut command = Command::new("vipsthumbnail");
                command.arg(path).args(&vips_args).arg("-o").arg(&output);
                let (_, process_ms, mb) = timed(&mut command);
                [0.0, process_ms, mb]
            });
            println!(
                "{row}| {:.0} | {:.2} | {:.1} | {:.1} | {:.2} |",
                vips[1],
                ours[1] / vips[1],
                ours[2],
                vips[2],
                ours[2] / vips[2]
            );
        }
    }
}

/// One job in this child process: open the photo and make the preview or avatar, printing the
/// milliseconds that took.
fn job(kind: &str, path: &Path) {
    let start = Instant::now();
    let source = photo::open(path).unwrap();
    let (w, h) = source.upright_size();
    let side = f64::from(w.min(h));
    let jpeg = match kind {
        "preview" => photo::preview(&source).unwrap().jpeg,
        // The centre square of the whole photo: the crop dialog's starting frame.
        "avatar" => {
            let crop = CropRect {
                x: (f64::from(w) - side) / 2.0,
                y: (f64::from(h) - side) / 2.0,
                width: side,
                height: side,
            };
            photo::avatar(&source, crop).unwrap()
        }
        // Zoomed in on a face: 800 source pixels, too few to decode the JPEG shrunk.
        "avatar-zoomed" => {
            let crop = CropRect {
                x: f64::from(w) / 3.0,
                y: f64::from(h) / 4.0,
                width: 800.0,
                height: 800.0,
            };
            photo::avatar(&source, crop).unwrap()
        }
        other => panic!("unknown job {other}"),
    };
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    assert!(jpeg.len() > 1000);
    println!("{ms:.2}");
}

/// Runs `command` under GNU time: its stdout, wall milliseconds and peak resident megabytes.
fn timed(command: &mut Command) -> (String, f64, f64) {
    let report = std::env::temp_dir().join(format!("switchboard-photo-bench-{}.time", std::process::id()));
    let mut timed = Command::new("/usr/bin/time");
    timed
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&report)
        .arg(command.get_program())
        .args(command.get_args());
    let start = Instant::now();
    let output = timed
        .output()
        .expect("run /usr/bin/time (Debian's `time` package)");
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let kb: f64 = std::fs::read_to_string(&report).unwrap().trim().parse().unwrap();
    (String::from_utf8(output.stdout).unwrap(), ms, kb / 1024.0)
}

/// The median of each of three figures over `runs` runs.
fn median(runs: usize, mut run: impl FnMut() -> [f64; 3]) -> [f64; 3] {
    let results: Vec<[f64; 3]> = (0..runs).map(|_| run()).collect();
    std::array::from_fn(|i| {
        let mut values: Vec<f64> = results.iter().map(|r| r[i]).collect();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    })
}

/// Writes the three inputs into `dir` (once) and returns their names and paths.
fn generate(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let jpeg = dir.join("photo-6000x4000.jpg");
    let turned = dir.join("photo-6000x4000-orientation-6.jpg");
    let png = dir.join("photo-4000x3000.png");
    if !jpeg.exists() || !turned.exists() {
        let pixels = photo_like(6000, 4000);
        let image = turbojpeg::Image {
            pixels: pixels.as_slice(),
            width: 6000,
            pitch: 6000 * 3,
            height: 4000,
            format: turbojpeg::PixelFormat::RGB,
        };
        let encoded = turbojpeg::compress(image, 92, turbojpeg::Subsamp::Sub2x2)
            .unwrap()
            .to_vec();
        std::fs::write(&jpeg, &encoded).unwrap();
        // The same pixels, marked as taken with the phone upright (EXIF orientation 6).
        let tiff = [
            b'I', b'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0,
        ];
        let mut with_exif = vec![0xFF, 0xD8, 0xFF, 0xE1];
        with_exif.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
        with_exif.extend_from_slice(b"Exif\0\0");
        with_exif.extend_from_slice(&tiff);
        with_exif.extend_from_slice(&encoded[2..]);
        std::fs::write(&turned, with_exif).unwrap();
    }
    if !png.exists() {
        use image::ImageEncoder;
        let pixels = photo_like(4000, 3000);
        let mut file = std::io::BufWriter::new(std::fs::File::create(&png).unwrap());
        image::codecs::png::PngEncoder::new(&mut file)
            .write_image(&pixels, 4000, 3000, image::ExtendedColorType::Rgb8)
            .unwrap();
    }
    for path in [&jpeg, &turned, &png] {
        let mb = std::fs::metadata(path).unwrap().len() as f64 / 1e6;
        eprintln!("input {} ({mb:.1} MB)", path.display());
    }
    vec![
        ("6000×4000 JPEG", jpeg),
        ("6000×4000 JPEG, orientation 6", turned),
        ("4000×3000 PNG", png),
    ]
}

/// RGB pixels that compress like a photo: soft gradients and shapes, and sensor-like noise on top, so
/// the entropy-coded data (what a decoder spends its time on) is about as large as a camera's.
fn photo_like(width: usize, height: usize) -> Vec<u8> {
    let mut state = 0x2545_F491u32;
    let mut pixels = Vec::with_capacity(width * height * 3);
    for y in 0..height {
        for x in 0..width {
            let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
            let wave = ((fx * 23.0).sin() * (fy * 17.0).cos() + (fx * fy * 40.0).sin()) * 40.0;
            let base = [
                90.0 + 120.0 * fy + wave,
                70.0 + 100.0 * fx - wave * 0.5,
                160.0 - 90.0 * fx * fy + wave * 0.3,
            ];
            for channel in base {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let noise = (state % 25) as f32 - 12.0;
                pixels.push((channel + noise).clamp(0.0, 255.0) as u8);
            }
        }
    }
    pixels
}
