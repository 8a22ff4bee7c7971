//! The desktop app's core: sessions and the keychain, the invite outbox, the photo pipeline and the local
//! workspace. Nothing here depends on Tauri, so all of it builds and is tested without WebKit; the shell in
//! `src-tauri` only adapts these functions to commands.

pub mod app_info;
pub mod desktop;
pub mod error;
pub mod invite_import;
pub mod keychain;
pub mod outbox;
pub mod photo;
pub mod quitting;
pub mod secret;
pub mod sessions;
pub mod workspaces;
