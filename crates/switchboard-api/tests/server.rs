//! The client against the REAL reference server, started in-process on 127.0.0.1 at a free port with a
//! seeded SQLite database: every call goes over TCP through the same code the desktop app runs.

use std::collections::HashSet;

use futures::TryStreamExt;
use switchboard_api::audit::ActorKind;
use switchboard_api::auth::{NewApiToken, Refresh, SignIn};
use switchboard_api::client::ApiError;
use switchboard_api::configuration::{ConfigurationPatch, RecordingPoliciesPatch, RecordingPolicy};
use switchboard_api::members::{ListMembers, ManagedBy, MePatch, MemberPatch, MemberSort, RecordingPatch};
use switchboard_api::page::SortOrder;
use switchboard_api::provisioning::NewProvisioningToken;
use switchboard_api::roles::Role;
use uuid::Uuid;

mod common;
use common::Server;

fn sign_in(server: &Server) -> SignIn {
    SignIn {
        email: server.team.owner_email.clone(),
        password: server.team.owner_password.clone(),
    }
}

#[tokio::test]
async fn sign_in_refresh_and_sign_out() {
    let server = Server::start(false, 0).await;
    let anonymous = server.anonymous();
    anonymous.health().await.unwrap();

    let wrong = SignIn {
        password: "not the password".into(),
        ..sign_in(&server)
    };
    let error = anonymous.auth().sign_in(&wrong).await.unwrap_err();
    assert!(
        !error.is_signed_out(),
        "a wrong password is not a lost session: {error:?}"
    );
    assert_eq!(error.code(), Some("invalid_credentials"), "{error:?}");
    let status = error.status().map(|s| s.as_u16());
    assert!(matches!(status, Some(401 | 422)), "{error:?}");

    let session = anonymous.auth().sign_in(&sign_in(&server)).await.unwrap();
    assert_eq!(session.member.email, server.team.owner_email);
    assert_eq!(session.member.role, Role::Owner);
    let client = anonymous.with_token(&session.access_token);
    let me = client.me().get().await.unwrap();
    assert_eq!(me.value.id, session.member.id);
    assert!(!me.etag.as_str().is_empty());

    let refreshed = anonymous
        .auth()
        .refresh(&Refresh {
            refresh_token: session.refresh_token.clone(),
        })
        .await
        .unwrap();
    assert_ne!(refreshed.access_token, session.access_token);
    let error = client.me().get().await.unwrap_err();
    assert!(
        error.is_signed_out(),
        "the old access token must stop working: {error:?}"
    );
    let error = anonymous
        .auth()
        .refresh(&Refresh {
            refresh_token: session.refresh_token,
        })
        .await
        .unwrap_err();
    assert!(error.is_signed_out(), "a refresh token works once: {error:?}");

    let client = anonymous.with_token(&refreshed.access_token);
    client.me().get().await.unwrap();
    client.auth().sign_out().await.unwrap();
    let error = client.me().get().await.unwrap_err();
    assert!(error.is_signed_out(), "{error:?}");
}

#[tokio::test]
async fn a_bad_token_is_signed_out_and_never_printed() {
    let server = Server::start(false, 0).await;
    let client = server.anonymous().with_token("sbp_made-up-secret-token");
    let error = client.members().list(&ListMembers::default()).await.unwrap_err();
    assert!(matches!(error, ApiError::SignedOut { .. }), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(error.code(), Some("unauthorized"));
    let printed = format!("{error} {error:?} {client:?}");
    assert!(!printed.contains("made-up-secret"), "{printed}");

    let error = server.anonymous().me().get().await.unwrap_err();
    assert!(error.is_signed_out(), "no token at all: {error:?}");
}

#[tokio::test]
async fn members_page_and_stream_without_duplicates() {
    let server = Server::start(true, 230).await;
    let owner = server.owner();

    // The truth, page by page at the largest limit.
    let mut all = Vec::new();
    let mut query = ListMembers {
        limit: Some(200),
        ..ListMembers::default()
    };
    loop {
        let page = owner.members().list(&query).await.unwrap();
        assert!(page.data.len() <= 200);
        all.extend(page.data.into_iter().map(|m| m.id));
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => break,
        }
    }
    assert!(
        all.len() > 230 + 3,
        "the demo team, the test team and the generated members: {}",
        all.len()
    );

    // A stream in small pages sees each of them exactly once.
    let streamed: Vec<_> = owner
        .members()
        .stream(ListMembers {
            limit: Some(37),
            ..ListMembers::default()
        })
        .map_ok(|m| m.id)
        .try_collect()
        .await
        .unwrap();
    let unique: HashSet<_> = streamed.iter().collect();
    assert_eq!(unique.len(), streamed.len(), "duplicates in the stream");
    assert_eq!(streamed, all);

    // Search and filters.
    let found = owner
        .members()
        .list(&ListMembers {
            q: Some("adam".into()),
            ..ListMembers::default()
        })
        .await
        .unwrap();
    assert!(
        found.data.iter().any(|m| m.email == "adam.admin@example.com"),
        "{:?}",
        found.data
    );
    assert!(
        found
            .data
            .iter()
            .all(|m| format!("{} {}", m.name, m.email).to_lowercase().contains("adam"))
    );
    let admins: Vec<_> = owner
        .members()
        .stream(ListMembers {
            role: Some(Role::Admin),
            ..ListMembers::default()
        })
        .try_collect()
        .await
        .unwrap();
    assert!(!admins.is_empty() && admins.iter().all(|m| m.role == Role::Admin));

    let error = owner
        .members()
        .list(&ListMembers {
            limit: Some(500),
            ..ListMembers::default()
        })
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400), "{error:?}");
    assert_eq!(error.code(), Some("invalid_limit"));
}

#[tokio::test]
async fn members_in_a_chosen_order_with_a_total() {
    let server = Server::start(true, 120).await;
    let owner = server.owner();
    let everyone = owner
        .members()
        .list(&ListMembers {
            limit: Some(200),
            ..ListMembers::default()
        })
        .await
        .unwrap();
    let count = everyone.data.len();
    assert_eq!(everyone.total, Some(count as u64));

    // The client sends `sort` and `order`, and a stream keeps them from page to page.
    let by_email: Vec<_> = owner
        .members()
        .stream(ListMembers {
            limit: Some(7),
            sort: Some(MemberSort::Email),
            order: Some(SortOrder::Desc),
            ..ListMembers::default()
        })
        .map_ok(|m| m.email)
        .try_collect()
        .await
        .unwrap();
    let mut want: Vec<_> = everyone.data.iter().map(|m| m.email.clone()).collect();
    want.sort();
    want.reverse();
    assert_eq!(by_email, want);

    let admins = owner
        .members()
        .list(&ListMembers {
            limit: Some(1),
            role: Some(Role::Admin),
            sort: Some(MemberSort::Created),
            ..ListMembers::default()
        })
        .await
        .unwrap();
    let admin_count = everyone.data.iter().filter(|m| m.role == Role::Admin).count();
    assert_eq!(admins.total, Some(admin_count as u64));

    // A cursor continues only the order it came from.
    let error = owner
        .members()
        .list(&ListMembers {
            cursor: admins.next_cursor,
            role: Some(Role::Admin),
            sort: Some(MemberSort::Name),
            ..ListMembers::default()
        })
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400), "{error:?}");
    assert_eq!(error.code(), Some("invalid_cursor"));
}

#[tokio::test]
async fn a_stale_etag_is_a_typed_412() {
    let server = Server::start(false, 0).await;
    let owner = server.owner();
    let member_id = Server::id(&server.team.member_id);

    let read = owner.members().get(member_id).await.unwrap();
    assert_eq!(read.value.name, "Mia Member");
    let patch = MemberPatch {
        name: Some("Mia M.".into()),
        ..MemberPatch::default()
    };
    let updated = owner
        .members()
        .update(member_id, &read.etag, &patch)
        .await
        .unwrap();
    assert_eq!(updated.value.name, "Mia M.");
    assert_ne!(updated.etag, read.etag);

    // Another admin still holds the old ETag.
    let patch = MemberPatch {
        role: Some(Role::Admin),
        ..MemberPatch::default()
    };
    let error = owner
        .members()
        .update(member_id, &read.etag, &patch)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(412), "{error:?}");
    assert_eq!(error.code(), Some("precondition_failed"));
    assert!(
        !error.is_retryable(),
        "a stale write needs a fresh read, not a retry"
    );
    assert_eq!(
        owner.members().get(member_id).await.unwrap().value.role,
        Role::Member,
        "nothing was overwritten"
    );

    // The same holds for the caller's own profile.
    let me = owner.me().get().await.unwrap();
    let renamed = owner
        .me()
        .update(
            &me.etag,
            &MePatch {
                name: Some("Olivia O.".into()),
                ..MePatch::default()
            },
        )
        .await;
    assert_eq!(renamed.unwrap().value.name, "Olivia O.");
    let error = owner
        .me()
        .update(&me.etag, &MePatch::default())
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("precondition_failed"), "{error:?}");
}

#[tokio::test]
async fn a_member_is_forbidden_to_manage_the_team() {
    let server = Server::start(false, 0).await;
    let member = server.member();
    let admin_id = Server::id(&server.team.admin_id);

    // Reading is allowed; changing someone else is not.
    let admin = member.members().get(admin_id).await.unwrap();
    let patch = MemberPatch {
        name: Some("Hacked".into()),
        ..MemberPatch::default()
    };
    let error = member
        .members()
        .update(admin_id, &admin.etag, &patch)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403), "{error:?}");
    assert_eq!(error.code(), Some("forbidden"));
    assert!(!error.is_signed_out());

    let configuration = member.configuration().get().await.unwrap();
    let patch = ConfigurationPatch {
        invitation_lifetime_hours: Some(1),
        ..ConfigurationPatch::default()
    };
    let error = member
        .configuration()
        .update(&configuration.etag, &patch)
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("forbidden"), "{error:?}");
}

#[tokio::test]
async fn validation_errors_keep_their_fields() {
    let server = Server::start(false, 0).await;
    let owner = server.owner();
    let configuration = owner.configuration().get().await.unwrap();
    let patch = ConfigurationPatch {
        invitation_lifetime_hours: Some(0),
        onboarding_url: Some("ftp://nope".into()),
        ..ConfigurationPatch::default()
    };
    let error = owner
        .configuration()
        .update(&configuration.etag, &patch)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(422), "{error:?}");
    assert_eq!(error.code(), Some("validation_failed"));
    let fields = error.field_errors();
    assert!(fields.contains_key("invitation_lifetime_hours"), "{fields:?}");
    assert!(fields.contains_key("onboarding_url"), "{fields:?}");

    let error = owner
        .auth()
        .create_token(&NewApiToken {
            name: "x".into(),
            expires_in_days: Some(0),
        })
        .await
        .unwrap_err();
    assert!(error.field_errors().contains_key("expires_in_days"), "{error:?}");
}

#[tokio::test]
async fn configuration_policy_is_read_changed_and_enforced() {
    let server = Server::start(false, 0).await;
    let owner = server.owner();
    let read = owner.configuration().get().await.unwrap();
    let patch = ConfigurationPatch {
        recording: Some(RecordingPoliciesPatch {
            inbound: Some(RecordingPolicy::Always),
            outbound: None,
        }),
        onboarding_url: Some("https://example.com/training".into()),
        ..ConfigurationPatch::default()
    };
    let updated = owner.configuration().update(&read.etag, &patch).await.unwrap();
    assert_ne!(updated.etag, read.etag);
    assert_eq!(updated.value.recording.inbound, RecordingPolicy::Always);
    assert_eq!(
        updated.value.onboarding_url.as_deref(),
        Some("https://example.com/training")
    );
    assert_eq!(owner.configuration().get().await.unwrap(), updated);

    // The policy now decides inbound recording: a member's own choice is refused.
    let member = server.member();
    let me = member.me().get().await.unwrap();
    assert!(me.value.recording.inbound.enforced && me.value.recording.inbound.enabled);
    let patch = MePatch {
        recording: Some(RecordingPatch {
            inbound: Some(false),
            outbound: None,
        }),
        ..MePatch::default()
    };
    let error = member.me().update(&me.etag, &patch).await.unwrap_err();
    assert_eq!(error.code(), Some("recording_enforced_by_policy"), "{error:?}");
}

#[tokio::test]
async fn api_tokens_are_created_listed_and_revoked() {
    let server = Server::start(false, 0).await;
    let owner = server.owner();
    let created = owner
        .auth()
        .create_token(&NewApiToken {
            name: "script".into(),
            expires_in_days: Some(30),
        })
        .await
        .unwrap();
    assert_eq!(created.api_token.name, "script");
    let script = server.anonymous().with_token(&created.token);
    assert_eq!(
        script.me().get().await.unwrap().value.email,
        server.team.owner_email
    );
    let tokens = owner.auth().tokens().await.unwrap();
    assert!(tokens.iter().any(|t| t.id == created.api_token.id));

    owner.auth().revoke_token(created.api_token.id).await.unwrap();
    assert!(script.me().get().await.unwrap_err().is_signed_out());
    let error = owner.auth().revoke_token(created.api_token.id).await.unwrap_err();
    assert_eq!(error.code(), Some("not_found"), "{error:?}");
}

/// A SCIM request as the identity provider sends it, with a provisioning token.
async fn scim(
    base_url: &str,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .request(method, format!("{base_url}/{path}"))
        .bearer_auth(token)
        .header("Accept", "application/scim+json");
    if let Some(body) = body {
        request = request
            .header("Content-Type", "application/scim+json")
            .body(body.to_string());
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn provisioning_tokens_are_created_used_listed_and_revoked() {
    let server = Server::start(false, 0).await;
    let owner = server.owner();
    let provisioning = owner.provisioning().get().await.unwrap();
    assert!(
        provisioning.scim_base_url.starts_with(&server.base)
            && provisioning
                .scim_base_url
                .trim_end_matches('/')
                .ends_with("/scim/v2"),
        "{} for a server at {}",
        provisioning.scim_base_url,
        server.base
    );
    assert!(provisioning.tokens.is_empty(), "{:?}", provisioning.tokens);

    let created = owner
        .provisioning()
        .create_token(&NewProvisioningToken { name: "Okta".into() })
        .await
        .unwrap();
    assert_eq!(created.provisioning_token.name, "Okta");
    assert_eq!(created.provisioning_token.last_used_at, None);
    assert!(!created.token.is_empty());
    let base = provisioning.scim_base_url.trim_end_matches('/');

    // The identity provider's first request; afterwards the list says it was used, and never shows
    // the secret.
    let users = scim(base, &created.token, reqwest::Method::GET, "Users", None).await;
    assert_eq!(users.status().as_u16(), 200);
    let listed = owner.provisioning().get().await.unwrap();
    let [token] = listed.tokens.as_slice() else {
        panic!("one token: {:?}", listed.tokens);
    };
    assert_eq!(token.id, created.provisioning_token.id);
    assert!(token.last_used_at.is_some(), "{token:?}");
    let raw = serde_json::to_string(&listed).unwrap();
    assert!(!raw.contains(&created.token), "the list shows the secret: {raw}");

    // Admins see the tokens but only owners make or revoke them; members see nothing.
    let admin = server.admin();
    assert_eq!(admin.provisioning().get().await.unwrap().tokens.len(), 1);
    let error = admin
        .provisioning()
        .create_token(&NewProvisioningToken { name: "Entra".into() })
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("forbidden"), "{error:?}");
    let error = admin.provisioning().revoke_token(token.id).await.unwrap_err();
    assert_eq!(error.code(), Some("forbidden"), "{error:?}");
    let error = server.member().provisioning().get().await.unwrap_err();
    assert_eq!(error.code(), Some("forbidden"), "{error:?}");

    // A blank name is a field problem, as everywhere else.
    let error = owner
        .provisioning()
        .create_token(&NewProvisioningToken { name: "  ".into() })
        .await
        .unwrap_err();
    assert!(error.field_errors().contains_key("name"), "{error:?}");

    owner.provisioning().revoke_token(token.id).await.unwrap();
    let refused = scim(base, &created.token, reqwest::Method::GET, "Users", None).await;
    assert_eq!(refused.status().as_u16(), 401);
    assert!(owner.provisioning().get().await.unwrap().tokens.is_empty());
    let error = owner.provisioning().revoke_token(token.id).await.unwrap_err();
    assert_eq!(error.code(), Some("not_found"), "{error:?}");
}

#[tokio::test]
async fn a_member_the_identity_provider_manages_keeps_name_and_status_but_not_role() {
    let server = Server::start(false, 0).await;
    let owner = server.owner();
    let base = owner.provisioning().get().await.unwrap().scim_base_url;
    let created = owner
        .provisioning()
        .create_token(&NewProvisioningToken { name: "Okta".into() })
        .await
        .unwrap();
    let user = serde_json::json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": "ngaio.marsh@example.com",
        "externalId": "00u1",
        "name": {"givenName": "Ngaio", "familyName": "Marsh"},
        "displayName": "Ngaio Marsh",
        "emails": [{"value": "ngaio.marsh@example.com", "primary": true}],
        "active": true,
    });
    let response = scim(
        base.trim_end_matches('/'),
        &created.token,
        reqwest::Method::POST,
        "Users",
        Some(user),
    )
    .await;
    assert_eq!(response.status().as_u16(), 201);
    let scim_user: serde_json::Value = response.json().await.unwrap();
    let id = Uuid::parse_str(scim_user["id"].as_str().unwrap()).unwrap();

    let member = owner.members().get(id).await.unwrap();
    assert_eq!(member.value.managed_by, Some(ManagedBy::IdentityProvider));
    let rename = MemberPatch {
        name: Some("Someone Else".into()),
        ..MemberPatch::default()
    };
    let error = owner
        .members()
        .update(id, &member.etag, &rename)
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("managed_by_identity_provider"), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(409));

    let promote = MemberPatch {
        role: Some(Role::Admin),
        ..MemberPatch::default()
    };
    let promoted = owner.members().update(id, &member.etag, &promote).await.unwrap();
    assert_eq!(promoted.value.role, Role::Admin);
    assert_eq!(promoted.value.name, "Ngaio Marsh");

    // The audit log says who made each change.
    let events = owner
        .audit_events()
        .list(&switchboard_api::audit::ListAuditEvents {
            target: Some(id),
            ..Default::default()
        })
        .await
        .unwrap();
    let kinds: Vec<_> = events
        .data
        .iter()
        .map(|e| (e.action.as_str(), e.actor_kind))
        .collect();
    assert!(
        kinds.contains(&("member.updated", ActorKind::Member)),
        "{kinds:?}"
    );
    assert!(
        kinds.iter().any(|(_, kind)| *kind == ActorKind::IdentityProvider),
        "{kinds:?}"
    );
}

#[tokio::test]
async fn the_rate_limit_is_a_retryable_429_with_retry_after() {
    let settings = switchboard_server::Settings {
        rate_limit_per_minute: 3,
        ..Default::default()
    };
    let server = Server::start_with(settings, false, 0).await;
    let owner = server.owner();
    let mut limited = None;
    for _ in 0..10 {
        if let Err(error) = owner.me().get().await {
            limited = Some(error);
            break;
        }
    }
    let error = limited.expect("the fourth request in a minute is refused");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429), "{error:?}");
    assert_eq!(error.code(), Some("rate_limited"));
    let wait = error.retry_after().expect("Retry-After");
    assert!(
        wait >= std::time::Duration::from_secs(1) && wait <= std::time::Duration::from_secs(60),
        "{wait:?}"
    );
    assert!(error.is_retryable());
}
