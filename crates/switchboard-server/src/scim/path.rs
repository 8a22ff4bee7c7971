//! Parsing PATCH `path` values (RFC 7644 §3.5.2): `attrPath`, `attrPath[valFilter]` and
//! `attrPath[valFilter].subAttr`, each optionally URN-qualified. Same grammar source and bounds as
//! [`super::filter`]; errors are `invalidPath`.

use super::ScimType;
use super::filter::{ParseError, parse_with};

pub use scim_v2::filter::{PatchPath, PatchValuePath};

/// Parses a PATCH operation's `path`. Errors are `invalidPath`.
pub fn parse_path(input: &str) -> Result<PatchPath, ParseError> {
    parse_with(input, ScimType::InvalidPath, "path")
}

#[cfg(test)]
mod tests {
    use super::super::filter::{AttrExp, AttrPath, CompValue, CompareOp, MAX_INPUT_LEN, ValFilter};
    use super::*;

    fn attr(uri: Option<&str>, name: &str, sub: Option<&str>) -> AttrPath {
        AttrPath {
            uri: uri.map(str::to_owned),
            name: name.to_owned(),
            sub_attr: sub.map(str::to_owned),
        }
    }

    fn eq(name: &str, value: &str) -> ValFilter {
        ValFilter::Attr(AttrExp::Comparison(
            attr(None, name, None),
            CompareOp::Eq,
            CompValue::Str(value.to_owned()),
        ))
    }

    const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    #[test]
    fn attribute_paths() {
        let table = [
            ("active", attr(None, "active", None)),
            ("members", attr(None, "members", None)),
            ("name.givenName", attr(None, "name", Some("givenName"))),
            ("NAME.GIVENNAME", attr(None, "NAME", Some("GIVENNAME"))),
            (
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
                attr(Some(ENTERPRISE), "employeeNumber", None),
            ),
            (
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                attr(Some(ENTERPRISE), "manager", None),
            ),
            (
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
                attr(Some(ENTERPRISE), "manager", Some("value")),
            ),
            (
                "urn:ietf:params:scim:schemas:core:2.0:User:name.familyName",
                attr(
                    Some("urn:ietf:params:scim:schemas:core:2.0:User"),
                    "name",
                    Some("familyName"),
                ),
            ),
        ];
        for (text, want) in table {
            assert_eq!(parse_path(text), Ok(PatchPath::Attr(want)), "{text}");
        }
    }

    #[test]
    fn value_paths() {
        let table = [
            (
                r#"emails[type eq "work"].value"#,
                PatchValuePath {
                    attr: attr(None, "emails", None),
                    filter: eq("type", "work"),
                    sub_attr: Some("value".to_owned()),
                },
            ),
            (
                r#"members[value eq "2819c223-7f76-453a-919d-413861904646"]"#,
                PatchValuePath {
                    attr: attr(None, "members", None),
                    filter: eq("value", "2819c223-7f76-453a-919d-413861904646"),
                    sub_attr: None,
                },
            ),
            (
                r#"addresses[type eq "work"].streetAddress"#,
                PatchValuePath {
                    attr: attr(None, "addresses", None),
                    filter: eq("type", "work"),
                    sub_attr: Some("streetAddress".to_owned()),
                },
            ),
        ];
        for (text, want) in table {
            assert_eq!(parse_path(text), Ok(PatchPath::Value(want)), "{text}");
        }
        let Ok(PatchPath::Value(vp)) = parse_path(r#"members[value eq "a" or value eq "b"].display"#) else {
            panic!("value path with an or filter");
        };
        assert!(matches!(vp.filter, ValFilter::Or(_)));
    }

    #[test]
    fn malformed_paths_are_invalid_path() {
        let table = [
            "",
            " ",
            "emails[",
            r#"emails[type eq "work""#,
            r#"emails[type eq "work"]."#,
            r#"emails[type eq "work"].value.x"#,
            r#"userName eq "x""#,
            "a.b.c",
            "9lives",
            "emails[]",
            r#"emails[type eq "work"]extra"#,
        ];
        for text in table {
            let err = parse_path(text).expect_err(text);
            assert_eq!(err.scim_type(), "invalidPath", "{text}");
            assert!(!err.to_string().is_empty());
        }
        let long = format!("a{}", "b".repeat(MAX_INPUT_LEN));
        assert_eq!(
            parse_path(&long).expect_err("too long").scim_type(),
            "invalidPath"
        );
    }
}
