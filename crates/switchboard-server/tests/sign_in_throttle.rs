//! Guessing passwords: failed sign-ins are throttled per account and per source address (over real HTTP
//! to the real binary, so the server sees real peer addresses), a throttled attempt costs no hash, and
//! no more Argon2 hashes run at once than the server's bound (in-process, where the count can be read).

#[macro_use]
mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Api, Backend, OWNER_EMAIL, OWNER_PASSWORD, Reply, Seed, Server, unique};
use serde_json::json;
use switchboard_server::throttle::ThrottleSettings;
use switchboard_server::{Settings, app};
use switchboard_server_testing::{TestTeam, backends};
use tower::ServiceExt;

on_every_backend!(
    wrong_passwords_wait_longer_and_longer,
    an_address_is_throttled_across_accounts
);

async fn sign_in(api: &Api, email: &str, password: &str) -> Reply {
    api.post(
        "/v1/auth/sessions",
        &json!({"email": email, "password": password}),
    )
    .await
}

fn retry_after(reply: &Reply) -> u64 {
    assert_eq!(reply.status, 429, "{reply:?}");
    assert_eq!(reply.code(), "rate_limited");
    assert!(
        reply.body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("try again in")),
        "the detail says when: {reply:?}"
    );
    reply.header("retry-after").expect("Retry-After").parse().unwrap()
}

async fn throttle_events(owner: &Api, member_id: &str) -> usize {
    let events = owner
        .get(&format!("/v1/audit-events?target={member_id}&limit=200"))
        .await;
    assert_eq!(events.status, 200, "{events:?}");
    events.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "member.sign_in_throttled")
        .count()
}

async fn wrong_passwords_wait_longer_and_longer(backend: Backend) {
    let server = Server::start_with(
        &backend,
        Seed::default(),
        &[
            "--sign-in-free-failures",
            "3",
            "--sign-in-base-delay-secs",
            "1",
            "--sign-in-max-delay-secs",
            "60",
        ],
    )
    .await;
    let owner = server.owner().await;
    let owner_id = owner.get("/v1/me").await.body["id"].as_str().unwrap().to_owned();
    let other = server.new_member(&owner, "member").await;
    let anonymous = server.anonymous();

    for _ in 0..3 {
        assert_eq!(sign_in(&anonymous, OWNER_EMAIL, "guess").await.status, 401);
    }
    // Each wait is longer than the one before, and the right password waits too.
    let mut waits = Vec::new();
    for _ in 0..3 {
        let wait = retry_after(&sign_in(&anonymous, OWNER_EMAIL, "guess").await);
        let right = sign_in(&anonymous, OWNER_EMAIL, OWNER_PASSWORD).await;
        assert_eq!(
            right.status, 429,
            "the right password is throttled too: {right:?}"
        );
        waits.push(wait);
        tokio::time::sleep(Duration::from_secs(wait)).await;
        assert_eq!(sign_in(&anonymous, OWNER_EMAIL, "guess").await.status, 401);
    }
    assert_eq!(waits, [1, 2, 4], "exponential waits");
    let wait = retry_after(&sign_in(&anonymous, OWNER_EMAIL, "guess").await);
    assert_eq!(wait, 8);

    // Another account, and an email without one, are unaffected.
    assert_eq!(
        sign_in(&anonymous, &other.email, &other.password).await.status,
        201
    );
    assert_eq!(
        sign_in(&anonymous, "nobody@switchboard.test", "guess")
            .await
            .status,
        401
    );
    assert_eq!(
        throttle_events(&owner, &owner_id).await,
        1,
        "one audit event per engagement, however long it lasts"
    );

    // After the wait, the right password works and clears the count: three free failures again.
    tokio::time::sleep(Duration::from_secs(wait)).await;
    assert_eq!(sign_in(&anonymous, OWNER_EMAIL, OWNER_PASSWORD).await.status, 201);
    for _ in 0..3 {
        assert_eq!(sign_in(&anonymous, OWNER_EMAIL, "guess").await.status, 401);
    }
    assert_eq!(retry_after(&sign_in(&anonymous, OWNER_EMAIL, "guess").await), 1);
    assert_eq!(throttle_events(&owner, &owner_id).await, 2, "a new engagement");
}

async fn an_address_is_throttled_across_accounts(backend: Backend) {
    let server = Server::start_with(
        &backend,
        Seed::default(),
        &[
            "--sign-in-free-failures-per-address",
            "4",
            "--sign-in-base-delay-secs",
            "60",
        ],
    )
    .await;
    let here = server.anonymous();
    for _ in 0..4 {
        let email = format!("{}@switchboard.test", unique("guess"));
        assert_eq!(sign_in(&here, &email, "guess").await.status, 401);
    }
    let email = format!("{}@switchboard.test", unique("guess"));
    assert_eq!(retry_after(&sign_in(&here, &email, "guess").await), 60);
    let blocked = sign_in(&here, OWNER_EMAIL, OWNER_PASSWORD).await;
    assert_eq!(blocked.status, 429, "this address must wait: {blocked:?}");

    // Another address (127.0.0.2 reaches the server on 127.0.0.1 over the loopback) goes on.
    let elsewhere = Api::from_address(&server.base, None, Some("127.0.0.2".parse().unwrap()));
    assert_eq!(sign_in(&elsewhere, OWNER_EMAIL, OWNER_PASSWORD).await.status, 201);
}

async fn sign_in_in_process(router: &axum::Router, email: &str, password: &str) -> StatusCode {
    let body = serde_json::to_vec(&json!({"email": email, "password": password})).unwrap();
    let request = Request::post("/v1/auth/sessions")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .unwrap();
    router.clone().oneshot(request).await.unwrap().status()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_throttled_attempt_computes_no_hash() {
    for backend in backends() {
        let settings = Settings {
            sign_in: ThrottleSettings {
                free_failures_per_account: 2,
                base_delay: Duration::from_secs(60),
                ..ThrottleSettings::default()
            },
            ..Settings::default()
        };
        let team = TestTeam::with_settings(backend, settings).await.unwrap();
        let router = app(team.state.clone());
        let hashers = &team.state.hashers;
        // A known and an unknown email cost one hash per attempt alike, until they must wait.
        for email in [team.owner_email.as_str(), "nobody@example.com"] {
            let before = hashers.computed();
            for _ in 0..2 {
                let status = sign_in_in_process(&router, email, "guess").await;
                assert_eq!(status, StatusCode::UNAUTHORIZED, "{backend:?} {email}");
            }
            assert_eq!(hashers.computed() - before, 2, "{backend:?} {email}");
            for _ in 0..5 {
                let status = sign_in_in_process(&router, email, &team.owner_password).await;
                assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{backend:?} {email}");
            }
            assert_eq!(
                hashers.computed() - before,
                2,
                "{backend:?} {email}: a throttled attempt computed a hash"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_more_hashes_run_at_once_than_the_bound() {
    for backend in backends() {
        let settings = Settings {
            max_concurrent_hashes: 2,
            ..Settings::default()
        };
        let team = TestTeam::with_settings(backend, settings).await.unwrap();
        let router = app(team.state.clone());
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..16 {
            let router = router.clone();
            let (email, password) = if i % 4 == 0 {
                (team.owner_email.clone(), team.owner_password.clone())
            } else {
                (format!("nobody{i}@example.com"), "guess".to_owned())
            };
            tasks.spawn(async move { (i % 4 == 0, sign_in_in_process(&router, &email, &password).await) });
        }
        for (right, status) in tasks.join_all().await {
            let expected = if right {
                StatusCode::CREATED
            } else {
                StatusCode::UNAUTHORIZED
            };
            assert_eq!(status, expected, "{backend:?}");
        }
        let hashers = &team.state.hashers;
        assert_eq!(hashers.computed(), 16, "{backend:?}");
        assert_eq!(hashers.running(), 0, "{backend:?}");
        // Two at once shows the sixteen did overlap; more would break the bound.
        assert_eq!(hashers.peak(), 2, "{backend:?}");
    }
}
