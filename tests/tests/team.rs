//! Managing the team in the real window, signed in to a separately started `switchboard-server` seeded
//! with the demo team. What the app changes is read back through the server's own API, and the API
//! changes a member behind the app's back to produce a 412. Three tests, one app window at a time:
//!
//! - a member's profile: role, an extra permission, a phone number, deactivate and reactivate, and a
//!   conflict taken back with Reload — each read back through the API, and all of it in Activity;
//! - numbers, groups and policy: a number made shared with two people, a new group with two members,
//!   call recording enforced as incoming-always / outgoing-never (a member's outgoing switch locks), and
//!   the team's name in the workspace switcher — read back likewise, and in Activity;
//! - every page, sheet and dialog in the light and the dark theme, saved under `artifacts/e2e/` (with a
//!   conflict answered with Keep editing in each).

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use switchboard_e2e::api::{Api, names};
use switchboard_e2e::fantoccini::{Client, Locator};
use switchboard_e2e::ui::*;
use switchboard_e2e::{Signed, enabled, eventually, settled_screenshot, wait_for};

const MEMBER_SHEET: &str = "//*[@data-testid='member-sheet']";
const STATUS_DIALOG: &str = "//*[@data-testid='status-dialog']";
const CONFLICT: &str = "//*[@data-testid='conflict-dialog']";

/// Waits until the member sheet shows `name` and can make changes (its fresh read, with the ETag, is in).
async fn member_sheet_ready(client: &Client, name: &str) {
    eventually(&format!("{name}'s profile, ready for changes"), || async {
        let title = text_at(client, &format!("{MEMBER_SHEET}//h2")).await?;
        let role = client.find(Locator::Css("select[aria-label=Role]")).await.ok()?;
        (title == name && role.is_enabled().await.ok()?).then_some(())
    })
    .await;
}

/// Members → search → the member's row → their profile sheet.
async fn open_member(client: &Client, name: &str) {
    go_to(client, "Members").await;
    tab(client, "Members").await;
    search(client, "Search members", name).await;
    click_xpath(
        client,
        &format!("//*[@data-testid='member-row'][contains(., \"{name}\")]"),
    )
    .await;
    member_sheet_ready(client, name).await;
}

/// Presses `action` ("Deactivate", "Reactivate") in the profile's danger zone: the confirmation opens.
async fn open_status_dialog(client: &Client, action: &str) {
    click_xpath(
        client,
        &format!("//*[@data-testid='profile-danger']//button[normalize-space(.)='{action}']"),
    )
    .await;
    find_xpath(client, STATUS_DIALOG).await;
}

/// The member sheet is open and ready: the API renames the member, then the app tries to toggle the
/// permission `permission` — refused with 412, so the conflict dialog opens. Returns the lines it lists.
async fn provoke_conflict(
    client: &Client,
    api: &Api,
    name: &str,
    renamed: &str,
    permission: &str,
) -> Vec<String> {
    // The app's last write refreshed the profile; let that read land first, so the app holds its ETag
    // and the API's change below is the only one it hasn't seen.
    tokio::time::sleep(Duration::from_millis(500)).await;
    api.rename(name, renamed).await;
    eventually(&format!("{permission} to be switchable"), || async {
        let (_, enabled) = switch_state(client, permission).await?;
        enabled.then_some(())
    })
    .await;
    click_xpath(client, &switch_labelled(permission)).await;
    eventually("the conflict dialog with what changed", || async {
        let items = client
            .find_all(Locator::XPath(&format!("{CONFLICT}//li")))
            .await
            .ok()?;
        let mut lines = Vec::new();
        for item in items {
            lines.push(text_content(&item).await);
        }
        (!lines.is_empty()).then_some(lines)
    })
    .await
}

/// A sentence of the Activity page, compared without case, spaces or quotation marks: whether a value is
/// written “active” or Active, a number +33155501180 or +33 1 55 50 11 80, the event is the same.
fn normalised(sentence: &str) -> String {
    sentence
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn mentions(sentences: &[String], phrase: &str) -> bool {
    let phrase = normalised(phrase);
    sentences.iter().any(|s| normalised(s).contains(&phrase))
}

/// The sentences of the Activity page once every `expected` phrase is among them, or after 15 s the
/// sentences as they are (the caller asserts, with the whole list in the message).
async fn activity(client: &Client, expected: &[&str]) -> Vec<String> {
    go_to(client, "Activity").await;
    wait_for(client, "[data-testid=activity-event]").await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let mut sentences = Vec::new();
        for row in client
            .find_all(Locator::Css("[data-testid=activity-event] .activity-sentence"))
            .await
            .unwrap_or_default()
        {
            sentences.push(text_content(&row).await);
        }
        let all = expected.iter().all(|phrase| mentions(&sentences, phrase));
        if all || Instant::now() >= deadline {
            return sentences;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn assert_activity(sentences: &[String], expected: &[&str]) {
    for phrase in expected {
        assert!(
            mentions(sentences, phrase),
            "Activity says {phrase:?}; it shows:\n{}",
            sentences.join("\n")
        );
    }
}

// ---------------------------------------------------------------------------------------------------

/// Everything the first test saw, gathered before the window closes.
struct ProfileRun {
    before: Value,
    after_role: Value,
    after_grant: Value,
    after_number: Value,
    deactivated: Value,
    deactivated_badge: String,
    reactivated: Value,
    conflict_lines: Vec<String>,
    title_after_reload: String,
    after_reload: Value,
    reload_grant_switch: Option<(bool, bool)>,
    sentences: Vec<String>,
    shots: Vec<std::path::PathBuf>,
}

const STEPPED_DOWN: &str = "Lukas Müller";
const RENAMED: &str = "Lukas Müller-Berg";

#[tokio::test]
async fn an_admin_changes_a_members_role_permissions_number_and_status_and_meets_a_conflict() {
    if !enabled("an_admin_changes_a_members_role_permissions_number_and_status_and_meets_a_conflict") {
        return;
    }
    let app = Signed::start().await;
    let (client, api) = (&app.client, &app.api);

    let run = async {
        let mut shots = Vec::new();
        let before = api.member_json(STEPPED_DOWN).await;
        open_member(client, STEPPED_DOWN).await;
        shots.push(shot(client, "member-sheet").await);

        // An admin steps down to Member…
        click_xpath(
            client,
            "//select[@aria-label='Role']/option[normalize-space(.)='Member']",
        )
        .await;
        let after_role = eventually("the server to hold the Member role", || async {
            let member = api.member_json(STEPPED_DOWN).await;
            (member["role"] == "member").then_some(member)
        })
        .await;
        shots.push(shot(client, "member-sheet-after-role-change").await);

        // …and keeps their analytics, as a grant beyond the role.
        eventually("View analytics to be switchable", || async {
            let (on, enabled) = switch_state(client, "View analytics").await?;
            (!on && enabled).then_some(())
        })
        .await;
        click_xpath(client, &switch_labelled("View analytics")).await;
        let after_grant = eventually("the server to hold the grant", || async {
            let member = api.member_json(STEPPED_DOWN).await;
            (member["grants"] == json!(["view_analytics"])).then_some(member)
        })
        .await;
        eventually("the switch to show the grant", || async {
            let (on, _) = switch_state(client, "View analytics").await?;
            on.then_some(())
        })
        .await;

        // A number from reserve, from the profile's picker.
        pick(client, "Assign number", "Paris", "Paris").await;
        eventually("the Paris number among the profile's numbers", || async {
            present(
                client,
                &format!("{MEMBER_SHEET}//*[@aria-label='Phone numbers']//li[contains(., 'Paris')]"),
            )
            .await
            .then_some(())
        })
        .await;
        let after_number = api.member_json(STEPPED_DOWN).await;
        shots.push(shot(client, "member-sheet-number-assigned").await);

        // Deactivate, confirmed; then reactivate.
        open_status_dialog(client, "Deactivate").await;
        shots.push(shot(client, "deactivate-dialog").await);
        answer(client, STATUS_DIALOG, "Deactivate").await;
        let deactivated_badge = eventually("the profile to say Deactivated", || async {
            let badges = text_at(
                client,
                &format!("{MEMBER_SHEET}//*[contains(@class,'sheet-badges')]"),
            )
            .await?;
            badges.contains("Deactivated").then_some(badges)
        })
        .await;
        let deactivated = api.member_json(STEPPED_DOWN).await;
        open_status_dialog(client, "Reactivate").await;
        shots.push(shot(client, "reactivate-dialog").await);
        answer(client, STATUS_DIALOG, "Reactivate").await;
        let reactivated = eventually("the server to hold the member active", || async {
            let member = api.member_json(STEPPED_DOWN).await;
            (member["status"] == "active").then_some(member)
        })
        .await;
        member_sheet_ready(client, STEPPED_DOWN).await;

        // Someone renames them through the API while the profile is open; the app's next change is
        // refused and the dialog says what changed. Reload takes theirs.
        let conflict_lines = provoke_conflict(client, api, STEPPED_DOWN, RENAMED, "Manage call flows").await;
        shots.push(shot(client, "conflict-dialog").await);
        answer(client, CONFLICT, "Reload").await;
        let title_after_reload = eventually("the profile to show the new name", || async {
            let title = text_at(client, &format!("{MEMBER_SHEET}//h2")).await?;
            (title == RENAMED).then_some(title)
        })
        .await;
        member_sheet_ready(client, RENAMED).await;
        let reload_grant_switch = switch_state(client, "Manage call flows").await;
        let after_reload = api.member_json(RENAMED).await;
        shots.push(shot(client, "member-sheet-after-reload").await);
        close_sheet(client, MEMBER_SHEET).await;

        let sentences = activity(client, PROFILE_ACTIVITY).await;
        shots.push(shot(client, "activity-after-profile-changes").await);
        ProfileRun {
            before,
            after_role,
            after_grant,
            after_number,
            deactivated,
            deactivated_badge,
            reactivated,
            conflict_lines,
            title_after_reload,
            after_reload,
            reload_grant_switch,
            sentences,
            shots,
        }
    }
    .await;
    app.close().await;

    assert_eq!(run.before["role"], "admin", "{STEPPED_DOWN} started as an admin");
    assert_eq!(run.before["grants"], json!([]));
    assert_eq!(run.after_role["role"], "member");
    assert_eq!(run.after_grant["grants"], json!(["view_analytics"]));
    assert_eq!(
        run.after_grant["permissions"],
        json!(["view_analytics", "make_outbound_calls"]),
        "the role's calls and the granted analytics"
    );
    let numbers: Vec<&str> = run.after_number["numbers"]
        .as_array()
        .expect("numbers")
        .iter()
        .filter_map(|n| n["e164"].as_str())
        .collect();
    assert!(numbers.contains(&"+33155501180"), "Paris is theirs: {numbers:?}");
    assert!(run.deactivated_badge.contains("Deactivated"));
    assert_eq!(run.deactivated["status"], "deactivated");
    assert_eq!(run.reactivated["status"], "active");
    assert!(
        run.conflict_lines
            .iter()
            .any(|l| l.contains("Name") && l.contains(STEPPED_DOWN) && l.contains(RENAMED)),
        "the conflict dialog names the renamed field: {:?}",
        run.conflict_lines
    );
    assert_eq!(run.title_after_reload, RENAMED, "Reload shows the server's name");
    assert_eq!(run.after_reload["name"], RENAMED);
    assert_eq!(
        run.after_reload["grants"],
        json!(["view_analytics"]),
        "the refused change was not saved"
    );
    assert_eq!(
        run.reload_grant_switch,
        Some((false, true)),
        "after Reload, Manage call flows shows what's saved (off) and can be changed again"
    );
    assert_activity(&run.sentences, PROFILE_ACTIVITY);
    assert_screenshots(&run.shots);
}

/// What Activity says after the first test (names as they are now: the API renamed the member last).
const PROFILE_ACTIVITY: &[&str] = &[
    "changed Lukas Müller-Berg’s role from Admin to Member",
    "changed Lukas Müller-Berg’s extra permissions from none to View analytics",
    "assigned +33155501180 to Lukas Müller-Berg",
    "changed Lukas Müller-Berg’s status from active to deactivated",
    "changed Lukas Müller-Berg’s status from deactivated to active",
    "changed Lukas Müller-Berg’s name from “Lukas Müller” to “Lukas Müller-Berg”",
];

// ---------------------------------------------------------------------------------------------------

const NUMBER_SHEET: &str = "//*[@data-testid='number-sheet']";
const GROUP_SHEET: &str = "//*[@data-testid='group-sheet']";
const NEW_GROUP: &str = "//*[@data-testid='new-group-dialog']";
const SAVE_BAR: &str = "//*[@data-testid='save-bar']";

/// Everything the second test saw, gathered before the window closes.
struct OrganiseRun {
    shared: Value,
    shared_rows: usize,
    group: Option<Value>,
    group_rows: usize,
    preview: String,
    configuration: Value,
    outgoing_row: String,
    outgoing_locked: bool,
    outgoing_switch: bool,
    incoming_switch: bool,
    enforced_note: bool,
    recording: Value,
    /// The workspace switcher's accessible name and its text.
    switcher: (String, String),
    named: Value,
    /// Where the app frame's top edge is on the window after saving (0: nothing scrolled it away).
    frame_top: Value,
    sentences: Vec<String>,
    shots: Vec<std::path::PathBuf>,
}

const TEAM_NAME: &str = "Harbour Dental";

#[tokio::test]
async fn an_admin_shares_a_number_builds_a_group_and_enforces_call_recording() {
    if !enabled("an_admin_shares_a_number_builds_a_group_and_enforces_call_recording") {
        return;
    }
    let app = Signed::start().await;
    let (client, api) = (&app.client, &app.api);

    let run = async {
        let mut shots = Vec::new();

        // Tokyo, a direct number in reserve, becomes a shared line for two people.
        go_to(client, "Phone numbers").await;
        search(client, "Search numbers", "Tokyo").await;
        click_xpath(client, "//*[@data-testid='number-row'][contains(., 'Tokyo')]").await;
        wait_for(client, "[data-testid=number-sheet]").await;
        choose(client, "Sharing", "Shared").await;
        eventually("the server to hold Tokyo shared", || async {
            (api.number_json("Tokyo").await["sharing"] == "shared").then_some(())
        })
        .await;
        for (query, person, holders) in [("Mei", "Mei Chen", 1), ("Rahul", "Rahul Sharma", 2)] {
            pick(client, "Assign to…", query, person).await;
            eventually(&format!("{person} among Tokyo's assignees"), || async {
                let rows = count_of(
                    client,
                    &format!("{NUMBER_SHEET}//*[@data-testid='number-assignee']"),
                )
                .await;
                (rows == holders).then_some(())
            })
            .await;
        }
        let shared_rows = count_of(
            client,
            &format!("{NUMBER_SHEET}//*[@data-testid='number-assignee']"),
        )
        .await;
        let shared = api.number_json("Tokyo").await;
        shots.push(shot(client, "number-sheet-shared").await);
        close_sheet(client, NUMBER_SHEET).await;

        // A new group, Front desk, with two people.
        go_to(client, "Members").await;
        tab(client, "Groups").await;
        click_xpath(client, "//button[normalize-space(.)='New group']").await;
        type_into(client, NEW_GROUP, "Name", "Front desk").await;
        type_into(client, NEW_GROUP, "Description", "Reception and appointments").await;
        shots.push(shot(client, "new-group-dialog").await);
        click_xpath(
            client,
            &format!("{NEW_GROUP}//button[normalize-space(.)='Create group']"),
        )
        .await;
        eventually("the new group's sheet", || async {
            (text_at(client, &format!("{GROUP_SHEET}//h2")).await? == "Front desk").then_some(())
        })
        .await;
        for (query, person, people) in [("Sofia", "Sofia Rossi", 1), ("Kwame", "Kwame Mensah", 2)] {
            pick(client, "Add people", query, person).await;
            eventually(&format!("{person} in Front desk"), || async {
                let rows = count_of(client, &format!("{GROUP_SHEET}//*[@data-testid='group-person']")).await;
                (rows == people).then_some(())
            })
            .await;
        }
        let group_rows = count_of(client, &format!("{GROUP_SHEET}//*[@data-testid='group-person']")).await;
        let group = api.group_json("Front desk").await;
        shots.push(shot(client, "group-sheet-front-desk").await);
        close_sheet(client, GROUP_SHEET).await;

        // Record every incoming call and no outgoing one.
        go_to(client, "Configuration").await;
        wait_for(client, "[data-testid=recording-preview]").await;
        choose(client, "Incoming calls", "Always").await;
        choose(client, "Outgoing calls", "Never").await;
        let preview = text_at(client, "//*[@data-testid='recording-preview']")
            .await
            .unwrap_or_default();
        shots.push(shot(client, "configuration-unsaved").await);
        click_xpath(
            client,
            &format!("{SAVE_BAR}//button[normalize-space(.)='Save changes']"),
        )
        .await;
        gone(client, SAVE_BAR).await;
        let configuration = api.configuration_json().await;

        // A member's profile now shows both directions locked by the policy.
        open_member(client, "Mei Chen").await;
        let outgoing = "//*[@data-testid='profile-recording']//li[@data-recording='outbound']";
        let outgoing_row = eventually("Mei Chen's outgoing recording to be locked", || async {
            let locked = present(client, &format!("{outgoing}//*[@aria-label='Locked']")).await;
            let row = text_at(client, outgoing).await?;
            locked.then_some(row)
        })
        .await;
        let outgoing_locked = present(client, &format!("{outgoing}//*[@aria-label='Locked']")).await;
        let outgoing_switch = present(client, &switch_labelled("Outgoing calls")).await;
        let incoming_switch = present(client, &switch_labelled("Incoming calls")).await;
        let enforced_note = text_at(client, "//*[@data-testid='profile-recording']")
            .await
            .is_some_and(|text| text.contains("Enforced by account configuration"));
        client
            .execute(
                "document.querySelector('[data-testid=profile-recording]').scrollIntoView();",
                vec![],
            )
            .await
            .expect("scroll to Call recording");
        settled_screenshot(client, "member-sheet-recording-enforced").await;
        let recording = api.member_json("Mei Chen").await["recording"].clone();
        close_sheet(client, MEMBER_SHEET).await;

        // The team's name, which everyone signed in sees in the workspace switcher.
        go_to(client, "Configuration").await;
        let team_name = find_xpath(
            client,
            "//input[@id=//label[normalize-space(.)='Team name']/@for]",
        )
        .await;
        team_name.clear().await.expect("clear Team name");
        team_name.send_keys(TEAM_NAME).await.expect("type the team name");
        click_xpath(
            client,
            &format!("{SAVE_BAR}//button[normalize-space(.)='Save changes']"),
        )
        .await;
        gone(client, SAVE_BAR).await;
        let switcher = eventually("the switcher to show the team's name", || async {
            let switcher = client
                .find(Locator::Css("[data-testid=workspace-switcher]"))
                .await
                .ok()?;
            let label = switcher.attr("aria-label").await.ok()??;
            let shown = text_at(client, "//*[@data-testid='workspace-name']").await?;
            (label == format!("Workspace: {TEAM_NAME}")).then_some((label, shown))
        })
        .await;
        // Saving hands the focus to the page; the frame itself must stay where it is.
        let frame_top = client
            .execute(
                "return document.querySelector('[data-testid=app-frame]').getBoundingClientRect().top;",
                vec![],
            )
            .await
            .expect("where the frame is");
        shots.push(shot(client, "configuration-team-name").await);
        let named = api.configuration_json().await["team_name"].clone();

        let sentences = activity(client, ORGANISE_ACTIVITY).await;
        shots.push(shot(client, "activity-after-organising").await);
        OrganiseRun {
            shared,
            shared_rows,
            group,
            group_rows,
            preview,
            configuration,
            outgoing_row,
            outgoing_locked,
            outgoing_switch,
            incoming_switch,
            enforced_note,
            recording,
            switcher,
            named,
            frame_top,
            sentences,
            shots,
        }
    }
    .await;
    app.close().await;

    assert_eq!(run.shared["sharing"], "shared", "{}", run.shared);
    assert_eq!(names(&run.shared["assignees"]), ["Mei Chen", "Rahul Sharma"]);
    assert_eq!(run.shared_rows, 2, "the sheet lists both");
    let group = run.group.expect("the server holds Front desk");
    assert_eq!(group["description"], "Reception and appointments");
    assert_eq!(names(&group["members"]), ["Kwame Mensah", "Sofia Rossi"]);
    assert_eq!(run.group_rows, 2, "the sheet lists both");
    assert_eq!(
        run.configuration["recording"],
        json!({ "inbound": "always", "outbound": "never" })
    );
    assert_eq!(
        run.preview, "Incoming calls are always recorded; outgoing calls are never recorded.",
        "the policy read back as a sentence"
    );
    assert!(run.outgoing_locked, "the outgoing setting is locked");
    assert!(
        run.outgoing_row.contains("Never recorded"),
        "{}",
        run.outgoing_row
    );
    assert!(!run.outgoing_switch, "no outgoing switch to press");
    assert!(!run.incoming_switch, "no incoming switch either");
    assert!(run.enforced_note, "the profile says why");
    assert_eq!(
        run.recording,
        json!({
            "inbound": { "enabled": true, "enforced": true },
            "outbound": { "enabled": false, "enforced": true },
        })
    );
    assert_eq!(run.named, TEAM_NAME, "the server holds the team's name");
    assert_eq!(run.switcher.0, format!("Workspace: {TEAM_NAME}"));
    assert_eq!(run.switcher.1, TEAM_NAME, "the switcher shows it");
    assert_eq!(
        run.frame_top.as_f64(),
        Some(0.0),
        "after saving the configuration the top bar and the switcher are still in view"
    );
    assert_activity(&run.sentences, ORGANISE_ACTIVITY);
    assert_screenshots(&run.shots);
}

const ORGANISE_ACTIVITY: &[&str] = &[
    "changed +81355501190: sharing",
    "assigned +81355501190 to Mei Chen",
    "assigned +81355501190 to Rahul Sharma",
    "created the group Front desk",
    "added Sofia Rossi to Front desk",
    "added Kwame Mensah to Front desk",
    "changed the configuration: call recording",
    "changed the configuration: team name",
];

// ---------------------------------------------------------------------------------------------------

/// What the third test saw in one theme.
struct Keeping {
    conflict_lines: Vec<String>,
    notice: String,
    title: String,
    server: Value,
}

/// Every page, sheet and dialog in the current theme, each saved as `<name>-<theme>.png`; a conflict on
/// `name` (renamed to `renamed` through the API) is answered with Keep editing.
async fn tour(
    client: &Client,
    api: &Api,
    theme: &str,
    name: &str,
    renamed: &str,
    shots: &mut Vec<std::path::PathBuf>,
) -> Keeping {
    let mut take = async |page: &str| shots.push(shot(client, &format!("{page}-{theme}")).await);

    tab(client, "Account").await;
    wait_for(client, "[aria-labelledby=settings-profile]").await;
    take("settings-account").await;

    go_to(client, "Directory").await;
    wait_for(client, "[data-testid=directory-row]").await;
    take("directory").await;

    go_to(client, "Members").await;
    tab(client, "Members").await;
    wait_for(client, "[data-testid=member-row]").await;
    take("members").await;

    open_member(client, name).await;
    take("member-sheet").await;
    open_status_dialog(client, "Deactivate").await;
    take("deactivate-dialog").await;
    answer(client, STATUS_DIALOG, "Cancel").await;
    let conflict_lines = provoke_conflict(client, api, name, renamed, "View analytics").await;
    take("conflict-dialog").await;
    answer(client, CONFLICT, "Keep editing").await;
    let notice = eventually("the note that the change wasn't saved", || async {
        text_at(
            client,
            &format!("{MEMBER_SHEET}//*[contains(@class,'alert-warning')]"),
        )
        .await
    })
    .await;
    member_sheet_ready(client, renamed).await;
    let title = text_at(client, &format!("{MEMBER_SHEET}//h2"))
        .await
        .unwrap_or_default();
    let server = api.member_json(renamed).await;
    close_sheet(client, MEMBER_SHEET).await;

    tab(client, "Invitations").await;
    // The seeded team has pending and expired invitations; the list shows the server's.
    wait_for(client, "[data-testid=invitation-row]").await;
    take("invitations").await;

    tab(client, "Groups").await;
    wait_for(client, "[data-testid=group-row]").await;
    take("groups").await;
    click_xpath(client, "//button[normalize-space(.)='New group']").await;
    wait_for(client, "[data-testid=new-group-dialog]").await;
    take("new-group-dialog").await;
    answer(client, NEW_GROUP, "Cancel").await;
    click_xpath(client, "//*[@data-testid='group-row'][contains(., 'Sales')]").await;
    wait_for(client, "[data-testid=group-person]").await;
    take("group-sheet").await;
    close_sheet(client, GROUP_SHEET).await;

    go_to(client, "Phone numbers").await;
    wait_for(client, "[data-testid=number-row]").await;
    take("numbers").await;
    search(client, "Search numbers", "Auckland").await;
    click_xpath(client, "//*[@data-testid='number-row'][contains(., 'Auckland')]").await;
    wait_for(client, "[data-testid=number-assignee]").await;
    take("number-sheet").await;
    close_sheet(client, NUMBER_SHEET).await;

    go_to(client, "Configuration").await;
    wait_for(client, "[data-testid=recording-preview]").await;
    take("configuration").await;

    go_to(client, "Activity").await;
    wait_for(client, "[data-testid=activity-event]").await;
    take("activity").await;

    Keeping {
        conflict_lines,
        notice,
        title,
        server,
    }
}

#[tokio::test]
async fn every_team_page_sheet_and_dialog_renders_in_the_light_and_the_dark_theme() {
    if !enabled("every_team_page_sheet_and_dialog_renders_in_the_light_and_the_dark_theme") {
        return;
    }
    let app = Signed::start().await;
    let (client, api) = (&app.client, &app.api);

    let run = async {
        let mut shots = Vec::new();
        choose_theme(client, "Light").await;
        let light = tour(client, api, "light", "Mei Chen", "Mei Chen-Ali", &mut shots).await;
        choose_theme(client, "Dark").await;
        let dark = tour(client, api, "dark", "Mei Chen-Ali", "Mei Ali", &mut shots).await;
        (light, dark, shots)
    }
    .await;
    app.close().await;

    let (light, dark, shots) = run;
    for (keeping, from, to) in [
        (&light, "Mei Chen", "Mei Chen-Ali"),
        (&dark, "Mei Chen-Ali", "Mei Ali"),
    ] {
        assert!(
            keeping
                .conflict_lines
                .iter()
                .any(|l| l.contains("Name") && l.contains(&format!("{from} → {to}"))),
            "the conflict dialog names the renamed field: {:?}",
            keeping.conflict_lines
        );
        assert!(
            keeping
                .notice
                .contains(&format!("Your change to {from} wasn’t saved")),
            "Keep editing says the change wasn't saved: {}",
            keeping.notice
        );
        assert_eq!(keeping.title, to, "the profile shows what's saved now");
        assert_eq!(keeping.server["name"], to);
        assert_eq!(
            keeping.server["grants"],
            json!([]),
            "the refused grant was not saved"
        );
    }
    // Every page, sheet and dialog, in both themes.
    assert_eq!(shots.len(), 2 * 14, "{shots:?}");
    assert_screenshots(&shots);
}
