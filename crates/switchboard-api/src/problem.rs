//! RFC 9457 problem details, the error body of every Team API response that is not a success.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `application/problem+json` body. `code` is stable and machine-readable; `detail` is for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Problem {
    /// A URI naming the problem type; `about:blank` when the status says it all.
    #[serde(rename = "type", default = "about_blank")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// Stable machine code such as `validation_failed` or `precondition_failed`.
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Per-field validation messages, keyed by the JSON field name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<String, Vec<String>>,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

/// The media type of a problem body.
pub const PROBLEM_JSON: &str = "application/problem+json";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_validation_problem_and_defaults_its_type() {
        let body = r#"{"title":"Invalid request","status":422,"code":"validation_failed",
                       "errors":{"email":["is not an email address"]}}"#;
        let problem: Problem = serde_json::from_str(body).unwrap();
        assert_eq!(problem.kind, "about:blank");
        assert_eq!(problem.status, 422);
        assert_eq!(
            problem.errors["email"],
            vec!["is not an email address".to_owned()]
        );
        let back = serde_json::to_value(&problem).unwrap();
        assert_eq!(back["type"], "about:blank");
        assert!(back.get("detail").is_none(), "absent detail is omitted, not null");
    }
}
