//! ETags and `If-Match`. A resource's ETag is its `version` column; writes compare-and-swap on it in
//! SQL (`UPDATE … WHERE id = $1 AND version = $2`) so of two writers holding the same ETag exactly one
//! succeeds and the other gets 412.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::{ApiError, ApiResult};

/// The `If-Match` of a write. It is only judged in [`IfMatch::check`], after the body has been parsed,
/// so a malformed body is reported as such (400/415/422) rather than as a precondition failure.
#[derive(Debug, Clone)]
pub struct IfMatch(Option<String>);

impl IfMatch {
    /// The version the write may replace, given the one just read: missing → 428, a tag other than
    /// the current one → 412. `*` matches any current version.
    pub fn check(&self, current: i64) -> ApiResult<i64> {
        let value = self.0.as_deref().ok_or(ApiError::PreconditionRequired)?.trim();
        if value == "*" {
            return Ok(current);
        }
        // A list of tags matches when any does; a weak or foreign tag never does.
        let matches = value.split(',').map(str::trim).any(|tag| {
            tag.strip_prefix('"')
                .and_then(|t| t.strip_suffix('"'))
                .and_then(|t| t.parse::<i64>().ok())
                == Some(current)
        });
        if matches {
            Ok(current)
        } else {
            Err(ApiError::PreconditionFailed)
        }
    }
}

impl IfMatch {
    /// The precondition of a SCIM write: optional (identity providers seldom send one), and given as
    /// `meta.version`, a weak tag (`W/"3"`), which names the same version as our strong `"3"`.
    pub fn scim(header: Option<&str>) -> IfMatch {
        let Some(header) = header else {
            return IfMatch(Some("*".to_owned()));
        };
        let tags: Vec<&str> = header
            .split(',')
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .collect();
        IfMatch(Some(tags.join(", ")))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        // A header that is not even text cannot match any tag.
        let value = parts
            .headers
            .get(header::IF_MATCH)
            .map(|v| v.to_str().unwrap_or("invalid").to_owned());
        Ok(IfMatch(value))
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
