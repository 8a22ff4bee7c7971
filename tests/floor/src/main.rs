//! The floor of the footprint benchmark (`tests/benches/footprint.rs`): the same Tauri and WebKitGTK as the
//! app, one window of the app's size, an empty page, no commands, no state. What it costs in memory is
//! what any Tauri window costs before the app adds anything.

// Like the app: no console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("error while running the floor window");
}
