//! The real `switchboard-server` binary, seeded and served on a free port, used over real HTTP the way a
//! client that has never read the code would: sign in, page and search members, invite with and without
//! idempotency keys, replay keys, write with stale and missing ETags, and try what each role may not do.

#[macro_use]
mod common;

use std::collections::HashSet;

use common::{Backend, OWNER_EMAIL, OWNER_PASSWORD, Reply, Seed, Server};
use serde_json::{Value, json};

on_every_backend!(signing_in_and_out, paging_and_searching_members);

fn ids(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect()
}

fn assert_client_error(reply: &Reply, what: &str) {
    assert!(
        reply.status == 400 || reply.status == 422,
        "{what}: expected 400 or 422, got {reply:?}"
    );
    reply.code();
}

async fn signing_in_and_out(backend: Backend) {
    let server = Server::start(&backend, Seed::default()).await;
    let anonymous = server.anonymous();

    let wrong = anonymous
        .post(
            "/v1/auth/sessions",
            &json!({"email": OWNER_EMAIL, "password": "not the password"}),
        )
        .await;
    // Wrong credentials in a sign-in body are refused as such (401 or 422, never 200 or 500).
    assert!(wrong.status == 401 || wrong.status == 422, "{wrong:?}");
    let unknown = anonymous
        .post(
            "/v1/auth/sessions",
            &json!({"email": "nobody@switchboard.test", "password": "x"}),
        )
        .await;
    assert_eq!(unknown.status, wrong.status, "{unknown:?}");
    assert_eq!(wrong.body["detail"], unknown.body["detail"]);
    assert_eq!(
        wrong.code(),
        unknown.code(),
        "an unknown email must look like a wrong password"
    );

    let session = anonymous
        .post(
            "/v1/auth/sessions",
            &json!({"email": OWNER_EMAIL, "password": OWNER_PASSWORD}),
        )
        .await;
    assert_eq!(session.status, 201, "{session:?}");
    assert_eq!(session.body["token_type"], "Bearer");
    assert_eq!(session.body["member"]["email"], OWNER_EMAIL);
    assert_eq!(session.body["member"]["role"], "owner");
    let access = session.body["access_token"].as_str().unwrap().to_owned();
    let refresh = session.body["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(access, refresh);

    let me = common::Api::new(&server.base, Some(access.clone()));
    let reply = me.get("/v1/me").await;
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.body["email"], OWNER_EMAIL);

    for (what, api) in [
        ("no token", server.anonymous()),
        (
            "a made-up token",
            common::Api::new(&server.base, Some("sb_not_a_real_token".into())),
        ),
    ] {
        let reply = api.get("/v1/me").await;
        assert_eq!(reply.status, 401, "{what}: {reply:?}");
        reply.code();
    }

    // Refresh tokens are single-use: the new pair works, the old refresh token no longer does.
    let refreshed = anonymous
        .post("/v1/auth/refresh", &json!({"refresh_token": refresh}))
        .await;
    assert_eq!(refreshed.status, 200, "{refreshed:?}");
    let new_access = refreshed.body["access_token"].as_str().unwrap().to_owned();
    assert_ne!(new_access, access);
    let again = anonymous
        .post("/v1/auth/refresh", &json!({"refresh_token": refresh}))
        .await;
    assert_eq!(again.status, 401, "a refresh token used twice: {again:?}");
    let renewed = common::Api::new(&server.base, Some(new_access));
    assert_eq!(renewed.get("/v1/me").await.status, 200);

    // Signing out ends that session only.
    let signed_out = renewed
        .send("DELETE", "/v1/auth/sessions/current", None, &[])
        .await;
    assert_eq!(signed_out.status, 204, "{signed_out:?}");
    let after = renewed.get("/v1/me").await;
    assert_eq!(after.status, 401, "a signed-out token still works: {after:?}");
}

async fn paging_and_searching_members(backend: Backend) {
    let server = Server::start(
        &backend,
        Seed {
            demo: true,
            members: Some(230),
        },
    )
    .await;
    let owner = server.owner().await;

    // Walk every page at an odd page size; compare with one big page walk.
    let walk = |limit: u32| {
        let owner = owner.clone();
        async move {
            let mut all = Vec::new();
            let mut cursor: Option<String> = None;
            let mut pages = 0;
            loop {
                let path = match &cursor {
                    Some(c) => format!("/v1/members?limit={limit}&cursor={c}"),
                    None => format!("/v1/members?limit={limit}"),
                };
                let page = owner.get(&path).await;
                assert_eq!(page.status, 200, "{path}: {page:?}");
                let page_ids = ids(&page.body);
                assert!(
                    page_ids.len() <= limit as usize,
                    "{path} returned {}",
                    page_ids.len()
                );
                all.extend(page_ids);
                pages += 1;
                assert!(pages < 1000, "pagination does not end");
                match page.body["next_cursor"].as_str() {
                    Some(next) => cursor = Some(next.to_owned()),
                    None => break,
                }
            }
            all
        }
    };
    let small = walk(37).await;
    let big = walk(200).await;
    assert!(
        small.len() > 230,
        "the seeded 230 members and the demo team: {}",
        small.len()
    );
    assert_eq!(
        small.len(),
        small.iter().collect::<HashSet<_>>().len(),
        "a member on two pages"
    );
    assert_eq!(small, big, "page size changed the listing");

    let default_page = owner.get("/v1/members").await;
    assert_eq!(ids(&default_page.body).len(), 50, "the default page size is 50");
    for bad in [
        "limit=201",
        "limit=0",
        "limit=-1",
        "limit=many",
        "cursor=not-a-cursor",
    ] {
        let reply = owner.get(&format!("/v1/members?{bad}")).await;
        assert_client_error(&reply, bad);
    }

    // Search: case-insensitive, in name and email, and it finds the member it was taken from.
    let first = owner.get("/v1/members?limit=200").await;
    let target = first.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["role"] == "member" && m["name"].as_str().unwrap().contains(' '))
        .expect("a demo member with a full name")
        .clone();
    let surname = target["name"]
        .as_str()
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_owned();
    let mut found: Option<Vec<String>> = None;
    for q in [surname.to_lowercase(), surname.to_uppercase()] {
        let reply = owner.get(&format!("/v1/members?q={q}&limit=200")).await;
        assert_eq!(reply.status, 200, "{reply:?}");
        let hits = reply.body["data"].as_array().unwrap();
        assert!(!hits.is_empty(), "q={q} found nothing");
        for hit in hits {
            let text = format!("{} {}", hit["name"], hit["email"]).to_lowercase();
            assert!(text.contains(&surname.to_lowercase()), "q={q} returned {hit}");
        }
        let hit_ids = ids(&reply.body);
        assert!(hit_ids.contains(&target["id"].as_str().unwrap().to_owned()));
        match &found {
            Some(previous) => assert_eq!(previous, &hit_ids, "search is not case-insensitive"),
            None => found = Some(hit_ids),
        }
    }
    let none = owner.get("/v1/members?q=zzqqxxnothing").await;
    assert_eq!(none.status, 200);
    assert_eq!(ids(&none.body).len(), 0);
    assert!(none.body["next_cursor"].is_null());

    let admins = owner.get("/v1/members?role=admin&limit=200").await;
    assert_eq!(admins.status, 200, "{admins:?}");
    let admins = admins.body["data"].as_array().unwrap();
    assert!(!admins.is_empty(), "the demo team has admins");
    assert!(admins.iter().all(|m| m["role"] == "admin"));
}
