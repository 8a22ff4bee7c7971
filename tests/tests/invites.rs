//! Inviting people in the real window, signed in to a separately started `switchboard-server` seeded with
//! the demo team; what the app sent is read back through the server's own API. Two tests, one app window
//! at a time:
//!
//! - online: Invite People → Review invitation → Send invitation for two people with a role, a shared
//!   number and a group, the onboarding link offered; one invitation given another number in its sheet,
//!   then accepted (with the token from its email) — the member it becomes holds the role, both numbers
//!   and the group; the other revoked;
//! - offline: the server stopped, three people invited — queued, the banner and the sidebar say so, the
//!   app quit and started again still holds them; the server back, each is delivered exactly once and the
//!   banner goes.

use std::time::Duration;

use switchboard_api::invitations::InvitationStatus;
use switchboard_api::roles::Role;
use switchboard_e2e::fantoccini::Client;
use switchboard_e2e::ui::*;
use switchboard_e2e::{Signed, enabled, eventually, eventually_within, wait_for};

const DIALOG: &str = "//*[@data-testid='invite-dialog']";
const SHEET: &str = "//*[@data-testid='invitation-sheet']";
const REVOKE_DIALOG: &str = "//*[@data-testid='revoke-dialog']";
const ONBOARDING_URL: &str = "https://training.example.com/playlists/new-starters";

/// Members → Invite People (the top bar's button): the dialog opens on its first step.
async fn open_invite_people(client: &Client) {
    go_to(client, "Members").await;
    click_xpath(client, "//header//button[normalize-space(.)='Invite People']").await;
    find_xpath(client, &format!("{DIALOG}//input")).await;
}

/// Types the addresses into the first step and goes on to Review invitation; returns once the review
/// has said how many are ready.
async fn review(client: &Client, addresses: &[&str]) -> String {
    type_into(client, DIALOG, "Email addresses", &addresses.join(", ")).await;
    click_xpath(
        client,
        &format!("{DIALOG}//button[normalize-space(.)='Review invitation']"),
    )
    .await;
    review_summary(client).await
}

fn send_title(client: &Client) -> impl std::future::Future<Output = Option<String>> + '_ {
    text_at(client, "//*[@data-testid='send-title']")
}

/// The Invitations tab, searched for `q`; the rows' text.
async fn invitation_rows(client: &Client, q: &str) -> Vec<String> {
    let rows = client
        .find_all(switchboard_e2e::fantoccini::Locator::XPath(&format!(
            "//*[@data-testid='invitation-row'][contains(., '{q}')]"
        )))
        .await
        .unwrap_or_default();
    let mut texts = Vec::new();
    for row in rows {
        texts.push(text_content(&row).await);
    }
    texts
}

async fn show_invitations(client: &Client, q: &str) {
    go_to(client, "Members").await;
    tab(client, "Invitations").await;
    search(client, "Search invitations", q).await;
}

/// Opens the sheet of the invitation to `email` from the Invitations tab and waits until it can make
/// changes.
async fn open_invitation(client: &Client, email: &str) {
    show_invitations(client, email).await;
    click_xpath(
        client,
        &format!("//*[@data-testid='invitation-row'][contains(., '{email}')]"),
    )
    .await;
    eventually(&format!("the sheet of {email}, ready"), || async {
        let title = text_at(client, &format!("{SHEET}//h2")).await?;
        let role = client
            .find(switchboard_e2e::fantoccini::Locator::XPath(&format!(
                "{SHEET}//select[@aria-label='Role']"
            )))
            .await
            .ok()?;
        (title == email && role.is_enabled().await.ok()?).then_some(())
    })
    .await;
}

#[tokio::test]
async fn an_admin_invites_two_people_edits_one_invitation_sees_it_accepted_and_revokes_the_other() {
    if !enabled("an_admin_invites_two_people_edits_one_invitation_sees_it_accepted_and_revokes_the_other") {
        return;
    }
    let ana = "ana.kowalski@harbour.example";
    let ben = "ben.okafor@harbour.example";
    let signed = Signed::start().await;
    let Signed {
        api, client, server, ..
    } = &signed;
    let mut shots = Vec::new();

    open_invite_people(client).await;
    choose(client, "Role", "Admin").await;
    pick(client, "Add number", "US toll", "US toll-free").await;
    pick(client, "Add to group", "Support", "Support").await;
    shots.extend(shots_in_both_themes(client, "invite-who").await);
    let review_summary = review(client, &[ana, ben]).await;
    shots.extend(shots_in_both_themes(client, "invite-review").await);
    click_xpath(
        client,
        &format!("{DIALOG}//button[normalize-space(.)='Send invitation']"),
    )
    .await;
    let sent_title = eventually("both invitations sent", || async {
        let title = send_title(client).await?;
        title.contains("sent").then_some(title)
    })
    .await;
    let onboarding = text_at(client, "//*[@data-testid='onboarding-link']")
        .await
        .unwrap_or_default();
    shots.extend(shots_in_both_themes(client, "invite-sent").await);
    answer(client, DIALOG, "Done").await;

    // Both listed as Pending; Ana's is given a number from reserve in her sheet.
    show_invitations(client, "harbour.example").await;
    let listed = eventually("both invitations listed as pending", || async {
        let mut rows = invitation_rows(client, ana).await;
        rows.extend(invitation_rows(client, ben).await);
        (rows.len() == 2 && rows.iter().all(|row| row.contains("Pending"))).then_some(rows)
    })
    .await;
    shots.extend(shots_in_both_themes(client, "invitations-after-invite").await);
    open_invitation(client, ana).await;
    pick(client, "Assign number", "Paris", "Paris").await;
    eventually("Paris given to Ana’s invitation on the server", || async {
        let invitation = api.invitations(ana).await.into_iter().next()?;
        invitation
            .numbers
            .iter()
            .any(|number| number.label == "Paris")
            .then_some(())
    })
    .await;
    shots.extend(shots_in_both_themes(client, "invitation-sheet").await);
    close_sheet(client, SHEET).await;

    // Ben's is revoked, with a confirmation.
    open_invitation(client, ben).await;
    click_xpath(
        client,
        &format!("{SHEET}//*[@data-testid='invitation-link']//button[normalize-space(.)='Revoke']"),
    )
    .await;
    find_xpath(client, REVOKE_DIALOG).await;
    shots.extend(shots_in_both_themes(client, "revoke-dialog").await);
    answer(client, REVOKE_DIALOG, "Revoke").await;
    close_sheet(client, SHEET).await;
    show_invitations(client, ben).await;
    let revoked_row = eventually("Ben's invitation listed as revoked", || async {
        let rows = invitation_rows(client, ben).await;
        rows.iter().any(|row| row.contains("Revoked")).then_some(rows)
    })
    .await;

    // Ana accepts with the link from her email: the member she becomes holds what was set.
    api.accept(&server.accept_token(ana).await, "Ana Kowalski").await;
    go_to(client, "Members").await;
    tab(client, "Members").await;
    search(client, "Search members", "Ana Kowalski").await;
    wait_for(client, "[data-testid=member-row]").await;
    shots.extend(shots_in_both_themes(client, "members-after-accepting").await);

    let ana_member = api.member("Ana Kowalski").await.value;
    let ana_invitation = api.invitations(ana).await;
    let ben_invitation = api.invitations(ben).await;
    signed.close().await;

    assert!(review_summary.starts_with("2 ready"), "{review_summary}");
    assert_eq!(sent_title, "2 invitations sent");
    assert_eq!(onboarding, ONBOARDING_URL);
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(
        revoked_row.iter().all(|row| row.contains("Revoked")),
        "{revoked_row:?}"
    );
    assert_eq!(ana_member.email, ana);
    assert_eq!(ana_member.role, Role::Admin);
    let mut numbers: Vec<_> = ana_member.numbers.iter().map(|n| n.label.as_str()).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, ["Paris", "US toll-free"]);
    let groups: Vec<_> = ana_member.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(groups, ["Support"]);
    assert_eq!(ana_invitation.len(), 1, "one invitation to Ana");
    assert_eq!(ana_invitation[0].status, InvitationStatus::Accepted);
    assert_eq!(ben_invitation.len(), 1, "one invitation to Ben");
    assert_eq!(ben_invitation[0].status, InvitationStatus::Revoked);
    assert!(
        ben_invitation[0].numbers.is_empty(),
        "a revoked invitation's numbers go back to reserve"
    );
    assert_screenshots(&shots);
}

const OFFLINE_BANNER: &str = "//*[contains(@class,'banner-warning')]";
const SIDEBAR_STATE: &str = "//*[contains(@class,'connection')][@role='status']";

#[tokio::test]
async fn invites_made_offline_survive_a_restart_and_are_delivered_once_when_the_server_is_back() {
    if !enabled("invites_made_offline_survive_a_restart_and_are_delivered_once_when_the_server_is_back") {
        return;
    }
    let people = [
        "chidi.eze@harbour.example",
        "dana.levi@harbour.example",
        "emil.berg@harbour.example",
    ];
    let mut signed = Signed::start().await;
    let mut shots = Vec::new();
    signed.server.stop();
    let client = &signed.client;

    open_invite_people(client).await;
    review(client, &people).await;
    let review_note = eventually("the note that the server couldn't check them", || async {
        text_at(client, "//*[@data-testid='review-unchecked']").await
    })
    .await;
    shots.extend(shots_in_both_themes(client, "invite-review-offline").await);
    click_xpath(
        client,
        &format!("{DIALOG}//button[normalize-space(.)='Send invitation']"),
    )
    .await;
    let send_title = eventually("the invitations queued", || async {
        let title = send_title(client).await?;
        title.starts_with("Queued").then_some(title)
    })
    .await;
    shots.extend(shots_in_both_themes(client, "invite-queued").await);
    answer(client, DIALOG, "Done").await;

    show_invitations(client, "harbour.example").await;
    let queued_rows = eventually("three queued rows", || async {
        let rows = invitation_rows(client, "harbour.example").await;
        let queued: Vec<_> = rows.into_iter().filter(|r| r.contains("Queued")).collect();
        (queued.len() == 3).then_some(queued)
    })
    .await;
    let banner = eventually("the offline banner", || async {
        let text = text_at(client, OFFLINE_BANNER).await?;
        text.contains("3 invites queued").then_some(text)
    })
    .await;
    let sidebar = text_at(client, SIDEBAR_STATE).await.unwrap_or_default();
    shots.extend(shots_in_both_themes(client, "invitations-queued").await);

    // Quit and start again, the server still away: the outbox on disk still holds all three.
    signed = signed.relaunch().await;
    let client = &signed.client;
    show_invitations(client, "harbour.example").await;
    let after_relaunch = eventually("three queued rows after a restart", || async {
        let rows = invitation_rows(client, "harbour.example").await;
        let queued: Vec<_> = rows.into_iter().filter(|r| r.contains("Queued")).collect();
        (queued.len() == 3).then_some(queued)
    })
    .await;

    // The server comes back: the sender's probe finds it (its back-off is at most 30 s) and sends them.
    signed.server.restart();
    let api = &signed.api;
    eventually_within(Duration::from_secs(75), "all three on the server", || async {
        for email in people {
            if api.invitations(email).await.is_empty() {
                return None;
            }
        }
        Some(())
    })
    .await;
    eventually("the banner to go", || async {
        (!present(client, OFFLINE_BANNER).await).then_some(())
    })
    .await;
    eventually("the rows to say Pending", || async {
        let mut rows = Vec::new();
        for email in people {
            rows.extend(invitation_rows(client, email).await);
        }
        (rows.len() == 3 && rows.iter().all(|r| r.contains("Pending"))).then_some(())
    })
    .await;
    shots.extend(shots_in_both_themes(client, "invitations-delivered").await);
    // A moment more, for a second send to show itself if there were one.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut statuses = Vec::new();
    for email in people {
        let found = api.invitations(email).await;
        let status = found
            .first()
            .map(|i| i.status)
            .unwrap_or(InvitationStatus::Revoked);
        statuses.push((email.to_owned(), found.len(), status));
    }
    signed.close().await;

    assert!(review_note.contains("Will be checked when sent"), "{review_note}");
    assert!(
        send_title.starts_with("Queued — will be sent when you’re back online"),
        "{send_title}"
    );
    assert_eq!(queued_rows.len(), 3, "{queued_rows:?}");
    assert_eq!(
        banner,
        "3 invites queued — they will be sent when you’re back online."
    );
    assert_eq!(sidebar, "Offline · 3 queued");
    assert_eq!(after_relaunch.len(), 3, "{after_relaunch:?}");
    for (email, count, status) in statuses {
        assert_eq!(count, 1, "{email} invited exactly once");
        assert_eq!(status, InvitationStatus::Pending, "{email}");
    }
    assert_screenshots(&shots);
}
