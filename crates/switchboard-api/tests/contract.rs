//! The client covers the API exactly as the server documents it: every client method is called once
//! against a recorder (a mock server that answers 404 to everything), and the requests it sent —
//! method, path, `If-Match`, `Idempotency-Key` — must be exactly the operations of the committed
//! OpenAPI document (`crates/switchboard-server/openapi.json`) with their required headers. A new
//! endpoint on the server without a client method, or a client method on a path the server does not
//! serve, fails here.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use switchboard_api::audit::ListAuditEvents;
use switchboard_api::auth::{NewApiToken, Refresh, SignIn};
use switchboard_api::client::{AvatarSize, Client, ETag};
use switchboard_api::configuration::ConfigurationPatch;
use switchboard_api::groups::{GroupPatch, ListGroups, NewGroup};
use switchboard_api::invitations::{
    AcceptInvitation, InvitationBatch, InvitationPatch, ListInvitations, NewInvitation,
};
use switchboard_api::members::{ListMembers, MePatch, MemberPatch, RemoveMember};
use switchboard_api::numbers::{ListNumbers, NewNumber, NumberKind, NumberPatch, Sharing};
use switchboard_api::provisioning::NewProvisioningToken;
use uuid::Uuid;
use wiremock::{MockServer, Request};

const ID: Uuid = Uuid::from_u128(0x0000_0000_0000_7000_8000_0000_0000_0001);
const PRINCIPAL: Uuid = Uuid::from_u128(0x0000_0000_0000_7000_8000_0000_0000_0002);

/// (method, path template) → the names of its required header parameters.
type Operations = BTreeMap<(String, String), BTreeSet<String>>;

fn documented() -> Operations {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../switchboard-server/openapi.json");
    let document: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut operations = Operations::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            let headers = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "header" && p["required"] == true)
                .map(|p| p["name"].as_str().unwrap().to_ascii_lowercase())
                .collect();
            operations.insert((method.to_uppercase(), path.clone()), headers);
        }
    }
    operations
}

fn sent(requests: &[Request]) -> Operations {
    let mut operations = Operations::new();
    for request in requests {
        let path = request
            .url
            .path()
            .replace(&ID.to_string(), "{id}")
            .replace(&PRINCIPAL.to_string(), "{principal_id}");
        let headers = ["if-match", "idempotency-key"]
            .into_iter()
            .filter(|h| request.headers.contains_key(*h))
            .map(str::to_owned)
            .collect();
        let previous = operations.insert((request.method.to_string(), path.clone()), headers);
        assert!(
            previous.is_none(),
            "two client methods send {} {path}",
            request.method
        );
    }
    operations
}

/// Calls every endpoint method of the client once; each fails (404), which is all this needs.
async fn call_everything(client: &Client) {
    let etag = ETag::from_stored("\"1\"".to_owned());
    let key = Uuid::new_v4();
    let invitation = NewInvitation {
        email: "x@example.com".into(),
        role: None,
        grants: vec![],
        number_ids: vec![],
        group_ids: vec![],
    };
    let number = NewNumber {
        e164: "+6495550100".into(),
        label: String::new(),
        country: "NZ".into(),
        kind: NumberKind::Mobile,
        sharing: Sharing::Direct,
    };
    let sign_in = SignIn {
        email: "x@example.com".into(),
        password: "pw".into(),
    };
    let accept = AcceptInvitation {
        token: "t".into(),
        name: "X".into(),
        password: "password".into(),
    };
    let results = [
        client.auth().sign_in(&sign_in).await.err(),
        client
            .auth()
            .refresh(&Refresh {
                refresh_token: "r".into(),
            })
            .await
            .err(),
        client.auth().sign_out().await.err(),
        client.auth().tokens().await.err(),
        client
            .auth()
            .create_token(&NewApiToken {
                name: "n".into(),
                expires_in_days: None,
            })
            .await
            .err(),
        client.auth().revoke_token(ID).await.err(),
        client.me().get().await.err(),
        client.me().update(&etag, &MePatch::default()).await.err(),
        client.members().list(&ListMembers::default()).await.err(),
        client.members().get(ID).await.err(),
        client
            .members()
            .update(ID, &etag, &MemberPatch::default())
            .await
            .err(),
        client
            .members()
            .remove(ID, &etag, &RemoveMember::default())
            .await
            .err(),
        client
            .avatars()
            .upload(ID, &etag, "image/png", vec![0u8; 8])
            .await
            .err(),
        client.avatars().download(ID, AvatarSize::Small).await.err(),
        client.avatars().delete(ID, &etag).await.err(),
        client.invitations().list(&ListInvitations::default()).await.err(),
        client.invitations().get(ID).await.err(),
        client.invitations().create(key, &invitation).await.err(),
        client
            .invitations()
            .create_batch(key, &InvitationBatch { invitations: vec![] })
            .await
            .err(),
        client
            .invitations()
            .validate(&InvitationBatch { invitations: vec![] })
            .await
            .err(),
        client
            .invitations()
            .update(ID, &etag, &InvitationPatch::default())
            .await
            .err(),
        client.invitations().resend(ID).await.err(),
        client.invitations().revoke(ID).await.err(),
        client.invitations().accept(&accept).await.err(),
        client.groups().list(&ListGroups::default()).await.err(),
        client.groups().get(ID).await.err(),
        client
            .groups()
            .create(
                key,
                &NewGroup {
                    name: "g".into(),
                    description: String::new(),
                },
            )
            .await
            .err(),
        client
            .groups()
            .update(ID, &etag, &GroupPatch::default())
            .await
            .err(),
        client.groups().delete(ID, &etag).await.err(),
        client.groups().add(ID, &etag, PRINCIPAL).await.err(),
        client.groups().remove(ID, &etag, PRINCIPAL).await.err(),
        client.numbers().list(&ListNumbers::default()).await.err(),
        client.numbers().get(ID).await.err(),
        client.numbers().create(key, &number).await.err(),
        client
            .numbers()
            .update(ID, &etag, &NumberPatch::default())
            .await
            .err(),
        client.numbers().assign(ID, &etag, PRINCIPAL).await.err(),
        client.numbers().unassign(ID, &etag, PRINCIPAL).await.err(),
        client.configuration().get().await.err(),
        client
            .configuration()
            .update(&etag, &ConfigurationPatch::default())
            .await
            .err(),
        client
            .audit_events()
            .list(&ListAuditEvents::default())
            .await
            .err(),
        client.roles().list().await.err(),
        client.provisioning().get().await.err(),
        client
            .provisioning()
            .create_token(&NewProvisioningToken { name: "n".into() })
            .await
            .err(),
        client.provisioning().revoke_token(ID).await.err(),
    ];
    for error in results {
        let error = error.expect("the recorder answers 404 to everything");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error:?}");
    }
}

#[tokio::test]
async fn every_documented_operation_has_a_client_method_and_nothing_else() {
    let recorder = MockServer::start().await;
    let client = Client::builder(recorder.uri())
        .build()
        .unwrap()
        .with_token("sbp_recorder");
    call_everything(&client).await;
    let sent = sent(&recorder.received_requests().await.unwrap());
    let documented = documented();

    let missing: Vec<_> = documented.keys().filter(|op| !sent.contains_key(*op)).collect();
    assert!(
        missing.is_empty(),
        "documented operations the client cannot call: {missing:?}"
    );
    let unknown: Vec<_> = sent.keys().filter(|op| !documented.contains_key(*op)).collect();
    assert!(
        unknown.is_empty(),
        "client calls the server does not document: {unknown:?}"
    );
    for (operation, required) in &documented {
        assert_eq!(
            &sent[operation], required,
            "headers of {operation:?}: sent vs required"
        );
    }
}
