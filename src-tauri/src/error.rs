//! How errors cross IPC: always `{code, message}`, with the core's stable codes.

use serde::Serialize;
use ts_rs::TS;

/// The error every command returns to the UI. The UI branches on `code`, never on `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl From<switchboard_core::error::Error> for IpcError {
    fn from(error: switchboard_core::error::Error) -> Self {
        Self {
            code: error.code().to_owned(),
            message: error.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_cross_as_code_and_message() {
        let error = switchboard_core::error::Error::Internal {
            message: "Try again.".into(),
        };
        let json = serde_json::to_value(IpcError::from(error)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "internal", "message": "Try again."})
        );
    }
}
