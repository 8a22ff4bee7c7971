// Generated from the Rust types by `make bindings` (src-tauri/src/bindings.rs). Do not edit.

export type AppInfo = { 
/**
 * The app's semantic version, e.g. `0.1.0`.
 */
version: string, 
/**
 * The git commit the app was built from (short hash), or `unknown` outside a git checkout.
 */
commit: string, 
/**
 * `debug` or `release`.
 */
profile: string, };

export type IpcError = { code: string, message: string, };
