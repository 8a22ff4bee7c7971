//! Concurrency over real HTTP against the real binary: two admins writing the same member with the same
//! ETag never both win, and identical keyed POSTs racing each other create one invitation and all get
//! the same answer. Each race runs several rounds, since one round may happen not to overlap.

#[macro_use]
mod common;

use common::{Backend, Seed, Server, unique};
use serde_json::json;

on_every_backend!(same_etag_writers_one_wins, identical_keyed_posts_create_once);

const ROUNDS: usize = 8;

async fn same_etag_writers_one_wins(backend: Backend) {
    let server = Server::start(&backend, Seed::default()).await;
    let owner = server.owner().await;
    let admin = server.new_member(&owner, "admin").await;
    let target = server.new_member(&owner, "member").await;
    let path = format!("/v1/members/{}", target.id);

    for round in 0..ROUNDS {
        let etag = owner.get(&path).await.etag();
        let by_owner = json!({"name": format!("Owner's edit {round}")});
        let by_admin = json!({"name": format!("Admin's edit {round}")});
        let (a, b) = tokio::join!(
            owner.patch(&path, &by_owner, Some(&etag)),
            admin.api.patch(&path, &by_admin, Some(&etag)),
        );
        let statuses = [a.status, b.status];
        let winners = statuses.iter().filter(|s| (200..300).contains(*s)).count();
        let stale = statuses.iter().filter(|s| **s == 412).count();
        assert_eq!(
            (winners, stale),
            (1, 1),
            "round {round}: two writers with one ETag must give one 2xx and one 412, got {a:?} / {b:?}"
        );
        // The write that won is the one stored, and the loser's ETag is no longer current.
        let winner = if (200..300).contains(&a.status) {
            &by_owner
        } else {
            &by_admin
        };
        let now = owner.get(&path).await;
        assert_eq!(now.body["name"], winner["name"], "round {round}: the stored name");
        assert_ne!(now.etag(), etag);
    }
}

async fn identical_keyed_posts_create_once(backend: Backend) {
    let server = Server::start(&backend, Seed::default()).await;
    let owner = server.owner().await;

    for round in 0..ROUNDS {
        let email = format!("{}@switchboard.test", unique("race"));
        let body = json!({"email": email, "role": "member"});
        let key = unique("race-key-");
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..10 {
            let owner = owner.clone();
            let body = body.clone();
            let key = key.clone();
            tasks.spawn(async move {
                let reply = owner.post_keyed("/v1/invitations", &body, &key).await;
                (reply.status, reply.text)
            });
        }
        let replies = tasks.join_all().await;
        let first = &replies[0];
        assert_eq!(first.0, 201, "round {round}: {replies:#?}");
        for reply in &replies {
            assert_eq!(
                reply, first,
                "round {round}: ten identical keyed POSTs must get one answer"
            );
        }

        let listed = owner.get(&format!("/v1/invitations?q={email}&limit=200")).await;
        assert_eq!(listed.status, 200, "{listed:?}");
        let found = listed.body["data"].as_array().unwrap();
        assert_eq!(
            found.len(),
            1,
            "round {round}: invitations for {email}: {listed:?}"
        );
    }
}
