//! What the app costs to start and to keep running: start-up time to the Members rows and the memory of
//! the whole app (its own process and WebKit's), against a bare Tauri window built the same way. A
//! benchmark, not a test: it prints figures and asserts nothing about them; it fails (non-zero exit) only
//! when the app does not reach the expected state at all.
//!
//! `scripts/bench-footprint.sh` builds the release app, the server (for seeding) and the floor window and
//! runs this under the private desktop session (`scripts/with-desktop-session.sh`). The app runs on its
//! **local workspace** (the embedded server), whose database — in the app's data dir of a private app
//! home — is seeded before the first launch with `--members` generated members (10,000) by
//! `switchboard-server seed`, so the app finds an owner and seeds nothing itself.
//!
//! - **Start**, `--runs` times each: *cold* (the page cache dropped first, `echo 3 >
//!   /proc/sys/vm/drop_caches`, which needs root) and *warm* (right after another launch). From the start
//!   of the app's process (its start time in `/proc/<pid>/stat`, on the wall clock) to the end of the first
//!   frame painted with member rows; beside it, the same from the moment the WebDriver session that
//!   launches the app was requested, which adds the driver's own work before it runs the app. The app opens on Home; a script in the page clicks Admin
//!   the moment the sidebar is there, so no WebDriver round trip is in the figure. The page's clock is
//!   put on the wall clock with `performance.timeOrigin`.
//! - **Memory**: proportional set size (PSS: every shared page divided among the processes that map it,
//!   so shared libraries count once) and resident set size (RSS) from `/proc/<pid>/smaps_rollup`, summed
//!   over the launched binary and every process under it (WebKit's web and network processes): idle on
//!   Members after settling; after scrolling the list to its last member and opening and closing
//!   `--profiles` (20) profiles; and each minute of a navigation loop run for `--soak-minutes` (10).
//! - **Floor**: the same memory of `switchboard-floor` (tests/floor), a Tauri window with an empty page
//!   built in the same profile with the same Tauri and WebKitGTK, idle after settling.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use switchboard_e2e::bench::{max, median};
use switchboard_e2e::fantoccini::{Client, Locator};
use switchboard_e2e::ui::{click_xpath, close_sheet, find_xpath, go_to, on_page};
use switchboard_e2e::{AppHome, Driver, app_binary, eventually, screenshot, server_binary, wait_for};

/// The owner the local workspace signs in as (`LOCAL_OWNER_EMAIL` in the server's `local` module).
const LOCAL_OWNER_EMAIL: &str = "you@switchboard.local";
/// The local workspace's database in the app data dir (`LOCAL_DATABASE` in the core's `desktop` module).
const LOCAL_DATABASE: &str = "local-workspace.db";
const MEMBER_SHEET: &str = "//*[@data-testid='member-sheet']";
/// How long a launch may take to reach its rows before it counts as a failure.
const LAUNCH_TIMEOUT_MS: u64 = 60_000;

struct Options {
    runs: usize,
    members: u32,
    profiles: usize,
    soak: Duration,
    settle: Duration,
}

fn options() -> Options {
    let mut options = Options {
        runs: 3,
        members: 10_000,
        profiles: 20,
        soak: Duration::from_secs(600),
        settle: Duration::from_secs(10),
    };
    let mut args = std::env::args().skip(1);
    let number = |args: &mut dyn Iterator<Item = String>, flag: &str| -> f64 {
        args.next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{flag} takes a number"))
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => options.runs = number(&mut args, "--runs") as usize,
            "--members" => options.members = number(&mut args, "--members") as u32,
            "--profiles" => options.profiles = number(&mut args, "--profiles") as usize,
            "--soak-minutes" => {
                options.soak = Duration::from_secs_f64(number(&mut args, "--soak-minutes") * 60.0)
            }
            "--settle-seconds" => {
                options.settle = Duration::from_secs_f64(number(&mut args, "--settle-seconds"))
            }
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            other => panic!("footprint: unknown argument {other}"),
        }
    }
    assert!(options.runs > 0, "--runs must be at least 1");
    options
}

// ---------------------------------------------------------------------------------------------------
// Memory, from /proc.

/// One process's memory, in KiB.
#[derive(Clone, Debug)]
struct Process {
    name: String,
    pss: u64,
    rss: u64,
}

/// The memory of a launched binary and everything under it.
#[derive(Clone, Debug)]
struct Footprint {
    processes: Vec<Process>,
}

impl Footprint {
    fn pss_mb(&self) -> f64 {
        mb(self.processes.iter().map(|p| p.pss).sum())
    }

    fn rss_mb(&self) -> f64 {
        mb(self.processes.iter().map(|p| p.rss).sum())
    }

    /// The processes as "name PSS/RSS" for the log.
    fn describe(&self) -> String {
        self.processes
            .iter()
            .map(|p| format!("{} {:.0}/{:.0}", p.name, mb(p.pss), mb(p.rss)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// PSS and RSS (MB) of the processes whose kind (see [`kind`]) is `wanted`.
    fn of_kind(&self, wanted: &str) -> (f64, f64) {
        let chosen = self.processes.iter().filter(|p| kind(&p.name) == wanted);
        let (pss, rss) = chosen.fold((0, 0), |(pss, rss), p| (pss + p.pss, rss + p.rss));
        (mb(pss), mb(rss))
    }
}

/// MB (10^6 bytes) from KiB.
fn mb(kib: u64) -> f64 {
    kib as f64 * 1024.0 / 1e6
}

/// Which part of the app a process is, by its `comm` (15 characters at most).
fn kind(name: &str) -> &'static str {
    if name.starts_with("WebKitWebProces") {
        "web"
    } else if name.starts_with("WebKitNetworkPr") {
        "network"
    } else if name.starts_with("switchboard") {
        "app"
    } else {
        "other"
    }
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The name in parentheses may itself hold spaces and parentheses: the fields follow the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// Every process under `root` (children, their children, …).
fn descendants(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for entry in std::fs::read_dir("/proc").expect("read /proc").flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        if let Some(parent) = parent_of(pid) {
            children.entry(parent).or_default().push(pid);
        }
    }
    let mut found = Vec::new();
    let mut stack = vec![root];
    while let Some(pid) = stack.pop() {
        for &child in children.get(&pid).into_iter().flatten() {
            found.push(child);
            stack.push(child);
        }
    }
    found
}

fn process(pid: u32) -> Option<Process> {
    let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let field = |key: &str| {
        rollup
            .lines()
            .find_map(|line| line.strip_prefix(key))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kib| kib.parse::<u64>().ok())
    };
    Some(Process {
        name: name.trim().to_owned(),
        pss: field("Pss:")?,
        rss: field("Rss:")?,
    })
}

/// The memory of `binary`, launched under `driver`, and of every process under it.
fn footprint(driver: &Driver, binary: &Path) -> Footprint {
    let launched = launched_pid(driver, binary);
    let mut pids = vec![launched];
    pids.extend(descendants(launched));
    Footprint {
        processes: pids.into_iter().filter_map(process).collect(),
    }
}

/// The process of `binary`, launched under `driver`.
fn launched_pid(driver: &Driver, binary: &Path) -> u32 {
    let binary = binary.canonicalize().expect("the launched binary");
    descendants(driver.pid())
        .into_iter()
        .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary))
        .unwrap_or_else(|| panic!("no {} runs under tauri-driver", binary.display()))
}

/// When `pid` started, in ms on the wall clock: its start in clock ticks since boot (`/proc/<pid>/stat`,
/// USER_HZ = 100), with the boot put on the wall clock through `/proc/uptime`. Good to a tick, 10 ms.
fn started_ms(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("the process's stat");
    // The name in parentheses may itself hold spaces and parentheses: the fields follow the last ')'.
    // `starttime` is field 22; the first after the name is field 3.
    let ticks: f64 = stat[stat.rfind(')').expect("a name") + 2..]
        .split_whitespace()
        .nth(19)
        .and_then(|field| field.parse().ok())
        .expect("starttime");
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse().ok())
        .expect("/proc/uptime");
    wall_ms() - uptime * 1000.0 + ticks * 10.0
}

/// Drops the page cache (clean pages only, after a sync), so the next launch reads its binary, WebKit and
/// its data from disk. Root only; says so and returns false otherwise.
fn drop_page_cache() -> bool {
    let _ = Command::new("sync").status();
    match std::fs::write("/proc/sys/vm/drop_caches", "3\n") {
        Ok(()) => true,
        Err(error) => {
            eprintln!("footprint: can't drop the page cache ({error}); the \"cold\" starts are warm");
            false
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Start.

/// Runs in the page as soon as WebDriver lets it in: clicks Admin the moment the sidebar is there (unless
/// the app already shows member rows) and waits for member rows, then for the end of the frame that painted
/// them. Times on the page's clock (ms since `timeOrigin`, which is on the wall clock).
const TO_MEMBERS: &str = r#"
const [timeoutMs, done] = arguments;
const began = performance.now();
const found = {
  origin: performance.timeOrigin, began, frame: null, framePainted: null, clicked: null, dom: null,
  painted: null, fcp: null, error: null,
};
const adminButton = () => Array.from(document.querySelectorAll('nav[aria-label="Main"] button'))
  .find((button) => button.textContent.trim() === 'Admin');
const afterPaint = (then) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => then(performance.now());
  channel.port2.postMessage(null);
});
let over = false;
const finish = () => {
  if (over) return;
  over = true;
  observer.disconnect();
  clearTimeout(timer);
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  found.fcp = paint ? paint.startTime : null;
  done(found);
};
const check = () => {
  if (over || found.dom !== null) return;
  if (found.frame === null && document.querySelector('[data-testid="app-frame"]')) {
    found.frame = performance.now();
    afterPaint((at) => { found.framePainted = at; });
  }
  if (document.querySelector('[data-testid="member-row"]')) {
    found.dom = performance.now();
    afterPaint((at) => { found.painted = at; finish(); });
    return;
  }
  if (found.clicked === null) {
    const admin = adminButton();
    if (admin) {
      found.clicked = performance.now();
      admin.click();
    }
  }
};
const observer = new MutationObserver(check);
observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
const timer = setTimeout(() => { found.error = 'timed out'; finish(); }, timeoutMs);
check();
"#;

/// Waits for the page's first painted frame (the floor's empty page has nothing else to wait for).
const FIRST_FRAME: &str = r#"
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => done({ origin: performance.timeOrigin, painted: performance.now() });
  channel.port2.postMessage(null);
});
"#;

/// One launch, in ms from the spawn (the session request) on the wall clock. The start a user waits for
/// runs from `process`: before it, WebKitWebDriver is getting ready to launch the app.
#[derive(Clone, Copy, Debug)]
struct Start {
    /// The app's process started (WebKitWebDriver ran it): what comes before is the driver's own.
    process: f64,
    /// The webview's navigation began (`timeOrigin`).
    page: f64,
    /// The first frame with any content (paint timing's first-contentful-paint), when WebKit gives it.
    contentful: Option<f64>,
    /// The app's frame (sidebar and Home) was painted; `None` when it was already there before the
    /// script got in.
    frame: Option<f64>,
    /// The script got in (WebDriver handed the page over).
    script: f64,
    /// Admin was clicked.
    clicked: Option<f64>,
    /// The DOM held member rows.
    dom: f64,
    /// The frame showing them was painted.
    painted: f64,
}

fn wall_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_secs_f64()
        * 1000.0
}

/// Launches the app (a fresh tauri-driver, then the session that spawns the app) and measures its way to
/// the Members rows. Returns the driver and session, on Members.
async fn launch(home: &AppHome, cold: bool) -> (Driver, Client, Start) {
    let driver = Driver::start(&home.env());
    if cold {
        drop_page_cache();
    }
    let spawned = wall_ms();
    let client = driver.session().await;
    let found = client
        .execute_async(TO_MEMBERS, vec![json!(LAUNCH_TIMEOUT_MS)])
        .await
        .expect("measure the start");
    if found["error"] != Value::Null {
        let shot = screenshot("footprint-start-failed");
        panic!(
            "the app did not show member rows within {LAUNCH_TIMEOUT_MS} ms: {found} (screen: {})",
            shot.display()
        );
    }
    let origin = found["origin"].as_f64().expect("timeOrigin");
    let at = |key: &str| found[key].as_f64().map(|t| origin + t - spawned);
    let start = Start {
        process: started_ms(launched_pid(&driver, &app_binary())) - spawned,
        page: origin - spawned,
        contentful: at("fcp"),
        frame: at("framePainted"),
        script: at("began").expect("began"),
        clicked: at("clicked"),
        dom: at("dom").expect("rows in the DOM"),
        painted: at("painted").expect("rows painted"),
    };
    (driver, client, start)
}

// ---------------------------------------------------------------------------------------------------
// Using the app.

/// Scrolls the Members list down, two screens at a time as fast as frames come, until its last member's
/// row is there (every window of 100 read on the way). Returns how many rows the list has.
const SCROLL_TO_END: &str = r#"
const [timeoutMs, done] = arguments;
const grid = document.querySelector('[role="grid"][aria-label="Members"]');
const scroller = grid && grid.querySelector('.table-scroll');
if (!scroller) { done({ error: 'no Members list' }); return; }
const count = Number(grid.getAttribute('aria-rowcount')) - 1;
const started = performance.now();
const last = () => document.querySelector(`[data-testid="member-row"][data-index="${count - 1}"]`);
const step = () => {
  if (last()) { done({ count, ms: performance.now() - started }); return; }
  if (performance.now() - started > timeoutMs) { done({ error: 'timed out', count }); return; }
  scroller.scrollTop += scroller.clientHeight * 2;
  requestAnimationFrame(step);
};
step();
"#;

/// The data-index of every member row in the DOM (in view, or just outside it), last first.
async fn member_rows(client: &Client) -> Vec<u64> {
    let indexes = client
        .execute(
            r#"return Array.from(document.querySelectorAll('[data-testid="member-row"]'))
                 .map((row) => Number(row.dataset.index)).sort((a, b) => b - a);"#,
            vec![],
        )
        .await
        .expect("read the rows");
    indexes
        .as_array()
        .map(|all| all.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default()
}

/// Opens the profile of the member row at `index` and closes it again.
async fn open_profile(client: &Client, index: u64) {
    // A row just outside the view (the list renders a few more) is brought into it first.
    client
        .execute(
            r#"const row = document.querySelector(`[data-testid="member-row"][data-index="${arguments[0]}"]`);
               if (row) row.scrollIntoView({ block: 'center' });"#,
            vec![json!(index)],
        )
        .await
        .expect("scroll the row into view");
    click_xpath(
        client,
        &format!("//*[@data-testid='member-row'][@data-index='{index}']"),
    )
    .await;
    find_xpath(client, &format!("{MEMBER_SHEET}//h2")).await;
    // The sheet's own read (the member with their ETag) is in when Role can be changed.
    eventually("the profile, read", || async {
        let role = client.find(Locator::Css("select[aria-label=Role]")).await.ok()?;
        role.is_enabled().await.ok()?.then_some(())
    })
    .await;
    close_sheet(client, MEMBER_SHEET).await;
}

/// Waits until the Members list shows member rows.
async fn rows_shown(client: &Client) {
    wait_for(client, "[data-testid=member-row]").await;
}

/// One round of the soak: every page in the sidebar, and a profile on Members.
async fn round(client: &Client) {
    for page in ["Home", "Directory"] {
        go_to(client, page).await;
    }
    click_xpath(
        client,
        "//nav[@aria-label='Main']//button[normalize-space(.)='Admin']",
    )
    .await;
    on_page(client, "Members").await;
    rows_shown(client).await;
    if let Some(&index) = member_rows(client).await.last() {
        open_profile(client, index).await;
    }
    for page in ["Phone numbers", "Configuration", "Activity", "Settings"] {
        go_to(client, page).await;
    }
}

// ---------------------------------------------------------------------------------------------------

/// The app's identifier, which names its data dir: debug builds use their own (`DEV_IDENTIFIER`).
fn identifier(app: &Path) -> &'static str {
    if app.parent().and_then(Path::file_name) == Some("debug".as_ref()) {
        "app.switchboard.desktop.dev"
    } else {
        "app.switchboard.desktop"
    }
}

/// Seeds the local workspace's database in `home` with its owner and `members` generated members, as the
/// standalone server seeds a team (the app then finds an owner and seeds nothing).
fn seed_local_workspace(home: &AppHome, app: &Path, members: u32) {
    let dir = home.path().join("data_home").join(identifier(app));
    std::fs::create_dir_all(&dir).expect("create the app's data dir");
    let database = dir.join(LOCAL_DATABASE);
    let seeded = Command::new(server_binary())
        .arg("seed")
        .arg("--database-url")
        .arg(format!("sqlite://{}?mode=rwc", database.display()))
        .args(["--owner-email", LOCAL_OWNER_EMAIL])
        // Nobody signs in with it: the app takes an API token from its embedded server.
        .args(["--owner-password", "footprint benchmark, never used"])
        .args(["--members", &members.to_string()])
        .stdout(Stdio::null())
        .status()
        .expect("run switchboard-server seed");
    assert!(seeded.success(), "seeding the local workspace failed");
}

/// First launch: open the local workspace (the app takes its token into the keychain), then quit.
async fn open_local_workspace(home: &AppHome) {
    let driver = Driver::start(&home.env());
    let client = driver.session().await;
    wait_for(&client, "[data-testid=open-local-workspace]")
        .await
        .click()
        .await
        .expect("open the local workspace");
    // The owner lands on Members (the Admin area).
    rows_shown(&client).await;
    client.close().await.expect("close the session");
}

/// Samples the footprint a few times a second apart once `settle` has passed, and keeps the last (the
/// log shows them all, to see whether it had settled).
async fn settled_footprint(driver: &Driver, binary: &Path, settle: Duration, what: &str) -> Footprint {
    tokio::time::sleep(settle).await;
    let mut last = footprint(driver, binary);
    for _ in 0..2 {
        tokio::time::sleep(Duration::from_secs(2)).await;
        let next = footprint(driver, binary);
        eprintln!(
            "footprint: {what}: {:.1} → {:.1} MB PSS",
            last.pss_mb(),
            next.pss_mb()
        );
        last = next;
    }
    eprintln!("footprint: {what}: {} (MB PSS/RSS)", last.describe());
    last
}

/// The floor: a bare Tauri window with an empty page, launched the same way; its first frame and memory.
async fn floor(settle: Duration) -> (f64, Footprint) {
    let floor = std::env::var("SWITCHBOARD_FLOOR_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|_| app_binary().with_file_name("switchboard-floor"));
    assert!(
        floor.exists(),
        "{} missing: build it (cargo build -p switchboard-floor --features switchboard-floor/custom-protocol)",
        floor.display()
    );
    let home = AppHome::new();
    let driver = Driver::start(&home.env());
    let client = driver.session_of(&floor).await;
    let frame = client
        .execute_async(FIRST_FRAME, vec![])
        .await
        .expect("the floor's first frame");
    let painted = frame["origin"].as_f64().expect("timeOrigin") + frame["painted"].as_f64().expect("painted")
        - started_ms(launched_pid(&driver, &floor));
    let memory = settled_footprint(&driver, &floor, settle, "floor, idle").await;
    client.close().await.expect("close the session");
    (painted, memory)
}

fn ms(value: f64) -> String {
    if value.is_finite() {
        format!("{value:.0}")
    } else {
        "—".into()
    }
}

#[tokio::main]
async fn main() {
    let options = options();
    let app = app_binary();
    let home = AppHome::new();
    eprintln!(
        "footprint: app {}, {} members, {} runs, soak {:.1} min",
        app.display(),
        options.members,
        options.runs,
        options.soak.as_secs_f64() / 60.0
    );
    seed_local_workspace(&home, &app, options.members);
    open_local_workspace(&home).await;

    // Start: cold and warm launches, alternately.
    let mut cold = Vec::new();
    let mut warm = Vec::new();
    let mut really_cold = true;
    for run in 0..options.runs {
        for is_cold in [true, false] {
            if is_cold {
                really_cold &= std::fs::metadata("/proc/sys/vm/drop_caches").is_ok();
            }
            let (driver, client, start) = launch(&home, is_cold).await;
            eprintln!(
                "footprint: run {} {}: {start:?}",
                run + 1,
                if is_cold { "cold" } else { "warm" }
            );
            if is_cold { &mut cold } else { &mut warm }.push(start);
            client.close().await.expect("close the session");
            drop(driver);
        }
    }

    // Memory: one more warm launch, then idle on Members.
    let (driver, client, _) = launch(&home, false).await;
    rows_shown(&client).await;
    let idle = settled_footprint(&driver, &app, options.settle, "idle on Members").await;
    screenshot("footprint-members");

    // The whole list, then profiles.
    let scrolled = client
        .execute_async(SCROLL_TO_END, vec![json!(300_000)])
        .await
        .expect("scroll the list");
    assert!(
        scrolled["error"] == Value::Null,
        "the list did not reach its last member: {scrolled}"
    );
    eprintln!("footprint: scrolled to the end: {scrolled}");
    let rows = member_rows(&client).await;
    assert!(!rows.is_empty(), "no member rows after scrolling");
    for k in 0..options.profiles {
        open_profile(&client, rows[k % rows.len()]).await;
    }
    let used = settled_footprint(
        &driver,
        &app,
        options.settle,
        "after the whole list and the profiles",
    )
    .await;

    // Soak: rounds of navigation, a sample each minute.
    let begun = Instant::now();
    let mut series = vec![(0.0, footprint(&driver, &app))];
    let mut rounds = 0;
    while begun.elapsed() < options.soak {
        round(&client).await;
        rounds += 1;
        let minutes = begun.elapsed().as_secs_f64() / 60.0;
        if minutes.floor() as usize >= series.len() || begun.elapsed() >= options.soak {
            let sample = footprint(&driver, &app);
            eprintln!(
                "footprint: soak {minutes:.1} min, {rounds} rounds: {:.1} MB PSS ({})",
                sample.pss_mb(),
                sample.describe()
            );
            series.push((minutes, sample));
        }
    }
    client.close().await.expect("close the session");
    drop(driver);

    let (floor_painted, floor_memory) = floor(options.settle).await;

    // The report.
    let painted = |starts: &[Start]| starts.iter().map(|s| s.painted - s.process).collect::<Vec<_>>();
    let (cold_painted, warm_painted) = (painted(&cold), painted(&warm));
    let spawned = |starts: &[Start]| starts.iter().map(|s| s.painted).collect::<Vec<_>>();
    let (cold_spawned, warm_spawned) = (spawned(&cold), spawned(&warm));
    println!();
    println!(
        "{} members on the local workspace; {} cold and {} warm launches{}; memory summed over the app and \
         every process under it (WebKit's web and network processes), MB = 10^6 bytes.",
        options.members + 1,
        cold.len(),
        warm.len(),
        if really_cold {
            ""
        } else {
            " (the page cache could not be dropped: no cold starts)"
        },
    );
    println!();
    println!("| measure | median | max | target |");
    println!("|---|---:|---:|---|");
    println!(
        "| cold start: the app's process started → first Members rows painted (page cache dropped) | {} ms | {} ms | < 1,500 ms |",
        ms(median(&cold_painted)),
        ms(max(&cold_painted))
    );
    println!(
        "| warm start: the app's process started → first Members rows painted | {} ms | {} ms | — |",
        ms(median(&warm_painted)),
        ms(max(&warm_painted))
    );
    println!(
        "| cold start from the WebDriver session request (the driver's launch of the app included) | {} ms | {} ms | — |",
        ms(median(&cold_spawned)),
        ms(max(&cold_spawned))
    );
    println!(
        "| warm start from the WebDriver session request | {} ms | {} ms | — |",
        ms(median(&warm_spawned)),
        ms(max(&warm_spawned))
    );
    let soak_samples: Vec<f64> = series.iter().map(|(_, f)| f.pss_mb()).collect();
    // The first minute loads every page once (code, caches): growth counts from the end of it.
    let after_warm_up = if soak_samples.len() > 2 { 1 } else { 0 };
    let growth = soak_samples.last().copied().unwrap_or(f64::NAN) - soak_samples[after_warm_up];
    println!(
        "| idle on Members: PSS (RSS) | {:.0} MB ({:.0} MB) | | < 200 MB PSS |",
        idle.pss_mb(),
        idle.rss_mb()
    );
    println!(
        "| after the whole list and {} profiles: PSS (RSS) | {:.0} MB ({:.0} MB) | | — |",
        options.profiles,
        used.pss_mb(),
        used.rss_mb()
    );
    println!(
        "| soak, {:.0} min ({rounds} rounds of navigation): PSS growth from minute {after_warm_up} to the end | {:+.1} MB | max {:.0} MB | no growth |",
        options.soak.as_secs_f64() / 60.0,
        growth,
        max(&soak_samples)
    );
    println!(
        "| floor: bare Tauri window, empty page, idle: PSS (RSS) | {:.0} MB ({:.0} MB) | | — |",
        floor_memory.pss_mb(),
        floor_memory.rss_mb()
    );
    println!();
    println!("By process, MB PSS (RSS):");
    println!();
    println!("| state | app | WebKit web | WebKit network | other | all |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (state, memory) in [
        ("idle on Members", &idle),
        ("after the whole list and the profiles", &used),
        ("end of the soak", &series.last().expect("a sample").1),
        ("floor, idle", &floor_memory),
    ] {
        let cell = |kind_name: &str| {
            let (pss, rss) = memory.of_kind(kind_name);
            format!("{pss:.0} ({rss:.0})")
        };
        println!(
            "| {state} | {} | {} | {} | {} | {:.0} ({:.0}) |",
            cell("app"),
            cell("web"),
            cell("network"),
            cell("other"),
            memory.pss_mb(),
            memory.rss_mb()
        );
    }
    println!();
    println!(
        "Soak series, MB PSS by minute: {}",
        series
            .iter()
            .map(|(minute, f)| format!("{minute:.1}: {:.1}", f.pss_mb()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!();
    println!("Where a start's time goes (medians, ms from the spawn):");
    println!();
    println!(
        "| launch | app's process started | webview's page begins | first contentful paint | app frame painted | script in | Admin clicked | rows in the DOM | rows painted |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (name, starts) in [("cold", &cold), ("warm", &warm)] {
        let of =
            |pick: fn(&Start) -> Option<f64>| ms(median(&starts.iter().filter_map(pick).collect::<Vec<_>>()));
        println!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} |",
            of(|s| Some(s.process)),
            of(|s| Some(s.page)),
            of(|s| s.contentful),
            of(|s| s.frame),
            of(|s| Some(s.script)),
            of(|s| s.clicked),
            of(|s| Some(s.dom)),
            of(|s| Some(s.painted)),
        );
    }
    println!();
    println!(
        "The floor's first frame painted: {} ms after its process started (warm).",
        ms(floor_painted)
    );
}
