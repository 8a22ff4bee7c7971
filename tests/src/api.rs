//! The server's side of the end-to-end tests: the test's own session with the Team API, beside the app's,
//! to read back what the app changed and to change things behind its back.

use serde_json::Value;
use switchboard_api::auth::SignIn;
use switchboard_api::client::{Client as ApiClient, Versioned};
use switchboard_api::groups::ListGroups;
use switchboard_api::invitations::{AcceptInvitation, Invitation, ListInvitations};
use switchboard_api::members::{ListMembers, Member, MemberPatch};
use switchboard_api::numbers::ListNumbers;

use crate::RemoteServer;

/// The owner's own session with the server, beside the app's.
pub struct Api(pub ApiClient);

impl Api {
    pub async fn sign_in(server: &RemoteServer) -> Self {
        let anonymous = ApiClient::builder(server.url.clone())
            .no_proxy()
            .build()
            .expect("API client");
        let session = anonymous
            .auth()
            .sign_in(&SignIn {
                email: server.owner_email.clone(),
                password: server.owner_password.clone(),
            })
            .await
            .expect("sign in to the API");
        Self(anonymous.with_token(session.access_token))
    }

    /// The member called `name`, with the ETag of this read.
    pub async fn member(&self, name: &str) -> Versioned<Member> {
        let page = self
            .0
            .members()
            .list(&ListMembers {
                q: Some(name.to_owned()),
                limit: Some(10),
                ..ListMembers::default()
            })
            .await
            .expect("list members");
        let id = page
            .data
            .iter()
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("no member called {name}"))
            .id;
        self.0.members().get(id).await.expect("get member")
    }

    /// The member as JSON, for comparing with what the app should have saved.
    pub async fn member_json(&self, name: &str) -> Value {
        serde_json::to_value(self.member(name).await.value).expect("member as JSON")
    }

    /// Renames a member behind the app's back, with the ETag the server holds now.
    pub async fn rename(&self, name: &str, to: &str) {
        let member = self.member(name).await;
        let patch = MemberPatch {
            name: Some(to.to_owned()),
            ..MemberPatch::default()
        };
        self.0
            .members()
            .update(member.value.id, &member.etag, &patch)
            .await
            .expect("rename through the API");
    }

    pub async fn number_json(&self, search: &str) -> Value {
        let page = self
            .0
            .numbers()
            .list(&ListNumbers {
                q: Some(search.to_owned()),
                ..ListNumbers::default()
            })
            .await
            .expect("list numbers");
        assert_eq!(page.data.len(), 1, "one number matches {search}");
        serde_json::to_value(&page.data[0]).expect("number as JSON")
    }

    pub async fn group_json(&self, name: &str) -> Option<Value> {
        let page = self
            .0
            .groups()
            .list(&ListGroups {
                q: Some(name.to_owned()),
                ..ListGroups::default()
            })
            .await
            .expect("list groups");
        page.data
            .iter()
            .find(|g| g.name == name)
            .map(|g| serde_json::to_value(g).expect("group as JSON"))
    }

    pub async fn configuration_json(&self) -> Value {
        serde_json::to_value(self.0.configuration().get().await.expect("configuration").value)
            .expect("configuration as JSON")
    }
}

/// The names of the people (`assignees` of a number, `members` of a group) in JSON, sorted.
pub fn names(people: &Value) -> Vec<String> {
    let mut names: Vec<String> = people
        .as_array()
        .map(|people| {
            people
                .iter()
                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

impl Api {
    /// Every invitation whose address contains `q`.
    pub async fn invitations(&self, q: &str) -> Vec<Invitation> {
        self.0
            .invitations()
            .list(&ListInvitations {
                q: Some(q.to_owned()),
                limit: Some(100),
                ..ListInvitations::default()
            })
            .await
            .expect("list invitations")
            .data
    }

    /// Accepts an invitation with the token from its email, as the invited person would.
    pub async fn accept(&self, token: &str, name: &str) {
        self.0
            .invitations()
            .accept(&AcceptInvitation {
                token: token.to_owned(),
                name: name.to_owned(),
                password: "a long new-starter password".to_owned(),
            })
            .await
            .expect("accept the invitation");
    }
}
