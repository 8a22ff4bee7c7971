//! The SCIM 2.0 service provider (`/scim/v2`) in-process, on SQLite and — when
//! `SWITCHBOARD_TEST_POSTGRES_URL` is set — on PostgreSQL, driven with the requests Okta and Microsoft
//! Entra ID send when they provision a team: their filters, their PATCH shapes (no-path values, value
//! filters in paths, capitalised op names, booleans as strings), their group membership changes. Around
//! them: the SCIM error bodies, the provisioning tokens' scope, ETags, paging, attribute projection,
//! the audit trail, and what provisioning does to members seen through `/v1`.
//! (scripts/scim-tester.sh checks RFC conformance in general against the real binary.)

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use switchboard_server::app;
use switchboard_server_testing::{TestBackend, TestTeam, backends};
use tower::ServiceExt;

const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const LIST: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const ERROR: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
const SCIM_JSON: &str = "application/scim+json";

/// One answer, read whole.
struct Answer {
    status: u16,
    headers: HeaderMap,
    text: String,
    /// `Null` when the body is empty or not JSON.
    body: Value,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `id`s of a ListResponse's resources, in the order given.
    fn ids(&self) -> Vec<String> {
        self.body["Resources"]
            .as_array()
            .map(|all| {
                all.iter()
                    .map(|r| r["id"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = self.header("content-type").unwrap_or("-");
        let mut text = self.text.clone();
        if text.len() > 800 {
            text.truncate(800);
            text.push('…');
        }
        write!(f, "HTTP {} {kind} {text}", self.status)
    }
}

/// A team with an identity provider connected to it: the in-process app, the owner's session and a
/// provisioning token created with it.
struct Idp {
    app: Router,
    team: TestTeam,
    /// The owner's session (a `/v1` bearer token).
    owner: String,
    /// The provisioning token's secret and id.
    token: String,
    token_id: String,
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// `?filter=` with the expression encoded as an IdP's HTTP client does.
fn filtered(resource: &str, filter: &str) -> String {
    format!("/{resource}?filter={}", encode(filter))
}

fn patch_op(operations: Value) -> Value {
    json!({"schemas": [PATCH_OP], "Operations": operations})
}

impl Idp {
    async fn connect(backend: TestBackend) -> Idp {
        let team = TestTeam::new(backend).await.expect("a test team");
        let app = app(team.state.clone());
        let mut idp = Idp {
            app,
            team,
            owner: String::new(),
            token: String::new(),
            token_id: String::new(),
        };
        let signed_in = idp
            .v1(
                "POST",
                "/v1/auth/sessions",
                None,
                Some(json!({"email": idp.team.owner_email, "password": idp.team.owner_password})),
            )
            .await;
        assert_eq!(signed_in.status, 201, "owner signs in: {signed_in:?}");
        idp.owner = signed_in.body["access_token"].as_str().unwrap().to_owned();
        let (token, id) = idp.new_token("Okta").await;
        idp.token = token;
        idp.token_id = id;
        idp
    }

    /// `POST /v1/provisioning/tokens` as the owner: the secret and the token's id.
    async fn new_token(&self, name: &str) -> (String, String) {
        let created = self
            .v1(
                "POST",
                "/v1/provisioning/tokens",
                Some(&self.owner),
                Some(json!({"name": name})),
            )
            .await;
        assert_eq!(created.status, 201, "create a provisioning token: {created:?}");
        let secret = created.body["token"].as_str().expect("token").to_owned();
        assert!(secret.len() >= 32, "{created:?}");
        let id = created.body["provisioning_token"]["id"]
            .as_str()
            .expect("id")
            .to_owned();
        assert_eq!(created.body["provisioning_token"]["name"], name);
        (secret, id)
    }

    async fn raw(
        &self,
        method: &str,
        uri: &str,
        bearer: Option<&str>,
        body: Option<(&str, Vec<u8>)>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(token) = bearer {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = match body {
            Some((kind, bytes)) => request.header(header::CONTENT_TYPE, kind).body(Body::from(bytes)),
            None => request.body(Body::empty()),
        }
        .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        let answer = Answer {
            status,
            headers,
            text,
            body,
        };
        if uri.starts_with("/scim/v2") && !answer.text.is_empty() {
            // Every SCIM answer with a body is SCIM JSON, the errors included (an IdP parses both).
            assert!(
                answer
                    .header("content-type")
                    .unwrap_or_default()
                    .starts_with(SCIM_JSON),
                "{method} {uri}: not {SCIM_JSON}: {answer:?}"
            );
        }
        answer
    }

    /// A SCIM request with the provisioning token, `path` under `/scim/v2`, the body as
    /// `application/scim+json` (what both IdPs send).
    async fn scim(&self, method: &str, path: &str, body: Option<Value>, headers: &[(&str, &str)]) -> Answer {
        self.scim_as(Some(&self.token), method, path, body, headers).await
    }

    async fn scim_as(
        &self,
        bearer: Option<&str>,
        method: &str,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let body = body.map(|b| (SCIM_JSON, serde_json::to_vec(&b).unwrap()));
        self.raw(method, &format!("/scim/v2{path}"), bearer, body, headers)
            .await
    }

    async fn get(&self, path: &str) -> Answer {
        self.scim("GET", path, None, &[]).await
    }

    async fn post(&self, path: &str, body: Value) -> Answer {
        self.scim("POST", path, Some(body), &[]).await
    }

    async fn put(&self, path: &str, body: Value) -> Answer {
        self.scim("PUT", path, Some(body), &[]).await
    }

    async fn patch(&self, path: &str, operations: Value) -> Answer {
        self.scim("PATCH", path, Some(patch_op(operations)), &[]).await
    }

    async fn delete(&self, path: &str) -> Answer {
        self.scim("DELETE", path, None, &[]).await
    }

    /// A `/v1` request (JSON), with a fresh `Idempotency-Key` on POSTs and `If-Match: *` on writes, so
    /// its status speaks of the rule under test only.
    async fn v1(&self, method: &str, path: &str, bearer: Option<&str>, body: Option<Value>) -> Answer {
        let key = uuid::Uuid::new_v4().to_string();
        let mut headers = Vec::new();
        if method == "POST" {
            headers.push(("idempotency-key", key.as_str()));
        }
        if matches!(method, "PUT" | "PATCH" | "DELETE") {
            headers.push(("if-match", "*"));
        }
        let body = body.map(|b| ("application/json", serde_json::to_vec(&b).unwrap()));
        self.raw(method, path, bearer, body, &headers).await
    }

    async fn owner_v1(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        self.v1(method, path, Some(&self.owner), body).await
    }

    /// Creates a user the way Okta does; its SCIM representation.
    async fn user(&self, email: &str, given: &str, family: &str) -> Value {
        let created = self
            .post(
                "/Users",
                json!({
                    "schemas": [USER],
                    "userName": email,
                    "name": {"givenName": given, "familyName": family},
                    "emails": [{"primary": true, "value": email, "type": "work"}],
                    "displayName": format!("{given} {family}"),
                    "active": true,
                }),
            )
            .await;
        assert_eq!(created.status, 201, "create {email}: {created:?}");
        created.body
    }

    async fn group(&self, name: &str, members: &[&str]) -> Value {
        let members: Vec<Value> = members.iter().map(|id| json!({"value": id})).collect();
        let created = self
            .post(
                "/Groups",
                json!({"schemas": [GROUP], "displayName": name, "members": members}),
            )
            .await;
        assert_eq!(created.status, 201, "create group {name}: {created:?}");
        created.body
    }

    /// A direct number on the account, assigned to `member` through `/v1`; its id.
    async fn number_for(&self, member: &str, e164: &str) -> String {
        let number = self
            .owner_v1(
                "POST",
                "/v1/numbers",
                Some(json!({"e164": e164, "country": "NZ", "kind": "geographic", "sharing": "direct"})),
            )
            .await;
        assert_eq!(number.status, 201, "create {e164}: {number:?}");
        let id = number.body["id"].as_str().unwrap().to_owned();
        let assigned = self
            .owner_v1("PUT", &format!("/v1/numbers/{id}/assignees/{member}"), None)
            .await;
        assert!(
            (200..300).contains(&assigned.status),
            "assign {e164}: {assigned:?}"
        );
        id
    }

    async fn assignees(&self, number: &str) -> Vec<String> {
        let number = self.owner_v1("GET", &format!("/v1/numbers/{number}"), None).await;
        assert_eq!(number.status, 200, "{number:?}");
        number.body["assignees"]
            .as_array()
            .expect("assignees")
            .iter()
            .map(|a| a["id"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// The newest audit events (up to 200), as the owner reads them.
    async fn audit(&self) -> Vec<Value> {
        let events = self.owner_v1("GET", "/v1/audit-events?limit=200", None).await;
        assert_eq!(events.status, 200, "{events:?}");
        events.body["data"].as_array().cloned().unwrap_or_default()
    }

    /// How many emails the server recorded for `to` (the invitation mail path records each).
    async fn emails_to(&self, to: &str) -> i64 {
        use sqlx::Row;
        sqlx::query("SELECT COUNT(*) AS n FROM outbound_emails WHERE to_address = $1")
            .bind(to)
            .fetch_one(self.team.state.db.pool())
            .await
            .expect("read outbound_emails")
            .try_get::<i64, _>("n")
            .expect("n")
    }
}

/// The SCIM error body RFC 7644 §3.12 describes, with `status` as a string and the given `scimType`
/// (`None`: whatever it is, if any).
#[track_caller]
fn assert_scim_error(answer: &Answer, status: u16, scim_type: Option<&str>) {
    assert_eq!(answer.status, status, "{answer:?}");
    assert_eq!(answer.body["schemas"], json!([ERROR]), "{answer:?}");
    assert_eq!(
        answer.body["status"],
        status.to_string(),
        "status is a string: {answer:?}"
    );
    if let Some(scim_type) = scim_type {
        assert_eq!(answer.body["scimType"], scim_type, "{answer:?}");
    }
    assert!(answer.body["detail"].is_string(), "a detail: {answer:?}");
}

/// Runs each named `async fn NAME(TestBackend)` of `cases` on every configured database.
macro_rules! scim_tests {
    ($($name:ident),* $(,)?) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn $name() {
            for backend in backends() {
                eprintln!("scim::{} on {backend:?}", stringify!($name));
                cases::$name(backend).await;
            }
        }
    )*};
}

scim_tests!(
    discovery_describes_what_is_served,
    okta_provisions_a_user,
    okta_manages_groups,
    entra_provisions_a_user,
    entra_manages_groups,
    other_attributes_are_given_back_as_written,
    errors_are_scim_errors,
    tokens_are_scoped_to_scim,
    versions_and_if_match,
    pages_over_seven_users,
    attributes_and_excluded_attributes,
    filter_operators_and_grouping,
    changes_are_audited_and_members_are_managed,
    deleting_a_user_puts_their_numbers_in_reserve,
    concurrent_patches_lose_nothing,
    an_invited_person_provisioned_later_activates_once,
);

/// The `value`s of a Group's members.
fn member_ids(group: &Value) -> Vec<String> {
    group["members"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|m| m["value"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

mod cases {
    use super::*;

    pub async fn discovery_describes_what_is_served(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let config = idp.get("/ServiceProviderConfig").await;
        assert_eq!(config.status, 200, "{config:?}");
        let config = config.body;
        assert_eq!(
            config["schemas"],
            json!(["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"])
        );
        assert_eq!(config["patch"]["supported"], true, "{config}");
        assert_eq!(config["filter"]["supported"], true, "{config}");
        assert!(
            config["filter"]["maxResults"].as_u64().unwrap_or(0) >= 100,
            "{config}"
        );
        assert_eq!(config["etag"]["supported"], true, "{config}");
        for feature in ["bulk", "sort", "changePassword"] {
            assert!(config[feature]["supported"].is_boolean(), "{feature}: {config}");
        }
        let schemes = config["authenticationSchemes"]
            .as_array()
            .expect("authenticationSchemes");
        assert!(
            schemes.iter().any(|s| s["type"] == "oauthbearertoken"),
            "the bearer token is described: {config}"
        );

        let types = idp.get("/ResourceTypes").await;
        assert_eq!(types.status, 200, "{types:?}");
        let all = types.body["Resources"].as_array().cloned().unwrap_or_default();
        let mut endpoints: Vec<_> = all
            .iter()
            .map(|t| t["endpoint"].as_str().unwrap_or_default())
            .collect();
        endpoints.sort_unstable();
        assert_eq!(endpoints, ["/Groups", "/Users"], "{types:?}");
        let user_type = idp.get("/ResourceTypes/User").await;
        assert_eq!(user_type.status, 200, "{user_type:?}");
        assert_eq!(user_type.body["schema"], USER);
        assert!(
            user_type.body["schemaExtensions"]
                .as_array()
                .is_some_and(|e| e.iter().any(|x| x["schema"] == ENTERPRISE)),
            "the enterprise extension is declared: {user_type:?}"
        );
        let group_type = idp.get("/ResourceTypes/Group").await;
        assert_eq!(
            (group_type.status, group_type.body["schema"].clone()),
            (200, json!(GROUP))
        );
        assert_scim_error(&idp.get("/ResourceTypes/Printer").await, 404, None);

        let schemas = idp.get("/Schemas").await;
        assert_eq!(schemas.status, 200, "{schemas:?}");
        let ids = schemas.ids();
        for urn in [USER, GROUP, ENTERPRISE] {
            assert!(ids.iter().any(|id| id == urn), "{urn} in /Schemas: {ids:?}");
            let one = idp.get(&format!("/Schemas/{urn}")).await;
            assert_eq!((one.status, one.body["id"].clone()), (200, json!(urn)), "{one:?}");
        }
        // What an IdP reads to map its fields: userName is required and unique, groups read-only.
        let user = idp.get(&format!("/Schemas/{USER}")).await.body;
        let attribute = |name: &str| {
            user["attributes"]
                .as_array()
                .and_then(|a| a.iter().find(|x| x["name"] == name).cloned())
                .unwrap_or_else(|| panic!("{name} in the User schema: {user}"))
        };
        assert_eq!(attribute("userName")["required"], true);
        assert_eq!(attribute("userName")["uniqueness"], "server");
        assert_eq!(attribute("groups")["mutability"], "readOnly");
        assert_scim_error(&idp.get("/Schemas/urn:example:nothing").await, 404, None);
    }

    pub async fn okta_provisions_a_user(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let email = "test.user@okta.example.com";
        // Okta first asks whether the user exists: nobody yet, an empty ListResponse.
        let lookup = format!(
            "{}&startIndex=1&count=100",
            filtered("Users", &format!("userName eq \"{email}\""))
        );
        let none = idp.get(&lookup).await;
        assert_eq!(none.status, 200, "{none:?}");
        assert_eq!(none.body["schemas"], json!([LIST]));
        assert_eq!(none.body["totalResults"], 0, "{none:?}");
        assert!(none.ids().is_empty(), "{none:?}");

        let created = idp
            .post(
                "/Users",
                json!({
                    "schemas": [USER],
                    "userName": email,
                    "name": {"givenName": "Test", "familyName": "User"},
                    "emails": [{"primary": true, "value": email, "type": "work"}],
                    "displayName": "Test User",
                    "locale": "en-US",
                    "externalId": "00ujl29u0le5T6Aj10h7",
                    "groups": [],
                    "password": "1mz050nq",
                    "active": true,
                }),
            )
            .await;
        assert_eq!(created.status, 201, "{created:?}");
        let user = created.body.clone();
        let id = user["id"].as_str().expect("id").to_owned();
        assert_eq!(user["userName"], email);
        assert_eq!(user["active"], true);
        assert_eq!(user["externalId"], "00ujl29u0le5T6Aj10h7");
        assert_eq!(user["name"]["givenName"], "Test");
        assert_eq!(user["meta"]["resourceType"], "User");
        let location = created.header("location").expect("a Location");
        assert!(location.ends_with(&format!("/scim/v2/Users/{id}")), "{location}");
        assert_eq!(user["meta"]["location"], location);
        assert_eq!(
            created.header("etag"),
            user["meta"]["version"].as_str(),
            "{created:?}"
        );
        // The password is never stored nor given back: sign-in is the member's own, through the
        // activation email.
        assert!(!created.text.contains("1mz050nq"), "{created:?}");
        assert_eq!(idp.emails_to(email).await, 1, "an activation email to {email}");
        let signed_in = idp
            .v1(
                "POST",
                "/v1/auth/sessions",
                None,
                Some(json!({"email": email, "password": "1mz050nq"})),
            )
            .await;
        assert_eq!(
            signed_in.status, 401,
            "the IdP's password signs nobody in: {signed_in:?}"
        );
        // The activation link sets the provisioned member's password: they sign in as that member,
        // with the name the identity provider gave them, and the link works once.
        let accept_url: String = {
            use sqlx::Row;
            sqlx::query("SELECT accept_url FROM outbound_emails WHERE to_address = $1")
                .bind(email)
                .fetch_one(idp.team.state.db.pool())
                .await
                .expect("the activation email")
                .get("accept_url")
        };
        let link = accept_url
            .split("token=")
            .nth(1)
            .expect("a token in the link")
            .to_owned();
        let activated = idp
            .v1(
                "POST",
                "/v1/invitations/accept",
                None,
                Some(json!({"token": link, "name": "Someone Else", "password": "a long password"})),
            )
            .await;
        assert_eq!(activated.status, 201, "{activated:?}");
        assert_eq!(activated.body["member"]["id"], id.as_str(), "the same member");
        assert_eq!(
            activated.body["member"]["name"], "Test User",
            "the identity provider's name stays"
        );
        let signed_in = idp
            .v1(
                "POST",
                "/v1/auth/sessions",
                None,
                Some(json!({"email": email, "password": "a long password"})),
            )
            .await;
        assert_eq!(signed_in.status, 201, "{signed_in:?}");
        let again = idp
            .v1(
                "POST",
                "/v1/invitations/accept",
                None,
                Some(json!({"token": link, "name": "Someone Else", "password": "another password"})),
            )
            .await;
        assert_eq!(again.status, 409, "the link works once: {again:?}");

        let found = idp.get(&lookup).await;
        assert_eq!(
            (found.body["totalResults"].clone(), found.ids()),
            (json!(1), vec![id.clone()])
        );
        assert_eq!(found.body["startIndex"], 1);
        let path = format!("/Users/{id}");
        let read = idp.get(&path).await;
        assert_eq!(read.status, 200, "{read:?}");
        assert!(!read.text.contains("1mz050nq") && read.body.get("password").is_none());
        assert_eq!(read.body["id"], id.as_str());
        let member = idp.owner_v1("GET", &format!("/v1/members/{id}"), None).await;
        assert_eq!(member.status, 200, "the user is a member: {member:?}");
        assert_eq!(
            (
                member.body["email"].clone(),
                member.body["name"].clone(),
                member.body["status"].clone()
            ),
            (json!(email), json!("Test User"), json!("active"))
        );

        // A full replace, as Okta sends on a profile change.
        let mut replaced = read.body.clone();
        replaced["name"] = json!({"givenName": "Tess", "familyName": "Usher"});
        replaced["displayName"] = json!("Tess Usher");
        replaced["password"] = json!("another-1");
        let put = idp.put(&path, replaced).await;
        assert_eq!(put.status, 200, "{put:?}");
        assert_eq!(put.body["name"]["givenName"], "Tess");
        assert_eq!(put.body["displayName"], "Tess Usher");
        assert!(!put.text.contains("another-1"), "{put:?}");
        let member = idp.owner_v1("GET", &format!("/v1/members/{id}"), None).await;
        assert_eq!(member.body["name"], "Tess Usher", "{member:?}");

        // Deactivation (Okta's no-path form): the member is deactivated and keeps their number.
        let number = idp.number_for(&id, "+6495550101").await;
        let off = idp
            .patch(&path, json!([{"op": "replace", "value": {"active": false}}]))
            .await;
        assert_eq!(off.status, 200, "{off:?}");
        assert_eq!(off.body["active"], false, "{off:?}");
        assert_eq!(idp.get(&path).await.body["active"], false);
        let member = idp.owner_v1("GET", &format!("/v1/members/{id}"), None).await;
        assert_eq!(member.body["status"], "deactivated", "{member:?}");
        assert_eq!(
            idp.assignees(&number).await,
            vec![id.clone()],
            "deactivation keeps numbers"
        );
        let inactive = idp.get(&filtered("Users", "active eq false")).await;
        assert_eq!(inactive.ids(), vec![id.clone()], "{inactive:?}");

        let on = idp
            .patch(&path, json!([{"op": "replace", "value": {"active": true}}]))
            .await;
        assert_eq!(on.body["active"], true, "{on:?}");
        let member = idp.owner_v1("GET", &format!("/v1/members/{id}"), None).await;
        assert_eq!(member.body["status"], "active", "{member:?}");
        // Nothing is sent twice: reactivating is not a new invitation.
        assert_eq!(idp.emails_to(email).await, 1);
    }

    pub async fn okta_manages_groups(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let ann = idp.user("ann@okta.example.com", "Ann", "Able").await;
        let bob = idp.user("bob@okta.example.com", "Bob", "Baker").await;
        let (ann, bob) = (ann["id"].as_str().unwrap(), bob["id"].as_str().unwrap());

        let all = idp.get("/Groups?startIndex=1&count=100").await;
        assert_eq!(
            (all.status, all.body["schemas"].clone()),
            (200, json!([LIST])),
            "{all:?}"
        );

        let created = idp
            .post(
                "/Groups",
                json!({"schemas": [GROUP], "displayName": "Test SCIMv2", "members": []}),
            )
            .await;
        assert_eq!(created.status, 201, "{created:?}");
        let id = created.body["id"].as_str().unwrap().to_owned();
        let path = format!("/Groups/{id}");
        assert_eq!(created.body["displayName"], "Test SCIMv2");
        assert!(
            created
                .header("location")
                .is_some_and(|l| l.ends_with(&format!("/scim/v2{path}")))
        );
        let group = idp.owner_v1("GET", &format!("/v1/groups/{id}"), None).await;
        assert_eq!(
            (group.status, group.body["name"].clone()),
            (200, json!("Test SCIMv2")),
            "{group:?}"
        );

        let added = idp
            .patch(
                &path,
                json!([{"op": "add", "path": "members", "value": [
                    {"value": ann, "display": "ann@okta.example.com"},
                    {"value": bob, "display": "bob@okta.example.com"},
                ]}]),
            )
            .await;
        assert!(matches!(added.status, 200 | 204), "{added:?}");
        let members = |g: &Value| {
            let mut ids: Vec<String> = g["members"]
                .as_array()
                .map(|m| {
                    m.iter()
                        .map(|x| x["value"].as_str().unwrap_or_default().to_owned())
                        .collect()
                })
                .unwrap_or_default();
            ids.sort_unstable();
            ids
        };
        let mut both = vec![ann.to_owned(), bob.to_owned()];
        both.sort_unstable();
        assert_eq!(members(&idp.get(&path).await.body), both);
        let ann_user = idp.get(&format!("/Users/{ann}")).await.body;
        assert!(
            ann_user["groups"]
                .as_array()
                .is_some_and(|g| g.iter().any(|x| x["value"] == id.as_str())),
            "a user lists their groups: {ann_user}"
        );

        let removed = idp
            .patch(
                &path,
                json!([{"op": "remove", "path": format!("members[value eq \"{bob}\"]")}]),
            )
            .await;
        assert!(matches!(removed.status, 200 | 204), "{removed:?}");
        assert_eq!(members(&idp.get(&path).await.body), vec![ann.to_owned()]);

        // A rename in Okta's no-path form, then a full replace that swaps the members.
        let renamed = idp
            .patch(
                &path,
                json!([{"op": "replace", "value": {"id": id, "displayName": "Test SCIMv2 renamed"}}]),
            )
            .await;
        assert!(matches!(renamed.status, 200 | 204), "{renamed:?}");
        assert_eq!(idp.get(&path).await.body["displayName"], "Test SCIMv2 renamed");
        let put = idp
            .put(
                &path,
                json!({"schemas": [GROUP], "id": id, "displayName": "Test SCIMv2",
                       "members": [{"value": bob, "display": "bob@okta.example.com"}]}),
            )
            .await;
        assert_eq!(put.status, 200, "{put:?}");
        assert_eq!(members(&put.body), vec![bob.to_owned()]);
        assert_eq!(put.body["displayName"], "Test SCIMv2");
        let group = idp.owner_v1("GET", &format!("/v1/groups/{id}"), None).await;
        assert_eq!(group.body["name"], "Test SCIMv2", "{group:?}");

        let deleted = idp.delete(&path).await;
        assert_eq!(deleted.status, 204, "{deleted:?}");
        assert_scim_error(&idp.get(&path).await, 404, None);
        assert_eq!(
            idp.owner_v1("GET", &format!("/v1/groups/{id}"), None)
                .await
                .status,
            404
        );
        // Its members stay members.
        assert_eq!(idp.get(&format!("/Users/{bob}")).await.status, 200);
    }

    pub async fn entra_provisions_a_user(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let external = "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef";
        for filter in [
            "userName eq \"Test_User_1@Contoso.example.com\"".to_owned(),
            format!("externalId eq \"{external}\""),
        ] {
            let none = idp.get(&filtered("Users", &filter)).await;
            assert_eq!(
                (none.status, none.body["totalResults"].clone()),
                (200, json!(0)),
                "{filter}: {none:?}"
            );
        }
        let created = idp
            .post(
                "/Users",
                json!({
                    "schemas": [USER, ENTERPRISE],
                    "externalId": external,
                    "userName": "Test_User_1@Contoso.example.com",
                    "active": true,
                    "displayName": "Test User One",
                    "emails": [{"primary": true, "type": "work", "value": "Test_User_1@Contoso.example.com"}],
                    "meta": {"resourceType": "User"},
                    "name": {"formatted": "Test User", "familyName": "User", "givenName": "Test"},
                    "roles": [],
                    ENTERPRISE: {"employeeNumber": "701984", "department": "Tour Operations"},
                }),
            )
            .await;
        assert_eq!(created.status, 201, "{created:?}");
        let id = created.body["id"].as_str().unwrap().to_owned();
        let path = format!("/Users/{id}");
        // userName is the member's email: kept lower-case, found whatever the case asked for.
        assert_eq!(created.body["userName"], "test_user_1@contoso.example.com");
        assert_eq!(created.body["externalId"], external);
        assert_eq!(
            created.body[ENTERPRISE]["employeeNumber"], "701984",
            "{created:?}"
        );
        assert_eq!(created.body[ENTERPRISE]["department"], "Tour Operations");
        for filter in [
            "userName eq \"Test_User_1@Contoso.example.com\"".to_owned(),
            "userName eq \"test_user_1@contoso.example.com\"".to_owned(),
            format!("externalId eq \"{external}\""),
        ] {
            let found = idp.get(&filtered("Users", &filter)).await;
            assert_eq!(found.ids(), vec![id.clone()], "{filter}: {found:?}");
        }

        let patched = idp
            .patch(
                &path,
                json!([
                    {"op": "Replace", "path": "displayName", "value": "Tessa User"},
                    {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "tessa.user@contoso.example.com"},
                    {"op": "Replace", "path": "name.givenName", "value": "Tessa"},
                    {"op": "Add", "path": format!("{ENTERPRISE}:employeeNumber"), "value": "701985"},
                ]),
            )
            .await;
        assert_eq!(patched.status, 200, "{patched:?}");
        let user = idp.get(&path).await.body;
        assert_eq!(user["displayName"], "Tessa User");
        assert_eq!(user["name"]["givenName"], "Tessa");
        assert_eq!(
            user["name"]["familyName"], "User",
            "a sub-attribute replace keeps its siblings"
        );
        assert_eq!(
            user["emails"][0]["value"], "tessa.user@contoso.example.com",
            "{user}"
        );
        assert_eq!(user["emails"][0]["type"], "work");
        assert_eq!(user[ENTERPRISE]["employeeNumber"], "701985", "{user}");
        assert_eq!(user[ENTERPRISE]["department"], "Tour Operations");
        let member = idp.owner_v1("GET", &format!("/v1/members/{id}"), None).await;
        assert_eq!(
            member.body["name"], "Tessa User",
            "displayName is the member's name: {member:?}"
        );

        // Entra sends `active` as a string when its app is not in strict mode.
        let off = idp
            .patch(
                &path,
                json!([{"op": "Replace", "path": "active", "value": "False"}]),
            )
            .await;
        assert_eq!(
            (off.status, off.body["active"].clone()),
            (200, json!(false)),
            "{off:?}"
        );
        let member = idp.owner_v1("GET", &format!("/v1/members/{id}"), None).await;
        assert_eq!(member.body["status"], "deactivated", "{member:?}");
        let on = idp
            .patch(
                &path,
                json!([{"op": "Replace", "path": "active", "value": "True"}]),
            )
            .await;
        assert_eq!(
            (on.status, on.body["active"].clone()),
            (200, json!(true)),
            "{on:?}"
        );

        let deleted = idp.delete(&path).await;
        assert_eq!((deleted.status, deleted.text.as_str()), (204, ""), "{deleted:?}");
        assert_scim_error(&idp.get(&path).await, 404, None);
        assert_eq!(
            idp.owner_v1("GET", &format!("/v1/members/{id}"), None)
                .await
                .status,
            404
        );
        let gone = idp
            .get(&filtered("Users", &format!("externalId eq \"{external}\"")))
            .await;
        assert_eq!(gone.body["totalResults"], 0, "{gone:?}");
        assert_scim_error(&idp.delete(&path).await, 404, None);
    }

    pub async fn entra_manages_groups(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let ann = idp.user("ann@entra.example.com", "Ann", "Able").await;
        let bob = idp.user("bob@entra.example.com", "Bob", "Baker").await;
        let (ann, bob) = (ann["id"].as_str().unwrap(), bob["id"].as_str().unwrap());
        let lookup = format!(
            "{}&excludedAttributes=members",
            filtered("Groups", "displayName eq \"Night Shift\"")
        );
        let none = idp.get(&lookup).await;
        assert_eq!(
            (none.status, none.body["totalResults"].clone()),
            (200, json!(0)),
            "{none:?}"
        );

        let created = idp
            .post(
                "/Groups",
                json!({
                    "schemas": [GROUP],
                    "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
                    "displayName": "Night Shift",
                    "meta": {"resourceType": "Group"},
                }),
            )
            .await;
        assert_eq!(created.status, 201, "{created:?}");
        let id = created.body["id"].as_str().unwrap().to_owned();
        let path = format!("/Groups/{id}");
        assert_eq!(created.body["externalId"], "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159");

        let added = idp
            .patch(
                &path,
                json!([{"op": "Add", "path": "members", "value": [{"$ref": null, "value": ann}, {"value": bob}]}]),
            )
            .await;
        assert!(matches!(added.status, 200 | 204), "{added:?}");
        let found = idp.get(&lookup).await;
        assert_eq!(found.ids(), vec![id.clone()], "{found:?}");
        let listed = &found.body["Resources"][0];
        assert!(
            listed.get("members").is_none(),
            "excludedAttributes=members: {listed}"
        );
        assert_eq!(listed["displayName"], "Night Shift");
        let one = idp.get(&format!("{path}?excludedAttributes=members")).await;
        assert!(
            one.body.get("members").is_none() && one.body["id"] == id.as_str(),
            "{one:?}"
        );
        assert_eq!(
            idp.get(&path).await.body["members"].as_array().map(Vec::len),
            Some(2)
        );

        let removed = idp
            .patch(
                &path,
                json!([{"op": "Remove", "path": "members", "value": [{"value": ann}]}]),
            )
            .await;
        assert!(matches!(removed.status, 200 | 204), "{removed:?}");
        let members = idp.get(&path).await.body["members"].clone();
        assert_eq!(members.as_array().map(Vec::len), Some(1), "{members}");
        assert_eq!(members[0]["value"], bob);

        let renamed = idp
            .patch(
                &path,
                json!([{"op": "Replace", "path": "displayName", "value": "Night Shift (NZ)"}]),
            )
            .await;
        assert!(matches!(renamed.status, 200 | 204), "{renamed:?}");
        assert_eq!(idp.get(&path).await.body["displayName"], "Night Shift (NZ)");
        let by_external = idp
            .get(&filtered(
                "Groups",
                "externalId eq \"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159\"",
            ))
            .await;
        assert_eq!(by_external.ids(), vec![id.clone()], "{by_external:?}");

        assert_eq!(idp.delete(&path).await.status, 204);
        assert_scim_error(&idp.get(&path).await, 404, None);
    }

    pub async fn other_attributes_are_given_back_as_written(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let written = json!({
            "schemas": [USER, ENTERPRISE],
            "userName": "kim.lee@extra.example.com",
            "name": {"givenName": "Kim", "familyName": "Lee", "formatted": "Kim Lee", "middleName": "J"},
            "displayName": "Kim Lee",
            "title": "Duty Manager",
            "phoneNumbers": [{"value": "+64 9 555 0199", "type": "work"}],
            "emails": [
                {"value": "kim.lee@extra.example.com", "type": "work", "primary": true},
                {"value": "kim@home.example.com", "type": "home"},
            ],
            ENTERPRISE: {
                "employeeNumber": "42",
                "costCenter": "Ops",
                "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d"},
            },
            "active": true,
        });
        let created = idp.post("/Users", written.clone()).await;
        assert_eq!(created.status, 201, "{created:?}");
        let id = created.body["id"].as_str().unwrap().to_owned();
        for (when, user) in [
            ("created", created.body.clone()),
            ("read", idp.get(&format!("/Users/{id}")).await.body),
        ] {
            for attribute in ["title", "phoneNumbers", "emails", "name"] {
                assert_eq!(user[attribute], written[attribute], "{when}: {attribute}: {user}");
            }
            assert_eq!(user[ENTERPRISE]["employeeNumber"], "42", "{when}: {user}");
            assert_eq!(user[ENTERPRISE]["costCenter"], "Ops", "{when}: {user}");
            assert_eq!(
                user[ENTERPRISE]["manager"]["value"], "26118915-6090-4610-87e4-49d8ca9f808d",
                "{when}: {user}"
            );
        }
        // The extension as a whole: its URN is the path (one name, not `…:2.0` and `User`); an add
        // merges sub-attributes, a remove takes the whole extension and its schema off the user.
        let path = format!("/Users/{id}");
        let merged = idp
            .patch(
                &path,
                json!([{"op": "add", "path": ENTERPRISE, "value": {"department": "Night Desk"}}]),
            )
            .await;
        assert_eq!(merged.status, 200, "{merged:?}");
        assert_eq!(merged.body[ENTERPRISE]["department"], "Night Desk", "{merged:?}");
        assert_eq!(merged.body[ENTERPRISE]["employeeNumber"], "42", "{merged:?}");
        let split = "urn:ietf:params:scim:schemas:extension:enterprise:2.0";
        assert!(merged.body.get(split).is_none(), "{merged:?}");
        assert!(
            merged.body["schemas"]
                .as_array()
                .is_some_and(|s| s.contains(&json!(ENTERPRISE))),
            "{merged:?}"
        );
        let removed = idp
            .patch(&path, json!([{"op": "remove", "path": ENTERPRISE}]))
            .await;
        assert_eq!(removed.status, 200, "{removed:?}");
        assert!(removed.body.get(ENTERPRISE).is_none(), "{removed:?}");
        assert!(removed.body.get(split).is_none(), "{removed:?}");
        assert_eq!(removed.body["schemas"], json!([USER]), "{removed:?}");
        assert_eq!(removed.body["title"], "Duty Manager", "only the extension went");

        // A PUT without them removes them: a replace is the whole resource.
        let put = idp
            .put(
                &format!("/Users/{id}"),
                json!({"schemas": [USER], "userName": "kim.lee@extra.example.com", "displayName": "Kim Lee",
                       "active": true}),
            )
            .await;
        assert_eq!(put.status, 200, "{put:?}");
        assert!(put.body.get("title").is_none(), "{put:?}");
        assert!(put.body.get(ENTERPRISE).is_none(), "{put:?}");
    }

    pub async fn errors_are_scim_errors(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let user = idp.user("dana@errors.example.com", "Dana", "Doe").await;
        let id = user["id"].as_str().unwrap();
        let path = format!("/Users/{id}");

        for filter in [
            "userName eq",
            "userName zz \"a\"",
            "(userName eq \"a\"",
            "userName eq \"a\" and",
        ] {
            assert_scim_error(
                &idp.get(&filtered("Users", filter)).await,
                400,
                Some("invalidFilter"),
            );
        }
        assert_scim_error(
            &idp.get(&filtered("Groups", "displayName eq")).await,
            400,
            Some("invalidFilter"),
        );

        // The same userName, in another case too, is taken.
        for taken in ["dana@errors.example.com", "Dana@Errors.Example.com"] {
            let duplicate = idp
                .post(
                    "/Users",
                    json!({"schemas": [USER], "userName": taken, "active": true}),
                )
                .await;
            assert_scim_error(&duplicate, 409, Some("uniqueness"));
        }
        let other = idp.user("eve@errors.example.com", "Eve", "Doe").await;
        let renamed = idp
            .patch(
                &format!("/Users/{}", other["id"].as_str().unwrap()),
                json!([{"op": "replace", "path": "userName", "value": "dana@errors.example.com"}]),
            )
            .await;
        assert_scim_error(&renamed, 409, Some("uniqueness"));

        let not_email = idp
            .post(
                "/Users",
                json!({"schemas": [USER], "userName": "dana", "active": true}),
            )
            .await;
        assert_scim_error(&not_email, 400, Some("invalidValue"));
        let no_user_name = idp
            .post("/Users", json!({"schemas": [USER], "active": true}))
            .await;
        assert_scim_error(&no_user_name, 400, None);

        for unknown in [
            "/Users/00000000-0000-4000-8000-000000000000",
            "/Users/not-an-id",
            "/Groups/not-an-id",
        ] {
            assert_scim_error(&idp.get(unknown).await, 404, None);
            let patched = idp
                .patch(
                    unknown,
                    json!([{"op": "replace", "path": "displayName", "value": "x"}]),
                )
                .await;
            assert_scim_error(&patched, 404, None);
        }

        let bad_path = idp
            .patch(
                &path,
                json!([{"op": "replace", "path": "emails[type eq", "value": "x"}]),
            )
            .await;
        assert_scim_error(&bad_path, 400, Some("invalidPath"));
        let no_target = idp
            .patch(&path, json!([{"op": "replace", "path": "emails[type eq \"fax\"].value", "value": "x@y.example.com"}]))
            .await;
        assert_scim_error(&no_target, 400, Some("noTarget"));
        let remove_without_path = idp.patch(&path, json!([{"op": "remove"}])).await;
        assert_scim_error(&remove_without_path, 400, Some("noTarget"));
        let bad_op = idp
            .patch(
                &path,
                json!([{"op": "move", "path": "displayName", "value": "x"}]),
            )
            .await;
        assert_scim_error(&bad_op, 400, None);
        let read_only = idp
            .patch(
                &path,
                json!([{"op": "add", "path": "groups", "value": [{"value": id}]}]),
            )
            .await;
        assert_scim_error(&read_only, 400, Some("mutability"));
        let bad_active = idp
            .patch(
                &path,
                json!([{"op": "replace", "path": "active", "value": "maybe"}]),
            )
            .await;
        assert_scim_error(&bad_active, 400, Some("invalidValue"));

        let malformed = idp
            .raw(
                "POST",
                "/scim/v2/Users",
                Some(&idp.token),
                Some((SCIM_JSON, b"{\"userName\": ".to_vec())),
                &[],
            )
            .await;
        assert_scim_error(&malformed, 400, Some("invalidSyntax"));
        // Plain JSON is accepted as well as SCIM JSON.
        let plain = idp
            .raw(
                "POST",
                "/scim/v2/Users",
                Some(&idp.token),
                Some((
                    "application/json",
                    serde_json::to_vec(&json!({"schemas": [USER], "userName": "plain@errors.example.com"}))
                        .unwrap(),
                )),
                &[],
            )
            .await;
        assert_eq!(plain.status, 201, "{plain:?}");

        // Nothing changed by any refused request.
        let after = idp.get(&path).await.body;
        assert_eq!(
            (after["userName"].clone(), after["displayName"].clone()),
            (json!("dana@errors.example.com"), json!("Dana Doe"))
        );
    }

    pub async fn tokens_are_scoped_to_scim(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let team = &idp.team;
        let refused = |answer: &Answer, what: &str| {
            assert_eq!(answer.status, 401, "{what}: {answer:?}");
        };
        refused(&idp.scim_as(None, "GET", "/Users", None, &[]).await, "no token");
        refused(
            &idp.scim_as(Some("sbp_nope"), "GET", "/Users", None, &[]).await,
            "an unknown token",
        );
        for (who, token) in [
            ("owner session", idp.owner.as_str()),
            ("owner API token", team.owner_token.as_str()),
        ] {
            refused(&idp.scim_as(Some(token), "GET", "/Users", None, &[]).await, who);
        }
        let unauthorised = idp
            .scim_as(None, "GET", "/ServiceProviderConfig", None, &[])
            .await;
        refused(&unauthorised, "discovery needs the token too");
        for path in ["/v1/me", "/v1/members", "/v1/provisioning"] {
            refused(&idp.v1("GET", path, Some(&idp.token), None).await, path);
        }

        let listed = idp.owner_v1("GET", "/v1/provisioning", None).await;
        assert_eq!(listed.status, 200, "{listed:?}");
        assert!(
            listed.body["scim_base_url"]
                .as_str()
                .is_some_and(|u| u.ends_with("/scim/v2")),
            "{listed:?}"
        );
        let tokens = listed.body["tokens"].as_array().expect("tokens").clone();
        let ours = tokens
            .iter()
            .find(|t| t["id"] == idp.token_id.as_str())
            .expect("the token is listed");
        assert_eq!(ours["name"], "Okta");
        assert_eq!(ours["created_by"], team.owner_id.as_str());
        assert!(
            !listed.text.contains(&idp.token),
            "the secret is never listed again"
        );
        assert_eq!(idp.get("/Users").await.status, 200);
        let used = idp.owner_v1("GET", "/v1/provisioning", None).await;
        let ours = used.body["tokens"]
            .as_array()
            .and_then(|t| t.iter().find(|t| t["id"] == idp.token_id.as_str()).cloned())
            .unwrap();
        assert!(ours["last_used_at"].is_string(), "last use recorded: {ours}");

        // Admins see the setup; only owners create or revoke; members see nothing.
        assert_eq!(
            idp.v1("GET", "/v1/provisioning", Some(&team.admin_token), None)
                .await
                .status,
            200
        );
        let by_admin = idp
            .v1(
                "POST",
                "/v1/provisioning/tokens",
                Some(&team.admin_token),
                Some(json!({"name": "x"})),
            )
            .await;
        assert_eq!(by_admin.status, 403, "{by_admin:?}");
        assert_eq!(
            idp.v1("GET", "/v1/provisioning", Some(&team.member_token), None)
                .await
                .status,
            403
        );
        let revoke_path = format!("/v1/provisioning/tokens/{}", idp.token_id);
        assert_eq!(
            idp.v1("DELETE", &revoke_path, Some(&team.admin_token), None)
                .await
                .status,
            403
        );
        assert_eq!(idp.get("/Users").await.status, 200, "still valid");

        // A second token works on its own; revoking one leaves the other.
        let (second, _) = idp.new_token("Entra").await;
        assert_eq!(
            idp.scim_as(Some(&second), "GET", "/Users", None, &[])
                .await
                .status,
            200
        );
        let revoked = idp.owner_v1("DELETE", &revoke_path, None).await;
        assert_eq!(revoked.status, 204, "{revoked:?}");
        refused(&idp.get("/Users").await, "a revoked token");
        assert_eq!(
            idp.scim_as(Some(&second), "GET", "/Users", None, &[])
                .await
                .status,
            200
        );
        let listed = idp.owner_v1("GET", "/v1/provisioning", None).await;
        assert!(
            !listed.body["tokens"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["id"] == idp.token_id.as_str()),
            "a revoked token is not listed: {listed:?}"
        );
        assert_eq!(idp.owner_v1("DELETE", &revoke_path, None).await.status, 404);
    }

    pub async fn versions_and_if_match(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let created = idp.user("vera@etag.example.com", "Vera", "Vance").await;
        let path = format!("/Users/{}", created["id"].as_str().unwrap());
        let read = idp.get(&path).await;
        let version = read.body["meta"]["version"]
            .as_str()
            .expect("meta.version")
            .to_owned();
        assert!(
            version.starts_with("W/\"") && version.ends_with('"'),
            "a weak ETag: {version}"
        );
        assert_eq!(read.header("etag"), Some(version.as_str()), "{read:?}");
        assert!(read.body["meta"]["created"].is_string() && read.body["meta"]["lastModified"].is_string());

        let stale = "W/\"999999\"";
        let ops = json!([{"op": "replace", "path": "displayName", "value": "Vera V"}]);
        let refused = idp
            .scim(
                "PATCH",
                &path,
                Some(patch_op(ops.clone())),
                &[("if-match", stale)],
            )
            .await;
        assert_scim_error(&refused, 412, None);
        let accepted = idp
            .scim("PATCH", &path, Some(patch_op(ops)), &[("if-match", &version)])
            .await;
        assert_eq!(accepted.status, 200, "{accepted:?}");
        let newer = accepted.body["meta"]["version"].as_str().unwrap().to_owned();
        assert_ne!(newer, version, "a change makes a new version");
        assert_eq!(accepted.header("etag"), Some(newer.as_str()));

        // The old version no longer matches any write.
        let mut whole = accepted.body.clone();
        whole["displayName"] = json!("Vera Vance");
        assert_scim_error(
            &idp.scim("PUT", &path, Some(whole.clone()), &[("if-match", &version)])
                .await,
            412,
            None,
        );
        assert_scim_error(
            &idp.scim("DELETE", &path, None, &[("if-match", &version)]).await,
            412,
            None,
        );
        assert_eq!(
            idp.get(&path).await.body["displayName"],
            "Vera V",
            "nothing written"
        );
        let put = idp.scim("PUT", &path, Some(whole), &[("if-match", &newer)]).await;
        assert_eq!(put.status, 200, "{put:?}");
        // A change through /v1 is a change of the SCIM resource as well.
        let before = put.body["meta"]["version"].as_str().unwrap().to_owned();
        let role = idp
            .owner_v1(
                "PATCH",
                &format!("/v1/members/{}", created["id"].as_str().unwrap()),
                Some(json!({"role": "admin"})),
            )
            .await;
        assert_eq!(role.status, 200, "{role:?}");
        let after = idp.get(&path).await.body["meta"]["version"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_scim_error(
            &idp.scim("DELETE", &path, None, &[("if-match", &before)]).await,
            412,
            None,
        );
        assert_eq!(
            idp.scim("DELETE", &path, None, &[("if-match", &after)])
                .await
                .status,
            204
        );

        let group = idp.group("Versioned", &[]).await;
        let group_path = format!("/Groups/{}", group["id"].as_str().unwrap());
        let rename = patch_op(json!([{"op": "replace", "path": "displayName", "value": "Renamed"}]));
        assert_scim_error(
            &idp.scim("PATCH", &group_path, Some(rename.clone()), &[("if-match", stale)])
                .await,
            412,
            None,
        );
        let current = group["meta"]["version"]
            .as_str()
            .expect("a group version")
            .to_owned();
        let renamed = idp
            .scim("PATCH", &group_path, Some(rename), &[("if-match", &current)])
            .await;
        assert!(matches!(renamed.status, 200 | 204), "{renamed:?}");
    }

    pub async fn pages_over_seven_users(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let mut made = Vec::new();
        for n in 1..=7 {
            let user = idp
                .user(
                    &format!("p{n}@paging.example.com"),
                    "Page",
                    &format!("Person {n}"),
                )
                .await;
            made.push(user["id"].as_str().unwrap().to_owned());
        }
        let scope = filtered("Users", "userName ew \"@paging.example.com\"");
        let page = |start: usize, count: usize| format!("{scope}&startIndex={start}&count={count}");

        let mut walked = Vec::new();
        for (start, expected) in [(1, 3), (4, 3), (7, 1)] {
            let answer = idp.get(&page(start, 3)).await;
            assert_eq!(answer.status, 200, "{answer:?}");
            assert_eq!(answer.body["totalResults"], 7, "startIndex={start}: {answer:?}");
            assert_eq!(answer.body["startIndex"], start, "{answer:?}");
            assert_eq!(answer.body["itemsPerPage"], expected, "{answer:?}");
            assert_eq!(answer.ids().len(), expected, "{answer:?}");
            walked.extend(answer.ids());
        }
        walked.sort_unstable();
        made.sort_unstable();
        assert_eq!(walked, made, "the pages hold every user once");

        let past = idp.get(&page(8, 3)).await;
        assert_eq!(
            (past.body["totalResults"].clone(), past.ids().len()),
            (json!(7), 0),
            "{past:?}"
        );
        // count=0 asks only for the total.
        let total = idp.get(&page(1, 0)).await;
        assert_eq!(
            (total.body["totalResults"].clone(), total.ids().len()),
            (json!(7), 0),
            "{total:?}"
        );
        // A startIndex below 1 is read as 1 (RFC 7644 §3.4.2.4).
        let low = idp.get(&page(0, 2)).await;
        assert_eq!(
            (low.status, low.body["startIndex"].clone(), low.ids().len()),
            (200, json!(1), 2),
            "{low:?}"
        );
        let all = idp.get(&scope).await;
        assert_eq!(
            (all.body["totalResults"].clone(), all.ids().len()),
            (json!(7), 7),
            "{all:?}"
        );
        // Without a filter the team's other members are users too (seeded owner, admin, member).
        let everyone = idp.get("/Users?count=100").await;
        assert_eq!(everyone.body["totalResults"], 10, "{everyone:?}");
    }

    pub async fn attributes_and_excluded_attributes(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let user = idp.user("ava@projection.example.com", "Ava", "Ames").await;
        let id = user["id"].as_str().unwrap();
        let listed = idp
            .get(&format!(
                "{}&attributes=userName",
                filtered("Users", "userName sw \"ava@\"")
            ))
            .await;
        assert_eq!(listed.status, 200, "{listed:?}");
        let only = &listed.body["Resources"][0];
        assert_eq!(only["userName"], "ava@projection.example.com");
        assert_eq!(only["id"], id, "id is always returned");
        for absent in ["name", "emails", "displayName", "active"] {
            assert!(
                only.get(absent).is_none(),
                "attributes=userName leaves out {absent}: {only}"
            );
        }
        let one = idp
            .get(&format!("/Users/{id}?attributes=name.givenName,emails"))
            .await;
        assert_eq!(one.body["name"], json!({"givenName": "Ava"}), "{one:?}");
        assert!(
            one.body["emails"].is_array() && one.body.get("userName").is_none(),
            "{one:?}"
        );
        let without = idp
            .get(&format!("/Users/{id}?excludedAttributes=emails,name"))
            .await;
        assert!(
            without.body.get("emails").is_none() && without.body.get("name").is_none(),
            "{without:?}"
        );
        assert_eq!(without.body["userName"], "ava@projection.example.com");
        assert_eq!(without.body["id"], id);
    }

    pub async fn filter_operators_and_grouping(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let mut ids = std::collections::BTreeMap::new();
        for (email, given, family, title) in [
            ("amy@filters.example.com", "Amy", "Adams", Some("Nurse")),
            ("ben@filters.example.com", "Ben", "Brown", None),
            ("cal@filters.example.com", "Cal", "Clark", Some("Night Nurse")),
            ("dee@filters.example.com", "Dee", "Adams", Some("Driver")),
        ] {
            let mut body = json!({
                "schemas": [USER], "userName": email, "displayName": format!("{given} {family}"),
                "name": {"givenName": given, "familyName": family},
                "emails": [{"value": email, "type": "work", "primary": true}],
            });
            if let Some(title) = title {
                body["title"] = json!(title);
            }
            let created = idp.post("/Users", body).await;
            assert_eq!(created.status, 201, "{created:?}");
            ids.insert(given, created.body["id"].as_str().unwrap().to_owned());
        }
        let ben = idp
            .patch(
                &format!("/Users/{}", ids["Ben"]),
                json!([{"op": "replace", "path": "active", "value": false}]),
            )
            .await;
        assert_eq!(ben.status, 200, "{ben:?}");
        let scope = "userName ew \"@filters.example.com\"";
        for (filter, expected) in [
            ("name.familyName eq \"Adams\"", &["Amy", "Dee"][..]),
            ("name.familyName ne \"Adams\"", &["Ben", "Cal"]),
            ("title co \"Nurse\"", &["Amy", "Cal"]),
            ("title sw \"night\"", &["Cal"]),
            ("displayName ew \"Adams\"", &["Amy", "Dee"]),
            ("title pr", &["Amy", "Cal", "Dee"]),
            ("not (title pr)", &["Ben"]),
            ("userName gt \"ben@filters.example.com\"", &["Cal", "Dee"]),
            ("userName ge \"ben@filters.example.com\"", &["Ben", "Cal", "Dee"]),
            ("userName lt \"ben@filters.example.com\"", &["Amy"]),
            ("userName le \"ben@filters.example.com\"", &["Amy", "Ben"]),
            ("active eq false", &["Ben"]),
            ("title eq \"Nurse\" or title eq \"Driver\"", &["Amy", "Dee"]),
            (
                "(name.familyName eq \"Adams\" or name.givenName eq \"Ben\") and not (title eq \"Driver\")",
                &["Amy", "Ben"],
            ),
            ("emails[type eq \"work\" and value sw \"cal\"]", &["Cal"]),
            ("emails.value co \"dee@\"", &["Dee"]),
            // Attribute names and operators are case-insensitive (RFC 7644 §3.4.2.2).
            ("NAME.FAMILYNAME EQ \"Adams\"", &["Amy", "Dee"]),
        ] {
            let answer = idp
                .get(&filtered("Users", &format!("({filter}) and {scope}")))
                .await;
            assert_eq!(answer.status, 200, "{filter}: {answer:?}");
            let mut got = answer.ids();
            got.sort_unstable();
            let mut want: Vec<String> = expected.iter().map(|n| ids[n].clone()).collect();
            want.sort_unstable();
            assert_eq!(got, want, "{filter}: expected {expected:?}: {answer:?}");
            assert_eq!(answer.body["totalResults"], expected.len(), "{filter}");
        }
    }

    pub async fn changes_are_audited_and_members_are_managed(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let user = idp.user("max@audit.example.com", "Max", "Moss").await;
        let id = user["id"].as_str().unwrap().to_owned();
        idp.patch(
            &format!("/Users/{id}"),
            json!([{"op": "replace", "path": "displayName", "value": "Max M"}]),
        )
        .await;
        let group = idp.group("Audited", &[&id]).await;
        let group_id = group["id"].as_str().unwrap().to_owned();
        assert_eq!(idp.delete(&format!("/Groups/{group_id}")).await.status, 204);

        let events = idp.audit().await;
        for target in [&id, &group_id] {
            let about: Vec<&Value> = events
                .iter()
                .filter(|e| e["target_id"] == target.as_str())
                .collect();
            assert!(!about.is_empty(), "events about {target}: {events:?}");
            for event in about {
                if event["actor_kind"] == "member" && event["actor_id"] == idp.team.owner_id.as_str() {
                    continue;
                }
                assert_eq!(event["actor_kind"], "identity_provider", "{event}");
                assert_eq!(event["actor_id"], idp.token_id.as_str(), "{event}");
            }
        }
        let actions: Vec<&str> = events
            .iter()
            .filter(|e| e["actor_kind"] == "identity_provider")
            .filter_map(|e| e["action"].as_str())
            .collect();
        assert!(
            actions.len() >= 4,
            "create, update, group create and delete: {actions:?}"
        );

        let member_path = format!("/v1/members/{id}");
        let member = idp.owner_v1("GET", &member_path, None).await;
        assert_eq!(member.body["managed_by"], "identity_provider", "{member:?}");
        for (change, body) in [
            ("name", json!({"name": "Renamed"})),
            ("status", json!({"status": "deactivated"})),
        ] {
            let refused = idp.owner_v1("PATCH", &member_path, Some(body)).await;
            assert_eq!(refused.status, 409, "{change}: {refused:?}");
            assert_eq!(
                refused.body["code"], "managed_by_identity_provider",
                "{change}: {refused:?}"
            );
        }
        let role = idp
            .owner_v1("PATCH", &member_path, Some(json!({"role": "admin"})))
            .await;
        assert_eq!(
            (role.status, role.body["role"].clone()),
            (200, json!("admin")),
            "{role:?}"
        );
        let member = idp.owner_v1("GET", &member_path, None).await;
        assert_eq!(
            (member.body["name"].clone(), member.body["status"].clone()),
            (json!("Max M"), json!("active"))
        );
        // A member the admins added keeps being theirs.
        let own = idp
            .owner_v1("GET", &format!("/v1/members/{}", idp.team.member_id), None)
            .await;
        assert!(own.body["managed_by"].is_null(), "{own:?}");
        let renamed = idp
            .owner_v1(
                "PATCH",
                &format!("/v1/members/{}", idp.team.member_id),
                Some(json!({"name": "Mia M"})),
            )
            .await;
        assert_eq!(renamed.status, 200, "{renamed:?}");
    }

    pub async fn deleting_a_user_puts_their_numbers_in_reserve(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let user = idp.user("nia@numbers.example.com", "Nia", "North").await;
        let id = user["id"].as_str().unwrap().to_owned();
        let number = idp.number_for(&id, "+6495550177").await;
        assert_eq!(idp.assignees(&number).await, vec![id.clone()]);
        let member = idp.owner_v1("GET", &format!("/v1/members/{id}"), None).await;
        assert_eq!(
            member.body["numbers"].as_array().map(Vec::len),
            Some(1),
            "{member:?}"
        );

        // An IdP cannot be asked where the numbers go: it removes the user, the numbers stay on the
        // account with nobody on them.
        let deleted = idp.delete(&format!("/Users/{id}")).await;
        assert_eq!(deleted.status, 204, "{deleted:?}");
        assert!(
            idp.assignees(&number).await.is_empty(),
            "the number is in reserve"
        );
        let reserve = idp.owner_v1("GET", "/v1/numbers?assigned=false", None).await;
        assert!(
            reserve.body["data"]
                .as_array()
                .is_some_and(|n| n.iter().any(|x| x["id"] == number.as_str())),
            "{reserve:?}"
        );
        assert_eq!(
            idp.owner_v1("GET", &format!("/v1/members/{id}"), None)
                .await
                .status,
            404
        );
    }

    /// PATCHes that land together (an identity provider adding several people to a group at once)
    /// never undo one another: each applies its operations to one read and writes only over that
    /// read, reading again when another write came first. Every PATCH answered 2xx is in the result.
    pub async fn concurrent_patches_lose_nothing(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let mut users = Vec::new();
        for i in 0..6 {
            let user = idp
                .user(&format!("racer{i}@race.example.com"), "Racer", &format!("No{i}"))
                .await;
            users.push(user["id"].as_str().unwrap().to_owned());
        }
        let group = idp.group("Racers", &[]).await;
        let path = format!("/Groups/{}", group["id"].as_str().unwrap());
        let answers = futures::future::join_all(users.iter().map(|user| {
            idp.patch(
                &path,
                json!([{"op": "add", "path": "members", "value": [{"value": user}]}]),
            )
        }))
        .await;
        let kept = member_ids(&idp.get(&path).await.body);
        for (user, answer) in users.iter().zip(&answers) {
            if (200..300).contains(&answer.status) {
                assert!(kept.contains(user), "{user} was acknowledged and lost: {kept:?}");
            } else {
                assert_eq!(answer.status, 412, "{answer:?}");
            }
        }
        assert!(answers.iter().any(|a| a.status == 200), "some PATCH goes through");
    }

    /// An admin invites someone into a group as an admin; the identity provider then provisions the
    /// same person and pushes them into the same group. The admin's link is their one link: it sets
    /// their password, they keep the admin's role, and they are in the group once.
    pub async fn an_invited_person_provisioned_later_activates_once(backend: TestBackend) {
        let idp = Idp::connect(backend).await;
        let email = "bob@both.example.com";
        let group = idp
            .owner_v1(
                "POST",
                "/v1/groups",
                Some(json!({"name": "Night desk", "description": ""})),
            )
            .await;
        assert_eq!(group.status, 201, "{group:?}");
        let group_id = group.body["id"].as_str().unwrap().to_owned();
        let invited = idp
            .owner_v1(
                "POST",
                "/v1/invitations",
                Some(json!({"email": email, "role": "admin", "group_ids": [group_id]})),
            )
            .await;
        assert_eq!(invited.status, 201, "{invited:?}");
        let bob = idp.user(email, "Bob", "Baker").await;
        let bob = bob["id"].as_str().unwrap().to_owned();
        let pushed = idp
            .patch(
                &format!("/Groups/{group_id}"),
                json!([{"op": "add", "path": "members", "value": [{"value": bob}]}]),
            )
            .await;
        assert_eq!(pushed.status, 200, "{pushed:?}");
        assert_eq!(
            idp.emails_to(email).await,
            1,
            "the admin's invitation is the one link"
        );
        let accept_url: String = {
            use sqlx::Row;
            sqlx::query("SELECT accept_url FROM outbound_emails WHERE to_address = $1")
                .bind(email)
                .fetch_one(idp.team.state.db.pool())
                .await
                .expect("the invitation email")
                .get("accept_url")
        };
        let token = accept_url.split("token=").nth(1).unwrap().to_owned();
        let accepted = idp
            .v1(
                "POST",
                "/v1/invitations/accept",
                None,
                Some(json!({"token": token, "name": "Bob", "password": "a long password"})),
            )
            .await;
        assert_eq!(accepted.status, 201, "{accepted:?}");
        assert_eq!(accepted.body["member"]["id"], bob.as_str());
        assert_eq!(
            accepted.body["member"]["role"], "admin",
            "the admin's choice of role"
        );
        let group = idp.owner_v1("GET", &format!("/v1/groups/{group_id}"), None).await;
        let ids: Vec<&str> = group.body["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            vec![bob.as_str()],
            "in the group once, as the member: {group:?}"
        );
    }
}
