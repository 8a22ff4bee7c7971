//! Parsing `?filter=` expressions (RFC 7644 §3.4.2.2).
//!
//! The grammar itself comes from `scim_v2`: its LR parser covers URN-qualified attribute paths,
//! value paths, `not`/`and`/`or` precedence and JSON string escapes, and it bounds nesting depth
//! and term count while it parses, so a hostile filter cannot exhaust the stack of anything that
//! later walks the tree (our evaluator, the SQL translation, `Drop`). This module adds the bound on
//! input length and turns its errors into [`ParseError`], which carries the `scimType` the server
//! answers with.
//!
//! The AST keeps attribute names as the client spelled them; SCIM names are case-insensitive
//! (RFC 7643 §2.1), so compare them with [`AttrPath::is`]/`eq_ignore_ascii_case`, never `==`.

use super::ScimType;

pub use scim_v2::filter::{
    AttrExp, AttrPath, CompValue, CompareOp, Filter, MAX_FILTER_DEPTH, MAX_FILTER_TERMS, ValFilter, ValuePath,
};

/// Longest filter or PATCH path accepted, in bytes. Real IdP filters are a few dozen bytes (Entra's
/// longest are `or` chains of ids); the bound keeps a hostile query string from costing more than a
/// small, fixed amount of parsing.
pub const MAX_INPUT_LEN: usize = 4096;

/// A filter or path that does not parse. `position` is a byte offset into the string the client
/// sent, when the parser can name one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    scim_type: ScimType,
    message: String,
    position: Option<usize>,
}

impl ParseError {
    /// `"invalidFilter"` for `?filter=`, `"invalidPath"` for a PATCH path (RFC 7644 §3.12).
    pub fn scim_type(&self) -> &'static str {
        self.scim_type.as_str()
    }

    pub fn position(&self) -> Option<usize> {
        self.position
    }
}

/// Parses a `?filter=` value (already percent-decoded). Errors are `invalidFilter`.
pub fn parse_filter(input: &str) -> Result<Filter, ParseError> {
    parse_with(input, ScimType::InvalidFilter, "filter")
}

/// Shared by filters and PATCH paths: the same bounds and error rendering, only the `scimType` and
/// the word in the message differ.
pub(super) fn parse_with<T>(input: &str, scim_type: ScimType, what: &str) -> Result<T, ParseError>
where
    T: std::str::FromStr<Err = scim_v2::filter::ParseError>,
{
    let error = |message: String, position: Option<usize>| ParseError {
        scim_type,
        message,
        position,
    };
    if input.len() > MAX_INPUT_LEN {
        return Err(error(
            format!("{what} is longer than {MAX_INPUT_LEN} bytes"),
            Some(MAX_INPUT_LEN),
        ));
    }
    if input.trim().is_empty() {
        return Err(error(format!("{what} is empty"), Some(0)));
    }
    // scim_v2 parses the trimmed input, so its offsets are relative to the first non-blank byte.
    let lead = input.len() - input.trim_start().len();
    input.parse::<T>().map_err(|e| {
        let (message, position) = describe(e, what);
        error(message, position.map(|p| p + lead))
    })
}

/// One-line message naming what was found and where. scim_v2's own `Display` spans lines and
/// prints `line:column`-looking pairs that are really byte ranges, which reads badly in a `detail`.
fn describe(error: scim_v2::filter::ParseError, what: &str) -> (String, Option<usize>) {
    use scim_v2::filter::ParseError as E;
    let expected = |list: Vec<String>| {
        if list.is_empty() {
            String::new()
        } else {
            format!("; expected {}", list.join(", "))
        }
    };
    match error {
        E::InvalidToken { location } => (
            format!("invalid {what}: unexpected character at offset {location}"),
            Some(location),
        ),
        E::UnrecognizedEof {
            location,
            expected: e,
        } => (
            format!("invalid {what}: unexpected end{}", expected(e)),
            Some(location),
        ),
        E::UnrecognizedToken {
            token: (start, token, _),
            expected: e,
        } => {
            let token = token.trim();
            // The grammar's operator tokens include their surrounding spaces, so `userName eq` (no
            // value) reports "unexpected `eq`, expected eq"; say what is actually wrong.
            let quoted = format!("\"{}\"", token.to_ascii_lowercase());
            let message = if e.contains(&quoted) {
                format!(
                    "invalid {what}: `{token}` at offset {start} needs a space on each side and a value after it"
                )
            } else {
                format!(
                    "invalid {what}: unexpected `{token}` at offset {start}{}",
                    expected(e)
                )
            };
            (message, Some(start))
        }
        E::ExtraToken {
            token: (start, token, _),
        } => (
            format!("invalid {what}: unexpected `{}` at offset {start}", token.trim()),
            Some(start),
        ),
        E::User { error } => (format!("invalid {what}: {error}"), None),
    }
}

/// Case-insensitive comparisons on attribute paths, since the parser keeps the client's spelling.
pub trait AttrPathExt {
    /// True when this path names `name` (optionally `name.sub`), ignoring ASCII case and any
    /// schema URN prefix.
    fn is(&self, name: &str, sub: Option<&str>) -> bool;
}

impl AttrPathExt for AttrPath {
    fn is(&self, name: &str, sub: Option<&str>) -> bool {
        self.name.eq_ignore_ascii_case(name)
            && match (&self.sub_attr, sub) {
                (None, None) => true,
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => false,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Filter {
        parse_filter(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    fn cmp(name: &str, sub: Option<&str>, op: CompareOp, value: CompValue) -> Filter {
        Filter::Attr(AttrExp::Comparison(path(None, name, sub), op, value))
    }

    fn path(uri: Option<&str>, name: &str, sub: Option<&str>) -> AttrPath {
        AttrPath {
            uri: uri.map(str::to_owned),
            name: name.to_owned(),
            sub_attr: sub.map(str::to_owned),
        }
    }

    fn s(v: &str) -> CompValue {
        CompValue::Str(v.to_owned())
    }

    /// Every example filter listed in RFC 7644 §3.4.2.2, in order.
    #[test]
    fn rfc_examples_parse() {
        let examples = [
            r#"userName Eq "john""#,
            r#"Username eq "john""#,
            r#"userName eq "bjensen""#,
            r#"name.familyName co "O'Malley""#,
            r#"userName sw "J""#,
            r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J""#,
            r#"title pr"#,
            r#"meta.lastModified gt "2011-05-13T04:42:34Z""#,
            r#"meta.lastModified ge "2011-05-13T04:42:34Z""#,
            r#"meta.lastModified lt "2011-05-13T04:42:34Z""#,
            r#"meta.lastModified le "2011-05-13T04:42:34Z""#,
            r#"title pr and userType eq "Employee""#,
            r#"title pr or userType eq "Intern""#,
            r#"schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User""#,
            r#"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#,
            r#"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#,
            r#"userType eq "Employee" and (emails.type eq "work")"#,
            r#"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#,
            r#"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#,
        ];
        for example in examples {
            parse(example);
        }
    }

    #[test]
    fn rfc_examples_have_the_expected_shape() {
        assert_eq!(
            parse(r#"userName Eq "john""#),
            cmp("userName", None, CompareOp::Eq, s("john"))
        );
        assert_eq!(
            parse(r#"name.familyName co "O'Malley""#),
            cmp("name", Some("familyName"), CompareOp::Co, s("O'Malley"))
        );
        assert_eq!(
            parse(r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J""#),
            Filter::Attr(AttrExp::Comparison(
                path(
                    Some("urn:ietf:params:scim:schemas:core:2.0:User"),
                    "userName",
                    None
                ),
                CompareOp::Sw,
                s("J"),
            ))
        );
        assert_eq!(
            parse("title pr"),
            Filter::Attr(AttrExp::Present(path(None, "title", None)))
        );
        let Filter::And(parts) =
            parse(r#"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#)
        else {
            panic!("expected and");
        };
        let Filter::ValuePath(vp) = &parts[1] else {
            panic!("expected a value path");
        };
        assert!(vp.attr.is("emails", None));
        assert!(matches!(*vp.filter, ValFilter::And(_)));
    }

    #[test]
    fn operators_and_keywords_ignore_case() {
        for op in ["eq", "EQ", "Eq", "eQ"] {
            assert_eq!(
                parse(&format!(r#"userName {op} "x""#)),
                cmp("userName", None, CompareOp::Eq, s("x"))
            );
        }
        let table = [
            ("ne", CompareOp::Ne),
            ("CO", CompareOp::Co),
            ("Sw", CompareOp::Sw),
            ("eW", CompareOp::Ew),
            ("GT", CompareOp::Gt),
            ("ge", CompareOp::Ge),
            ("Lt", CompareOp::Lt),
            ("LE", CompareOp::Le),
        ];
        for (text, op) in table {
            assert_eq!(
                parse(&format!("x {text} 1")),
                cmp("x", None, op, CompValue::Number(1.into()))
            );
        }
        assert!(matches!(parse("a pr AND b pr OR c PR"), Filter::Or(_)));
        assert!(matches!(parse("NOT (a pr)"), Filter::Not(_)));
    }

    #[test]
    fn and_binds_tighter_than_or_and_not_tighter_than_and() {
        // a or (b and c)
        let Filter::Or(parts) = parse("a pr or b pr and c pr") else {
            panic!("or at the root");
        };
        assert!(matches!(parts[0], Filter::Attr(_)));
        assert!(matches!(parts[1], Filter::And(_)));
        // (a and b) or c
        let Filter::Or(parts) = parse("a pr and b pr or c pr") else {
            panic!("or at the root");
        };
        assert!(matches!(parts[0], Filter::And(_)));
        // (not a) and b
        let Filter::And(parts) = parse("not (a pr) and b pr") else {
            panic!("and at the root");
        };
        assert!(matches!(parts[0], Filter::Not(_)));
        // parentheses override
        let Filter::And(parts) = parse("(a pr or b pr) and c pr") else {
            panic!("and at the root");
        };
        assert!(matches!(parts[0], Filter::Or(_)));
    }

    #[test]
    fn comp_values_are_typed() {
        let table = [
            ("x eq true", CompValue::True),
            ("x eq false", CompValue::False),
            ("x eq null", CompValue::Null),
            ("x eq 42", CompValue::Number(42.into())),
            (
                "x eq -1.5e3",
                CompValue::Number(serde_json::Number::from_f64(-1500.0).expect("finite")),
            ),
            (r#"x eq "42""#, s("42")),
        ];
        for (text, value) in table {
            let Filter::Attr(AttrExp::Comparison(_, _, got)) = parse(text) else {
                panic!("{text} is a comparison");
            };
            if let (CompValue::Number(a), CompValue::Number(b)) = (&got, &value) {
                assert_eq!(a.as_f64(), b.as_f64(), "{text}");
            } else {
                assert_eq!(got, value, "{text}");
            }
        }
    }

    #[test]
    fn string_escapes_follow_json() {
        let table = [
            (r#"x eq "a\"b""#, "a\"b"),
            (r#"x eq "a\\b""#, "a\\b"),
            (r#"x eq "\u00e9t\u00E9""#, "été"),
            (r#"x eq "tab\there""#, "tab\there"),
            (r#"x eq "slash\/""#, "slash/"),
            (r#"x eq "\ud83d\ude00""#, "😀"),
            (r#"x eq "unicode ünïcödé""#, "unicode ünïcödé"),
            (r#"x eq """#, ""),
        ];
        for (text, want) in table {
            assert_eq!(parse(text), cmp("x", None, CompareOp::Eq, s(want)), "{text}");
        }
    }

    #[test]
    fn idp_filters_parse() {
        let table = [
            // Okta user and group lookups
            (r#"userName eq "x@y""#, "userName", "x@y"),
            (r#"displayName eq "Engineering""#, "displayName", "Engineering"),
            // Entra ID
            (
                r#"userName eq "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081""#,
                "userName",
                "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081",
            ),
            (
                r#"externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef""#,
                "externalId",
                "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
            ),
            (
                r#"displayName eq "Group1DisplayName""#,
                "displayName",
                "Group1DisplayName",
            ),
        ];
        for (text, name, value) in table {
            assert_eq!(parse(text), cmp(name, None, CompareOp::Eq, s(value)));
        }
        let f =
            parse(r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984""#);
        let Filter::Attr(AttrExp::Comparison(p, _, _)) = f else {
            panic!("comparison");
        };
        assert_eq!(
            p.uri.as_deref(),
            Some("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        );
        assert!(p.is("EMPLOYEENUMBER", None));
    }

    #[test]
    fn surrounding_whitespace_is_ignored() {
        assert_eq!(
            parse("  title pr \t"),
            Filter::Attr(AttrExp::Present(path(None, "title", None)))
        );
    }

    #[test]
    fn malformed_filters_are_invalid_filter_with_position() {
        let table: &[(&str, Option<usize>)] = &[
            (r#"userName eq"#, Some(9)),
            (r#"userName xx "a""#, Some(9)),
            (r#"userName eq "unterminated"#, Some(12)),
            (r#"userName eq 'single'"#, Some(12)),
            (r#"(userName eq "a""#, None),
            (r#"userName eq "a")"#, None),
            (r#"userName eq "a" and"#, None),
            (r#"userName eq "a" xor title pr"#, None),
            (r#"emails[type eq "work""#, None),
            (r#"emails[type eq "work"]]"#, None),
            (r#"emails[value[type eq "x"]]"#, None),
            (r#"a.b.c eq "x""#, None),
            (r#"x eq True"#, Some(5)),
            (r#"x eq unquoted"#, Some(5)),
            (r#"eq "x""#, None),
            (r#"1abc eq "x""#, None),
            ("", Some(0)),
            ("   ", Some(0)),
        ];
        for (text, position) in table {
            let err = parse_filter(text).expect_err(text);
            assert_eq!(err.scim_type(), "invalidFilter", "{text}");
            assert!(err.to_string().starts_with("invalid filter") || err.to_string().contains("empty"));
            if position.is_some() {
                assert_eq!(err.position(), *position, "{text}: {err}");
            }
        }
    }

    #[test]
    fn a_dangling_operator_is_explained() {
        let err = parse_filter("userName eq").expect_err("no value");
        assert!(
            err.to_string().contains("`eq` at offset 9 needs a space"),
            "{err}"
        );
    }

    #[test]
    fn error_offsets_count_leading_whitespace() {
        let err = parse_filter(r#"   userName xx "a""#).expect_err("bad operator");
        assert_eq!(err.position(), Some(12), "{err}");
    }

    #[test]
    fn input_length_is_bounded() {
        let at_limit = format!(r#"x eq "{}""#, "a".repeat(MAX_INPUT_LEN - 7));
        assert_eq!(at_limit.len(), MAX_INPUT_LEN);
        parse(&at_limit);
        let over = format!(r#"x eq "{}""#, "a".repeat(MAX_INPUT_LEN));
        let err = parse_filter(&over).expect_err("too long");
        assert_eq!(err.scim_type(), "invalidFilter");
        assert!(err.to_string().contains("longer than"));
    }

    #[test]
    fn nesting_depth_is_bounded() {
        let nested = |depth: usize| format!("{}a pr{}", "not (".repeat(depth), ")".repeat(depth));
        parse(&nested(MAX_FILTER_DEPTH - 2));
        let err = parse_filter(&nested(MAX_FILTER_DEPTH + 1)).expect_err("too deep");
        assert_eq!(err.scim_type(), "invalidFilter");
        assert!(err.to_string().contains("depth"), "{err}");
        // A deeper input is refused by the depth bound, not by the stack; 4 KiB of parentheses is
        // the worst a client can send.
        let err = parse_filter(&"(".repeat(MAX_INPUT_LEN)).expect_err("too deep");
        assert_eq!(err.scim_type(), "invalidFilter");
    }

    #[test]
    fn long_or_chains_stay_shallow() {
        // Entra and Okta batch lookups: many ids in one `or` chain must not count as nesting.
        let ids: Vec<String> = (0..100).map(|i| format!(r#"id eq "{i}""#)).collect();
        let Filter::Or(parts) = parse(&ids.join(" or ")) else {
            panic!("or chain");
        };
        assert_eq!(parts.len(), 100);
    }

    #[test]
    fn attr_path_is_ignores_case() {
        let p = path(None, "Name", Some("GivenName"));
        assert!(p.is("name", Some("givenName")));
        assert!(!p.is("name", None));
        assert!(!p.is("name", Some("familyName")));
    }
}
