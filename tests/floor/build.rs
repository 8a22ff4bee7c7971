//! Tauri's build step (the context `generate_context!` embeds), as the app's build script runs it.

fn main() {
    tauri_build::build();
}
