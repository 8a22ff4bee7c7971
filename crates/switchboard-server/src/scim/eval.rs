//! Evaluating filters against a SCIM resource held as JSON (RFC 7644 §3.4.2.2).
//!
//! The server filters lists in SQL; this evaluator is what that translation must agree with, and it
//! selects the elements a PATCH value filter (`emails[type eq "work"]`) targets. Choices the RFC
//! leaves open, made here once:
//!
//! - Attribute names match ignoring ASCII case, at every level.
//! - A multi-valued attribute matches when any of its values does (`emails.type eq "work"`).
//! - A comparison without a sub-attribute on a complex attribute (`emails co "example.com"`)
//!   compares the element's `value` sub-attribute, as the RFC's own `emails co` example implies.
//! - `ne` is the negation of `eq`, so an absent attribute is "not equal" (in SQL: `IS DISTINCT FROM`,
//!   not `<>`). `eq null` matches an absent or null attribute and `ne null` a present one.
//! - `pr` needs a value that is not null, not `""`, not `[]` and not `{}`.
//! - Strings compare after Unicode lowercasing unless the attribute is caseExact
//!   ([`AttrSchema::case_exact`]). Two strings that both parse as RFC 3339 date-times compare as
//!   instants, so `meta.lastModified gt "2011-05-13T04:42:34Z"` is not a text comparison.
//! - Numbers compare numerically; booleans only with `eq`/`ne`; `co`/`sw`/`ew` only on strings; any
//!   other pairing of types does not match (the server may reject it earlier as `invalidFilter`).
//! - A URN-qualified attribute resolves inside the resource's member named by that URN
//!   (`"urn:…:enterprise:2.0:User": {…}`); a core schema URN
//!   ([`AttrSchema::is_core_schema`]) resolves to the top level.

use std::cmp::Ordering;

use serde_json::{Map, Number, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::filter::{AttrExp, AttrPath, AttrPathExt, CompValue, CompareOp, Filter, ValFilter};

/// What the evaluator needs to know about the schema; everything else it takes from the JSON.
pub trait AttrSchema {
    /// RFC 7643 §2.2 `caseExact` of an attribute. Inside a value filter the path is qualified with
    /// its parent, so `emails[value eq "x"]` asks about `emails.value`.
    fn case_exact(&self, attr: &AttrPath) -> bool;

    /// Whether `urn` names a core schema, whose attributes sit at the top level of the resource
    /// rather than under a member named by the URN.
    fn is_core_schema(&self, urn: &str) -> bool {
        urn.get(..CORE_PREFIX.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(CORE_PREFIX))
    }
}

const CORE_PREFIX: &str = "urn:ietf:params:scim:schemas:core:";

/// Lets tests and one-off callers pass a closure for `case_exact`.
impl<F: Fn(&AttrPath) -> bool> AttrSchema for F {
    fn case_exact(&self, attr: &AttrPath) -> bool {
        self(attr)
    }
}

/// The RFC 7643 core User and Group schemas: identifiers the service provider or client assigns
/// (`id`, `externalId`, `meta.version`, `meta.location`) are caseExact; names, e-mail addresses
/// and group member values are not.
#[derive(Debug, Clone, Copy, Default)]
pub struct CoreSchema;

impl AttrSchema for CoreSchema {
    fn case_exact(&self, attr: &AttrPath) -> bool {
        attr.is("id", None)
            || attr.is("externalId", None)
            || attr.is("meta", Some("version"))
            || attr.is("meta", Some("location"))
            || attr.is("password", None)
    }
}

/// Whether `resource` matches `filter`.
pub fn matches(filter: &Filter, resource: &Value, schema: &dyn AttrSchema) -> bool {
    // Recursion is bounded by the parser's depth limit (`MAX_FILTER_DEPTH`).
    match filter {
        Filter::Attr(exp) => attr_exp(exp, resource, None, schema),
        Filter::ValuePath(vp) => elements(resource, &vp.attr, schema)
            .any(|element| element_matches(&vp.filter, element, &vp.attr, schema)),
        Filter::Not(inner) => !matches(inner, resource, schema),
        Filter::And(parts) => parts.iter().all(|f| matches(f, resource, schema)),
        Filter::Or(parts) => parts.iter().any(|f| matches(f, resource, schema)),
    }
}

/// Whether one element of the multi-valued attribute `parent` matches a value filter, e.g. one
/// entry of `emails` against `type eq "work"`. The PATCH applier selects targets with this.
pub fn element_matches(
    filter: &ValFilter,
    element: &Value,
    parent: &AttrPath,
    schema: &dyn AttrSchema,
) -> bool {
    match filter {
        ValFilter::Attr(exp) => attr_exp(exp, element, Some(parent), schema),
        ValFilter::Not(inner) => !element_matches(inner, element, parent, schema),
        ValFilter::And(parts) => parts.iter().all(|f| element_matches(f, element, parent, schema)),
        ValFilter::Or(parts) => parts.iter().any(|f| element_matches(f, element, parent, schema)),
    }
}

/// Looks a member up by name ignoring ASCII case. An exact match wins, so a resource that somehow
/// holds both `userName` and `username` still answers predictably.
pub(super) fn get_ci<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    map.get(name).or_else(|| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// The spelling under which `map` holds `name`, if it holds it in any case.
pub(super) fn key_ci(map: &Map<String, Value>, name: &str) -> Option<String> {
    if map.contains_key(name) {
        return Some(name.to_owned());
    }
    map.keys().find(|k| k.eq_ignore_ascii_case(name)).cloned()
}

/// The object an attribute path's name is looked up in: the resource itself, or the extension
/// member its URN names. `None` when the URN names an extension the resource doesn't carry.
fn container<'a>(
    resource: &'a Value,
    uri: Option<&str>,
    schema: &dyn AttrSchema,
) -> Option<&'a Map<String, Value>> {
    let top = resource.as_object()?;
    match uri {
        None => Some(top),
        Some(urn) => match get_ci(top, urn) {
            Some(ext) => ext.as_object(),
            None if schema.is_core_schema(urn) => Some(top),
            None => None,
        },
    }
}

/// The values of the attribute itself (a multi-valued attribute's elements, one by one).
fn elements<'a>(
    resource: &'a Value,
    attr: &AttrPath,
    schema: &dyn AttrSchema,
) -> impl Iterator<Item = &'a Value> {
    container(resource, attr.uri.as_deref(), schema)
        .and_then(|c| get_ci(c, &attr.name))
        .into_iter()
        .flat_map(flatten)
}

fn flatten(value: &Value) -> Box<dyn Iterator<Item = &Value> + '_> {
    match value {
        Value::Array(items) => Box::new(items.iter()),
        other => Box::new(std::iter::once(other)),
    }
}

/// The values a path denotes within `ctx`, which is the resource at the top level and one element
/// of `parent` inside a value filter.
fn values<'a>(ctx: &'a Value, path: &AttrPath, in_element: bool, schema: &dyn AttrSchema) -> Vec<&'a Value> {
    let attr: Vec<&Value> = if in_element && !ctx.is_object() {
        // A simple multi-valued attribute's element is its own `value` (`schemas[value eq "…"]`).
        if path.is("value", None) {
            vec![ctx]
        } else {
            Vec::new()
        }
    } else {
        let uri = if in_element { None } else { path.uri.as_deref() };
        container(ctx, uri, schema)
            .and_then(|c| get_ci(c, &path.name))
            .into_iter()
            .flat_map(flatten)
            .collect()
    };
    match &path.sub_attr {
        None => attr,
        Some(sub) => attr
            .into_iter()
            .filter_map(|v| v.as_object().and_then(|o| get_ci(o, sub)))
            .flat_map(flatten)
            .collect(),
    }
}

fn attr_exp(exp: &AttrExp, ctx: &Value, parent: Option<&AttrPath>, schema: &dyn AttrSchema) -> bool {
    match exp {
        AttrExp::Present(path) => values(ctx, path, parent.is_some(), schema)
            .into_iter()
            .any(is_present),
        AttrExp::Comparison(path, op, expected) => {
            // The `value` of each complex element stands in for the element itself.
            let actual: Vec<&Value> = values(ctx, path, parent.is_some(), schema)
                .into_iter()
                .filter_map(|v| match v {
                    Value::Object(o) => get_ci(o, "value"),
                    other => Some(other),
                })
                .filter(|v| !v.is_null())
                .collect();
            let case_exact = match parent {
                None => schema.case_exact(path),
                Some(parent) => schema.case_exact(&AttrPath {
                    uri: parent.uri.clone(),
                    name: parent.name.clone(),
                    sub_attr: Some(path.name.clone()),
                }),
            };
            match (op, expected) {
                (CompareOp::Eq, CompValue::Null) => actual.is_empty(),
                (CompareOp::Ne, CompValue::Null) => !actual.is_empty(),
                (_, CompValue::Null) => false,
                (CompareOp::Ne, _) => !actual
                    .iter()
                    .any(|v| compare(v, &CompareOp::Eq, expected, case_exact)),
                _ => actual.iter().any(|v| compare(v, op, expected, case_exact)),
            }
        }
    }
}

fn is_present(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => items.iter().any(is_present),
        Value::Object(members) => members.values().any(is_present),
        Value::Bool(_) | Value::Number(_) => true,
    }
}

/// One value against the filter's literal; `Ne` never reaches here (it is `!Eq` over all values).
fn compare(actual: &Value, op: &CompareOp, expected: &CompValue, case_exact: bool) -> bool {
    match (actual, expected) {
        (Value::String(a), CompValue::Str(e)) => compare_strings(a, op, e, case_exact),
        (Value::Number(a), CompValue::Number(e)) => match op {
            CompareOp::Co | CompareOp::Sw | CompareOp::Ew => false,
            _ => number_cmp(a, e).is_some_and(|ord| ordering_satisfies(op, ord)),
        },
        (Value::Bool(a), CompValue::True | CompValue::False) => {
            matches!(op, CompareOp::Eq) && *a == matches!(expected, CompValue::True)
        }
        _ => false,
    }
}

fn compare_strings(actual: &str, op: &CompareOp, expected: &str, case_exact: bool) -> bool {
    if !matches!(op, CompareOp::Co | CompareOp::Sw | CompareOp::Ew)
        && let (Some(a), Some(e)) = (date_time(actual), date_time(expected))
    {
        return ordering_satisfies(op, a.cmp(&e));
    }
    let (a, e) = if case_exact {
        (actual.to_owned(), expected.to_owned())
    } else {
        (actual.to_lowercase(), expected.to_lowercase())
    };
    match op {
        CompareOp::Co => a.contains(&e),
        CompareOp::Sw => a.starts_with(&e),
        CompareOp::Ew => a.ends_with(&e),
        _ => ordering_satisfies(op, a.cmp(&e)),
    }
}

/// RFC 3339 date-times, the form RFC 7643 §2.3.5 `dateTime` attributes take on the wire. The cheap
/// shape check keeps every other string comparison from paying for a failed parse.
fn date_time(s: &str) -> Option<OffsetDateTime> {
    let b = s.as_bytes();
    let shaped = b.len() >= 20 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-';
    if shaped {
        OffsetDateTime::parse(s, &Rfc3339).ok()
    } else {
        None
    }
}

fn number_cmp(a: &Number, b: &Number) -> Option<Ordering> {
    // Integers compare exactly; f64 would round ids beyond 2^53.
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return Some(x.cmp(&y));
    }
    if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
        return Some(x.cmp(&y));
    }
    a.as_f64()?.partial_cmp(&b.as_f64()?)
}

fn ordering_satisfies(op: &CompareOp, ord: Ordering) -> bool {
    match op {
        CompareOp::Eq => ord == Ordering::Equal,
        CompareOp::Ne => ord != Ordering::Equal,
        CompareOp::Gt => ord == Ordering::Greater,
        CompareOp::Ge => ord != Ordering::Less,
        CompareOp::Lt => ord == Ordering::Less,
        CompareOp::Le => ord != Ordering::Greater,
        CompareOp::Co | CompareOp::Sw | CompareOp::Ew => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::filter::parse_filter;
    use super::*;
    use serde_json::json;

    /// The full RFC 7643 §8.2 enterprise user example, trimmed to what the filters touch.
    fn bjensen() -> Value {
        json!({
            "schemas": [
                "urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
            ],
            "id": "2819c223-7f76-453a-919d-413861904646",
            "externalId": "701984",
            "userName": "bjensen@example.com",
            "name": {
                "formatted": "Ms. Barbara J Jensen, III",
                "familyName": "Jensen",
                "givenName": "Barbara"
            },
            "displayName": "Babs Jensen",
            "title": "Tour Guide",
            "userType": "Employee",
            "active": true,
            "emails": [
                {"value": "bjensen@example.com", "type": "work", "primary": true},
                {"value": "babs@jensen.org", "type": "home"}
            ],
            "ims": [{"value": "someaimhandle", "type": "aim"}],
            "x509Certificates": [],
            "nickName": "",
            "manager": null,
            "loginCount": 42,
            "meta": {
                "resourceType": "User",
                "created": "2010-01-23T04:56:22Z",
                "lastModified": "2011-05-13T04:42:34Z",
                "version": "W/\"a330bc54f0671c9\""
            },
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                "employeeNumber": "701984",
                "department": "Tour Operations",
                "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith"}
            }
        })
    }

    fn check(table: &[(&str, bool)], resource: &Value) {
        for (text, want) in table {
            let filter = parse_filter(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(
                matches(&filter, resource, &CoreSchema),
                *want,
                "{text} should be {want}"
            );
        }
    }

    #[test]
    fn rfc_examples_against_bjensen() {
        check(
            &[
                (r#"userName Eq "bjensen@example.com""#, true),
                (r#"Username eq "BJENSEN@example.com""#, true),
                (r#"userName eq "bjensen""#, false),
                (r#"name.familyName co "ens""#, true),
                (r#"name.familyName co "O'Malley""#, false),
                (r#"userName sw "B""#, true),
                (
                    r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "b""#,
                    true,
                ),
                (
                    r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "x""#,
                    false,
                ),
                ("title pr", true),
                ("nickName pr", false),
                (r#"meta.lastModified gt "2011-05-13T04:42:34Z""#, false),
                (r#"meta.lastModified ge "2011-05-13T04:42:34Z""#, true),
                (r#"meta.lastModified lt "2011-05-13T04:42:34Z""#, false),
                (r#"meta.lastModified le "2011-05-13T04:42:34Z""#, true),
                (r#"title pr and userType eq "Employee""#, true),
                (r#"title pr or userType eq "Intern""#, true),
                (
                    r#"schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User""#,
                    true,
                ),
                (
                    r#"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#,
                    true,
                ),
                (
                    r#"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#,
                    false,
                ),
                (r#"userType eq "Employee" and (emails.type eq "work")"#, true),
                (
                    r#"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#,
                    true,
                ),
                (
                    r#"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#,
                    true,
                ),
                (
                    r#"emails[type eq "home" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#,
                    false,
                ),
            ],
            &bjensen(),
        );
    }

    #[test]
    fn case_exactness_follows_the_schema() {
        check(
            &[
                (r#"id eq "2819C223-7F76-453A-919D-413861904646""#, false),
                (r#"id eq "2819c223-7f76-453a-919d-413861904646""#, true),
                (r#"externalId eq "701984""#, true),
                (r#"displayName eq "BABS JENSEN""#, true),
                (r#"emails.value eq "BJENSEN@EXAMPLE.COM""#, true),
                (r#"emails[value ew "JENSEN.ORG"]"#, true),
                (r#"meta.version eq "w/\"A330BC54F0671C9\"""#, false),
            ],
            &bjensen(),
        );
        // A closure is a schema too: here everything is caseExact.
        let exact = |_: &AttrPath| true;
        let f = parse_filter(r#"emails[value eq "BJENSEN@example.com"]"#).expect("parses");
        assert!(!matches(&f, &bjensen(), &exact));
        assert!(matches(&f, &bjensen(), &CoreSchema));
        // ...and inside a value filter it is asked about the qualified path.
        let only_emails_value = |p: &AttrPath| p.is("emails", Some("value"));
        assert!(!matches(&f, &bjensen(), &only_emails_value));
    }

    #[test]
    fn attribute_names_ignore_case_at_every_level() {
        check(
            &[
                (r#"USERNAME eq "bjensen@example.com""#, true),
                (r#"NAME.GIVENNAME eq "barbara""#, true),
                (r#"EMAILS[TYPE eq "work"]"#, true),
                (
                    r#"URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:EMPLOYEENUMBER eq "701984""#,
                    true,
                ),
            ],
            &bjensen(),
        );
    }

    #[test]
    fn extension_attributes_resolve_inside_their_urn() {
        check(
            &[
                (
                    r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984""#,
                    true,
                ),
                (
                    r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d""#,
                    true,
                ),
                (
                    r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department pr"#,
                    true,
                ),
                // Unqualified names don't reach into extensions, and vice versa.
                (r#"employeeNumber eq "701984""#, false),
                (
                    r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:userName pr"#,
                    false,
                ),
                (r#"urn:example:unknown:2.0:User:userName pr"#, false),
                // The top-level `manager` is null; the extension's is a complex value.
                ("manager pr", false),
            ],
            &bjensen(),
        );
    }

    #[test]
    fn presence() {
        check(
            &[
                ("emails pr", true),
                ("x509Certificates pr", false),
                ("nickName pr", false),
                ("manager pr", false),
                ("missing pr", false),
                ("active pr", true),
                ("loginCount pr", true),
                ("name pr", true),
                ("emails.primary pr", true),
                ("ims.primary pr", false),
                ("not (missing pr)", true),
            ],
            &bjensen(),
        );
        check(&[("name pr", false)], &json!({"name": {"givenName": ""}}));
    }

    #[test]
    fn numbers_booleans_and_null() {
        check(
            &[
                ("loginCount eq 42", true),
                ("loginCount eq 42.0", true),
                ("loginCount gt 41", true),
                ("loginCount ge 42", true),
                ("loginCount lt 42", false),
                ("loginCount le 1e2", true),
                (r#"loginCount eq "42""#, false),
                ("loginCount co 4", false),
                ("active eq true", true),
                ("active eq false", false),
                ("active ne false", true),
                ("active gt false", false),
                (r#"active eq "true""#, false),
                ("manager eq null", true),
                ("missing eq null", true),
                ("title eq null", false),
                ("title ne null", true),
                ("title gt null", false),
            ],
            &bjensen(),
        );
        check(
            &[
                ("big eq 18446744073709551615", true),
                ("big gt 18446744073709551614", true),
                ("neg lt 0", true),
            ],
            &json!({"big": 18_446_744_073_709_551_615_u64, "neg": -3}),
        );
    }

    #[test]
    fn ne_is_the_negation_of_eq() {
        check(
            &[
                (r#"title ne "Tour Guide""#, false),
                (r#"title ne "tour guide""#, false),
                (r#"title ne "Other""#, true),
                (r#"missing ne "x""#, true),
                // Any element equal means the multi-valued attribute is not "not equal".
                (r#"emails.type ne "work""#, false),
                (r#"emails.type ne "other""#, true),
            ],
            &bjensen(),
        );
    }

    #[test]
    fn date_times_compare_as_instants() {
        let r = json!({"meta": {"lastModified": "2011-05-13T04:42:34.5+02:00"}});
        check(
            &[
                (r#"meta.lastModified eq "2011-05-13T02:42:34.500Z""#, true),
                (r#"meta.lastModified gt "2011-05-13T02:42:34Z""#, true),
                (r#"meta.lastModified lt "2011-05-13T03:00:00Z""#, true),
                // Lexically "2011-05-13T04…" > "2011-05-13T03…", but as instants it is earlier.
                (r#"meta.lastModified gt "2011-05-13T03:00:00Z""#, false),
                (r#"meta.lastModified sw "2011-05-13""#, true),
            ],
            &r,
        );
    }

    #[test]
    fn strings_order_lexically_ignoring_case() {
        check(
            &[
                (r#"userName gt "A""#, true),
                (r#"userName gt "C""#, false),
                (r#"userName lt "c""#, true),
                (r#"userName ge "BJENSEN@EXAMPLE.COM""#, true),
                (r#"userName le "bjensen@example.com""#, true),
                (r#"userName ew ".COM""#, true),
                (r#"userName co """#, true),
            ],
            &bjensen(),
        );
        // Lowercasing is Unicode-aware, not only ASCII.
        check(
            &[(r#"displayName eq "ÉCOLE""#, true)],
            &json!({"displayName": "école"}),
        );
    }

    #[test]
    fn complex_without_sub_attribute_compares_value() {
        check(
            &[
                (r#"emails eq "babs@jensen.org""#, true),
                (r#"emails co "jensen""#, true),
                (r#"emails eq "home""#, false),
                (r#"name eq "Barbara""#, false),
            ],
            &bjensen(),
        );
    }

    #[test]
    fn group_members() {
        let group = json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
            "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
            "displayName": "Tour Guides",
            "members": [
                {"value": "2819c223-7f76-453a-919d-413861904646", "$ref": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen"},
                {"value": "902c246b-6245-4190-8e05-00816be7344a", "display": "Mandy Pepperidge"}
            ]
        });
        check(
            &[
                (r#"displayName eq "tour guides""#, true),
                (
                    r#"members[value eq "902c246b-6245-4190-8e05-00816be7344a"]"#,
                    true,
                ),
                (r#"members.value eq "2819c223-7f76-453a-919d-413861904646""#, true),
                (r#"members eq "2819c223-7f76-453a-919d-413861904646""#, true),
                (r#"members[value eq "nope"]"#, false),
                (r#"members[display sw "mandy" and not (value eq "x")]"#, true),
                (
                    r#"urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "Tour Guides""#,
                    true,
                ),
            ],
            &group,
        );
    }

    #[test]
    fn simple_multi_valued_elements_are_their_own_value() {
        check(
            &[
                (
                    r#"schemas[value eq "urn:ietf:params:scim:schemas:core:2.0:User"]"#,
                    true,
                ),
                (r#"schemas[value sw "urn:example"]"#, false),
            ],
            &bjensen(),
        );
    }

    #[test]
    fn non_object_resources_match_nothing_but_negations() {
        let f = parse_filter("title pr").expect("parses");
        assert!(!matches(&f, &json!("string"), &CoreSchema));
        let f = parse_filter("not (title pr)").expect("parses");
        assert!(matches(&f, &json!([]), &CoreSchema));
    }

    #[test]
    fn core_schema_recognition() {
        assert!(CoreSchema.is_core_schema("urn:ietf:params:scim:schemas:core:2.0:User"));
        assert!(CoreSchema.is_core_schema("URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:Group"));
        assert!(!CoreSchema.is_core_schema("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"));
        assert!(!CoreSchema.is_core_schema("urn:ietf"));
    }
}
