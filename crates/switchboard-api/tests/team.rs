//! Invitations, groups, numbers, avatars, the audit log and roles through the client, against the REAL
//! reference server in-process over TCP (see `common`).

use std::io::Cursor;

use futures::TryStreamExt;
use sqlx::Row;
use switchboard_api::audit::ListAuditEvents;
use switchboard_api::client::{AvatarSize, Client};
use switchboard_api::configuration::ConfigurationPatch;
use switchboard_api::groups::{GroupPatch, ListGroups, NewGroup};
use switchboard_api::invitations::{
    AcceptInvitation, InvitationBatch, InvitationPatch, InvitationStatus, ListInvitations, NewInvitation,
};
use switchboard_api::members::RemoveMember;
use switchboard_api::numbers::{ListNumbers, NewNumber, NumberKind, NumberPatch, Sharing};
use switchboard_api::principal::PrincipalKind;
use switchboard_api::roles::{Permission, Role};
use uuid::Uuid;

mod common;
use common::Server;

fn invite(email: &str) -> NewInvitation {
    NewInvitation {
        email: email.into(),
        role: None,
        grants: vec![],
        number_ids: vec![],
        group_ids: vec![],
    }
}

/// The token in the accept link of the newest email to `to` (the server's outbox stands in for a mailbox).
async fn accept_token(server: &Server, to: &str) -> String {
    let row = sqlx::query(
        "SELECT accept_url FROM outbound_emails WHERE to_address = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(to)
    .fetch_one(server.team.state.db.pool())
    .await
    .unwrap();
    let url: String = row.try_get("accept_url").unwrap();
    url.split_once("token=").unwrap().1.to_owned()
}

#[tokio::test]
async fn an_invitation_replayed_with_its_key_is_made_once() {
    let server = Server::start(false, 0).await;
    let owner = server.owner();
    let key = Uuid::new_v4();
    let first = owner
        .invitations()
        .create(key, &invite("new.person@example.com"))
        .await
        .unwrap();
    assert_eq!(first.value.status, InvitationStatus::Pending);
    assert_eq!(first.value.role, Role::Member, "the configuration's default role");

    // The answer was lost; the outbox sends the same request again.
    let replay = owner
        .invitations()
        .create(key, &invite("new.person@example.com"))
        .await
        .unwrap();
    assert_eq!(replay.value.id, first.value.id);
    assert_eq!(replay, first);
    let pending: Vec<_> = owner
        .invitations()
        .stream(ListInvitations {
            status: Some(InvitationStatus::Pending),
            ..ListInvitations::default()
        })
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        pending
            .iter()
            .filter(|i| i.email == "new.person@example.com")
            .count(),
        1
    );

    // The same key for another body is a client bug, not a replay.
    let error = owner
        .invitations()
        .create(key, &invite("someone.else@example.com"))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(422), "{error:?}");
    assert_eq!(error.code(), Some("idempotency_key_reused"));

    // A new key for the same person: already invited.
    let error = owner
        .invitations()
        .create(Uuid::new_v4(), &invite("new.person@example.com"))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(409), "{error:?}");
    assert_eq!(error.code(), Some("invitation_pending"));
    let error = owner
        .invitations()
        .create(Uuid::new_v4(), &invite("mia.member@example.com"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("already_member"), "{error:?}");

    let error = owner
        .invitations()
        .create(Uuid::new_v4(), &invite("not an email"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("validation_failed"), "{error:?}");
    assert!(error.field_errors().contains_key("email"), "{error:?}");
}

#[tokio::test]
async fn invitations_are_changed_resent_revoked_and_accepted() {
    let server = Server::start(false, 0).await;
    let owner = server.owner();
    let made = owner
        .invitations()
        .create(Uuid::new_v4(), &invite("casey@example.com"))
        .await
        .unwrap();
    let read = owner.invitations().get(made.value.id).await.unwrap();
    assert_eq!(read, made);

    let patch = InvitationPatch {
        role: Some(Role::Admin),
        grants: None,
    };
    let changed = owner
        .invitations()
        .update(made.value.id, &read.etag, &patch)
        .await
        .unwrap();
    assert_eq!(changed.value.role, Role::Admin);
    let error = owner
        .invitations()
        .update(made.value.id, &read.etag, &patch)
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("precondition_failed"), "{error:?}");

    // Resending makes a new link: the first one stops working.
    let old_token = accept_token(&server, "casey@example.com").await;
    let resent = owner.invitations().resend(made.value.id).await.unwrap();
    assert!(resent.value.expires_at >= made.value.expires_at);
    let new_token = accept_token(&server, "casey@example.com").await;
    assert_ne!(old_token, new_token);
    let anonymous = server.anonymous();
    let accept = |token: String| AcceptInvitation {
        token,
        name: "Casey Walker".into(),
        password: "a long password".into(),
    };
    let error = anonymous
        .invitations()
        .accept(&accept(old_token))
        .await
        .unwrap_err();
    assert!(error.status().is_some_and(|s| s.is_client_error()), "{error:?}");
    assert!(
        !error.is_signed_out(),
        "a dead invitation link is not a lost session: {error:?}"
    );

    let session = anonymous.invitations().accept(&accept(new_token)).await.unwrap();
    assert_eq!(session.member.email, "casey@example.com");
    assert_eq!(session.member.role, Role::Admin);
    let casey = anonymous.with_token(&session.access_token);
    assert_eq!(casey.me().get().await.unwrap().value.name, "Casey Walker");
    let accepted = owner.invitations().get(made.value.id).await.unwrap().value;
    assert_eq!(accepted.status, InvitationStatus::Accepted);
    assert_eq!(accepted.member_id, Some(session.member.id));

    // Revoking another one.
    let other = owner
        .invitations()
        .create(Uuid::new_v4(), &invite("drew@example.com"))
        .await
        .unwrap();
    let revoked = owner.invitations().revoke(other.value.id).await.unwrap();
    assert_eq!(revoked.value.status, InvitationStatus::Revoked);
    let error = owner.invitations().resend(other.value.id).await.unwrap_err();
    assert!(error.status().is_some_and(|s| s.is_client_error()), "{error:?}");
}

#[tokio::test]
async fn a_batch_answers_each_invitation_and_policy_is_enforced() {
    let server = Server::start(false, 0).await;
    let owner = server.owner();
    // A malformed item fails the whole request, with the field that is wrong named by its index.
    let malformed = InvitationBatch {
        invitations: vec![invite("one@example.com"), invite("not-an-email")],
    };
    let error = owner
        .invitations()
        .create_batch(Uuid::new_v4(), &malformed)
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("validation_failed"), "{error:?}");
    assert!(
        error.field_errors().contains_key("invitations[1].email"),
        "{error:?}"
    );

    // A well-formed batch answers each item on its own: an existing member's address fails alone.
    let batch = InvitationBatch {
        invitations: vec![
            invite("one@example.com"),
            invite("adam.admin@example.com"),
            invite("two@example.com"),
        ],
    };
    let key = Uuid::new_v4();
    let result = owner.invitations().create_batch(key, &batch).await.unwrap();
    let emails: Vec<_> = result.results.iter().map(|r| r.email.as_str()).collect();
    assert_eq!(
        emails,
        ["one@example.com", "adam.admin@example.com", "two@example.com"]
    );
    assert!(result.results[0].invitation.is_some() && result.results[2].invitation.is_some());
    let problem = result.results[1]
        .error
        .as_ref()
        .expect("the member's address fails on its own");
    assert_eq!(problem.code, "already_member");
    assert_eq!(
        owner.invitations().create_batch(key, &batch).await.unwrap(),
        result,
        "replayed"
    );

    let configuration = owner.configuration().get().await.unwrap();
    let patch = ConfigurationPatch {
        allowed_email_domains: Some(vec!["example.com".into()]),
        ..Default::default()
    };
    owner
        .configuration()
        .update(&configuration.etag, &patch)
        .await
        .unwrap();
    let error = owner
        .invitations()
        .create(Uuid::new_v4(), &invite("someone@elsewhere.org"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("email_domain_not_allowed"), "{error:?}");
    assert!(
        error.detail().is_some_and(|d| d.contains("example.com")),
        "{error:?}"
    );

    let error = server
        .member()
        .invitations()
        .create(Uuid::new_v4(), &invite("x@example.com"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("forbidden"), "{error:?}");
}

#[tokio::test]
async fn groups_hold_members_and_invitations() {
    let server = Server::start(true, 0).await;
    let admin = server.admin();
    let demo: Vec<_> = admin
        .groups()
        .stream(ListGroups {
            limit: Some(2),
            ..Default::default()
        })
        .try_collect()
        .await
        .unwrap();
    assert!(demo.len() >= 3, "the demo team's groups: {demo:?}");

    let key = Uuid::new_v4();
    let new = NewGroup {
        name: "Night shift".into(),
        description: "Calls after 10pm".into(),
    };
    let group = admin.groups().create(key, &new).await.unwrap();
    assert_eq!(
        admin.groups().create(key, &new).await.unwrap().value.id,
        group.value.id,
        "replayed"
    );

    let member_id = Server::id(&server.team.member_id);
    let invitation = admin
        .invitations()
        .create(Uuid::new_v4(), &invite("robin@example.com"))
        .await
        .unwrap();
    let group = admin
        .groups()
        .add(group.value.id, &group.etag, member_id)
        .await
        .unwrap();
    let group = admin
        .groups()
        .add(group.value.id, &group.etag, invitation.value.id)
        .await
        .unwrap();
    let kinds: Vec<_> = group.value.members.iter().map(|p| (p.id, p.kind)).collect();
    assert!(kinds.contains(&(member_id, PrincipalKind::Member)), "{kinds:?}");
    assert!(
        kinds.contains(&(invitation.value.id, PrincipalKind::Invitation)),
        "{kinds:?}"
    );
    let member = admin.members().get(member_id).await.unwrap().value;
    assert!(member.groups.iter().any(|g| g.id == group.value.id));

    let stale = group.etag.clone();
    let group = admin
        .groups()
        .remove(group.value.id, &group.etag, member_id)
        .await
        .unwrap();
    assert_eq!(group.value.members.len(), 1);
    let error = admin
        .groups()
        .update(group.value.id, &stale, &GroupPatch::default())
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("precondition_failed"), "{error:?}");
    let patch = GroupPatch {
        name: Some("Late shift".into()),
        description: None,
    };
    let group = admin
        .groups()
        .update(group.value.id, &group.etag, &patch)
        .await
        .unwrap();
    assert_eq!(admin.groups().get(group.value.id).await.unwrap(), group);

    let found = admin
        .groups()
        .list(&ListGroups {
            q: Some("late".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        found.data.iter().map(|g| g.id).collect::<Vec<_>>(),
        [group.value.id]
    );
    admin.groups().delete(group.value.id, &group.etag).await.unwrap();
    let error = admin.groups().get(group.value.id).await.unwrap_err();
    assert_eq!(error.code(), Some("not_found"), "{error:?}");
}

#[tokio::test]
async fn numbers_are_added_assigned_and_shared() {
    let server = Server::start(false, 0).await;
    let owner = server.owner();
    let new = NewNumber {
        e164: "+6495550177".into(),
        label: "Front desk".into(),
        country: "NZ".into(),
        kind: NumberKind::Geographic,
        sharing: Sharing::Direct,
    };
    let number = owner.numbers().create(Uuid::new_v4(), &new).await.unwrap();
    assert!(number.value.assignees.is_empty(), "a new number is in reserve");
    let error = owner.numbers().create(Uuid::new_v4(), &new).await.unwrap_err();
    assert_eq!(error.code(), Some("number_exists"), "{error:?}");

    let member_id = Server::id(&server.team.member_id);
    let admin_id = Server::id(&server.team.admin_id);
    let number = owner
        .numbers()
        .assign(number.value.id, &number.etag, member_id)
        .await
        .unwrap();
    assert_eq!(
        number.value.assignees.iter().map(|p| p.id).collect::<Vec<_>>(),
        [member_id]
    );
    let error = owner
        .numbers()
        .assign(number.value.id, &number.etag, admin_id)
        .await
        .unwrap_err();
    assert_eq!(
        error.status().map(|s| s.as_u16()),
        Some(409),
        "a direct number has one assignee: {error:?}"
    );

    let patch = NumberPatch {
        label: Some("Reception".into()),
        sharing: Some(Sharing::Shared),
    };
    let number = owner
        .numbers()
        .update(number.value.id, &number.etag, &patch)
        .await
        .unwrap();
    let number = owner
        .numbers()
        .assign(number.value.id, &number.etag, admin_id)
        .await
        .unwrap();
    assert_eq!(number.value.assignees.len(), 2);
    assert_eq!(number.value.label, "Reception");

    let assigned: Vec<_> = owner
        .numbers()
        .stream(ListNumbers {
            assigned: Some(true),
            ..Default::default()
        })
        .try_collect()
        .await
        .unwrap();
    assert!(assigned.iter().any(|n| n.id == number.value.id));
    let number = owner
        .numbers()
        .unassign(number.value.id, &number.etag, member_id)
        .await
        .unwrap();
    assert_eq!(
        number.value.assignees.iter().map(|p| p.id).collect::<Vec<_>>(),
        [admin_id]
    );
    assert_eq!(owner.numbers().get(number.value.id).await.unwrap(), number);

    let error = server
        .member()
        .numbers()
        .create(Uuid::new_v4(), &new)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403), "{error:?}");

    // Removing a member who holds a number asks where it goes.
    let admin = owner.members().get(admin_id).await.unwrap();
    let error = owner
        .members()
        .remove(admin_id, &admin.etag, &RemoveMember::default())
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("member_holds_numbers"), "{error:?}");
    let how = RemoveMember {
        unassign_numbers: Some(true),
        reassign_numbers_to: None,
    };
    owner.members().remove(admin_id, &admin.etag, &how).await.unwrap();
    assert_eq!(
        owner.members().get(admin_id).await.unwrap_err().code(),
        Some("not_found")
    );
    assert!(
        owner
            .numbers()
            .get(number.value.id)
            .await
            .unwrap()
            .value
            .assignees
            .is_empty()
    );
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

#[tokio::test]
async fn an_avatar_goes_up_comes_back_in_each_size_and_goes_away() {
    let server = Server::start(false, 0).await;
    let member: Client = server.member();
    let me = member.me().get().await.unwrap();
    assert!(me.value.avatar_url.is_none());

    let uploaded = member
        .avatars()
        .upload(me.value.id, &me.etag, "image/png", png(600, 600))
        .await
        .unwrap();
    assert!(uploaded.value.avatar_url.is_some());
    assert_ne!(uploaded.etag, me.etag);
    for size in [AvatarSize::Large, AvatarSize::Medium, AvatarSize::Small] {
        let avatar = member.avatars().download(me.value.id, size).await.unwrap();
        assert!(
            avatar.content_type.starts_with("image/"),
            "{}",
            avatar.content_type
        );
        let decoded = image::load_from_memory(&avatar.bytes).unwrap();
        assert_eq!(
            (decoded.width(), decoded.height()),
            (size.pixels(), size.pixels())
        );
    }

    // The stale ETag, a non-square picture, someone else's avatar.
    let error = member
        .avatars()
        .upload(me.value.id, &me.etag, "image/png", png(600, 600))
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("precondition_failed"), "{error:?}");
    let error = member
        .avatars()
        .upload(me.value.id, &uploaded.etag, "image/png", png(600, 300))
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("avatar_not_square"), "{error:?}");
    let error = member
        .avatars()
        .upload(me.value.id, &uploaded.etag, "text/plain", b"hello".to_vec())
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(415), "{error:?}");
    let admin_id = Server::id(&server.team.admin_id);
    let admin = member.members().get(admin_id).await.unwrap();
    let error = member
        .avatars()
        .upload(admin_id, &admin.etag, "image/png", png(300, 300))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403), "{error:?}");

    let removed = member
        .avatars()
        .delete(me.value.id, &uploaded.etag)
        .await
        .unwrap();
    assert!(removed.value.avatar_url.is_none());
    let error = member
        .avatars()
        .download(me.value.id, AvatarSize::Small)
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("not_found"), "{error:?}");
}

#[tokio::test]
async fn the_audit_log_and_roles_are_readable() {
    let server = Server::start(false, 0).await;
    let owner = server.owner();
    let member_id = Server::id(&server.team.member_id);
    let read = owner.members().get(member_id).await.unwrap();
    let patch = switchboard_api::members::MemberPatch {
        grants: Some(vec![Permission::ViewAnalytics]),
        ..Default::default()
    };
    owner
        .members()
        .update(member_id, &read.etag, &patch)
        .await
        .unwrap();
    owner
        .invitations()
        .create(Uuid::new_v4(), &invite("audit@example.com"))
        .await
        .unwrap();

    let owner_id = Server::id(&server.team.owner_id);
    let events: Vec<_> = owner
        .audit_events()
        .stream(ListAuditEvents {
            actor: Some(owner_id),
            limit: Some(1),
            ..Default::default()
        })
        .try_collect()
        .await
        .unwrap();
    let actions: Vec<_> = events.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.contains(&"member.updated") && actions.contains(&"invitation.created"),
        "{actions:?}"
    );
    assert!(events.iter().all(|e| e.actor_id == Some(owner_id)));
    let about_member = owner
        .audit_events()
        .list(&ListAuditEvents {
            target: Some(member_id),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        about_member.data.iter().all(|e| e.target_id == Some(member_id)) && !about_member.data.is_empty()
    );

    let since = time::OffsetDateTime::now_utc() - time::Duration::hours(1);
    let recent = owner
        .audit_events()
        .list(&ListAuditEvents {
            since: Some(since),
            ..Default::default()
        })
        .await;
    assert!(!recent.unwrap().data.is_empty());
    let future = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    let none = owner
        .audit_events()
        .list(&ListAuditEvents {
            since: Some(future),
            ..Default::default()
        })
        .await;
    assert!(
        none.unwrap().data.is_empty(),
        "`since` travels as RFC 3339 and filters"
    );

    let roles = server.member().roles().list().await.unwrap();
    assert_eq!(roles.iter().map(|r| r.role).collect::<Vec<_>>(), Role::ALL);
    let member_role = roles.iter().find(|r| r.role == Role::Member).unwrap();
    assert_eq!(
        member_role.default_permissions,
        Role::Member.default_permissions()
    );
}
