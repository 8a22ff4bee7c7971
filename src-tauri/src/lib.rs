//! The thin Tauri shell: it builds the window, holds state, and adapts `switchboard-core` to commands.
//! Keep command bodies to a few lines; anything with logic belongs in the core.

pub mod bindings;
pub mod commands;
mod error;
mod pictures;

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
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(drop) = event {
                commands::photos::on_drag_drop(window, drop);
            }
        })
        .register_asynchronous_uri_scheme_protocol(pictures::SCHEME, pictures::handle)
        .invoke_handler(commands::handler())
        .build(context)
        .expect("error while building Switchboard");
    app.run(|app, event| {
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

#[cfg(test)]
mod hardening;
