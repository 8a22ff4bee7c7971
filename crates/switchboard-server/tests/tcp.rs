//! The real `switchboard-server` binary, seeded and served on a free port, used over real HTTP the way a
//! client that has never read the code would: sign in, page and search members, invite with and without
//! idempotency keys, replay keys, write with stale and missing ETags, try what each role may not do, and
//! have an invitation email delivered to a real SMTP server.

#[macro_use]
mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::{Backend, OWNER_EMAIL, OWNER_PASSWORD, Reply, Seed, Server, SmtpSink, png, unique};
use serde_json::{Value, json};

on_every_backend!(
    signing_in_and_out,
    paging_and_searching_members,
    inviting_with_idempotency_keys,
    invitation_emails_are_delivered_over_smtp,
    etags_guard_every_write,
    roles_are_enforced,
    bad_requests_are_problems_not_crashes,
    rate_limit_answers_429_with_retry_after,
    avatars_are_decoded_limited_and_resized,
    sigterm_shuts_down_gracefully,
);

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

async fn inviting_with_idempotency_keys(backend: Backend) {
    let server = Server::start(&backend, Seed::default()).await;
    let owner = server.owner().await;
    let email = format!("{}@switchboard.test", unique("invitee"));
    let body = json!({"email": email, "role": "member"});

    let unkeyed = owner.post("/v1/invitations", &body).await;
    assert_eq!(
        unkeyed.status, 400,
        "a creating POST without Idempotency-Key: {unkeyed:?}"
    );
    unkeyed.code();

    let key = unique("key-");
    let created = owner.post_keyed("/v1/invitations", &body, &key).await;
    assert_eq!(created.status, 201, "{created:?}");
    assert_eq!(created.body["email"], email.as_str());
    assert_eq!(created.body["status"], "pending");
    let id = created.body["id"].as_str().unwrap().to_owned();

    // The same key and body: the first response, replayed.
    let replayed = owner.post_keyed("/v1/invitations", &body, &key).await;
    assert_eq!(replayed.status, 201, "{replayed:?}");
    assert_eq!(
        replayed.body, created.body,
        "a replay must return the first response"
    );

    // The same key with another body is a client error, and creates nothing.
    let changed = owner
        .post_keyed("/v1/invitations", &json!({"email": email, "role": "admin"}), &key)
        .await;
    assert_eq!(changed.status, 422, "same key, different body: {changed:?}");
    changed.code();

    // A new key for the same person: already invited.
    let duplicate = owner.post_keyed("/v1/invitations", &body, &unique("key-")).await;
    assert_eq!(duplicate.status, 409, "{duplicate:?}");
    duplicate.code();
    let member = owner
        .post_keyed("/v1/invitations", &json!({"email": OWNER_EMAIL}), &unique("key-"))
        .await;
    assert_eq!(member.status, 409, "inviting an existing member: {member:?}");

    let listed = owner.get(&format!("/v1/invitations?q={email}")).await;
    assert_eq!(listed.status, 200, "{listed:?}");
    assert_eq!(
        ids(&listed.body),
        vec![id.clone()],
        "exactly one invitation for {email}"
    );

    let fetched = owner.get(&format!("/v1/invitations/{id}")).await;
    assert_eq!(fetched.status, 200, "{fetched:?}");
    fetched.etag();
    assert_eq!(fetched.body["id"], id.as_str());

    // The key belongs to the credential: another admin using the same key makes their own invitation.
    let admin = server.new_member(&owner, "admin").await;
    let other_email = format!("{}@switchboard.test", unique("invitee"));
    let theirs = admin
        .api
        .post_keyed(
            "/v1/invitations",
            &json!({"email": other_email, "role": "member"}),
            &key,
        )
        .await;
    assert_eq!(theirs.status, 201, "a key is per credential: {theirs:?}");
    assert_ne!(theirs.body["id"], id.as_str());

    // Revoking is a keyed-free action on the invitation; accepting a revoked invitation fails.
    let token = server.accept_token(&email).await;
    let revoked = owner
        .send("POST", &format!("/v1/invitations/{id}/revoke"), None, &[])
        .await;
    assert!(
        revoked.status == 200 || revoked.status == 204,
        "revoke: {revoked:?}"
    );
    let accept = server
        .anonymous()
        .post(
            "/v1/invitations/accept",
            &json!({"token": token, "name": "Too Late", "password": "password-123"}),
        )
        .await;
    assert!(
        (400..500).contains(&accept.status),
        "accepting a revoked invitation: {accept:?}"
    );
}

async fn invitation_emails_are_delivered_over_smtp(backend: Backend) {
    let Some(smtp) = SmtpSink::start("invitation_emails_are_delivered_over_smtp") else {
        return;
    };
    let server = Server::start_with(
        &backend,
        Seed::default(),
        &[
            "--smtp-url",
            &smtp.url(),
            "--smtp-from",
            "Team <team@switchboard.test>",
        ],
    )
    .await;
    let owner = server.owner().await;
    let email = format!("{}@switchboard.test", unique("mailed"));
    let invited = owner
        .post_keyed("/v1/invitations", &json!({"email": email}), &unique("key-"))
        .await;
    assert_eq!(invited.status, 201, "{invited:?}");

    let message = smtp.next_message(Duration::from_secs(30)).unwrap_or_else(|| {
        panic!(
            "no email reached the SMTP server; the server's log:\n{}",
            server.log_text()
        )
    });
    assert_eq!(message["rcpt_tos"], json!([email]), "{message:#}");
    assert_eq!(message["mail_from"], "team@switchboard.test");
    assert_eq!(message["from"], "Team <team@switchboard.test>");
    assert_eq!(message["to"], email.as_str());
    assert_eq!(
        message["subject"],
        "You're invited to join the team on Switchboard"
    );
    // The link in the message is the one the operator's record holds, on this server's address.
    let token = server.accept_token(&email).await;
    let link = format!("{}/accept-invitation?token={token}", server.base);
    let body = message["body"].as_str().unwrap();
    assert!(body.contains(&link), "{link} is not in:\n{body}");
    assert!(
        server.email_sent(&email, Duration::from_secs(10)).await,
        "outbound_emails does not mark the email sent"
    );
    assert!(
        smtp.next_message(Duration::from_millis(200)).is_none(),
        "one email"
    );

    // And the link works.
    let accepted = server
        .anonymous()
        .post(
            "/v1/invitations/accept",
            &json!({"token": token, "name": "Mailed Member", "password": "password-123"}),
        )
        .await;
    assert_eq!(accepted.status, 201, "{accepted:?}");
}

async fn etags_guard_every_write(backend: Backend) {
    let server = Server::start(&backend, Seed::default()).await;
    let owner = server.owner().await;
    let person = server.new_member(&owner, "member").await;
    let path = format!("/v1/members/{}", person.id);

    let read = owner.get(&path).await;
    assert_eq!(read.status, 200, "{read:?}");
    let first = read.etag();

    let missing = owner
        .patch(&path, &json!({"name": "No Precondition"}), None)
        .await;
    assert_eq!(missing.status, 428, "PATCH without If-Match: {missing:?}");
    missing.code();

    let updated = owner
        .patch(&path, &json!({"name": "First Writer"}), Some(&first))
        .await;
    assert_eq!(updated.status, 200, "{updated:?}");
    assert_eq!(updated.body["name"], "First Writer");
    let second = updated.etag();
    assert_ne!(first, second, "a change must change the ETag");

    let stale = owner
        .patch(&path, &json!({"name": "Second Writer"}), Some(&first))
        .await;
    assert_eq!(stale.status, 412, "PATCH with a stale ETag: {stale:?}");
    stale.code();
    let now = owner.get(&path).await;
    assert_eq!(now.body["name"], "First Writer", "a stale write must not land");
    assert_eq!(now.etag(), second);

    let delete_stale = owner
        .send("DELETE", &path, None, &[("if-match", first.as_str())])
        .await;
    assert_eq!(
        delete_stale.status, 412,
        "DELETE with a stale ETag: {delete_stale:?}"
    );
    let delete_missing = owner.send("DELETE", &path, None, &[]).await;
    assert_eq!(
        delete_missing.status, 428,
        "DELETE without If-Match: {delete_missing:?}"
    );
    assert_eq!(
        owner.get(&path).await.status,
        200,
        "the member must still be there"
    );

    // The same rules on the account's configuration and on one's own profile.
    let config = owner.get("/v1/configuration").await;
    assert_eq!(config.status, 200, "{config:?}");
    let config_etag = config.etag();
    let patch = json!({"onboarding_url": "https://example.com/onboarding"});
    assert_eq!(owner.patch("/v1/configuration", &patch, None).await.status, 428);
    let changed = owner.patch("/v1/configuration", &patch, Some(&config_etag)).await;
    assert_eq!(changed.status, 200, "{changed:?}");
    let again = owner
        .patch(
            "/v1/configuration",
            &json!({"onboarding_url": ""}),
            Some(&config_etag),
        )
        .await;
    assert_eq!(again.status, 412, "stale configuration write: {again:?}");

    let me = person.api.get("/v1/me").await;
    let me_etag = me.etag();
    assert_eq!(
        person
            .api
            .patch("/v1/me", &json!({"name": "Me"}), None)
            .await
            .status,
        428
    );
    // The owner's rename above changed the member: the ETag the member read before is current now, the
    // first one is stale.
    assert_eq!(
        person
            .api
            .patch("/v1/me", &json!({"name": "Me"}), Some(&first))
            .await
            .status,
        412
    );
    let mine = person
        .api
        .patch("/v1/me", &json!({"name": "Me"}), Some(&me_etag))
        .await;
    assert_eq!(mine.status, 200, "{mine:?}");
}

async fn roles_are_enforced(backend: Backend) {
    let server = Server::start(&backend, Seed::default()).await;
    let owner = server.owner().await;
    let admin = server.new_member(&owner, "admin").await;
    let member = server.new_member(&owner, "member").await;
    let invite = |who: &str| json!({"email": format!("{}@switchboard.test", unique(who))});

    assert_eq!(member.api.get("/v1/me").await.status, 200);
    let forbidden = member
        .api
        .post_keyed("/v1/invitations", &invite("m"), &unique("k"))
        .await;
    assert_eq!(forbidden.status, 403, "a member inviting: {forbidden:?}");
    forbidden.code();
    let admin_path = format!("/v1/members/{}", admin.id);
    let etag = owner.get(&admin_path).await.etag();
    let promote = member
        .api
        .patch(&admin_path, &json!({"name": "Hijacked"}), Some(&etag))
        .await;
    assert_eq!(promote.status, 403, "a member editing an admin: {promote:?}");
    let config_etag = owner.get("/v1/configuration").await.etag();
    let policy = member
        .api
        .patch(
            "/v1/configuration",
            &json!({"default_role": "admin"}),
            Some(&config_etag),
        )
        .await;
    assert_eq!(policy.status, 403, "a member changing policy: {policy:?}");

    let by_admin = admin
        .api
        .post_keyed("/v1/invitations", &invite("a"), &unique("k"))
        .await;
    assert_eq!(by_admin.status, 201, "an admin inviting: {by_admin:?}");

    // An admin cannot make themselves (or anyone) owner.
    let self_path = format!("/v1/members/{}", admin.id);
    let etag = admin.api.get(&self_path).await.etag();
    let coup = admin
        .api
        .patch(&self_path, &json!({"role": "owner"}), Some(&etag))
        .await;
    assert!(
        coup.status == 403 || coup.status == 422,
        "an admin making themselves owner: {coup:?}"
    );
    let me = admin.api.get("/v1/me").await;
    assert_eq!(me.body["role"], "admin");

    let anonymous = server.anonymous();
    for path in ["/v1/members", "/v1/invitations", "/v1/configuration", "/v1/me"] {
        let reply = anonymous.get(path).await;
        assert_eq!(reply.status, 401, "anonymous {path}: {reply:?}");
        reply.code();
    }

    // A deactivated member's credentials stop working.
    let member_path = format!("/v1/members/{}", member.id);
    let etag = owner.get(&member_path).await.etag();
    let deactivated = owner
        .patch(&member_path, &json!({"status": "deactivated"}), Some(&etag))
        .await;
    assert_eq!(deactivated.status, 200, "{deactivated:?}");
    let locked_out = member.api.get("/v1/me").await;
    assert!(
        locked_out.status == 401 || locked_out.status == 403,
        "a deactivated member still signed in: {locked_out:?}"
    );
    let sign_in = server
        .anonymous()
        .post(
            "/v1/auth/sessions",
            &json!({"email": member.email, "password": member.password}),
        )
        .await;
    assert!(
        sign_in.status == 401 || sign_in.status == 403,
        "a deactivated member signing in: {sign_in:?}"
    );
}

async fn bad_requests_are_problems_not_crashes(backend: Backend) {
    let server = Server::start(&backend, Seed::default()).await;
    let owner = server.owner().await;

    // Malformed JSON, a wrong type, an unknown field, an invalid email.
    for (what, body) in [
        ("a wrong type", json!({"email": 42})),
        (
            "an unknown field",
            json!({"email": "x@switchboard.test", "colour": "blue"}),
        ),
        ("an invalid email", json!({"email": "not an email"})),
        (
            "an uninvitable role",
            json!({"email": "y@switchboard.test", "role": "owner"}),
        ),
    ] {
        let reply = owner.post_keyed("/v1/invitations", &body, &unique("k")).await;
        assert_client_error(&reply, what);
    }
    let raw = reqwest::Client::new()
        .post(format!("{}/v1/invitations", server.base))
        .bearer_auth(owner.token.as_deref().unwrap())
        .header("content-type", "application/json")
        .header("idempotency-key", unique("k"))
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    let status = raw.status().as_u16();
    let content_type = raw.headers()["content-type"].to_str().unwrap().to_owned();
    let text = raw.text().await.unwrap();
    assert!(status == 400 || status == 422, "truncated JSON: {status} {text}");
    assert!(
        content_type.starts_with("application/problem+json"),
        "{content_type}"
    );

    // Bodies over the JSON limit are refused before they are parsed.
    let huge = json!({"email": format!("{}@switchboard.test", "a".repeat(70 * 1024))});
    let too_big = too_large(
        &server,
        &owner,
        "/v1/invitations",
        "application/json",
        serde_json::to_vec(&huge).unwrap(),
        &unique("k"),
    )
    .await;
    assert_eq!(too_big.status, 413, "a 70 KiB JSON body: {too_big:?}");

    // Unknown ids and malformed ids.
    let unknown = owner
        .get("/v1/members/00000000-0000-4000-8000-000000000000")
        .await;
    assert_eq!(unknown.status, 404, "{unknown:?}");
    unknown.code();
    let malformed = owner.get("/v1/members/not-a-uuid").await;
    assert!(
        malformed.status == 400 || malformed.status == 404 || malformed.status == 422,
        "{malformed:?}"
    );

    // Nothing above may have crashed the server or leaked its internals.
    let log = server.log_text();
    assert!(!log.contains("panicked"), "the server panicked:\n{log}");
    for reply_text in [too_big.text, unknown.text, text] {
        for leak in ["sqlx", "SQLITE", "panicked", "stack backtrace", "src/"] {
            assert!(
                !reply_text.contains(leak),
                "a response leaks {leak}: {reply_text}"
            );
        }
    }
}

async fn rate_limit_answers_429_with_retry_after(backend: Backend) {
    let server = Server::start_with(&backend, Seed::default(), &["--rate-limit-per-minute", "5"]).await;
    let owner = server.owner().await;
    let mut limited = None;
    for _ in 0..20 {
        let reply = owner.get("/v1/me").await;
        if reply.status == 429 {
            limited = Some(reply);
            break;
        }
        assert_eq!(reply.status, 200, "{reply:?}");
    }
    let limited = limited.expect("20 requests at 5 per minute were never limited");
    limited.code();
    let retry_after: u64 = limited
        .header("retry-after")
        .unwrap_or_else(|| panic!("429 without Retry-After: {limited:?}"))
        .parse()
        .expect("Retry-After in seconds");
    assert!((1..=60).contains(&retry_after), "Retry-After: {retry_after}");

    // The limit is per credential: a new session has its own.
    let other = server.owner().await;
    assert_eq!(other.get("/v1/me").await.status, 200);
}

async fn avatars_are_decoded_limited_and_resized(backend: Backend) {
    let server = Server::start(&backend, Seed::default()).await;
    let owner = server.owner().await;
    let member = server.new_member(&owner, "member").await;
    let path = format!("/v1/members/{}/avatar", member.id);
    let etag = || async { member.api.get("/v1/me").await.etag() };

    let reply = too_large(
        &server,
        &member.api,
        &path,
        "image/png",
        vec![0u8; 6 * 1024 * 1024],
        &etag().await,
    )
    .await;
    assert_eq!(reply.status, 413, "a 6 MiB upload: {reply:?}");
    let reply = member
        .api
        .send_bytes(
            "PUT",
            &path,
            "image/png",
            b"not a png".to_vec(),
            &[("if-match", &etag().await)],
        )
        .await;
    assert_eq!(reply.status, 422, "undecodable bytes: {reply:?}");
    let reply = member
        .api
        .send_bytes(
            "PUT",
            &path,
            "image/png",
            png(300, 200),
            &[("if-match", &etag().await)],
        )
        .await;
    assert_eq!(reply.status, 422, "a non-square image: {reply:?}");
    let reply = member
        .api
        .send_bytes(
            "PUT",
            &path,
            "text/plain",
            png(256, 256),
            &[("if-match", &etag().await)],
        )
        .await;
    assert_eq!(reply.status, 415, "a text/plain upload: {reply:?}");

    let reply = member
        .api
        .send_bytes(
            "PUT",
            &path,
            "image/png",
            png(600, 600),
            &[("if-match", &etag().await)],
        )
        .await;
    assert_eq!(reply.status, 200, "{reply:?}");
    assert!(reply.body["avatar_url"].is_string(), "{reply:?}");
    for size in [512u32, 128, 64] {
        let response = reqwest::Client::new()
            .get(format!("{}{path}?size={size}", server.base))
            .bearer_auth(owner.token.as_deref().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
        assert!(content_type.starts_with("image/"), "{content_type}");
        let bytes = response.bytes().await.unwrap();
        let decoded = image::load_from_memory(&bytes).expect("the served avatar decodes");
        assert_eq!((decoded.width(), decoded.height()), (size, size), "size={size}");
    }
}

async fn sigterm_shuts_down_gracefully(backend: Backend) {
    let mut server = Server::start(&backend, Seed::default()).await;
    let owner = server.owner().await;
    assert_eq!(owner.get("/v1/me").await.status, 200);
    let status = server
        .terminate(Duration::from_secs(15))
        .expect("still running 15 s after SIGTERM");
    assert!(
        status.success(),
        "exit after SIGTERM: {status}\n{}",
        server.log_text()
    );
}

/// Sends a body over a limit until the server's 413 is read. Each try uses a client of its own, and a
/// transport error is retried: the server answers 413 without reading the rest of the body and closes
/// the connection (saying `Connection: close`), so the kernel may reset it before the client has read
/// the answer. Any answer other than 413 fails at once. `key_or_etag` goes in `Idempotency-Key` for a POST and in
/// `If-Match` otherwise.
async fn too_large(
    server: &Server,
    as_: &common::Api,
    path: &str,
    content_type: &str,
    bytes: Vec<u8>,
    key_or_etag: &str,
) -> Reply {
    let (method, header) = if path.ends_with("/avatar") {
        ("PUT", "if-match")
    } else {
        ("POST", "idempotency-key")
    };
    let mut errors = Vec::new();
    for _ in 0..8 {
        let once = common::Api::new(&server.base, as_.token.clone());
        match once
            .try_send_bytes(
                method,
                path,
                content_type,
                bytes.clone(),
                &[(header, key_or_etag)],
            )
            .await
        {
            Ok(reply) => return reply,
            Err(e) => errors.push(format!("{e:?}")),
        }
    }
    panic!("{method} {path}: no answer in 8 tries: {errors:#?}");
}
