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
    /// How many items match the filters, across all pages. Lists that don't count leave it out.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    // A count fits a JavaScript number; ts-rs would otherwise say `bigint`, which JSON.parse never makes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total: Option<u64>,
}

wire_enum! {
    /// The direction of a list's order.
    #[derive(Default)]
    pub enum SortOrder {
        #[default]
        Asc,
        Desc,
    }
}

/// The largest `limit` a list accepts.
pub const MAX_LIMIT: u32 = 200;
/// The `limit` used when none is given.
pub const DEFAULT_LIMIT: u32 = 50;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_is_left_out_unless_counted() {
        let uncounted: Page<u8> = Page {
            data: vec![1],
            next_cursor: None,
            total: None,
        };
        assert_eq!(
            serde_json::to_value(&uncounted).unwrap(),
            serde_json::json!({ "data": [1], "next_cursor": null })
        );
        // A server that predates `total` still parses.
        let old: Page<u8> = serde_json::from_str(r#"{"data":[],"next_cursor":"c"}"#).unwrap();
        assert_eq!(old.total, None);
        let counted: Page<u8> =
            serde_json::from_str(r#"{"data":[],"next_cursor":null,"total":10000}"#).unwrap();
        assert_eq!(counted.total, Some(10_000));
    }
}
