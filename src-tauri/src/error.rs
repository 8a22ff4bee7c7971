//! How errors cross IPC: always `{code, message}`, with the core's stable codes, plus `fields` when the
//! server named the fields that failed validation.

use std::collections::BTreeMap;

use serde::Serialize;
use switchboard_core::error::ErrorCode;
use ts_rs::TS;

/// The error every command returns to the UI. The UI branches on `code`, never on `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    /// Per-field problems keyed by the request's field name (e.g. `email`), so a form can mark the field.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub fields: Option<BTreeMap<String, Vec<String>>>,
}

impl From<switchboard_core::error::Error> for IpcError {
    fn from(error: switchboard_core::error::Error) -> Self {
        Self {
            code: error.code(),
            fields: error.fields().cloned(),
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

    #[test]
    fn field_errors_cross_beside_the_message() {
        let error = switchboard_core::error::Error::Server {
            code: ErrorCode::ValidationFailed,
            status: 422,
            message: "validation failed".into(),
            fields: [("email".to_owned(), vec!["is not an email address".to_owned()])].into(),
        };
        let json = serde_json::to_value(IpcError::from(error)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "validation_failed",
                "message": "validation failed",
                "fields": {"email": ["is not an email address"]},
            })
        );
    }
}
