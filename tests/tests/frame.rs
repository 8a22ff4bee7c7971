//! The app's frame in the real window: it renders, and the About panel shows what `app_info` returns.

use switchboard_e2e::fantoccini::Locator;
use switchboard_e2e::{AppHome, Driver, enabled, eventually, invoke, screenshot, wait_for};

#[tokio::test]
async fn frame_renders_and_about_shows_the_app_version() {
    if !enabled("frame_renders_and_about_shows_the_app_version") {
        return;
    }
    let home = AppHome::new();
    let driver = Driver::start(&home.env());
    let client = driver.session().await;

    // Gather everything first, close the session, then assert: a failed assertion must not orphan the window.
    let outcome = async {
        // A first launch offers the two choices; the frame comes with a workspace.
        wait_for(&client, "[data-testid=open-local-workspace]")
            .await
            .click()
            .await
            .expect("open local");
        wait_for(&client, "[data-testid=app-frame]").await;
        let title = client.title().await.expect("title");
        let sidebar = wait_for(&client, "nav[aria-label=Main]")
            .await
            .text()
            .await
            .expect("sidebar text");
        let info = invoke(&client, "app_info").await;

        wait_for(&client, "[data-testid=account-menu]")
            .await
            .click()
            .await
            .expect("open menu");
        let about = client
            .wait()
            .for_element(Locator::XPath(
                "//*[@role='menuitem'][contains(., 'About Switchboard')]",
            ))
            .await
            .expect("About menu item");
        about.click().await.expect("open About");
        let shown = eventually("the About panel's version", || async {
            let text = wait_for(&client, "[data-testid=about-version]")
                .await
                .text()
                .await
                .ok()?;
            (!text.trim().is_empty()).then_some(text)
        })
        .await;
        let commit = wait_for(&client, "[data-testid=about-commit]")
            .await
            .text()
            .await
            .expect("commit");
        let shot = screenshot("about-panel");
        (title, sidebar, info, shown, commit, shot)
    }
    .await;
    client.close().await.expect("close session");
    drop(driver);

    let (title, sidebar, info, shown, commit, shot) = outcome;
    assert_eq!(title, "Switchboard");
    assert!(
        sidebar.contains("Admin") && sidebar.contains("Settings"),
        "sidebar: {sidebar}"
    );
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"), "app_info: {info}");
    assert_eq!(
        shown.trim(),
        info["version"].as_str().unwrap(),
        "About shows what app_info returned"
    );
    assert_eq!(commit.trim(), info["commit"].as_str().unwrap());
    assert!(
        std::fs::metadata(&shot)
            .map(|m| m.len() > 10_000)
            .unwrap_or(false),
        "screenshot {shot:?}"
    );
}
