//! Provisioning from an identity provider, in the real app against the real server: the owner creates a
//! token on Configuration and reads its secret once; the identity provider (this test, over HTTP) lists
//! users on `/scim/v2` with it; the app shows the token's last use; after Revoke the server refuses it.

use switchboard_e2e::ui::{
    answer, assert_screenshots, click_xpath, find_xpath, go_to, present, shots_in_both_themes, text_at,
    type_into,
};
use switchboard_e2e::{Signed, enabled, eventually, wait_for};

const SECTION: &str = "//section[@aria-labelledby='config-provisioning']";
const DIALOG: &str = "//*[@data-testid='create-token-dialog']";
const TOKEN_ROW: &str = "//*[@data-testid='provisioning-token']";

/// The identity provider's first request of a sync: `GET /Users` with the token; the answer's status.
async fn scim_users(base_url: &str, token: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{}/Users", base_url.trim_end_matches('/')))
        .bearer_auth(token)
        .header("Accept", "application/scim+json")
        .send()
        .await
        .expect("the SCIM request")
        .status()
        .as_u16()
}

/// Scrolls the Provisioning section to the top of the page, so a screenshot shows it.
async fn show_section(client: &switchboard_e2e::fantoccini::Client) {
    client
        .execute(
            "document.getElementById('config-provisioning').scrollIntoView({block: 'start'});",
            vec![],
        )
        .await
        .expect("scroll to the section");
}

#[derive(Debug)]
struct Seen {
    base_url: String,
    secret: String,
    once: String,
    first_request: u16,
    listed: String,
    secret_shown_after: bool,
    after_reload: String,
    after_revoke_empty: bool,
    refused_request: u16,
}

#[tokio::test]
async fn an_owner_gives_the_identity_provider_a_token_sees_it_used_and_revokes_it() {
    if !enabled("an_owner_gives_the_identity_provider_a_token_sees_it_used_and_revokes_it") {
        return;
    }
    let signed = Signed::start().await;
    let client = &signed.client;
    let mut shots = Vec::new();

    // Gather everything first, close the window, then assert: a failed assertion must not orphan it.
    let seen = async {
        go_to(client, "Configuration").await;
        find_xpath(
            client,
            &format!("{SECTION}//*[@data-testid='provisioning-empty']"),
        )
        .await;
        let base_url = eventually("the SCIM base URL", || async {
            let value = wait_for(client, "[data-testid=scim-base-url]")
                .await
                .prop("value")
                .await
                .ok()??;
            (!value.is_empty()).then_some(value)
        })
        .await;
        show_section(client).await;
        shots.extend(shots_in_both_themes(client, "provisioning-empty").await);

        click_xpath(
            client,
            &format!("{SECTION}//button[normalize-space(.)='Create token']"),
        )
        .await;
        type_into(client, DIALOG, "Name", "Okta").await;
        click_xpath(
            client,
            &format!("{DIALOG}//button[normalize-space(.)='Create token']"),
        )
        .await;
        let secret = eventually("the new token's secret", || async {
            text_at(client, "//*[@data-testid='provisioning-secret']")
                .await
                .filter(|secret| !secret.is_empty())
        })
        .await;
        let once = text_at(client, "//*[@data-testid='provisioning-once']")
            .await
            .unwrap_or_default();
        shots.extend(shots_in_both_themes(client, "provisioning-token-created").await);

        // The identity provider starts its sync with the secret.
        let first_request = scim_users(&base_url, &secret).await;

        answer(client, DIALOG, "Done").await;
        let listed = eventually("the token in the list", || async {
            text_at(client, TOKEN_ROW)
                .await
                .filter(|row| row.contains("Okta"))
        })
        .await;
        let page_text = text_at(client, "//body").await.unwrap_or_default();
        let secret_shown_after = page_text.contains(&secret);

        // The page read again (as when an admin comes back to it) shows that the provider used it.
        client.refresh().await.expect("reload the window");
        wait_for(client, "[data-testid=app-frame]").await;
        go_to(client, "Configuration").await;
        let after_reload = eventually("the token's last use", || async {
            text_at(client, TOKEN_ROW)
                .await
                .filter(|row| row.contains("Last used"))
        })
        .await;
        show_section(client).await;
        shots.extend(shots_in_both_themes(client, "provisioning-section").await);

        click_xpath(client, "//button[@aria-label='Revoke Okta']").await;
        answer(client, "//*[@data-testid='revoke-token-dialog']", "Revoke token").await;
        let after_revoke_empty = eventually("the list without the token", || async {
            let empty = present(
                client,
                &format!("{SECTION}//*[@data-testid='provisioning-empty']"),
            )
            .await;
            empty.then_some(!present(client, TOKEN_ROW).await)
        })
        .await;
        let refused_request = scim_users(&base_url, &secret).await;

        Seen {
            base_url,
            secret,
            once,
            first_request,
            listed,
            secret_shown_after,
            after_reload,
            after_revoke_empty,
            refused_request,
        }
    }
    .await;
    let server_url = signed.server.url.clone();
    signed.close().await;

    assert_eq!(seen.base_url, format!("{server_url}/scim/v2"), "{seen:?}");
    assert!(seen.secret.len() >= 32, "{seen:?}");
    assert!(seen.once.contains("You won’t see this token again."), "{seen:?}");
    assert_eq!(seen.first_request, 200, "{seen:?}");
    assert!(seen.listed.contains("Never used"), "{seen:?}");
    assert!(!seen.secret_shown_after, "the secret stays on the page: {seen:?}");
    assert!(seen.after_reload.contains("Last used just now"), "{seen:?}");
    assert!(seen.after_revoke_empty, "{seen:?}");
    assert_eq!(seen.refused_request, 401, "{seen:?}");
    assert_screenshots(&shots);
}
