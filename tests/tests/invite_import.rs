//! Import CSV in the real app: `import_invitations_csv` opens the native GTK file chooser (made on the
//! main thread, awaited off it), a file picked in it comes back parsed row by row, and Cancel comes back
//! as null. The chooser is driven the way a user would, with the keyboard (xdotool).

use switchboard_e2e::native::answer_file_chooser;
use switchboard_e2e::{AppHome, Driver, enabled, invoke, wait_for, workspace_root};

const DIALOG_TITLE: &str = "Import people to invite";

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
            answer_file_chooser(DIALOG_TITLE, Some(&fixture), "import-csv-dialog")
        );
        let (cancelled, ()) = tokio::join!(
            invoke(&client, "import_invitations_csv"),
            answer_file_chooser(DIALOG_TITLE, None, "import-csv-dialog")
        );
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
