//! The invite outbox flushing a queue to the real server: how long 1,000 queued invites take to leave the
//! outbox for the server, sent `CONCURRENCY` at a time as the app does, next to one at a time. A
//! benchmark, not a test: it prints figures and asserts nothing about speed; it exits non-zero only when
//! the invites did not all arrive exactly once (the server must then hold exactly one invitation per
//! invite, and the outbox nothing).
//!
//!   scripts/bench-outbox.sh [--invites N] [--runs N]
//!   cargo bench -p switchboard-core --bench outbox -- --invites 1000 --runs 3
//!
//! Every run of every mode gets its own server: the reference server in this process on a fresh SQLite
//! database (a team with an owner, as the tests make it), served over real TCP on 127.0.0.1, with its
//! default settings (invitation emails are recorded in its database, not sent: no SMTP). It signs in as
//! the owner once with the API client the app uses, queues the invites in a fresh outbox file
//! (`OutboxStore::enqueue`, one transaction, not timed) and times the sender from its start until it has
//! reported every invite delivered — so each invite's `POST /v1/invitations` round trip and the outbox's
//! own durable bookkeeping (reading the due entries, deleting each delivered one with `synchronous=FULL`)
//! are both inside the figure.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sqlx::Row;
use switchboard_api::auth::SignIn;
use switchboard_api::client::Client;
use switchboard_api::invitations::NewInvitation;
use switchboard_core::outbox::sender::CONCURRENCY;
use switchboard_core::outbox::store::FILE_NAME;
use switchboard_core::outbox::{Deliver, Event, OutboxStore, Outcome, Sender, classify};
use switchboard_server_testing::{TestBackend, TestTeam};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use uuid::Uuid;

/// A run that has not delivered everything by then has failed.
const DEADLINE: Duration = Duration::from_secs(600);

/// Sends with the signed-in API client, as the app does, noting each round trip; without a client,
/// answers success at once.
struct TimedDeliver {
    client: Option<Client>,
    round_trips: Arc<Mutex<Vec<Duration>>>,
}

impl Deliver for TimedDeliver {
    async fn deliver(&self, _workspace_id: &str, key: Uuid, invitation: &NewInvitation) -> Outcome {
        let Some(client) = &self.client else {
            return Outcome::Delivered(None);
        };
        let start = Instant::now();
        let answer = client.invitations().create(key, invitation).await;
        let took = start.elapsed();
        self.round_trips
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(took);
        classify(answer)
    }
}

struct Options {
    invites: usize,
    runs: usize,
}

fn options() -> Options {
    let mut options = Options {
        invites: 1000,
        runs: 3,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> usize {
            args.next()
                .and_then(|n| n.parse().ok())
                .filter(|n| *n > 0)
                .unwrap_or_else(|| {
                    eprintln!("outbox: {name} takes a positive number");
                    std::process::exit(2);
                })
        };
        match arg.as_str() {
            "--invites" => options.invites = number("--invites"),
            "--runs" => options.runs = number("--runs"),
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            other => {
                eprintln!("outbox: unknown argument {other} (--invites N, --runs N)");
                std::process::exit(2);
            }
        }
    }
    options
}

/// What one flush came to.
struct Flush {
    concurrency: usize,
    seconds: f64,
    /// Every round trip of `POST /v1/invitations`, sorted.
    round_trips: Vec<Duration>,
    /// Retryable failures the sender reported (each invite still arrives, later).
    retries: usize,
    /// What the checks afterwards found wrong (empty: every invite arrived exactly once).
    problems: Vec<String>,
}

impl Flush {
    fn per_second(&self, invites: usize) -> f64 {
        invites as f64 / self.seconds
    }

    fn round_trip_ms(&self, quantile: f64) -> f64 {
        let Some(last) = self.round_trips.len().checked_sub(1) else {
            return 0.0;
        };
        let at = ((last as f64) * quantile).round() as usize;
        self.round_trips[at].as_secs_f64() * 1000.0
    }

    /// Of the wall time per invite, what was not the invite's own round trip: the sender's and the
    /// outbox file's part. It adds up only where round trips don't overlap: one at a time, or with no
    /// server (no round trips at all).
    fn outbox_ms_per_invite(&self, invites: usize) -> Option<f64> {
        let in_flight: f64 = self.round_trips.iter().map(Duration::as_secs_f64).sum();
        (self.concurrency == 1 || self.round_trips.is_empty())
            .then(|| (self.seconds - in_flight) * 1000.0 / invites as f64)
    }
}

/// The real server in this process, on a fresh SQLite database, served over TCP on 127.0.0.1.
struct Server {
    team: TestTeam,
    url: String,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Server {
    async fn start() -> Server {
        let team = TestTeam::new(TestBackend::Sqlite)
            .await
            .expect("a team on a fresh SQLite database");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a local port");
        let url = format!("http://{}", listener.local_addr().expect("its address"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(switchboard_server::serve(listener, team.state.clone(), async {
            let _ = stopped.await;
        }));
        Server {
            team,
            url,
            stop,
            task,
        }
    }

    /// The API client signed in as the owner (the one password check of the run).
    async fn client(&self) -> Client {
        let client = Client::builder(&self.url).build().expect("a client");
        let session = client
            .auth()
            .sign_in(&SignIn {
                email: self.team.owner_email.clone(),
                password: self.team.owner_password.clone(),
            })
            .await
            .expect("the owner signs in");
        client.with_token(session.access_token)
    }

    /// (invitations, distinct emails) the server holds.
    async fn invitations(&self) -> (i64, i64) {
        let row = sqlx::query("SELECT COUNT(*) AS n, COUNT(DISTINCT email) AS d FROM invitations")
            .fetch_one(self.team.state.db.pool())
            .await
            .expect("the server's invitations are counted");
        (
            row.try_get("n").expect("a count"),
            row.try_get("d").expect("a count"),
        )
    }

    async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// Flushes `invites` queued invites at `concurrency`: to a fresh server, or (`server` false) to a
/// delivery that answers success at once, which leaves the sender and the outbox file alone in the
/// figure.
async fn flush(invites: usize, concurrency: usize, server: bool) -> Flush {
    let server = if server { Some(Server::start().await) } else { None };
    let client = match &server {
        Some(server) => Some(server.client().await),
        None => None,
    };

    let dir = tempfile::tempdir().expect("a directory for the outbox");
    let store = OutboxStore::open(&dir.path().join(FILE_NAME))
        .await
        .expect("the outbox opens");
    let queued: Vec<NewInvitation> = (0..invites)
        .map(|i| NewInvitation {
            email: format!("bench-{i:06}@example.com"),
            role: None,
            grants: Vec::new(),
            number_ids: Vec::new(),
            group_ids: Vec::new(),
        })
        .collect();
    store
        .enqueue("bench", "bench", &queued)
        .await
        .expect("the invites are queued");

    let round_trips = Arc::new(Mutex::new(Vec::with_capacity(invites)));
    let deliver = TimedDeliver {
        client,
        round_trips: Arc::clone(&round_trips),
    };
    let (events_to, mut events) = mpsc::unbounded_channel();
    let (stop, stopped) = watch::channel(false);
    let sender = Sender::new(store.clone(), deliver)
        .concurrency(concurrency)
        .events(events_to);

    let start = Instant::now();
    let running = tokio::spawn(sender.run(stopped));
    let mut delivered = 0;
    let mut retries = 0;
    let mut problems = Vec::new();
    while delivered < invites {
        let left = DEADLINE.saturating_sub(start.elapsed());
        match tokio::time::timeout(left, events.recv()).await {
            Ok(Some(Event::Delivered { .. })) => delivered += 1,
            Ok(Some(Event::Failed { .. })) => retries += 1,
            Ok(Some(other)) => {
                problems.push(format!("the sender reported {other:?}"));
                break;
            }
            Ok(None) => {
                problems.push("the sender stopped".to_owned());
                break;
            }
            Err(_) => {
                problems.push(format!("only {delivered} delivered after {DEADLINE:?}"));
                break;
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let _ = stop.send(true);
    match running.await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => problems.push(format!("the sender failed: {error}")),
        Err(error) => problems.push(format!("the sender panicked: {error}")),
    }

    let left = store.all().await.expect("the outbox is read").len();
    if left != 0 {
        problems.push(format!("{left} entries left in the outbox"));
    }
    let held = match &server {
        Some(server) => {
            let (on_server, distinct) = server.invitations().await;
            if on_server != invites as i64 || distinct != invites as i64 {
                problems.push(format!(
                    "the server holds {on_server} invitations ({distinct} distinct emails), not {invites}"
                ));
            }
            format!("the server holds {on_server} invitations ({distinct} distinct emails)")
        }
        None => "no server".to_owned(),
    };
    eprintln!(
        "outbox: concurrency {concurrency}: {delivered} delivered in {seconds:.2} s; {held}; the outbox \
         holds {left} entries"
    );

    store.close().await;
    if let Some(server) = server {
        server.stop().await;
    }
    let mut round_trips = std::mem::take(
        &mut *round_trips
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()),
    );
    round_trips.sort();
    Flush {
        concurrency,
        seconds,
        round_trips,
        retries,
        problems,
    }
}

fn ms(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |ms| format!("{ms:.2}"))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// One way of flushing: at this concurrency, to the server or to nothing.
#[derive(Clone, Copy, PartialEq)]
struct Mode {
    concurrency: usize,
    server: bool,
}

impl Mode {
    fn name(self) -> &'static str {
        if self.server { "server" } else { "outbox alone" }
    }
}

#[tokio::main]
async fn main() {
    let Options { invites, runs } = options();
    let modes = [
        Mode {
            concurrency: CONCURRENCY,
            server: true,
        },
        Mode {
            concurrency: 1,
            server: true,
        },
        Mode {
            concurrency: CONCURRENCY,
            server: false,
        },
    ];
    eprintln!(
        "outbox: {invites} invites, {runs} runs at concurrency {CONCURRENCY} and 1, a fresh server each; \
         then the outbox alone"
    );
    let mut flushes: Vec<(Mode, Flush)> = Vec::new();
    for _ in 0..runs {
        for mode in modes {
            flushes.push((mode, flush(invites, mode.concurrency, mode.server).await));
        }
    }

    println!();
    println!(
        "{invites} invites queued in the outbox and flushed, {runs} runs per mode: to the server in this \
         process over 127.0.0.1 (SQLite, a fresh database per run), and, for the outbox's own ceiling, to \
         a delivery that answers success at once."
    );
    println!();
    println!(
        "| to | concurrency | run | invites | seconds | invites/s | round trip p50 ms | p99 ms | outbox ms/invite | retries |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for mode in modes {
        let of_mode: Vec<&Flush> = flushes
            .iter()
            .filter(|(of, _)| *of == mode)
            .map(|(_, flush)| flush)
            .collect();
        let name = mode.name();
        let concurrency = mode.concurrency;
        let round_trip = |ms: f64| {
            if mode.server {
                format!("{ms:.1}")
            } else {
                "—".to_owned()
            }
        };
        for (run, flush) in of_mode.iter().enumerate() {
            println!(
                "| {name} | {concurrency} | {} | {invites} | {:.2} | {:.0} | {} | {} | {} | {} |",
                run + 1,
                flush.seconds,
                flush.per_second(invites),
                round_trip(flush.round_trip_ms(0.5)),
                round_trip(flush.round_trip_ms(0.99)),
                ms(flush.outbox_ms_per_invite(invites)),
                flush.retries,
            );
        }
        let seconds = median(of_mode.iter().map(|flush| flush.seconds).collect());
        println!(
            "| **{name}** | **{concurrency}** | median | {invites} | {seconds:.2} | **{:.0}** | {} | {} | {} | |",
            invites as f64 / seconds,
            round_trip(median(
                of_mode.iter().map(|flush| flush.round_trip_ms(0.5)).collect()
            )),
            round_trip(median(
                of_mode.iter().map(|flush| flush.round_trip_ms(0.99)).collect()
            )),
            ms(of_mode
                .iter()
                .map(|flush| flush.outbox_ms_per_invite(invites))
                .collect::<Option<Vec<f64>>>()
                .map(median)),
        );
    }

    println!();
    let mut failed = false;
    for (index, (mode, flush)) in flushes.iter().enumerate() {
        let run = index / modes.len() + 1;
        let what = format!("{}, concurrency {}, run {run}", mode.name(), mode.concurrency);
        if !flush.problems.is_empty() {
            failed = true;
            for problem in &flush.problems {
                println!("{what}: FAILED: {problem}");
            }
        } else if mode.server {
            println!("{what}: the server holds exactly {invites} invitations, the outbox is empty");
        } else {
            println!("{what}: all {invites} delivered, the outbox is empty");
        }
    }
    if failed {
        std::process::exit(1);
    }
}
