//! Shared by the server's integration suites (`tcp`, `role_matrix`, `races`): the databases a suite runs
//! on, the real `switchboard-server` binary as a child process on a free port, and a small HTTP client.
//!
//! Every suite runs on SQLite, and on PostgreSQL when `SWITCHBOARD_TEST_POSTGRES_URL` is set (see
//! `scripts/with-postgres.sh`). When it is not, the PostgreSQL half says so on the terminal instead of
//! passing silently, and fails when CI demands PostgreSQL (`SWITCHBOARD_REQUIRE_POSTGRES=1`).

// Each suite uses a different part of this module.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;
use serde_json::{Value, json};
use switchboard_server_testing::{TestBackend, TestDatabase};

/// The binary under test, built by cargo for this test run.
pub const BIN: &str = env!("CARGO_BIN_EXE_switchboard-server");

pub const OWNER_EMAIL: &str = "owner@switchboard.test";
pub const OWNER_PASSWORD: &str = "owner-password-1";

/// Generates, for each named `async fn NAME(backend: Backend)`, a module `NAME` with two tests:
/// `NAME::sqlite` and `NAME::postgres`. (Declare `#[macro_use] mod common;` in the suite.)
// Not every suite runs on both backends (scale_out is PostgreSQL only).
#[allow(unused_macros)]
macro_rules! on_every_backend {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                super::$name(crate::common::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                if let Some(backend) = crate::common::Backend::postgres(module_path!()) {
                    super::$name(backend).await;
                }
            }
        }
    )*};
}

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    /// The server named by `SWITCHBOARD_TEST_POSTGRES_URL`, where each server under test gets a fresh
    /// database.
    Postgres,
}

impl Backend {
    /// PostgreSQL when the environment names a server. Otherwise prints that this half is skipped (to
    /// the terminal, past the test harness's capture) or, when CI requires PostgreSQL, fails.
    pub fn postgres(test: &str) -> Option<Backend> {
        match std::env::var("SWITCHBOARD_TEST_POSTGRES_URL") {
            Ok(url) if !url.is_empty() => Some(Backend::Postgres),
            _ => {
                assert!(
                    std::env::var("SWITCHBOARD_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                    "SWITCHBOARD_REQUIRE_POSTGRES=1 but SWITCHBOARD_TEST_POSTGRES_URL is not set: \
                     run the tests under scripts/with-postgres.sh"
                );
                // `writeln!` on the handle, not `eprintln!`: libtest captures the macros only.
                let _ = writeln!(
                    std::io::stderr(),
                    "SKIPPED {test}::postgres: SWITCHBOARD_TEST_POSTGRES_URL is not set \
                     (run under scripts/with-postgres.sh for the PostgreSQL half)"
                );
                None
            }
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    /// An empty database of its own: a SQLite file in a temp dir, or a new PostgreSQL database.
    pub async fn fresh_database(self) -> TestDatabase {
        let backend = match self {
            Backend::Sqlite => TestBackend::Sqlite,
            Backend::Postgres => TestBackend::Postgres,
        };
        TestDatabase::create(backend)
            .await
            .unwrap_or_else(|e| panic!("a {} test database: {e}", self.name()))
    }
}

/// A name no other test in this run (or an earlier run against the same PostgreSQL) has used.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
    format!(
        "{prefix}{}x{}x{}",
        std::process::id(),
        nanos % 1_000_000_000_000,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// How to seed a server's database before it starts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Seed {
    pub demo: bool,
    pub members: Option<u32>,
}

/// The real binary, seeded and serving on a free port. Dropping it kills the process, so a failing test
/// never leaves a server behind.
pub struct Server {
    child: Child,
    pub base: String,
    pub backend: &'static str,
    log: Arc<Mutex<Vec<String>>>,
    /// Shared by the instances of one database (see [`Server::another_instance`]).
    db: Arc<TestDatabase>,
}

impl Server {
    pub async fn start(backend: &Backend, seed: Seed) -> Server {
        Server::start_with(backend, seed, &[]).await
    }

    /// `start`, with extra `serve` flags (e.g. a low rate limit).
    pub async fn start_with(backend: &Backend, seed: Seed, serve_args: &[&str]) -> Server {
        let db = backend.fresh_database().await;
        let mut args = vec![
            "seed".to_owned(),
            "--database-url".to_owned(),
            db.url.clone(),
            "--owner-email".to_owned(),
            OWNER_EMAIL.to_owned(),
            "--owner-password".to_owned(),
            OWNER_PASSWORD.to_owned(),
        ];
        if seed.demo {
            args.push("--demo".to_owned());
        }
        if let Some(n) = seed.members {
            args.extend(["--members".to_owned(), n.to_string()]);
        }
        let out = tokio::process::Command::new(BIN)
            .args(&args)
            .output()
            .await
            .unwrap();
        assert!(
            out.status.success(),
            "seed failed ({}):\n{}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );

        Server::serve(Arc::new(db), backend.name(), serve_args)
    }

    /// Another instance of the binary serving this one's database, as behind a load balancer, with
    /// `serve_args` of its own.
    pub fn another_instance(&self, serve_args: &[&str]) -> Server {
        Server::serve(Arc::clone(&self.db), self.backend, serve_args)
    }

    fn serve(db: Arc<TestDatabase>, backend: &'static str, serve_args: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--database-url", &db.url, "--listen", "127.0.0.1:0"])
            .args(serve_args)
            // Info logs carry the invitation emails (accept links) the suites read back.
            .env("SWITCHBOARD_LOG", "info,sqlx=warn")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel::<String>();
        for pipe in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let log = Arc::clone(&log);
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines() {
                    let Ok(line) = line else { break };
                    if let Some(rest) = line.split("listening on http://").nth(1) {
                        let addr = rest.split_whitespace().next().unwrap_or_default().to_owned();
                        let _ = tx.send(addr);
                    }
                    log.lock().unwrap().push(line);
                }
            });
        }
        drop(tx);
        let mut server = Server {
            child,
            base: String::new(),
            backend,
            log,
            db,
        };
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(addr) => server.base = format!("http://{addr}"),
            Err(e) => panic!(
                "the server did not say it was listening ({e}):\n{}",
                server.log_text()
            ),
        }
        server
    }

    /// Sends SIGTERM and waits (up to `within`) for the process to exit; its status, or `None` if it
    /// is still running.
    pub fn terminate(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
        self.send_sigterm();
        self.wait_exit(within)
    }

    /// Sends SIGTERM, and returns at once.
    pub fn send_sigterm(&self) {
        let killed = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success(), "kill -TERM failed");
    }

    /// Waits (up to `within`) for the process to exit; its status, or `None` if it is still running.
    pub fn wait_exit(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    pub fn log_text(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// An anonymous client.
    pub fn anonymous(&self) -> Api {
        Api::new(&self.base, None)
    }

    /// A client signed in with email and password.
    pub async fn sign_in(&self, email: &str, password: &str) -> Api {
        let reply = self
            .anonymous()
            .post(
                "/v1/auth/sessions",
                &json!({"email": email, "password": password}),
            )
            .await;
        assert_eq!(reply.status, 201, "sign in as {email}: {reply:?}");
        let token = reply.body["access_token"]
            .as_str()
            .expect("access_token")
            .to_owned();
        Api::new(&self.base, Some(token))
    }

    pub async fn owner(&self) -> Api {
        self.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await
    }

    /// A new member with `role`, made as a person would be: the owner invites them, they accept with the
    /// token from the invitation email (read from the server's operator log), and sign in.
    pub async fn new_member(&self, owner: &Api, role: &str) -> Person {
        let email = format!("{}@switchboard.test", unique(role));
        let invited = owner
            .post_keyed(
                "/v1/invitations",
                &json!({"email": email, "role": role}),
                &unique("key"),
            )
            .await;
        assert_eq!(invited.status, 201, "invite {email}: {invited:?}");
        let token = self.accept_token(&email).await;
        let password = "member-password-1".to_owned();
        let accepted = self
            .anonymous()
            .post(
                "/v1/invitations/accept",
                &json!({"token": token, "name": format!("Test {role}"), "password": password}),
            )
            .await;
        assert!(
            accepted.status == 200 || accepted.status == 201,
            "accept {email}: {accepted:?}"
        );
        let api = self.sign_in(&email, &password).await;
        let me = api.get("/v1/me").await;
        assert_eq!(me.status, 200, "{me:?}");
        let id = me.body["id"].as_str().unwrap().to_owned();
        Person {
            api,
            email,
            password,
            id,
        }
    }

    /// The URL of the server's database.
    pub fn database_url(&self) -> &str {
        &self.db.url
    }

    /// The server's database, as its operator reaches it.
    pub async fn database(&self) -> switchboard_server::db::Db {
        switchboard_server::db::Db::connect(&self.db.url)
            .await
            .expect("connect to the server's database")
    }

    /// Whether the newest invitation email to `email` is marked sent over SMTP, waiting up to `within`
    /// for it to be.
    pub async fn email_sent(&self, email: &str, within: Duration) -> bool {
        use sqlx::Row;
        let db = self.database().await;
        let deadline = Instant::now() + within;
        loop {
            let sent_at: Option<i64> = sqlx::query(
                "SELECT sent_at FROM outbound_emails WHERE to_address = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
            )
            .bind(email)
            .fetch_optional(db.pool())
            .await
            .expect("read outbound_emails")
            .and_then(|row| row.try_get("sent_at").expect("sent_at"));
            if sent_at.is_some() {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The accept token of the newest invitation email sent to `email`, as the operator finds it: in the
    /// recorded email (`outbound_emails`) when no SMTP server is configured. The log never holds it.
    pub async fn accept_token(&self, email: &str) -> String {
        use sqlx::Row;
        let db = self.database().await;
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let row = sqlx::query(
                "SELECT accept_url FROM outbound_emails WHERE to_address = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
            )
            .bind(email)
            .fetch_optional(db.pool())
            .await
            .expect("read outbound_emails");
            if let Some(row) = row {
                let url: String = row.try_get("accept_url").expect("accept_url");
                if let Some(token) = url.split("token=").nth(1) {
                    return token.to_owned();
                }
            }
            assert!(
                Instant::now() < deadline,
                "no invitation email to {email} recorded; the server's log:\n{}",
                self.log_text()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A real SMTP server on 127.0.0.1 (aiosmtpd, through `tests/smtp/sink.py`) that hands the test every
/// message it receives. Dropping it stops it.
pub struct SmtpSink {
    child: Child,
    pub port: u16,
    messages: mpsc::Receiver<Value>,
}

impl SmtpSink {
    /// Starts one, or — when no Python with aiosmtpd is found — says so on the terminal and returns
    /// `None` (the caller skips), unless `SWITCHBOARD_REQUIRE_SMTP=1` (`scripts/test.sh`, which installs
    /// Debian's python3-aiosmtpd through `scripts/setup.sh`), which makes it a failure.
    pub fn start(test: &str) -> Option<SmtpSink> {
        let python = std::env::var("SWITCHBOARD_TEST_PYTHON")
            .ok()
            .into_iter()
            .chain(["/usr/bin/python3".to_owned(), "python3".to_owned()])
            .find(|python| {
                Command::new(python)
                    .args(["-c", "import aiosmtpd"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .is_ok_and(|status| status.success())
            });
        let Some(python) = python else {
            assert!(
                std::env::var("SWITCHBOARD_REQUIRE_SMTP").as_deref() != Ok("1"),
                "SWITCHBOARD_REQUIRE_SMTP=1 but no python3 can import aiosmtpd: run scripts/setup.sh \
                 (Debian's python3-aiosmtpd) or name one in SWITCHBOARD_TEST_PYTHON"
            );
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: no python3 with aiosmtpd for a local SMTP server \
                 (scripts/setup.sh installs Debian's python3-aiosmtpd; or set SWITCHBOARD_TEST_PYTHON)"
            );
            return None;
        };
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp/sink.py");
        let mut child = Command::new(&python)
            .args(["-u", script])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("start {python} {script}: {e}"));
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let port = lines
            .next()
            .and_then(Result::ok)
            .and_then(|line| line.rsplit(':').next()?.parse().ok())
            .expect("the SMTP sink says where it listens");
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let message = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"));
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Some(SmtpSink {
            child,
            port,
            messages,
        })
    }

    /// `--smtp-url` for it: plain SMTP, as to a relay on the same machine.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The next message it received, waiting up to `within`.
    pub fn next_message(&self, within: Duration) -> Option<Value> {
        self.messages.recv_timeout(within).ok()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A signed-in member other than the owner.
#[derive(Clone)]
pub struct Person {
    pub api: Api,
    pub email: String,
    pub password: String,
    pub id: String,
}

/// A response, read whole.
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    /// The body as JSON; `Null` when it is empty or not JSON.
    pub body: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn etag(&self) -> String {
        self.header("etag")
            .unwrap_or_else(|| panic!("no ETag on {self:?}"))
            .to_owned()
    }

    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or_default()
    }

    /// The problem's stable `code` (asserting the body is problem details).
    pub fn code(&self) -> &str {
        assert!(
            self.content_type().starts_with("application/problem+json"),
            "not a problem: {self:?}"
        );
        self.body["code"]
            .as_str()
            .unwrap_or_else(|| panic!("problem without code: {self:?}"))
    }
}

impl std::fmt::Debug for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut text = self.text.clone();
        if text.len() > 600 {
            text.truncate(600);
            text.push('…');
        }
        write!(f, "HTTP {} {} {}", self.status, self.content_type(), text)
    }
}

/// A client of one server, anonymous or with a bearer token.
#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    base: String,
    pub token: Option<String>,
}

impl Api {
    pub fn new(base: &str, token: Option<String>) -> Api {
        Api::from_address(base, token, None)
    }

    /// A client whose connections come from `local` (e.g. 127.0.0.2, which reaches a server on
    /// 127.0.0.1 through the loopback interface): another source address, as the server sees it.
    pub fn from_address(base: &str, token: Option<String>, local: Option<std::net::IpAddr>) -> Api {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .local_address(local)
            .build()
            .unwrap();
        Api {
            http,
            base: base.to_owned(),
            token,
        }
    }

    pub async fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        Self::read(request).await
    }

    /// A request whose body is bytes of `content_type` (an avatar upload).
    pub async fn send_bytes(
        &self,
        method: &str,
        path: &str,
        content_type: &str,
        bytes: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> Reply {
        self.try_send_bytes(method, path, content_type, bytes, headers)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"))
    }

    /// `send_bytes`, with transport errors returned rather than panicking.
    pub async fn try_send_bytes(
        &self,
        method: &str,
        path: &str,
        content_type: &str,
        bytes: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> Result<Reply, reqwest::Error> {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(bytes);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        Self::try_read(request).await
    }

    async fn read(request: reqwest::RequestBuilder) -> Reply {
        Self::try_read(request).await.unwrap_or_else(|e| panic!("{e:?}"))
    }

    async fn try_read(request: reqwest::RequestBuilder) -> Result<Reply, reqwest::Error> {
        let response = request.send().await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await?;
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Ok(Reply {
            status,
            headers,
            text,
            body,
        })
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send("GET", path, None, &[]).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.send("POST", path, Some(body), &[]).await
    }

    pub async fn post_keyed(&self, path: &str, body: &Value, key: &str) -> Reply {
        self.send("POST", path, Some(body), &[("idempotency-key", key)])
            .await
    }

    pub async fn patch(&self, path: &str, body: &Value, if_match: Option<&str>) -> Reply {
        match if_match {
            Some(etag) => self.send("PATCH", path, Some(body), &[("if-match", etag)]).await,
            None => self.send("PATCH", path, Some(body), &[]).await,
        }
    }
}

/// A PNG of `width` × `height` pixels with a gradient (so it compresses like a photo, not to nothing).
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}
