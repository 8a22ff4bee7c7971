//! The app's `#[tauri::command]`s, one file per area. Each body takes state, calls the core, maps the error.

mod app;

pub use app::app_info;
