//! `/v1/members/{id}/avatar`: upload (JPEG, PNG or WebP, square, decoded with limits), served at 512,
//! 128 and 64 pixels, and removal. A member may set their own; admins anyone's.

use std::io::Cursor;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use image::{ImageFormat, ImageReader, Limits};
use serde::Deserialize;
use switchboard_api::ErrorCode;
use switchboard_api::members::Member;
use uuid::Uuid;

use crate::authz::Caller;
use crate::error::{ApiError, ApiResult};
use crate::etag::{IfMatch, tagged};
use crate::extract::{ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store::{avatars, members};

/// Upload bodies are limited to this (5 MiB).
pub const AVATAR_BODY_LIMIT: usize = 5 * 1024 * 1024;
/// Larger sides are refused before decoding (the header is read first).
pub const MAX_SIDE: u32 = 4096;
pub const MIN_SIDE: u32 = 64;
pub const SIZES: [u32; 3] = [512, 128, 64];

/// Decodes, checks and renders the stored sizes (as JPEG). Runs on a blocking thread.
pub fn render(bytes: &[u8], format: ImageFormat) -> ApiResult<Vec<(u32, Vec<u8>)>> {
    let undecodable =
        || ApiError::unprocessable(ErrorCode::AvatarUndecodable, "the image could not be decoded");
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(128 * 1024 * 1024);
    reader.limits(limits);
    let (width, height) = reader.into_dimensions().map_err(|e| match e {
        image::ImageError::Limits(_) => too_large(),
        _ => undecodable(),
    })?;
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(too_large());
    }
    if width != height {
        return Err(ApiError::unprocessable(
            ErrorCode::AvatarNotSquare,
            format!("the image is {width}×{height}; it must be square"),
        ));
    }
    if width < MIN_SIDE {
        return Err(ApiError::unprocessable(
            ErrorCode::AvatarTooSmall,
            format!("the image must be at least {MIN_SIDE}×{MIN_SIDE}"),
        ));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(128 * 1024 * 1024);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => too_large(),
        _ => undecodable(),
    })?;
    let rgb = image::DynamicImage::ImageRgb8(image.to_rgb8());
    SIZES
        .iter()
        .map(|&size| {
            let resized = rgb.resize_exact(size, size, image::imageops::FilterType::Lanczos3);
            let mut out = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
                .encode_image(&resized)
                .map_err(|e| ApiError::Internal(format!("jpeg encoding: {e}")))?;
            Ok((size, out))
        })
        .collect()
}

fn too_large() -> ApiError {
    ApiError::unprocessable(
        ErrorCode::AvatarTooLarge,
        format!("the image must be at most {MAX_SIDE}×{MAX_SIDE} pixels"),
    )
}

#[utoipa::path(put, path = "/v1/members/{id}/avatar", tag = "members", operation_id = "set_avatar",
    params(("id" = Uuid, Path, description = "Member id")),
    request_body(description = "A square image, at most 5 MiB and 4096×4096",
        content((Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"), (Vec<u8> = "image/webp"))),
    responses((status = 200, description = "The member with its new avatar", body = Member)))]
pub async fn set_avatar(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<Uuid>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<Response> {
    let id = id.to_string();
    caller.require_self_or_admin(&id)?;
    let format = match headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        }) {
        Some(t) if t == "image/jpeg" => ImageFormat::Jpeg,
        Some(t) if t == "image/png" => ImageFormat::Png,
        Some(t) if t == "image/webp" => ImageFormat::WebP,
        _ => {
            return Err(ApiError::UnsupportedMediaType(
                "send image/jpeg, image/png or image/webp".into(),
            ));
        }
    };
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge("avatar uploads are limited to 5 MiB".into())
        } else {
            ApiError::bad_request(ErrorCode::InvalidBody, e.body_text())
        }
    })?;
    let rendered = tokio::task::spawn_blocking(move || render(&bytes, format))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??;
    // Judged after decoding, so a bad image is reported as such whatever the precondition.
    avatars::set(&state.db, caller.actor(), &id, &if_match, rendered).await?;
    let (member, version) = members::load(&state.db, &id).await?;
    Ok(tagged(StatusCode::OK, version, &member))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AvatarQuery {
    /// Pixels; served at the smallest stored size (64, 128, 512) at least this large. Default 512.
    pub size: Option<u32>,
    /// Cache buster from `avatar_url`; ignored.
    pub v: Option<i64>,
}

#[utoipa::path(get, path = "/v1/members/{id}/avatar", tag = "members", operation_id = "get_avatar",
    params(("id" = Uuid, Path, description = "Member id"), AvatarQuery),
    responses((status = 200, description = "The avatar as JPEG", content_type = "image/jpeg", body = Vec<u8>)))]
pub async fn get_avatar(
    State(state): State<AppState>,
    _caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<AvatarQuery>,
) -> ApiResult<Response> {
    let wanted = query.size.unwrap_or(512);
    let size = SIZES
        .iter()
        .rev()
        .copied()
        .find(|&s| s >= wanted)
        .unwrap_or(SIZES[0]);
    let stored = avatars::get(&state.db, &id.to_string(), size)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (content_type, bytes, version) = (stored.content_type, stored.bytes, stored.version);
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type).unwrap_or(HeaderValue::from_static("image/jpeg")),
    );
    headers.insert(header::ETAG, crate::etag::etag(version.unwrap_or(0)));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    Ok(response)
}

#[utoipa::path(delete, path = "/v1/members/{id}/avatar", tag = "members", operation_id = "delete_avatar",
    params(("id" = Uuid, Path, description = "Member id")),
    responses((status = 200, description = "The member without an avatar", body = Member)))]
pub async fn delete_avatar(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    let id = id.to_string();
    caller.require_self_or_admin(&id)?;
    avatars::remove(&state.db, caller.actor(), &id, &if_match).await?;
    let (member, version) = members::load(&state.db, &id).await?;
    Ok(tagged(StatusCode::OK, version, &member))
}
