//! axe-core in the real window (WebKit, with layout, so colour contrast is checked too), in the light and
//! the dark theme: the first launch and its sign-in form, every page, and — opened as a person opens
//! them — the main sheets and dialogs. Any serious or critical violation fails the test, and every one
//! found is printed.

use switchboard_e2e::a11y::axe_in_both_themes;
use switchboard_e2e::fantoccini::Client;
use switchboard_e2e::ui::*;
use switchboard_e2e::{
    AppHome, Driver, OWNER_EMAIL, OWNER_PASSWORD, RemoteServer, Signed, api, enabled, eventually, sign_in_to,
    wait_for,
};

const MEMBER_SHEET: &str = "//*[@data-testid='member-sheet']";
const INVITATION_SHEET: &str = "//*[@data-testid='invitation-sheet']";
const GROUP_SHEET: &str = "//*[@data-testid='group-sheet']";
const NUMBER_SHEET: &str = "//*[@data-testid='number-sheet']";
const NEW_GROUP: &str = "//*[@data-testid='new-group-dialog']";
const STATUS_DIALOG: &str = "//*[@data-testid='status-dialog']";
const INVITE: &str = "//*[@data-testid='invite-dialog']";

/// Closes the dialog or menu on top with Esc and waits until `xpath` is gone.
async fn escape(client: &Client, xpath: &str) {
    switchboard_e2e::a11y::press(
        client,
        &switchboard_e2e::a11y::key(switchboard_e2e::fantoccini::key::Key::Escape),
    )
    .await;
    gone(client, xpath).await;
}

/// Every page, sheet and dialog of the signed-in app, each checked in both themes.
async fn tour(client: &Client) -> Vec<String> {
    let mut found = Vec::new();

    // Pages.
    wait_for(client, "h1").await;
    found.extend(axe_in_both_themes(client, "Home").await);
    go_to(client, "Directory").await;
    wait_for(client, "[data-testid=directory-row]").await;
    found.extend(axe_in_both_themes(client, "Directory").await);
    go_to(client, "Members").await;
    wait_for(client, "[data-testid=member-row]").await;
    found.extend(axe_in_both_themes(client, "Members").await);
    tab(client, "Invitations").await;
    wait_for(client, "[data-testid=invitation-row]").await;
    found.extend(axe_in_both_themes(client, "Invitations").await);
    tab(client, "Groups").await;
    wait_for(client, "[data-testid=group-row]").await;
    found.extend(axe_in_both_themes(client, "Groups").await);
    go_to(client, "Phone numbers").await;
    wait_for(client, "[data-testid=number-row]").await;
    found.extend(axe_in_both_themes(client, "Phone numbers").await);
    go_to(client, "Configuration").await;
    wait_for(client, "[data-testid=recording-preview]").await;
    found.extend(axe_in_both_themes(client, "Configuration").await);
    go_to(client, "Activity").await;
    wait_for(client, "[data-testid=activity-event]").await;
    found.extend(axe_in_both_themes(client, "Activity").await);
    go_to(client, "Settings").await;
    tab(client, "Account").await;
    wait_for(client, "[aria-labelledby=settings-profile]").await;
    found.extend(axe_in_both_themes(client, "Settings → Account").await);
    tab(client, "Appearance").await;
    found.extend(axe_in_both_themes(client, "Settings → Appearance").await);

    // A member's profile sheet and a confirmation in it.
    go_to(client, "Members").await;
    tab(client, "Members").await;
    search(client, "Search members", "Mei Chen").await;
    click_xpath(client, "//*[@data-testid='member-row'][contains(., 'Mei Chen')]").await;
    eventually("Mei Chen's profile, ready", || async {
        let title = text_at(client, &format!("{MEMBER_SHEET}//h2")).await?;
        (title == "Mei Chen").then_some(())
    })
    .await;
    found.extend(axe_in_both_themes(client, "member sheet").await);
    click_xpath(
        client,
        "//*[@data-testid='profile-danger']//button[normalize-space(.)='Deactivate']",
    )
    .await;
    find_xpath(client, STATUS_DIALOG).await;
    found.extend(axe_in_both_themes(client, "deactivate confirmation").await);
    answer(client, STATUS_DIALOG, "Cancel").await;
    close_sheet(client, MEMBER_SHEET).await;

    // Invite People, each step; what is sent is really sent.
    click_xpath(client, "//header//button[normalize-space(.)='Invite People']").await;
    find_xpath(client, &format!("{INVITE}//input")).await;
    found.extend(axe_in_both_themes(client, "Invite People: who").await);
    type_into(client, INVITE, "Email addresses", "axe.check@harbour.example").await;
    click_xpath(
        client,
        &format!("{INVITE}//button[normalize-space(.)='Review invitation']"),
    )
    .await;
    review_summary(client).await;
    found.extend(axe_in_both_themes(client, "Invite People: review").await);
    click_xpath(
        client,
        &format!("{INVITE}//button[normalize-space(.)='Send invitation']"),
    )
    .await;
    eventually("the invitation sent", || async {
        let title = text_at(client, "//*[@data-testid='send-title']").await?;
        title.contains("sent").then_some(())
    })
    .await;
    found.extend(axe_in_both_themes(client, "Invite People: sent").await);
    answer(client, INVITE, "Done").await;

    // An invitation's sheet.
    tab(client, "Invitations").await;
    click_xpath(client, "(//*[@data-testid='invitation-row'])[1]").await;
    find_xpath(client, &format!("{INVITATION_SHEET}//h2")).await;
    found.extend(axe_in_both_themes(client, "invitation sheet").await);
    close_sheet(client, INVITATION_SHEET).await;

    // New group, and a group's sheet.
    tab(client, "Groups").await;
    click_xpath(client, "//button[normalize-space(.)='New group']").await;
    find_xpath(client, NEW_GROUP).await;
    found.extend(axe_in_both_themes(client, "New group").await);
    answer(client, NEW_GROUP, "Cancel").await;
    click_xpath(client, "//*[@data-testid='group-row'][contains(., 'Sales')]").await;
    wait_for(client, "[data-testid=group-person]").await;
    found.extend(axe_in_both_themes(client, "group sheet").await);
    close_sheet(client, GROUP_SHEET).await;

    // A number's sheet.
    go_to(client, "Phone numbers").await;
    search(client, "Search numbers", "Auckland").await;
    click_xpath(client, "//*[@data-testid='number-row'][contains(., 'Auckland')]").await;
    wait_for(client, "[data-testid=number-assignee]").await;
    found.extend(axe_in_both_themes(client, "number sheet").await);
    close_sheet(client, NUMBER_SHEET).await;

    // The command palette, the account menu, About, the sign-out confirmation, the workspace switcher.
    switchboard_e2e::a11y::press(client, &switchboard_e2e::a11y::ctrl('k')).await;
    let palette =
        "//*[@role='dialog'][@aria-label='Command palette' or .//*[normalize-space(.)='Command palette']]";
    find_xpath(client, palette).await;
    found.extend(axe_in_both_themes(client, "command palette").await);
    escape(client, palette).await;
    click_xpath(client, "//*[@data-testid='account-menu']").await;
    find_xpath(client, "//*[@role='menu']").await;
    found.extend(axe_in_both_themes(client, "account menu").await);
    click_xpath(client, "//*[@role='menuitem'][contains(., 'About Switchboard')]").await;
    wait_for(client, "[data-testid=about-version]").await;
    found.extend(axe_in_both_themes(client, "About").await);
    escape(client, "//*[@data-testid='about-version']").await;
    click_xpath(client, "//*[@data-testid='account-menu']").await;
    click_xpath(client, "//*[@role='menuitem'][contains(., 'Sign out')]").await;
    find_xpath(client, "//*[@role='alertdialog']").await;
    found.extend(axe_in_both_themes(client, "sign-out confirmation").await);
    answer(client, "//*[@role='alertdialog']", "Cancel").await;
    click_xpath(client, "//*[@data-testid='workspace-switcher']").await;
    wait_for(client, "[data-testid=workspace-item]").await;
    found.extend(axe_in_both_themes(client, "workspace switcher").await);
    escape(client, "//*[@data-testid='workspace-item']").await;

    found
}

#[tokio::test]
async fn axe_finds_nothing_serious_on_any_page_sheet_or_dialog_in_either_theme() {
    if !enabled("axe_finds_nothing_serious_on_any_page_sheet_or_dialog_in_either_theme") {
        return;
    }
    // Signed::start, but with the first launch and its sign-in form checked on the way.
    let server = RemoteServer::start(OWNER_EMAIL, OWNER_PASSWORD, &["--demo"]);
    let api = api::Api::sign_in(&server).await;
    let home = AppHome::new();
    let driver = Driver::start(&home.env());
    let client = driver.session().await;
    let mut found = Vec::new();
    wait_for(&client, "[data-testid=first-launch]").await;
    found.extend(axe_in_both_themes(&client, "first launch").await);
    click_xpath(&client, "//*[@data-testid='sign-in-to-server']").await;
    wait_for(&client, "[data-testid=sign-in-submit]").await;
    found.extend(axe_in_both_themes(&client, "sign-in form").await);
    sign_in_to(&client, &server).await;
    wait_for(&client, "[data-testid=app-frame]").await;
    let signed = Signed {
        api,
        client,
        driver,
        home,
        server,
    };

    found.extend(tour(&signed.client).await);
    signed.close().await;

    for line in &found {
        eprintln!("{line}");
    }
    assert!(
        found.is_empty(),
        "{} serious or critical accessibility violations:\n{}",
        found.len(),
        found.join("\n")
    );
}
