//! ETags and `If-Match`. A resource's ETag is its `version` column; writes compare-and-swap on it in
//! SQL (`UPDATE … WHERE id = $1 AND version = $2`) so of two writers holding the same ETag exactly one
//! succeeds and the other gets 412.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::{ApiError, ApiResult};

/// The `If-Match` of a write: missing → 428. `*` matches any current version.
#[derive(Debug, Clone, Copy)]
pub struct IfMatch(Option<i64>);

impl IfMatch {
    /// The version the write may replace, given the one just read: 412 when they differ.
    pub fn check(self, current: i64) -> ApiResult<i64> {
        match self.0 {
            None => Ok(current),
            Some(expected) if expected == current => Ok(current),
            Some(_) => Err(ApiError::PreconditionFailed),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let value = parts
            .headers
            .get(header::IF_MATCH)
            .ok_or(ApiError::PreconditionRequired)?;
        let value = value.to_str().map_err(|_| ApiError::PreconditionFailed)?.trim();
        if value == "*" {
            return Ok(IfMatch(None));
        }
        // A tag this server never issued (weak, malformed) cannot match the current one.
        let version = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .and_then(|v| v.parse::<i64>().ok())
            .ok_or(ApiError::PreconditionFailed)?;
        Ok(IfMatch(Some(version)))
    }
}

pub fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

/// A JSON response carrying the ETag of the resource it holds.
pub fn tagged<T: Serialize>(status: StatusCode, version: i64, body: &T) -> Response {
    let mut response = (status, axum::Json(body)).into_response();
    response.headers_mut().insert(header::ETAG, etag(version));
    response
}

/// A 201 with `Location` and `ETag`.
pub fn created<T: Serialize>(location: String, version: i64, body: &T) -> Response {
    let mut response = tagged(StatusCode::CREATED, version, body);
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}
