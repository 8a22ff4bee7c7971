//! The native GTK file chooser, driven the way a user would with the keyboard (xdotool): under Xvfb there
//! is no window manager, so the chooser is found by its title and given the keyboard here.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::screenshot;

fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .expect("run xdotool (./scripts/setup.sh installs it)");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Waits for the chooser titled `title`, then picks `file` in it (ctrl+L, the path, Return) after a
/// screenshot named `shot`, or cancels it (Escape).
pub async fn answer_file_chooser(title: &str, file: Option<&Path>, shot: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    let window = loop {
        let found = xdotool(&["search", "--onlyvisible", "--name", &format!("^{title}$")]);
        if let Some(id) = found.lines().next() {
            break id.to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "the file chooser “{title}” did not open within 30 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    xdotool(&["windowfocus", "--sync", &window]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    match file {
        Some(file) => {
            screenshot(shot);
            xdotool(&["key", "ctrl+l"]);
            tokio::time::sleep(Duration::from_millis(200)).await;
            xdotool(&["type", "--delay", "5", &file.display().to_string()]);
            tokio::time::sleep(Duration::from_millis(200)).await;
            xdotool(&["key", "Return"]);
        }
        None => {
            xdotool(&["key", "Escape"]);
        }
    }
}
