//! The desktop core end to end, below the UI: the local workspace on a real embedded server, a second
//! real server signed in to by password, switching, relaunching, and signing out — with tokens in the real
//! keyring (run inside `scripts/with-desktop-session.sh` with `SWITCHBOARD_KEYRING_TESTS=1`).

use std::path::Path;

use switchboard_api::client::ETag;
use switchboard_api::configuration::ConfigurationPatch;
use switchboard_api::invitations::NewInvitation;
use switchboard_api::members::ListMembers;
use switchboard_api::provisioning::NewProvisioningToken;
use switchboard_core::desktop::{Desktop, DesktopConfig, OutboxEvent};
use switchboard_core::error::ErrorCode;
use switchboard_core::keychain::Keychain;
use switchboard_core::outbox::backoff::Backoff;
use switchboard_core::workspaces::{Workspace, WorkspaceKind, WorkspaceState};
use switchboard_server_testing::{TestBackend, TestTeam};

fn keyring_available() -> bool {
    let enabled = std::env::var("SWITCHBOARD_KEYRING_TESTS").is_ok_and(|v| v == "1");
    if !enabled {
        eprintln!("skipped: needs a real keyring; run through ./scripts/test.sh");
    }
    enabled
}

fn desktop(home: &Path, service: &str) -> Desktop {
    Desktop::new(DesktopConfig {
        config_dir: home.join("config"),
        data_dir: home.join("data"),
        keychain_service: service.to_owned(),
    })
}

/// Every file under `dir`, read as bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                out.push((path.display().to_string(), bytes));
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn local_workspace_then_a_second_server_switch_relaunch_and_sign_out() {
    if !keyring_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let service = format!("app.switchboard.desktop.test-{}", uuid::Uuid::new_v4());

    // First launch: nothing configured.
    let app = desktop(home.path(), &service);
    assert!(app.state().await.unwrap().workspaces.is_empty());
    app.warm_up().await; // Nothing to open: no workspace, nothing started, no error.
    let error = app.client().await.expect_err("no workspace yet");
    assert_eq!(error.code(), ErrorCode::NoWorkspace);

    // "Open a local workspace": the embedded server with the demo team.
    let local = app.open_local_workspace().await.unwrap();
    assert_eq!(local.kind, WorkspaceKind::Local);
    let page = app
        .call(|c| async move { c.members().list(&ListMembers::default()).await })
        .await
        .unwrap();
    assert!(
        page.data.len() >= 30,
        "the demo team is listed: {} members",
        page.data.len()
    );
    let local_token = app.client().await.unwrap();
    assert!(local_token.has_token());
    app.shutdown().await;
    drop(app);

    // Relaunch: still signed in, same data, without asking (the server may be on another port now).
    let app = desktop(home.path(), &service);
    let state = app.state().await.unwrap();
    assert_eq!(state.current.as_deref(), Some(local.id.as_str()));
    // The launch starts the local server before the first call asks for it.
    let before = state.get(&local.id).unwrap().server_url.clone();
    app.warm_up().await;
    let warmed = app
        .state()
        .await
        .unwrap()
        .get(&local.id)
        .unwrap()
        .server_url
        .clone();
    let addr = warmed.trim_start_matches("http://").trim_end_matches('/');
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_ok(),
        "the local server listens at {warmed} after warming up (it was at {before} before the relaunch)"
    );
    let again = app
        .call(|c| async move { c.members().list(&ListMembers::default()).await })
        .await
        .unwrap();
    let ids = |p: &switchboard_api::Page<switchboard_api::members::Member>| {
        p.data.iter().map(|m| m.id).collect::<Vec<_>>()
    };
    assert_eq!(ids(&again), ids(&page), "the same team after a relaunch");

    // A second, separately started server, signed in to with URL, email and password.
    let team = TestTeam::new(TestBackend::Sqlite).await.unwrap();
    let (url, server) = serve(&team).await;
    let wrong = app
        .sign_in(&url, &team.owner_email, "not the password")
        .await
        .err()
        .unwrap();
    assert_eq!(wrong.code(), ErrorCode::InvalidCredentials, "{wrong}");
    let remote = app
        .sign_in(&url, &team.owner_email, &team.owner_password)
        .await
        .unwrap();
    assert_eq!(remote.kind, WorkspaceKind::Remote);
    let state = app.state().await.unwrap();
    assert_eq!(state.workspaces.len(), 2, "both workspaces listed");
    assert_eq!(state.current.as_deref(), Some(remote.id.as_str()));
    let me = app
        .call(|c| async move { c.me().get().await })
        .await
        .unwrap()
        .value;
    assert_eq!(me.email, team.owner_email);

    // Switch back and forth.
    app.switch(&local.id).await.unwrap();
    let me = app
        .call(|c| async move { c.me().get().await })
        .await
        .unwrap()
        .value;
    assert_eq!(me.email, switchboard_server::local::LOCAL_OWNER_EMAIL);
    app.switch(&remote.id).await.unwrap();

    // No token in the app's files.
    let keychain = Keychain::new(service.clone());
    let remote_workspace = app.state().await.unwrap().get(&remote.id).cloned().unwrap();
    let tokens = keychain
        .read(&remote_workspace.account())
        .unwrap()
        .expect("remote tokens in the keychain");
    for (path, bytes) in files(&home.path().join("config")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(tokens.access.expose()),
            "{path} holds the access token"
        );
        assert!(
            !text.contains(tokens.refresh.expose()),
            "{path} holds the refresh token"
        );
    }

    // Sign out of the remote one: its keychain entry goes, the local one keeps working.
    let state = app.sign_out(&remote.id).await.unwrap();
    assert_eq!(state.workspaces.len(), 1);
    assert!(
        keychain.read(&remote_workspace.account()).unwrap().is_none(),
        "keychain entry removed"
    );
    app.switch(&local.id).await.unwrap();
    let still = app
        .call(|c| async move { c.members().list(&ListMembers::default()).await })
        .await
        .unwrap();
    assert_eq!(ids(&still), ids(&page));

    // Clean up the local workspace's entry too.
    app.sign_out(&local.id).await.unwrap();
    app.shutdown().await;
    server.abort();
}

#[tokio::test(flavor = "multi_thread")]
async fn twenty_concurrent_calls_across_an_expiry_share_one_refresh() {
    if !keyring_available() {
        return;
    }
    // Every call below finds the token near expiry at the same time.
    let team = team_with_short_lived_tokens().await;
    let (url, server) = serve(&team).await;

    let (home, service, app, workspace) = signed_in(&url, &team).await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;

    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let app = app.clone();
        calls.spawn(async move { app.call(|c| async move { c.me().get().await }).await });
    }
    let mut failures = Vec::new();
    while let Some(done) = calls.join_next().await {
        if let Err(error) = done.unwrap() {
            failures.push(format!("{}: {error}", error.code()));
        }
    }
    assert!(failures.is_empty(), "calls failed: {failures:?}");

    // The pair the keychain holds now is the live one: a relaunch signs in with it without asking.
    drop(app);
    let relaunched = desktop(home.path(), &service);
    let me = relaunched
        .call(|c| async move { c.me().get().await })
        .await
        .unwrap()
        .value;
    assert_eq!(me.email, team.owner_email);
    relaunched.sign_out(&workspace.id).await.unwrap();
    server.abort();
}

/// A desktop in a home of its own (kept while the returned dir lives), signed in to `url` as the team's
/// owner, with the keychain service it uses.
async fn signed_in(url: &str, team: &TestTeam) -> (tempfile::TempDir, String, Desktop, Workspace) {
    let home = tempfile::tempdir().unwrap();
    let service = format!("app.switchboard.desktop.test-{}", uuid::Uuid::new_v4());
    let app = desktop(home.path(), &service);
    let workspace = app
        .sign_in(url, &team.owner_email, &team.owner_password)
        .await
        .unwrap();
    (home, service, app, workspace)
}

/// The outbox's next event, within 20 s.
async fn next_event(received: &mut tokio::sync::mpsc::UnboundedReceiver<OutboxEvent>) -> OutboxEvent {
    tokio::time::timeout(std::time::Duration::from_secs(20), received.recv())
        .await
        .expect("an outbox event")
        .expect("the sender runs")
}

/// A team whose access tokens live 61 s: fresh for one second after they are issued, then "about to
/// expire" (the core refreshes a minute ahead).
async fn team_with_short_lived_tokens() -> TestTeam {
    let settings = switchboard_server::state::Settings {
        access_token_ttl: std::time::Duration::from_secs(61),
        ..Default::default()
    };
    TestTeam::with_settings(TestBackend::Sqlite, settings)
        .await
        .unwrap()
}

/// A server for `team` on a free port, and its URL.
async fn serve(team: &TestTeam) -> (String, tokio::task::JoinHandle<std::io::Result<()>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(switchboard_server::serve(
        listener,
        team.state.clone(),
        std::future::pending(),
    ));
    (url, server)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_call_under_way_while_another_refreshes_is_made_again_with_the_new_token() {
    if !keyring_available() {
        return;
    }
    let team = team_with_short_lived_tokens().await;
    let (url, server) = serve(&team).await;

    let (_home, service, app, workspace) = signed_in(&url, &team).await;

    // A slow call: it takes its client while the token is fresh, and is held before it reaches the
    // server until another call has refreshed — which retires the token it holds.
    let (release, held) = tokio::sync::watch::channel(false);
    let slow = {
        let app = app.clone();
        tokio::spawn(async move {
            app.call(|c| {
                let mut held = held.clone();
                async move {
                    held.wait_for(|released| *released).await.unwrap();
                    c.me().get().await
                }
            })
            .await
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let before = Keychain::new(service.clone())
        .read(&workspace.account())
        .unwrap()
        .unwrap();
    app.call(|c| async move { c.me().get().await })
        .await
        .expect("this call refreshes");
    let after = Keychain::new(service.clone())
        .read(&workspace.account())
        .unwrap()
        .unwrap();
    assert_ne!(
        before.access.expose(),
        after.access.expose(),
        "the second call refreshed"
    );
    release.send(true).unwrap();
    let me = slow
        .await
        .unwrap()
        .expect("the slow call is made again with the refreshed token, not signed out")
        .value;
    assert_eq!(me.email, team.owner_email);
    app.sign_out(&workspace.id).await.unwrap();
    server.abort();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_workspace_is_named_after_its_team() {
    if !keyring_available() {
        return;
    }
    let team = TestTeam::new(TestBackend::Sqlite).await.unwrap();
    let (url, server) = serve(&team).await;
    let host = url.trim_start_matches("http://").to_owned();
    let (_home, service, app, workspace) = signed_in(&url, &team).await;
    assert_eq!(
        workspace.display_name, host,
        "a team without a name: the server's host"
    );

    let read = app.configuration().await.unwrap();
    assert_eq!(read.value.team_name, None);
    let named = app
        .update_configuration(
            &ETag::from_stored(read.etag),
            &ConfigurationPatch {
                team_name: Some("Harbour Dental".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let name_of = |state: WorkspaceState| state.get(&workspace.id).unwrap().display_name.clone();
    assert_eq!(name_of(app.state().await.unwrap()), "Harbour Dental");

    // Another computer signing in sees the name at once.
    let other_home = tempfile::tempdir().unwrap();
    let other = desktop(other_home.path(), &service);
    let elsewhere = other
        .sign_in(&url, &team.owner_email, &team.owner_password)
        .await
        .unwrap();
    assert_eq!(elsewhere.display_name, "Harbour Dental");

    // Cleared there, the first app follows the next time it reads the configuration.
    let current = other.configuration().await.unwrap();
    assert_eq!(current.etag, named.etag, "both read the same version");
    other
        .update_configuration(
            &ETag::from_stored(current.etag),
            &ConfigurationPatch {
                team_name: Some(String::new()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    app.configuration().await.unwrap();
    assert_eq!(name_of(app.state().await.unwrap()), host);

    other.sign_out(&elsewhere.id).await.unwrap();
    app.sign_out(&workspace.id).await.unwrap();
    server.abort();
}

#[tokio::test(flavor = "multi_thread")]
async fn provisioning_tokens_through_the_desktop() {
    if !keyring_available() {
        return;
    }
    let team = TestTeam::new(TestBackend::Sqlite).await.unwrap();
    let (url, server) = serve(&team).await;
    let (_home, _service, app, workspace) = signed_in(&url, &team).await;

    let read = app.provisioning().await.unwrap();
    assert!(read.scim_base_url.ends_with("/scim/v2"), "{}", read.scim_base_url);
    assert!(read.tokens.is_empty());
    let created = app
        .create_provisioning_token(&NewProvisioningToken { name: "Okta".into() })
        .await
        .unwrap();
    assert!(!created.token.is_empty());
    let listed = app.provisioning().await.unwrap();
    assert_eq!(listed.tokens, vec![created.provisioning_token.clone()]);

    app.revoke_provisioning_token(created.provisioning_token.id)
        .await
        .unwrap();
    assert!(app.provisioning().await.unwrap().tokens.is_empty());
    let error = app
        .revoke_provisioning_token(created.provisioning_token.id)
        .await
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound, "{error:?}");

    app.sign_out(&workspace.id).await.unwrap();
    server.abort();
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

/// Waits so long after a failure that only a wake can bring the invites within a test's time.
const PATIENT: Backoff = Backoff {
    base: std::time::Duration::from_secs(600),
    cap: std::time::Duration::from_secs(600),
};

/// A signed-in desktop sending its outbox with [`PATIENT`] waits, whose server has delivered one invite
/// and then stopped, with two more invites queued for it after that failed to reach it. Returns the
/// server's address (to start it again there) and the app's home (kept while it lives).
async fn invites_waiting_for_a_stopped_server(
    team: &TestTeam,
) -> (
    std::net::SocketAddr,
    tempfile::TempDir,
    Desktop,
    Workspace,
    tokio::sync::mpsc::UnboundedReceiver<OutboxEvent>,
    tokio::sync::watch::Sender<bool>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let url = format!("http://{addr}");
    let (stop_server, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(switchboard_server::serve(listener, team.state.clone(), async {
        let _ = stopped.await;
    }));
    let (home, _service, app, workspace) = signed_in(&url, team).await;
    let (events, mut received) = tokio::sync::mpsc::unbounded_channel();
    let sending = app.start_outbox_with(events, PATIENT).await.unwrap();
    // Online: queued, then delivered.
    let queued = app.invite(vec![invite("ana@example.com")]).await.unwrap();
    assert_eq!(queued.len(), 1);
    assert!(
        matches!(next_event(&mut received).await, OutboxEvent::Delivered { email: Some(ref e), .. } if e == "ana@example.com")
    );
    assert!(app.outbox_entries().await.unwrap().is_empty());

    // The server stops: invites wait in the outbox.
    stop_server.send(()).unwrap();
    server.await.unwrap().unwrap();
    app.invite(vec![invite("ben@example.com"), invite("cy@example.com")])
        .await
        .unwrap();
    assert!(matches!(
        next_event(&mut received).await,
        OutboxEvent::Failed { .. }
    ));
    let waiting = app.outbox_entries().await.unwrap();
    assert_eq!(waiting.len(), 2, "both still queued: {waiting:#?}");
    (addr, home, app, workspace, received, sending)
}

/// The server for `team` started again on the address it had.
async fn serve_again(
    team: &TestTeam,
    addr: std::net::SocketAddr,
) -> tokio::task::JoinHandle<std::io::Result<()>> {
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    tokio::spawn(switchboard_server::serve(
        listener,
        team.state.clone(),
        std::future::pending(),
    ))
}

/// The emails of the next two invites delivered, sorted.
async fn two_delivered(received: &mut tokio::sync::mpsc::UnboundedReceiver<OutboxEvent>) -> Vec<String> {
    let mut delivered = Vec::new();
    while delivered.len() < 2 {
        if let OutboxEvent::Delivered {
            email: Some(email), ..
        } = next_event(received).await
        {
            delivered.push(email);
        }
    }
    delivered.sort();
    delivered
}

#[tokio::test(flavor = "multi_thread")]
async fn invites_queue_while_the_server_is_down_and_go_when_it_answers_again() {
    if !keyring_available() {
        return;
    }
    let team = TestTeam::new(TestBackend::Sqlite).await.unwrap();
    let (addr, _home, app, workspace, mut received, _sending) =
        invites_waiting_for_a_stopped_server(&team).await;

    // Back on the same address: the first call that gets an answer sends them at once.
    let server = serve_again(&team, addr).await;
    app.call(|c| async move { c.me().get().await }).await.unwrap();
    let woken = tokio::time::Instant::now();
    let delivered = two_delivered(&mut received).await;
    assert!(
        woken.elapsed() < std::time::Duration::from_secs(5),
        "sent when the server answered, not at their next attempt"
    );
    assert_eq!(delivered, ["ben@example.com", "cy@example.com"]);
    assert!(app.outbox_entries().await.unwrap().is_empty());
    app.sign_out(&workspace.id).await.unwrap();
    server.abort();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_that_stopped_answering_is_probed_and_its_invites_go_when_it_is_back() {
    if !keyring_available() {
        return;
    }
    let team = TestTeam::new(TestBackend::Sqlite).await.unwrap();
    let (addr, _home, app, workspace, mut received, _sending) =
        invites_waiting_for_a_stopped_server(&team).await;

    // Down for a few of the probe's rounds, then back on the same address. Nothing else asks it
    // anything: only the probe can notice.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let server = serve_again(&team, addr).await;
    let back = tokio::time::Instant::now();
    let delivered = two_delivered(&mut received).await;
    assert!(
        back.elapsed() < std::time::Duration::from_secs(15),
        "sent {:?} after the server came back, not at their next attempt ten minutes on",
        back.elapsed()
    );
    assert_eq!(delivered, ["ben@example.com", "cy@example.com"]);
    assert!(app.outbox_entries().await.unwrap().is_empty());
    app.sign_out(&workspace.id).await.unwrap();
    server.abort();
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_out_discards_the_workspaces_unsent_invites_and_signing_in_again_finds_none() {
    if !keyring_available() {
        return;
    }
    let team = TestTeam::new(TestBackend::Sqlite).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(switchboard_server::serve(
        listener,
        team.state.clone(),
        std::future::pending(),
    ));
    let (_home, _service, app, workspace) = signed_in(&url, &team).await;
    // No sender runs: the invites stay queued.
    app.invite(vec![invite("ana@example.com"), invite("ben@example.com")])
        .await
        .unwrap();
    assert_eq!(app.outbox_entries().await.unwrap().len(), 2);

    app.sign_out(&workspace.id).await.unwrap();
    assert!(app.outbox().await.unwrap().all().await.unwrap().is_empty());
    let again = app
        .sign_in(&url, &team.owner_email, &team.owner_password)
        .await
        .unwrap();
    assert!(app.outbox_entries().await.unwrap().is_empty());
    app.sign_out(&again.id).await.unwrap();
    server.abort();
}
