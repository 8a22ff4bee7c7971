//! Harness for the end-to-end tests: starts `tauri-driver` against the built app (under the Xvfb display and
//! D-Bus session that `scripts/with-desktop-session.sh` provides), hands out WebDriver sessions, takes
//! screenshots, and cleans up every process it started even when a test fails.
//!
//! The tests run only when `SWITCHBOARD_E2E=1` (the test command sets it after starting Xvfb); otherwise
//! they say so and return, so a plain `cargo test` on a machine without a display still passes.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

pub use fantoccini;

pub mod a11y;
pub mod api;
pub mod bench;
pub mod native;
pub mod photo;
pub mod ui;

/// True when the end-to-end environment is up; prints why not otherwise.
pub fn enabled(test: &str) -> bool {
    if std::env::var("SWITCHBOARD_E2E").as_deref() == Ok("1") {
        return true;
    }
    eprintln!(
        "{test}: SKIPPED — end-to-end tests need Xvfb and tauri-driver; run them with ./scripts/test.sh"
    );
    false
}

/// The workspace root (this crate lives in `<root>/tests`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_owned()
}

/// Where tests put screenshots and logs (git-ignored).
pub fn artifacts_dir() -> PathBuf {
    let dir = workspace_root().join("artifacts").join("e2e");
    std::fs::create_dir_all(&dir).expect("create artifacts dir");
    dir
}

/// The app binary built in the same target dir as this test (`target/<profile>/switchboard`), unless
/// `SWITCHBOARD_APP` names another.
pub fn app_binary() -> PathBuf {
    if let Ok(path) = std::env::var("SWITCHBOARD_APP") {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().expect("current exe");
    // target/<profile>/deps/<test-binary>
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("test binary lives in target/<profile>/deps");
    let app = profile_dir.join("switchboard");
    assert!(
        app.exists(),
        "{} does not exist: build the app first (cargo build -p switchboard --features custom-protocol)",
        app.display()
    );
    app
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind a free port")
        .local_addr()
        .expect("local addr")
        .port()
}

/// A private home for one app instance: its own XDG data, config and cache dirs, so tests never touch a
/// real user's files and every test starts from a clean first launch.
pub struct AppHome {
    dir: tempfile::TempDir,
}

impl AppHome {
    pub fn new() -> Self {
        Self {
            dir: tempfile::Builder::new()
                .prefix("switchboard-e2e-")
                .tempdir()
                .expect("tempdir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The environment that points the app at this home.
    pub fn env(&self) -> Vec<(String, String)> {
        [
            "XDG_DATA_HOME",
            "XDG_CONFIG_HOME",
            "XDG_CACHE_HOME",
            "XDG_STATE_HOME",
        ]
        .iter()
        .map(|key| {
            let sub = self
                .dir
                .path()
                .join(key.trim_start_matches("XDG_").to_lowercase());
            (key.to_string(), sub.display().to_string())
        })
        .collect()
    }
}

impl Default for AppHome {
    fn default() -> Self {
        Self::new()
    }
}

/// A running `tauri-driver` in its own process group. Dropping it stops the driver, WebKitWebDriver and the
/// app: SIGTERM to the group, a short wait, then SIGKILL.
pub struct Driver {
    child: Child,
    port: u16,
    // Dropped after the processes are gone (fields drop after `Drop::drop`), so the next window waits;
    // taken out by a restart, which keeps the screen for the window that follows.
    screen: Option<MutexGuard<'static, ()>>,
}

/// The tests of one binary run in parallel threads but share one Xvfb screen, and every screenshot is of
/// the whole screen: one app window at a time.
static SCREEN: Mutex<()> = Mutex::new(());

impl Driver {
    /// Starts tauri-driver with `env` added to the environment the app inherits.
    pub fn start(env: &[(String, String)]) -> Self {
        // A test that failed while holding the screen poisoned the lock; the screen itself is fine.
        let screen = SCREEN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Self::start_on(screen, env)
    }

    /// Stops this driver and its app and starts another, without letting another test's window onto the
    /// screen in between.
    pub fn restart(mut self, env: &[(String, String)]) -> Self {
        let screen = self.screen.take().expect("a running driver holds the screen");
        drop(self);
        Self::start_on(screen, env)
    }

    fn start_on(screen: MutexGuard<'static, ()>, env: &[(String, String)]) -> Self {
        use std::os::unix::process::CommandExt;
        let port = free_port();
        let native_port = free_port();
        let log = std::fs::File::create(artifacts_dir().join(format!("tauri-driver-{port}.log")))
            .expect("create driver log");
        let child = Command::new(std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into()))
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("clone log"))
            .stderr(log)
            .process_group(0)
            .spawn()
            .expect("start tauri-driver (is it installed? ./scripts/setup.sh installs it)");
        let driver = Self {
            child,
            port,
            screen: Some(screen),
        };
        // tauri-driver listens at once but starts WebKitWebDriver behind it; a session requested before
        // the native driver listens fails with "connection refused" (seen on a cold, busy machine).
        let deadline = Instant::now() + Duration::from_secs(20);
        for (what, port) in [("tauri-driver", port), ("WebKitWebDriver", native_port)] {
            while TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(
                    Instant::now() < deadline,
                    "{what} did not listen on port {port} within 20 s"
                );
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        driver
    }

    /// Opens a WebDriver session, which launches the app.
    pub async fn session(&self) -> Client {
        self.session_of(&app_binary()).await
    }

    /// Opens a WebDriver session that launches `application`, another Tauri binary than the app (the
    /// footprint benchmark's bare window).
    pub async fn session_of(&self, application: &Path) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": application.display().to_string() }),
        );
        // Both of rustls' providers are compiled in (feature unification), so name one; a second install
        // by another test in this process is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
        ClientBuilder::rustls()
            .expect("rustls client")
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("WebDriver session (see artifacts/e2e/tauri-driver-*.log)")
    }
}

impl Driver {
    /// tauri-driver's process id: the app it launches (through WebKitWebDriver) descends from it.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let signal = |sig: &str| {
            let _ = Command::new("kill")
                .args([sig, "--", &group])
                .stderr(Stdio::null())
                .status();
        };
        signal("-TERM");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        // The app can outlive the driver; whatever is left of the group goes now.
        signal("-KILL");
        let _ = self.child.wait();
    }
}

/// Waits for an element to appear and returns it.
pub async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("element {css} did not appear: {e}"))
}

/// Waits until `check` returns `Some`, polling every 100 ms for up to 30 s.
pub async fn eventually<T, F, Fut>(what: &str, check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    eventually_within(Duration::from_secs(30), what, check).await
}

/// [`eventually`] for up to `limit`: for what waits on a schedule of its own, such as the outbox's
/// health probe, which backs off to 30 s while a server is unreachable.
pub async fn eventually_within<T, F, Fut>(limit: Duration, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + limit;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        if Instant::now() >= deadline {
            // What the window showed instead, for whoever reads the failure.
            let shot = screenshot("timed-out");
            panic!("timed out waiting for {what} (screen: {})", shot.display());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Saves a PNG of the whole Xvfb screen (ImageMagick `import`) under `artifacts/e2e/<name>.png`. Called after
/// waiting for the expected state, so the frame shows it.
pub fn screenshot(name: &str) -> PathBuf {
    let path = artifacts_dir().join(format!("{name}.png"));
    let status = Command::new("import")
        .args(["-window", "root"])
        .arg(&path)
        .status()
        .expect("run ImageMagick import");
    assert!(status.success(), "screenshot {name} failed");
    path
}

/// [`screenshot`] once the window has finished moving (see [`settle`]). A dialog found in the DOM may
/// otherwise still be invisible on the screen.
pub async fn settled_screenshot(client: &Client, name: &str) -> PathBuf {
    settle(client, name).await;
    // The compositor shows the painted frame on the X screen a moment later.
    tokio::time::sleep(Duration::from_millis(100)).await;
    screenshot(name)
}

/// Waits until the window has finished moving: every running animation and transition (a dialog fading
/// in, a sheet sliding) has ended — endless ones, spinners, aside — and a frame has been painted after
/// that. `what` names what waits, for the log when something still moves after 10 s.
pub async fn settle(client: &Client, what: &str) {
    let script = r#"
        const done = arguments[arguments.length - 1];
        const describe = (animation) => {
          const target = animation.effect?.target;
          const what = animation.animationName ?? animation.transitionProperty ?? animation.constructor.name;
          return `${what} on ${target?.tagName ?? '?'}.${target?.className ?? ''} (${animation.playState})`;
        };
        const moving = () => document.getAnimations().filter((animation) =>
          animation.playState === 'running' && animation.effect?.getTiming().iterations !== Infinity);
        // Two painted frames once nothing moves; after 10 s, the picture anyway, with what still moved.
        const painted = (stuck) => requestAnimationFrame(() => requestAnimationFrame(() => done(stuck)));
        const giveUp = setTimeout(() => painted(moving().map(describe)), 10000);
        const settle = () => {
          const now = moving();
          if (now.length > 0) {
            Promise.all(now.map((animation) => animation.finished.catch(() => null))).then(settle);
          } else {
            clearTimeout(giveUp);
            painted([]);
          }
        };
        settle();
    "#;
    let stuck = client
        .execute_async(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("wait for the window to settle before {what}: {e}"));
    if stuck.as_array().is_some_and(|stuck| !stuck.is_empty()) {
        let _ = writeln!(
            std::io::stderr(),
            "{what}: still moving after 10 s, going on anyway: {stuck}"
        );
    }
}

/// Calls one of the app's own commands from inside the webview, the way the UI does, and returns its result.
pub async fn invoke(client: &Client, command: &str) -> serde_json::Value {
    invoke_with(client, command, serde_json::json!({})).await
}

/// [`invoke`] with arguments (camelCase keys, as the UI passes them).
pub async fn invoke_with(client: &Client, command: &str, args: serde_json::Value) -> serde_json::Value {
    let script = r#"
        const [command, args, done] = arguments;
        window.__TAURI_INTERNALS__.invoke(command, args).then(
            (value) => done({ ok: value }),
            (error) => done({ err: error }));
    "#;
    let result = client
        .execute_async(script, vec![serde_json::json!(command), args])
        .await
        .unwrap_or_else(|e| panic!("invoke {command}: {e}"));
    match result.get("ok") {
        Some(value) => value.clone(),
        None => panic!("{command} failed: {result}"),
    }
}

/// The real `switchboard-server` binary, seeded and serving on a free port; killed on drop. Tests sign the
/// app in to it as a separately started server, the way an admin reaches their team's.
pub struct RemoteServer {
    child: Option<Child>,
    /// `http://127.0.0.1:<port>`, as the server printed it.
    pub url: String,
    pub owner_email: String,
    pub owner_password: String,
    _dir: tempfile::TempDir,
}

impl RemoteServer {
    /// Seeds a fresh SQLite database with the owner and whatever `seed` adds (`["--demo"]`: the demo
    /// team with groups and numbers; `["--members", "25"]`: generated members), then serves it.
    pub fn start(owner_email: &str, owner_password: &str, seed: &[&str]) -> Self {
        let bin = server_binary();
        let dir = tempfile::tempdir().expect("tempdir");
        let db = database_url(&dir);
        let seeded = Command::new(&bin)
            .args(["seed", "--database-url", &db, "--owner-email", owner_email])
            .args(["--owner-password", owner_password])
            .args(seed)
            .stdout(Stdio::null())
            .status()
            .expect("run switchboard-server seed");
        assert!(seeded.success(), "switchboard-server seed failed");
        let (child, url) = serve(&db, "127.0.0.1:0");
        Self {
            child: Some(child),
            url,
            owner_email: owner_email.to_owned(),
            owner_password: owner_password.to_owned(),
            _dir: dir,
        }
    }

    /// Takes the server away, as a lost connection would: nothing listens on its address until
    /// [`RemoteServer::restart`].
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The token in the accept link of the newest invitation email to `to`, from the server's record of
    /// the emails it sent (a mailbox's stand-in).
    pub async fn accept_token(&self, to: &str) -> String {
        use sqlx::Row;
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(self._dir.path().join("remote.db"))
            .read_only(true);
        let pool = sqlx::SqlitePool::connect_with(options)
            .await
            .expect("open the server's database");
        let row = sqlx::query(
            "SELECT accept_url FROM outbound_emails WHERE to_address = ? ORDER BY created_at DESC, id DESC LIMIT 1",
        )
        .bind(to)
        .fetch_one(&pool)
        .await
        .unwrap_or_else(|e| panic!("no invitation email to {to}: {e}"));
        pool.close().await;
        let url: String = row.get("accept_url");
        url.split_once("token=")
            .expect("a token in the link")
            .1
            .to_owned()
    }

    /// Serves the same database on the same address again.
    pub fn restart(&mut self) {
        self.stop();
        let address = self.url.trim_start_matches("http://").to_owned();
        let (child, url) = serve(&database_url(&self._dir), &address);
        assert_eq!(url, self.url, "the server came back on another address");
        self.child = Some(child);
    }
}

fn database_url(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}", dir.path().join("remote.db").display())
}

/// Starts `switchboard-server serve` and waits until it says where it listens.
fn serve(db: &str, listen: &str) -> (Child, String) {
    let mut child = Command::new(server_binary())
        .args(["serve", "--database-url", db, "--listen", listen])
        .stdout(Stdio::piped())
        .spawn()
        .expect("run switchboard-server serve");
    let stdout = child.stdout.take().expect("server stdout");
    let mut line = String::new();
    let mut reader = BufReader::new(stdout);
    while !line.contains("http://") {
        line.clear();
        assert!(
            reader.read_line(&mut line).expect("read server output") > 0,
            "the server exited before listening"
        );
    }
    let url = line[line.find("http://").expect("address")..].trim().to_owned();
    (child, url)
}

impl Drop for RemoteServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `SWITCHBOARD_SERVER_BIN`, or the `switchboard-server` built beside the app.
pub fn server_binary() -> PathBuf {
    if let Ok(path) = std::env::var("SWITCHBOARD_SERVER_BIN") {
        return PathBuf::from(path);
    }
    let bin = app_binary().with_file_name("switchboard-server");
    assert!(
        bin.exists(),
        "{} missing: build it first (cargo build -p switchboard-server)",
        bin.display()
    );
    bin
}

/// Types `value` into the input whose `<label>` reads `label`.
pub async fn fill(client: &Client, label: &str, value: &str) {
    let input = client
        .wait()
        .for_element(Locator::XPath(&format!(
            "//input[@id=//label[normalize-space(.)='{label}']/@for]"
        )))
        .await
        .unwrap_or_else(|e| panic!("field labelled {label}: {e}"));
    input
        .send_keys(value)
        .await
        .unwrap_or_else(|e| panic!("type into {label}: {e}"));
}

/// On the "Sign in to a server" form: fills in the server's address and its owner's credentials and signs
/// in.
pub async fn sign_in_to(client: &Client, server: &RemoteServer) {
    fill(client, "Server URL", &server.url).await;
    fill(client, "Email", &server.owner_email).await;
    fill(client, "Password", &server.owner_password).await;
    wait_for(client, "[data-testid=sign-in-submit]")
        .await
        .click()
        .await
        .expect("click Sign in");
}

/// A server seeded with the demo team, the test's own API session with it, and a fresh app signed in to
/// it through the first-launch screen (on Home).
pub struct Signed {
    pub api: api::Api,
    pub client: Client,
    pub driver: Driver,
    pub home: AppHome,
    pub server: RemoteServer,
}

/// The owner of the demo team the end-to-end servers are seeded with.
pub const OWNER_EMAIL: &str = "moana.tipene@harbour.example";
pub const OWNER_PASSWORD: &str = "a long harbour password";

impl Signed {
    pub async fn start() -> Self {
        let server = RemoteServer::start(OWNER_EMAIL, OWNER_PASSWORD, &["--demo"]);
        let api = api::Api::sign_in(&server).await;
        let home = AppHome::new();
        let driver = Driver::start(&home.env());
        let client = driver.session().await;
        ui::click_xpath(&client, "//*[@data-testid='sign-in-to-server']").await;
        sign_in_to(&client, &server).await;
        wait_for(&client, "[data-testid=app-frame]").await;
        Self {
            api,
            client,
            driver,
            home,
            server,
        }
    }

    /// Quits the app and starts it again on the same data (the keychain keeps the sign-in): it opens
    /// on the workspace it was in.
    pub async fn relaunch(self) -> Self {
        let Signed {
            api,
            client,
            driver,
            home,
            server,
        } = self;
        client.close().await.expect("close session");
        let driver = driver.restart(&home.env());
        let client = driver.session().await;
        wait_for(&client, "[data-testid=app-frame]").await;
        Signed {
            api,
            client,
            driver,
            home,
            server,
        }
    }

    /// Closes the window, before the test asserts what it gathered: a failed assertion must not orphan
    /// the window.
    pub async fn close(self) {
        self.client.close().await.expect("close session");
        drop(self.driver);
    }
}
