//! `/v1/members/{id}/avatar`: upload (JPEG, PNG or WebP bytes, square), download by size, remove.

use bytes::Bytes;
use futures::StreamExt;
use reqwest::Method;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE};
use uuid::Uuid;

use super::{ApiError, Client, ETag, Versioned};
use crate::members::Member;

/// The sizes the server renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AvatarSize {
    /// 512×512.
    Large,
    /// 128×128.
    Medium,
    /// 64×64.
    Small,
}

impl AvatarSize {
    pub fn pixels(self) -> u32 {
        match self {
            AvatarSize::Large => 512,
            AvatarSize::Medium => 128,
            AvatarSize::Small => 64,
        }
    }
}

/// An avatar image as downloaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Avatar {
    /// E.g. `image/webp`.
    pub content_type: String,
    pub bytes: Bytes,
}

pub struct Avatars<'c> {
    pub(crate) client: &'c Client,
}

impl Avatars<'_> {
    /// `PUT /v1/members/{id}/avatar` with the member's `etag`: `content_type` is `image/jpeg`,
    /// `image/png` or `image/webp`; at most 5 MiB (413 beyond). Answers the member with its new ETag.
    pub async fn upload(
        &self,
        member_id: Uuid,
        etag: &ETag,
        content_type: &str,
        bytes: impl Into<Bytes>,
    ) -> Result<Versioned<Member>, ApiError> {
        let bytes: Bytes = bytes.into();
        let length = bytes.len();
        self.put(member_id, etag, content_type, length, reqwest::Body::from(bytes))
            .await
    }

    /// Like [`Avatars::upload`], calling `progress(sent, total)` in bytes as the body goes out (in
    /// chunks of 64 KiB), for a progress bar.
    pub async fn upload_with_progress(
        &self,
        member_id: Uuid,
        etag: &ETag,
        content_type: &str,
        bytes: impl Into<Bytes>,
        progress: impl Fn(u64, u64) + Send + Sync + 'static,
    ) -> Result<Versioned<Member>, ApiError> {
        const CHUNK: usize = 64 * 1024;
        let bytes: Bytes = bytes.into();
        let length = bytes.len();
        let total = length as u64;
        let chunks: Vec<Bytes> = (0..length)
            .step_by(CHUNK)
            .map(|start| bytes.slice(start..length.min(start + CHUNK)))
            .collect();
        let mut sent = 0u64;
        progress(0, total);
        let stream = futures::stream::iter(chunks).map(move |chunk| {
            sent += chunk.len() as u64;
            progress(sent, total);
            Ok::<_, std::io::Error>(chunk)
        });
        self.put(
            member_id,
            etag,
            content_type,
            length,
            reqwest::Body::wrap_stream(stream),
        )
        .await
    }

    async fn put(
        &self,
        member_id: Uuid,
        etag: &ETag,
        content_type: &str,
        length: usize,
        body: reqwest::Body,
    ) -> Result<Versioned<Member>, ApiError> {
        let content_type = content_type.to_owned();
        self.client
            .call(Method::PUT, &format!("v1/members/{member_id}/avatar"))
            .if_match(etag)
            // Set for a streamed body too, so the server can refuse an oversized one before reading it.
            .raw(move |b| {
                b.header(CONTENT_TYPE, content_type)
                    .header(CONTENT_LENGTH, length)
                    .body(body)
            })
            .versioned()
            .await
    }

    /// `GET /v1/members/{id}/avatar?size=`. A member without an avatar is a 404 problem.
    pub async fn download(&self, member_id: Uuid, size: AvatarSize) -> Result<Avatar, ApiError> {
        let response = self
            .client
            .call(Method::GET, &format!("v1/members/{member_id}/avatar"))
            .query(&[("size", size.pixels())])
            .send()
            .await?;
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("application/octet-stream")
            .to_owned();
        let bytes = response.bytes().await.map_err(ApiError::transport)?;
        Ok(Avatar { content_type, bytes })
    }

    /// `DELETE /v1/members/{id}/avatar` with the member's `etag`.
    pub async fn delete(&self, member_id: Uuid, etag: &ETag) -> Result<Versioned<Member>, ApiError> {
        self.client
            .call(Method::DELETE, &format!("v1/members/{member_id}/avatar"))
            .if_match(etag)
            .versioned()
            .await
    }
}
