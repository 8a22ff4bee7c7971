//! Where secrets must never be, proved against the real thing: the client, the desktop core and the
//! server talk over real HTTP while every log line of every crate (ours, reqwest, hyper, sqlx,
//! tower-http…) is captured at TRACE, as text and as the server's JSON format; then neither the logs nor
//! any row of any table (nor, on SQLite, the database files' bytes) may hold a password or a token. And
//! signing out of a workspace leaves nothing of it on this computer.
//!
//! The parts that sign in through the desktop core keep tokens in the real keyring, so they run inside
//! `scripts/with-desktop-session.sh` with `SWITCHBOARD_KEYRING_TESTS=1`; without it they say so and the
//! rest still runs.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use sqlx::Row;
use switchboard_api::auth::{NewApiToken, Refresh, SignIn};
use switchboard_api::client::Client;
use switchboard_api::invitations::{AcceptInvitation, NewInvitation};
use switchboard_api::members::ListMembers;
use switchboard_api::provisioning::NewProvisioningToken;
use switchboard_core::desktop::{Desktop, DesktopConfig};
use switchboard_core::keychain::Keychain;
use switchboard_server::db::Backend;
use switchboard_server_testing::{TestBackend, TestTeam};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Every log line of the process so far.
fn logs() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Arc::new(Mutex::new(Vec::new()));
        let writer = |logs: Arc<Mutex<Vec<u8>>>| move || Capture(logs.clone());
        // Everything, from every crate, at the most verbose level; `log` records (reqwest's) come in
        // through the `tracing-log` bridge `try_init` installs.
        tracing_subscriber::registry()
            .with(tracing_subscriber::EnvFilter::new("trace"))
            .with(
                tracing_subscriber::fmt::layer()
                    .with_ansi(false)
                    .with_writer(writer(logs.clone())),
            )
            // The server's `--log-format json`, spans and all.
            .with(
                tracing_subscriber::fmt::layer()
                    .json()
                    .with_current_span(true)
                    .with_span_list(true)
                    .with_writer(writer(logs.clone())),
            )
            .try_init()
            .expect("the only subscriber");
        logs
    })
}

struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn captured() -> String {
    String::from_utf8_lossy(&logs().lock().unwrap_or_else(|p| p.into_inner())).into_owned()
}

fn keyring_available() -> bool {
    let enabled = std::env::var("SWITCHBOARD_KEYRING_TESTS").is_ok_and(|v| v == "1");
    if !enabled {
        let _ = writeln!(
            std::io::stderr(),
            "skipped the desktop core's part: needs a real keyring; run through ./scripts/test.sh"
        );
    }
    enabled
}

/// A secret and the forms it could leak in: itself, and hex-encoded (how a byte column prints).
#[derive(Debug)]
struct Secret {
    what: &'static str,
    value: String,
}

impl Secret {
    fn new(what: &'static str, value: impl Into<String>) -> Secret {
        let value = value.into();
        assert!(value.len() >= 8, "{what} is too short to look for: {value:?}");
        Secret { what, value }
    }

    fn forms(&self) -> Vec<String> {
        let hex: String = self.value.bytes().map(|b| format!("{b:02x}")).collect();
        vec![self.value.clone(), hex.clone(), hex.to_uppercase()]
    }

    /// Where in `text` this secret appears, if it does.
    fn found_in(&self, text: &str) -> Option<usize> {
        self.forms().iter().find_map(|form| text.find(form.as_str()))
    }
}

fn assert_nowhere(secrets: &[Secret], text: &str, place: &str) {
    for secret in secrets {
        if let Some(at) = secret.found_in(text) {
            let start = text[..at].char_indices().rev().nth(200).map_or(0, |(i, _)| i);
            let end = (at + secret.value.len() + 200).min(text.len());
            let end = (end..=text.len())
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(text.len());
            panic!("{} found in {place}:\n…{}…", secret.what, &text[start..end]);
        }
    }
}

async fn team_on(backend: TestBackend, public_url: &str) -> TestTeam {
    let settings = switchboard_server::state::Settings {
        public_url: public_url.to_owned(),
        ..Default::default()
    };
    TestTeam::with_settings(backend, settings).await.unwrap()
}

/// A team served over TCP; the listener is bound first so the server's links name where it listens.
async fn served_team(backend: TestBackend) -> (TestTeam, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let team = team_on(backend, &url).await;
    tokio::spawn(switchboard_server::serve(
        listener,
        team.state.clone(),
        std::future::pending(),
    ));
    (team, url)
}

/// A plain HTTP/1.1 request with a bearer token, as an identity provider's SCIM client sends it.
async fn scim_get(url: &str, path: &str, token: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\n\
         Accept: application/scim+json\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

fn invite(email: &str) -> NewInvitation {
    NewInvitation {
        email: email.to_owned(),
        role: None,
        grants: Vec::new(),
        number_ids: Vec::new(),
        group_ids: Vec::new(),
    }
}

/// Every value of every row of every table, as text, with where it is.
async fn every_value(team: &TestTeam) -> Vec<(String, String)> {
    let pool = team.state.db.pool();
    let tables: Vec<String> = match team.state.db.backend() {
        Backend::Sqlite => sqlx::query("SELECT name FROM sqlite_master WHERE type = 'table'"),
        Backend::Postgres => sqlx::query(
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
        ),
    }
    .fetch_all(pool)
    .await
    .unwrap()
    .iter()
    .map(|row| row.get::<String, _>("name"))
    .collect();
    assert!(tables.len() > 10, "found the tables: {tables:?}");
    let mut values = Vec::new();
    for table in tables {
        // PostgreSQL has column types the `Any` driver can't read; a row as JSON is text whatever they are
        // (byte columns in hex, which `Secret::forms` covers).
        if team.state.db.backend() == Backend::Postgres {
            let rows: Vec<String> =
                sqlx::query_scalar(&format!("SELECT row_to_json(t)::text FROM \"{table}\" t"))
                    .fetch_all(pool)
                    .await
                    .unwrap();
            values.extend(rows.into_iter().map(|row| (format!("{table}.*"), row)));
            continue;
        }
        // SQLite: every column quoted as text in SQL (`quote` writes a byte column as X'hex'), since the
        // `Any` driver can't read every declared type (the migrations' DATETIME).
        let columns: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .fetch_all(pool)
                .await
                .unwrap();
        let row = columns
            .iter()
            .map(|c| format!("quote(\"{c}\")"))
            .collect::<Vec<_>>()
            .join(" || ' ' || ");
        let rows: Vec<String> = sqlx::query_scalar(&format!("SELECT {row} FROM \"{table}\""))
            .fetch_all(pool)
            .await
            .unwrap();
        values.extend(rows.into_iter().map(|row| (format!("{table}.*"), row)));
    }
    values
}

/// No secret in any row; and on SQLite, not in the database's files either (a row deleted or
/// overwritten can linger in a free page or the write-ahead log).
async fn assert_not_at_rest(team: &TestTeam, secrets: &[Secret], allowed: &[(&str, &str)]) {
    let mut seen = std::collections::HashSet::new();
    for (place, text) in every_value(team).await {
        let table = place.split('.').next().unwrap_or_default();
        // Where a secret is allowed it must be found: proof that the scan reads what the rows hold.
        for secret in secrets {
            if allowed.contains(&(secret.what, table)) && secret.found_in(&text).is_some() {
                seen.insert(secret.what);
            }
        }
        let here: Vec<&Secret> = secrets
            .iter()
            .filter(|s| !allowed.contains(&(s.what, table)))
            .collect();
        for secret in here {
            assert!(
                secret.found_in(&text).is_none(),
                "{} is stored in {place}",
                secret.what
            );
        }
    }
    for (what, table) in allowed {
        assert!(
            seen.contains(what),
            "the scan did not find {what} in {table}, where it is kept"
        );
    }
    if team.state.db.backend() == Backend::Sqlite {
        let file = team.database.url.trim_start_matches("sqlite://").to_owned();
        let others: Vec<&Secret> = secrets
            .iter()
            .filter(|s| !allowed.iter().any(|(what, _)| *what == s.what))
            .collect();
        for suffix in ["", "-wal", "-shm"] {
            let path = format!("{file}{suffix}");
            if let Ok(bytes) = std::fs::read(&path) {
                let text = String::from_utf8_lossy(&bytes);
                for secret in &others {
                    assert!(
                        secret.found_in(&text).is_none(),
                        "{} is in the bytes of {path}",
                        secret.what
                    );
                }
            }
        }
    }
}

async fn no_secret_is_logged_or_kept_at_rest(backend: TestBackend) {
    logs();
    let (team, url) = served_team(backend).await;
    let anonymous = Client::builder(&url).build().unwrap();
    let mut secrets = vec![Secret::new("the owner's password", team.owner_password.clone())];

    // Sign in with a password, refresh, and use the session.
    let session = anonymous
        .auth()
        .sign_in(&SignIn {
            email: team.owner_email.clone(),
            password: team.owner_password.clone(),
        })
        .await
        .unwrap();
    secrets.push(Secret::new(
        "a session's first access token",
        session.access_token.clone(),
    ));
    secrets.push(Secret::new(
        "a session's first refresh token",
        session.refresh_token.clone(),
    ));
    let session = anonymous
        .auth()
        .refresh(&Refresh {
            refresh_token: session.refresh_token.clone(),
        })
        .await
        .unwrap();
    secrets.push(Secret::new(
        "a refreshed access token",
        session.access_token.clone(),
    ));
    secrets.push(Secret::new(
        "a refreshed refresh token",
        session.refresh_token.clone(),
    ));
    let owner = anonymous.with_token(&session.access_token);
    owner.members().list(&ListMembers::default()).await.unwrap();

    // An API token, created and used.
    let created = owner
        .auth()
        .create_token(&NewApiToken {
            name: "script".into(),
            expires_in_days: Some(30),
        })
        .await
        .unwrap();
    secrets.push(Secret::new("an API token", created.token.clone()));
    let script = anonymous.with_token(&created.token);
    assert_eq!(script.me().get().await.unwrap().value.email, team.owner_email);

    // An invitation, accepted with the token from its letter, with a password of the invitee's own.
    owner
        .invitations()
        .create(uuid::Uuid::new_v4(), &invite("ines.invitee@example.com"))
        .await
        .unwrap();
    let accept_url: String = sqlx::query_scalar(
        "SELECT accept_url FROM outbound_emails WHERE to_address = 'ines.invitee@example.com'",
    )
    .fetch_one(team.state.db.pool())
    .await
    .unwrap();
    let accept_token = accept_url.split("token=").nth(1).unwrap().to_owned();
    secrets.push(Secret::new("an accept token", accept_token.clone()));
    secrets.push(Secret::new("the invitee's password", "ines-own-passphrase-7"));
    let joined = anonymous
        .invitations()
        .accept(&AcceptInvitation {
            token: accept_token,
            name: "Ines Invitee".into(),
            password: "ines-own-passphrase-7".into(),
        })
        .await
        .unwrap();
    secrets.push(Secret::new(
        "the invitee's access token",
        joined.access_token.clone(),
    ));
    secrets.push(Secret::new(
        "the invitee's refresh token",
        joined.refresh_token.clone(),
    ));
    anonymous
        .with_token(&joined.access_token)
        .me()
        .get()
        .await
        .unwrap();

    // A SCIM provisioning token, created and used by "the identity provider".
    let scim = owner
        .provisioning()
        .create_token(&NewProvisioningToken { name: "Okta".into() })
        .await
        .unwrap();
    secrets.push(Secret::new("a SCIM token", scim.token.clone()));
    let answer = scim_get(&url, "/scim/v2/Users?count=5", &scim.token).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let refused = scim_get(&url, "/scim/v2/Users", "sbscim_not-a-real-token-at-all").await;
    assert!(refused.starts_with("HTTP/1.1 401"), "{refused}");
    secrets.push(Secret::new(
        "a wrong SCIM token",
        "sbscim_not-a-real-token-at-all",
    ));

    // A wrong password is a secret too (it is often a right one for something else).
    anonymous
        .auth()
        .sign_in(&SignIn {
            email: team.owner_email.clone(),
            password: "my-other-accounts-password".into(),
        })
        .await
        .unwrap_err();
    secrets.push(Secret::new("a mistyped password", "my-other-accounts-password"));

    // The desktop core: signing in keeps the session in the keychain, a call uses it, signing out ends it.
    if keyring_available() {
        let home = tempfile::tempdir().unwrap();
        let service = format!("app.switchboard.desktop.test-{}", uuid::Uuid::new_v4());
        let app = desktop(home.path(), &service);
        let workspace = app
            .sign_in(&url, &team.owner_email, &team.owner_password)
            .await
            .unwrap();
        let tokens = Keychain::new(service.clone())
            .read(&workspace.account())
            .unwrap()
            .expect("the session is in the keychain");
        secrets.push(Secret::new("the desktop's access token", tokens.access.expose()));
        secrets.push(Secret::new(
            "the desktop's refresh token",
            tokens.refresh.expose(),
        ));
        app.call(|c| async move { c.members().list(&ListMembers::default()).await })
            .await
            .unwrap();
        app.sign_out(&workspace.id).await.unwrap();
    }
    owner.auth().sign_out().await.unwrap();

    // Let the server's last lines (the response spans closing) be written.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let logs = captured();
    for sign in ["sqlx::query", "tower_http", "hyper", "reqwest", "\"fields\""] {
        assert!(
            logs.contains(sign),
            "no {sign} line was captured: the test would see nothing"
        );
    }
    assert_nowhere(&secrets, &logs, "the logs");

    // At rest: tokens are kept hashed. The one exception is the invitation letter: the server records
    // it (accept link and all) in `outbound_emails`, which stands for the invitee's mailbox — an operator
    // without SMTP hands the link out from there — and the link works once and expires.
    assert_not_at_rest(&team, &secrets, &[("an accept token", "outbound_emails")]).await;
}

fn desktop(home: &Path, service: &str) -> Desktop {
    Desktop::new(DesktopConfig {
        config_dir: home.join("config"),
        data_dir: home.join("data"),
        keychain_service: service.to_owned(),
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_secret_is_logged_or_kept_at_rest_on_sqlite() {
    no_secret_is_logged_or_kept_at_rest(TestBackend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_secret_is_logged_or_kept_at_rest_on_postgres() {
    if !switchboard_server_testing::backends().contains(&TestBackend::Postgres) {
        assert!(
            std::env::var("SWITCHBOARD_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "SWITCHBOARD_REQUIRE_POSTGRES=1 but SWITCHBOARD_TEST_POSTGRES_URL is not set"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the PostgreSQL half: run under scripts/with-postgres.sh"
        );
        return;
    }
    no_secret_is_logged_or_kept_at_rest(TestBackend::Postgres).await;
}

/// Every file under `dir`, read as text (lossily).
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                out.push((
                    path.display().to_string(),
                    String::from_utf8_lossy(&bytes).into_owned(),
                ));
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn signing_out_leaves_nothing_of_the_workspace_on_disk() {
    if !keyring_available() {
        return;
    }
    logs();
    let (team, url) = served_team(TestBackend::Sqlite).await;
    let home = tempfile::tempdir().unwrap();
    let service = format!("app.switchboard.desktop.test-{}", uuid::Uuid::new_v4());
    let app = desktop(home.path(), &service);
    let workspace = app
        .sign_in(&url, &team.owner_email, &team.owner_password)
        .await
        .unwrap();
    let tokens = Keychain::new(service.clone())
        .read(&workspace.account())
        .unwrap()
        .expect("the session is in the keychain");

    // Use it: the members are listed, invites are queued (no sender runs, so they stay in the outbox),
    // and a photo is opened for framing.
    let page = app
        .call(|c| async move { c.members().list(&ListMembers::default()).await })
        .await
        .unwrap();
    assert!(page.data.len() >= 3);
    app.invite(vec![
        invite("queued.quinn@example.com"),
        invite("queued.rosa@example.com"),
    ])
    .await
    .unwrap();
    assert_eq!(app.outbox_entries().await.unwrap().len(), 2);
    let photo = home.path().join("picked.png");
    image::RgbImage::from_fn(300, 200, |x, y| image::Rgb([x as u8, y as u8, 90]))
        .save(&photo)
        .unwrap();
    let photos = switchboard_core::photo::OpenPhotos::default();
    let opened = photos.open(photo.clone()).await.unwrap();
    assert!(photos.preview(&opened.id).is_some());

    // What of the workspace could be on disk: its people, its queued invites, its tokens.
    let mut data = vec![
        Secret::new("the access token", tokens.access.expose()),
        Secret::new("the refresh token", tokens.refresh.expose()),
        Secret::new("the password", team.owner_password.clone()),
        Secret::new("a queued invite", "queued.quinn@example.com"),
        Secret::new("a queued invite", "queued.rosa@example.com"),
        Secret::new("the server's address", url.trim_start_matches("http://")),
    ];
    for member in &page.data {
        data.push(Secret::new("a member's email", member.email.clone()));
        data.push(Secret::new("a member's name", member.name.clone()));
    }
    // Before signing out the workspace is on disk (so the walk below can see it).
    let before: String = files(home.path()).into_iter().map(|(_, text)| text).collect();
    assert!(
        before.contains(&team.owner_email),
        "the workspace is kept while signed in"
    );
    assert!(
        before.contains("queued.quinn@example.com"),
        "the queue is kept while signed in"
    );

    app.sign_out(&workspace.id).await.unwrap();
    // What the app does with the photos it holds when a workspace signs out (`sign_out` command).
    photos.close_all();
    assert!(photos.preview(&opened.id).is_none());
    std::fs::remove_file(&photo).unwrap();

    assert!(
        Keychain::new(service.clone())
            .read(&workspace.account())
            .unwrap()
            .is_none(),
        "the keychain entry is gone"
    );
    for (path, text) in files(home.path()) {
        assert_nowhere(&data, &text, &path);
    }
    // And after the app quits (the outbox closed, its log folded into the file) still nothing.
    app.shutdown().await;
    drop(app);
    for (path, text) in files(home.path()) {
        assert_nowhere(&data, &text, &path);
    }
}
