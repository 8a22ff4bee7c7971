//! Request extractors whose rejections are problem+json (`ApiError`) rather than axum's plain text.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use switchboard_api::ErrorCode;

/// A JSON body. Syntax errors → 400 `malformed_json`; wrong shape → 422 `validation_failed`; wrong
/// media type → 415; over the 64 KiB limit → 413.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        // PostgreSQL cannot store U+0000 in text; refuse it here, for every field, rather than fail later.
        let (parts, body) = req.into_parts();
        let bytes = axum::body::to_bytes(body, crate::JSON_BODY_LIMIT + 1)
            .await
            .map_err(|_| ApiError::PayloadTooLarge("JSON bodies are limited to 64 KiB".into()))?;
        if bytes.len() > crate::JSON_BODY_LIMIT {
            return Err(ApiError::PayloadTooLarge(
                "JSON bodies are limited to 64 KiB".into(),
            ));
        }
        if bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000")) {
            return Err(ApiError::field("body", "text may not contain U+0000"));
        }
        let req = Request::from_parts(parts, axum::body::Body::from(bytes));
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(JsonRejection::JsonDataError(e)) => Err(ApiError::field("body", e.body_text())),
            Err(JsonRejection::JsonSyntaxError(e)) => {
                Err(ApiError::bad_request(ErrorCode::MalformedJson, e.body_text()))
            }
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::UnsupportedMediaType(
                "expected Content-Type: application/json".into(),
            )),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(ApiError::PayloadTooLarge(
                "JSON bodies are limited to 64 KiB".into(),
            )),
            Err(e) => Err(ApiError::bad_request(ErrorCode::InvalidBody, e.body_text())),
        }
    }
}

/// A query string. Anything that does not parse → 400 `invalid_query`.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        if parts.uri.query().is_some_and(|q| q.contains("%00")) {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidQuery,
                "the query may not contain U+0000",
            ));
        }
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(ApiQuery(value)),
            Err(QueryRejection::FailedToDeserializeQueryString(e)) => {
                Err(ApiError::bad_request(ErrorCode::InvalidQuery, e.body_text()))
            }
            Err(e) => Err(ApiError::bad_request(ErrorCode::InvalidQuery, e.body_text())),
        }
    }
}

/// Path parameters. An id that is not a UUID names no resource → 404.
#[derive(Debug)]
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            Err(PathRejection::FailedToDeserializePathParams(_)) => Err(ApiError::NotFound),
            Err(e) => Err(ApiError::Internal(format!("path: {e}"))),
        }
    }
}
