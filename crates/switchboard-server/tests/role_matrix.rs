//! The role matrix: every route of the Team API × owner / admin / member / anonymous, with the status each
//! must get, as one table. The test walks the table against the real binary over HTTP and reports every
//! mismatch at once; a second test fails when the committed OpenAPI document has a route the table lacks
//! (or the table names one the document does not).
//!
//! Each cell gets fresh fixtures (made by the owner just before), a valid `If-Match` for writes and a new
//! `Idempotency-Key` for POSTs, so a status says what the caller's role allows and nothing else.

#[macro_use]
mod common;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU32, Ordering};

use common::{Api, Backend, OWNER_EMAIL, OWNER_PASSWORD, Person, Seed, Server, unique};
use serde_json::{Value, json};

/// What `{id}` and `{principal_id}` in a row's path stand for, made fresh for each cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fixture {
    /// The path has no parameter.
    None,
    /// The caller's own profile (`/v1/me`); its ETag for writes.
    Me,
    /// A long-lived member who is none of the callers.
    Member,
    /// A member made for this cell (for removal).
    FreshMember,
    /// The caller themselves (the owner for the anonymous caller).
    Caller,
    /// `Member`, with an avatar uploaded by the owner.
    MemberWithAvatar,
    /// `Caller`, with an avatar.
    CallerWithAvatar,
    /// A pending invitation.
    Invitation,
    /// The accept token of a pending invitation, in the body.
    AcceptToken,
    /// A refresh token of the caller (the owner's for the anonymous caller), in the body.
    RefreshToken,
    /// A new session of the caller, used for this request only (signing out must not end the others).
    FreshSession,
    /// A personal API token of the caller (the owner's for the anonymous caller).
    OwnApiToken,
    Group,
    /// A group and a principal (a pending invitation) not in it.
    GroupAndPrincipal,
    /// A group and a principal in it.
    GroupWithPrincipal,
    Number,
    /// A number and a principal not assigned to it.
    NumberAndPrincipal,
    /// A number and a principal assigned to it.
    NumberWithPrincipal,
    /// The account configuration's ETag for writes.
    Configuration,
    /// A provisioning token the owner made (its id).
    ProvisioningToken,
}

/// The values a cell's path and body are built from.
#[derive(Debug, Default, Clone)]
struct Cell {
    id: String,
    principal: String,
    secret: String,
    /// Where to read the ETag a write must send.
    etag_from: Option<String>,
}

type Body = fn(&Cell) -> Option<Value>;

/// `If-Match: *`, for a resource without a readable ETag.
const ANY_VERSION: &str = "*";

fn no_body(_: &Cell) -> Option<Value> {
    None
}

struct Row {
    method: &'static str,
    /// The path template exactly as the OpenAPI document spells it.
    path: &'static str,
    fixture: Fixture,
    body: Body,
    /// Owner, admin, member, anonymous.
    expect: [u16; 4],
}

const fn row(
    method: &'static str,
    path: &'static str,
    fixture: Fixture,
    body: Body,
    expect: [u16; 4],
) -> Row {
    Row {
        method,
        path,
        fixture,
        body,
        expect,
    }
}

static SEQ: AtomicU32 = AtomicU32::new(0);

fn email() -> String {
    format!("{}@switchboard.test", unique("matrix"))
}

fn e164() -> String {
    format!("+6495{:06}", 100_000 + SEQ.fetch_add(1, Ordering::Relaxed))
}

use Fixture as F;

#[rustfmt::skip]
const TABLE: &[Row] = &[
    // Public: signing in, refreshing, accepting an invitation, the document itself.
    row("GET", "/v1/health", F::None, no_body, [200, 200, 200, 200]),
    row("GET", "/v1/openapi.json", F::None, no_body, [200, 200, 200, 200]),
    row("POST", "/v1/auth/sessions", F::None,
        |_| Some(json!({"email": OWNER_EMAIL, "password": OWNER_PASSWORD})), [201, 201, 201, 201]),
    row("POST", "/v1/auth/refresh", F::RefreshToken,
        |c| Some(json!({"refresh_token": c.secret})), [200, 200, 200, 200]),
    row("POST", "/v1/invitations/accept", F::AcceptToken,
        |c| Some(json!({"token": c.secret, "name": "New Person", "password": "new-person-password"})),
        [201, 201, 201, 201]),
    // One's own session, tokens and profile.
    row("DELETE", "/v1/auth/sessions/current", F::FreshSession, no_body, [204, 204, 204, 401]),
    row("GET", "/v1/auth/tokens", F::None, no_body, [200, 200, 200, 401]),
    row("POST", "/v1/auth/tokens", F::None, |_| Some(json!({"name": "script"})), [201, 201, 201, 401]),
    row("DELETE", "/v1/auth/tokens/{id}", F::OwnApiToken, no_body, [204, 204, 204, 401]),
    row("GET", "/v1/me", F::None, no_body, [200, 200, 200, 401]),
    row("PATCH", "/v1/me", F::Me, |_| Some(json!({"name": "Renamed Self"})), [200, 200, 200, 401]),
    // The team directory is readable by every member; changing it is for owners and admins.
    row("GET", "/v1/members", F::None, no_body, [200, 200, 200, 401]),
    row("GET", "/v1/members/{id}", F::Member, no_body, [200, 200, 200, 401]),
    row("PATCH", "/v1/members/{id}", F::Member, |_| Some(json!({"name": "Renamed"})), [200, 200, 403, 401]),
    row("DELETE", "/v1/members/{id}", F::FreshMember, no_body, [204, 204, 403, 401]),
    // Avatars: anyone's for owners and admins, only one's own for a member.
    row("PUT", "/v1/members/{id}/avatar", F::Member, no_body, [200, 200, 403, 401]),
    row("PUT", "/v1/members/{id}/avatar", F::Caller, no_body, [200, 200, 200, 401]),
    row("GET", "/v1/members/{id}/avatar", F::MemberWithAvatar, no_body, [200, 200, 200, 401]),
    row("DELETE", "/v1/members/{id}/avatar", F::MemberWithAvatar, no_body, [200, 200, 403, 401]),
    row("DELETE", "/v1/members/{id}/avatar", F::CallerWithAvatar, no_body, [200, 200, 200, 401]),
    // Invitations (all but accepting) are team management.
    row("GET", "/v1/invitations", F::None, no_body, [200, 200, 403, 401]),
    row("POST", "/v1/invitations", F::None, |_| Some(json!({"email": email()})), [201, 201, 403, 401]),
    row("POST", "/v1/invitations/batch", F::None,
        |_| Some(json!({"invitations": [{"email": email()}, {"email": email()}]})), [200, 200, 403, 401]),
    row("POST", "/v1/invitations/validate", F::None,
        |_| Some(json!({"invitations": [{"email": email()}]})), [200, 200, 403, 401]),
    row("GET", "/v1/invitations/{id}", F::Invitation, no_body, [200, 200, 403, 401]),
    row("PATCH", "/v1/invitations/{id}", F::Invitation, |_| Some(json!({"role": "admin"})), [200, 200, 403, 401]),
    row("POST", "/v1/invitations/{id}/resend", F::Invitation, no_body, [200, 200, 403, 401]),
    row("POST", "/v1/invitations/{id}/revoke", F::Invitation, no_body, [200, 200, 403, 401]),
    // Groups: readable by all, changed by owners and admins.
    row("GET", "/v1/groups", F::None, no_body, [200, 200, 200, 401]),
    row("POST", "/v1/groups", F::None, |_| Some(json!({"name": unique("Group ")})), [201, 201, 403, 401]),
    row("GET", "/v1/groups/{id}", F::Group, no_body, [200, 200, 200, 401]),
    row("PATCH", "/v1/groups/{id}", F::Group, |_| Some(json!({"description": "changed"})), [200, 200, 403, 401]),
    row("DELETE", "/v1/groups/{id}", F::Group, no_body, [204, 204, 403, 401]),
    row("PUT", "/v1/groups/{id}/members/{principal_id}", F::GroupAndPrincipal, no_body, [200, 200, 403, 401]),
    row("DELETE", "/v1/groups/{id}/members/{principal_id}", F::GroupWithPrincipal, no_body, [200, 200, 403, 401]),
    // Numbers: readable by all, changed by owners and admins.
    row("GET", "/v1/numbers", F::None, no_body, [200, 200, 200, 401]),
    row("POST", "/v1/numbers", F::None,
        |_| Some(json!({"e164": e164(), "country": "NZ", "kind": "geographic", "sharing": "direct"})),
        [201, 201, 403, 401]),
    row("GET", "/v1/numbers/{id}", F::Number, no_body, [200, 200, 200, 401]),
    row("PATCH", "/v1/numbers/{id}", F::Number, |_| Some(json!({"label": "Front desk"})), [200, 200, 403, 401]),
    row("PUT", "/v1/numbers/{id}/assignees/{principal_id}", F::NumberAndPrincipal, no_body, [200, 200, 403, 401]),
    row("DELETE", "/v1/numbers/{id}/assignees/{principal_id}", F::NumberWithPrincipal, no_body,
        [200, 200, 403, 401]),
    // Policy: readable by all (the UI shows enforced settings as locked), changed by owners and admins.
    row("GET", "/v1/configuration", F::None, no_body, [200, 200, 200, 401]),
    row("PATCH", "/v1/configuration", F::Configuration,
        |_| Some(json!({"onboarding_url": "https://example.com/welcome"})), [200, 200, 403, 401]),
    row("GET", "/v1/audit-events", F::None, no_body, [200, 200, 403, 401]),
    row("GET", "/v1/roles", F::None, no_body, [200, 200, 200, 401]),
    // Provisioning: admins see how the identity provider is connected; only owners hand out or revoke
    // the tokens that let it create and remove members.
    row("GET", "/v1/provisioning", F::None, no_body, [200, 200, 403, 401]),
    row("POST", "/v1/provisioning/tokens", F::None, |_| Some(json!({"name": "Okta"})), [201, 403, 403, 401]),
    row("DELETE", "/v1/provisioning/tokens/{id}", F::ProvisioningToken, no_body, [204, 403, 403, 401]),
];

/// What `{id}` in a SCIM row's path stands for, made fresh for each call with the provisioning token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScimFixture {
    None,
    User,
    Group,
}

struct ScimRow {
    method: &'static str,
    /// Under `/scim/v2`.
    path: &'static str,
    fixture: ScimFixture,
    /// Built from the fixture's id and (for a user) its userName.
    body: fn(&str, &str) -> Option<Value>,
    /// With the provisioning token; every `/v1` caller (owner, admin, member) and the anonymous one
    /// get 401, whatever their role: a team role never reaches SCIM.
    expect: u16,
}

const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";

fn no_scim_body(_: &str, _: &str) -> Option<Value> {
    None
}

fn rename(_: &str, _: &str) -> Option<Value> {
    Some(
        json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [{"op": "replace", "path": "displayName", "value": "Renamed"}]}),
    )
}

use ScimFixture as S;

#[rustfmt::skip]
const SCIM_TABLE: &[ScimRow] = &[
    ScimRow { method: "GET", path: "/ServiceProviderConfig", fixture: S::None, body: no_scim_body, expect: 200 },
    ScimRow { method: "GET", path: "/ResourceTypes", fixture: S::None, body: no_scim_body, expect: 200 },
    ScimRow { method: "GET", path: "/ResourceTypes/User", fixture: S::None, body: no_scim_body, expect: 200 },
    ScimRow { method: "GET", path: "/Schemas", fixture: S::None, body: no_scim_body, expect: 200 },
    ScimRow { method: "GET", path: "/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group", fixture: S::None,
        body: no_scim_body, expect: 200 },
    ScimRow { method: "GET", path: "/Users", fixture: S::None, body: no_scim_body, expect: 200 },
    ScimRow { method: "POST", path: "/Users", fixture: S::None,
        body: |_, _| Some(json!({"schemas": [USER_SCHEMA], "userName": email()})), expect: 201 },
    ScimRow { method: "GET", path: "/Users/{id}", fixture: S::User, body: no_scim_body, expect: 200 },
    ScimRow { method: "PUT", path: "/Users/{id}", fixture: S::User,
        body: |_, user_name| Some(json!({"schemas": [USER_SCHEMA], "userName": user_name, "displayName": "Put"})),
        expect: 200 },
    ScimRow { method: "PATCH", path: "/Users/{id}", fixture: S::User, body: rename, expect: 200 },
    ScimRow { method: "DELETE", path: "/Users/{id}", fixture: S::User, body: no_scim_body, expect: 204 },
    ScimRow { method: "GET", path: "/Groups", fixture: S::None, body: no_scim_body, expect: 200 },
    ScimRow { method: "POST", path: "/Groups", fixture: S::None,
        body: |_, _| Some(json!({"schemas": [GROUP_SCHEMA], "displayName": unique("Group ")})), expect: 201 },
    ScimRow { method: "GET", path: "/Groups/{id}", fixture: S::Group, body: no_scim_body, expect: 200 },
    ScimRow { method: "PUT", path: "/Groups/{id}", fixture: S::Group,
        body: |_, _| Some(json!({"schemas": [GROUP_SCHEMA], "displayName": unique("Put ")})), expect: 200 },
    ScimRow { method: "PATCH", path: "/Groups/{id}", fixture: S::Group, body: rename, expect: 200 },
    ScimRow { method: "DELETE", path: "/Groups/{id}", fixture: S::Group, body: no_scim_body, expect: 204 },
];

/// Routes the server answers that the document does not describe (it would describe itself).
const OUTSIDE_DOCUMENT: [&str; 2] = ["GET /v1/health", "GET /v1/openapi.json"];

const CALLERS: [&str; 4] = ["owner", "admin", "member", "anonymous"];

on_every_backend!(every_route_for_every_role, scim_takes_only_a_provisioning_token);

/// A square PNG avatar, small enough to upload quickly.
fn avatar_png() -> Vec<u8> {
    let image = image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([(x * 4) as u8, (y * 4) as u8, 128]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

struct Team {
    server: Server,
    owner: Api,
    admin: Person,
    member: Person,
    /// The long-lived member of `Fixture::Member`.
    victim: Person,
    owner_id: String,
}

impl Team {
    fn caller(&self, index: usize) -> Option<(&Api, &str, &str, String)> {
        match index {
            0 => Some((&self.owner, OWNER_EMAIL, OWNER_PASSWORD, self.owner_id.clone())),
            1 => Some((
                &self.admin.api,
                &self.admin.email,
                &self.admin.password,
                self.admin.id.clone(),
            )),
            2 => Some((
                &self.member.api,
                &self.member.email,
                &self.member.password,
                self.member.id.clone(),
            )),
            _ => None,
        }
    }

    async fn invitation(&self) -> (String, String) {
        let email = email();
        let reply = self
            .owner
            .post_keyed("/v1/invitations", &json!({"email": email}), &unique("key"))
            .await;
        assert_eq!(reply.status, 201, "fixture invitation: {reply:?}");
        let id = reply.body["id"].as_str().unwrap().to_owned();
        (id, email)
    }

    async fn create(&self, path: &str, body: Value) -> String {
        let reply = self.owner.post_keyed(path, &body, &unique("key")).await;
        assert_eq!(reply.status, 201, "fixture {path}: {reply:?}");
        reply.body["id"].as_str().unwrap().to_owned()
    }

    async fn put_avatar(&self, member_id: &str) {
        let path = format!("/v1/members/{member_id}/avatar");
        let etag = self.owner.get(&format!("/v1/members/{member_id}")).await.etag();
        let reply = self
            .owner
            .send_bytes("PUT", &path, "image/png", avatar_png(), &[("if-match", &etag)])
            .await;
        assert!((200..300).contains(&reply.status), "fixture avatar: {reply:?}");
    }

    /// Makes the cell's fixtures; returns them and, for `FreshSession`, the client to call with.
    async fn prepare(&self, fixture: Fixture, caller: usize) -> (Cell, Option<Api>) {
        let own = self.caller(caller);
        let own_id = own.as_ref().map_or(self.owner_id.clone(), |c| c.3.clone());
        let mut cell = Cell::default();
        let mut client = None;
        match fixture {
            F::None => {}
            F::Me => {
                cell.etag_from = Some("/v1/me".into());
            }
            F::Member => cell.id = self.victim.id.clone(),
            F::FreshMember => cell.id = self.server.new_member(&self.owner, "member").await.id,
            F::Caller => cell.id = own_id,
            F::MemberWithAvatar => {
                cell.id = self.victim.id.clone();
                self.put_avatar(&cell.id).await;
            }
            F::CallerWithAvatar => {
                cell.id = own_id;
                self.put_avatar(&cell.id).await;
            }
            F::Invitation => cell.id = self.invitation().await.0,
            F::AcceptToken => {
                let (_, email) = self.invitation().await;
                cell.secret = self.server.accept_token(&email).await;
            }
            F::RefreshToken => {
                let (email, password) = own.as_ref().map_or((OWNER_EMAIL, OWNER_PASSWORD), |c| (c.1, c.2));
                let reply = self
                    .server
                    .anonymous()
                    .post(
                        "/v1/auth/sessions",
                        &json!({"email": email, "password": password}),
                    )
                    .await;
                cell.secret = reply.body["refresh_token"].as_str().unwrap().to_owned();
            }
            F::FreshSession => {
                if let Some((_, email, password, _)) = own {
                    client = Some(self.server.sign_in(email, password).await);
                }
            }
            F::OwnApiToken => {
                let api = own.as_ref().map_or(&self.owner, |c| c.0);
                let reply = api
                    .post_keyed("/v1/auth/tokens", &json!({"name": "fixture"}), &unique("key"))
                    .await;
                assert_eq!(reply.status, 201, "fixture token: {reply:?}");
                cell.id = reply.body["api_token"]["id"].as_str().unwrap().to_owned();
            }
            F::Group | F::GroupAndPrincipal | F::GroupWithPrincipal => {
                cell.id = self.create("/v1/groups", json!({"name": unique("Group ")})).await;
                if fixture != F::Group {
                    cell.principal = self.invitation().await.0;
                }
                if fixture == F::GroupWithPrincipal {
                    self.link(
                        &format!("/v1/groups/{}", cell.id),
                        &format!("members/{}", cell.principal),
                    )
                    .await;
                }
            }
            F::Number | F::NumberAndPrincipal | F::NumberWithPrincipal => {
                let body =
                    json!({"e164": e164(), "country": "NZ", "kind": "geographic", "sharing": "shared"});
                cell.id = self.create("/v1/numbers", body).await;
                if fixture != F::Number {
                    cell.principal = self.invitation().await.0;
                }
                if fixture == F::NumberWithPrincipal {
                    self.link(
                        &format!("/v1/numbers/{}", cell.id),
                        &format!("assignees/{}", cell.principal),
                    )
                    .await;
                }
            }
            F::Configuration => cell.etag_from = Some("/v1/configuration".into()),
            F::ProvisioningToken => {
                cell.id = self.provisioning_token().await["provisioning_token"]["id"]
                    .as_str()
                    .unwrap()
                    .to_owned();
            }
        }
        if cell.etag_from.is_none() && !cell.id.is_empty() {
            cell.etag_from = Some(match fixture {
                F::Invitation => format!("/v1/invitations/{}", cell.id),
                F::Group | F::GroupAndPrincipal | F::GroupWithPrincipal => format!("/v1/groups/{}", cell.id),
                F::Number | F::NumberAndPrincipal | F::NumberWithPrincipal => {
                    format!("/v1/numbers/{}", cell.id)
                }
                // A token has no representation to read an ETag from: `*` is the only precondition.
                F::OwnApiToken | F::ProvisioningToken => ANY_VERSION.to_owned(),
                _ => format!("/v1/members/{}", cell.id),
            });
        }
        (cell, client)
    }

    /// A new provisioning token, made by the owner: the answer to its creation (secret and token).
    async fn provisioning_token(&self) -> Value {
        let reply = self
            .owner
            .post_keyed(
                "/v1/provisioning/tokens",
                &json!({"name": "matrix"}),
                &unique("key"),
            )
            .await;
        assert_eq!(reply.status, 201, "provisioning token: {reply:?}");
        reply.body
    }

    /// `PUT {resource}/{link}` as the owner, with the resource's ETag.
    async fn link(&self, resource: &str, link: &str) {
        let etag = self.owner.get(resource).await.etag();
        let reply = self
            .owner
            .send("PUT", &format!("{resource}/{link}"), None, &[("if-match", &etag)])
            .await;
        assert!(
            (200..300).contains(&reply.status),
            "fixture PUT {resource}/{link}: {reply:?}"
        );
    }
}

impl Team {
    /// A fresh server with the owner, an admin, a member and the long-lived victim, all signed in.
    async fn start(backend: &Backend) -> Team {
        let server = Server::start(backend, Seed::default()).await;
        let owner = server.owner().await;
        let admin = server.new_member(&owner, "admin").await;
        let member = server.new_member(&owner, "member").await;
        let victim = server.new_member(&owner, "member").await;
        let owner_id = owner.get("/v1/me").await.body["id"].as_str().unwrap().to_owned();
        Team {
            server,
            owner,
            admin,
            member,
            victim,
            owner_id,
        }
    }

    /// A client of the identity provider, with a new provisioning token.
    async fn identity_provider(&self) -> Api {
        let created = self.provisioning_token().await;
        let secret = created["token"].as_str().unwrap().to_owned();
        Api::new(&self.server.base, Some(secret))
    }
}

async fn every_route_for_every_role(backend: Backend) {
    let team = Team::start(&backend).await;

    // The identity provider's token is a fifth caller: on /v1 it is nobody.
    let provisioning = team.identity_provider().await;
    let mut mismatches = Vec::new();
    for row in TABLE {
        if row.expect[3] == 401 {
            let (cell, _) = team.prepare(row.fixture, 3).await;
            let path = row
                .path
                .replace("{id}", &cell.id)
                .replace("{principal_id}", &cell.principal);
            let reply = provisioning
                .send(row.method, &path, (row.body)(&cell).as_ref(), &[])
                .await;
            if reply.status != 401 {
                mismatches.push(format!(
                    "{} {} with a provisioning token: expected 401, got {reply:?}",
                    row.method, row.path
                ));
            }
        }
        for (index, caller_name) in CALLERS.iter().enumerate() {
            let (cell, fresh) = team.prepare(row.fixture, index).await;
            let api = match (fresh, team.caller(index)) {
                (Some(api), _) => api,
                (None, Some(caller)) => caller.0.clone(),
                (None, None) => team.server.anonymous(),
            };
            let path = row
                .path
                .replace("{id}", &cell.id)
                .replace("{principal_id}", &cell.principal);
            let mut headers: Vec<(&str, String)> = Vec::new();
            if matches!(row.method, "PATCH" | "PUT" | "DELETE")
                && let Some(from) = cell.etag_from.as_deref().filter(|f| !f.is_empty())
            {
                // Read as the owner, so the caller's role cannot change the precondition.
                let reader = if from == "/v1/me" { &api } else { &team.owner };
                if from == ANY_VERSION {
                    headers.push(("if-match", ANY_VERSION.to_owned()));
                } else if let Some(etag) = reader.get(from).await.header("etag") {
                    headers.push(("if-match", etag.to_owned()));
                } else if index < 3 {
                    mismatches.push(format!(
                        "{} {} as {caller_name}: no ETag from {from}",
                        row.method, row.path
                    ));
                }
            }
            if row.method == "POST" {
                headers.push(("idempotency-key", unique("matrix-key")));
            }
            let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
            let is_avatar_upload = row.method == "PUT" && row.path.ends_with("/avatar");
            let reply = if is_avatar_upload {
                api.send_bytes("PUT", &path, "image/png", avatar_png(), &headers)
                    .await
            } else {
                let body = (row.body)(&cell);
                api.send(row.method, &path, body.as_ref(), &headers).await
            };
            let expected = row.expect[index];
            if reply.status != expected {
                mismatches.push(format!(
                    "{} {} as {caller_name}: expected {expected}, got {reply:?}",
                    row.method, row.path
                ));
            } else if reply.status >= 400 && !reply.content_type().starts_with("application/problem+json") {
                mismatches.push(format!(
                    "{} {} as {caller_name}: {expected} without a problem body: {reply:?}",
                    row.method, row.path
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} cells disagree with the role matrix ({}):\n{}",
        mismatches.len(),
        TABLE.len() * CALLERS.len(),
        backend.name(),
        mismatches.join("\n")
    );
}

/// Every SCIM route answers the provisioning token and nobody else: not the owner's session, not an
/// admin's or a member's, not the anonymous caller, each with 401 and a SCIM error body.
async fn scim_takes_only_a_provisioning_token(backend: Backend) {
    let team = Team::start(&backend).await;
    let idp = team.identity_provider().await;
    let others = [
        ("owner", team.owner.clone()),
        ("admin", team.admin.api.clone()),
        ("member", team.member.api.clone()),
        ("anonymous", team.server.anonymous()),
    ];
    let mut mismatches = Vec::new();
    for row in SCIM_TABLE {
        // A fresh fixture per call, so a DELETE by one caller leaves the next one something to hit.
        for (caller, api) in others
            .iter()
            .map(|(n, a)| (*n, a))
            .chain([("provisioning token", &idp)])
        {
            let user_name = email();
            let made = match row.fixture {
                S::None => None,
                S::User => Some((
                    "/scim/v2/Users",
                    json!({"schemas": [USER_SCHEMA], "userName": user_name}),
                )),
                S::Group => Some((
                    "/scim/v2/Groups",
                    json!({"schemas": [GROUP_SCHEMA], "displayName": unique("Group ")}),
                )),
            };
            let mut id = String::new();
            if let Some((collection, body)) = made {
                let made = idp.post(collection, &body).await;
                assert_eq!(made.status, 201, "fixture {collection}: {made:?}");
                id = made.body["id"].as_str().unwrap().to_owned();
            }
            let path = format!("/scim/v2{}", row.path.replace("{id}", &id));
            let reply = api
                .send(row.method, &path, (row.body)(&id, &user_name).as_ref(), &[])
                .await;
            let expected = if caller == "provisioning token" {
                row.expect
            } else {
                401
            };
            if reply.status != expected {
                mismatches.push(format!(
                    "{} {} as {caller}: expected {expected}, got {reply:?}",
                    row.method, row.path
                ));
            } else if reply.status >= 400
                && (!reply.content_type().starts_with("application/scim+json")
                    || reply.body["schemas"][0] != "urn:ietf:params:scim:api:messages:2.0:Error")
            {
                mismatches.push(format!(
                    "{} {} as {caller}: {expected} without a SCIM error body: {reply:?}",
                    row.method, row.path
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} SCIM cells disagree ({}):\n{}",
        mismatches.len(),
        SCIM_TABLE.len() * 5,
        backend.name(),
        mismatches.join("\n")
    );
}

/// Every operation of the committed OpenAPI document has a row, and every row is a documented
/// operation, so a route cannot be added without deciding who may call it.
#[test]
fn the_table_covers_every_documented_route() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");
    let document: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut documented = BTreeSet::new();
    for (route, item) in document["paths"].as_object().expect("paths") {
        for method in [
            "get", "put", "post", "delete", "patch", "head", "options", "trace",
        ] {
            if item.get(method).is_some() {
                documented.insert(format!("{} {route}", method.to_uppercase()));
            }
        }
    }
    // SCIM describes itself (/Schemas, /ResourceTypes); its routes count only where the document has them.
    let tabled: BTreeSet<String> = TABLE
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .filter(|route| !OUTSIDE_DOCUMENT.contains(&route.as_str()))
        .chain(
            SCIM_TABLE
                .iter()
                .map(|r| format!("{} /scim/v2{}", r.method, r.path))
                .filter(|route| documented.contains(route)),
        )
        .collect();
    let missing: Vec<_> = documented.difference(&tabled).collect();
    let undocumented: Vec<_> = tabled.difference(&documented).collect();
    assert!(
        missing.is_empty() && undocumented.is_empty(),
        "routes in openapi.json without a role-matrix row: {missing:?}\n\
         role-matrix rows not in openapi.json: {undocumented:?}"
    );
}
