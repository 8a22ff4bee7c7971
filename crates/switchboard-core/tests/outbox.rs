//! The invite outbox against the real server over real TCP: invites queued in the SQLite outbox reach the
//! server exactly once through a proxy that delays, drops and cuts connections mid-answer; refusals wait
//! for the admin with the server's reason while the rest are delivered.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rand::Rng;
use sqlx::Row;
use switchboard_api::client::Client;
use switchboard_api::invitations::{ListInvitations, NewInvitation};
use switchboard_core::outbox::backoff::Backoff;
use switchboard_core::outbox::store::now_ms;
use switchboard_core::outbox::{Deliver, Event, Lookup, OutboxState, OutboxStore, Outcome, Sender, classify};
use switchboard_server::state::Settings;
use switchboard_server_testing::{TestBackend, TestTeam};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use uuid::Uuid;

/// Sends with a signed-in API client, as the app does.
struct ApiDeliver(Client);

impl Deliver for ApiDeliver {
    async fn deliver(&self, _workspace_id: &str, key: Uuid, invitation: &NewInvitation) -> Outcome {
        classify(self.0.invitations().create(key, invitation).await)
    }

    async fn invitations_for(&self, _workspace_id: &str, email: &str) -> Lookup {
        let query = ListInvitations {
            q: Some(email.to_owned()),
            limit: Some(200),
            ..Default::default()
        };
        match self.0.invitations().list(&query).await {
            Ok(page) => Lookup::Found(page.data),
            Err(error) => Lookup::Failed(classify(Err(error))),
        }
    }
}

/// A team whose server doesn't rate-limit (the outbox's own waits are what is under test).
async fn team() -> TestTeam {
    let settings = Settings {
        rate_limit_per_minute: 0,
        ..Default::default()
    };
    TestTeam::with_settings(TestBackend::Sqlite, settings)
        .await
        .unwrap()
}

async fn serve(team: &TestTeam) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(switchboard_server::serve(
        listener,
        team.state.clone(),
        std::future::pending(),
    ));
    url
}

/// What the proxy did to connections, for the test's own check that the faults happened.
#[derive(Default)]
struct Faults {
    dropped: AtomicUsize,
    cut: AtomicUsize,
    passed: AtomicUsize,
}

/// A TCP proxy to `upstream` that, per connection: drops it before anything reaches the server (1 in 8),
/// forwards the request but cuts the answer after a few bytes (1 in 8: the server has done the work, the
/// client never hears), or forwards both ways after up to 20 ms for up to 100 ms.
async fn faulty_proxy(upstream: String, faults: Arc<Faults>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let upstream = upstream.trim_start_matches("http://").to_owned();
    tokio::spawn(async move {
        loop {
            let Ok((mut client, _)) = listener.accept().await else {
                return;
            };
            let upstream = upstream.clone();
            let faults = Arc::clone(&faults);
            tokio::spawn(async move {
                let roll = rand::rng().random_range(0..8);
                if roll == 0 {
                    faults.dropped.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                let latency = Duration::from_millis(rand::rng().random_range(0..=20));
                tokio::time::sleep(latency).await;
                let Ok(mut server) = TcpStream::connect(&upstream).await else {
                    return;
                };
                if roll == 1 {
                    faults.cut.fetch_add(1, Ordering::Relaxed);
                    let (mut client_read, _client_write) = client.split();
                    let (mut server_read, mut server_write) = server.split();
                    // The request goes through; of the answer, only a few bytes come back.
                    let mut request = vec![0u8; 64 * 1024];
                    let forward = async {
                        loop {
                            let n = client_read.read(&mut request).await.unwrap_or(0);
                            if n == 0 || server_write.write_all(&request[..n]).await.is_err() {
                                break;
                            }
                        }
                    };
                    let mut answer = [0u8; 16];
                    tokio::select! {
                        () = forward => {}
                        read = server_read.read(&mut answer) => {
                            if let Ok(n) = read {
                                let _ = client.write_all(&answer[..n.min(12)]).await;
                            }
                        }
                    }
                    return;
                }
                faults.passed.fetch_add(1, Ordering::Relaxed);
                // A connection lives up to 100 ms, so the client's pool keeps opening new ones (each a new
                // roll of the dice), and some close with a request on its way.
                let life = Duration::from_millis(rand::rng().random_range(0..=100));
                let _ =
                    tokio::time::timeout(life, tokio::io::copy_bidirectional(&mut client, &mut server)).await;
            });
        }
    });
    url
}

fn invitation(email: String) -> NewInvitation {
    NewInvitation {
        email,
        role: None,
        grants: Vec::new(),
        number_ids: Vec::new(),
        group_ids: Vec::new(),
    }
}

/// A new outbox in a directory of its own (kept while the returned dir lives).
async fn new_store() -> (tempfile::TempDir, OutboxStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = OutboxStore::open(&dir.path().join("outbox.db")).await.unwrap();
    (dir, store)
}

/// Runs `sender` until nothing is queued, then stops it.
async fn flush<D: Deliver>(store: &OutboxStore, sender: Sender<D>, within: Duration) {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(sender.run(stopped));
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let queued = store
            .all()
            .await
            .unwrap()
            .iter()
            .filter(|entry| entry.state == OutboxState::Queued)
            .count();
        if queued == 0 {
            break;
        }
        if tokio::time::Instant::now() >= deadline {
            let left = store.all().await.unwrap();
            let sender = if running.is_finished() {
                format!("the sender stopped: {:?}", running.await)
            } else {
                "the sender runs".to_owned()
            };
            panic!(
                "{queued} still queued after {within:?} ({sender}), now {}: {left:#?}",
                now_ms()
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    stop.send(true).unwrap();
    running.await.unwrap().unwrap();
}

/// (invitations, distinct emails) on the server whose email starts with `prefix`.
async fn invitations_on_server(team: &TestTeam, prefix: &str) -> (i64, i64) {
    let row =
        sqlx::query("SELECT COUNT(*) AS n, COUNT(DISTINCT email) AS d FROM invitations WHERE email LIKE $1")
            .bind(format!("{prefix}%"))
            .fetch_one(team.state.db.pool())
            .await
            .unwrap();
    (row.try_get("n").unwrap(), row.try_get("d").unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn five_hundred_invites_arrive_exactly_once_through_a_faulty_network() {
    let team = team().await;
    let server = serve(&team).await;
    let faults = Arc::new(Faults::default());
    let proxy = faulty_proxy(server, Arc::clone(&faults)).await;
    let client = Client::builder(&proxy)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
        .with_token(team.admin_token.clone());
    let (_dir, store) = new_store().await;

    let invites: Vec<NewInvitation> = (0..500)
        .map(|i| invitation(format!("flaky-{i:03}@example.com")))
        .collect();
    store.enqueue("ws-1", "test", &invites).await.unwrap();
    let quick = Backoff {
        base: Duration::from_millis(20),
        cap: Duration::from_millis(400),
    };
    let sender = Sender::new(store.clone(), ApiDeliver(client)).backoff(quick);
    flush(&store, sender, Duration::from_secs(120)).await;

    assert_eq!(
        invitations_on_server(&team, "flaky-").await,
        (500, 500),
        "exactly 500 invitations, no duplicates"
    );
    assert!(store.all().await.unwrap().is_empty(), "the outbox is empty");
    assert!(
        faults.dropped.load(Ordering::Relaxed) > 10 && faults.cut.load(Ordering::Relaxed) > 10,
        "the proxy dropped {} and cut {} connections",
        faults.dropped.load(Ordering::Relaxed),
        faults.cut.load(Ordering::Relaxed)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_invites_wait_with_the_reason_and_the_rest_are_delivered() {
    let team = team().await;
    let server = serve(&team).await;
    let client = Client::builder(&server)
        .build()
        .unwrap()
        .with_token(team.admin_token.clone());
    let (_dir, store) = new_store().await;
    let mut invites: Vec<NewInvitation> = (0..20)
        .map(|i| invitation(format!("mixed-{i:02}@example.com")))
        .collect();
    invites[3].email = "mixed-not-an-address".into();
    invites[11].email = team.owner_email.clone();
    store.enqueue("ws-1", "test", &invites).await.unwrap();

    flush(
        &store,
        Sender::new(store.clone(), ApiDeliver(client)),
        Duration::from_secs(30),
    )
    .await;

    assert_eq!(invitations_on_server(&team, "mixed-").await, (18, 18));
    let waiting = store.all().await.unwrap();
    assert_eq!(waiting.len(), 2, "{waiting:#?}");
    assert!(
        waiting
            .iter()
            .all(|entry| entry.state == OutboxState::NeedsAttention)
    );
    let invalid = &waiting[0];
    assert_eq!(invalid.invitation.email, "mixed-not-an-address");
    assert_eq!(invalid.last_error_code.as_deref(), Some("validation_failed"));
    assert!(invalid.field_errors.contains_key("email"), "{invalid:#?}");
    let member = &waiting[1];
    assert_eq!(member.last_error_code.as_deref(), Some("already_member"));
    assert!(member.last_error.is_some());

    // Fixed and retried, it goes; discarded, it's gone.
    let fixed = store
        .retry_edited(&invalid.id, &invitation("mixed-fixed@example.com".into()))
        .await
        .unwrap();
    assert_ne!(
        fixed.idempotency_key, invalid.idempotency_key,
        "a changed invite gets a new key"
    );
    store.discard(&member.id).await.unwrap();
    let client = Client::builder(&server)
        .build()
        .unwrap()
        .with_token(team.admin_token.clone());
    flush(
        &store,
        Sender::new(store.clone(), ApiDeliver(client)),
        Duration::from_secs(30),
    )
    .await;
    assert_eq!(invitations_on_server(&team, "mixed-").await, (19, 19));
    assert!(store.all().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_outbox_survives_reopening_and_a_damaged_file_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("outbox.db");
    let store = OutboxStore::open(&path).await.unwrap();
    let queued = store
        .enqueue("ws-1", "test", &[invitation("kept@example.com".into())])
        .await
        .unwrap();
    store.close().await;
    let reopened = OutboxStore::open(&path).await.unwrap();
    let entries = reopened.all().await.unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].idempotency_key, queued[0].idempotency_key,
        "the key is kept"
    );
    reopened.close().await;

    std::fs::write(&path, b"this is not a SQLite database, just damage").unwrap();
    let fresh = OutboxStore::open(&path).await.unwrap();
    assert!(fresh.all().await.unwrap().is_empty());
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("outbox.corrupt") && name.ends_with(".db")
        })
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file is kept beside it");

    // A real outbox with a damaged page (a sound header, so it opens): the integrity check catches it.
    let damaged = dir.path().join("damaged.db");
    let store = OutboxStore::open(&damaged).await.unwrap();
    let many: Vec<NewInvitation> = (0..200)
        .map(|i| invitation(format!("page-{i:03}@example.com")))
        .collect();
    store.enqueue("ws-1", "test", &many).await.unwrap();
    store.close().await;
    let mut bytes = std::fs::read(&damaged).unwrap();
    assert!(bytes.len() > 3 * 4096, "several pages: {}", bytes.len());
    for byte in &mut bytes[4096 + 8..4096 + 1200] {
        *byte = 0xA5;
    }
    std::fs::write(&damaged, &bytes).unwrap();
    let fresh = OutboxStore::open(&damaged).await.unwrap();
    assert!(fresh.all().await.unwrap().is_empty(), "a new outbox in its place");
    let moved = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("damaged.corrupt") && name.ends_with(".db")
        })
        .count();
    assert_eq!(moved, 1, "the damaged outbox is kept beside it");
}

/// The child half of the crash test: flushes the outbox at `OUTBOX_CRASH_PATH` to `OUTBOX_CRASH_URL` until
/// it is empty (or it is killed). Does nothing unless the crash test started this process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_child() {
    let (Ok(path), Ok(url), Ok(token)) = (
        std::env::var("OUTBOX_CRASH_PATH"),
        std::env::var("OUTBOX_CRASH_URL"),
        std::env::var("OUTBOX_CRASH_TOKEN"),
    ) else {
        return;
    };
    let store = OutboxStore::open(std::path::Path::new(&path)).await.unwrap();
    let client = Client::builder(&url)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
        .with_token(token);
    let quick = Backoff {
        base: Duration::from_millis(20),
        cap: Duration::from_millis(400),
    };
    flush(
        &store,
        Sender::new(store.clone(), ApiDeliver(client)).backoff(quick),
        Duration::from_secs(120),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_twenty_times_mid_flush_the_outbox_still_delivers_each_invite_once() {
    let team = team().await;
    let url = serve(&team).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("outbox.db");
    let store = OutboxStore::open(&path).await.unwrap();
    let invites: Vec<NewInvitation> = (0..500)
        .map(|i| invitation(format!("crash-{i:03}@example.com")))
        .collect();
    store.enqueue("ws-1", "test", &invites).await.unwrap();
    store.close().await;

    // This test binary again, running only `crash_child`, which flushes until killed.
    let child = || {
        std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "crash_child", "--nocapture", "--test-threads", "1"])
            .env("OUTBOX_CRASH_PATH", &path)
            .env("OUTBOX_CRASH_URL", &url)
            .env("OUTBOX_CRASH_TOKEN", &team.admin_token)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut kills = 0;
    let mut delivered_while_killing = Vec::new();
    while kills < 20 {
        let mut process = child();
        let after = Duration::from_millis(rand::rng().random_range(20..=200));
        tokio::time::sleep(after).await;
        if process.try_wait().unwrap().is_some() {
            break; // It finished before the kill came: nothing left to interrupt.
        }
        process.kill().unwrap(); // SIGKILL
        process.wait().unwrap();
        kills += 1;
        delivered_while_killing.push(invitations_on_server(&team, "crash-").await.0);
    }
    let mut last = child();
    let status = tokio::task::spawn_blocking(move || last.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "the last run flushes the rest");

    assert!(
        kills >= 5,
        "killed only {kills} times: {delivered_while_killing:?}"
    );
    // The kills landed mid-flush: runs were cut short with part of the outbox delivered, and later runs
    // went on from there (a kill before the first send, or after the last, would prove nothing).
    let mid_flush: Vec<i64> = delivered_while_killing
        .iter()
        .copied()
        .filter(|delivered| (1..500).contains(delivered))
        .collect();
    assert!(
        mid_flush.len() >= 2 && mid_flush.first() < mid_flush.last(),
        "no progress across kills mid-flush: {delivered_while_killing:?}"
    );
    assert_eq!(
        invitations_on_server(&team, "crash-").await,
        (500, 500),
        "exactly 500 invitations after {kills} kills ({delivered_while_killing:?} delivered along the way)"
    );
    let store = OutboxStore::open(&path).await.unwrap();
    assert!(store.all().await.unwrap().is_empty(), "nothing left queued");
}

/// Answers each attempt from a script (then "delivered" once the script runs out), noting when each
/// attempt was made.
#[derive(Clone, Default)]
struct Scripted {
    answers: Arc<std::sync::Mutex<std::collections::VecDeque<Outcome>>>,
    attempts: Arc<std::sync::Mutex<Vec<tokio::time::Instant>>>,
}

impl Scripted {
    fn new(answers: impl IntoIterator<Item = Outcome>) -> Scripted {
        Scripted {
            answers: Arc::new(std::sync::Mutex::new(answers.into_iter().collect())),
            attempts: Arc::default(),
        }
    }

    fn attempts(&self) -> Vec<tokio::time::Instant> {
        self.attempts.lock().unwrap().clone()
    }
}

impl Deliver for Scripted {
    async fn deliver(&self, _workspace_id: &str, _key: Uuid, _invitation: &NewInvitation) -> Outcome {
        self.attempts.lock().unwrap().push(tokio::time::Instant::now());
        let next = self.answers.lock().unwrap().pop_front();
        next.unwrap_or(Outcome::Delivered(None))
    }
}

/// A sender's waits short enough that only `Retry-After` (or a hold) keeps an entry waiting.
const QUICK: Backoff = Backoff {
    base: Duration::from_millis(10),
    cap: Duration::from_millis(10),
};

#[tokio::test]
async fn a_wake_does_not_send_before_the_servers_retry_after_ends() {
    let (_dir, store) = new_store().await;
    let limited = store
        .enqueue(
            "ws-1",
            "server-1#owner",
            &[
                invitation("a@example.com".into()),
                invitation("b@example.com".into()),
            ],
        )
        .await
        .unwrap();
    let other = store
        .enqueue("ws-2", "server-2#owner", &[invitation("c@example.com".into())])
        .await
        .unwrap();
    let until = now_ms() + 120_000;
    // The server answered a's attempt with 429, Retry-After: 120.
    store
        .retry_later(
            &limited[0].id,
            1,
            now_ms(),
            until,
            Some(until),
            "too many requests",
        )
        .await
        .unwrap();
    let due_ids = |entries: Vec<switchboard_core::outbox::OutboxEntry>| {
        entries
            .into_iter()
            .map(|entry| entry.invitation.email)
            .collect::<Vec<_>>()
    };

    // Connectivity back, then a sign-in that takes the invites over, then a new invite: none of it sends
    // anything of that server's before its Retry-After ends.
    store.wake_workspace("ws-1").await.unwrap();
    assert_eq!(due_ids(store.due(now_ms(), 10).await.unwrap()), ["c@example.com"]);
    store.adopt("server-1#owner", "ws-1b").await.unwrap();
    store
        .enqueue("ws-1b", "server-1#owner", &[invitation("d@example.com".into())])
        .await
        .unwrap();
    store.wake_workspace("ws-1b").await.unwrap();
    assert_eq!(due_ids(store.due(now_ms(), 10).await.unwrap()), ["c@example.com"]);
    for entry in store.list("ws-1b").await.unwrap() {
        assert!(
            entry.next_attempt_at >= until,
            "{} shows it goes at {}, before {until}",
            entry.invitation.email,
            entry.next_attempt_at
        );
    }
    assert!(store.next_due_except(&[&other[0].id]).await.unwrap() >= Some(until));

    let after = store.due(until, 10).await.unwrap();
    assert_eq!(after.len(), 4, "all due once it ends: {after:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sender_woken_again_and_again_waits_out_a_retry_after() {
    let (_dir, store) = new_store().await;
    store
        .enqueue("ws-1", "test", &[invitation("limited@example.com".into())])
        .await
        .unwrap();
    let asked = Duration::from_secs(2);
    let deliver = Scripted::new([Outcome::Retry {
        retry_after: Some(asked),
        reason: "429 Too Many Requests".into(),
    }]);
    let sender = Sender::new(store.clone(), deliver.clone()).backoff(QUICK);
    let waker = sender.waker();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(sender.run(stopped));

    // The workspace keeps answering other requests meanwhile: each wakes its invites.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !store.all().await.unwrap().is_empty() {
        assert!(tokio::time::Instant::now() < deadline, "never delivered");
        store.wake_workspace("ws-1").await.unwrap();
        waker.wake();
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let attempts = deliver.attempts();
    assert_eq!(attempts.len(), 2, "one refused, one delivered");
    assert!(
        attempts[1] - attempts[0] >= asked,
        "sent again {:?} after a Retry-After of {asked:?}",
        attempts[1] - attempts[0]
    );
    stop.send(true).unwrap();
    running.await.unwrap().unwrap();
}

#[tokio::test]
async fn an_outbox_file_from_before_the_retry_after_column_opens_with_its_invites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("outbox.db");
    // The table as the first release made it.
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::raw_sql(
        "CREATE TABLE outbox (
            id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, account TEXT NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE, invitation TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('queued', 'needs_attention')),
            attempts INTEGER NOT NULL DEFAULT 0, maybe_sent INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL, last_error TEXT, last_error_code TEXT,
            field_errors TEXT NOT NULL DEFAULT '{}', created_at INTEGER NOT NULL, seq INTEGER NOT NULL);
         INSERT INTO outbox (id, workspace_id, account, idempotency_key, invitation, state, next_attempt_at,
            created_at, seq)
         VALUES ('e1', 'ws-1', 'test', '6f1c1d9e-6a4e-4d6b-9a39-0d1f5a0c2b11',
            '{\"email\":\"old@example.com\",\"role\":null,\"grants\":[],\"number_ids\":[],\"group_ids\":[]}',
            'queued', 0, 0, 1);",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    let store = OutboxStore::open(&path).await.unwrap();
    let entries = store.all().await.unwrap();
    assert_eq!(entries.len(), 1, "{entries:#?}");
    assert_eq!(entries[0].invitation.email, "old@example.com");
    assert_eq!(store.due(now_ms(), 10).await.unwrap().len(), 1, "and it is sent");
}

/// The first attempt is made with a session that has expired: while it is on its way the user signs in
/// again (which counts the sign-in and wakes the workspace's invites, as the app does), then the server's
/// 401 for the old session arrives. Later attempts are delivered.
struct SignedInMeanwhile {
    store: OutboxStore,
    sign_ins: Arc<std::sync::atomic::AtomicU64>,
    attempts: Arc<AtomicUsize>,
}

impl Deliver for SignedInMeanwhile {
    async fn deliver(&self, workspace_id: &str, _key: Uuid, _invitation: &NewInvitation) -> Outcome {
        if self.attempts.fetch_add(1, Ordering::SeqCst) > 0 {
            return Outcome::Delivered(None);
        }
        self.sign_ins.fetch_add(1, Ordering::SeqCst);
        self.store.wake_workspace(workspace_id).await.unwrap();
        Outcome::SignedOut {
            reason: "signed out: the session has expired".into(),
        }
    }

    fn sign_ins(&self) -> u64 {
        self.sign_ins.load(Ordering::SeqCst)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_out_answer_for_the_session_before_a_sign_in_does_not_hold_the_invites() {
    let (_dir, store) = new_store().await;
    store
        .enqueue("ws-1", "test", &[invitation("late@example.com".into())])
        .await
        .unwrap();
    let attempts = Arc::new(AtomicUsize::new(0));
    let deliver = SignedInMeanwhile {
        store: store.clone(),
        sign_ins: Arc::default(),
        attempts: Arc::clone(&attempts),
    };
    let (events, mut received) = tokio::sync::mpsc::unbounded_channel();
    let sender = Sender::new(store.clone(), deliver).backoff(QUICK).events(events);
    // Well inside the five minutes a signed-out workspace's invites are held.
    flush(&store, sender, Duration::from_secs(10)).await;
    assert_eq!(attempts.load(Ordering::SeqCst), 2);
    while let Ok(event) = received.try_recv() {
        assert!(
            !matches!(event, Event::SignedOut { .. }),
            "the app is not told the workspace is signed out: {event:?}"
        );
    }
}

/// A sign-in that lands after the sender saw no new one and before its hold is written (its wake came
/// first, and the hold would undo it): the sender reads the count 0 when the attempt begins and when the
/// 401 arrives, and 1 from then on.
struct SignedInDuringTheHold {
    sign_ins_read: AtomicUsize,
    attempts: AtomicUsize,
}

impl Deliver for SignedInDuringTheHold {
    async fn deliver(&self, _workspace_id: &str, _key: Uuid, _invitation: &NewInvitation) -> Outcome {
        if self.attempts.fetch_add(1, Ordering::SeqCst) > 0 {
            return Outcome::Delivered(None);
        }
        Outcome::SignedOut {
            reason: "signed out: the session has expired".into(),
        }
    }

    fn sign_ins(&self) -> u64 {
        u64::from(self.sign_ins_read.fetch_add(1, Ordering::SeqCst) >= 2)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_racing_the_signed_out_hold_still_sends_the_invites() {
    let (_dir, store) = new_store().await;
    store
        .enqueue("ws-1", "test", &[invitation("race@example.com".into())])
        .await
        .unwrap();
    let deliver = SignedInDuringTheHold {
        sign_ins_read: AtomicUsize::new(0),
        attempts: AtomicUsize::new(0),
    };
    flush(
        &store,
        Sender::new(store.clone(), deliver).backoff(QUICK),
        Duration::from_secs(10),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_lost_a_day_ago_is_looked_up_rather_than_sent_again() {
    let team = team().await;
    let server = serve(&team).await;
    let client = Client::builder(&server)
        .build()
        .unwrap()
        .with_token(team.admin_token.clone());
    let (_dir, store) = new_store().await;
    let entries = store
        .enqueue(
            "ws-1",
            "test",
            &[
                invitation("day-lost@example.com".into()),
                invitation("day-never@example.com".into()),
            ],
        )
        .await
        .unwrap();
    // Both were attempted 25 hours ago and no answer came. The first attempt of the one did reach the
    // server: its invitation was made, then revoked, and the server no longer knows the key (here: the
    // key it was made under is another).
    let made = client
        .invitations()
        .create(Uuid::new_v4(), &entries[0].invitation)
        .await
        .unwrap()
        .value;
    client.invitations().revoke(made.id).await.unwrap();
    let day_ago = now_ms() - 25 * 3600 * 1000;
    for entry in &entries {
        store
            .retry_later(&entry.id, 1, day_ago, now_ms(), None, "the connection was reset")
            .await
            .unwrap();
    }

    flush(
        &store,
        Sender::new(store.clone(), ApiDeliver(client)),
        Duration::from_secs(30),
    )
    .await;
    assert_eq!(
        invitations_on_server(&team, "day-lost").await,
        (1, 1),
        "the revoked invitation is the one: not made again"
    );
    assert_eq!(
        invitations_on_server(&team, "day-never").await,
        (1, 1),
        "nothing was made for the other: it is sent"
    );
}

#[tokio::test]
async fn an_entry_keeps_when_its_first_unanswered_attempt_began() {
    let (_dir, store) = new_store().await;
    let entry = store
        .enqueue("ws-1", "test", &[invitation("first@example.com".into())])
        .await
        .unwrap()
        .remove(0);
    assert_eq!(entry.first_attempt_at, None);
    for (attempts, began) in [(1, 1_000), (2, 5_000)] {
        store
            .retry_later(&entry.id, attempts, began, now_ms(), None, "no answer")
            .await
            .unwrap();
    }
    let kept = store.all().await.unwrap().remove(0);
    assert!(kept.maybe_sent);
    assert_eq!(
        kept.first_attempt_at,
        Some(1_000),
        "the first attempt's, not the last's"
    );
}
