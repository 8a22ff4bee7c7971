//! WebKitGTK's settings for the app's window. Tauri (through wry) leaves WebKit at a web browser's
//! defaults, which spend memory on browsing: decoded resources kept after no page shows them, whole pages
//! kept for Back and Forward. The app's page never navigates and loads everything from the app itself
//! (`tauri://` and `picture://`), so that memory buys nothing here.

use tauri::{Manager, Runtime};

/// Applies the settings to every webview window the app has. Called from `setup`, which Tauri runs once
/// it has built the configured windows; WebKit hands a changed cache model on to its web and network
/// processes as they run, so the page already loading gets it too.
pub fn tune<R: Runtime, M: Manager<R>>(manager: &M) {
    for window in manager.webview_windows().values() {
        let tuned = window.with_webview(|webview| {
            #[cfg(target_os = "linux")]
            {
                use webkit2gtk::{CacheModel, SettingsExt, WebContextExt, WebViewExt};
                let view = webview.inner();
                if let Some(context) = view.context() {
                    // WebKit's model for local documents: a small memory cache, no disk cache.
                    context.set_cache_model(CacheModel::DocumentViewer);
                }
                if let Some(settings) = WebViewExt::settings(&view) {
                    // One page, never left: nothing to keep for Back and Forward.
                    settings.set_enable_page_cache(false);
                }
            }
            // WebView2 and WKWebView size their caches for the app themselves.
            #[cfg(not(target_os = "linux"))]
            let _ = webview;
        });
        if let Err(error) = tuned {
            tracing::warn!(%error, "could not tune the webview; it keeps WebKit's defaults");
        }
    }
}
