//! Quitting while work is under way (see `quitting.rs`): the UI hears what is still going, and answers.

use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::quitting::{QuitAnswer, QuitListeners, QuitRequest};

/// Subscribes `on_event` to requests to quit that wait for work under way, and to how that work goes.
#[tauri::command]
pub fn watch_quit(listeners: State<'_, QuitListeners>, on_event: Channel<QuitRequest>) {
    listeners.add(on_event);
}

/// The user's answer to a request to quit: quit anyway now, or stay.
#[tauri::command]
pub fn answer_quit(app: AppHandle, request: u32, answer: QuitAnswer) {
    crate::quitting::answer(&app, request, answer);
}
