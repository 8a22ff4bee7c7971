//! Two real server processes on one PostgreSQL, as behind a load balancer: every guarantee that the
//! contract makes holds across instances — idempotency keys, ETags, sessions, the sign-in throttle.
//! PostgreSQL only (SQLite is one machine's file): skipped without `SWITCHBOARD_TEST_POSTGRES_URL`,
//! failing when `SWITCHBOARD_REQUIRE_POSTGRES=1`.

mod common;

use common::{Api, Backend, OWNER_EMAIL, OWNER_PASSWORD, Seed, Server, unique};
use serde_json::json;

const ROUNDS: usize = 6;

/// Two instances of one freshly seeded database, both started with `serve_args`.
async fn two_instances(test: &str, serve_args: &[&str]) -> Option<(Server, Server)> {
    let backend = Backend::postgres(test)?;
    let a = Server::start_with(&backend, Seed::default(), serve_args).await;
    let b = a.another_instance(serve_args);
    Some((a, b))
}

/// `api`'s credential, sent to `server` instead.
fn at(server: &Server, api: &Api) -> Api {
    Api::new(&server.base, api.token.clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_idempotency_key_creates_once_across_instances() {
    let Some((a, b)) = two_instances(
        "scale_out::one_idempotency_key_creates_once_across_instances",
        &[],
    )
    .await
    else {
        return;
    };
    let owner = a.owner().await;
    for round in 0..ROUNDS {
        let email = format!("{}@switchboard.test", unique("scale"));
        let body = json!({"email": email, "role": "member"});
        let key = unique("scale-key-");
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..8 {
            let api = at(if i % 2 == 0 { &a } else { &b }, &owner);
            let (body, key) = (body.clone(), key.clone());
            tasks.spawn(async move { api.post_keyed("/v1/invitations", &body, &key).await });
        }
        let replies = tasks.join_all().await;
        let created: Vec<_> = replies.iter().filter(|r| r.status == 201).collect();
        assert!(!created.is_empty(), "round {round}: {replies:#?}");
        for reply in &replies {
            match reply.status {
                201 => assert_eq!(reply.text, created[0].text, "round {round}: one answer replayed"),
                409 => assert_eq!(reply.code(), "idempotency_key_in_flight", "round {round}"),
                _ => panic!("round {round}: {reply:?}"),
            }
        }
        // What the server holds: one invitation, the one the 201s describe, seen alike by both.
        for server in [&a, &b] {
            let listed = at(server, &owner)
                .get(&format!("/v1/invitations?q={email}&limit=200"))
                .await;
            let found = listed.body["data"].as_array().unwrap();
            assert_eq!(found.len(), 1, "round {round}: {listed:?}");
            assert_eq!(found[0]["id"], created[0].body["id"], "round {round}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_etag_wins_once_across_instances() {
    let Some((a, b)) = two_instances("scale_out::one_etag_wins_once_across_instances", &[]).await else {
        return;
    };
    let owner = a.owner().await;
    let admin = a.new_member(&owner, "admin").await;
    let target = a.new_member(&owner, "member").await;
    let admin_at_b = at(&b, &admin.api);
    let path = format!("/v1/members/{}", target.id);
    for round in 0..ROUNDS {
        let etag = owner.get(&path).await.etag();
        let (by_a, by_b) = (
            json!({"name": format!("A {round}")}),
            json!({"name": format!("B {round}")}),
        );
        let (x, y) = tokio::join!(
            owner.patch(&path, &by_a, Some(&etag)),
            admin_at_b.patch(&path, &by_b, Some(&etag)),
        );
        let mut statuses = [x.status, y.status];
        statuses.sort_unstable();
        assert_eq!(
            (statuses[0] / 100, statuses[1]),
            (2, 412),
            "round {round}: {x:?} / {y:?}"
        );
        let winner = if x.status < 300 { &x } else { &y };
        let stored = admin_at_b.get(&path).await;
        assert_eq!(stored.body["name"], winner.body["name"], "round {round}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_session_is_the_same_on_every_instance() {
    let Some((a, b)) = two_instances("scale_out::a_session_is_the_same_on_every_instance", &[]).await else {
        return;
    };
    let signed_in = a
        .anonymous()
        .post(
            "/v1/auth/sessions",
            &json!({"email": OWNER_EMAIL, "password": OWNER_PASSWORD}),
        )
        .await;
    assert_eq!(signed_in.status, 201, "{signed_in:?}");
    let token = signed_in.body["access_token"].as_str().unwrap().to_owned();
    let refresh = signed_in.body["refresh_token"].as_str().unwrap().to_owned();
    let on_a = Api::new(&a.base, Some(token.clone()));
    let on_b = Api::new(&b.base, Some(token));
    assert_eq!(on_b.get("/v1/me").await.status, 200, "signed in on A, used on B");

    // A refresh through B spends the refresh token for A too.
    let refreshed = b
        .anonymous()
        .post("/v1/auth/refresh", &json!({"refresh_token": refresh}))
        .await;
    assert_eq!(refreshed.status, 200, "{refreshed:?}");
    let again = a
        .anonymous()
        .post("/v1/auth/refresh", &json!({"refresh_token": refresh}))
        .await;
    assert_eq!(
        again.status, 401,
        "a spent refresh token on the other instance: {again:?}"
    );
    assert_eq!(
        on_a.get("/v1/me").await.status,
        401,
        "the old access token died with it"
    );

    let renewed = refreshed.body["access_token"].as_str().unwrap().to_owned();
    let renewed_a = Api::new(&a.base, Some(renewed.clone()));
    let renewed_b = Api::new(&b.base, Some(renewed));
    assert_eq!(renewed_a.get("/v1/me").await.status, 200);
    let out = renewed_b
        .send("DELETE", "/v1/auth/sessions/current", None, &[])
        .await;
    assert_eq!(out.status, 204, "{out:?}");
    assert_eq!(
        renewed_a.get("/v1/me").await.status,
        401,
        "signed out on B, refused on A"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_sign_in_throttle_holds_across_instances() {
    let args = ["--sign-in-free-failures", "4", "--sign-in-base-delay-secs", "60"];
    let Some((a, b)) = two_instances("scale_out::the_sign_in_throttle_holds_across_instances", &args).await
    else {
        return;
    };
    let guess = json!({"email": OWNER_EMAIL, "password": "guess"});
    let (on_a, on_b) = (a.anonymous(), b.anonymous());
    // Failures on both instances add up to one count.
    for i in 0..4 {
        let api = if i % 2 == 0 { &on_a } else { &on_b };
        assert_eq!(api.post("/v1/auth/sessions", &guess).await.status, 401);
    }
    for api in [&on_a, &on_b] {
        let refused = api
            .post(
                "/v1/auth/sessions",
                &json!({"email": OWNER_EMAIL, "password": OWNER_PASSWORD}),
            )
            .await;
        assert_eq!(refused.status, 429, "{refused:?}");
        assert_eq!(refused.header("retry-after"), Some("60"));
    }

    // A burst on both instances at once stays counted: nothing gets through, and the waits grow.
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..10 {
        let api = if i % 2 == 0 { on_a.clone() } else { on_b.clone() };
        let guess = guess.clone();
        tasks.spawn(async move { api.post("/v1/auth/sessions", &guess).await.status });
    }
    assert!(tasks.join_all().await.iter().all(|s| *s == 429));

    let owner_elsewhere = Api::from_address(&b.base, None, Some("127.0.0.2".parse().unwrap()));
    let still = owner_elsewhere
        .post(
            "/v1/auth/sessions",
            &json!({"email": OWNER_EMAIL, "password": OWNER_PASSWORD}),
        )
        .await;
    assert_eq!(
        still.status, 429,
        "the account waits, whatever the address: {still:?}"
    );
}
