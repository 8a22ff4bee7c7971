//! The keyboard alone, in the real window: once signed in, not one click — only key presses sent to
//! whatever has the focus. An admin invites a person (Ctrl+K → Invite People, the address, the role,
//! Review invitation, Send invitation, Done), assigns a phone number to a member (Ctrl+K → the member,
//! Tab to Assign number, type, Enter) and changes the call-recording policy (Ctrl+K → Configuration,
//! arrows in the radio groups, Save changes); the server's API then holds all three. On the way: every
//! focused control shows a focus ring, Esc closes the sheet and the focus comes back to the page.

use serde_json::json;
use switchboard_api::roles::Role;
use switchboard_e2e::a11y::*;
use switchboard_e2e::fantoccini::Client;
use switchboard_e2e::fantoccini::key::Key;
use switchboard_e2e::ui::*;
use switchboard_e2e::{Signed, enabled, eventually, wait_for};

const INVITE: &str = "//*[@data-testid='invite-dialog']";
const MEMBER_SHEET: &str = "//*[@data-testid='member-sheet']";
const PALETTE_INPUT: &str = "//*[@role='dialog']//input[@role='combobox']";

/// Ctrl+K, then `query` typed into the palette and Enter on the option that mentions `option`, chosen
/// with ↓ when it is not the first.
async fn run_from_palette(client: &Client, query: &str, option: &str) {
    press(client, &ctrl('k')).await;
    focus_is_on(client, PALETTE_INPUT).await;
    press(client, query).await;
    let wanted = format!("//*[@role='option'][contains(normalize-space(.), \"{option}\")]");
    find_xpath(client, &wanted).await;
    for _ in 0..10 {
        let selected = text_at(client, "//*[@role='option'][@aria-selected='true']").await;
        if selected.is_some_and(|text| text.contains(option)) {
            press(client, &key(Key::Enter)).await;
            gone(client, PALETTE_INPUT).await;
            return;
        }
        press(client, &key(Key::Down)).await;
    }
    panic!("the palette never selected {option}");
}

/// Tabs to the button named `name` inside `scope`, checks it shows its focus ring, and presses Enter.
async fn press_button(client: &Client, scope: &str, name: &str, rings: &mut Vec<String>) {
    tab_to(
        client,
        &format!("{scope}//button[normalize-space(.)='{name}']"),
        40,
        false,
    )
    .await;
    if !focus_ring_shows(client).await {
        rings.push(name.to_owned());
    }
    press(client, &key(Key::Enter)).await;
}

#[tokio::test]
async fn an_admin_invites_assigns_a_number_and_changes_a_policy_with_the_keyboard_alone() {
    if !enabled("an_admin_invites_assigns_a_number_and_changes_a_policy_with_the_keyboard_alone") {
        return;
    }
    let person = "kiri.keyboard@harbour.example";
    let signed = Signed::start().await;
    let Signed { api, client, .. } = &signed;
    let mut no_ring = Vec::new();

    let run = async {
        // Invite a person.
        run_from_palette(client, "Invite", "Invite People").await;
        focus_is_on(
            client,
            &format!("{INVITE}//input[@id=//label[normalize-space(.)='Email addresses']/@for]"),
        )
        .await;
        press(client, person).await;
        choose_by_keyboard(client, "Role", "Admin", 20).await;
        if !focus_ring_shows(client).await {
            no_ring.push("Role".to_owned());
        }
        press_button(client, INVITE, "Review invitation", &mut no_ring).await;
        let summary = review_summary(client).await;
        press_button(client, INVITE, "Send invitation", &mut no_ring).await;
        let sent = eventually("the invitation sent", || async {
            let title = text_at(client, "//*[@data-testid='send-title']").await?;
            title.contains("sent").then_some(title)
        })
        .await;
        shots_in_both_themes(client, "keyboard-invite-sent").await;
        press_button(client, INVITE, "Done", &mut no_ring).await;
        gone(client, INVITE).await;

        // Assign a number from reserve to a member.
        run_from_palette(client, "Mei Chen", "Mei Chen").await;
        eventually("Mei Chen's profile, ready", || async {
            let title = text_at(client, &format!("{MEMBER_SHEET}//h2")).await?;
            let role = client
                .find(switchboard_e2e::fantoccini::Locator::Css(
                    "select[aria-label=Role]",
                ))
                .await
                .ok()?;
            (title == "Mei Chen" && role.is_enabled().await.ok()?).then_some(())
        })
        .await;
        press_button(client, MEMBER_SHEET, "Assign number", &mut no_ring).await;
        focus_is_on(
            client,
            "//input[@role='combobox'][@aria-labelledby=//label[normalize-space(.)='Assign number']/@id]",
        )
        .await;
        press(client, "Paris").await;
        eventually("Paris offered first", || async {
            let selected = text_at(client, "//*[@role='option'][@aria-selected='true']").await?;
            selected.contains("Paris").then_some(())
        })
        .await;
        press(client, &key(Key::Enter)).await;
        eventually("Paris given to Mei Chen on the server", || async {
            let member = api.member("Mei Chen").await.value;
            member
                .numbers
                .iter()
                .any(|number| number.label == "Paris")
                .then_some(())
        })
        .await;
        shots_in_both_themes(client, "keyboard-number-assigned").await;
        // Esc closes the sheet; the focus is back in the window, not lost on the body.
        eventually("the focus back in the sheet after picking", || async {
            let inside = client
                .execute(
                    "return document.activeElement?.closest('[data-testid=member-sheet]') !== null;",
                    vec![],
                )
                .await
                .ok()?;
            (inside == json!(true)).then_some(())
        })
        .await;
        press(client, &key(Key::Escape)).await;
        gone(client, MEMBER_SHEET).await;
        let after_sheet = client
            .execute("return document.activeElement?.tagName ?? '';", vec![])
            .await
            .expect("read the focus");

        // Record every incoming call and no outgoing one.
        run_from_palette(client, "Configuration", "Configuration").await;
        on_page(client, "Configuration").await;
        wait_for(client, "[data-testid=recording-preview]").await;
        choose_by_keyboard(client, "Incoming calls", "Always", 40).await;
        choose_by_keyboard(client, "Outgoing calls", "Never", 10).await;
        press_button(
            client,
            "//*[@data-testid='save-bar']",
            "Save changes",
            &mut no_ring,
        )
        .await;
        let configuration = eventually("the policy saved on the server", || async {
            let configuration = api.configuration_json().await;
            (configuration["recording"] == json!({ "inbound": "always", "outbound": "never" }))
                .then_some(configuration)
        })
        .await;
        shots_in_both_themes(client, "keyboard-policy-saved").await;
        (summary, sent, after_sheet, configuration)
    }
    .await;
    let invitations = api.invitations(person).await;
    signed.close().await;

    let (summary, sent, after_sheet, configuration) = run;
    assert!(summary.starts_with("1 ready"), "{summary}");
    assert_eq!(sent, "Invitation sent");
    assert_eq!(invitations.len(), 1, "{invitations:?}");
    assert_eq!(invitations[0].role, Role::Admin);
    assert_ne!(
        after_sheet,
        json!("BODY"),
        "closing the sheet left the focus nowhere"
    );
    assert_eq!(
        configuration["recording"],
        json!({ "inbound": "always", "outbound": "never" })
    );
    assert!(no_ring.is_empty(), "no focus ring on {no_ring:?}");
}
