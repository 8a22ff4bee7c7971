//! Workspaces end to end, in the real app window: first launch offers the two choices; the local workspace
//! lists the demo team; a relaunch resumes without asking; signing in to a second, separately started
//! server lists both workspaces and switches between them; signing out of one removes its keychain entry
//! while the other keeps working. Tokens live in the session's real gnome-keyring.

use std::path::{Path, PathBuf};
use std::process::Command;

use switchboard_e2e::fantoccini::{Client, Locator};
use switchboard_e2e::{AppHome, Driver, RemoteServer, enabled, eventually, screenshot, sign_in_to, wait_for};

const SERVICE: &str = "app.switchboard.desktop.dev";
const OWNER_EMAIL: &str = "rangi.parata@remote.example";
const OWNER_PASSWORD: &str = "a long remote password";

/// The keychain accounts (`<server-url>#<user-id>`) this app home's workspaces use, by display name.
fn accounts(home: &Path) -> Vec<(String, String)> {
    let path = home.join("config_home/app.switchboard.desktop.dev/workspaces.json");
    let state: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    state["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            let account = format!(
                "{}#{}",
                w["serverUrl"].as_str().unwrap(),
                w["userId"].as_str().unwrap()
            );
            (w["displayName"].as_str().unwrap().to_owned(), account)
        })
        .collect()
}

/// Whether the session's keyring holds an item for this account (looked up with libsecret's own tool).
fn in_keyring(account: &str) -> bool {
    let out = Command::new("secret-tool")
        .args(["search", "--all", "service", SERVICE, "username", account])
        .output()
        .expect("secret-tool");
    String::from_utf8_lossy(&out.stdout).contains(account)
        || String::from_utf8_lossy(&out.stderr).contains(account)
}

/// The secret the app stored for an account: its token pair, as the keyring hands it out.
fn secret_of(account: &str) -> String {
    let out = Command::new("secret-tool")
        .args(["lookup", "service", SERVICE, "username", account])
        .output()
        .expect("secret-tool");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

async fn member_rows(client: &Client) -> Vec<String> {
    let mut texts = Vec::new();
    for row in client
        .find_all(Locator::Css("[data-testid=member-row]"))
        .await
        .unwrap_or_default()
    {
        // textContent, not WebDriver's rendered text: WebKitWebDriver leaves out the ellipsised cells.
        texts.push(row.prop("textContent").await.ok().flatten().unwrap_or_default());
    }
    texts
}

async fn wait_for_members(client: &Client, containing: &str) -> Vec<String> {
    eventually(&format!("member rows containing {containing}"), || async {
        let rows = member_rows(client).await;
        rows.iter().any(|r| r.contains(containing)).then_some(rows)
    })
    .await
}

async fn click(client: &Client, css: &str) {
    wait_for(client, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

#[tokio::test]
async fn first_launch_local_workspace_relaunch_second_server_switch_and_sign_out() {
    if !enabled("first_launch_local_workspace_relaunch_second_server_switch_and_sign_out") {
        return;
    }
    let home = AppHome::new();
    let remote = RemoteServer::start(OWNER_EMAIL, OWNER_PASSWORD, &["--members", "25"]);

    // First launch: the two choices.
    let driver = Driver::start(&home.env());
    let client = driver.session().await;
    let first = async {
        let screen = wait_for(&client, "[data-testid=first-launch]")
            .await
            .text()
            .await
            .unwrap();
        screenshot("first-launch");
        click(&client, "[data-testid=open-local-workspace]").await;
        let rows = wait_for_members(&client, "@").await;
        screenshot("local-workspace-members");
        (screen, rows)
    }
    .await;
    client.close().await.unwrap();
    drop(driver);
    let (screen, local_rows) = first;
    assert!(
        screen.contains("Open a local workspace") && screen.contains("Sign in to a server"),
        "{screen}"
    );
    assert!(local_rows.len() >= 10, "the demo team is listed: {local_rows:?}");

    // Relaunch: straight to the members, no first-launch screen.
    let driver = Driver::start(&home.env());
    let client = driver.session().await;
    let second = async {
        wait_for(&client, "[data-testid=app-frame]").await;
        let first_launch = client
            .find(Locator::Css("[data-testid=first-launch]"))
            .await
            .is_ok();
        let admin = client
            .wait()
            .for_element(Locator::XPath(
                "//nav[@aria-label='Main']//*[self::a or self::button][normalize-space(.)='Admin']",
            ))
            .await
            .expect("Admin in the sidebar");
        admin.click().await.unwrap();
        let rows = wait_for_members(&client, "@").await;

        // Sign in to the second server.
        click(&client, "[data-testid=workspace-switcher]").await;
        click(&client, "[data-testid=add-workspace]").await;
        click(&client, "[data-testid=sign-in-to-server]").await;
        sign_in_to(&client, &remote).await;
        let remote_rows = wait_for_members(&client, OWNER_EMAIL).await;

        // Both workspaces listed; switch to the local one.
        click(&client, "[data-testid=workspace-switcher]").await;
        let items = eventually("two workspaces in the switcher", || async {
            let items = client
                .find_all(Locator::Css("[data-testid=workspace-item]"))
                .await
                .ok()?;
            (items.len() == 2).then_some(items)
        })
        .await;
        screenshot("workspace-switcher");
        let mut local_item = None;
        for item in items {
            let text = item.prop("textContent").await.ok().flatten().unwrap_or_default();
            if text.contains("Local workspace") {
                local_item = Some(item);
            }
        }
        local_item
            .expect("the local workspace in the switcher")
            .click()
            .await
            .unwrap();
        let switched = eventually("the local team after switching", || async {
            let rows = member_rows(&client).await;
            (!rows.is_empty() && !rows.iter().any(|r| r.contains(OWNER_EMAIL))).then_some(rows)
        })
        .await;

        // Sign out of the local workspace: the remote one remains and works.
        let before = accounts(home.path());
        click(&client, "[data-testid=account-menu]").await;
        click(&client, "[data-testid=sign-out]").await;
        click(&client, "[data-testid=sign-out-confirm]").await;
        let after_rows = wait_for_members(&client, OWNER_EMAIL).await;
        screenshot("after-sign-out");
        (rows, first_launch, remote_rows, switched, before, after_rows)
    }
    .await;
    client.close().await.unwrap();
    drop(driver);

    let (rows, first_launch, remote_rows, switched, before, after_rows) = second;
    assert!(!first_launch, "a relaunch resumes the signed-in workspace");
    assert_eq!(rows.len(), local_rows.len(), "the same team after a relaunch");
    assert!(!remote_rows.is_empty());
    assert!(!switched.is_empty());
    assert_eq!(before.len(), 2, "{before:?}");
    let (_, local_account) = before
        .iter()
        .find(|(name, _)| name == "Local workspace")
        .expect("local")
        .clone();
    let (_, remote_account) = before
        .iter()
        .find(|(name, _)| name != "Local workspace")
        .expect("remote")
        .clone();
    assert!(
        !in_keyring(&local_account),
        "signing out removed the local workspace's keychain entry"
    );
    assert!(
        in_keyring(&remote_account),
        "the other workspace's entry is still there"
    );
    assert!(
        after_rows.iter().any(|r| r.contains(OWNER_EMAIL)),
        "the remote workspace still works"
    );
    let remaining = accounts(home.path());
    assert_eq!(remaining.len(), 1, "{remaining:?}");

    // No token anywhere in the app's data, config, cache and state dirs, nor in what it logged.
    let secret: serde_json::Value = serde_json::from_str(&secret_of(&remote_account)).expect("stored tokens");
    let tokens: Vec<String> = ["access_token", "refresh_token"]
        .iter()
        .filter_map(|k| secret[k].as_str().map(str::to_owned))
        .filter(|t| t.len() >= 16)
        .collect();
    assert_eq!(
        tokens.len(),
        2,
        "both tokens are in the keychain: {:?}",
        secret.as_object().map(|o| o.keys().collect::<Vec<_>>())
    );
    let mut scanned = files_under(home.path());
    scanned.extend(
        files_under(&switchboard_e2e::artifacts_dir())
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "log")),
    );
    assert!(scanned.len() > 2, "the scan found the app's files: {scanned:?}");
    for path in scanned {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        for token in &tokens {
            assert!(
                !text.contains(token.as_str()),
                "{} contains a token",
                path.display()
            );
        }
    }
}
