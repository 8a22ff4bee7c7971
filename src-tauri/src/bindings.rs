//! TypeScript bindings for the IPC types, generated from the Rust types with ts-rs into one committed file,
//! `ui/src/platform/bindings.ts`. `make bindings` rewrites it; the test below fails when it is stale.

use ts_rs::TS;

/// Where the generated file lives, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/platform/bindings.ts";

/// The whole generated file.
pub fn render() -> String {
    let config = ts_rs::Config::default();
    let decls = [
        switchboard_core::app_info::AppInfo::decl(&config),
        crate::IpcError::decl(&config),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `make bindings` (src-tauri/src/bindings.rs). Do not edit.\n",
    );
    for decl in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}

/// The workspace root, from this crate's manifest directory.
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("src-tauri has a parent")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_bindings_are_current() {
        let path = workspace_root().join(BINDINGS_PATH);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == render(),
            "{} is stale: run `make bindings` and commit the result",
            path.display()
        );
    }
}
