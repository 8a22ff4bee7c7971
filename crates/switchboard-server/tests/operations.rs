//! Running the real binary as an operator does: the probes a load balancer asks, the metrics Prometheus
//! scrapes, JSON logs, and a SIGTERM in the middle of an upload, which finishes while new connections
//! are refused.

#[macro_use]
mod common;

use std::time::{Duration, Instant};

use common::{Backend, Seed, Server, png};
use serde_json::Value;

on_every_backend!(
    probes_and_metrics,
    sigterm_drains_in_flight_requests,
    a_failing_database_leaks_nothing
);

/// A body over the limit is answered 413 before it is read, so the connection can't carry another
/// request: the answer says `Connection: close`, and the server closes it.
#[tokio::test]
async fn a_413_closes_the_connection() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let server = Server::start(&Backend::Sqlite, Seed::default()).await;
    let mut stream = tokio::net::TcpStream::connect(server.base.trim_start_matches("http://"))
        .await
        .unwrap();
    let head = "POST /v1/auth/sessions HTTP/1.1\r\nHost: switchboard\r\n\
                Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n";
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&[b' '; 70_000]).await.unwrap();
    let mut answer = Vec::new();
    // Read to the end: the server closing the connection is what ends this read.
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .expect("the server keeps the connection open after its 413")
        .ok();
    let answer = String::from_utf8_lossy(&answer).to_lowercase();
    assert!(answer.starts_with("http/1.1 413"), "{answer}");
    let head = answer.split("\r\n\r\n").next().unwrap();
    assert!(head.lines().any(|l| l == "connection: close"), "{head}");
}

async fn probes_and_metrics(backend: Backend) {
    let server = Server::start(&backend, Seed::default()).await;
    let anonymous = server.anonymous();
    let health = anonymous.get("/healthz").await;
    assert_eq!(health.status, 200, "{health:?}");
    let ready = anonymous.get("/readyz").await;
    assert_eq!(
        (ready.status, &ready.body["status"]),
        (200, &Value::from("ready"))
    );

    let owner = server.owner().await;
    let me = owner.get("/v1/me").await;
    let id = me.body["id"].as_str().unwrap().to_owned();
    for _ in 0..3 {
        assert_eq!(owner.get(&format!("/v1/members/{id}")).await.status, 200);
    }
    assert_eq!(anonymous.get("/no/such/route").await.status, 404);

    let scraped = anonymous.get("/metrics").await;
    assert_eq!(scraped.status, 200);
    assert!(scraped.content_type().starts_with("text/plain"), "{scraped:?}");
    let text = &scraped.text;
    for line in [
        r#"switchboard_http_requests_total{method="GET",route="/v1/members/{id}",status="200"} 3"#,
        r#"switchboard_http_requests_total{method="POST",route="/v1/auth/sessions",status="201"} 1"#,
        r#"switchboard_http_requests_total{method="GET",route="unmatched",status="404"} 1"#,
        r#"switchboard_http_request_duration_seconds_count{method="GET",route="/v1/members/{id}",status="200"} 3"#,
    ] {
        assert!(text.lines().any(|l| l == line), "no `{line}` in:\n{text}");
    }
    assert!(
        !text.contains(&id),
        "a raw path made a series of its own:\n{text}"
    );
    assert!(!text.contains("/no/such/route"), "{text}");
    for gauge in [
        "switchboard_db_pool_connections ",
        "switchboard_db_pool_idle_connections ",
        "switchboard_password_hashes_running 0",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(gauge)),
            "no {gauge} in:\n{text}"
        );
    }

    // A database without this build's newest migration (an older schema, a rollback) is not ready.
    let db = server.database().await;
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)")
        .execute(db.pool())
        .await
        .unwrap();
    db.close().await;
    let ready = anonymous.get("/readyz").await;
    assert_eq!(ready.status, 503, "{ready:?}");
    assert_eq!(ready.code(), "unavailable");
    assert_eq!(anonymous.get("/healthz").await.status, 200, "still alive");
}

async fn sigterm_drains_in_flight_requests(backend: Backend) {
    let mut server = Server::start_with(
        &backend,
        Seed::default(),
        &["--metrics", "false", "--log-format", "json"],
    )
    .await;
    let owner = server.owner().await;
    let metrics = server.anonymous().get("/metrics").await;
    assert_eq!(metrics.status, 404, "--metrics false: {metrics:?}");
    let me = owner.get("/v1/me").await;
    let path = format!(
        "{}/v1/members/{}/avatar",
        server.base,
        me.body["id"].as_str().unwrap()
    );
    // An avatar whose body arrives in pieces: the request is in flight until the last one is sent.
    let bytes = png(600, 600);
    let (sender, chunks) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(1);
    let body = reqwest::Body::wrap_stream(futures::stream::unfold(chunks, |mut chunks| async {
        chunks.recv().await.map(|chunk| (chunk, chunks))
    }));
    let upload = tokio::spawn(
        reqwest::Client::new()
            .put(&path)
            .bearer_auth(owner.token.clone().unwrap())
            .header("content-type", "image/png")
            .header("content-length", bytes.len())
            .header("if-match", me.etag())
            .body(body)
            .send(),
    );
    let mut pieces = bytes.chunks(bytes.len() / 4 + 1);
    sender.send(Ok(pieces.next().unwrap().to_vec())).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;

    server.send_sigterm();
    // The listener closes: new connections are refused while the upload is still in flight.
    let addr = server.base.trim_start_matches("http://").to_owned();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match tokio::net::TcpStream::connect(&addr).await {
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => break,
            other => assert!(
                Instant::now() < deadline,
                "a new connection 10 s after SIGTERM: {other:?}"
            ),
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!upload.is_finished(), "the upload ended before its body was sent");
    assert!(
        server.wait_exit(Duration::from_millis(200)).is_none(),
        "exited mid-request"
    );

    for piece in pieces {
        sender.send(Ok(piece.to_vec())).await.unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(sender);
    let response = upload.await.unwrap().expect("the in-flight upload is answered");
    assert_eq!(response.status().as_u16(), 200, "{response:?}");
    let stored: Value = response.json().await.unwrap();
    assert!(stored["avatar_url"].is_string(), "{stored}");

    let status = server
        .wait_exit(Duration::from_secs(15))
        .expect("still running 15 s after SIGTERM and its last request");
    assert!(status.success(), "exit after SIGTERM: {status}");
    // Every log line is a JSON object (--log-format json); stdout's `listening on` line is not a log.
    let log = server.log_text();
    let lines: Vec<&str> = log.lines().filter(|l| !l.starts_with("listening on")).collect();
    assert!(!lines.is_empty());
    for line in lines {
        let entry: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(entry["level"].is_string(), "{line}");
    }
}

/// A 500 is problem details with the stable code only: nothing of the SQL, the driver or the database.
fn assert_bare_500(reply: &common::Reply, what: &str) {
    assert_eq!(reply.status, 500, "{what}: {reply:?}");
    assert_eq!(reply.code(), "internal_error", "{what}");
    assert!(reply.body.get("detail").is_none(), "{what}: {reply:?}");
    let text = reply.text.to_lowercase();
    for word in [
        "sql",
        "table",
        "database",
        "relation",
        "pool",
        "postgres",
        "sb_test",
        "audit_events",
    ] {
        assert!(!text.contains(word), "{what}: `{word}` leaked: {reply:?}");
    }
}

async fn a_failing_database_leaks_nothing(backend: Backend) {
    let server = Server::start(&backend, Seed::default()).await;
    let owner = server.owner().await;
    assert_eq!(owner.get("/v1/audit-events").await.status, 200);

    // A table gone under the running server: the query fails with the driver's text.
    let db = server.database().await;
    sqlx::query("DROP TABLE audit_events")
        .execute(db.pool())
        .await
        .unwrap();
    db.close().await;
    assert_bare_500(&owner.get("/v1/audit-events").await, "a dropped table");

    // The whole database gone (PostgreSQL: dropped with its connections).
    if let Backend::Postgres = backend {
        let name = server.database_url().rsplit('/').next().unwrap().to_owned();
        let admin = std::env::var("SWITCHBOARD_TEST_POSTGRES_URL").unwrap();
        let admin = switchboard_server::db::Db::connect(&admin).await.unwrap();
        sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
            .execute(admin.pool())
            .await
            .unwrap();
        admin.close().await;
        assert_bare_500(&owner.get("/v1/me").await, "a dropped database");
    }
}
