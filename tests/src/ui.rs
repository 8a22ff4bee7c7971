//! The window's side of the end-to-end tests: what an admin sees and clicks, found by labels, roles and
//! names (WebDriver XPath), and screenshots of it.

use serde_json::json;

use crate::a11y::wear_theme;
use crate::fantoccini::elements::Element;
use crate::fantoccini::{Client, Locator};
use crate::{eventually, settled_screenshot};

pub async fn find_xpath(client: &Client, xpath: &str) -> Element {
    client
        .wait()
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("element {xpath}: {e}"))
}

pub async fn present(client: &Client, xpath: &str) -> bool {
    client.find(Locator::XPath(xpath)).await.is_ok()
}

/// Clicks what `xpath` finds once it is there and enabled; again if the page re-rendered it meanwhile.
pub async fn click_xpath(client: &Client, xpath: &str) {
    eventually(&format!("a click on {xpath}"), || async {
        let element = client.find(Locator::XPath(xpath)).await.ok()?;
        if element.attr("disabled").await.ok()?.is_some() {
            return None;
        }
        element.click().await.ok()
    })
    .await;
}

pub async fn text_content(element: &Element) -> String {
    // textContent: WebKitWebDriver's rendered text leaves out text that may be ellipsised.
    element
        .prop("textContent")
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

pub async fn text_at(client: &Client, xpath: &str) -> Option<String> {
    let element = client.find(Locator::XPath(xpath)).await.ok()?;
    Some(text_content(&element).await)
}

/// Invite People's review step, once it has said how many addresses are ready: that sentence.
pub async fn review_summary(client: &Client) -> String {
    eventually("the review's count", || async {
        let summary = text_at(client, "//*[@data-testid='review-summary']").await?;
        summary.contains("ready").then_some(summary)
    })
    .await
}

/// Waits until the element at `xpath` is gone (a closed sheet or dialog).
pub async fn gone(client: &Client, xpath: &str) {
    eventually(&format!("{xpath} to close"), || async {
        (!present(client, xpath).await).then_some(())
    })
    .await;
}

/// The page title says `title`.
pub async fn on_page(client: &Client, title: &str) {
    eventually(&format!("the {title} page"), || async {
        let h1 = text_at(client, "//h1").await?;
        (h1 == title).then_some(())
    })
    .await;
}

/// Goes to a page in the sidebar. The Admin pages are listed only in the Admin area, which "Admin"
/// opens on Members.
pub async fn go_to(client: &Client, page: &str) {
    let item = format!("//nav[@aria-label='Main']//button[normalize-space(.)='{page}']");
    if !present(client, &item).await {
        click_xpath(
            client,
            "//nav[@aria-label='Main']//button[normalize-space(.)='Admin']",
        )
        .await;
        on_page(client, "Members").await;
    }
    click_xpath(client, &item).await;
    on_page(client, page).await;
}

pub async fn tab(client: &Client, name: &str) {
    click_xpath(client, &format!("//*[@role='tab'][normalize-space(.)='{name}']")).await;
    eventually(&format!("the {name} tab"), || async {
        let selected = text_at(client, "//*[@role='tab'][@aria-selected='true']").await?;
        (selected == name).then_some(())
    })
    .await;
}

/// Replaces the text of a list's search box (named e.g. "Search members").
pub async fn search(client: &Client, label: &str, text: &str) {
    let input = find_xpath(
        client,
        &format!("//label[.//span[normalize-space(.)='{label}']]//input"),
    )
    .await;
    input.clear().await.expect("clear the search");
    input.send_keys(text).await.expect("type the search");
}

/// Types into the field labelled `label` (an input or a textarea) inside `scope` (an XPath).
pub async fn type_into(client: &Client, scope: &str, label: &str, text: &str) {
    find_xpath(
        client,
        &format!("{scope}//*[self::input or self::textarea][@id=//label[normalize-space(.)='{label}']/@for]"),
    )
    .await
    .send_keys(text)
    .await
    .unwrap_or_else(|e| panic!("type into {label}: {e}"));
}

/// Opens the picker button `label` ("Assign number", "Add people"), types `query` into its search and
/// picks the enabled option that mentions `option`.
pub async fn pick(client: &Client, label: &str, query: &str, option: &str) {
    click_xpath(client, &format!("//button[normalize-space(.)='{label}']")).await;
    find_xpath(
        client,
        &format!("//input[@role='combobox'][@aria-labelledby=//label[normalize-space(.)='{label}']/@id]"),
    )
    .await
    .send_keys(query)
    .await
    .expect("type into the picker");
    // A picker that searches the server lists everyone until the answer comes: wait for it, so the click
    // lands on the option near the top rather than on one the list is still moving.
    let option = format!(
        "//*[@role='option'][not(@aria-disabled='true')][contains(normalize-space(.), \"{option}\")]"
    );
    eventually(&format!("{label}: the option {option}"), || async {
        let searching = present(
            client,
            "//*[contains(@class,'picker')]//*[@aria-label='Searching']",
        )
        .await;
        (!searching && present(client, &option).await).then_some(())
    })
    .await;
    click_xpath(client, &option).await;
}

pub fn switch_labelled(label: &str) -> String {
    format!("//button[@role='switch'][@id=//label[normalize-space(.)='{label}']/@for]")
}

/// Presses `button` in the dialog at `dialog` and waits for the dialog to close.
pub async fn answer(client: &Client, dialog: &str, button: &str) {
    click_xpath(
        client,
        &format!("{dialog}//button[normalize-space(.)='{button}']"),
    )
    .await;
    gone(client, dialog).await;
}

pub async fn close_sheet(client: &Client, sheet: &str) {
    click_xpath(client, &format!("{sheet}//button[@aria-label='Close']")).await;
    gone(client, sheet).await;
}

/// Whether the switch labelled `label` is on (`aria-checked`) and can be pressed; `None` while it is
/// being saved.
pub async fn switch_state(client: &Client, label: &str) -> Option<(bool, bool)> {
    let switch = client.find(Locator::XPath(&switch_labelled(label))).await.ok()?;
    if switch.attr("aria-busy").await.ok()?.is_some() {
        return None;
    }
    let on = switch.attr("aria-checked").await.ok()?? == "true";
    let enabled = switch.attr("disabled").await.ok()?.is_none();
    Some((on, enabled))
}

/// The radio buttons of the radio group labelled `group` that match the XPath predicate `which`
/// (e.g. `[@aria-checked='true']`).
pub fn radio_in(group: &str, which: &str) -> String {
    format!(
        "//*[@role='radiogroup'][@aria-labelledby=//*[@id][normalize-space(.)='{group}']/@id or @aria-label='{group}']\
         //button[@role='radio']{which}"
    )
}

/// Picks `option` of the segmented control (a radio group) labelled `group`.
pub async fn choose(client: &Client, group: &str, option: &str) {
    let radio = radio_in(group, &format!("[normalize-space(.)='{option}']"));
    click_xpath(client, &radio).await;
    eventually(&format!("{group}: {option} to be chosen"), || async {
        let chosen = client.find(Locator::XPath(&radio)).await.ok()?;
        (chosen.attr("aria-checked").await.ok()?? == "true").then_some(())
    })
    .await;
}

pub async fn count_of(client: &Client, xpath: &str) -> usize {
    client
        .find_all(Locator::XPath(xpath))
        .await
        .map(|found| found.len())
        .unwrap_or(0)
}

/// Settings → Appearance → `theme` ("Light", "Dark"); waits until the window wears it.
pub async fn choose_theme(client: &Client, theme: &str) {
    go_to(client, "Settings").await;
    tab(client, "Appearance").await;
    click_xpath(client, &format!("//*[@role='radio'][@aria-label='{theme}']")).await;
    let wanted = theme.to_lowercase();
    eventually(&format!("the {theme} theme"), || async {
        let worn = client
            .execute("return document.documentElement.dataset.theme;", vec![])
            .await
            .ok()?;
        (worn == json!(wanted)).then_some(())
    })
    .await;
}

/// A screenshot once the window has settled, with the open sheet (if any) scrolled back to its top so
/// its header shows.
pub async fn shot(client: &Client, name: &str) -> std::path::PathBuf {
    client
        .execute(
            "for (const sheet of document.querySelectorAll('.sheet')) sheet.scrollTop = 0;",
            vec![],
        )
        .await
        .expect("scroll the sheet to its top");
    settled_screenshot(client, name).await
}

/// [`shot`] in the light and then the dark theme, as `<name>-light` and `<name>-dark`. The theme is put
/// on the page for the moment of the pictures and taken off again, so an open dialog or sheet stays open
/// between them (choosing it in Settings is [`choose_theme`]'s, and the team tour's to show).
pub async fn shots_in_both_themes(client: &Client, name: &str) -> [std::path::PathBuf; 2] {
    let worn = wear_theme(client, "light").await;
    let light = shot(client, &format!("{name}-light")).await;
    wear_theme(client, "dark").await;
    let dark = shot(client, &format!("{name}-dark")).await;
    wear_theme(client, &worn).await;
    [light, dark]
}

pub fn assert_screenshots(shots: &[std::path::PathBuf]) {
    for shot in shots {
        assert!(
            std::fs::metadata(shot).map(|m| m.len() > 10_000).unwrap_or(false),
            "screenshot {shot:?}"
        );
    }
}
