//! Commands about the app itself.

use switchboard_core::app_info::AppInfo;

/// Version, commit and build profile, for the About panel.
#[tauri::command]
pub fn app_info() -> AppInfo {
    AppInfo::new(
        env!("CARGO_PKG_VERSION"),
        option_env!("SWITCHBOARD_COMMIT"),
        cfg!(debug_assertions),
    )
}
