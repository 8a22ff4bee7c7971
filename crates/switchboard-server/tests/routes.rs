//! Every route in-process (`tower::ServiceExt::oneshot` on `app(state)`), on SQLite and — when
//! `SWITCHBOARD_TEST_POSTGRES_URL` is set — on PostgreSQL: success paths, validation, 404s,
//! ETag/If-Match, idempotency, pagination, policy enforcement, the invitation flow, avatars, and the
//! committed OpenAPI document.

use std::io::Cursor;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use switchboard_server::{Settings, app};
use switchboard_server_testing::{TestBackend, TestTeam, add_member, backends};
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    bytes: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    fn etag(&self) -> String {
        self.headers
            .get(header::ETAG)
            .expect("an ETag")
            .to_str()
            .unwrap()
            .to_owned()
    }

    fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }
}

struct Call<'a> {
    app: &'a Router,
    method: Method,
    path: String,
    token: Option<&'a str>,
    headers: Vec<(String, String)>,
    body: Option<(String, Vec<u8>)>,
}

impl<'a> Call<'a> {
    fn as_(mut self, token: &'a str) -> Self {
        self.token = Some(token);
        self
    }

    fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    fn json(mut self, body: Value) -> Self {
        self.body = Some(("application/json".to_owned(), serde_json::to_vec(&body).unwrap()));
        self
    }

    fn bytes(mut self, content_type: &str, body: Vec<u8>) -> Self {
        self.body = Some((content_type.to_owned(), body));
        self
    }

    async fn send(self) -> Reply {
        let mut request = Request::builder().method(self.method).uri(&self.path);
        if let Some(token) = self.token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        let request = match self.body {
            Some((content_type, body)) => request
                .header(header::CONTENT_TYPE, content_type)
                .body(Body::from(body)),
            None => request.body(Body::empty()),
        }
        .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes().to_vec();
        Reply {
            status,
            headers,
            bytes,
        }
    }
}

fn call<'a>(app: &'a Router, method: Method, path: &str) -> Call<'a> {
    Call {
        app,
        method,
        path: path.to_owned(),
        token: None,
        headers: Vec::new(),
        body: None,
    }
}

async fn team(backend: TestBackend) -> (TestTeam, Router) {
    let team = TestTeam::new(backend).await.expect("a test team");
    let router = app(team.state.clone());
    (team, router)
}

/// Runs `test` on every configured backend.
macro_rules! on_backends {
    ($($name:ident),* $(,)?) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn $name() {
            for backend in backends() {
                eprintln!("{} on {backend:?}", stringify!($name));
                tests::$name(backend).await;
            }
        }
    )*};
}

on_backends!(
    sign_in_refresh_and_sign_out,
    anonymous_and_wrong_role_are_refused,
    members_page_without_duplicates_and_filter,
    members_walk_in_every_order_with_a_total,
    a_member_cursor_only_continues_its_own_order_and_filters,
    every_member_order_walks_its_index,
    member_search_finds_what_a_scan_finds_through_its_index,
    writes_need_a_current_etag,
    concurrent_writers_with_one_etag_get_one_412,
    the_last_owner_stays,
    recording_policy_is_enforced,
    invitations_are_idempotent_by_key,
    a_key_belongs_to_its_session_across_refreshes,
    a_key_still_in_flight_answers_409,
    idempotency_records_last_a_day_then_are_purged,
    ten_racing_identical_keyed_posts_make_one_invitation,
    invitation_rules_and_accept_carry_numbers_and_groups,
    resend_revoke_and_expiry,
    the_configured_invitation_lifetime_is_applied,
    validating_invitations_says_why_each_cannot_be_sent_and_creates_nothing,
    numbers_direct_and_shared,
    groups_crud_and_principals,
    removing_a_member_with_numbers_needs_a_choice,
    avatars_are_validated_resized_and_served,
    jpeg_and_webp_avatars_are_taken_and_served_as_sent,
    bodies_are_validated,
    configuration_is_validated_and_audited,
    api_tokens,
);

#[test]
fn the_committed_openapi_document_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");
    let generated = switchboard_server::openapi::document_text();
    if std::env::var("SWITCHBOARD_WRITE_OPENAPI").is_ok() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi.json is stale: regenerate with SWITCHBOARD_WRITE_OPENAPI=1 cargo test -p switchboard-server --test routes openapi"
    );
    let doc: Value = serde_json::from_str(&generated).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(
        doc["paths"]["/v1/invitations"]["post"]["parameters"]
            .to_string()
            .contains("Idempotency-Key")
    );
    assert!(
        doc["paths"]["/v1/members/{id}"]["patch"]["parameters"]
            .to_string()
            .contains("If-Match")
    );
    assert!(doc["paths"]["/v1/groups"]["post"]["responses"]["201"]["links"]["GetGroup"].is_object());
}

#[test]
fn every_schema_the_document_refers_to_is_in_it() {
    // utoipa registers the schemas of bodies by itself but not those only a query parameter uses
    // (e.g. `sort`): a dangling `$ref` is a document no client generator or fuzzer can read.
    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get("$ref") {
                    out.push(target.clone());
                }
                map.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let doc = switchboard_server::openapi::document();
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(!found.is_empty());
    for target in found {
        let name = target
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("an unexpected $ref {target}"));
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "{target} is not in the document"
        );
    }
}

#[tokio::test]
async fn the_served_document_is_the_committed_one() {
    let (_team, app) = team(TestBackend::Sqlite).await;
    let reply = call(&app, Method::GET, "/v1/openapi.json").send().await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        String::from_utf8(reply.bytes).unwrap(),
        switchboard_server::openapi::document_text()
    );
}

#[tokio::test]
async fn slow_requests_time_out_as_problems_and_bodies_are_compressed() {
    let settings = Settings {
        request_timeout: std::time::Duration::ZERO,
        ..Settings::default()
    };
    let slow_team = TestTeam::with_settings(TestBackend::Sqlite, settings)
        .await
        .unwrap();
    let app = app(slow_team.state.clone());
    // The database answers on another thread, so a query almost never finishes within zero time —
    // but a request that happens to complete on its first poll is answered before the timer is looked
    // at. So: every answer is either that rare success or the timeout problem, and the timeout shows.
    let mut timed_out = 0;
    for _ in 0..20 {
        let slow = call(&app, Method::GET, "/v1/members")
            .as_(&slow_team.member_token)
            .send()
            .await;
        if slow.status == StatusCode::OK {
            continue;
        }
        assert_eq!(
            (slow.status, slow.code().as_str()),
            (StatusCode::SERVICE_UNAVAILABLE, "timeout")
        );
        timed_out += 1;
    }
    assert!(timed_out > 0, "no request timed out with a zero timeout");

    let (_team, app) = team(TestBackend::Sqlite).await;
    let health = call(&app, Method::GET, "/v1/health").send().await;
    assert_eq!(health.json()["status"], "ok");
    let document = call(&app, Method::GET, "/v1/openapi.json")
        .header("accept-encoding", "gzip")
        .send()
        .await;
    assert_eq!(document.headers[header::CONTENT_ENCODING], "gzip");
    assert!(document.bytes.len() < switchboard_server::openapi::document_text().len() / 4);
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let settings = Settings {
        rate_limit_per_minute: 3,
        ..Settings::default()
    };
    let team = TestTeam::with_settings(TestBackend::Sqlite, settings)
        .await
        .unwrap();
    let app = app(team.state.clone());
    for _ in 0..3 {
        assert_eq!(
            call(&app, Method::GET, "/v1/me")
                .as_(&team.member_token)
                .send()
                .await
                .status,
            StatusCode::OK
        );
    }
    let limited = call(&app, Method::GET, "/v1/me")
        .as_(&team.member_token)
        .send()
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.code(), "rate_limited");
    let retry: u64 = limited.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1);
    // Another credential is not affected.
    assert_eq!(
        call(&app, Method::GET, "/v1/me")
            .as_(&team.admin_token)
            .send()
            .await
            .status,
        StatusCode::OK
    );
}

mod tests {
    use super::*;

    pub async fn sign_in_refresh_and_sign_out(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let wrong = call(&app, Method::POST, "/v1/auth/sessions")
            .json(json!({ "email": team.owner_email, "password": "nope nope" }))
            .send()
            .await;
        assert_eq!(
            (wrong.status, wrong.code().as_str()),
            (StatusCode::UNAUTHORIZED, "invalid_credentials")
        );
        let unknown = call(&app, Method::POST, "/v1/auth/sessions")
            .json(json!({ "email": "nobody@example.com", "password": "whatever1" }))
            .send()
            .await;
        assert_eq!(
            unknown.code(),
            "invalid_credentials",
            "the same answer for unknown emails"
        );

        let session = call(&app, Method::POST, "/v1/auth/sessions")
            .json(json!({ "email": team.owner_email.to_uppercase(), "password": team.owner_password }))
            .send()
            .await;
        assert_eq!(session.status, StatusCode::CREATED);
        let session = session.json();
        let access = session["access_token"].as_str().unwrap().to_owned();
        let refresh = session["refresh_token"].as_str().unwrap().to_owned();
        assert_eq!(session["member"]["role"], "owner");
        let me = call(&app, Method::GET, "/v1/me").as_(&access).send().await;
        assert_eq!(me.json()["email"], team.owner_email);

        let renewed = call(&app, Method::POST, "/v1/auth/refresh")
            .json(json!({ "refresh_token": refresh }))
            .send()
            .await;
        assert_eq!(renewed.status, StatusCode::OK);
        let new_access = renewed.json()["access_token"].as_str().unwrap().to_owned();
        let reused = call(&app, Method::POST, "/v1/auth/refresh")
            .json(json!({ "refresh_token": refresh }))
            .send()
            .await;
        assert_eq!(
            reused.status,
            StatusCode::UNAUTHORIZED,
            "a refresh token works once"
        );
        assert_eq!(
            call(&app, Method::GET, "/v1/me").as_(&access).send().await.status,
            StatusCode::UNAUTHORIZED
        );

        let out = call(&app, Method::DELETE, "/v1/auth/sessions/current")
            .as_(&new_access)
            .send()
            .await;
        assert_eq!(out.status, StatusCode::NO_CONTENT);
        let after = call(&app, Method::GET, "/v1/me").as_(&new_access).send().await;
        assert_eq!(after.status, StatusCode::UNAUTHORIZED);
        assert_eq!(after.headers[header::CONTENT_TYPE], "application/problem+json");
        assert_eq!(after.headers[header::WWW_AUTHENTICATE], "Bearer");
    }

    pub async fn anonymous_and_wrong_role_are_refused(backend: TestBackend) {
        let (team, app) = team(backend).await;
        for path in [
            "/v1/members",
            "/v1/me",
            "/v1/groups",
            "/v1/numbers",
            "/v1/roles",
            "/v1/configuration",
        ] {
            let reply = call(&app, Method::GET, path).send().await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{path}");
            assert_eq!(reply.code(), "unauthorized");
            let bogus = call(&app, Method::GET, path)
                .as_("sbp_not-a-real-token")
                .send()
                .await;
            assert_eq!(bogus.status, StatusCode::UNAUTHORIZED, "{path}");
        }
        let member = &team.member_token;
        assert_eq!(
            call(&app, Method::GET, "/v1/members")
                .as_(member)
                .send()
                .await
                .status,
            StatusCode::OK
        );
        for path in ["/v1/invitations", "/v1/audit-events"] {
            let reply = call(&app, Method::GET, path).as_(member).send().await;
            assert_eq!(
                (reply.status, reply.code().as_str()),
                (StatusCode::FORBIDDEN, "forbidden"),
                "{path}"
            );
        }
        let patch = call(&app, Method::PATCH, &format!("/v1/members/{}", team.admin_id))
            .as_(member)
            .header("if-match", "*")
            .json(json!({ "role": "member" }))
            .send()
            .await;
        assert_eq!(patch.status, StatusCode::FORBIDDEN);
        let invite = call(&app, Method::POST, "/v1/invitations")
            .as_(member)
            .header("idempotency-key", "k")
            .json(json!({ "email": "x@example.com" }))
            .send()
            .await;
        assert_eq!(invite.status, StatusCode::FORBIDDEN);
        // An admin cannot change an owner at all, not even the name.
        let rename = call(&app, Method::PATCH, &format!("/v1/members/{}", team.owner_id))
            .as_(&team.admin_token)
            .header("if-match", "*")
            .json(json!({ "name": "Renamed" }))
            .send()
            .await;
        assert_eq!(rename.status, StatusCode::FORBIDDEN);
        let demote = call(&app, Method::PATCH, &format!("/v1/members/{}", team.owner_id))
            .as_(&team.admin_token)
            .header("if-match", "*")
            .json(json!({ "role": "member" }))
            .send()
            .await;
        assert_eq!(demote.status, StatusCode::FORBIDDEN);
        let unknown = call(&app, Method::GET, "/v1/nowhere").as_(member).send().await;
        assert_eq!(
            (unknown.status, unknown.code().as_str()),
            (StatusCode::NOT_FOUND, "not_found")
        );
    }

    pub async fn members_page_without_duplicates_and_filter(backend: TestBackend) {
        let (team, app) = team(backend).await;
        switchboard_server::seed::members(&team.state.db, 47)
            .await
            .unwrap();
        let mut seen = std::collections::HashSet::new();
        let mut cursor: Option<String> = None;
        let mut pages = 0;
        loop {
            let path = match &cursor {
                Some(c) => format!("/v1/members?limit=7&cursor={c}"),
                None => "/v1/members?limit=7".to_owned(),
            };
            let page = call(&app, Method::GET, &path)
                .as_(&team.member_token)
                .send()
                .await;
            assert_eq!(page.status, StatusCode::OK);
            let page = page.json();
            let data = page["data"].as_array().unwrap();
            assert!(data.len() <= 7);
            for member in data {
                assert!(
                    seen.insert(member["id"].as_str().unwrap().to_owned()),
                    "a duplicate across pages"
                );
            }
            pages += 1;
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => break,
            }
        }
        assert_eq!(seen.len(), 50);
        assert_eq!(pages, 8);

        let admins = call(&app, Method::GET, "/v1/members?role=admin")
            .as_(&team.member_token)
            .send()
            .await
            .json();
        assert_eq!(admins["data"].as_array().unwrap().len(), 1);
        let search = call(&app, Method::GET, "/v1/members?q=MIA%20mem")
            .as_(&team.member_token)
            .send()
            .await
            .json();
        assert_eq!(search["data"][0]["email"], "mia.member@example.com");
        assert_eq!(search["data"].as_array().unwrap().len(), 1);
        let literal = call(&app, Method::GET, "/v1/members?q=%25")
            .as_(&team.member_token)
            .send()
            .await
            .json();
        assert_eq!(
            literal["data"].as_array().unwrap().len(),
            0,
            "% is searched literally"
        );
        for (query, code) in [
            ("limit=0", "invalid_limit"),
            ("limit=201", "invalid_limit"),
            ("cursor=bogus", "invalid_cursor"),
            ("role=king", "invalid_query"),
        ] {
            let reply = call(&app, Method::GET, &format!("/v1/members?{query}"))
                .as_(&team.member_token)
                .send()
                .await;
            assert_eq!(
                (reply.status, reply.code()),
                (StatusCode::BAD_REQUEST, code.to_owned()),
                "{query}"
            );
        }
        let missing = call(
            &app,
            Method::GET,
            &format!("/v1/members/{}", uuid::Uuid::now_v7()),
        )
        .as_(&team.member_token)
        .send()
        .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        let malformed = call(&app, Method::GET, "/v1/members/not-a-uuid")
            .as_(&team.member_token)
            .send()
            .await;
        assert_eq!(malformed.status, StatusCode::NOT_FOUND);
    }

    pub async fn writes_need_a_current_etag(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let path = format!("/v1/members/{}", team.member_id);
        let read = call(&app, Method::GET, &path).as_(&team.admin_token).send().await;
        let etag = read.etag();
        let missing = call(&app, Method::PATCH, &path)
            .as_(&team.admin_token)
            .json(json!({ "name": "Mia M" }))
            .send()
            .await;
        assert_eq!(
            (missing.status, missing.code().as_str()),
            (StatusCode::PRECONDITION_REQUIRED, "precondition_required")
        );
        let ok = call(&app, Method::PATCH, &path)
            .as_(&team.admin_token)
            .header("if-match", &etag)
            .json(json!({ "name": "Mia M", "grants": ["view_analytics", "view_analytics"] }))
            .send()
            .await;
        assert_eq!(ok.status, StatusCode::OK);
        assert_ne!(ok.etag(), etag);
        assert_eq!(ok.json()["grants"], json!(["view_analytics"]));
        assert_eq!(
            ok.json()["permissions"],
            json!(["view_analytics", "make_outbound_calls"])
        );
        let stale = call(&app, Method::PATCH, &path)
            .as_(&team.admin_token)
            .header("if-match", &etag)
            .json(json!({ "name": "Lost update" }))
            .send()
            .await;
        assert_eq!(
            (stale.status, stale.code().as_str()),
            (StatusCode::PRECONDITION_FAILED, "precondition_failed")
        );
        let name = call(&app, Method::GET, &path)
            .as_(&team.admin_token)
            .send()
            .await
            .json()["name"]
            .clone();
        assert_eq!(name, "Mia M");
        // The audit log has the change with its actor.
        let events = call(
            &app,
            Method::GET,
            &format!(
                "/v1/audit-events?target={}&actor={}",
                team.member_id, team.admin_id
            ),
        )
        .as_(&team.owner_token)
        .send()
        .await
        .json();
        assert_eq!(events["data"][0]["action"], "member.updated");
        assert_eq!(events["data"][0]["changes"]["name"]["to"], "Mia M");
    }

    pub async fn concurrent_writers_with_one_etag_get_one_412(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let path = format!("/v1/members/{}", team.member_id);
        for round in 0..5 {
            let etag = call(&app, Method::GET, &path)
                .as_(&team.admin_token)
                .send()
                .await
                .etag();
            let a = call(&app, Method::PATCH, &path)
                .as_(&team.admin_token)
                .header("if-match", &etag)
                .json(json!({ "name": format!("A{round}") }))
                .send();
            let b = call(&app, Method::PATCH, &path)
                .as_(&team.owner_token)
                .header("if-match", &etag)
                .json(json!({ "name": format!("B{round}") }))
                .send();
            let (a, b) = tokio::join!(a, b);
            let mut statuses = [a.status, b.status];
            statuses.sort();
            assert_eq!(
                statuses,
                [StatusCode::OK, StatusCode::PRECONDITION_FAILED],
                "round {round}"
            );
        }
    }

    pub async fn the_last_owner_stays(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let path = format!("/v1/members/{}", team.owner_id);
        let demote = call(&app, Method::PATCH, &path)
            .as_(&team.owner_token)
            .header("if-match", "*")
            .json(json!({ "role": "admin" }))
            .send()
            .await;
        assert_eq!(
            (demote.status, demote.code().as_str()),
            (StatusCode::CONFLICT, "last_owner")
        );
        // With a second owner, the first can step down.
        let promote = call(&app, Method::PATCH, &format!("/v1/members/{}", team.admin_id))
            .as_(&team.owner_token)
            .header("if-match", "*")
            .json(json!({ "role": "owner" }))
            .send()
            .await;
        assert_eq!(promote.status, StatusCode::OK);
        let demote = call(&app, Method::PATCH, &path)
            .as_(&team.owner_token)
            .header("if-match", "*")
            .json(json!({ "role": "admin" }))
            .send()
            .await;
        assert_eq!(demote.status, StatusCode::OK);
        let gone = call(&app, Method::DELETE, &format!("/v1/members/{}", team.admin_id))
            .as_(&team.admin_token)
            .header("if-match", "*")
            .send()
            .await;
        assert_eq!(gone.code(), "cannot_remove_self");
    }

    pub async fn recording_policy_is_enforced(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let me = call(&app, Method::GET, "/v1/me")
            .as_(&team.member_token)
            .send()
            .await;
        let on = call(&app, Method::PATCH, "/v1/me")
            .as_(&team.member_token)
            .header("if-match", &me.etag())
            .json(json!({ "recording": { "outbound": true } }))
            .send()
            .await;
        assert_eq!(on.status, StatusCode::OK);
        assert_eq!(
            on.json()["recording"]["outbound"],
            json!({ "enabled": true, "enforced": false })
        );

        let config = call(&app, Method::GET, "/v1/configuration")
            .as_(&team.admin_token)
            .send()
            .await;
        let policy = call(&app, Method::PATCH, "/v1/configuration")
            .as_(&team.admin_token)
            .header("if-match", &config.etag())
            .json(json!({ "recording": { "inbound": "always", "outbound": "never" } }))
            .send()
            .await;
        assert_eq!(policy.status, StatusCode::OK);

        let me = call(&app, Method::GET, "/v1/me")
            .as_(&team.member_token)
            .send()
            .await;
        assert_eq!(
            me.json()["recording"]["inbound"],
            json!({ "enabled": true, "enforced": true })
        );
        assert_eq!(
            me.json()["recording"]["outbound"],
            json!({ "enabled": false, "enforced": true })
        );
        let refused = call(&app, Method::PATCH, "/v1/me")
            .as_(&team.member_token)
            .header("if-match", &me.etag())
            .json(json!({ "recording": { "inbound": false } }))
            .send()
            .await;
        assert_eq!(
            (refused.status, refused.code().as_str()),
            (StatusCode::CONFLICT, "recording_enforced_by_policy")
        );
        // Admins are bound by the policy too.
        let refused = call(&app, Method::PATCH, &format!("/v1/members/{}", team.member_id))
            .as_(&team.admin_token)
            .header("if-match", "*")
            .json(json!({ "recording": { "outbound": true } }))
            .send()
            .await;
        assert_eq!(refused.code(), "recording_enforced_by_policy");
        let members = call(&app, Method::GET, "/v1/members")
            .as_(&team.member_token)
            .send()
            .await
            .json();
        assert!(
            members["data"]
                .as_array()
                .unwrap()
                .iter()
                .all(|m| m["recording"]["inbound"]["enforced"] == true)
        );
    }

    pub async fn invitations_are_idempotent_by_key(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let invite = |key: Option<&'static str>, email: &'static str| {
            let mut c = call(&app, Method::POST, "/v1/invitations")
                .as_(&team.admin_token)
                .json(json!({ "email": email }));
            if let Some(key) = key {
                c = c.header("idempotency-key", key);
            }
            c.send()
        };
        let missing = invite(None, "ana@example.com").await;
        assert_eq!(
            (missing.status, missing.code().as_str()),
            (StatusCode::BAD_REQUEST, "idempotency_key_missing")
        );
        let first = invite(Some("key-1"), "ana@example.com").await;
        assert_eq!(first.status, StatusCode::CREATED);
        assert!(
            first.headers[header::LOCATION]
                .to_str()
                .unwrap()
                .starts_with("/v1/invitations/")
        );
        let replay = invite(Some("key-1"), "ana@example.com").await;
        assert_eq!(replay.status, StatusCode::CREATED);
        assert_eq!(replay.bytes, first.bytes, "replayed byte for byte");
        assert_eq!(replay.headers[header::LOCATION], first.headers[header::LOCATION]);
        let other = invite(Some("key-1"), "ben@example.com").await;
        assert_eq!(
            (other.status, other.code().as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused")
        );
        // A 4xx outcome is replayed too: the same key cannot later succeed.
        let dup = invite(Some("key-2"), "ana@example.com").await;
        assert_eq!(
            (dup.status, dup.code().as_str()),
            (StatusCode::CONFLICT, "invitation_pending")
        );
        // Keys are per credential: the owner's API token has its own key-1.
        let owners = call(&app, Method::POST, "/v1/invitations")
            .as_(&team.owner_token)
            .header("idempotency-key", "key-1")
            .json(json!({ "email": "cai@example.com" }))
            .send()
            .await;
        assert_eq!(owners.status, StatusCode::CREATED);
        let list = call(&app, Method::GET, "/v1/invitations?status=pending")
            .as_(&team.admin_token)
            .send()
            .await
            .json();
        assert_eq!(list["data"].as_array().unwrap().len(), 2);
    }

    /// `POST /v1/invitations` for `email` under `key`.
    async fn invite(app: &Router, token: &str, key: &str, email: &str) -> Reply {
        call(app, Method::POST, "/v1/invitations")
            .as_(token)
            .header("idempotency-key", key)
            .json(json!({ "email": email }))
            .send()
            .await
    }

    /// How many invitations the list finds for `q`.
    async fn invitations_matching(app: &Router, token: &str, q: &str) -> usize {
        let list = call(app, Method::GET, &format!("/v1/invitations?q={q}"))
            .as_(token)
            .send()
            .await
            .json();
        list["data"].as_array().unwrap().len()
    }

    async fn sign_in(app: &Router, team: &TestTeam) -> Value {
        let session = call(app, Method::POST, "/v1/auth/sessions")
            .json(json!({ "email": team.owner_email, "password": team.owner_password }))
            .send()
            .await;
        assert_eq!(session.status, StatusCode::CREATED);
        session.json()
    }

    pub async fn a_key_belongs_to_its_session_across_refreshes(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let ola = async |token: &str| invite(&app, token, "outbox-1", "ola@example.com").await;
        let session = sign_in(&app, &team).await;
        let first = ola(session["access_token"].as_str().unwrap()).await;
        assert_eq!(first.status, StatusCode::CREATED);

        // A refresh issues new tokens for the same session: the retry is answered as the first was.
        let renewed = call(&app, Method::POST, "/v1/auth/refresh")
            .json(json!({ "refresh_token": session["refresh_token"] }))
            .send()
            .await;
        assert_eq!(renewed.status, StatusCode::OK);
        let renewed = renewed.json();
        assert_ne!(renewed["access_token"], session["access_token"]);
        let retried = ola(renewed["access_token"].as_str().unwrap()).await;
        assert_eq!(retried.status, StatusCode::CREATED);
        assert_eq!(retried.bytes, first.bytes, "replayed after the refresh");
        // And after a second refresh, from the tokens the first one gave.
        let again = call(&app, Method::POST, "/v1/auth/refresh")
            .json(json!({ "refresh_token": renewed["refresh_token"] }))
            .send()
            .await
            .json();
        let retried = ola(again["access_token"].as_str().unwrap()).await;
        assert_eq!(retried.bytes, first.bytes, "replayed after two refreshes");

        // Another credential of the same member does not get that answer: its key runs, and the
        // invitation the first request made answers it.
        for other in [
            team.owner_token.clone(),
            sign_in(&app, &team).await["access_token"]
                .as_str()
                .unwrap()
                .to_owned(),
        ] {
            let theirs = ola(&other).await;
            assert_eq!(
                (theirs.status, theirs.code().as_str()),
                (StatusCode::CONFLICT, "invitation_pending")
            );
        }
        assert_eq!(invitations_matching(&app, &team.owner_token, "ola").await, 1);
    }

    /// The state of the record of `key`, if there is one.
    async fn key_state(team: &TestTeam, key: &str) -> Option<String> {
        use sqlx::Row;
        sqlx::query("SELECT state FROM idempotency_keys WHERE key = $1")
            .bind(key)
            .fetch_optional(team.state.db.pool())
            .await
            .unwrap()
            .map(|row| row.try_get("state").unwrap())
    }

    pub async fn a_key_still_in_flight_answers_409(backend: TestBackend) {
        let wait = std::time::Duration::from_millis(300);
        let settings = Settings {
            idempotency_wait: wait,
            ..Settings::default()
        };
        let team = TestTeam::with_settings(backend, settings).await.unwrap();
        let app = app(team.state.clone());
        let sol = || invite(&app, &team.admin_token, "slow", "sol@example.com");

        // The first request claims its key, then waits behind a transaction ahead of it.
        let hold = team.hold_writes().await.unwrap();
        let first = tokio::spawn({
            let (app, token) = (app.clone(), team.admin_token.clone());
            async move { invite(&app, &token, "slow", "sol@example.com").await }
        });
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while key_state(&team, "slow").await.is_none() {
            assert!(
                std::time::Instant::now() < deadline,
                "the first request never claimed its key"
            );
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }

        let started = std::time::Instant::now();
        let second = sol().await;
        assert_eq!(
            (second.status, second.code().as_str()),
            (StatusCode::CONFLICT, "idempotency_key_in_flight"),
            "a retry while the first runs: retryable, unlike invitation_pending or already_member"
        );
        assert!(
            started.elapsed() >= wait,
            "the retry waited for the first request before answering"
        );
        assert!(!first.is_finished());

        // The first goes on, and its answer is the one every later retry gets.
        drop(hold);
        let first = first.await.unwrap();
        assert_eq!(first.status, StatusCode::CREATED);
        let third = sol().await;
        assert_eq!(third.status, StatusCode::CREATED);
        assert_eq!(third.bytes, first.bytes);
        assert_eq!(invitations_matching(&app, &team.admin_token, "sol").await, 1);
    }

    pub async fn idempotency_records_last_a_day_then_are_purged(backend: TestBackend) {
        let (team, app) = team(backend).await;
        const MINUTE: i64 = 60 * 1_000_000;
        const DAY: i64 = 24 * 60 * MINUTE;
        let admin = &team.admin_token;
        // Ages a record as time would.
        let age = async |key: &str, by: i64| {
            let aged = sqlx::query("UPDATE idempotency_keys SET created_at = created_at - $1 WHERE key = $2")
                .bind(by)
                .bind(key)
                .execute(team.state.db.pool())
                .await
                .unwrap();
            assert_eq!(aged.rows_affected(), 1, "a record for {key}");
        };

        let first = invite(&app, admin, "day", "dee@example.com").await;
        assert_eq!(first.status, StatusCode::CREATED);
        age("day", DAY - MINUTE).await;
        let replay = invite(&app, admin, "day", "dee@example.com").await;
        assert_eq!(replay.bytes, first.bytes, "23 h 59 min on, the key still replays");

        // Past 24 hours the record no longer counts: the key runs the request again.
        age("day", 2 * MINUTE).await;
        let id = first.json()["id"].as_str().unwrap().to_owned();
        let revoked = call(&app, Method::POST, &format!("/v1/invitations/{id}/revoke"))
            .as_(&team.admin_token)
            .send()
            .await;
        assert_eq!(revoked.status, StatusCode::OK);
        let anew = invite(&app, admin, "day", "dee@example.com").await;
        assert_eq!(anew.status, StatusCode::CREATED);
        assert_ne!(anew.json()["id"], first.json()["id"], "a new invitation");
        let replay = invite(&app, admin, "day", "dee@example.com").await;
        assert_eq!(replay.bytes, anew.bytes, "and the new answer replays");

        // Records past their day are deleted: by a server's first keyed POST, then once a minute.
        assert_eq!(
            invite(&app, admin, "old", "oz@example.com").await.status,
            StatusCode::CREATED
        );
        assert_eq!(
            invite(&app, admin, "young", "yu@example.com").await.status,
            StatusCode::CREATED
        );
        age("old", DAY + MINUTE).await;
        age("young", DAY - MINUTE).await;
        let restarted =
            switchboard_server::AppState::new(team.state.db.clone(), Settings::default()).unwrap();
        let restarted = switchboard_server::app(restarted);
        assert_eq!(
            invite(&restarted, admin, "next", "nat@example.com").await.status,
            StatusCode::CREATED
        );
        assert_eq!(key_state(&team, "old").await, None, "purged after a day");
        assert_eq!(key_state(&team, "young").await.as_deref(), Some("done"));
        let young = invite(&restarted, admin, "young", "yu@example.com").await;
        assert_eq!(young.status, StatusCode::CREATED, "still replays");
    }

    pub async fn ten_racing_identical_keyed_posts_make_one_invitation(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let posts = (0..10).map(|_| {
            call(&app, Method::POST, "/v1/invitations")
                .as_(&team.admin_token)
                .header("idempotency-key", "race")
                .json(json!({ "email": "racer@example.com", "role": "member" }))
                .send()
        });
        let replies = futures::future::join_all(posts).await;
        for reply in &replies {
            assert_eq!(
                reply.status,
                StatusCode::CREATED,
                "{}",
                String::from_utf8_lossy(&reply.bytes)
            );
            assert_eq!(reply.bytes, replies[0].bytes);
        }
        assert_eq!(invitations_matching(&app, &team.admin_token, "racer").await, 1);
    }

    async fn create_number(app: &Router, token: &str, e164: &str, sharing: &str) -> Value {
        let reply = call(app, Method::POST, "/v1/numbers").as_(token).header("idempotency-key", e164)
            .json(json!({ "e164": e164, "label": "Desk", "country": "NZ", "kind": "geographic", "sharing": sharing }))
            .send().await;
        assert_eq!(
            reply.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&reply.bytes)
        );
        reply.json()
    }

    async fn create_group(app: &Router, token: &str, name: &str) -> Value {
        let reply = call(app, Method::POST, "/v1/groups")
            .as_(token)
            .header("idempotency-key", name)
            .json(json!({ "name": name, "description": "A team" }))
            .send()
            .await;
        assert_eq!(reply.status, StatusCode::CREATED);
        reply.json()
    }

    /// The accept token is only in the recorded email, as an operator would find it.
    async fn accept_token(team: &TestTeam, email: &str) -> String {
        use sqlx::Row;
        let row = sqlx::query(
            "SELECT accept_url FROM outbound_emails WHERE to_address = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(email)
        .fetch_one(team.state.db.pool())
        .await
        .unwrap();
        let url: String = row.try_get("accept_url").unwrap();
        url.split("token=").nth(1).unwrap().to_owned()
    }

    pub async fn invitation_rules_and_accept_carry_numbers_and_groups(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let admin = &team.admin_token;
        let number = create_number(&app, admin, "+6495551234", "direct").await;
        let group = create_group(&app, admin, "Sales").await;
        let invitation = call(&app, Method::POST, "/v1/invitations")
            .as_(admin)
            .header("idempotency-key", "i1")
            .json(
                json!({ "email": "Nia.New@Example.com", "role": "admin", "grants": ["access_call_recordings"],
                          "number_ids": [number["id"]], "group_ids": [group["id"]] }),
            )
            .send()
            .await;
        assert_eq!(
            invitation.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&invitation.bytes)
        );
        let invitation = invitation.json();
        assert_eq!(invitation["email"], "nia.new@example.com");
        assert_eq!(invitation["status"], "pending");
        assert_eq!(invitation["numbers"][0]["e164"], "+6495551234");
        assert_eq!(invitation["groups"][0]["name"], "Sales");
        let number_now = call(
            &app,
            Method::GET,
            &format!("/v1/numbers/{}", number["id"].as_str().unwrap()),
        )
        .as_(admin)
        .send()
        .await
        .json();
        assert_eq!(number_now["assignees"][0]["kind"], "invitation");

        let existing = call(&app, Method::POST, "/v1/invitations")
            .as_(admin)
            .header("idempotency-key", "i2")
            .json(json!({ "email": "mia.member@example.com" }))
            .send()
            .await;
        assert_eq!(
            (existing.status, existing.code().as_str()),
            (StatusCode::CONFLICT, "already_member")
        );
        let owner = call(&app, Method::POST, "/v1/invitations")
            .as_(admin)
            .header("idempotency-key", "i3")
            .json(json!({ "email": "x@example.com", "role": "owner" }))
            .send()
            .await;
        assert_eq!(owner.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(owner.json()["errors"]["role"].is_array());
        let bad = call(&app, Method::POST, "/v1/invitations")
            .as_(admin)
            .header("idempotency-key", "i4")
            .json(json!({ "email": "not an email" }))
            .send()
            .await;
        assert_eq!(bad.json()["errors"]["email"][0], "is not an email address");

        let config = call(&app, Method::GET, "/v1/configuration")
            .as_(admin)
            .send()
            .await;
        call(&app, Method::PATCH, "/v1/configuration")
            .as_(admin)
            .header("if-match", &config.etag())
            .json(json!({ "allowed_email_domains": ["example.com"] }))
            .send()
            .await;
        let foreign = call(&app, Method::POST, "/v1/invitations")
            .as_(admin)
            .header("idempotency-key", "i5")
            .json(json!({ "email": "someone@elsewhere.org" }))
            .send()
            .await;
        assert_eq!(
            (foreign.status, foreign.code().as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, "email_domain_not_allowed")
        );

        let group_path = format!("/v1/groups/{}", group["id"].as_str().unwrap());
        let group_etag = call(&app, Method::GET, &group_path)
            .as_(admin)
            .send()
            .await
            .etag();
        let token = accept_token(&team, "nia.new@example.com").await;
        let weak = call(&app, Method::POST, "/v1/invitations/accept")
            .json(json!({ "token": token, "name": "Nia", "password": "short" }))
            .send()
            .await;
        assert!(weak.json()["errors"]["password"].is_array());
        let accepted = call(&app, Method::POST, "/v1/invitations/accept")
            .json(json!({ "token": token, "name": "Nia New", "password": "a long password" }))
            .send()
            .await;
        assert_eq!(
            accepted.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&accepted.bytes)
        );
        let session = accepted.json();
        let member = &session["member"];
        assert_eq!(member["role"], "admin");
        assert_eq!(member["grants"], json!(["access_call_recordings"]));
        assert_eq!(member["numbers"][0]["e164"], "+6495551234");
        assert_eq!(member["groups"][0]["name"], "Sales");
        let group_now = call(&app, Method::GET, &group_path).as_(admin).send().await;
        assert_ne!(
            group_now.etag(),
            group_etag,
            "the group's member list changed, so did its ETag"
        );
        assert_eq!(group_now.json()["members"][0]["kind"], "member");
        let me = call(&app, Method::GET, "/v1/me")
            .as_(session["access_token"].as_str().unwrap())
            .send()
            .await;
        assert_eq!(me.json()["email"], "nia.new@example.com");
        let again = call(&app, Method::POST, "/v1/invitations/accept")
            .json(json!({ "token": token, "name": "Nia New", "password": "a long password" }))
            .send()
            .await;
        assert_eq!(
            (again.status, again.code().as_str()),
            (StatusCode::CONFLICT, "invitation_accepted")
        );
        let junk = call(&app, Method::POST, "/v1/invitations/accept")
            .json(json!({ "token": "sbi_nothing", "name": "X", "password": "a long password" }))
            .send()
            .await;
        assert_eq!(
            (junk.status, junk.code().as_str()),
            (StatusCode::NOT_FOUND, "invalid_invitation_token")
        );
        let invitation = call(
            &app,
            Method::GET,
            &format!("/v1/invitations/{}", invitation["id"].as_str().unwrap()),
        )
        .as_(admin)
        .send()
        .await
        .json();
        assert_eq!(invitation["status"], "accepted");
        assert_eq!(invitation["member_id"], member["id"]);
        let number_now = call(
            &app,
            Method::GET,
            &format!("/v1/numbers/{}", number["id"].as_str().unwrap()),
        )
        .as_(admin)
        .send()
        .await
        .json();
        assert_eq!(number_now["assignees"][0]["kind"], "member");
        assert_eq!(number_now["assignees"][0]["name"], "Nia New");

        let batch = call(&app, Method::POST, "/v1/invitations/batch").as_(admin).header("idempotency-key", "b1")
            .json(json!({ "invitations": [{ "email": "one@example.com" }, { "email": "mia.member@example.com" }, { "email": "two@example.com", "role": "admin" }] }))
            .send().await;
        assert_eq!(batch.status, StatusCode::OK);
        let results = batch.json()["results"].clone();
        // A malformed item fails the whole batch, naming the item.
        let malformed = call(&app, Method::POST, "/v1/invitations/batch")
            .as_(admin)
            .header("idempotency-key", "b2")
            .json(json!({ "invitations": [{ "email": "three@example.com" }, { "email": "nope" }] }))
            .send()
            .await;
        assert!(malformed.json()["errors"]["invitations[1].email"].is_array());
        let none = call(&app, Method::GET, "/v1/invitations?q=three")
            .as_(admin)
            .send()
            .await
            .json();
        assert_eq!(none["data"].as_array().unwrap().len(), 0);
        assert_eq!(results[0]["invitation"]["email"], "one@example.com");
        assert_eq!(results[1]["error"]["code"], "already_member");
        assert_eq!(results[2]["invitation"]["role"], "admin");
    }

    pub async fn validating_invitations_says_why_each_cannot_be_sent_and_creates_nothing(
        backend: TestBackend,
    ) {
        let (team, app) = team(backend).await;
        let admin = &team.admin_token;
        let pending = call(&app, Method::POST, "/v1/invitations")
            .as_(admin)
            .header("idempotency-key", "v1")
            .json(json!({ "email": "pending@example.com" }))
            .send()
            .await;
        assert_eq!(pending.status, StatusCode::CREATED);
        let config = call(&app, Method::GET, "/v1/configuration")
            .as_(admin)
            .send()
            .await;
        call(&app, Method::PATCH, "/v1/configuration")
            .as_(admin)
            .header("if-match", &config.etag())
            .json(json!({ "allowed_email_domains": ["example.com"] }))
            .send()
            .await;
        let count = |app| async move {
            call(app, Method::GET, "/v1/invitations")
                .as_(admin)
                .send()
                .await
                .json()["data"]
                .as_array()
                .unwrap()
                .len()
        };
        let before = count(&app).await;
        let answer = call(&app, Method::POST, "/v1/invitations/validate")
            .as_(admin)
            .json(json!({ "invitations": [
                { "email": "New.Person@Example.com" },
                { "email": "mia.member@example.com" },
                { "email": "pending@example.com" },
                { "email": "someone@elsewhere.org" },
            ] }))
            .send()
            .await;
        assert_eq!(answer.status, StatusCode::OK);
        let results = answer.json()["results"].clone();
        let codes: Vec<Value> = results
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["error"]["code"].clone())
            .collect();
        assert_eq!(
            codes,
            [
                Value::Null,
                json!("already_member"),
                json!("invitation_pending"),
                json!("email_domain_not_allowed"),
            ]
        );
        assert_eq!(results[0]["email"], "New.Person@Example.com");
        // What the schema forbids is the caller's mistake, not an answer about one person: as for a batch.
        let malformed = call(&app, Method::POST, "/v1/invitations/validate")
            .as_(admin)
            .json(json!({ "invitations": [
                { "email": "new.person@example.com" },
                { "email": "not an address" },
                { "email": "boss@example.com", "role": "owner" },
            ] }))
            .send()
            .await;
        assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
        let errors = malformed.json()["errors"].clone();
        assert!(errors["invitations[1].email"].is_array(), "{errors}");
        assert!(errors["invitations[2].role"].is_array(), "{errors}");
        assert_eq!(count(&app).await, before, "validating created an invitation");
        let empty = call(&app, Method::POST, "/v1/invitations/validate")
            .as_(admin)
            .json(json!({ "invitations": [] }))
            .send()
            .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    }

    pub async fn the_configured_invitation_lifetime_is_applied(backend: TestBackend) {
        use time::OffsetDateTime;
        use time::format_description::well_known::Rfc3339;
        let (team, app) = team(backend).await;
        let admin = &team.admin_token;
        let at = |invitation: &Value, field: &str| {
            OffsetDateTime::parse(invitation[field].as_str().unwrap(), &Rfc3339).unwrap()
        };
        let lifetime = async |hours: u32| {
            let config = call(&app, Method::GET, "/v1/configuration")
                .as_(admin)
                .send()
                .await;
            let patched = call(&app, Method::PATCH, "/v1/configuration")
                .as_(admin)
                .header("if-match", &config.etag())
                .json(json!({ "invitation_lifetime_hours": hours }))
                .send()
                .await;
            assert_eq!(patched.status, StatusCode::OK);
        };
        let close_to = |got: time::Duration, want: time::Duration| {
            assert!(
                (got - want).abs() <= time::Duration::seconds(1),
                "expected {want}, got {got}"
            );
        };

        lifetime(5).await;
        let invitation = invite(&app, admin, "life", "liv@example.com").await.json();
        close_to(
            at(&invitation, "expires_at") - at(&invitation, "created_at"),
            time::Duration::hours(5),
        );

        // Resending renews it with the lifetime configured then.
        lifetime(48).await;
        let id = invitation["id"].as_str().unwrap();
        let resent = call(&app, Method::POST, &format!("/v1/invitations/{id}/resend"))
            .as_(admin)
            .send()
            .await
            .json();
        close_to(
            at(&resent, "expires_at") - at(&resent, "updated_at"),
            time::Duration::hours(48),
        );
        assert!(at(&resent, "updated_at") > at(&invitation, "created_at"));
    }

    pub async fn resend_revoke_and_expiry(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let admin = &team.admin_token;
        let invitation = call(&app, Method::POST, "/v1/invitations")
            .as_(admin)
            .header("idempotency-key", "r1")
            .json(json!({ "email": "rhys@example.com" }))
            .send()
            .await
            .json();
        let id = invitation["id"].as_str().unwrap().to_owned();
        let old_token = accept_token(&team, "rhys@example.com").await;
        // Expire it in the database, as time would.
        sqlx::query("UPDATE invitations SET expires_at = 1 WHERE id = $1")
            .bind(&id)
            .execute(team.state.db.pool())
            .await
            .unwrap();
        let expired = call(&app, Method::GET, &format!("/v1/invitations/{id}"))
            .as_(admin)
            .send()
            .await
            .json();
        assert_eq!(expired["status"], "expired");
        let listed = call(&app, Method::GET, "/v1/invitations?status=expired")
            .as_(admin)
            .send()
            .await
            .json();
        assert_eq!(listed["data"][0]["id"], id.as_str());
        let late = call(&app, Method::POST, "/v1/invitations/accept")
            .json(json!({ "token": old_token, "name": "Rhys", "password": "long enough" }))
            .send()
            .await;
        assert_eq!(
            (late.status, late.code().as_str()),
            (StatusCode::GONE, "invitation_expired")
        );
        // An expired invitation is still open, stored as expired or only past its time: it can be
        // changed and given groups before it is resent.
        sqlx::query("UPDATE invitations SET status = 'expired' WHERE id = $1")
            .bind(&id)
            .execute(team.state.db.pool())
            .await
            .unwrap();
        let group = call(&app, Method::POST, "/v1/groups")
            .as_(admin)
            .header("idempotency-key", "r-group")
            .json(json!({ "name": "Night shift", "description": "" }))
            .send()
            .await;
        let joined = call(
            &app,
            Method::PUT,
            &format!("/v1/groups/{}/members/{id}", group.json()["id"].as_str().unwrap()),
        )
        .as_(admin)
        .header("if-match", &group.etag())
        .send()
        .await;
        assert_eq!(joined.status, StatusCode::OK);
        assert_eq!(joined.json()["members"][0]["id"], id.as_str());

        let resent = call(&app, Method::POST, &format!("/v1/invitations/{id}/resend"))
            .as_(admin)
            .send()
            .await;
        assert_eq!(resent.status, StatusCode::OK);
        assert_eq!(resent.json()["status"], "pending");
        let new_token = accept_token(&team, "rhys@example.com").await;
        assert_ne!(new_token, old_token);
        let stale = call(&app, Method::POST, "/v1/invitations/accept")
            .json(json!({ "token": old_token, "name": "Rhys", "password": "long enough" }))
            .send()
            .await;
        assert_eq!(
            stale.code(),
            "invalid_invitation_token",
            "the old link stops working"
        );

        let patched = call(&app, Method::PATCH, &format!("/v1/invitations/{id}"))
            .as_(admin)
            .header("if-match", &resent.etag())
            .json(json!({ "role": "admin" }))
            .send()
            .await;
        assert_eq!(patched.json()["role"], "admin");
        let revoked = call(&app, Method::POST, &format!("/v1/invitations/{id}/revoke"))
            .as_(admin)
            .send()
            .await;
        assert_eq!(revoked.json()["status"], "revoked");
        let after = call(&app, Method::POST, "/v1/invitations/accept")
            .json(json!({ "token": new_token, "name": "Rhys", "password": "long enough" }))
            .send()
            .await;
        assert_eq!(
            (after.status, after.code().as_str()),
            (StatusCode::GONE, "invitation_revoked")
        );
        let resend = call(&app, Method::POST, &format!("/v1/invitations/{id}/resend"))
            .as_(admin)
            .send()
            .await;
        assert_eq!(resend.code(), "invitation_revoked");
    }

    pub async fn numbers_direct_and_shared(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let admin = &team.admin_token;
        let direct = create_number(&app, admin, "+6495550001", "direct").await;
        let path = format!("/v1/numbers/{}", direct["id"].as_str().unwrap());
        let etag = call(&app, Method::GET, &path).as_(admin).send().await.etag();
        let first = call(&app, Method::PUT, &format!("{path}/assignees/{}", team.member_id))
            .as_(admin)
            .header("if-match", &etag)
            .send()
            .await;
        assert_eq!(first.status, StatusCode::OK);
        let second = call(&app, Method::PUT, &format!("{path}/assignees/{}", team.admin_id))
            .as_(admin)
            .header("if-match", &first.etag())
            .send()
            .await;
        assert_eq!(
            (second.status, second.code().as_str()),
            (StatusCode::CONFLICT, "number_already_assigned")
        );
        let nobody = call(
            &app,
            Method::PUT,
            &format!("{path}/assignees/{}", uuid::Uuid::now_v7()),
        )
        .as_(admin)
        .header("if-match", "*")
        .send()
        .await;
        assert_eq!(nobody.status, StatusCode::NOT_FOUND);
        let shared = call(&app, Method::PATCH, &path)
            .as_(admin)
            .header("if-match", &first.etag())
            .json(json!({ "sharing": "shared", "label": "Front desk" }))
            .send()
            .await;
        assert_eq!(shared.json()["sharing"], "shared");
        let both = call(&app, Method::PUT, &format!("{path}/assignees/{}", team.admin_id))
            .as_(admin)
            .header("if-match", &shared.etag())
            .send()
            .await;
        assert_eq!(both.json()["assignees"].as_array().unwrap().len(), 2);
        let back = call(&app, Method::PATCH, &path)
            .as_(admin)
            .header("if-match", &both.etag())
            .json(json!({ "sharing": "direct" }))
            .send()
            .await;
        assert_eq!(back.code(), "number_has_several_assignees");
        let member = call(&app, Method::GET, &format!("/v1/members/{}", team.member_id))
            .as_(admin)
            .send()
            .await
            .json();
        assert_eq!(member["numbers"][0]["label"], "Front desk");

        let reserve = create_number(&app, admin, "+6495550002", "direct").await;
        let unassigned = call(&app, Method::GET, "/v1/numbers?assigned=false")
            .as_(admin)
            .send()
            .await
            .json();
        assert_eq!(unassigned["data"].as_array().unwrap().len(), 1);
        assert_eq!(unassigned["data"][0]["id"], reserve["id"]);
        let search = call(&app, Method::GET, "/v1/numbers?q=front")
            .as_(&team.member_token)
            .send()
            .await
            .json();
        assert_eq!(search["data"].as_array().unwrap().len(), 1);
        let off = call(
            &app,
            Method::DELETE,
            &format!("{path}/assignees/{}", team.admin_id),
        )
        .as_(admin)
        .header("if-match", &both.etag())
        .send()
        .await;
        assert_eq!(off.json()["assignees"].as_array().unwrap().len(), 1);
        let bad = call(&app, Method::POST, "/v1/numbers").as_(admin).header("idempotency-key", "bad")
            .json(json!({ "e164": "09 555", "country": "New Zealand", "kind": "geographic", "sharing": "direct" })).send().await;
        let errors = bad.json()["errors"].clone();
        assert!(errors["e164"].is_array() && errors["country"].is_array());
        let duplicate = call(&app, Method::POST, "/v1/numbers")
            .as_(admin)
            .header("idempotency-key", "dup")
            .json(
                json!({ "e164": "+6495550002", "country": "NZ", "kind": "geographic", "sharing": "direct" }),
            )
            .send()
            .await;
        assert_eq!(duplicate.code(), "number_exists");
        let member_write = call(&app, Method::PATCH, &path)
            .as_(&team.member_token)
            .header("if-match", "*")
            .json(json!({ "label": "x" }))
            .send()
            .await;
        assert_eq!(member_write.status, StatusCode::FORBIDDEN);
    }

    pub async fn groups_crud_and_principals(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let admin = &team.admin_token;
        let group = create_group(&app, admin, "Support").await;
        let dup = call(&app, Method::POST, "/v1/groups")
            .as_(admin)
            .header("idempotency-key", "dup")
            .json(json!({ "name": "Support" }))
            .send()
            .await;
        assert_eq!(dup.code(), "group_exists");
        let path = format!("/v1/groups/{}", group["id"].as_str().unwrap());
        let read = call(&app, Method::GET, &path).as_(admin).send().await;
        let added = call(&app, Method::PUT, &format!("{path}/members/{}", team.member_id))
            .as_(admin)
            .header("if-match", &read.etag())
            .send()
            .await;
        assert_eq!(added.status, StatusCode::OK);
        assert_eq!(added.json()["members"][0]["name"], "Mia Member");
        let invitation = call(&app, Method::POST, "/v1/invitations")
            .as_(admin)
            .header("idempotency-key", "g1")
            .json(json!({ "email": "gia@example.com" }))
            .send()
            .await
            .json();
        let with_invite = call(
            &app,
            Method::PUT,
            &format!("{path}/members/{}", invitation["id"].as_str().unwrap()),
        )
        .as_(admin)
        .header("if-match", &added.etag())
        .send()
        .await;
        assert_eq!(with_invite.json()["members"][1]["kind"], "invitation");
        let stale = call(&app, Method::PUT, &format!("{path}/members/{}", team.admin_id))
            .as_(admin)
            .header("if-match", &added.etag())
            .send()
            .await;
        assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
        let filtered = call(
            &app,
            Method::GET,
            &format!("/v1/members?group_id={}", group["id"].as_str().unwrap()),
        )
        .as_(admin)
        .send()
        .await
        .json();
        assert_eq!(filtered["data"].as_array().unwrap().len(), 1);
        let removed = call(
            &app,
            Method::DELETE,
            &format!("{path}/members/{}", team.member_id),
        )
        .as_(admin)
        .header("if-match", &with_invite.etag())
        .send()
        .await;
        assert_eq!(removed.json()["members"].as_array().unwrap().len(), 1);
        let renamed = call(&app, Method::PATCH, &path)
            .as_(admin)
            .header("if-match", &removed.etag())
            .json(json!({ "name": "Customer Care" }))
            .send()
            .await;
        assert_eq!(renamed.json()["name"], "Customer Care");
        let empty = call(&app, Method::PATCH, &path)
            .as_(admin)
            .header("if-match", &renamed.etag())
            .json(json!({ "name": "  " }))
            .send()
            .await;
        assert!(empty.json()["errors"]["name"].is_array());
        let deleted = call(&app, Method::DELETE, &path)
            .as_(admin)
            .header("if-match", &renamed.etag())
            .send()
            .await;
        assert_eq!(deleted.status, StatusCode::NO_CONTENT);
        assert_eq!(
            call(&app, Method::GET, &path).as_(admin).send().await.status,
            StatusCode::NOT_FOUND
        );
    }

    pub async fn removing_a_member_with_numbers_needs_a_choice(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let admin = &team.admin_token;
        let leaver = add_member(&team.state.db, "lee@example.com", "Lee Leaver", "member")
            .await
            .unwrap();
        let number = create_number(&app, admin, "+6495550009", "direct").await;
        let npath = format!("/v1/numbers/{}", number["id"].as_str().unwrap());
        call(&app, Method::PUT, &format!("{npath}/assignees/{leaver}"))
            .as_(admin)
            .header("if-match", "*")
            .send()
            .await;
        let path = format!("/v1/members/{leaver}");
        let refused = call(&app, Method::DELETE, &path)
            .as_(admin)
            .header("if-match", "*")
            .send()
            .await;
        assert_eq!(
            (refused.status, refused.code().as_str()),
            (StatusCode::CONFLICT, "member_holds_numbers")
        );
        let moved = call(
            &app,
            Method::DELETE,
            &format!("{path}?reassign_numbers_to={}", team.member_id),
        )
        .as_(admin)
        .header("if-match", "*")
        .send()
        .await;
        assert_eq!(moved.status, StatusCode::NO_CONTENT);
        let number = call(&app, Method::GET, &npath).as_(admin).send().await.json();
        assert_eq!(number["assignees"][0]["id"], team.member_id.as_str());
        assert_eq!(
            call(&app, Method::GET, &path).as_(admin).send().await.status,
            StatusCode::NOT_FOUND
        );
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    /// Red on the left half, blue on the right, encoded as `format`.
    fn halves(size: u32, format: image::ImageFormat) -> Vec<u8> {
        let image = image::RgbImage::from_fn(size, size, |x, _| {
            if x < size / 2 {
                image::Rgb([220, 30, 30])
            } else {
                image::Rgb([30, 30, 220])
            }
        });
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    pub async fn jpeg_and_webp_avatars_are_taken_and_served_as_sent(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let me = &team.member_token;
        let path = format!("/v1/members/{}/avatar", team.member_id);
        for (content_type, format) in [
            ("image/jpeg", image::ImageFormat::Jpeg),
            ("image/webp", image::ImageFormat::WebP),
        ] {
            let etag = call(&app, Method::GET, "/v1/me").as_(me).send().await.etag();
            let uploaded = call(&app, Method::PUT, &path)
                .as_(me)
                .header("if-match", &etag)
                .bytes(content_type, halves(600, format))
                .send()
                .await;
            assert_eq!(
                uploaded.status,
                StatusCode::OK,
                "{content_type}: {}",
                String::from_utf8_lossy(&uploaded.bytes)
            );
            for size in [512u32, 128, 64] {
                let served = call(&app, Method::GET, &format!("{path}?size={size}"))
                    .as_(&team.admin_token)
                    .send()
                    .await;
                assert_eq!(served.status, StatusCode::OK, "{content_type} at {size}");
                let decoded = image::load_from_memory(&served.bytes).unwrap().to_rgb8();
                assert_eq!(decoded.dimensions(), (size, size), "{content_type}");
                // The picture itself came through, not just an image of the right size.
                let left = decoded.get_pixel(size / 8, size / 2);
                let right = decoded.get_pixel(size - size / 8, size / 2);
                assert!(
                    left[0] > 150 && left[2] < 100,
                    "{content_type} at {size}: left {left:?}"
                );
                assert!(
                    right[2] > 150 && right[0] < 100,
                    "{content_type} at {size}: right {right:?}"
                );
            }
        }
    }

    pub async fn avatars_are_validated_resized_and_served(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let me = &team.member_token;
        let path = format!("/v1/members/{}/avatar", team.member_id);
        let etag = call(&app, Method::GET, "/v1/me").as_(me).send().await.etag();
        let uploaded = call(&app, Method::PUT, &path)
            .as_(me)
            .header("if-match", &etag)
            .bytes("image/png", png(300, 300))
            .send()
            .await;
        assert_eq!(
            uploaded.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&uploaded.bytes)
        );
        let avatar_url = uploaded.json()["avatar_url"].as_str().unwrap().to_owned();
        assert!(avatar_url.starts_with(&path));
        for size in [512u32, 128, 64] {
            let image = call(&app, Method::GET, &format!("{path}?size={size}"))
                .as_(&team.admin_token)
                .send()
                .await;
            assert_eq!(image.status, StatusCode::OK);
            assert_eq!(image.headers[header::CONTENT_TYPE], "image/jpeg");
            let decoded = image::load_from_memory(&image.bytes).unwrap();
            assert_eq!((decoded.width(), decoded.height()), (size, size));
        }
        // Other sizes get the smallest stored one at least as large.
        let between = call(&app, Method::GET, &format!("{path}?size=100"))
            .as_(me)
            .send()
            .await;
        assert_eq!(image::load_from_memory(&between.bytes).unwrap().width(), 128);

        let etag = uploaded.etag();
        let put = |content_type: &'static str, body: Vec<u8>| {
            call(&app, Method::PUT, &path)
                .as_(me)
                .header("if-match", &etag)
                .bytes(content_type, body)
                .send()
        };
        assert_eq!(put("image/png", png(300, 200)).await.code(), "avatar_not_square");
        assert_eq!(
            put("image/png", b"not an image at all".to_vec()).await.code(),
            "avatar_undecodable"
        );
        assert_eq!(
            put("image/jpeg", png(100, 100)).await.code(),
            "avatar_undecodable"
        );
        assert_eq!(put("image/png", png(5000, 5000)).await.code(), "avatar_too_large");
        assert_eq!(put("image/png", png(32, 32)).await.code(), "avatar_too_small");
        assert_eq!(
            put("image/gif", png(100, 100)).await.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        let huge = put("image/png", vec![0u8; 5 * 1024 * 1024 + 1]).await;
        assert_eq!(
            (huge.status, huge.code().as_str()),
            (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
        );
        assert_eq!(huge.headers[header::CONTENT_TYPE], "application/problem+json");

        let others = format!("/v1/members/{}/avatar", team.admin_id);
        let forbidden = call(&app, Method::PUT, &others)
            .as_(me)
            .header("if-match", "*")
            .bytes("image/png", png(100, 100))
            .send()
            .await;
        assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
        let by_admin = call(&app, Method::PUT, &path)
            .as_(&team.admin_token)
            .header("if-match", "*")
            .bytes("image/png", png(64, 64))
            .send()
            .await;
        assert_eq!(by_admin.status, StatusCode::OK);
        let deleted = call(&app, Method::DELETE, &path)
            .as_(me)
            .header("if-match", &by_admin.etag())
            .send()
            .await;
        assert_eq!(deleted.json()["avatar_url"], Value::Null);
        assert_eq!(
            call(&app, Method::GET, &path).as_(me).send().await.status,
            StatusCode::NOT_FOUND
        );
        // A photo set after a removal gets a URL no earlier photo had: clients cache by it.
        let again = call(&app, Method::PUT, &path)
            .as_(me)
            .header("if-match", &deleted.etag())
            .bytes("image/png", png(64, 64))
            .send()
            .await;
        let again_url = again.json()["avatar_url"].as_str().unwrap().to_owned();
        for earlier in [&avatar_url, by_admin.json()["avatar_url"].as_str().unwrap()] {
            assert_ne!(&again_url, earlier);
        }
    }

    pub async fn bodies_are_validated(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let admin = &team.admin_token;
        let malformed = call(&app, Method::POST, "/v1/groups")
            .as_(admin)
            .header("idempotency-key", "m")
            .bytes("application/json", b"{\"name\":".to_vec())
            .send()
            .await;
        assert_eq!(
            (malformed.status, malformed.code().as_str()),
            (StatusCode::BAD_REQUEST, "malformed_json")
        );
        let unknown = call(&app, Method::PATCH, "/v1/me")
            .as_(admin)
            .header("if-match", "*")
            .json(json!({ "role": "owner" }))
            .send()
            .await;
        assert_eq!(
            (unknown.status, unknown.code().as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
        );
        let wrong_type = call(&app, Method::PATCH, "/v1/me")
            .as_(admin)
            .header("if-match", "*")
            .bytes("text/plain", b"{}".to_vec())
            .send()
            .await;
        assert_eq!(wrong_type.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let big = call(&app, Method::POST, "/v1/groups")
            .as_(admin)
            .header("idempotency-key", "big")
            .json(json!({ "name": "x".repeat(70 * 1024) }))
            .send()
            .await;
        assert_eq!(
            (big.status, big.code().as_str()),
            (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
        );
        let big_patch = call(&app, Method::PATCH, "/v1/me")
            .as_(admin)
            .header("if-match", "*")
            .json(json!({ "name": "x".repeat(70 * 1024) }))
            .send()
            .await;
        assert_eq!(big_patch.status, StatusCode::PAYLOAD_TOO_LARGE);
        // PostgreSQL cannot store U+0000: refused up front, never a 500.
        let nul = call(&app, Method::PATCH, "/v1/me")
            .as_(admin)
            .header("if-match", "*")
            .json(json!({ "name": "a\u{0}b" }))
            .send()
            .await;
        assert_eq!(
            (nul.status, nul.code().as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
        );
        let nul = call(&app, Method::GET, "/v1/members?q=a%00b")
            .as_(admin)
            .send()
            .await;
        assert_eq!(nul.code(), "invalid_query");
        let method = call(&app, Method::PUT, "/v1/members").as_(admin).send().await;
        assert_eq!(
            (method.status, method.code().as_str()),
            (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed")
        );
    }

    pub async fn configuration_is_validated_and_audited(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let admin = &team.admin_token;
        let read = call(&app, Method::GET, "/v1/configuration")
            .as_(&team.member_token)
            .send()
            .await;
        assert_eq!(
            read.status,
            StatusCode::OK,
            "members may read the policy that binds them"
        );
        let refused = call(&app, Method::PATCH, "/v1/configuration")
            .as_(&team.member_token)
            .header("if-match", &read.etag())
            .json(json!({ "default_role": "admin" }))
            .send()
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let invalid = call(&app, Method::PATCH, "/v1/configuration")
            .as_(admin)
            .header("if-match", &read.etag())
            .json(
                json!({ "default_role": "owner", "invitation_lifetime_hours": 0, "onboarding_url": "ftp://x",
                          "allowed_email_domains": ["not a domain"], "unassigned_numbers": "divert",
                          "team_name": "x".repeat(201) }),
            )
            .send()
            .await;
        let errors = invalid.json()["errors"].clone();
        for field in [
            "default_role",
            "invitation_lifetime_hours",
            "onboarding_url",
            "allowed_email_domains",
            "divert_to",
            "team_name",
        ] {
            assert!(errors[field].is_array(), "{field}: {errors}");
        }
        assert_eq!(
            read.json()["team_name"],
            Value::Null,
            "a new account has no name yet"
        );
        let ok = call(&app, Method::PATCH, "/v1/configuration").as_(admin).header("if-match", &read.etag())
            .json(json!({ "team_name": "  Harbour Dental  ", "default_role": "admin", "invitation_lifetime_hours": 48, "onboarding_url": "https://learn.example.com/x",
                          "allowed_email_domains": ["@Example.com"], "unassigned_numbers": "divert", "divert_to": "+6495550100" }))
            .send().await;
        assert_eq!(
            ok.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&ok.bytes)
        );
        assert_eq!(ok.json()["allowed_email_domains"], json!(["example.com"]));
        assert_eq!(ok.json()["team_name"], "Harbour Dental", "trimmed");
        let cleared = call(&app, Method::PATCH, "/v1/configuration")
            .as_(admin)
            .header("if-match", &ok.etag())
            .json(json!({ "team_name": " " }))
            .send()
            .await;
        assert_eq!(cleared.json()["team_name"], Value::Null, "blank clears the name");
        let stale = call(&app, Method::PATCH, "/v1/configuration")
            .as_(admin)
            .header("if-match", &read.etag())
            .json(json!({}))
            .send()
            .await;
        assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
        let invitation = call(&app, Method::POST, "/v1/invitations")
            .as_(admin)
            .header("idempotency-key", "c")
            .json(json!({ "email": "dee@example.com" }))
            .send()
            .await
            .json();
        assert_eq!(invitation["role"], "admin", "the default role applies");
        let events = call(&app, Method::GET, "/v1/audit-events?since=2000-01-01T00:00:00Z")
            .as_(admin)
            .send()
            .await
            .json();
        let actions: Vec<&str> = events["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(
            &actions[..2],
            ["invitation.created", "configuration.updated"],
            "newest first"
        );
        let roles = call(&app, Method::GET, "/v1/roles")
            .as_(&team.member_token)
            .send()
            .await
            .json();
        assert_eq!(roles[2]["role"], "member");
        assert_eq!(roles[2]["default_permissions"], json!(["make_outbound_calls"]));
    }

    pub async fn api_tokens(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let created = call(&app, Method::POST, "/v1/auth/tokens")
            .as_(&team.member_token)
            .header("idempotency-key", "t")
            .json(json!({ "name": "CI script", "expires_in_days": 30 }))
            .send()
            .await;
        assert_eq!(created.status, StatusCode::CREATED);
        let created = created.json();
        let token = created["token"].as_str().unwrap().to_owned();
        assert!(token.starts_with("sbp_"));
        assert_eq!(
            call(&app, Method::GET, "/v1/me").as_(&token).send().await.json()["id"],
            team.member_id.as_str()
        );
        let listed = call(&app, Method::GET, "/v1/auth/tokens")
            .as_(&token)
            .send()
            .await
            .json();
        assert!(
            listed
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["name"] == "CI script")
        );
        assert!(!listed.to_string().contains(&token), "secrets are shown once");
        let id = created["api_token"]["id"].as_str().unwrap();
        // Tokens have no versions: revoking one takes no If-Match.
        let revoked = call(&app, Method::DELETE, &format!("/v1/auth/tokens/{id}"))
            .as_(&team.member_token)
            .send()
            .await;
        assert_eq!(revoked.status, StatusCode::NO_CONTENT);
        assert_eq!(
            call(&app, Method::GET, "/v1/me").as_(&token).send().await.status,
            StatusCode::UNAUTHORIZED
        );
    }

    /// One member as the sort tests see it.
    #[derive(Debug, Clone)]
    struct Listed {
        id: String,
        name: String,
        email: String,
        role: String,
        created_at: time::OffsetDateTime,
    }

    impl Listed {
        fn of(member: &Value) -> Listed {
            let created_at = member["created_at"].as_str().unwrap();
            Listed {
                id: member["id"].as_str().unwrap().to_owned(),
                name: member["name"].as_str().unwrap().to_owned(),
                email: member["email"].as_str().unwrap().to_owned(),
                role: member["role"].as_str().unwrap().to_owned(),
                created_at: time::OffsetDateTime::parse(
                    created_at,
                    &time::format_description::well_known::Rfc3339,
                )
                .unwrap(),
            }
        }
    }

    /// The order the contract promises, worked out here independently of the server: names ignore
    /// ASCII case only and otherwise compare byte by byte (on both databases), roles go by rank, and
    /// the id breaks every tie.
    fn expected_order(mut members: Vec<Listed>, sort: &str, order: &str) -> Vec<String> {
        let rank = |role: &str| match role {
            "owner" => 0,
            "admin" => 1,
            _ => 2,
        };
        members.sort_by(|a, b| {
            let by_key = match sort {
                "name" => a.name.to_ascii_lowercase().cmp(&b.name.to_ascii_lowercase()),
                "email" => a.email.cmp(&b.email),
                "role" => rank(&a.role)
                    .cmp(&rank(&b.role))
                    .then_with(|| a.name.to_ascii_lowercase().cmp(&b.name.to_ascii_lowercase())),
                "created" => a.created_at.cmp(&b.created_at),
                other => panic!("no sort {other}"),
            };
            by_key.then_with(|| a.id.cmp(&b.id))
        });
        let ids = members.into_iter().map(|m| m.id);
        if order == "desc" {
            ids.rev().collect()
        } else {
            ids.collect()
        }
    }

    /// Walks every page of `/v1/members?{query}`; returns the ids in order, checking that the first page
    /// counts as many members as the walk finds and that the pages after it don't count again.
    async fn walk(app: &Router, token: &str, query: &str, limit: u32) -> Vec<String> {
        let mut ids = Vec::new();
        let mut cursor: Option<String> = None;
        let mut totals = Vec::new();
        loop {
            let mut path = format!("/v1/members?limit={limit}&{query}");
            if let Some(cursor) = &cursor {
                path.push_str(&format!("&cursor={cursor}"));
            }
            let reply = call(app, Method::GET, &path).as_(token).send().await;
            assert_eq!(reply.status, StatusCode::OK, "{path}: {:?}", reply.json());
            let page = reply.json();
            let data = page["data"].as_array().unwrap();
            assert!(data.len() <= limit as usize, "{path}");
            ids.extend(data.iter().map(|m| m["id"].as_str().unwrap().to_owned()));
            totals.push(page["total"].as_u64());
            assert!(totals.len() <= 1000, "{query}: the pages do not end");
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => break,
            }
        }
        assert_eq!(
            totals[0],
            Some(ids.len() as u64),
            "{query}: the first page's total against the members walked"
        );
        assert!(
            totals[1..].iter().all(Option::is_none),
            "{query}: later pages count again: {totals:?}"
        );
        ids
    }

    /// Whether a member passes a filter, as the test works it out.
    type Matches<'a> = Box<dyn Fn(&Listed) -> bool + 'a>;

    /// What [`a_team_to_sort`] made besides the members.
    struct Sortable {
        group: String,
        in_group: Vec<String>,
        deactivated: Vec<String>,
    }

    /// A team whose names tie, differ only in case, and go beyond ASCII; some deactivated, some in
    /// a group.
    async fn a_team_to_sort(team: &TestTeam) -> Sortable {
        let db = &team.state.db;
        // Generated members all join in the same microsecond: ties for `sort=created`.
        switchboard_server::seed::members(db, 40).await.unwrap();
        let names = [
            ("Ana Park", "member"),
            ("Ana Park", "member"),
            ("ana park", "admin"),
            ("ANA PARK", "member"),
            ("Ana Parker", "owner"),
            ("bob", "member"),
            ("Bob", "admin"),
            ("BOB", "owner"),
            ("Émile Zola", "member"),
            ("émile zola", "member"),
            ("Zoë Quinn", "admin"),
            ("zed", "member"),
            ("_under score", "member"),
            ("Ana Park", "admin"),
        ];
        let mut ids = Vec::new();
        for (i, (name, role)) in names.iter().enumerate() {
            let email = format!("sort{i:02}.{}@example.com", 13 - i);
            ids.push(add_member(db, &email, name, role).await.unwrap());
        }
        for id in &ids[..3] {
            sqlx::query("UPDATE members SET status = 'deactivated' WHERE id = $1")
                .bind(id)
                .execute(db.pool())
                .await
                .unwrap();
        }
        let group = uuid::Uuid::now_v7().to_string();
        sqlx::query("INSERT INTO groups (id, name, created_at, updated_at) VALUES ($1, 'Sorters', 0, 0)")
            .bind(&group)
            .execute(db.pool())
            .await
            .unwrap();
        let in_group: Vec<String> = ids.iter().step_by(3).cloned().collect();
        for id in &in_group {
            sqlx::query(
                "INSERT INTO group_principals (group_id, principal_id, kind, added_at) \
                 VALUES ($1, $2, 'member', 0)",
            )
            .bind(&group)
            .bind(id)
            .execute(db.pool())
            .await
            .unwrap();
        }
        Sortable {
            group,
            in_group,
            deactivated: ids[..3].to_vec(),
        }
    }

    pub async fn members_walk_in_every_order_with_a_total(backend: TestBackend) {
        let (team, app) = team(backend).await;
        let made = a_team_to_sort(&team).await;
        let token = team.member_token.as_str();
        let all = call(&app, Method::GET, "/v1/members?limit=200")
            .as_(token)
            .send()
            .await
            .json();
        let everyone: Vec<Listed> = all["data"].as_array().unwrap().iter().map(Listed::of).collect();
        assert_eq!(
            everyone.len(),
            3 + 40 + 14,
            "the test team, the generated and the named"
        );
        assert_eq!(all["total"], 57);
        let default: Vec<String> = everyone.iter().map(|m| m.id.clone()).collect();
        assert_eq!(
            default,
            expected_order(everyone.clone(), "name", "asc"),
            "name, ascending, by default"
        );

        for sort in ["name", "email", "role", "created"] {
            for order in ["asc", "desc"] {
                let want = expected_order(everyone.clone(), sort, order);
                // A page of one puts a page boundary between every two members, ties included.
                for limit in [1, 5, 200] {
                    let got = walk(&app, token, &format!("sort={sort}&order={order}"), limit).await;
                    assert_eq!(got, want, "sort={sort}&order={order}&limit={limit}");
                }
            }
        }
        // The five "Ana Park"s in any case tie on the name; the id orders them, in both directions.
        let by_name = walk(&app, token, "sort=name", 2).await;
        let ana_parks: Vec<&String> = by_name
            .iter()
            .filter(|id| {
                everyone
                    .iter()
                    .any(|m| &m.id == *id && m.name.eq_ignore_ascii_case("ana park"))
            })
            .collect();
        assert_eq!(ana_parks.len(), 5);
        assert!(ana_parks.windows(2).all(|w| w[0] < w[1]), "{ana_parks:?}");
        let position = |id: &String| by_name.iter().position(|x| x == id).unwrap();
        assert_eq!(
            position(ana_parks[4]) - position(ana_parks[0]),
            4,
            "case-insensitive ties sit together"
        );

        let filters: Vec<(String, Matches<'_>)> = vec![
            ("role=admin".into(), Box::new(|m| m.role == "admin")),
            (
                "status=deactivated".into(),
                Box::new(|m| made.deactivated.contains(&m.id)),
            ),
            (
                "status=active".into(),
                Box::new(|m| !made.deactivated.contains(&m.id)),
            ),
            (
                "q=park".into(),
                Box::new(|m| format!("{} {}", m.name, m.email).to_lowercase().contains("park")),
            ),
            (
                "q=%20PARK%20".into(),
                Box::new(|m| format!("{} {}", m.name, m.email).to_lowercase().contains("park")),
            ),
            (
                format!("group_id={}", made.group),
                Box::new(|m| made.in_group.contains(&m.id)),
            ),
            (
                "role=member&q=ana".into(),
                Box::new(|m| m.role == "member" && m.name.to_lowercase().contains("ana")),
            ),
            ("q=nobody-has-this".into(), Box::new(|_| false)),
        ];
        for (filter, matches) in &filters {
            let matching: Vec<Listed> = everyone.iter().filter(|m| matches(m)).cloned().collect();
            let first = call(&app, Method::GET, &format!("/v1/members?limit=1&{filter}"))
                .as_(token)
                .send()
                .await
                .json();
            assert_eq!(first["total"], matching.len(), "{filter}");
            for (sort, order) in [("name", "asc"), ("role", "desc"), ("created", "asc")] {
                let got = walk(&app, token, &format!("{filter}&sort={sort}&order={order}"), 3).await;
                assert_eq!(
                    got,
                    expected_order(matching.clone(), sort, order),
                    "{filter}&sort={sort}&order={order}"
                );
            }
        }
    }

    pub async fn a_member_cursor_only_continues_its_own_order_and_filters(backend: TestBackend) {
        let (team, app) = team(backend).await;
        switchboard_server::seed::members(&team.state.db, 20)
            .await
            .unwrap();
        let token = team.member_token.as_str();
        let cursor_of = |query: &'static str| {
            let app = app.clone();
            async move {
                let page = call(&app, Method::GET, &format!("/v1/members?limit=2&{query}"))
                    .as_(token)
                    .send()
                    .await
                    .json();
                page["next_cursor"].as_str().expect("a next page").to_owned()
            }
        };
        let get = |query: String| {
            let app = app.clone();
            async move {
                call(&app, Method::GET, &format!("/v1/members?{query}"))
                    .as_(token)
                    .send()
                    .await
            }
        };

        let by_name = cursor_of("sort=name").await;
        // The same order and filters, spelled out or left to the defaults, at any page size.
        for same in ["sort=name", "sort=name&order=asc", "", "limit=7"] {
            let reply = get(format!("{same}&cursor={by_name}")).await;
            assert_eq!(reply.status, StatusCode::OK, "{same}: {:?}", reply.json());
        }
        for other in [
            "sort=email",
            "sort=role",
            "sort=created",
            "order=desc",
            "sort=name&order=desc",
            "role=member",
            "status=active",
            "q=a",
            &format!("group_id={}", uuid::Uuid::now_v7()),
        ] {
            let reply = get(format!("{other}&cursor={by_name}")).await;
            assert_eq!(
                (reply.status, reply.code().as_str()),
                (StatusCode::BAD_REQUEST, "invalid_cursor"),
                "a sort=name cursor with {other}"
            );
        }

        // Filters are compared as applied: a search padded with spaces is the same search.
        let searched = cursor_of("q=a&sort=email&order=desc").await;
        let padded = get(format!("q=%20a%20&sort=email&order=desc&cursor={searched}")).await;
        assert_eq!(padded.status, StatusCode::OK, "{:?}", padded.json());
        let other = get(format!("q=b&sort=email&order=desc&cursor={searched}")).await;
        assert_eq!(other.code(), "invalid_cursor");
        let unfiltered = get(format!("sort=email&order=desc&cursor={searched}")).await;
        assert_eq!(unfiltered.code(), "invalid_cursor");

        // A cursor of another list (an id cursor) and nonsense sorts.
        let groups_style = base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            format!("c1:{}", uuid::Uuid::now_v7()),
        );
        for (query, code) in [
            (format!("cursor={groups_style}"), "invalid_cursor"),
            ("sort=age".to_owned(), "invalid_query"),
            ("sort=Name".to_owned(), "invalid_query"),
            ("order=up".to_owned(), "invalid_query"),
        ] {
            let reply = get(query.clone()).await;
            assert_eq!(
                (reply.status, reply.code().as_str()),
                (StatusCode::BAD_REQUEST, code),
                "{query}"
            );
        }
    }

    /// The search `q` answers what a plain scan of names, emails and phone numbers answers, however the
    /// index is kept (members added, renamed, removed, numbers given and taken), and the query reaches
    /// the index rather than reading every member.
    pub async fn member_search_finds_what_a_scan_finds_through_its_index(backend: TestBackend) {
        use switchboard_api::members::ListMembers;
        use switchboard_server::db::{Backend, Sql};
        use switchboard_server::store::members::list_query;

        let (team, app) = team(backend).await;
        let admin = &team.admin_token;
        let db = &team.state.db;
        switchboard_server::seed::members(db, 300).await.unwrap();
        // Phone numbers for a few members, through the API so the index follows real writes.
        let members = call(&app, Method::GET, "/v1/members?limit=200&sort=created")
            .as_(admin)
            .send()
            .await
            .json();
        let ids: Vec<String> = members["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect();
        for (i, e164) in ["+6495550100", "+6495550111", "+442079460000"].iter().enumerate() {
            let number = call(&app, Method::POST, "/v1/numbers")
                .as_(admin)
                .header("idempotency-key", &format!("search-{i}"))
                .json(json!({ "e164": e164, "country": "NZ", "kind": "geographic", "sharing": "direct" }))
                .send()
                .await;
            let assigned = call(
                &app,
                Method::PUT,
                &format!(
                    "/v1/numbers/{}/assignees/{}",
                    number.json()["id"].as_str().unwrap(),
                    ids[10 + i]
                ),
            )
            .as_(admin)
            .header("if-match", &number.etag())
            .send()
            .await;
            assert_eq!(assigned.status, StatusCode::OK);
        }
        // A rename and a removal the index must follow.
        let renamed = call(&app, Method::GET, &format!("/v1/members/{}", ids[20]))
            .as_(admin)
            .send()
            .await;
        call(&app, Method::PATCH, &format!("/v1/members/{}", ids[20]))
            .as_(admin)
            .header("if-match", &renamed.etag())
            .json(json!({ "name": "Zebulon O'Brien-Ünal" }))
            .send()
            .await;
        let removed = call(&app, Method::GET, &format!("/v1/members/{}", ids[30]))
            .as_(admin)
            .send()
            .await;
        let removed_name = removed.json()["name"].as_str().unwrap().to_owned();
        call(&app, Method::DELETE, &format!("/v1/members/{}", ids[30]))
            .as_(admin)
            .header("if-match", &removed.etag())
            .send()
            .await;

        let found = |q: &str| {
            let app = &app;
            let q = q.to_owned();
            async move {
                let mut seen = Vec::new();
                let mut cursor = String::new();
                loop {
                    let encoded: String = url::form_urlencoded::byte_serialize(q.as_bytes()).collect();
                    let mut url = format!("/v1/members?limit=200&q={encoded}");
                    if !cursor.is_empty() {
                        url.push_str(&format!("&cursor={cursor}"));
                    }
                    let page = call(app, Method::GET, &url).as_(admin).send().await.json();
                    for member in page["data"].as_array().unwrap() {
                        seen.push(member["id"].as_str().unwrap().to_owned());
                    }
                    match page["next_cursor"].as_str() {
                        Some(next) => cursor = next.to_owned(),
                        None => break,
                    }
                }
                seen.sort();
                seen
            }
        };
        // The scan: every member whose name or email holds q, ignoring ASCII case, or who has a number
        // holding q's digits.
        let scanned = |q: &str| {
            let q = q.to_owned();
            async move {
                let like = |text: &str| {
                    let mut pattern = String::from("%");
                    for c in text.to_lowercase().chars() {
                        if matches!(c, '%' | '_' | '\\') {
                            pattern.push('\\');
                        }
                        pattern.push(c);
                    }
                    pattern.push('%');
                    pattern
                };
                let digits: String = q
                    .chars()
                    .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
                    .collect();
                let numeric = digits.trim_start_matches('+').len() >= 3
                    && digits.trim_start_matches('+').chars().all(|c| c.is_ascii_digit());
                let rows = sqlx::query(
                    "SELECT id FROM members WHERE lower(name) LIKE $1 ESCAPE '\\' OR lower(email) LIKE $1 ESCAPE '\\' \
                     OR ($2 = 1 AND id IN (SELECT a.principal_id FROM number_assignees a \
                     JOIN numbers n ON n.id = a.number_id WHERE n.e164 LIKE $3 ESCAPE '\\'))",
                )
                .bind(like(&q))
                .bind(i64::from(numeric))
                .bind(like(&digits))
                .fetch_all(db.pool())
                .await
                .unwrap();
                let mut ids: Vec<String> = rows.iter().map(|r| sqlx::Row::get(r, "id")).collect();
                ids.sort();
                ids
            }
        };
        let first_name = members["data"][0]["name"]
            .as_str()
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .to_owned();
        for q in [
            first_name.as_str(),
            &first_name.to_uppercase(),
            "an",
            "a",
            "@",
            "example",
            "o'brien",
            "ZEBULON",
            "+649",
            "555 01",
            "(0)20 7946",
            "79460000",
            "%",
            "_",
            "\"quoted\"",
            "nobody-has-this",
            removed_name.as_str(),
        ] {
            let found = found(q).await;
            assert_eq!(found, scanned(q).await, "q={q:?}");
            if ["ZEBULON", "+649", "555 01"].contains(&q) {
                assert!(!found.is_empty(), "q={q:?} finds someone");
            }
        }

        // The query plan: the index, not a read of every member (on a team large enough that the
        // planner prefers an index over reading a few pages).
        switchboard_server::seed::members(db, 5000).await.unwrap();
        let mut conn = db.pool().acquire().await.unwrap();
        if db.backend() == Backend::Postgres {
            sqlx::query("SET enable_seqscan = off")
                .execute(&mut *conn)
                .await
                .unwrap();
            sqlx::query("ANALYZE").execute(&mut *conn).await.unwrap();
        }
        for q in ["park", "5550100"] {
            let query = ListMembers {
                q: Some(q.to_owned()),
                ..ListMembers::default()
            };
            let list = list_query(db.backend(), &query);
            let page = list.page_sql(None, 51);
            // The first page's count reads every match: the query that most needs the index.
            let mut count = Sql::new("SELECT COUNT(*) AS n FROM members WHERE 1 = 1");
            count.append(&list.filters);
            let explain = match db.backend() {
                Backend::Sqlite => "EXPLAIN QUERY PLAN",
                Backend::Postgres => "EXPLAIN",
            };
            let mut plans = Vec::new();
            for sql in [&page, &count] {
                let explained = Sql {
                    text: format!("{explain} {}", sql.text),
                    args: sql.args.clone(),
                };
                let plan: Vec<String> = explained
                    .query()
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap()
                    .iter()
                    .map(|row| {
                        let column = if db.backend() == Backend::Sqlite { 3 } else { 0 };
                        sqlx::Row::try_get::<String, _>(row, column).unwrap()
                    })
                    .collect();
                plans.push(plan.join("\n"));
            }
            let plan = plans.join("\n---\n");
            match db.backend() {
                Backend::Sqlite => assert!(plan.contains("VIRTUAL TABLE INDEX"), "q={q}: {plan}"),
                Backend::Postgres => {
                    assert!(plans[1].contains("members_name_trgm"), "q={q}: {plan}");
                    assert!(plans[1].contains("members_email_trgm"), "q={q}: {plan}");
                }
            }
            // A number's digits reach members through the (small) numbers table, never a read of them all.
            assert!(
                !plan.contains("Seq Scan on members") && !plan.contains("SCAN members"),
                "q={q}: {plan}"
            );
        }
    }

    /// Every order is one walk of its index (the migrations' `members_by_*`), never a scan and sort
    /// of the whole team: the expressions of the query and of the index must stay identical.
    pub async fn every_member_order_walks_its_index(backend: TestBackend) {
        use switchboard_api::members::{ListMembers, MemberSort};
        use switchboard_api::page::SortOrder;
        use switchboard_server::db::{Backend, Sql};
        use switchboard_server::keyset::KeyValue;
        use switchboard_server::store::members::list_query;

        let (team, _app) = team(backend).await;
        let db = &team.state.db;
        switchboard_server::seed::members(db, 300).await.unwrap();
        let mut conn = db.pool().acquire().await.unwrap();
        if db.backend() == Backend::Postgres {
            // A small table is cheaper to scan and sort; the question is whether the index can serve.
            sqlx::query("SET enable_seqscan = off")
                .execute(&mut *conn)
                .await
                .unwrap();
            sqlx::query("ANALYZE members").execute(&mut *conn).await.unwrap();
        }
        let id = uuid::Uuid::now_v7().to_string();
        for (sort, name, key) in [
            (MemberSort::Name, "name", vec![KeyValue::Text("m".into())]),
            (MemberSort::Email, "email", vec![KeyValue::Text("m".into())]),
            (
                MemberSort::Role,
                "role",
                vec![KeyValue::Int(1), KeyValue::Text("m".into())],
            ),
            (MemberSort::Created, "created", vec![KeyValue::Int(0)]),
        ] {
            for order in [SortOrder::Asc, SortOrder::Desc] {
                for after in [None, Some((key.clone(), id.clone()))] {
                    let query = ListMembers {
                        sort: Some(sort),
                        order: Some(order),
                        ..ListMembers::default()
                    };
                    let sql = list_query(db.backend(), &query).page_sql(after.as_ref(), 51);
                    let explain = match db.backend() {
                        Backend::Sqlite => "EXPLAIN QUERY PLAN",
                        Backend::Postgres => "EXPLAIN",
                    };
                    let explained = Sql {
                        text: format!("{explain} {}", sql.text),
                        args: sql.args.clone(),
                    };
                    let rows = explained.query().fetch_all(&mut *conn).await.unwrap();
                    let plan: Vec<String> = rows
                        .iter()
                        .map(|row| {
                            let column = if db.backend() == Backend::Sqlite { 3 } else { 0 };
                            sqlx::Row::try_get::<String, _>(row, column).unwrap()
                        })
                        .collect();
                    let plan = plan.join("\n");
                    let what = format!("{name} {order:?} after={}: {plan}", after.is_some());
                    // SQLite serves the email order from the UNIQUE constraint's own index.
                    let index = if db.backend() == Backend::Sqlite && sort == MemberSort::Email {
                        "USING INDEX sqlite_autoindex_members".to_owned()
                    } else {
                        format!("members_by_{name}")
                    };
                    assert!(plan.contains(&index), "{what}");
                    assert!(!plan.contains("TEMP B-TREE") && !plan.contains("Sort"), "{what}");
                    if after.is_some() {
                        // The cursor is where the index walk starts, not a filter on a walk from the top.
                        let range = match db.backend() {
                            Backend::Sqlite => "SEARCH",
                            Backend::Postgres => "Index Cond",
                        };
                        assert!(plan.contains(range), "{what}");
                    }
                }
            }
        }
    }
}
