//! Harness for the end-to-end tests: starts tauri-driver against the built app and hands out WebDriver
//! sessions. The tests themselves live in `tests/tests/`.
