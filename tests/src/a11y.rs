//! Accessibility in the real window: axe-core run inside the WebKit page (with real layout, so colour
//! contrast is checked too), text that a box clips, and the keyboard alone — key presses sent to
//! whatever has the focus, the way a person without a mouse works.

use serde_json::{Value, json};

use crate::fantoccini::Client;
use crate::fantoccini::elements::Element;
use crate::fantoccini::key::Key;
use crate::{eventually, settle, workspace_root};

/// axe-core as the UI's dev dependencies built it. WebDriver runs scripts outside the page's CSP, so
/// the app's policy stays as strict as it ships.
fn axe_source() -> String {
    let path = workspace_root().join("ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (run npm ci in ui/)", path.display()))
}

/// Every serious or critical violation axe finds in the window as it is now, one line each, led by
/// `what` (e.g. "member sheet (dark)"). Every rule runs, colour contrast included.
pub async fn axe(client: &Client, what: &str) -> Vec<String> {
    let loaded = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .expect("ask whether axe is loaded");
    if loaded != json!(true) {
        client
            .execute(&axe_source(), vec![])
            .await
            .expect("load axe-core into the page");
    }
    let script = r#"
        const done = arguments[arguments.length - 1];
        window.axe
          .run(document, { resultTypes: ['violations'] })
          .then((results) => done(results.violations
            .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
            .map((violation) => ({
              id: violation.id,
              impact: violation.impact,
              help: violation.help,
              nodes: violation.nodes.map((node) => ({
                target: node.target.join(' '),
                why: [...node.any, ...node.all, ...node.none].map((check) => check.message).join('; '),
              })),
            }))))
          .catch((error) => done({ error: String(error) }));
    "#;
    let found = client
        .execute_async(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("run axe on {what}: {e}"));
    if let Some(error) = found.get("error") {
        panic!("axe failed on {what}: {error}");
    }
    describe(what, &found)
}

fn describe(what: &str, violations: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    for violation in violations.as_array().into_iter().flatten() {
        for node in violation["nodes"].as_array().into_iter().flatten() {
            lines.push(format!(
                "{what}: {} ({}) {} — {}: {}",
                violation["id"].as_str().unwrap_or("?"),
                violation["impact"].as_str().unwrap_or("?"),
                violation["help"].as_str().unwrap_or(""),
                node["target"].as_str().unwrap_or("?"),
                node["why"].as_str().unwrap_or(""),
            ));
        }
    }
    lines
}

/// Puts `theme` ("light" or "dark") on the page, as Settings → Appearance would, without leaving what is
/// open (a sheet, a dialog); returns the theme it wore before.
pub async fn wear_theme(client: &Client, theme: &str) -> String {
    let worn = client
        .execute(
            "const worn = document.documentElement.dataset.theme; \
             document.documentElement.dataset.theme = arguments[0]; return worn;",
            vec![json!(theme)],
        )
        .await
        .expect("put the theme on the page");
    worn.as_str().unwrap_or("light").to_owned()
}

/// [`axe`] in the light and then the dark theme, each once the window has settled in it.
pub async fn axe_in_both_themes(client: &Client, what: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut worn = None;
    for theme in ["light", "dark"] {
        let before = wear_theme(client, theme).await;
        worn.get_or_insert(before);
        settle(client, what).await;
        found.extend(axe(client, &format!("{what} ({theme})")).await);
    }
    wear_theme(client, worn.as_deref().unwrap_or("light")).await;
    found
}

/// Text the window cuts off: every visible element with text of its own whose text reaches past an
/// ancestor (or itself) that hides overflow — a box too small for its words. Text that a scroll area
/// holds is reachable and not counted; an ellipsis counts, since the rest of the words are gone.
pub async fn clipped_text(client: &Client, what: &str) -> Vec<String> {
    let script = r#"
        const hides = (overflow) => ['hidden', 'clip'].includes(overflow);
        const scrolls = (overflow) => ['auto', 'scroll'].includes(overflow);
        const name = (element) =>
          element.tagName.toLowerCase() +
          (element.dataset.testid ? `[data-testid=${element.dataset.testid}]` : '') +
          (typeof element.className === 'string' && element.className !== '' ? `.${element.className.trim().split(/\s+/u).join('.')}` : '');
        const found = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
          if (node.textContent.trim() === '') continue;
          const owner = node.parentElement;
          if (owner === null || owner.closest('[aria-hidden="true"], .visually-hidden, script, style, noscript') !== null) continue;
          if (!owner.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          const measured = range.getBoundingClientRect();
          if (measured.width === 0 || measured.height === 0) continue;
          // Where the text is, per axis; a scroll area on the way up stands in for what it holds, since
          // scrolling brings the text into its view: from there on, the boxes around must show that view.
          let text = { left: measured.left, right: measured.right, top: measured.top, bottom: measured.bottom };
          for (let box = owner; box !== null && box !== document.documentElement; box = box.parentElement) {
            const style = getComputedStyle(box);
            if (!hides(style.overflowX) && !hides(style.overflowY) && !scrolls(style.overflowX) && !scrolls(style.overflowY)) continue;
            const edge = box.getBoundingClientRect();
            // The box's inside: its border box less the borders (and scroll bars, which are inside).
            const left = edge.left + box.clientLeft;
            const top = edge.top + box.clientTop;
            const right = left + box.clientWidth;
            const bottom = top + box.clientHeight;
            const tolerance = 1;
            const cut =
              (hides(style.overflowX) && (text.left < left - tolerance || text.right > right + tolerance)) ||
              (hides(style.overflowY) && (text.top < top - tolerance || text.bottom > bottom + tolerance));
            // A box of a pixel or less is the usual way to hide words for screen readers only (as
            // .visually-hidden does, and libraries do with their own styles): nothing meant to be seen.
            if (cut && edge.width <= 1 && edge.height <= 1) break;
            if (cut) {
              found.push(`“${node.textContent.trim().slice(0, 60)}” in ${name(owner)} cut by ${name(box)}`);
              break;
            }
            // The part in view, or the whole view when the text is scrolled out of it.
            const into = (from, to, low, high) =>
              from < high && to > low ? [Math.max(from, low), Math.min(to, high)] : [low, high];
            if (scrolls(style.overflowX)) [text.left, text.right] = into(text.left, text.right, left, right);
            if (scrolls(style.overflowY)) [text.top, text.bottom] = into(text.top, text.bottom, top, bottom);
          }
        }
        return [...new Set(found)];
    "#;
    let found = client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("look for clipped text on {what}: {e}"));
    found
        .as_array()
        .into_iter()
        .flatten()
        .map(|line| format!("{what}: {}", line.as_str().unwrap_or("?")))
        .collect()
}

/// The element that has the keyboard focus.
pub async fn focused(client: &Client) -> Element {
    client.active_element().await.expect("the focused element")
}

/// Sends `keys` (text, or [`Key`]s as chars) to whatever has the focus.
pub async fn press(client: &Client, keys: &str) {
    focused(client)
        .await
        .send_keys(keys)
        .await
        .unwrap_or_else(|e| panic!("press {keys:?}: {e}"));
}

pub fn key(key: Key) -> String {
    char::from(key).to_string()
}

/// Ctrl plus `letter` (e.g. the command palette's Ctrl+K), released again.
pub fn ctrl(letter: char) -> String {
    format!("{}{letter}{}", char::from(Key::Control), char::from(Key::Null))
}

/// A short description of the focused element, for failure messages.
pub async fn describe_focus(client: &Client) -> String {
    let element = focused(client).await;
    element
        .html(false)
        .await
        .map(|html| html.chars().take(200).collect())
        .unwrap_or_default()
}

/// Presses Tab (or Shift+Tab with `backwards`) until an element that `xpath` finds has the focus, at most
/// `limit` times; panics naming what had the focus when none ever does.
pub async fn tab_to(client: &Client, xpath: &str, limit: usize, backwards: bool) {
    crate::ui::find_xpath(client, xpath).await;
    let step = if backwards {
        format!(
            "{}{}{}",
            char::from(Key::Shift),
            char::from(Key::Tab),
            char::from(Key::Null)
        )
    } else {
        key(Key::Tab)
    };
    for _ in 0..=limit {
        let targets = client
            .find_all(crate::fantoccini::Locator::XPath(xpath))
            .await
            .unwrap_or_default();
        let now = focused(client).await.element_id();
        if targets.iter().any(|target| target.element_id() == now) {
            return;
        }
        press(client, &step).await;
    }
    panic!(
        "{xpath} never had the focus after {limit} presses of Tab; the focus is on {}",
        describe_focus(client).await
    );
}

/// Waits until the element at `xpath` has the focus (focus moved by the app, e.g. into a dialog).
pub async fn focus_is_on(client: &Client, xpath: &str) {
    eventually(&format!("the focus on {xpath}"), || async {
        let target = client.find(crate::fantoccini::Locator::XPath(xpath)).await.ok()?;
        (focused(client).await.element_id() == target.element_id()).then_some(())
    })
    .await;
}

/// Whether the focused element shows a focus ring: an outline or a box shadow while focused.
pub async fn focus_ring_shows(client: &Client) -> bool {
    let focused = focused(client).await;
    let shows = client
        .execute(
            "const style = getComputedStyle(arguments[0]); \
             return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';",
            vec![serde_json::to_value(&focused).expect("element as JSON")],
        )
        .await
        .expect("read the focus ring");
    shows == json!(true)
}

/// Chooses `option` in the radio group labelled `group` with the keyboard: Tab into the group (its chosen
/// radio takes the focus), then → until `option` is chosen.
pub async fn choose_by_keyboard(client: &Client, group: &str, option: &str, limit: usize) {
    tab_to(client, &crate::ui::radio_in(group, ""), limit, false).await;
    let wanted = crate::ui::radio_in(group, &format!("[normalize-space(.)='{option}']"));
    for _ in 0..8 {
        let radio = crate::ui::find_xpath(client, &wanted).await;
        if radio.attr("aria-checked").await.ok().flatten().as_deref() == Some("true") {
            return;
        }
        press(client, &key(Key::Right)).await;
    }
    panic!("{group}: → never chose {option}");
}

/// Activates the element at `xpath` as a click would, from inside the page. For a zoomed window (Text
/// size above 100 %), where WebKitWebDriver's pointer clicks land where the element would be unzoomed.
pub async fn activate(client: &Client, xpath: &str) {
    eventually(&format!("activating {xpath}"), || async {
        let element = client.find(crate::fantoccini::Locator::XPath(xpath)).await.ok()?;
        if element.attr("disabled").await.ok()?.is_some() {
            return None;
        }
        client
            .execute(
                // Focus too: a Radix tab is chosen as it takes the focus (or on a pointer down).
                "arguments[0].focus(); arguments[0].click();",
                vec![serde_json::to_value(&element).ok()?],
            )
            .await
            .ok()
    })
    .await;
}
