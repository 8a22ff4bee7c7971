//! Faults the real server cannot be made to produce, from a mock server (wiremock) or a raw socket:
//! garbage and wrongly shaped bodies, resets, refused connections, slowness, 429/503 with `Retry-After`,
//! and what travels in the request headers. Everything else is tested against the real server
//! (`tests/server.rs`).

use std::time::{Duration, SystemTime};

use futures::TryStreamExt;
use serde_json::{Value, json};
use switchboard_api::client::{ApiError, Client, USER_AGENT};
use switchboard_api::members::ListMembers;
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder(server.uri())
        .build()
        .unwrap()
        .with_token("sbp_mock-token")
}

fn member(n: usize) -> Value {
    json!({
        "id": format!("00000000-0000-7000-8000-{n:012}"),
        "email": format!("person{n}@example.com"),
        "name": format!("Person {n}"),
        "role": "member",
        "permissions": ["make_outbound_calls"],
        "grants": [],
        "status": "active",
        "avatar_url": null,
        "numbers": [],
        "groups": [],
        "recording": {"inbound": {"enabled": false, "enforced": false},
                      "outbound": {"enabled": false, "enforced": false}},
        "created_at": "2026-11-27T10:00:00Z",
        "updated_at": "2026-11-27T10:00:00Z",
    })
}

#[tokio::test]
async fn a_garbage_body_is_a_decode_error_with_its_status() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/members"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>surprise</html>"))
        .mount(&server)
        .await;
    let error = client(&server)
        .members()
        .list(&ListMembers::default())
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Decode { .. }), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(error.json_path(), Some("."));
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_names_the_json_path() {
    let server = MockServer::start().await;
    let mut data: Vec<Value> = (0..5).map(member).collect();
    data[3]["email"] = json!(42);
    Mock::given(method("GET"))
        .and(path("/v1/members"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": data, "next_cursor": null})))
        .mount(&server)
        .await;
    let error = client(&server)
        .members()
        .list(&ListMembers::default())
        .await
        .unwrap_err();
    assert_eq!(error.json_path(), Some("data[3].email"), "{error}");
    assert!(error.to_string().contains("data[3].email"), "{error}");
}

#[tokio::test]
async fn a_read_without_an_etag_is_reported_not_guessed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(member(1)))
        .mount(&server)
        .await;
    let error = client(&server).me().get().await.unwrap_err();
    assert!(
        matches!(error, ApiError::MissingHeader { header: "ETag", .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_stream_fails_on_the_page_that_fails() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/members"))
        .and(query_param("cursor", "page2"))
        .respond_with(ResponseTemplate::new(500).set_body_string("boom"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/members"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [member(1), member(2)], "next_cursor": "page2"})),
        )
        .mount(&server)
        .await;
    let mut stream = std::pin::pin!(client(&server).members().stream(ListMembers::default()));
    assert_eq!(stream.try_next().await.unwrap().unwrap().name, "Person 1");
    assert_eq!(stream.try_next().await.unwrap().unwrap().name, "Person 2");
    let error = stream.try_next().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert!(error.is_retryable());
}

#[tokio::test]
async fn rate_limited_exposes_retry_after_in_seconds() {
    let server = MockServer::start().await;
    let problem = json!({"type": "about:blank", "title": "Too Many Requests", "status": 429,
                         "code": "rate_limited", "detail": "rate limit exceeded"});
    Mock::given(method("GET"))
        .and(path("/v1/me"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "7")
                .insert_header("Content-Type", "application/problem+json")
                .set_body_json(problem),
        )
        .mount(&server)
        .await;
    let error = client(&server).me().get().await.unwrap_err();
    assert_eq!(error.code(), Some("rate_limited"));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(7)));
    assert!(error.is_retryable());
}

#[tokio::test]
async fn unavailable_exposes_retry_after_as_an_http_date() {
    let server = MockServer::start().await;
    let at = httpdate_in(Duration::from_secs(120));
    Mock::given(method("GET"))
        .and(path("/v1/configuration"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("Retry-After", at.as_str())
                .set_body_string("Service Unavailable"),
        )
        .mount(&server)
        .await;
    let error = client(&server).configuration().get().await.unwrap_err();
    assert!(
        matches!(&error, ApiError::Status { excerpt, .. } if excerpt == "Service Unavailable"),
        "{error:?}"
    );
    let wait = error.retry_after().expect("Retry-After");
    assert!(
        wait > Duration::from_secs(100) && wait <= Duration::from_secs(120),
        "{wait:?}"
    );
    assert!(error.is_retryable());
}

/// An HTTP date `after` from now.
fn httpdate_in(after: Duration) -> String {
    // IMF-fixdate by hand, to keep the test free of a date library.
    let secs = (SystemTime::now() + after)
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][m as usize - 1];
    format!(
        "{weekday}, {d:02} {month} {y} {:02}:{:02}:{:02} GMT",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to (year, month, day) (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[tokio::test]
async fn a_slow_answer_hits_the_total_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/me"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(member(1))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let client = Client::builder(server.uri())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let error = client.me().get().await.unwrap_err();
    assert!(matches!(error, ApiError::Timeout { .. }), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(error.is_retryable() && error.is_network());
    assert_eq!(error.status(), None);
}

#[tokio::test]
async fn a_connection_reset_is_a_retryable_connection_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            // Read the request, then close with RST (linger 0) instead of answering.
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            let _ = socket.set_zero_linger();
            drop(socket);
        }
    });
    let client = Client::builder(format!("http://{addr}")).build().unwrap();
    let error = client.me().get().await.unwrap_err();
    assert!(matches!(error, ApiError::Connection { .. }), "{error:?}");
    assert!(error.is_retryable() && error.is_network());
}

#[tokio::test]
async fn a_refused_connection_is_a_retryable_connect_error() {
    let addr = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap();
    // The listener is dropped: nothing listens there now.
    let client = Client::builder(format!("http://{addr}"))
        .build()
        .unwrap()
        .with_token("sbp_secret-value");
    let error = client.me().get().await.unwrap_err();
    assert!(matches!(error, ApiError::Connect { .. }), "{error:?}");
    assert!(error.is_retryable());
    let printed = format!("{error} {error:?}");
    assert!(
        !printed.contains("secret-value"),
        "the token leaked into the error: {printed}"
    );
}

#[tokio::test]
async fn requests_carry_the_user_agent_token_and_accept_gzip() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/me"))
        .and(header("user-agent", USER_AGENT))
        .and(header("authorization", "Bearer sbp_mock-token"))
        .and(header("accept-encoding", "gzip"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("ETag", "\"3\"")
                .set_body_json(member(1)),
        )
        .expect(1)
        .mount(&server)
        .await;
    let me = client(&server).me().get().await.unwrap();
    assert_eq!(me.etag.as_str(), "\"3\"");
    assert!(USER_AGENT.starts_with("switchboard/"));
}
