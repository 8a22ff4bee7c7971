//! Conversions between the wire enums and their text in the database (their serde names), and the
//! JSON-text list columns.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, ApiResult};

/// The serde name of a unit enum variant, e.g. `Role::Admin` → `admin`.
pub fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// Parses a stored enum name; a stored value the code does not know is an internal error.
pub fn parse<T: DeserializeOwned>(name: &str) -> ApiResult<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .map_err(|_| ApiError::Internal(format!("unknown stored value {name:?}")))
}

pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_owned())
}

pub fn from_json<T: DeserializeOwned>(text: &str) -> ApiResult<T> {
    serde_json::from_str(text).map_err(ApiError::from)
}
