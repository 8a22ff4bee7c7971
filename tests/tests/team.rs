//! Managing the team in the real window: a member's role changed in the profile sheet reaches the server
//! and the list, and every admin page renders — each captured in the light and the dark theme.

use switchboard_e2e::fantoccini::{Client, Locator};
use switchboard_e2e::{AppHome, Driver, enabled, eventually, invoke_with, screenshot, wait_for};

async fn click_xpath(client: &Client, xpath: &str) {
    client
        .wait()
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("element {xpath}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {xpath}: {e}"));
}

async fn go_to(client: &Client, page: &str) {
    click_xpath(
        client,
        &format!("//nav[@aria-label='Main']//button[normalize-space(.)='{page}']"),
    )
    .await;
    eventually(&format!("the {page} page"), || async {
        // textContent: WebKitWebDriver's rendered text leaves out text that may be ellipsised.
        let title = client
            .find(Locator::Css("h1"))
            .await
            .ok()?
            .prop("textContent")
            .await
            .ok()??;
        (title.trim() == page).then_some(())
    })
    .await;
}

async fn role_on_server(client: &Client, name: &str) -> Option<String> {
    let page = invoke_with(
        client,
        "list_members",
        serde_json::json!({ "query": { "q": name, "limit": 5 } }),
    )
    .await;
    page["data"]
        .as_array()?
        .iter()
        .find(|m| m["name"] == name)
        .and_then(|m| m["role"].as_str().map(str::to_owned))
}

/// Shows each admin page and saves a screenshot of it, named with `theme`.
async fn capture_pages(client: &Client, theme: &str) -> Vec<std::path::PathBuf> {
    let mut shots = Vec::new();
    go_to(client, "Members").await;
    wait_for(client, "[data-testid=member-row]").await;
    shots.push(screenshot(&format!("members-{theme}")));
    click_xpath(client, "//*[@role='tab'][normalize-space(.)='Groups']").await;
    wait_for(client, "[data-testid=group-count]").await;
    shots.push(screenshot(&format!("groups-{theme}")));
    go_to(client, "Phone numbers").await;
    wait_for(client, "[data-testid=number-count]").await;
    shots.push(screenshot(&format!("numbers-{theme}")));
    go_to(client, "Configuration").await;
    wait_for(client, "[data-testid=recording-preview]").await;
    shots.push(screenshot(&format!("configuration-{theme}")));
    go_to(client, "Activity").await;
    wait_for(client, "[data-testid=activity-event]").await;
    shots.push(screenshot(&format!("activity-{theme}")));
    shots
}

#[tokio::test]
async fn an_admin_changes_a_role_and_every_team_page_renders_in_both_themes() {
    if !enabled("an_admin_changes_a_role_and_every_team_page_renders_in_both_themes") {
        return;
    }
    let home = AppHome::new();
    let driver = Driver::start(&home.env());
    let client = driver.session().await;

    // Gather first, close the session, then assert: a failed assertion must not orphan the window.
    let outcome = async {
        wait_for(&client, "[data-testid=open-local-workspace]")
            .await
            .click()
            .await
            .expect("open local");
        wait_for(&client, "[data-testid=member-row]").await;

        // A member (role badge "Member") opens in the sheet; make them an admin.
        click_xpath(
            &client,
            "//*[@data-testid='member-row'][.//*[contains(@class,'badge') and normalize-space(.)='Member']]",
        )
        .await;
        let sheet = wait_for(&client, "[data-testid=member-sheet]").await;
        let name = sheet
            .find(Locator::Css("h2"))
            .await
            .expect("sheet title")
            .text()
            .await
            .expect("name");
        let before = role_on_server(&client, &name).await;
        eventually("the role control to be ready", || async {
            let select = client.find(Locator::Css("select[aria-label=Role]")).await.ok()?;
            select.is_enabled().await.ok()?.then_some(())
        })
        .await;
        screenshot("member-sheet");
        click_xpath(&client, "//select[@aria-label='Role']/option[@value='admin']").await;
        let after = eventually("the server to hold the new role", || async {
            let role = role_on_server(&client, &name).await?;
            (role == "admin").then_some(role)
        })
        .await;
        let sheet_shot = screenshot("member-sheet-after-role-change");
        client
            .find(Locator::Css("button[aria-label=Close]"))
            .await
            .expect("close button")
            .click()
            .await
            .expect("close sheet");

        let light = capture_pages(&client, "light").await;
        go_to(&client, "Settings").await;
        click_xpath(&client, "//*[@role='tab'][normalize-space(.)='Appearance']").await;
        click_xpath(&client, "//*[@role='radio'][@aria-label='Dark']").await;
        click_xpath(
            &client,
            "//nav[@aria-label='Main']//button[normalize-space(.)='Admin']",
        )
        .await;
        let dark = capture_pages(&client, "dark").await;
        (name, before, after, sheet_shot, light, dark)
    }
    .await;
    client.close().await.expect("close session");
    drop(driver);

    let (name, before, after, sheet_shot, light, dark) = outcome;
    assert_eq!(before.as_deref(), Some("member"), "{name} started as a member");
    assert_eq!(after, "admin", "{name} is an admin on the server");
    for shot in std::iter::once(&sheet_shot).chain(&light).chain(&dark) {
        assert!(
            std::fs::metadata(shot).map(|m| m.len() > 10_000).unwrap_or(false),
            "screenshot {shot:?}"
        );
    }
}
