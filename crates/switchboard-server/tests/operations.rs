//! Running the real binary as an operator does: the probes a load balancer asks, the metrics Prometheus
//! scrapes, JSON logs, and a SIGTERM in the middle of an upload, which finishes while new connections
//! are refused.

#[macro_use]
mod common;

use std::time::{Duration, Instant};

use common::{Backend, Seed, Server, png};
use serde_json::Value;

on_every_backend!(probes_and_metrics, sigterm_drains_in_flight_requests);

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
