//! `ApiError`: every way a call through the client can fail, typed so callers branch on facts (status,
//! the server's problem `code`, per-field errors, "signed out", "retry later") and never on message text.
//!
//! No variant holds the bearer token: it only ever travels in a request header, and error bodies are
//! kept only for error responses (never for a success body that failed to parse, which may hold tokens).

use std::collections::BTreeMap;
use std::error::Error as _;
use std::fmt::Write as _;
use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::problem::Problem;

/// Error bodies that are not problem details are kept up to this many characters, for diagnosis.
const EXCERPT_CHARS: usize = 200;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// 401: the token is missing, expired or revoked. Sign in again (or refresh).
    #[error("signed out: {}", problem.as_ref().and_then(|p| p.detail.as_deref()).unwrap_or("authentication required"))]
    SignedOut { problem: Option<Box<Problem>> },

    /// The server refused the request with problem details (RFC 9457).
    #[error("{} ({}): {}", problem.code, status.as_u16(), problem.detail.as_deref().unwrap_or(&problem.title))]
    Problem {
        status: StatusCode,
        problem: Box<Problem>,
        /// From `Retry-After` (429, 503), relative to when the response arrived.
        retry_after: Option<Duration>,
    },

    /// An error status without problem details, e.g. from a proxy or load balancer in between.
    #[error("the server answered {status}{}", if excerpt.is_empty() { String::new() } else { format!(": {excerpt}") })]
    Status {
        status: StatusCode,
        /// The start of the body, for diagnosis.
        excerpt: String,
        retry_after: Option<Duration>,
    },

    /// A success response whose body is not what the API promises.
    #[error("unexpected response body ({status}) at `{path}`: {source}")]
    Decode {
        status: StatusCode,
        /// Where in the JSON it went wrong, e.g. `data[3].email` (`.` for the document itself).
        path: String,
        #[source]
        source: serde_json::Error,
    },

    /// A success response without a header the API promises (e.g. `ETag` on a read).
    #[error("the response ({status}) has no {header} header")]
    MissingHeader {
        status: StatusCode,
        header: &'static str,
    },

    /// The server could not be reached: DNS, refused connection, TLS handshake.
    #[error("cannot reach the server: {message}")]
    Connect {
        message: String,
        #[source]
        source: reqwest::Error,
    },

    /// The connect or total timeout elapsed.
    #[error("the server did not answer in time: {message}")]
    Timeout {
        message: String,
        #[source]
        source: reqwest::Error,
    },

    /// The connection failed mid-exchange: reset, closed early, truncated or undecodable (gzip) body.
    #[error("the connection to the server failed: {message}")]
    Connection {
        message: String,
        #[source]
        source: reqwest::Error,
    },

    /// The request could not be built (e.g. a header value that is not valid HTTP).
    #[error("invalid request: {0}")]
    InvalidRequest(String),

    /// The client's own configuration is wrong (e.g. a base URL that is not an http(s) URL).
    #[error("invalid client configuration: {0}")]
    InvalidConfiguration(String),
}

impl ApiError {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ApiError::SignedOut { .. } => Some(StatusCode::UNAUTHORIZED),
            ApiError::Problem { status, .. }
            | ApiError::Status { status, .. }
            | ApiError::Decode { status, .. }
            | ApiError::MissingHeader { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The server's problem details, when it sent them.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ApiError::Problem { problem, .. } => Some(problem),
            ApiError::SignedOut { problem } => problem.as_deref(),
            _ => None,
        }
    }

    /// The server's stable machine code (e.g. `precondition_failed`, `validation_failed`).
    pub fn code(&self) -> Option<&str> {
        self.problem().map(|p| p.code.as_str())
    }

    /// The server's human-readable detail.
    pub fn detail(&self) -> Option<&str> {
        self.problem().and_then(|p| p.detail.as_deref())
    }

    /// Per-field validation messages keyed by JSON field name; empty unless the server sent them.
    pub fn field_errors(&self) -> &BTreeMap<String, Vec<String>> {
        static NONE: BTreeMap<String, Vec<String>> = BTreeMap::new();
        self.problem().map_or(&NONE, |p| &p.errors)
    }

    /// Where a success body failed to parse, e.g. `data[3].email`.
    pub fn json_path(&self) -> Option<&str> {
        match self {
            ApiError::Decode { path, .. } => Some(path),
            _ => None,
        }
    }

    /// True for 401: the UI handles this in one place (ask to sign in again).
    pub fn is_signed_out(&self) -> bool {
        matches!(self, ApiError::SignedOut { .. })
    }

    /// How long the server asked us to wait (`Retry-After` of a 429 or 503).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ApiError::Problem { retry_after, .. } | ApiError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// True when sending the same request again later may succeed: network failures, 408, 429, 5xx,
    /// and 409 `idempotency_key_in_flight` (the first request with this key is still running).
    /// Everything else needs a change (of the request, the credentials or the data) first. Resend a
    /// creating request only with the same `Idempotency-Key`.
    pub fn is_retryable(&self) -> bool {
        match self {
            ApiError::Connect { .. } | ApiError::Timeout { .. } | ApiError::Connection { .. } => true,
            ApiError::Problem { status, problem, .. } => {
                retryable_status(*status)
                    || (*status == StatusCode::CONFLICT && problem.code == "idempotency_key_in_flight")
            }
            ApiError::Status { status, .. } => retryable_status(*status),
            _ => false,
        }
    }

    /// True for the network failures (no complete answer from the server).
    pub fn is_network(&self) -> bool {
        matches!(
            self,
            ApiError::Connect { .. } | ApiError::Timeout { .. } | ApiError::Connection { .. }
        )
    }

    /// Classifies a reqwest failure: timeout, connect, or a connection that broke mid-exchange.
    pub(crate) fn transport(source: reqwest::Error) -> ApiError {
        let message = chain(&source);
        if source.is_timeout() {
            ApiError::Timeout { message, source }
        } else if source.is_connect() {
            ApiError::Connect { message, source }
        } else if source.is_builder() {
            ApiError::InvalidRequest(message)
        } else {
            ApiError::Connection { message, source }
        }
    }

    /// An error answer: 401 → `SignedOut`; problem details → `Problem`; anything else → `Status`.
    pub(crate) fn from_answer(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ApiError {
        let problem = serde_json::from_slice::<Problem>(body).ok().map(Box::new);
        if status == StatusCode::UNAUTHORIZED {
            return ApiError::SignedOut { problem };
        }
        let retry_after = retry_after(headers, SystemTime::now());
        match problem {
            Some(problem) => ApiError::Problem {
                status,
                problem,
                retry_after,
            },
            None => ApiError::Status {
                status,
                excerpt: excerpt(body),
                retry_after,
            },
        }
    }
}

fn retryable_status(status: StatusCode) -> bool {
    status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
        || status.is_server_error()
}

/// `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3), relative to `now`. A date in the
/// past means "now" (zero).
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A printable start of an error body.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text
        .chars()
        .take(EXCERPT_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().count() > EXCERPT_CHARS {
        out.push('…');
    }
    out.trim().to_owned()
}

/// The error and its causes on one line: reqwest's own message ("error sending request") hides the
/// useful part ("connection reset by peer") in its sources.
fn chain(error: &reqwest::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            let _ = write!(message, ": {text}");
        }
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(retry_after).unwrap());
        headers
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Fri, 27 Nov 2026 20:00:00 GMT").unwrap();
        assert_eq!(retry_after(&headers("120"), now), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after(&headers("Fri, 27 Nov 2026 20:01:30 GMT"), now),
            Some(Duration::from_secs(90))
        );
        assert_eq!(
            retry_after(&headers("Fri, 27 Nov 2026 19:00:00 GMT"), now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn an_error_answer_keeps_the_problem_and_401_is_signed_out() {
        let body = br#"{"title":"Unprocessable Entity","status":422,"code":"validation_failed",
                        "detail":"validation failed","errors":{"email":["is not an email address"]}}"#;
        let error = ApiError::from_answer(StatusCode::UNPROCESSABLE_ENTITY, &HeaderMap::new(), body);
        assert_eq!(error.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
        assert_eq!(error.code(), Some("validation_failed"));
        assert_eq!(error.field_errors()["email"], ["is not an email address"]);
        assert!(!error.is_retryable());

        let in_flight = br#"{"title":"Conflict","status":409,"code":"idempotency_key_in_flight"}"#;
        assert!(ApiError::from_answer(StatusCode::CONFLICT, &HeaderMap::new(), in_flight).is_retryable());
        let pending = br#"{"title":"Conflict","status":409,"code":"invitation_pending"}"#;
        assert!(!ApiError::from_answer(StatusCode::CONFLICT, &HeaderMap::new(), pending).is_retryable());

        let error = ApiError::from_answer(StatusCode::UNAUTHORIZED, &HeaderMap::new(), b"");
        assert!(error.is_signed_out());
        assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
        assert!(error.field_errors().is_empty());
    }

    #[test]
    fn an_error_without_problem_details_keeps_a_clean_excerpt() {
        let body = format!("<html>\n<h1>Bad gateway</h1>{}</html>", "x".repeat(500));
        let error = ApiError::from_answer(StatusCode::BAD_GATEWAY, &headers("5"), body.as_bytes());
        let ApiError::Status { excerpt, .. } = &error else {
            panic!("{error:?}")
        };
        assert!(excerpt.starts_with("<html> <h1>Bad gateway</h1>"), "{excerpt}");
        assert!(excerpt.chars().count() <= EXCERPT_CHARS + 1);
        assert!(error.is_retryable());
        assert_eq!(error.retry_after(), Some(Duration::from_secs(5)));
        assert_eq!(error.code(), None);
    }
}
