//! The app's `#[tauri::command]`s, one file per area. Each body takes state, calls the core, maps the error.
//! (`generate_handler!` needs the commands' modules public: it refers to macro-generated items beside them.)

pub mod app;
