//! Import CSV in the real app: `import_invitations_csv` opens the native GTK file chooser (made on the
//! main thread, awaited off it), a file picked in it comes back parsed row by row, and Cancel comes back
//! as null. The chooser is driven the way a user would, with the keyboard (xdotool).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use switchboard_e2e::{AppHome, Driver, enabled, invoke, screenshot, wait_for, workspace_root};

const DIALOG_TITLE: &str = "Import people to invite";

fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .expect("run xdotool (./scripts/setup.sh installs it)");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Waits for the chooser, then picks `file` in it (ctrl+L, the path, Return), or cancels it (Escape).
async fn answer_the_dialog(file: Option<&Path>) {
    let deadline = Instant::now() + Duration::from_secs(30);
    let window = loop {
        let found = xdotool(&["search", "--onlyvisible", "--name", &format!("^{DIALOG_TITLE}$")]);
        if let Some(id) = found.lines().next() {
            break id.to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "the file chooser did not open within 30 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    // No window manager under Xvfb: give the chooser the keyboard ourselves.
    xdotool(&["windowfocus", "--sync", &window]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    match file {
        Some(file) => {
            screenshot("import-csv-dialog");
            xdotool(&["key", "ctrl+l"]);
            tokio::time::sleep(Duration::from_millis(200)).await;
            xdotool(&["type", "--delay", "5", &file.display().to_string()]);
            tokio::time::sleep(Duration::from_millis(200)).await;
            xdotool(&["key", "Return"]);
        }
        None => {
            xdotool(&["key", "Escape"]);
        }
    }
}

#[tokio::test]
async fn import_csv_reads_the_file_picked_in_the_native_dialog_and_cancel_is_null() {
    if !enabled("import_csv_reads_the_file_picked_in_the_native_dialog_and_cancel_is_null") {
        return;
    }
    let fixture = workspace_root().join("crates/switchboard-core/tests/fixtures/people-export.csv");
    let home = AppHome::new();
    let driver = Driver::start(&home.env());
    let client = driver.session().await;

    // Gather first, close the session, then assert: a failed assertion must not orphan the window.
    let outcome = async {
        wait_for(&client, "[data-testid=open-local-workspace]").await;
        let (picked, ()) = tokio::join!(
            invoke(&client, "import_invitations_csv"),
            answer_the_dialog(Some(&fixture))
        );
        let (cancelled, ()) =
            tokio::join!(invoke(&client, "import_invitations_csv"), answer_the_dialog(None));
        (picked, cancelled)
    }
    .await;
    client.close().await.expect("close session");
    drop(driver);
    let (picked, cancelled) = outcome;

    assert_eq!(picked["header"], true, "{picked}");
    assert_eq!(
        picked["ignoredColumns"],
        serde_json::json!(["Department", "Notes"])
    );
    let rows = picked["rows"].as_array().expect("rows");
    let lines: Vec<(u64, &str)> = rows
        .iter()
        .map(|row| (row["line"].as_u64().unwrap(), row["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        lines,
        [
            (2, "parsed"),
            (3, "parsed"),
            (5, "parsed"),
            (7, "rejected"),
            (8, "parsed"),
            (10, "rejected"),
            (11, "rejected"),
            (12, "rejected"),
        ]
    );
    assert_eq!(rows[1]["invitee"]["name"], "Lee, Jordan");
    assert_eq!(
        rows[3]["problems"],
        serde_json::json!(["line 7: “bob@” isn't an email address"])
    );
    assert_eq!(cancelled, serde_json::Value::Null);
}
