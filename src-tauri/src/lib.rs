//! The thin Tauri shell: it builds the window, holds state, and adapts `switchboard-core` to commands.
//! Keep command bodies to a few lines; anything with logic belongs in the core.

pub mod bindings;
mod commands;
mod error;

pub use error::IpcError;

/// Release builds use the identifier in `tauri.conf.json`; debug and test builds use this one, so their
/// data, config and keychain entries never touch a real user's.
pub const DEV_IDENTIFIER: &str = "app.switchboard.desktop.dev";

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SWITCHBOARD_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();

    let mut context = tauri::generate_context!();
    if cfg!(debug_assertions) {
        context.config_mut().identifier = DEV_IDENTIFIER.to_owned();
    }

    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![commands::app::app_info])
        .run(context)
        .expect("error while running Switchboard");
}
