//! Profile photos in the real app, signed in to a separately started server: Settings → Account → the
//! camera button → the native GTK file chooser (driven with xdotool: Ctrl+L, the path, Return). A file
//! that isn't an image is refused in plain words; then a 24 MP phone photo stored turned (EXIF
//! orientation 6) with GPS tags is framed with the keyboard (zoom in, move left) and saved. The avatar the
//! server hands back is read as pixels: 512×512, upright, the framed region, and no metadata. It shows in
//! the members list and the header; Remove photo brings the initials back.
//!
//! A real drag-and-drop of a file can't be produced here (xdotool has no XDND drag source), so the drop
//! path is covered by the UI's tests against the fake platform.

use std::time::Duration;

use switchboard_api::client::AvatarSize;
use switchboard_e2e::fantoccini::Client;
use switchboard_e2e::fantoccini::key::Key;
use switchboard_e2e::native::answer_file_chooser;
use switchboard_e2e::photo::{
    UPRIGHT_HEIGHT, UPRIGHT_WIDTH, jpeg_markers, region_shown, write_turned_photo_with_gps,
};
use switchboard_e2e::ui::*;
use switchboard_e2e::{OWNER_EMAIL, Signed, enabled, eventually};

const CHOOSER: &str = "Choose a photo";
const DIALOG: &str = "//*[@role='dialog'][.//*[normalize-space(.)='Profile photo']]";
const OWNER: &str = "Moana Tipene";

async fn open_photo_dialog(client: &Client) {
    go_to(client, "Settings").await;
    tab(client, "Account").await;
    click_xpath(client, "//button[@aria-label='Change photo']").await;
    find_xpath(client, DIALOG).await;
}

/// Clicks "Choose a photo…" and answers the native chooser with `file`.
async fn choose(client: &Client, file: &std::path::Path, shot: &str) {
    click_xpath(
        client,
        &format!("{DIALOG}//button[starts-with(normalize-space(.), 'Choose a photo')]"),
    )
    .await;
    answer_file_chooser(CHOOSER, Some(file), shot).await;
}

/// The zoom the framing dialog shows on its slider.
async fn zoom(client: &Client) -> f64 {
    let value = client
        .execute(
            "const s = document.querySelector('[role=dialog] input[type=range]'); return s ? Number(s.value) : null;",
            vec![],
        )
        .await
        .expect("read the zoom");
    value.as_f64().expect("a zoom slider in the framing dialog")
}

/// Whether a loaded photo (not initials) shows for `scope`'s first avatar.
async fn photo_shows(client: &Client, scope: &str) -> bool {
    let found = client
        .execute(
            "const img = document.evaluate(arguments[0], document, null, \
             XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue; \
             return !!img && img.complete && img.naturalWidth > 0;",
            vec![serde_json::json!(format!(
                "{scope}//img[contains(@class, 'avatar__photo')]"
            ))],
        )
        .await;
    found.is_ok_and(|v| v == serde_json::json!(true))
}

#[tokio::test]
async fn a_photo_picked_in_the_native_dialog_is_framed_cropped_natively_and_shown_everywhere() {
    if !enabled("a_photo_picked_in_the_native_dialog_is_framed_cropped_natively_and_shown_everywhere") {
        return;
    }
    let files = tempfile::tempdir().expect("a folder for the photos");
    let not_an_image = files.path().join("notes.jpg");
    std::fs::write(&not_an_image, "meeting notes, not a photo").unwrap();
    let photo = files.path().join("phone-photo.jpg");
    write_turned_photo_with_gps(&photo);

    let signed = Signed::start().await;
    let client = &signed.client;
    let owner_id = signed.api.member(OWNER).await.value.id;
    let mut shots = Vec::new();

    open_photo_dialog(client).await;
    shots.extend(shots_in_both_themes(client, "photo-prompt").await);

    // A text file named .jpg is refused by what it is, and the prompt stays to choose another.
    choose(client, &not_an_image, "photo-chooser").await;
    let refusal = eventually("the refusal of a file that isn't an image", || async {
        let text = text_at(client, DIALOG).await?;
        text.contains("This isn't an image").then_some(text)
    })
    .await;
    shots.push(shot(client, "photo-not-an-image").await);

    choose(client, &photo, "photo-chooser-photo").await;
    let framing = find_xpath(
        client,
        &format!("{DIALOG}//*[starts-with(@aria-label, 'Photo framing')]"),
    )
    .await;
    let preview_loaded = eventually("the preview", || async {
        let size = client
            .execute(
                "const i = document.querySelector('[role=dialog] img'); \
                 return i && i.complete && i.naturalWidth > 0 ? [i.naturalWidth, i.naturalHeight] : null;",
                vec![],
            )
            .await
            .ok()?;
        let size = size.as_array()?;
        Some((size[0].as_u64()?, size[1].as_u64()?))
    })
    .await;
    // Frame it with the keyboard: zoom in, then move the photo.
    framing.click().await.expect("focus the framing");
    framing.send_keys("++++").await.expect("zoom in");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let zoomed = zoom(client).await;
    let lefts: String = std::iter::repeat_n(char::from(Key::Left), 12).collect();
    framing.send_keys(&lefts).await.expect("move the photo");
    tokio::time::sleep(Duration::from_millis(500)).await;
    shots.extend(shots_in_both_themes(client, "photo-framing").await);

    click_xpath(
        client,
        &format!("{DIALOG}//button[normalize-space(.)='Save photo']"),
    )
    .await;
    gone(client, DIALOG).await;
    eventually("the photo in Settings → Account", || async {
        photo_shows(client, "//main").await.then_some(())
    })
    .await;
    shots.extend(shots_in_both_themes(client, "photo-saved-settings").await);

    let saved = signed.api.member(OWNER).await.value;
    let avatar = signed
        .api
        .0
        .avatars()
        .download(owner_id, AvatarSize::Large)
        .await
        .expect("download the avatar");

    go_to(client, "Members").await;
    tab(client, "Members").await;
    let row = format!("//*[@data-testid='member-row'][contains(., '{OWNER}')]");
    eventually("the photo in the members list", || async {
        photo_shows(client, &row).await.then_some(())
    })
    .await;
    let in_header = photo_shows(client, "//header").await;
    shots.extend(shots_in_both_themes(client, "photo-members-list").await);

    // Remove photo: back to initials, in the app and on the server.
    open_photo_dialog(client).await;
    click_xpath(
        client,
        &format!("{DIALOG}//button[normalize-space(.)='Remove photo']"),
    )
    .await;
    let confirm = "//*[@role='alertdialog']";
    find_xpath(client, confirm).await;
    click_xpath(
        client,
        &format!("{confirm}//button[normalize-space(.)='Remove photo']"),
    )
    .await;
    gone(client, DIALOG).await;
    go_to(client, "Members").await;
    // The row is there, and its avatar shows the initials with no photo in it.
    find_xpath(client, &row).await;
    eventually("initials in the members list again", || async {
        let avatar = text_at(client, &format!("{row}//span[contains(@class, 'avatar')]")).await?;
        let no_photo = !present(client, &format!("{row}//img")).await;
        (no_photo && avatar == "MT").then_some(())
    })
    .await;
    let removed = signed.api.member(OWNER).await.value;
    signed.close().await;

    assert!(refusal.contains("Choose a JPEG, PNG or WebP photo"), "{refusal}");
    // The preview is upright (portrait, like the photo as seen) and about 1,600 px on its long side.
    assert!(
        preview_loaded.1 > preview_loaded.0 && (1400..=1600).contains(&preview_loaded.1),
        "preview {preview_loaded:?}"
    );
    assert!(zoomed > 1.2, "the + key zooms in (zoom {zoomed})");
    assert!(saved.avatar_url.is_some(), "{saved:?}");
    assert_eq!(saved.email, OWNER_EMAIL);
    assert!(in_header, "the header's account button shows the photo");
    assert_eq!(removed.avatar_url, None);

    assert_eq!(avatar.content_type, "image/jpeg");
    let markers = jpeg_markers(&avatar.bytes);
    assert!(
        !markers.iter().any(|m| (0xE1..=0xEF).contains(m) || *m == 0xFE),
        "the avatar carries metadata segments: {markers:02X?}"
    );
    for needle in [&b"Exif"[..], b"GPS", b"http://ns.adobe.com"] {
        assert!(
            !avatar.bytes.windows(needle.len()).any(|w| w == needle),
            "the avatar contains {:?}",
            String::from_utf8_lossy(needle)
        );
    }
    let pixels = image::load_from_memory(&avatar.bytes)
        .expect("decode the avatar")
        .to_rgb8();
    assert_eq!(pixels.dimensions(), (512, 512));
    let (left, top, right, bottom) = region_shown(&pixels);
    let (width, height) = (right - left, bottom - top);
    // Upright: red grows to the right and green downwards, as in the photo as seen.
    assert!(
        width > 0.0 && height > 0.0,
        "not upright: {left:.0},{top:.0} → {right:.0},{bottom:.0}"
    );
    assert!(
        (width / height - 1.0).abs() < 0.05,
        "not square: {width:.0}×{height:.0}"
    );
    // The framed region: the frame is the short side (4000 px) at zoom 1, so zoomed in it is smaller.
    let expected = f64::from(UPRIGHT_WIDTH) / zoomed;
    assert!(
        (width / expected - 1.0).abs() < 0.08,
        "the avatar shows {width:.0} px of the photo, framed at zoom {zoomed}: expected about {expected:.0}"
    );
    // Moved sideways only: the centre left the photo's middle across, not up or down.
    let (centre_x, centre_y) = ((left + right) / 2.0, (top + bottom) / 2.0);
    let middle = (f64::from(UPRIGHT_WIDTH) / 2.0, f64::from(UPRIGHT_HEIGHT) / 2.0);
    assert!(
        (centre_x - middle.0).abs() > 150.0,
        "the frame did not move across: centre {centre_x:.0}"
    );
    assert!(
        (centre_y - middle.1).abs() < 120.0,
        "the frame moved up or down: centre {centre_y:.0}"
    );
    assert_screenshots(&shots);
}
