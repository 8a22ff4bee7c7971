//! The Members list at scale, in the real app window: how long from a click or a keystroke until the rows
//! it asks for are painted. A benchmark, not a test: it prints figures and asserts nothing about speed; it
//! fails (non-zero exit) only when the app does not reach the expected state at all.
//!
//! `scripts/bench-ui.sh` seeds and starts the server, builds the app and runs this under the private
//! desktop session (`scripts/with-desktop-session.sh`); by hand:
//!
//!   SWITCHBOARD_BENCH_URL=http://127.0.0.1:PORT SWITCHBOARD_BENCH_EMAIL=… SWITCHBOARD_BENCH_PASSWORD=… \
//!     scripts/with-desktop-session.sh cargo bench -p switchboard-e2e --bench members_list -- --runs 5
//!
//! It signs in to that server once, then for every run launches the app afresh (so no list is cached) on
//! Home and measures, from the DOM event of a real WebDriver click or keystroke to the first frame painted
//! after the rows appeared:
//!   1. Admin in the sidebar (Home's way to Members) → the page with its skeleton rows, and → the first
//!      member rows;
//!   2. a keystroke in the search box of the loaded list → the rows already loaded filtered to the query,
//!      and → the server's matches (after the 100 ms debounce) with their count;
//!   3. a click on the Name column header (ascending → descending) → the server's first rows of the new
//!      order;
//!   4. back to Home and Admin again → the first rows, now from the cached list;
//!
//! and, to tell the data's part from the rendering's, the round trip of the list's first read alone.
//!
//! The clock is the page's own (`performance.now()`): the start is the `click`/`keydown` event's
//! `timeStamp`, the end is taken in a task queued from the `requestAnimationFrame` that follows the DOM
//! change (a MutationObserver sees it), i.e. after that frame was rendered. WebDriver's round trips are
//! outside both ends.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Value, json};
use switchboard_e2e::bench::{max, median};
use switchboard_e2e::fantoccini::{Client, Locator};
use switchboard_e2e::{AppHome, Driver, app_binary, eventually, invoke_with, screenshot, wait_for};

/// Arms one measurement: listens for the first `startEvent` (capture phase, before the app's handlers)
/// and from then on watches the DOM until every mark's condition has held, noting for each the end of the
/// first frame rendered after it did. `window.__bench` holds the state for [`COLLECT`].
const ARM: &str = r#"
const [startEvent, marks, timeoutMs] = arguments;
if (window.__bench) window.__bench.stop();
const rows = () => Array.from(document.querySelectorAll('[data-testid="member-row"]'))
  .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
// The name (0) or email (1) cell's text, without the avatar's initials.
const cell = (row, index) => {
  const gridcell = row.querySelectorAll('[role="gridcell"]')[index];
  const text = gridcell && (gridcell.querySelector('.cell-text') || gridcell);
  return text ? text.textContent.trim() : '';
};
const countText = () => (document.querySelector('[data-testid="member-count"]') || {}).textContent || '';
const holds = (mark) => {
  const shown = rows();
  switch (mark.kind) {
    case 'grid':
      return document.querySelector('[role="grid"][aria-label="Members"]') !== null;
    case 'rows':
      return shown.length > 0;
    case 'filtered':
      return shown.length > 0 &&
        shown.every((row) => `${cell(row, 0)} ${cell(row, 1)}`.toLowerCase().includes(mark.q));
    case 'page':
      if (shown.length < mark.emails.length) return false;
      if (!mark.emails.every((email, i) => cell(shown[i], 1) === email)) return false;
      if (mark.total === null) return true;
      return !countText().includes('Searching') && countText().replace(/\D/g, '') === String(mark.total);
    default:
      throw new Error(`unknown mark ${mark.kind}`);
  }
};
const state = {
  armedAt: performance.now(), start: null, source: null, done: false, timedOut: false, error: null,
  seen: {}, painted: {}, report: null,
};
const finish = () => {
  if (state.done) return;
  state.done = true;
  state.stop();
  if (state.report) state.report();
};
const check = () => {
  if (state.start === null || state.done) return;
  try {
    for (const mark of marks) {
      if (state.seen[mark.name] !== undefined || !holds(mark)) continue;
      state.seen[mark.name] = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          state.painted[mark.name] = performance.now();
          if (marks.every((m) => state.painted[m.name] !== undefined)) finish();
        };
        channel.port2.postMessage(null);
      });
    }
  } catch (error) {
    state.error = String(error);
    finish();
  }
};
const onStart = (event) => {
  if (state.start !== null) return;
  const now = performance.now();
  // The event's own time when the engine gives it on the performance clock; else when it reached us.
  const sane = event.timeStamp >= state.armedAt && event.timeStamp <= now;
  state.start = sane ? event.timeStamp : now;
  state.source = sane ? 'event.timeStamp' : 'listener';
};
const observer = new MutationObserver(check);
observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
document.addEventListener(startEvent, onStart, true);
const timer = setTimeout(() => { state.timedOut = true; finish(); }, timeoutMs);
state.stop = () => {
  observer.disconnect();
  document.removeEventListener(startEvent, onStart, true);
  clearTimeout(timer);
};
window.__bench = state;
"#;

/// Waits for the armed measurement to end and returns what it saw.
const COLLECT: &str = r#"
const done = arguments[arguments.length - 1];
const state = window.__bench;
if (!state) { done({ error: 'not armed' }); return; }
const report = () => done({
  start: state.start, source: state.source, seen: state.seen, painted: state.painted,
  timedOut: state.timedOut, error: state.error,
});
if (state.done) report(); else state.report = report;
"#;

/// The rows the list reads at first (`MEMBERS_PAGE_SIZE` in ui/src/data/members.ts).
const FIRST_WINDOW: u32 = 100;

/// How long a measurement may wait for its marks before it counts as a failure.
const MARK_TIMEOUT_MS: u64 = 20_000;

struct Options {
    url: String,
    email: String,
    password: String,
    runs: usize,
    query: String,
}

fn options() -> Options {
    let env = |key: &str| {
        std::env::var(key).unwrap_or_else(|_| {
            eprintln!(
                "members_list: {key} is not set. Run this benchmark with scripts/bench-ui.sh, which starts \
                 a seeded server and the desktop session it needs."
            );
            std::process::exit(2);
        })
    };
    let mut options = Options {
        url: env("SWITCHBOARD_BENCH_URL"),
        email: env("SWITCHBOARD_BENCH_EMAIL"),
        password: env("SWITCHBOARD_BENCH_PASSWORD"),
        runs: 5,
        query: "v".into(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => options.runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--query" => options.query = args.next().expect("--query TEXT").to_lowercase(),
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            other => panic!("members_list: unknown argument {other}"),
        }
    }
    assert!(options.runs > 0, "--runs must be at least 1");
    assert!(
        options.query.chars().count() == 1,
        "--query is one keystroke: one character"
    );
    options
}

async fn click_xpath(client: &Client, xpath: &str) {
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("element {xpath}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {xpath}: {e}"));
}

const ADMIN: &str = "//nav[@aria-label='Main']//button[normalize-space(.)='Admin']";
const HOME: &str = "//nav[@aria-label='Main']//button[normalize-space(.)='Home']";
const NAME_HEADER: &str = "//*[@role='columnheader']//button[normalize-space(.)='Name']";
const SEARCH: &str = "[role=search][aria-label=Members] input[type=search]";

async fn page_title(client: &Client) -> Option<String> {
    let title = client
        .find(Locator::Css("h1"))
        .await
        .ok()?
        .prop("textContent")
        .await
        .ok()??;
    Some(title.trim().to_owned())
}

/// Waits until the page shows `title` and then for a moment of quiet, so that a measurement starts with
/// nothing else in flight (the app's start-up reads, a list's background refetch).
async fn settle_on(client: &Client, title: &str) {
    eventually(&format!("the {title} page"), || async {
        (page_title(client).await.as_deref() == Some(title)).then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_millis(750)).await;
}

/// The text of the member count and the emails of the member rows in view, in row order.
async fn list_state(client: &Client) -> (String, Vec<String>) {
    let state = client
        .execute(
            r#"
            const rows = Array.from(document.querySelectorAll('[data-testid="member-row"]'))
              .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
            const email = (row) => {
              const cell = row.querySelectorAll('[role="gridcell"]')[1];
              return cell ? cell.textContent.trim() : '';
            };
            const count = document.querySelector('[data-testid="member-count"]');
            return [count ? count.textContent : '', rows.map(email)];
            "#,
            vec![],
        )
        .await
        .expect("read the list");
    let count = state[0].as_str().unwrap_or_default().to_owned();
    let emails = state[1]
        .as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|e| e.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    (count, emails)
}

/// Waits until the whole team's first window is shown: `total` in the count and the rows of `first`.
async fn settle_on_list(client: &Client, total: u64, first: &[String]) {
    eventually("the full member list", || async {
        let (count, emails) = list_state(client).await;
        let digits: String = count.chars().filter(char::is_ascii_digit).collect();
        (digits == total.to_string() && count.contains("member") && emails.starts_with(first)).then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_millis(750)).await;
}

/// The first `limit` members the server lists for a query in name order, as (name, email), and how many
/// match in all: read through the app's own command, as the list reads them.
async fn server_page(
    client: &Client,
    q: Option<&str>,
    order: &str,
    limit: u32,
) -> (Vec<(String, String)>, u64) {
    let page = invoke_with(
        client,
        "list_members",
        json!({ "query": {
            "cursor": null, "limit": limit, "q": q, "role": null, "status": null, "group_id": null,
            "sort": "name", "order": order,
        }}),
    )
    .await;
    let members: Vec<(String, String)> = page["data"]
        .as_array()
        .expect("a page of members")
        .iter()
        .map(|m| {
            let text = |key: &str| m[key].as_str().expect("a name and an email").to_owned();
            (text("name"), text("email"))
        })
        .collect();
    let total = page["total"].as_u64().expect("the page's total");
    assert!(!members.is_empty(), "the server lists no members for {q:?}");
    (members, total)
}

fn emails(members: &[(String, String)]) -> Vec<String> {
    members.iter().map(|(_, email)| email.clone()).collect()
}

/// The steps measured, in the order of the table: (key, what the table calls it, target).
const STEPS: [(&str, &str, &str); 6] = [
    (
        "grid",
        "click Admin on Home → Members page painted, rows still loading (first visit)",
        "—",
    ),
    (
        "cold",
        "click Admin on Home → first member rows painted (first visit, nothing cached)",
        "≤ 200 ms",
    ),
    (
        "filtered",
        "keystroke in search → loaded rows filtered",
        "≤ 50 ms",
    ),
    (
        "answered",
        "keystroke in search → the server's matches and their count shown (100 ms debounce included)",
        "—",
    ),
    (
        "sorted",
        "click Name header (↑ → ↓) → rows re-sorted by the server",
        "—",
    ),
    (
        "cached",
        "click Admin on Home again → first member rows painted (list cached)",
        "≤ 200 ms",
    ),
];

/// One step's figures in one run, in ms from the start event: until the DOM held the expected rows (the
/// app's work: IPC, server, React), and until the frame showing them was painted (plus layout and paint).
#[derive(Clone, Copy)]
struct Timing {
    dom: f64,
    painted: f64,
}

#[derive(Default)]
struct Samples {
    steps: BTreeMap<&'static str, Vec<Timing>>,
    /// Round trips of the list's first read (`list_members`, 100 rows) from the page.
    reads: Vec<f64>,
    sources: Vec<String>,
}

/// One measurement: arms the page, performs `act` through WebDriver, and records each mark (a JSON array of
/// `{ name, kind, … }`, `name` being a key of [`STEPS`]).
async fn measure<F, Fut>(client: &Client, samples: &mut Samples, start_event: &str, marks: Value, act: F)
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let names: Vec<&'static str> = marks
        .as_array()
        .expect("marks")
        .iter()
        .map(|mark| {
            let name = mark["name"].as_str().expect("mark name");
            STEPS
                .iter()
                .map(|(key, _, _)| *key)
                .find(|key| *key == name)
                .unwrap_or_else(|| panic!("{name} is not a step"))
        })
        .collect();
    let what = names.join(", ");
    client
        .execute(
            ARM,
            vec![json!(start_event), marks.clone(), json!(MARK_TIMEOUT_MS)],
        )
        .await
        .unwrap_or_else(|e| panic!("{what}: arm the page: {e}"));
    act().await;
    let result = client
        .execute_async(COLLECT, vec![])
        .await
        .unwrap_or_else(|e| panic!("{what}: collect: {e}"));
    let Some(start) = result["start"].as_f64() else {
        panic!("{what}: the {start_event} never reached the page: {result}");
    };
    if result["timedOut"] == true || result["error"] != Value::Null {
        let shot = screenshot("bench-failed");
        panic!(
            "{what}: the app did not reach the expected state within {MARK_TIMEOUT_MS} ms: {result} (screen: {})",
            shot.display()
        );
    }
    for name in names {
        let at = |field: &str| result[field][name].as_f64().expect("a mark's times") - start;
        samples.steps.entry(name).or_default().push(Timing {
            dom: at("seen"),
            painted: at("painted"),
        });
    }
    samples
        .sources
        .push(result["source"].as_str().unwrap_or_default().to_owned());
}

/// Times the list's first read (the first 100 members by name, with their count) from the page, through
/// the same command the list uses: what IPC, the core, HTTP and the server cost together.
async fn time_reads(client: &Client, samples: &mut Samples, times: usize) {
    let result = client
        .execute_async(
            r#"
            const [times, done] = arguments;
            const query = { cursor: null, limit: 100, q: null, role: null, status: null, group_id: null,
                            sort: 'name', order: 'asc' };
            (async () => {
              const out = [];
              for (let i = 0; i < times; i++) {
                const start = performance.now();
                await window.__TAURI_INTERNALS__.invoke('list_members', { query });
                out.push(performance.now() - start);
              }
              return out;
            })().then(done, (error) => done({ error: String(error) }));
            "#,
            vec![json!(times)],
        )
        .await
        .expect("time list_members");
    let reads = result
        .as_array()
        .unwrap_or_else(|| panic!("list_members failed: {result}"));
    samples.reads.extend(reads.iter().filter_map(Value::as_f64));
}

/// What the server answers for the list in its default order, in the search and in the new order: the
/// state each measurement waits for.
struct Expected {
    total: u64,
    first: Vec<String>,
    search: Vec<String>,
    search_total: u64,
    descending: Vec<String>,
}

/// First launch: sign in to the benchmark's server, and read what the list will show.
async fn sign_in(home: &AppHome, options: &Options) -> Expected {
    let driver = Driver::start(&home.env());
    let client = driver.session().await;
    wait_for(&client, "[data-testid=sign-in-to-server]")
        .await
        .click()
        .await
        .expect("sign in to a server");
    for (label, value) in [
        ("Server URL", &options.url),
        ("Email", &options.email),
        ("Password", &options.password),
    ] {
        client
            .wait()
            .for_element(Locator::XPath(&format!(
                "//input[@id=//label[normalize-space(.)='{label}']/@for]"
            )))
            .await
            .unwrap_or_else(|e| panic!("field labelled {label}: {e}"))
            .send_keys(value)
            .await
            .unwrap_or_else(|e| panic!("type into {label}: {e}"));
    }
    wait_for(&client, "[data-testid=sign-in-submit]")
        .await
        .click()
        .await
        .expect("submit");
    wait_for(&client, "[data-testid=app-frame]").await;
    // The app's first window: the rows a keystroke filters at once, before the server answers.
    let (loaded, total) = server_page(&client, None, "asc", FIRST_WINDOW).await;
    let (search, search_total) = server_page(&client, Some(&options.query), "asc", 10).await;
    let (descending, _) = server_page(&client, None, "desc", 10).await;
    client.close().await.expect("close the session");
    drop(driver);
    let q = &options.query;
    let matching = loaded
        .iter()
        .filter(|(name, email)| format!("{name} {email}").to_lowercase().contains(q.as_str()))
        .count();
    assert!(
        matching > 0 && matching < loaded.len(),
        "{matching} of the first {} members match {q:?}: choose a --query that matches some of them but \
         not all, so that the keystroke visibly filters the loaded rows",
        loaded.len()
    );
    let first = emails(&loaded[..10.min(loaded.len())]);
    let (search, descending) = (emails(&search), emails(&descending));
    assert_ne!(
        first[0], descending[0],
        "the two orders start with different members"
    );
    Expected {
        total,
        first,
        search,
        search_total,
        descending,
    }
}

/// One run: a fresh launch of the app (resuming the signed-in workspace on Home), then every step.
async fn run(home: &AppHome, options: &Options, expected: &Expected, samples: &mut Samples, shot: bool) {
    let driver = Driver::start(&home.env());
    let client = driver.session().await;
    settle_on(&client, "Home").await;

    // 1. Home → Admin (Members), nothing cached: the page first shows skeleton rows, then the rows.
    measure(
        &client,
        samples,
        "click",
        json!([
            { "name": "grid", "kind": "grid" },
            { "name": "cold", "kind": "rows" },
        ]),
        || click_xpath(&client, ADMIN),
    )
    .await;
    settle_on_list(&client, expected.total, &expected.first).await;
    if shot {
        screenshot("bench-members-list");
    }

    // 2. One keystroke in the search box of the loaded list.
    let search = wait_for(&client, SEARCH).await;
    measure(
        &client,
        samples,
        "keydown",
        json!([
            { "name": "filtered", "kind": "filtered", "q": options.query },
            { "name": "answered", "kind": "page", "emails": expected.search, "total": expected.search_total },
        ]),
        || async {
            search
                .send_keys(&options.query)
                .await
                .expect("type into the search");
        },
    )
    .await;
    if shot {
        screenshot("bench-members-search");
    }
    // Esc clears the search; the whole list comes back from the cache.
    search.send_keys("\u{e00c}").await.expect("Esc");
    settle_on_list(&client, expected.total, &expected.first).await;

    // 3. Name header: ascending → descending, read from the server.
    measure(
        &client,
        samples,
        "click",
        json!([{ "name": "sorted", "kind": "page", "emails": expected.descending, "total": null }]),
        || click_xpath(&client, NAME_HEADER),
    )
    .await;

    // 4. Home, then Admin again: the list in its default order is cached now.
    click_xpath(&client, HOME).await;
    settle_on(&client, "Home").await;
    measure(
        &client,
        samples,
        "click",
        json!([{ "name": "cached", "kind": "rows" }]),
        || click_xpath(&client, ADMIN),
    )
    .await;
    settle_on_list(&client, expected.total, &expected.first).await;

    time_reads(&client, samples, 3).await;
    client.close().await.expect("close the session");
    drop(driver);
}

#[tokio::main]
async fn main() {
    let options = options();
    let home = AppHome::new();
    eprintln!(
        "members_list: app {}, server {}, {} runs",
        app_binary().display(),
        options.url,
        options.runs
    );
    let expected = sign_in(&home, &options).await;
    eprintln!(
        "members_list: {} members; {:?} matches {}",
        expected.total, options.query, expected.search_total
    );
    let mut samples = Samples::default();
    for index in 0..options.runs {
        run(&home, &options, &expected, &mut samples, index == 0).await;
        let figures: Vec<String> = STEPS
            .iter()
            .map(|(key, _, _)| format!("{key} {:.0} ms", samples.steps[key][index].painted))
            .collect();
        eprintln!("members_list: run {}: {}", index + 1, figures.join(", "));
    }

    let mut sources = samples.sources.clone();
    sources.sort();
    sources.dedup();
    println!();
    println!(
        "{} members; {} runs, each a fresh launch of the app; ms from the DOM event ({}) to the end of the \
         first frame painted with the rows; the search types `{}`, which {} members match.",
        expected.total,
        options.runs,
        sources.join(", "),
        options.query,
        expected.search_total,
    );
    println!();
    println!("| step | median ms | max ms | runs | target |");
    println!("|---|---:|---:|---:|---|");
    for (key, step, target) in STEPS {
        let painted: Vec<f64> = samples.steps[key].iter().map(|t| t.painted).collect();
        println!(
            "| {step} | {:.0} | {:.0} | {} | {target} |",
            median(&painted),
            max(&painted),
            painted.len()
        );
    }
    println!();
    println!(
        "Where the time goes (medians, ms): until the DOM held the rows, then until that frame was painted."
    );
    println!();
    println!("| step | event → DOM | DOM → painted |");
    println!("|---|---:|---:|");
    for (key, step, _) in STEPS {
        let timings = &samples.steps[key];
        let dom: Vec<f64> = timings.iter().map(|t| t.dom).collect();
        let paint: Vec<f64> = timings.iter().map(|t| t.painted - t.dom).collect();
        println!("| {step} | {:.0} | {:.0} |", median(&dom), median(&paint));
    }
    println!();
    println!(
        "The list's first read alone (`list_members`, 100 rows by name with their count, from the page through \
         IPC, the core, HTTP and the server): median {:.0} ms, max {:.0} ms over {} calls.",
        median(&samples.reads),
        max(&samples.reads),
        samples.reads.len()
    );
}
