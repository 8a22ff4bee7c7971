//! Cursors for lists the caller can order (keyset pagination). The order is a sort key (one or more
//! values) then the id, so every row has exactly one place however many share a key; a page is "the next
//! `limit` rows after (key, id)", which skips or repeats nothing while rows are added or removed.
//!
//! The cursor (opaque, base64url) carries the last row's key and id, and the scope it was issued for:
//! the list, its sort, its direction and a fingerprint of its filters. A key from one order means nothing
//! in another (a name is no position in a list by email), and a cursor carried over to other filters
//! would silently start the new list part-way through, so both are refused (400 `invalid_cursor`) rather
//! than answered with a page that looks right and isn't.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use switchboard_api::page::{DEFAULT_LIMIT, MAX_LIMIT};
use switchboard_api::{ErrorCode, Page};

use crate::error::{ApiError, ApiResult};

/// Marks (and versions) this cursor format.
const PREFIX: &str = "k1:";

/// One value of a sort key, as bound to the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum KeyValue {
    Int(i64),
    Text(String),
}

/// The type of each value of a sort's key, so a forged cursor cannot bind text where SQL compares
/// integers (PostgreSQL would fail the query: a 500 instead of a 400).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Int,
    Text,
}

#[derive(Serialize, Deserialize)]
struct Payload {
    /// Scope: what the cursor continues.
    s: String,
    /// The sort key of the last row of the page.
    k: Vec<KeyValue>,
    /// Its id.
    id: String,
}

/// A page request in a chosen order.
#[derive(Debug, Clone)]
pub struct KeysetRequest {
    /// Sort key and id of the last row already seen.
    pub after: Option<(Vec<KeyValue>, String)>,
    pub limit: i64,
    scope: String,
}

impl KeysetRequest {
    /// `scope` names the list, its order and its filters (see [`scope`]); a cursor issued for any other
    /// scope, or whose key does not have the shape `kinds`, is a 400 `invalid_cursor`.
    pub fn new(
        cursor: Option<&str>,
        limit: Option<u32>,
        scope: String,
        kinds: &[KeyKind],
    ) -> ApiResult<KeysetRequest> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidLimit,
                format!("limit must be 1..={MAX_LIMIT}"),
            ));
        }
        let limit = i64::from(limit);
        let after = match cursor {
            None | Some("") => None,
            Some(cursor) => Some(decode(cursor, &scope, kinds)?),
        };
        Ok(KeysetRequest { after, limit, scope })
    }

    /// How many rows to fetch: one more than the page, to know whether another page follows.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }

    /// Cuts the fetched rows to a page and makes the next cursor from the last kept row's key and id.
    pub fn finish<T>(&self, mut items: Vec<T>, key: impl Fn(&T) -> (Vec<KeyValue>, String)) -> Page<T> {
        let more = items.len() as i64 > self.limit;
        items.truncate(self.limit as usize);
        let next_cursor = if more {
            items.last().map(|last| {
                let (k, id) = key(last);
                encode(&self.scope, k, id)
            })
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

/// A scope for [`KeysetRequest::new`]: the list and its order in clear, the filters as a short digest
/// (a search text can be long, and the cursor only needs to tell whether they are the same).
pub fn scope(list: &str, sort: &str, order: &str, filters: &impl Serialize) -> String {
    let filters = serde_json::to_vec(filters).unwrap_or_default();
    let digest = Sha256::digest(&filters);
    format!("{list}:{sort}:{order}:{}", hex::encode(&digest[..8]))
}

fn encode(scope: &str, k: Vec<KeyValue>, id: String) -> String {
    let payload = Payload {
        s: scope.to_owned(),
        k,
        id,
    };
    let json = serde_json::to_string(&payload).unwrap_or_default();
    URL_SAFE_NO_PAD.encode(format!("{PREFIX}{json}"))
}

fn decode(cursor: &str, scope: &str, kinds: &[KeyKind]) -> ApiResult<(Vec<KeyValue>, String)> {
    let invalid = || {
        ApiError::bad_request(
            ErrorCode::InvalidCursor,
            "the cursor is not one this server issued",
        )
    };
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let json = text.strip_prefix(PREFIX).ok_or_else(invalid)?;
    let payload: Payload = serde_json::from_str(json).map_err(|_| invalid())?;
    uuid::Uuid::parse_str(&payload.id).map_err(|_| invalid())?;
    let shaped = payload.k.len() == kinds.len()
        && payload.k.iter().zip(kinds).all(|(value, kind)| {
            matches!(
                (value, kind),
                (KeyValue::Int(_), KeyKind::Int) | (KeyValue::Text(_), KeyKind::Text)
            )
        });
    if !shaped {
        return Err(invalid());
    }
    if payload.s != scope {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidCursor,
            "the cursor continues a different sort, order or filter of this list: \
             start again from the first page",
        ));
    }
    Ok((payload.k, payload.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: [KeyKind; 1] = [KeyKind::Text];

    fn issued(scope: &str) -> String {
        let request = KeysetRequest::new(None, Some(1), scope.to_owned(), &NAME).unwrap();
        let ids = [uuid::Uuid::now_v7(), uuid::Uuid::now_v7()];
        let page = request.finish(ids.to_vec(), |id| {
            (vec![KeyValue::Text("ada".into())], id.to_string())
        });
        page.next_cursor.expect("a second page")
    }

    #[test]
    fn a_cursor_continues_its_own_scope_only() {
        let scope = scope("members", "name", "asc", &("q", None::<String>));
        let cursor = issued(&scope);
        let request = KeysetRequest::new(Some(&cursor), None, scope.clone(), &NAME).unwrap();
        let (key, _) = request.after.unwrap();
        assert_eq!(key, vec![KeyValue::Text("ada".into())]);

        for other in [
            super::scope("members", "email", "asc", &("q", None::<String>)),
            super::scope("members", "name", "desc", &("q", None::<String>)),
            super::scope("members", "name", "asc", &("q", Some("ada"))),
        ] {
            let err = KeysetRequest::new(Some(&cursor), None, other, &NAME).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidCursor);
        }
    }

    #[test]
    fn forged_and_misshapen_cursors_are_refused() {
        let scope = scope("members", "name", "asc", &());
        let id = uuid::Uuid::now_v7().to_string();
        let forged = [
            "zzz".to_owned(),
            "!!".to_owned(),
            URL_SAFE_NO_PAD.encode(format!("c1:{id}")),
            URL_SAFE_NO_PAD.encode("k1:{}"),
            URL_SAFE_NO_PAD.encode(format!(r#"k1:{{"s":"{scope}","k":["a"],"id":"nope"}}"#)),
            // An integer where the sort compares text, and a key of the wrong length.
            URL_SAFE_NO_PAD.encode(format!(r#"k1:{{"s":"{scope}","k":[1],"id":"{id}"}}"#)),
            URL_SAFE_NO_PAD.encode(format!(r#"k1:{{"s":"{scope}","k":["a","b"],"id":"{id}"}}"#)),
        ];
        for bad in &forged {
            let err = KeysetRequest::new(Some(bad), None, scope.clone(), &NAME).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidCursor, "{bad}");
        }
        let fine = URL_SAFE_NO_PAD.encode(format!(r#"k1:{{"s":"{scope}","k":["a"],"id":"{id}"}}"#));
        assert!(KeysetRequest::new(Some(&fine), None, scope, &NAME).is_ok());
    }

    #[test]
    fn limits_are_one_to_two_hundred() {
        let scope = scope("members", "name", "asc", &());
        assert_eq!(
            KeysetRequest::new(None, None, scope.clone(), &NAME)
                .unwrap()
                .limit,
            50
        );
        for limit in [0, 201] {
            let err = KeysetRequest::new(None, Some(limit), scope.clone(), &NAME).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidLimit);
        }
        assert!(KeysetRequest::new(None, Some(200), scope, &NAME).is_ok());
    }
}
