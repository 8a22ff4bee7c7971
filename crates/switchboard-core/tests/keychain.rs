//! The keychain against the real OS store — no mock anywhere. Run inside a desktop session with an
//! unlocked keyring:
//!
//!     scripts/with-desktop-session.sh env SWITCHBOARD_KEYRING_TESTS=1 cargo test -p switchboard-core
//!
//! Without `SWITCHBOARD_KEYRING_TESTS=1` the tests that need a keyring say they are skipped and pass, so
//! plain `cargo test` works on a machine without one.
//!
//! `keyring` picks its store once per process, so every scenario that needs a different environment (no
//! bus, a bus without a Secret Service, a locked keyring…) runs in a child: this test binary re-invoked
//! with `SWITCHBOARD_KEYCHAIN_HELPER` set, which makes `helper_process` perform one keychain operation
//! and print the outcome. The Linux failure modes are produced for real, each on a private `dbus-daemon`
//! (with no service files, so nothing is auto-started) and, where needed, a private gnome-keyring.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use switchboard_core::error::ErrorCode;
use switchboard_core::keychain::{Account, DEV_SERVICE, Keychain, Tokens};
use switchboard_core::sessions::{Sessions, SignedIn};
use switchboard_core::workspaces::{WorkspaceKind, WorkspaceStore};

const HELPER: &str = "SWITCHBOARD_KEYCHAIN_HELPER";
const RESULT_PREFIX: &str = "HELPER-RESULT:";

fn keyring_tests_enabled() -> bool {
    let enabled = std::env::var("SWITCHBOARD_KEYRING_TESTS").is_ok_and(|v| v == "1");
    if !enabled {
        eprintln!(
            "skipped: needs a real keyring; run `scripts/with-desktop-session.sh env \
             SWITCHBOARD_KEYRING_TESTS=1 cargo test -p switchboard-core`"
        );
    }
    enabled
}

/// A service name no other run shares, so parallel runs and leftovers never collide.
fn unique_service(test: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{DEV_SERVICE}.test.{test}.{}.{nanos}", std::process::id())
}

fn random_token(prefix: &str) -> String {
    format!("{prefix}_{}", uuid::Uuid::new_v4().simple())
}

// ---------------------------------------------------------------------------------------------------
// The child side.

/// Not a test of its own: in a child started by `run_helper`, performs one keychain operation.
#[test]
fn helper_process() {
    let Ok(operation) = std::env::var(HELPER) else {
        return;
    };
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let keychain = Keychain::new(var("HELPER_SERVICE"));
    let account = Account::new(&var("HELPER_SERVER"), &var("HELPER_USER"));
    let outcome = match operation.as_str() {
        "store" => keychain
            .store(
                &account,
                &Tokens::new(var("HELPER_ACCESS"), var("HELPER_REFRESH")),
            )
            .map(|()| json!({})),
        "read" => keychain.read(&account).map(|tokens| match tokens {
            Some(t) => json!({"found": true, "access": t.access.expose(), "refresh": t.refresh.expose()}),
            None => json!({"found": false}),
        }),
        "delete" => keychain
            .delete(&account)
            .map(|deleted| json!({"deleted": deleted})),
        "status" => keychain.check_available().map(|()| json!({})),
        other => panic!("unknown helper operation {other}"),
    };
    let result = match outcome {
        Ok(value) => json!({"ok": true, "value": value}),
        Err(error) => json!({"ok": false, "code": error.code(), "message": error.to_string()}),
    };
    println!("\n{RESULT_PREFIX}{result}");
}

// ---------------------------------------------------------------------------------------------------
// The parent side.

struct Helper<'a> {
    service: &'a str,
    server: &'a str,
    user: &'a str,
    env: Vec<(String, String)>,
    unset: Vec<&'static str>,
}

impl<'a> Helper<'a> {
    fn new(service: &'a str, server: &'a str, user: &'a str) -> Self {
        Self {
            service,
            server,
            user,
            env: Vec::new(),
            unset: Vec::new(),
        }
    }

    fn env(mut self, env: &[(String, String)]) -> Self {
        self.env.extend(env.iter().cloned());
        self
    }

    fn unset(mut self, name: &'static str) -> Self {
        self.unset.push(name);
        self
    }

    fn store(&self, access: &str, refresh: &str) -> Value {
        self.run("store", &[("HELPER_ACCESS", access), ("HELPER_REFRESH", refresh)])
    }

    fn read(&self) -> Value {
        self.run("read", &[])
    }

    fn delete(&self) -> Value {
        self.run("delete", &[])
    }

    fn status(&self) -> Value {
        self.run("status", &[])
    }

    /// Runs the operation in a new process; a child that hangs (say, on an unlock prompt nobody can
    /// answer) fails the test after a while instead of hanging it.
    fn run(&self, operation: &str, extra: &[(&str, &str)]) -> Value {
        let mut command = Command::new(std::env::current_exe().unwrap());
        command
            .args(["--exact", "helper_process", "--nocapture", "--test-threads=1"])
            .env(HELPER, operation)
            .env("HELPER_SERVICE", self.service)
            .env("HELPER_SERVER", self.server)
            .env("HELPER_USER", self.user)
            .envs(extra.iter().copied())
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for name in &self.unset {
            command.env_remove(name);
        }
        let mut child = command.spawn().expect("re-run the test binary");
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("helper {operation} hung for 60 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let output = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let line = stdout
            .lines()
            .find_map(|l| l.split_once(RESULT_PREFIX).map(|(_, json)| json))
            .unwrap_or_else(|| {
                panic!(
                    "helper {operation} printed no result\nstdout: {stdout}\nstderr: {}",
                    String::from_utf8_lossy(&output.stderr)
                )
            });
        serde_json::from_str(line).unwrap()
    }
}

fn assert_code(result: &Value, code: &str) {
    assert_eq!(result["ok"], false, "expected {code}, got {result}");
    assert_eq!(result["code"], code, "{result}");
}

fn assert_ok(result: &Value) -> &Value {
    assert_eq!(result["ok"], true, "{result}");
    &result["value"]
}

/// Deletes the accounts a test used, even when it fails half-way.
struct Cleanup {
    keychain: Keychain,
    accounts: Vec<Account>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        for account in &self.accounts {
            let _ = self.keychain.delete(account);
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Against the session's real keyring.

#[test]
fn store_read_delete_round_trip() {
    if !keyring_tests_enabled() {
        return;
    }
    let keychain = Keychain::new(unique_service("round-trip"));
    let account = Account::new("https://team.example.com", "mem_1");
    let _cleanup = Cleanup {
        keychain: keychain.clone(),
        accounts: vec![account.clone()],
    };
    keychain.check_available().unwrap();

    assert_eq!(
        keychain.read(&account).unwrap(),
        None,
        "a missing entry is None, not an error"
    );
    let mut tokens = Tokens::new(random_token("sb_at"), random_token("sb_rt"));
    tokens.access_expires_at = Some(1_900_000_000);
    keychain.store(&account, &tokens).unwrap();
    assert_eq!(keychain.read(&account).unwrap(), Some(tokens.clone()));

    // Storing again replaces (a refresh), it doesn't add a second item.
    let refreshed = Tokens::new(random_token("sb_at"), random_token("sb_rt"));
    keychain.store(&account, &refreshed).unwrap();
    assert_eq!(keychain.read(&account).unwrap(), Some(refreshed));

    // Another service (the release app identifier, say) doesn't see it.
    let other = Keychain::new(unique_service("other"));
    assert_eq!(other.read(&account).unwrap(), None);

    assert!(keychain.delete(&account).unwrap());
    assert_eq!(keychain.read(&account).unwrap(), None);
    assert!(!keychain.delete(&account).unwrap(), "deleting twice is fine");
}

#[test]
fn a_credential_survives_into_a_new_process() {
    if !keyring_tests_enabled() {
        return;
    }
    let service = unique_service("cross-process");
    let keychain = Keychain::new(&service);
    let server = "http://127.0.0.1:4010";
    let ours = Account::new(server, "mem_parent");
    let theirs = Account::new(server, "mem_child");
    let _cleanup = Cleanup {
        keychain: keychain.clone(),
        accounts: vec![ours.clone(), theirs.clone()],
    };

    // Stored here, read by a new process: the store really is the OS keychain, not process memory.
    let tokens = Tokens::new(random_token("sb_at"), random_token("sb_rt"));
    keychain.store(&ours, &tokens).unwrap();
    let read = Helper::new(&service, server, "mem_parent").read();
    let value = assert_ok(&read);
    assert_eq!(value["found"], true, "{read}");
    assert_eq!(value["access"], tokens.access.expose());
    assert_eq!(value["refresh"], tokens.refresh.expose());

    // Stored by one child, read by another child and by us, deleted by a third.
    let child = Helper::new(&service, server, "mem_child");
    let (access, refresh) = (random_token("sb_at"), random_token("sb_rt"));
    assert_ok(&child.store(&access, &refresh));
    assert_eq!(assert_ok(&child.read())["access"], access.as_str());
    assert_eq!(
        keychain.read(&theirs).unwrap(),
        Some(Tokens::new(access, refresh))
    );
    assert_eq!(assert_ok(&child.delete())["deleted"], true);
    assert_eq!(keychain.read(&theirs).unwrap(), None);
}

#[test]
fn a_value_over_the_windows_limit_is_refused_and_nothing_is_stored() {
    if !keyring_tests_enabled() {
        return;
    }
    let keychain = Keychain::new(unique_service("too-long"));
    let account = Account::new("https://team.example.com", "mem_big");
    let _cleanup = Cleanup {
        keychain: keychain.clone(),
        accounts: vec![account.clone()],
    };
    let error = keychain
        .store(&account, &Tokens::new("a".repeat(2000), "r".repeat(600)))
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::KeychainValueTooLong);
    assert_eq!(keychain.read(&account).unwrap(), None);
    // Just under the limit is fine (the JSON wrapping takes ~50 bytes).
    let fits = Tokens::new("a".repeat(2000), "r".repeat(500));
    keychain.store(&account, &fits).unwrap();
    assert_eq!(keychain.read(&account).unwrap(), Some(fits));
}

#[test]
fn sessions_keep_tokens_in_the_keychain_and_never_in_files_or_debug_output() {
    if !keyring_tests_enabled() {
        return;
    }
    let service = unique_service("sessions");
    let config = tempfile::tempdir().unwrap();
    let sessions = Sessions::new(Keychain::new(&service), WorkspaceStore::new(config.path()));
    let signed_in = |server: &str, user: &str| SignedIn {
        server_url: server.to_owned(),
        user_id: user.to_owned(),
        user_email: format!("{user}@example.com"),
        user_name: format!("User {user}"),
        tokens: Tokens::new(random_token("sb_at"), random_token("sb_rt")),
        display_name: None,
        kind: WorkspaceKind::Remote,
    };
    let first = signed_in("https://one.example.com/", "mem_1");
    let second = signed_in("http://127.0.0.1:4011", "mem_2");
    let mut all_tokens = vec![first.tokens.clone(), second.tokens.clone()];
    let _cleanup = Cleanup {
        keychain: Keychain::new(&service),
        accounts: vec![
            Account::new("https://one.example.com", "mem_1"),
            Account::new("http://127.0.0.1:4011", "mem_2"),
        ],
    };

    let shown = format!("{first:?} {sessions:?}");
    let one = sessions.sign_in(first.clone()).unwrap();
    let two = sessions.sign_in(second.clone()).unwrap();
    // Both signed in at once; the last sign-in is current; switching changes only that.
    assert_eq!(sessions.current().unwrap().unwrap().id, two.id);
    assert_eq!(sessions.tokens(&one.id).unwrap(), Some(first.tokens.clone()));
    assert_eq!(sessions.tokens(&two.id).unwrap(), Some(second.tokens.clone()));
    assert_eq!(sessions.switch(&one.id).unwrap().id, one.id);
    assert_eq!(sessions.tokens(&two.id).unwrap(), Some(second.tokens.clone()));

    // A refresh replaces the pair.
    let refreshed = Tokens::new(random_token("sb_at"), random_token("sb_rt"));
    sessions.update_tokens(&one.id, &refreshed).unwrap();
    assert_eq!(sessions.tokens(&one.id).unwrap(), Some(refreshed.clone()));
    all_tokens.push(refreshed);

    // No token anywhere in the config dir, nor in any Debug output.
    let state = sessions.state().unwrap();
    let shown = format!(
        "{shown} {state:?} {one:?} {:?}",
        sessions.tokens(&one.id).unwrap()
    );
    let files = read_all_files(config.path());
    assert!(
        files.contains("mem_1") && files.contains("one.example.com"),
        "{files}"
    );
    for tokens in &all_tokens {
        for secret in [tokens.access.expose(), tokens.refresh.expose()] {
            assert!(!files.contains(secret), "a token is in the config dir: {files}");
            assert!(!shown.contains(secret), "a token is in Debug output: {shown}");
        }
    }

    // Signing out of one removes its keychain entry (as a new process sees it) and its record; the
    // other workspace keeps working and becomes current.
    sessions.sign_out(&one.id).unwrap();
    let after = Helper::new(&service, "https://one.example.com", "mem_1").read();
    assert_eq!(assert_ok(&after)["found"], false, "{after}");
    assert_eq!(
        sessions.tokens(&one.id).unwrap_err().code(),
        ErrorCode::WorkspaceNotFound
    );
    assert_eq!(sessions.tokens(&two.id).unwrap(), Some(second.tokens.clone()));
    assert_eq!(sessions.current().unwrap().unwrap().id, two.id);
    sessions.sign_out(&two.id).unwrap();
    assert!(sessions.state().unwrap().workspaces.is_empty());
}

#[test]
fn a_workspace_keeps_its_sign_in_when_its_server_moves_and_its_record_when_tokens_are_refused() {
    if !keyring_tests_enabled() {
        return;
    }
    let service = unique_service("move");
    let config = tempfile::tempdir().unwrap();
    let sessions = Sessions::new(Keychain::new(&service), WorkspaceStore::new(config.path()));
    let (old_url, new_url) = ("http://127.0.0.1:4100", "http://127.0.0.1:4200");
    let tokens = Tokens::new(random_token("sb_at"), random_token("sb_rt"));
    let _cleanup = Cleanup {
        keychain: Keychain::new(&service),
        accounts: vec![Account::new(old_url, "owner"), Account::new(new_url, "owner")],
    };
    let local = sessions
        .sign_in(SignedIn {
            server_url: old_url.into(),
            user_id: "owner".into(),
            user_email: "owner@example.com".into(),
            user_name: "Owner".into(),
            tokens: tokens.clone(),
            display_name: Some("Local workspace".into()),
            kind: WorkspaceKind::Local,
        })
        .unwrap();

    // The local server came back on another port: same workspace, same tokens, entry re-keyed.
    let moved = sessions.change_server_url(&local.id, new_url).unwrap();
    assert_eq!(
        (moved.id.as_str(), moved.server_url.as_str()),
        (local.id.as_str(), new_url)
    );
    assert_eq!(moved.kind, WorkspaceKind::Local);
    assert_eq!(sessions.tokens(&local.id).unwrap(), Some(tokens));
    let keychain = Keychain::new(&service);
    assert_eq!(
        keychain.read(&Account::new(old_url, "owner")).unwrap(),
        None,
        "old entry left behind"
    );

    // A refused refresh: the tokens go, the workspace stays for signing in again.
    assert!(sessions.forget_tokens(&local.id).unwrap());
    assert_eq!(sessions.tokens(&local.id).unwrap(), None);
    assert_eq!(sessions.current().unwrap().unwrap().id, local.id);
    assert!(!sessions.forget_tokens(&local.id).unwrap());
    sessions.sign_out(&local.id).unwrap();
}

// The other program is libsecret's `secret-tool`: the Secret Service is the store where another program's
// item can match ours exactly (Credential Manager and the macOS Keychain key an item by its name alone).
#[cfg(target_os = "linux")]
#[test]
fn an_item_another_program_saved_under_our_account_is_replaced_when_we_store() {
    if !keyring_tests_enabled() {
        return;
    }
    let service = unique_service("clash");
    let keychain = Keychain::new(&service);
    let account = Account::new("https://team.example.com", "mem_clash");
    let _cleanup = Cleanup {
        keychain: keychain.clone(),
        accounts: vec![account.clone()],
    };
    let ours = Tokens::new(random_token("sb_at"), random_token("sb_rt"));
    keychain.store(&account, &ours).unwrap();
    // libsecret's own tool adds an item with the same service and user (plus its schema attribute).
    let mut secret_tool = Command::new("secret-tool")
        .args([
            "store",
            "--label=not ours",
            "service",
            &service,
            "username",
            account.as_str(),
        ])
        .stdin(Stdio::piped())
        .spawn()
        .expect("secret-tool (Debian package `libsecret-tools`) must be installed");
    std::io::Write::write_all(&mut secret_tool.stdin.take().unwrap(), b"foreign").unwrap();
    assert!(secret_tool.wait().unwrap().success());

    // Two matches: reading can't tell which is ours, and says so rather than guessing.
    let error = keychain.read(&account).unwrap_err();
    assert_eq!(error.code(), ErrorCode::KeychainFailed);
    assert!(error.to_string().contains("sign in again"), "{error}");
    // Storing (the next sign-in or refresh) replaces both with ours.
    let refreshed = Tokens::new(random_token("sb_at"), random_token("sb_rt"));
    keychain.store(&account, &refreshed).unwrap();
    assert_eq!(keychain.read(&account).unwrap(), Some(refreshed));
    assert!(keychain.delete(&account).unwrap());
    assert_eq!(keychain.read(&account).unwrap(), None);
}

#[test]
fn sessions_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Sessions>();
}

fn read_all_files(dir: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            text.push_str(&read_all_files(&path));
        } else {
            text.push_str(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
        }
    }
    text
}

// ---------------------------------------------------------------------------------------------------
// Failure modes, each produced for real.

#[cfg(target_os = "linux")]
mod linux {
    use std::io::{BufRead, BufReader, Write};
    use std::path::PathBuf;
    use std::process::Child;

    use super::*;

    /// No session bus at all: the address points at a socket that doesn't exist.
    #[test]
    fn no_dbus_session_is_keychain_no_dbus() {
        // Needs nothing but Linux, so it runs even without SWITCHBOARD_KEYRING_TESTS.
        let dir = tempfile::tempdir().unwrap();
        let env = [
            (
                "DBUS_SESSION_BUS_ADDRESS".into(),
                format!("unix:path={}/no-such-bus", dir.path().display()),
            ),
            ("XDG_RUNTIME_DIR".into(), dir.path().display().to_string()),
        ];
        let helper = Helper::new(DEV_SERVICE, "https://team.example.com", "mem_1").env(&env);
        let result = helper.read();
        assert_code(&result, "keychain_no_dbus");
        assert!(result["message"].as_str().unwrap().contains("D-Bus"), "{result}");
        assert_code(&helper.store("a", "r"), "keychain_no_dbus");
        assert_code(&helper.status(), "keychain_no_dbus");

        // No address at all (a console login): zbus falls back to $XDG_RUNTIME_DIR/bus, which isn't there.
        let runtime = [("XDG_RUNTIME_DIR".into(), dir.path().display().to_string())];
        let helper = Helper::new(DEV_SERVICE, "https://team.example.com", "mem_1")
            .env(&runtime)
            .unset("DBUS_SESSION_BUS_ADDRESS");
        assert_code(&helper.read(), "keychain_no_dbus");

        // A dead session's socket left behind: the file exists, nobody listens (connection refused).
        let stale = dir.path().join("stale-bus");
        drop(std::os::unix::net::UnixListener::bind(&stale).unwrap());
        let env = [(
            "DBUS_SESSION_BUS_ADDRESS".into(),
            format!("unix:path={}", stale.display()),
        )];
        let helper = Helper::new(DEV_SERVICE, "https://team.example.com", "mem_1").env(&env);
        assert_code(&helper.read(), "keychain_no_dbus");
    }

    #[test]
    fn a_bus_without_a_secret_service_is_keychain_no_secret_service() {
        if !keyring_tests_enabled() {
            return;
        }
        let bus = PrivateBus::start("");
        let helper = Helper::new(DEV_SERVICE, "https://team.example.com", "mem_1").env(&bus.env());
        assert_code(&helper.status(), "keychain_no_secret_service");
        assert_code(&helper.read(), "keychain_no_secret_service");
        assert_code(&helper.store("a", "r"), "keychain_no_secret_service");

        // Installed but failing to start (the bus tries to activate it and the program exits).
        let bus = PrivateBus::start_with("", Some("/bin/false"));
        let helper = Helper::new(DEV_SERVICE, "https://team.example.com", "mem_1").env(&bus.env());
        assert_code(&helper.read(), "keychain_no_secret_service");
    }

    #[test]
    fn a_locked_collection_is_keychain_locked() {
        if !keyring_tests_enabled() {
            return;
        }
        let mut bus = PrivateBus::start("");
        bus.start_keyring(true);
        let service = unique_service("locked");
        let helper = Helper::new(&service, "https://team.example.com", "mem_1").env(&bus.env());
        assert_ok(&helper.store("sb_at_locked", "sb_rt_locked"));
        assert_eq!(assert_ok(&helper.read())["found"], true);

        // Lock the login collection through the Secret Service API, as a screen lock or the user would.
        // Unlocking then needs gnome-keyring's prompter, which this bus can't start (no service files), so
        // the prompt ends dismissed at once: deterministic, where a real prompter would wait for a click.
        bus.send(&[
            "--dest=org.freedesktop.secrets",
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.Lock",
            "array:objpath:/org/freedesktop/secrets/collection/login",
        ]);
        let read = helper.read();
        assert_code(&read, "keychain_locked");
        assert!(
            read["message"]
                .as_str()
                .unwrap()
                .contains("Your keychain is locked."),
            "{read}"
        );
        assert_code(&helper.store("sb_at_2", "sb_rt_2"), "keychain_locked");
        assert_code(&helper.delete(), "keychain_locked");
    }

    #[test]
    fn a_secret_service_without_a_default_collection_is_keychain_no_collection() {
        if !keyring_tests_enabled() {
            return;
        }
        let mut bus = PrivateBus::start("");
        // A keyring daemon started without `--unlock` on an empty data dir has no login collection.
        bus.start_keyring(false);
        let service = unique_service("no-collection");
        let helper = Helper::new(&service, "https://team.example.com", "mem_1").env(&bus.env());
        assert_code(&helper.store("sb_at_x", "sb_rt_x"), "keychain_no_collection");
    }

    #[test]
    fn a_bus_that_forbids_the_secret_service_is_keychain_access_denied() {
        if !keyring_tests_enabled() {
            return;
        }
        // What a sandbox without the Secret Service permission looks like: the bus refuses the messages.
        let mut bus = PrivateBus::start(r#"<deny send_destination="org.freedesktop.secrets"/>"#);
        bus.start_keyring(true);
        let helper = Helper::new(DEV_SERVICE, "https://team.example.com", "mem_1").env(&bus.env());
        assert_code(&helper.status(), "keychain_access_denied");
        assert_code(&helper.read(), "keychain_access_denied");
    }

    /// A private session bus with no service files (so asking for a name starts nothing), optionally with
    /// its own gnome-keyring. Everything it starts is stopped when it drops.
    struct PrivateBus {
        dir: tempfile::TempDir,
        address: String,
        daemon: Child,
        keyring: Option<Child>,
    }

    impl PrivateBus {
        fn start(extra_policy: &str) -> Self {
            Self::start_with(extra_policy, None)
        }

        /// `activatable`: a program the bus starts when someone asks for `org.freedesktop.secrets`.
        fn start_with(extra_policy: &str, activatable: Option<&str>) -> Self {
            let dir = tempfile::tempdir().unwrap();
            for sub in ["services", "data", "runtime"] {
                std::fs::create_dir(dir.path().join(sub)).unwrap();
            }
            if let Some(exec) = activatable {
                std::fs::write(
                    dir.path().join("services/org.freedesktop.secrets.service"),
                    format!("[D-BUS Service]\nName=org.freedesktop.secrets\nExec={exec}\n"),
                )
                .unwrap();
            }
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let runtime = dir.path().join("runtime");
                std::fs::set_permissions(runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
            }
            let config = dir.path().join("bus.conf");
            std::fs::write(
                &config,
                format!(
                    r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
     "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
    <busconfig>
      <type>session</type>
      <listen>unix:path={dir}/bus</listen>
      <servicedir>{dir}/services</servicedir>
      <auth>EXTERNAL</auth>
      <policy context="default">
        <allow send_destination="*" eavesdrop="true"/>
        <allow eavesdrop="true"/>
        <allow own="*"/>
        {extra_policy}
      </policy>
    </busconfig>
    "#,
                    dir = dir.path().display()
                ),
            )
            .unwrap();
            let mut daemon = Command::new("dbus-daemon")
                .arg(format!("--config-file={}", config.display()))
                .args(["--nofork", "--print-address=1"])
                .env_remove("DISPLAY")
                .stdout(Stdio::piped())
                .stderr(std::fs::File::create(dir.path().join("bus.log")).unwrap())
                .spawn()
                .expect("dbus-daemon (Debian package `dbus`) must be installed");
            let mut address = String::new();
            BufReader::new(daemon.stdout.take().unwrap())
                .read_line(&mut address)
                .unwrap();
            let address = address.trim().to_owned();
            assert!(address.starts_with("unix:"), "dbus-daemon printed {address:?}");
            Self {
                dir,
                address,
                daemon,
                keyring: None,
            }
        }

        fn env(&self) -> Vec<(String, String)> {
            vec![
                ("DBUS_SESSION_BUS_ADDRESS".into(), self.address.clone()),
                (
                    "XDG_RUNTIME_DIR".into(),
                    self.path("runtime").display().to_string(),
                ),
                ("XDG_DATA_HOME".into(), self.path("data").display().to_string()),
            ]
        }

        fn path(&self, name: &str) -> PathBuf {
            self.dir.path().join(name)
        }

        /// Starts gnome-keyring's Secret Service on this bus, with a fresh login keyring when `unlock`.
        fn start_keyring(&mut self, unlock: bool) {
            let log = std::fs::File::create(self.path("keyring.log")).unwrap();
            let mut command = Command::new("gnome-keyring-daemon");
            command
                .args(["--foreground", "--components=secrets"])
                .envs(self.env())
                .env_remove("DISPLAY")
                .stdout(log.try_clone().unwrap())
                .stderr(log);
            if unlock {
                command.arg("--unlock").stdin(Stdio::piped());
            } else {
                command.stdin(Stdio::null());
            }
            let mut child = command.spawn().expect("gnome-keyring-daemon must be installed");
            if let Some(mut stdin) = child.stdin.take() {
                stdin.write_all(b"switchboard-test").unwrap();
            }
            self.keyring = Some(child);
            let started = Instant::now();
            while !self.name_has_owner("org.freedesktop.secrets") {
                assert!(
                    started.elapsed() < Duration::from_secs(20),
                    "gnome-keyring did not start: {}",
                    std::fs::read_to_string(self.path("keyring.log")).unwrap_or_default()
                );
                std::thread::sleep(Duration::from_millis(50));
            }
        }

        fn name_has_owner(&self, name: &str) -> bool {
            let reply = self.send(&[
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                &format!("string:{name}"),
            ]);
            reply.contains("boolean true")
        }

        /// `dbus-send` on this bus; returns the printed reply.
        fn send(&self, args: &[&str]) -> String {
            let output = Command::new("dbus-send")
                .args(["--session", "--print-reply"])
                .args(args)
                .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
                .output()
                .expect("dbus-send (Debian package `dbus`) must be installed");
            assert!(
                output.status.success(),
                "dbus-send {args:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            String::from_utf8_lossy(&output.stdout).into_owned()
        }
    }

    impl Drop for PrivateBus {
        fn drop(&mut self) {
            for child in self.keyring.iter_mut().chain(std::iter::once(&mut self.daemon)) {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
    }
}
