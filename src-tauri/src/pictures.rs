//! The `picture:` scheme, how images reach the webview without a token or a file path in it:
//!
//! - `picture://localhost/preview/<id>`: the preview of a photo opened for framing;
//! - `picture://localhost/member/<uuid>?size=64|128|512&v=<version>`: a member's avatar, fetched from the
//!   open workspace's server with the session the core holds. The version comes from the member's
//!   `avatar_url` and changes with each new photo, so the webview never shows a stale one.
//!
//! Both answer `Cache-Control: no-store`: a member's photo is the workspace's data, and WebKit's disk
//! cache (under the user's cache dir) would keep it after signing out of the workspace, where nothing
//! of it may stay. The price is fetching an avatar again when an image is shown anew, from the core's
//! already-open connection.
//!
//! (On Windows the webview reaches it as `http://picture.localhost/…`; the UI asks Tauri for the base.)

use std::borrow::Cow;

use switchboard_api::client::AvatarSize;
use switchboard_core::desktop::Desktop;
use switchboard_core::photo::OpenPhotos;
use tauri::http::{Request, Response, StatusCode, header};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};
use uuid::Uuid;

pub const SCHEME: &str = "picture";
const IMAGE_TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];

pub fn handle<R: Runtime>(
    context: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = context.app_handle().clone();
    let uri = request.uri();
    let mut path = uri.path().trim_start_matches('/').split('/');
    let query = uri.query().unwrap_or_default();
    match (path.next(), path.next(), path.next()) {
        (Some("preview"), Some(id), None) => {
            let answer = match app.state::<OpenPhotos>().preview(id) {
                Some(jpeg) => image(jpeg.to_vec(), "image/jpeg", "no-store"),
                None => status(StatusCode::NOT_FOUND),
            };
            responder.respond(answer);
        }
        (Some("member"), Some(id), None) => {
            let (Ok(id), Some(size)) = (Uuid::parse_str(id), size_in(query)) else {
                return responder.respond(status(StatusCode::BAD_REQUEST));
            };
            let desktop = app.state::<Desktop>().inner().clone();
            tauri::async_runtime::spawn(async move {
                let answer = match desktop
                    .call(|c| async move { c.avatars().download(id, size).await })
                    .await
                {
                    // Only the image types the server stores: a server answering anything else (HTML, SVG)
                    // must not get it rendered under this scheme's origin.
                    Ok(avatar) if IMAGE_TYPES.contains(&avatar.content_type.as_str()) => {
                        image(avatar.bytes.to_vec(), &avatar.content_type, "no-store")
                    }
                    Ok(avatar) => {
                        tracing::debug!(content_type = %avatar.content_type, "an avatar that isn't an image type");
                        status(StatusCode::BAD_GATEWAY)
                    }
                    Err(error) => {
                        // An <img> has no use for the words: it falls back to the member's initials.
                        tracing::debug!(%error, "a member's avatar could not be fetched");
                        status(if error.code() == switchboard_api::ErrorCode::NotFound {
                            StatusCode::NOT_FOUND
                        } else {
                            StatusCode::BAD_GATEWAY
                        })
                    }
                };
                responder.respond(answer);
            });
        }
        _ => responder.respond(status(StatusCode::NOT_FOUND)),
    }
}

fn size_in(query: &str) -> Option<AvatarSize> {
    query
        .split('&')
        .find_map(|pair| match pair.strip_prefix("size=")? {
            "512" => Some(AvatarSize::Large),
            "128" => Some(AvatarSize::Medium),
            "64" => Some(AvatarSize::Small),
            _ => None,
        })
}

fn image(bytes: Vec<u8>, content_type: &str, cache: &str) -> Response<Cow<'static, [u8]>> {
    Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, cache)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::CONTENT_SECURITY_POLICY, "default-src 'none'")
        .body(Cow::Owned(bytes))
        .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR))
}

fn status(code: StatusCode) -> Response<Cow<'static, [u8]>> {
    let mut response = Response::new(Cow::Borrowed(&[][..]));
    *response.status_mut() = code;
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_servers_sizes_are_asked_for() {
        assert!(matches!(size_in("size=64&v=3"), Some(AvatarSize::Small)));
        assert!(matches!(size_in("v=3&size=512"), Some(AvatarSize::Large)));
        assert!(size_in("size=100").is_none());
        assert!(size_in("").is_none());
    }
}
