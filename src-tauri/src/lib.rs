//! The thin Tauri shell: it builds the window, holds state, and adapts `switchboard-core` to commands.
//! Keep command bodies to a few lines; anything with logic belongs in the core.

pub mod bindings;
pub mod commands;
mod error;
mod pictures;
mod quitting;
mod webview;

use commands::outbox::OutboxListeners;
use commands::photos::{DroppedFiles, FileDropListeners};
pub use error::IpcError;
use switchboard_core::desktop::{Desktop, DesktopConfig};
use switchboard_core::photo::OpenPhotos;
use tauri::Manager;

/// Stops the outbox's sender when the app exits (it is started once, at launch).
#[derive(Default)]
struct OutboxStop(std::sync::Mutex<Option<tokio::sync::watch::Sender<bool>>>);

/// Release builds use the identifier in `tauri.conf.json`; debug and test builds use this one, so their
/// data, config and keychain entries never touch a real user's.
pub const DEV_IDENTIFIER: &str = "app.switchboard.desktop.dev";

pub fn run() {
    // Any level is safe to ask for, TRACE for every crate included: secrets are wrapped so they print
    // `[redacted]`, the client marks `Authorization` sensitive, and Tauri's IPC tracing (which would
    // record command arguments such as the password) stays off — see `hardening.rs` and
    // switchboard-core's tests/secrets.rs.
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

    let app = tauri::Builder::default()
        // First, so a second launch hands over to the running app before anything else starts: it never
        // opens the local workspace's database or the outbox a second time. The name it claims on the
        // session bus is the identifier's, so a debug build never stands in for a release one.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            show_main_window(app)
        }))
        // Size, position and maximized state, in `window-state.json` beside `workspaces.json`. Not
        // VISIBLE: the window shows as configured, never hidden by a state saved while it was; not
        // DECORATIONS or FULLSCREEN, which the app never changes.
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_filename("window-state.json")
                .with_state_flags(
                    tauri_plugin_window_state::StateFlags::SIZE
                        | tauri_plugin_window_state::StateFlags::POSITION
                        | tauri_plugin_window_state::StateFlags::MAXIMIZED,
                )
                .build(),
        )
        .setup(|app| {
            let paths = app.path();
            let desktop = Desktop::new(DesktopConfig {
                config_dir: paths.app_config_dir()?,
                data_dir: paths.app_data_dir()?,
                keychain_service: app.config().identifier.clone(),
            });
            app.manage(desktop.clone());
            app.manage(OutboxListeners::default());
            app.manage(OutboxStop::default());
            app.manage(OpenPhotos::default());
            app.manage(DroppedFiles::default());
            app.manage(FileDropListeners::default());
            app.manage(quitting::QuitGate::default());
            app.manage(quitting::QuitListeners::default());
            webview::tune(app);
            let warming = desktop.clone();
            tauri::async_runtime::spawn(async move { warming.warm_up().await });
            let handle = app.handle().clone();
            // Queued invites go in the background from launch on, whichever page is open.
            tauri::async_runtime::spawn(async move {
                let (events, mut received) = tokio::sync::mpsc::unbounded_channel();
                match desktop.start_outbox(events).await {
                    Ok(stop) => {
                        *handle
                            .state::<OutboxStop>()
                            .0
                            .lock()
                            .unwrap_or_else(|p| p.into_inner()) = Some(stop);
                    }
                    Err(error) => {
                        tracing::error!(%error, "the outbox could not start; queued invites wait");
                        return;
                    }
                }
                while let Some(event) = received.recv().await {
                    handle.state::<OutboxListeners>().send(&event);
                }
            });
            Ok(())
        })
        .on_window_event(|window, event| match event {
            tauri::WindowEvent::DragDrop(drop) => commands::photos::on_drag_drop(window, drop),
            tauri::WindowEvent::CloseRequested { api, .. }
                if quitting::on_quit_requested(window.app_handle()) =>
            {
                api.prevent_close()
            }
            _ => {}
        })
        .register_asynchronous_uri_scheme_protocol(pictures::SCHEME, pictures::handle)
        .invoke_handler(commands::handler())
        .build(context)
        .expect("error while building Switchboard");
    app.run(|app, event| {
        // The platform's Quit (not the app's own `exit`, which carries a code): held like a close.
        if let tauri::RunEvent::ExitRequested { code: None, api, .. } = &event
            && app.get_webview_window("main").is_some()
            && quitting::on_quit_requested(app)
        {
            api.prevent_exit();
        }
        if let tauri::RunEvent::Exit = event {
            if let Some(stop) = app
                .state::<OutboxStop>()
                .0
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .take()
            {
                let _ = stop.send(true);
            }
            // Let the local workspace's server finish in-flight requests and close its database.
            tauri::async_runtime::block_on(app.state::<Desktop>().shutdown());
        }
    });
}

/// Brings the window forward: a second launch of the app means the user is looking for it.
fn show_main_window(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod hardening;
