//! What quitting would cut short, counted from the real outbox while its sender runs against the real
//! server: invites on their way hold the app open until they arrive; an invite whose server doesn't
//! answer waits on disk for the next launch and doesn't.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use switchboard_api::client::Client;
use switchboard_api::invitations::NewInvitation;
use switchboard_core::outbox::backoff::Backoff;
use switchboard_core::outbox::store::now_ms;
use switchboard_core::outbox::{Deliver, InFlight, OutboxStore, Outcome, Sender, classify};
use switchboard_core::quitting::{BusyWork, Uploads};
use switchboard_server::state::Settings;
use switchboard_server_testing::{TestBackend, TestTeam};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use uuid::Uuid;

/// Sends "reachable" invites to the real server once the test opens the gate, and "away" invites to an
/// address where nothing listens.
struct Gated {
    server: Client,
    nowhere: Client,
    gate: Arc<Semaphore>,
}

impl Deliver for Gated {
    async fn deliver(&self, workspace_id: &str, key: Uuid, invitation: &NewInvitation) -> Outcome {
        if workspace_id == "away" {
            return classify(self.nowhere.invitations().create(key, invitation).await);
        }
        let _open = self.gate.acquire().await.expect("the gate stays");
        classify(self.server.invitations().create(key, invitation).await)
    }
}

fn invitation(email: &str) -> NewInvitation {
    NewInvitation {
        email: email.to_owned(),
        role: None,
        grants: Vec::new(),
        number_ids: Vec::new(),
        group_ids: Vec::new(),
    }
}

async fn busy(store: &OutboxStore, in_flight: Option<&InFlight>, unreachable: &HashSet<String>) -> BusyWork {
    BusyWork::of_outbox(store, in_flight, unreachable, 0, now_ms())
        .await
        .unwrap()
}

async fn until(what: &str, mut check: impl AsyncFnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !check().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invites_on_their_way_hold_quitting_and_unanswered_ones_wait_for_the_next_launch() {
    let settings = Settings {
        rate_limit_per_minute: 0,
        ..Default::default()
    };
    let team = TestTeam::with_settings(TestBackend::Sqlite, settings)
        .await
        .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(switchboard_server::serve(
        listener,
        team.state.clone(),
        std::future::pending(),
    ));
    // A port that was free a moment ago: nothing answers there.
    let nowhere = {
        let unused = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", unused.local_addr().unwrap())
    };
    let dir = tempfile::tempdir().unwrap();
    let store = OutboxStore::open(&dir.path().join("outbox.db")).await.unwrap();
    store
        .enqueue(
            "team",
            "team#owner",
            &[
                invitation("ana@harbour.example"),
                invitation("ben@harbour.example"),
            ],
        )
        .await
        .unwrap();
    store
        .enqueue("away", "away#owner", &[invitation("cy@elsewhere.example")])
        .await
        .unwrap();

    // Before any sender runs, nothing is on its way: all three wait for one.
    let nobody = HashSet::new();
    assert_eq!(
        busy(&store, None, &nobody).await,
        BusyWork {
            sending: 0,
            uploading: 0,
            waiting: 3
        }
    );

    let gate = Arc::new(Semaphore::new(0));
    let sender = Sender::new(
        store.clone(),
        Gated {
            server: Client::builder(&url)
                .build()
                .unwrap()
                .with_token(team.owner_token.clone()),
            nowhere: Client::builder(&nowhere).build().unwrap(),
            gate: Arc::clone(&gate),
        },
    )
    // Long waits after a failure: the unanswered invite must stay waiting while the test looks.
    .backoff(Backoff {
        base: Duration::from_secs(60),
        cap: Duration::from_secs(120),
    });
    let in_flight = sender.in_flight();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(sender.run(stopped));

    // The two for the server are held at the gate, on their way; the other got no answer and waits.
    until("two invites on their way and one waiting", async || {
        busy(&store, Some(&in_flight), &nobody).await
            == BusyWork {
                sending: 2,
                uploading: 0,
                waiting: 1,
            }
    })
    .await;
    assert_eq!(in_flight.ids().len(), 2);
    assert!(busy(&store, Some(&in_flight), &nobody).await.blocks_quitting());

    // Let them through: they arrive, leave the outbox, and nothing holds the app any more.
    gate.add_permits(2);
    until("the two delivered", async || {
        busy(&store, Some(&in_flight), &nobody).await
            == BusyWork {
                sending: 0,
                uploading: 0,
                waiting: 1,
            }
    })
    .await;
    assert!(!busy(&store, Some(&in_flight), &nobody).await.blocks_quitting());
    let delivered: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM invitations WHERE email LIKE '%@harbour.example'")
            .fetch_one(team.state.db.pool())
            .await
            .unwrap();
    assert_eq!(delivered, 2);
    stop.send(true).unwrap();
    running.await.unwrap().unwrap();

    // An invite due now goes at once, unless its server is known not to answer: then it waits too.
    store
        .enqueue("team", "team#owner", &[invitation("di@harbour.example")])
        .await
        .unwrap();
    let idle = InFlight::default();
    assert_eq!(busy(&store, Some(&idle), &nobody).await.sending, 1);
    let down = HashSet::from(["team".to_owned()]);
    assert_eq!(
        busy(&store, Some(&idle), &down).await,
        BusyWork {
            sending: 0,
            uploading: 0,
            waiting: 2
        }
    );

    // A photo upload under way holds it too, until its guard goes.
    let uploads = Uploads::default();
    let upload = uploads.start();
    let work = BusyWork::of_outbox(&store, Some(&idle), &down, uploads.count(), now_ms())
        .await
        .unwrap();
    assert_eq!(work.uploading, 1);
    assert!(work.blocks_quitting());
    drop(upload);
    assert_eq!(uploads.count(), 0);
}
