//! Cursor pagination. A cursor is the opaque (base64url) sort key of the last item of a page; the next
//! page starts strictly after it, so pages never repeat or skip items however many there are.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use switchboard_api::ErrorCode;
use switchboard_api::Page;
use switchboard_api::page::{DEFAULT_LIMIT, MAX_LIMIT};

use crate::error::{ApiError, ApiResult};

const PREFIX: &str = "c1:";

#[derive(Debug, Clone)]
pub struct PageRequest {
    /// Sort key of the last item already seen.
    pub after: Option<String>,
    pub limit: i64,
}

impl PageRequest {
    pub fn new(cursor: Option<&str>, limit: Option<u32>) -> ApiResult<PageRequest> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidLimit,
                format!("limit must be 1..={MAX_LIMIT}"),
            ));
        }
        let after = match cursor {
            None | Some("") => None,
            Some(cursor) => Some(decode(cursor)?),
        };
        Ok(PageRequest {
            after,
            limit: i64::from(limit),
        })
    }

    /// How many rows to fetch: one more than the page, to know whether another page follows.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }

    /// Cuts the fetched rows to a page and makes the next cursor from the last kept item.
    pub fn finish<T>(&self, mut items: Vec<T>, key: impl Fn(&T) -> String) -> Page<T> {
        let more = items.len() as i64 > self.limit;
        items.truncate(self.limit as usize);
        let next_cursor = if more {
            items.last().map(|last| encode(&key(last)))
        } else {
            None
        };
        Page {
            data: items,
            next_cursor,
            total: None,
        }
    }
}

pub fn encode(key: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{PREFIX}{key}"))
}

fn decode(cursor: &str) -> ApiResult<String> {
    let invalid = || {
        ApiError::bad_request(
            ErrorCode::InvalidCursor,
            "the cursor is not one this server issued",
        )
    };
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let key = text.strip_prefix(PREFIX).ok_or_else(invalid)?;
    // Keys are UUIDs; anything else was not made here.
    uuid::Uuid::parse_str(key).map_err(|_| invalid())?;
    Ok(key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_and_a_forged_one_is_refused() {
        let id = uuid::Uuid::now_v7().to_string();
        let request = PageRequest::new(Some(&encode(&id)), Some(10)).unwrap();
        assert_eq!(request.after.as_deref(), Some(id.as_str()));
        for bad in ["zzz", "!!", &URL_SAFE_NO_PAD.encode("c1:not-a-uuid")] {
            let err = PageRequest::new(Some(bad), None).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidCursor, "{bad}");
        }
    }

    #[test]
    fn limits_outside_one_to_two_hundred_are_refused() {
        assert_eq!(PageRequest::new(None, None).unwrap().limit, 50);
        assert!(PageRequest::new(None, Some(200)).is_ok());
        assert_eq!(
            PageRequest::new(None, Some(201)).unwrap_err().code(),
            ErrorCode::InvalidLimit
        );
        assert_eq!(
            PageRequest::new(None, Some(0)).unwrap_err().code(),
            ErrorCode::InvalidLimit
        );
    }

    #[test]
    fn finish_keeps_the_limit_and_points_after_the_last_item() {
        let request = PageRequest::new(None, Some(2)).unwrap();
        let ids: Vec<String> = (0..3).map(|_| uuid::Uuid::now_v7().to_string()).collect();
        let page = request.finish(ids.clone(), |id| id.clone());
        assert_eq!(page.data.len(), 2);
        assert_eq!(page.next_cursor, Some(encode(&ids[1])));
        let last = request.finish(ids[..2].to_vec(), |id| id.clone());
        assert_eq!(last.next_cursor, None);
    }
}
