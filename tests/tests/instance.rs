//! The app as one instance on the desktop, end to end: a second launch hands over to the running window
//! and exits; the window's size and the page come back after a relaunch; and closing the window while an
//! invite is on its way asks first, then closes by itself once it has arrived.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use switchboard_e2e::fantoccini::Client;
use switchboard_e2e::ui::{assert_screenshots, click_xpath, go_to, gone, on_page, shots_in_both_themes, tab};
use switchboard_e2e::{
    AppHome, Driver, OWNER_EMAIL, OWNER_PASSWORD, RemoteServer, Signed, api, app_binary, enabled, eventually,
    fill, invoke, invoke_with, wait_for,
};
use tokio::net::{TcpListener, TcpStream};

/// The running processes of the app binary (by their executable, so no other program is counted).
fn app_processes() -> Vec<u32> {
    let app = std::fs::canonicalize(app_binary()).expect("the app binary");
    std::fs::read_dir("/proc")
        .expect("/proc")
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app))
        .collect()
}

/// The X windows titled "Switchboard" that are on the screen.
fn app_windows() -> Vec<String> {
    let out = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", "^Switchboard$"])
        .output()
        .expect("run xdotool");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool").args(args).output().expect("run xdotool");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A window's (x, y, width, height) on the screen, as X has it.
fn geometry(window: &str) -> (i64, i64, i64, i64) {
    let out = xdotool(&["getwindowgeometry", "--shell", window]);
    let value = |key: &str| {
        out.lines()
            .find_map(|line| line.strip_prefix(&format!("{key}=")))
            .and_then(|v| v.trim().parse::<i64>().ok())
            .unwrap_or_else(|| panic!("{key} in {out}"))
    };
    (value("X"), value("Y"), value("WIDTH"), value("HEIGHT"))
}

/// Asks the app's windows to close the way a window manager's close button does: a `WM_DELETE_WINDOW`
/// message. (Xvfb runs no window manager, and xdotool can only destroy a window, not ask it to close.)
#[allow(unsafe_code)] // Xlib through its C API: open the display, intern two atoms, send one event.
fn close_windows(windows: &[String]) {
    use std::ffi::CString;
    use x11_dl::xlib;
    let x = xlib::Xlib::open().expect("libX11");
    let display_name = CString::new(std::env::var("DISPLAY").expect("DISPLAY")).unwrap();
    // SAFETY: the display is opened here, used only while open, and every pointer passed is valid for
    // the call it is passed to.
    unsafe {
        let display = (x.XOpenDisplay)(display_name.as_ptr());
        assert!(!display.is_null(), "open the X display");
        let protocols = (x.XInternAtom)(display, c"WM_PROTOCOLS".as_ptr(), xlib::False);
        let delete = (x.XInternAtom)(display, c"WM_DELETE_WINDOW".as_ptr(), xlib::False);
        for window in windows {
            let window: xlib::Window = window.parse().expect("a window id");
            let mut data = xlib::ClientMessageData::new();
            data.set_long(0, delete as std::ffi::c_long);
            data.set_long(1, xlib::CurrentTime as std::ffi::c_long);
            let mut event = xlib::XEvent {
                client_message: xlib::XClientMessageEvent {
                    type_: xlib::ClientMessage,
                    serial: 0,
                    send_event: xlib::True,
                    display,
                    window,
                    message_type: protocols,
                    format: 32,
                    data,
                },
            };
            (x.XSendEvent)(display, window, xlib::False, xlib::NoEventMask, &mut event);
        }
        (x.XFlush)(display);
        (x.XCloseDisplay)(display);
    }
}

/// Takes the keyboard focus from every window (as clicking another app would).
#[allow(unsafe_code)] // Xlib through its C API: open the display, set the focus.
fn focus_nothing() {
    use std::ffi::CString;
    use x11_dl::xlib;
    let x = xlib::Xlib::open().expect("libX11");
    let display_name = CString::new(std::env::var("DISPLAY").expect("DISPLAY")).unwrap();
    // SAFETY: the display is opened here and used only while open.
    unsafe {
        let display = (x.XOpenDisplay)(display_name.as_ptr());
        assert!(!display.is_null(), "open the X display");
        (x.XSetInputFocus)(display, 0, xlib::RevertToNone, xlib::CurrentTime);
        (x.XFlush)(display);
        (x.XCloseDisplay)(display);
    }
}

/// Whether the app's page has the keyboard focus.
async fn has_focus(client: &Client) -> bool {
    client
        .execute("return document.hasFocus();", vec![])
        .await
        .expect("ask the page")
        == serde_json::json!(true)
}

/// Waits until no process of the app is left.
async fn app_exits(within: Duration) {
    let deadline = Instant::now() + within;
    while !app_processes().is_empty() {
        assert!(
            Instant::now() < deadline,
            "the app still runs after {within:?}: {:?}",
            app_processes()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn window_state_file(home: &AppHome) -> PathBuf {
    home.path()
        .join("config_home/app.switchboard.desktop.dev/window-state.json")
}

#[tokio::test]
async fn a_second_launch_focuses_the_running_window_and_exits() {
    if !enabled("a_second_launch_focuses_the_running_window_and_exits") {
        return;
    }
    let signed = Signed::start().await;
    let client = &signed.client;
    go_to(client, "Phone numbers").await;
    let running = app_processes();
    let windows = app_windows();
    let checks = async {
        assert_eq!(running.len(), 1, "one app runs: {running:?}");
        assert!(!windows.is_empty(), "the app's window is on the screen");
        // The user went to another app meanwhile.
        focus_nothing();
        eventually("the window to lose the focus", || async {
            (!has_focus(client).await).then_some(())
        })
        .await;

        // The same binary again, as a user starting it from the menu: same dirs, display and session bus.
        let started = Instant::now();
        let second = Command::new(app_binary())
            .envs(signed.home.env())
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .env("SWITCHBOARD_LOG", "debug")
            .stdin(Stdio::null())
            .output()
            .expect("start the app a second time");
        let took = started.elapsed();
        let log = String::from_utf8_lossy(&second.stderr).into_owned();
        assert!(second.status.success(), "the second launch failed: {log}");
        assert!(took < Duration::from_secs(10), "the second launch took {took:?}");
        // It handed over before doing anything of its own: no server, no outbox.
        assert!(!log.contains("local workspace started"), "{log}");
        assert!(!log.contains("outbox"), "{log}");

        // Still one app and one window, the first, signed in where it was.
        assert_eq!(app_processes(), running, "no second app is left running");
        assert_eq!(app_windows(), windows, "no second window");
        on_page(client, "Phone numbers").await;
        let state = invoke(client, "workspaces").await;
        assert!(
            state["current"].is_string(),
            "the first window keeps its session: {state}"
        );
        // The running app was asked to come forward: it has the keyboard again.
        eventually("the window to be focused", || async {
            has_focus(client).await.then_some(())
        })
        .await;
    }
    .await;
    signed.close().await;
    checks
}

#[tokio::test]
async fn the_window_size_and_the_page_come_back_after_a_relaunch() {
    if !enabled("the_window_size_and_the_page_come_back_after_a_relaunch") {
        return;
    }
    let Signed {
        api: _api,
        client,
        driver,
        home,
        server: _server,
    } = Signed::start().await;
    go_to(&client, "Members").await;
    tab(&client, "Invitations").await;
    go_to(&client, "Phone numbers").await;
    let windows = app_windows();
    assert_eq!(windows.len(), 1, "one window: {windows:?}");
    let window = windows[0].clone();
    xdotool(&["windowsize", &window, "1000", "700"]);
    xdotool(&["windowmove", &window, "40", "30"]);
    let rect = eventually("the window at 1000×700", || async {
        let rect = geometry(&window);
        (rect.2 == 1000 && rect.3 == 700 && rect.0 == 40).then_some(rect)
    })
    .await;
    // Let the app hear of it (the move and resize events that the window's state follows).
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Close the window as its close button does; with nothing under way the app quits at once, and the
    // window's state is written on the way out.
    close_windows(&app_windows());
    app_exits(Duration::from_secs(15)).await;
    let saved = std::fs::read_to_string(window_state_file(&home)).expect("the window's state is kept");
    let _ = client.close().await;

    let driver = driver.restart(&home.env());
    let client = driver.session().await;
    wait_for(&client, "[data-testid=app-frame]").await;
    let checks = async {
        on_page(&client, "Phone numbers").await;
        let again = geometry(&app_windows()[0]);
        assert_eq!(
            (again.2, again.3),
            (rect.2, rect.3),
            "the size came back; saved: {saved}"
        );
        assert_eq!(
            (again.0, again.1),
            (rect.0, rect.1),
            "the position came back; saved: {saved}"
        );
        // Kept beside the workspace list: the page's name only.
        let workspaces = std::fs::read_to_string(
            home.path()
                .join("config_home/app.switchboard.desktop.dev/workspaces.json"),
        )
        .unwrap();
        assert!(workspaces.contains("\"lastPage\": \"numbers\""), "{workspaces}");
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    checks
}

/// A TCP proxy to `upstream` that, while `hold` is set, passes nothing on in either direction (on new
/// connections and on those the app keeps alive alike), to keep a request on its way.
async fn holding_proxy(upstream: String, hold: Arc<AtomicBool>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let upstream = upstream.trim_start_matches("http://").to_owned();
    tokio::spawn(async move {
        while let Ok((inbound, _)) = listener.accept().await {
            let (upstream, hold) = (upstream.clone(), Arc::clone(&hold));
            tokio::spawn(async move {
                let Ok(outbound) = TcpStream::connect(&upstream).await else {
                    return;
                };
                let (from_app, to_app) = inbound.into_split();
                let (from_server, to_server) = outbound.into_split();
                tokio::join!(
                    pass(from_app, to_server, Arc::clone(&hold)),
                    pass(from_server, to_app, hold)
                );
            });
        }
    });
    url
}

/// Copies `from` to `to`, holding each chunk while `hold` is set.
async fn pass(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    hold: Arc<AtomicBool>,
) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        while hold.load(Ordering::SeqCst) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        if to.write_all(&buffer[..n]).await.is_err() {
            break;
        }
    }
    let _ = to.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_while_an_invite_is_on_its_way_asks_then_closes_once_it_has_arrived() {
    if !enabled("closing_while_an_invite_is_on_its_way_asks_then_closes_once_it_has_arrived") {
        return;
    }
    let server = RemoteServer::start(OWNER_EMAIL, OWNER_PASSWORD, &["--demo"]);
    let api = api::Api::sign_in(&server).await;
    let hold = Arc::new(AtomicBool::new(false));
    let proxy = holding_proxy(server.url.clone(), Arc::clone(&hold)).await;
    let home = AppHome::new();
    let driver = Driver::start(&home.env());
    let client = driver.session().await;
    click_xpath(&client, "//*[@data-testid='sign-in-to-server']").await;
    fill(&client, "Server URL", &proxy).await;
    fill(&client, "Email", OWNER_EMAIL).await;
    fill(&client, "Password", OWNER_PASSWORD).await;
    click_xpath(&client, "//*[@data-testid='sign-in-submit']").await;
    wait_for(&client, "[data-testid=app-frame]").await;

    let email = "kahu.rewi@harbour.example";
    let checks = async {
        // The server's answers stop coming: the invite goes out and stays on its way.
        hold.store(true, Ordering::SeqCst);
        invoke_with(
            &client,
            "invite",
            serde_json::json!({ "invitations": [{ "email": email, "role": null, "grants": [], "number_ids": [], "group_ids": [] }] }),
        )
        .await;
        close_windows(&app_windows());
        let dialog = "//*[@data-testid='quit-dialog']";
        let said = eventually("the question about the invite on its way", || async {
            let text = switchboard_e2e::ui::text_at(&client, dialog).await?;
            text.contains("1 invite is still sending…").then_some(text)
        })
        .await;
        assert!(said.contains("Switchboard will close by itself"), "{said}");
        assert_eq!(app_processes().len(), 1, "the close was held");
        assert_screenshots(&shots_in_both_themes(&client, "quit-while-sending").await);

        // "Keep open" stays; closing again asks again.
        click_xpath(&client, "//*[@data-testid='quit-stay']").await;
        gone(&client, dialog).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(app_processes().len(), 1, "kept open");
        close_windows(&app_windows());
        wait_for(&client, "[data-testid=quit-dialog]").await;

        // The server answers again: the invite arrives and the app closes by itself.
        hold.store(false, Ordering::SeqCst);
        app_exits(Duration::from_secs(30)).await;
        let made = api.invitations(email).await;
        assert_eq!(made.len(), 1, "the invite arrived once before the app quit: {made:?}");
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    checks
}
