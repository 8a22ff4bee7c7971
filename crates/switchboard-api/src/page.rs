//! Cursor pagination: every list answers `{data, next_cursor}`; `next_cursor` is null on the last page.

/// One page of a list. Pass `next_cursor` back as `?cursor=` for the next page.
// Derives spelled out rather than through `wire!`: utoipa's generic support trips over macro hygiene.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Page<T> {
    pub data: Vec<T>,
    /// Opaque; `null` when this is the last page.
    pub next_cursor: Option<String>,
}

/// The largest `limit` a list accepts.
pub const MAX_LIMIT: u32 = 200;
/// The `limit` used when none is given.
pub const DEFAULT_LIMIT: u32 = 50;
