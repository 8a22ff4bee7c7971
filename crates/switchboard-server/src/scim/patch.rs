//! Applying PATCH operations (RFC 7644 §3.5.2) to a SCIM resource held as JSON.
//!
//! The applier knows no schema: it doesn't enforce mutability, required attributes or types, and
//! it stores values as sent. The server validates and coerces the patched resource afterwards as
//! it would a PUT body: Entra sends `{"op":"Replace","path":"active","value":"False"}`, which
//! leaves `"active": "False"` here for the server to turn into `false`; Okta's group rename
//! (`{"op":"replace","value":{"id":…,"displayName":…}}`) rewrites `id` with the same value, which
//! the server's readOnly check accepts as unchanged.
//!
//! Choices the RFC leaves open or that IdPs need, made here once:
//!
//! - Op names ignore case (Entra sends `"Add"`, `"Replace"`, `"Remove"`).
//! - Without a path, each member of `value` is applied as if it were the path: a plain name, a
//!   dotted or URN-qualified attribute path (Entra sends `"name.givenName"` keys), or a schema URN
//!   whose object holds that extension's attributes.
//! - `add` to a multi-valued attribute appends the values not already there; an existing element
//!   "is" the new value when it holds every member the new value has, so re-adding
//!   `{"value": id}` to members that carry `display` too is a no-op.
//! - `add`/`replace` on a complex single-valued attribute (`name`) merges sub-attributes;
//!   `replace` on a multi-valued one without a filter replaces all its values.
//! - A value filter that matches nothing is `noTarget` for `replace` (RFC 7644 §3.5.2.3). For `add`
//!   the RFC says a missing target is created, so `emails[type eq "work"].value` on a user without
//!   a work e-mail appends `{"type": "work", "value": …}` when the filter is only `eq` terms
//!   joined by `and`; any other filter is `noTarget`. For `remove` it is a no-op, so a retried
//!   removal of a group member succeeds.
//! - `remove` with a `value` on a multi-valued attribute removes the listed values (Entra removes
//!   group members as `{"op":"Remove","path":"members","value":[{"value":id}]}`).
//! - A multi-valued attribute left empty is removed (RFC 7644 §3.5.2.2: it is unassigned).
//! - When a written element has `"primary": true`, the others lose it (RFC 7643 §2.4).

use serde_json::{Map, Value};

use super::ScimType;
use super::eval::{AttrSchema, element_matches, get_ci, key_ci};
use super::filter::{AttrExp, AttrPath, CompValue, CompareOp, ParseError, ValFilter};
use super::path::{PatchPath, PatchValuePath, parse_path};

/// The `schemas` value of a PATCH request body.
pub const PATCH_OP_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    Add,
    Replace,
    Remove,
}

/// One element of a PATCH request's `Operations`.
#[derive(Debug, Clone, PartialEq)]
pub struct PatchOp {
    pub op: OpKind,
    pub path: Option<PatchPath>,
    /// Absent and JSON `null` differ: `add` needs a value, `replace` may store `null`.
    pub value: Option<Value>,
}

/// A PATCH that can't be applied; the server answers 400 with [`PatchError::scim_type`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PatchError {
    scim_type: ScimType,
    message: String,
}

impl PatchError {
    /// `invalidSyntax`, `invalidPath`, `noTarget` or `invalidValue` (RFC 7644 §3.12).
    pub fn scim_type(&self) -> &'static str {
        self.scim_type.as_str()
    }

    fn new(scim_type: ScimType, message: impl Into<String>) -> Self {
        Self {
            scim_type,
            message: message.into(),
        }
    }
}

impl From<ParseError> for PatchError {
    fn from(e: ParseError) -> Self {
        Self::new(ScimType::InvalidPath, e.to_string())
    }
}

fn syntax(message: impl Into<String>) -> PatchError {
    PatchError::new(ScimType::InvalidSyntax, message)
}

fn no_target(message: impl Into<String>) -> PatchError {
    PatchError::new(ScimType::NoTarget, message)
}

fn invalid_value(message: impl Into<String>) -> PatchError {
    PatchError::new(ScimType::InvalidValue, message)
}

fn invalid_path(message: impl Into<String>) -> PatchError {
    PatchError::new(ScimType::InvalidPath, message)
}

impl PatchOp {
    /// Reads one operation object, e.g. `{"op":"Replace","path":"active","value":"False"}`.
    pub fn from_json(op: &Value) -> Result<Self, PatchError> {
        let Value::Object(op) = op else {
            return Err(syntax("each operation must be an object"));
        };
        let kind = match get_ci(op, "op") {
            Some(Value::String(name)) if name.eq_ignore_ascii_case("add") => OpKind::Add,
            Some(Value::String(name)) if name.eq_ignore_ascii_case("replace") => OpKind::Replace,
            Some(Value::String(name)) if name.eq_ignore_ascii_case("remove") => OpKind::Remove,
            Some(other) => return Err(syntax(format!("unknown PATCH op {other}"))),
            None => return Err(syntax("operation has no \"op\"")),
        };
        let path = match get_ci(op, "path") {
            None | Some(Value::Null) => None,
            Some(Value::String(path)) => Some(parse_path(path)?),
            Some(_) => return Err(invalid_path("\"path\" must be a string")),
        };
        Ok(Self {
            op: kind,
            path,
            value: get_ci(op, "value").cloned(),
        })
    }
}

/// Reads a whole PATCH request body: `{"schemas":[PatchOp URN],"Operations":[…]}`.
pub fn parse_request(body: &Value) -> Result<Vec<PatchOp>, PatchError> {
    let Value::Object(body) = body else {
        return Err(syntax("PATCH body must be an object"));
    };
    let declared = match get_ci(body, "schemas") {
        Some(Value::Array(schemas)) => schemas.iter().any(|s| {
            s.as_str()
                .is_some_and(|s| s.eq_ignore_ascii_case(PATCH_OP_SCHEMA))
        }),
        _ => false,
    };
    if !declared {
        return Err(syntax(format!("\"schemas\" must list {PATCH_OP_SCHEMA}")));
    }
    match get_ci(body, "Operations") {
        Some(Value::Array(ops)) if !ops.is_empty() => ops.iter().map(PatchOp::from_json).collect(),
        _ => Err(syntax("\"Operations\" must be a non-empty array")),
    }
}

/// Applies one operation. On error `resource` is unchanged.
pub fn apply(resource: &mut Value, op: &PatchOp, schema: &dyn AttrSchema) -> Result<(), PatchError> {
    apply_all(resource, std::slice::from_ref(op), schema)
}

/// Applies operations in order, all or none (RFC 7644 §3.5.2: a failed operation fails the request
/// and the resource is left unmodified).
pub fn apply_all(resource: &mut Value, ops: &[PatchOp], schema: &dyn AttrSchema) -> Result<(), PatchError> {
    let Value::Object(original) = resource else {
        return Err(syntax("the resource is not a JSON object"));
    };
    let mut work = original.clone();
    for op in ops {
        apply_one(&mut work, op, schema)?;
    }
    *original = work;
    Ok(())
}

fn apply_one(
    resource: &mut Map<String, Value>,
    op: &PatchOp,
    schema: &dyn AttrSchema,
) -> Result<(), PatchError> {
    let value = op.value.as_ref();
    if op.op == OpKind::Add && value.is_none_or(Value::is_null) {
        return Err(invalid_value("\"add\" needs a value"));
    }
    if op.op == OpKind::Replace && value.is_none() {
        return Err(invalid_value("\"replace\" needs a value"));
    }
    match &op.path {
        None if op.op == OpKind::Remove => Err(no_target("\"remove\" needs a path")),
        None => {
            let Some(Value::Object(members)) = value else {
                return Err(invalid_value(
                    "without a path, the value must be an object of attributes",
                ));
            };
            for (key, member) in members {
                apply_member(resource, key, member, op.op, schema)?;
            }
            Ok(())
        }
        Some(PatchPath::Attr(path)) => apply_attr(resource, path, op.op, value, schema),
        Some(PatchPath::Value(vp)) => apply_value_path(resource, vp, op.op, value, schema),
    }
}

/// One member of a path-less `add`/`replace` value.
fn apply_member(
    resource: &mut Map<String, Value>,
    key: &str,
    value: &Value,
    kind: OpKind,
    schema: &dyn AttrSchema,
) -> Result<(), PatchError> {
    if let Value::Object(attrs) = value
        && is_schema_urn(resource, key)
    {
        for (name, member) in attrs {
            let path = AttrPath {
                uri: Some(key.to_owned()),
                name: name.clone(),
                sub_attr: None,
            };
            apply_attr(resource, &path, kind, Some(member), schema)?;
        }
        return Ok(());
    }
    // A key the path grammar rejects (say `$ref`) is still a member name; store it as sent.
    match parse_path(key) {
        Ok(PatchPath::Attr(path)) => apply_attr(resource, &path, kind, Some(value), schema),
        Ok(PatchPath::Value(vp)) => apply_value_path(resource, &vp, kind, Some(value), schema),
        Err(_) => apply_attr(resource, &AttrPath::with_name(key), kind, Some(value), schema),
    }
}

/// Whether a path-less value's member names a schema (its object holds that schema's attributes)
/// rather than a URN-qualified attribute. Schema URNs end in `…:<version>:<ResourceType>`
/// (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`); an attribute adds a segment
/// after that. A custom URN counts when the resource already lists or holds it.
fn is_schema_urn(resource: &Map<String, Value>, key: &str) -> bool {
    if !key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:")) {
        return false;
    }
    let mut segments = key.rsplit(':');
    let _resource_type = segments.next();
    let versioned = segments
        .next()
        .is_some_and(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'));
    let listed = match get_ci(resource, "schemas") {
        Some(Value::Array(schemas)) => schemas
            .iter()
            .any(|s| s.as_str().is_some_and(|s| s.eq_ignore_ascii_case(key))),
        _ => false,
    };
    versioned || listed || key_ci(resource, key).is_some()
}

/// The object an attribute lives in (the resource, or the extension its URN names), created for
/// writes. `None` when removing from an extension the resource doesn't carry.
fn container<'a>(
    resource: &'a mut Map<String, Value>,
    uri: Option<&str>,
    create: bool,
    schema: &dyn AttrSchema,
) -> Result<Option<&'a mut Map<String, Value>>, PatchError> {
    let Some(urn) = uri else {
        return Ok(Some(resource));
    };
    let key = match key_ci(resource, urn) {
        Some(key) => key,
        None if schema.is_core_schema(urn) => return Ok(Some(resource)),
        None if create => {
            resource.insert(urn.to_owned(), Value::Object(Map::new()));
            urn.to_owned()
        }
        None => return Ok(None),
    };
    let ext = resource.get_mut(&key).expect("key_ci found it");
    if ext.is_null() && create {
        *ext = Value::Object(Map::new());
    }
    match ext {
        Value::Object(ext) => Ok(Some(ext)),
        Value::Null => Ok(None),
        _ => Err(invalid_path(format!("{urn} is not an extension object"))),
    }
}

fn apply_attr(
    resource: &mut Map<String, Value>,
    path: &AttrPath,
    kind: OpKind,
    value: Option<&Value>,
    schema: &dyn AttrSchema,
) -> Result<(), PatchError> {
    let Some(container) = container(resource, path.uri.as_deref(), kind != OpKind::Remove, schema)? else {
        return Ok(());
    };
    let Some(sub) = &path.sub_attr else {
        return write(container, &path.name, kind, value);
    };
    // `name.givenName`: the sub-attribute of a complex attribute, or of every element of a
    // multi-valued one (there is no filter to pick elements).
    let parent_key = match key_ci(container, &path.name) {
        Some(key) => key,
        None if kind == OpKind::Remove => return Ok(()),
        None => {
            container.insert(path.name.clone(), Value::Object(Map::new()));
            path.name.clone()
        }
    };
    let parent = container.get_mut(&parent_key).expect("key_ci found it");
    if parent.is_null() {
        if kind == OpKind::Remove {
            return Ok(());
        }
        *parent = Value::Object(Map::new());
    }
    match parent {
        Value::Object(members) => write(members, sub, kind, value)?,
        Value::Array(items) => {
            for item in items.iter_mut() {
                let Value::Object(members) = item else {
                    return Err(invalid_path(format!("{} has no sub-attributes", path.name)));
                };
                write(members, sub, kind, value)?;
            }
        }
        _ => return Err(invalid_path(format!("{} has no sub-attributes", path.name))),
    }
    prune(container, &parent_key);
    Ok(())
}

/// Writes one member of an object by name: the attribute-level semantics of add/replace/remove.
fn write(
    members: &mut Map<String, Value>,
    name: &str,
    kind: OpKind,
    value: Option<&Value>,
) -> Result<(), PatchError> {
    let key = key_ci(members, name);
    let existing = key.as_ref().and_then(|k| members.get_mut(k));
    match (kind, existing) {
        (OpKind::Remove, None) => {}
        (OpKind::Remove, Some(Value::Array(items))) if value.is_some_and(|v| !v.is_null()) => {
            let doomed = as_list(value.expect("checked"));
            items.retain(|item| !doomed.iter().any(|d| covers(item, d)));
            prune(members, key.as_deref().expect("existing"));
        }
        (OpKind::Remove, Some(_)) => {
            members.remove(key.as_deref().expect("existing"));
        }
        (OpKind::Add | OpKind::Replace, None | Some(Value::Null)) => {
            let value = value.expect("checked by apply_one").clone();
            let key = key.unwrap_or_else(|| name.to_owned());
            members.insert(key.clone(), value);
            prune(members, &key);
        }
        (OpKind::Add, Some(Value::Array(items))) => {
            let before = items.len();
            for new in as_list(value.expect("checked by apply_one")) {
                if !items.iter().any(|item| covers(item, new)) {
                    items.push(new.clone());
                }
            }
            let after = items.len();
            single_primary(items, before..after);
        }
        (OpKind::Replace, Some(existing @ Value::Array(_))) => {
            let value = value.expect("checked by apply_one");
            let mut items: Vec<Value> = as_list(value).into_iter().cloned().collect();
            let len = items.len();
            single_primary(&mut items, 0..len);
            *existing = Value::Array(items);
            prune(members, key.as_deref().expect("existing"));
        }
        (OpKind::Add | OpKind::Replace, Some(Value::Object(sub))) => {
            match value.expect("checked by apply_one") {
                Value::Object(new) => merge(sub, new),
                other => {
                    // A complex attribute replaced by a non-object: store what was sent and let
                    // the server's type check answer `invalidValue` with the schema in hand.
                    members.insert(key.expect("existing"), other.clone());
                }
            }
        }
        (OpKind::Add | OpKind::Replace, Some(existing)) => {
            *existing = value.expect("checked by apply_one").clone();
        }
    }
    Ok(())
}

fn apply_value_path(
    resource: &mut Map<String, Value>,
    vp: &PatchValuePath,
    kind: OpKind,
    value: Option<&Value>,
    schema: &dyn AttrSchema,
) -> Result<(), PatchError> {
    if vp.attr.sub_attr.is_some() {
        return Err(invalid_path(
            "a value filter applies to an attribute, not a sub-attribute",
        ));
    }
    let Some(container) = container(resource, vp.attr.uri.as_deref(), kind == OpKind::Add, schema)? else {
        return Ok(());
    };
    let key = key_ci(container, &vp.attr.name);
    let items = match key.as_ref().and_then(|k| container.get_mut(k)) {
        Some(Value::Array(items)) => Some(items),
        None | Some(Value::Null) => None,
        Some(_) => {
            return Err(invalid_path(format!(
                "{} is not multi-valued; it takes no value filter",
                vp.attr.name
            )));
        }
    };
    let hits: Vec<usize> = items
        .as_ref()
        .map(|items| {
            items
                .iter()
                .enumerate()
                .filter(|(_, item)| element_matches(&vp.filter, item, &vp.attr, schema))
                .map(|(i, _)| i)
                .collect()
        })
        .unwrap_or_default();

    if hits.is_empty() {
        return match kind {
            OpKind::Remove => Ok(()),
            OpKind::Replace => Err(no_target(format!(
                "no value of {} matches the filter",
                vp.attr.name
            ))),
            OpKind::Add => {
                let element = new_element(vp, value.expect("checked by apply_one"))?;
                let name = key.unwrap_or_else(|| vp.attr.name.clone());
                let slot = container.entry(name).or_insert_with(|| Value::Array(Vec::new()));
                if slot.is_null() {
                    *slot = Value::Array(Vec::new());
                }
                let items = slot.as_array_mut().expect("created as an array");
                items.push(element);
                let last = items.len() - 1;
                single_primary(items, last..last + 1);
                Ok(())
            }
        };
    }

    let items = items.expect("hits come from items");
    match (kind, &vp.sub_attr) {
        (OpKind::Remove, None) => {
            let mut index = 0;
            items.retain(|_| {
                let keep = !hits.contains(&index);
                index += 1;
                keep
            });
        }
        (_, Some(sub)) => {
            for &i in &hits {
                let Value::Object(members) = &mut items[i] else {
                    return Err(invalid_path(format!("{} has no sub-attributes", vp.attr.name)));
                };
                write(members, sub, kind, value)?;
            }
            if kind != OpKind::Remove {
                single_primary(items, hits.iter().copied());
            }
        }
        (OpKind::Replace, None) => {
            let value = value.expect("checked by apply_one");
            for &i in &hits {
                items[i] = value.clone();
            }
            single_primary(items, hits.iter().copied());
        }
        (OpKind::Add, None) => {
            let Some(Value::Object(new)) = value else {
                return Err(invalid_value(
                    "adding to filtered values needs an object of sub-attributes",
                ));
            };
            for &i in &hits {
                if let Value::Object(members) = &mut items[i] {
                    merge(members, new);
                }
            }
            single_primary(items, hits.iter().copied());
        }
    }
    prune(container, key.as_deref().expect("hits come from items"));
    Ok(())
}

/// The element an `add` through an unmatched filter creates: the filter's `eq` terms, plus the
/// value as the sub-attribute (or merged in, when there is no sub-attribute).
fn new_element(vp: &PatchValuePath, value: &Value) -> Result<Value, PatchError> {
    let mut element = Map::new();
    if !eq_terms(&vp.filter, &mut element) {
        return Err(no_target(format!(
            "no value of {} matches the filter, and the filter doesn't describe a new one",
            vp.attr.name
        )));
    }
    match (&vp.sub_attr, value) {
        (Some(sub), value) => {
            write(&mut element, sub, OpKind::Add, Some(value))?;
        }
        (None, Value::Object(new)) => merge(&mut element, new),
        (None, _) => {
            return Err(invalid_value(
                "adding to filtered values needs an object of sub-attributes",
            ));
        }
    }
    Ok(Value::Object(element))
}

/// Collects `a eq v and b eq w` into members; false for any other shape of filter.
fn eq_terms(filter: &ValFilter, into: &mut Map<String, Value>) -> bool {
    match filter {
        ValFilter::Attr(AttrExp::Comparison(path, CompareOp::Eq, literal))
            if path.sub_attr.is_none() && path.uri.is_none() =>
        {
            let value = match literal {
                CompValue::Str(s) => Value::String(s.clone()),
                CompValue::Number(n) => Value::Number(n.clone()),
                CompValue::True => Value::Bool(true),
                CompValue::False => Value::Bool(false),
                CompValue::Null => return false,
            };
            into.insert(path.name.clone(), value);
            true
        }
        ValFilter::And(parts) => parts.iter().all(|part| eq_terms(part, into)),
        _ => false,
    }
}

/// Sub-attribute merge for complex values: members of `new` replace those of `existing` with the
/// same name (in any case), the rest are kept.
fn merge(existing: &mut Map<String, Value>, new: &Map<String, Value>) {
    for (name, value) in new {
        let key = key_ci(existing, name).unwrap_or_else(|| name.clone());
        existing.insert(key, value.clone());
    }
}

/// A multi-valued value may be sent as one element.
fn as_list(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

/// Whether `existing` already is `new`: equal, or for objects, holding every member `new` has.
fn covers(existing: &Value, new: &Value) -> bool {
    match (existing, new) {
        (Value::Object(have), Value::Object(want)) => {
            want.iter().all(|(name, value)| get_ci(have, name) == Some(value))
        }
        _ => existing == new,
    }
}

/// RFC 7643 §2.4: at most one element is primary. If one just written is, the others stop being.
fn single_primary(items: &mut [Value], written: impl IntoIterator<Item = usize>) {
    let is_primary = |v: &Value| {
        v.as_object()
            .and_then(|o| get_ci(o, "primary"))
            .is_some_and(|p| p == &Value::Bool(true))
    };
    let Some(winner) = written
        .into_iter()
        .filter(|&i| items.get(i).is_some_and(is_primary))
        .last()
    else {
        return;
    };
    for (i, item) in items.iter_mut().enumerate() {
        if i != winner
            && let Value::Object(members) = item
            && let Some(key) = key_ci(members, "primary")
            && members[&key] == Value::Bool(true)
        {
            members.insert(key, Value::Bool(false));
        }
    }
}

/// A multi-valued attribute with no values left is unassigned, so it goes rather than stay `[]`.
fn prune(members: &mut Map<String, Value>, key: &str) {
    if members
        .get(key)
        .is_some_and(|v| v.as_array().is_some_and(Vec::is_empty))
    {
        members.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::super::eval::CoreSchema;
    use super::*;
    use serde_json::json;

    const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    fn user() -> Value {
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "id": "2819c223-7f76-453a-919d-413861904646",
            "userName": "bjensen@example.com",
            "name": {"givenName": "Barbara", "familyName": "Jensen"},
            "active": true,
            "emails": [
                {"value": "bjensen@example.com", "type": "work", "primary": true},
                {"value": "babs@jensen.org", "type": "home"}
            ]
        })
    }

    fn group() -> Value {
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
            "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
            "displayName": "Tour Guides",
            "members": [
                {"value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen"},
                {"value": "902c246b-6245-4190-8e05-00816be7344a", "display": "Mandy Pepperidge"}
            ]
        })
    }

    fn op(json: Value) -> PatchOp {
        PatchOp::from_json(&json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    /// Applies one operation given as JSON and returns the patched resource.
    fn patched(mut resource: Value, operation: Value) -> Value {
        apply(&mut resource, &op(operation.clone()), &CoreSchema)
            .unwrap_or_else(|e| panic!("{operation}: {e}"));
        resource
    }

    /// Applies one operation that must fail, checks the resource is untouched, returns scimType.
    fn rejected(resource: Value, operation: Value) -> &'static str {
        let mut r = resource.clone();
        let err = apply(&mut r, &op(operation.clone()), &CoreSchema)
            .expect_err(&format!("{operation} should fail"));
        assert_eq!(r, resource, "a failed op must leave the resource unchanged");
        err.scim_type()
    }

    #[test]
    fn op_names_ignore_case() {
        for (name, kind) in [
            ("add", OpKind::Add),
            ("Add", OpKind::Add),
            ("REPLACE", OpKind::Replace),
            ("Replace", OpKind::Replace),
            ("remove", OpKind::Remove),
            ("Remove", OpKind::Remove),
        ] {
            assert_eq!(op(json!({"op": name, "path": "x", "value": 1})).op, kind);
        }
    }

    #[test]
    fn malformed_operations() {
        let table = [
            (json!({"op": "move", "path": "x"}), "invalidSyntax"),
            (json!({"op": 1}), "invalidSyntax"),
            (json!({"path": "x"}), "invalidSyntax"),
            (json!("add"), "invalidSyntax"),
            (json!({"op": "add", "path": "emails[type eq"}), "invalidPath"),
            (json!({"op": "add", "path": 7}), "invalidPath"),
        ];
        for (operation, scim_type) in table {
            let err = PatchOp::from_json(&operation).expect_err(&operation.to_string());
            assert_eq!(err.scim_type(), scim_type, "{operation}");
        }
    }

    #[test]
    fn requests_need_the_patch_schema_and_operations() {
        let ok = json!({
            "schemas": [PATCH_OP_SCHEMA],
            "Operations": [{"op": "replace", "value": {"active": false}}]
        });
        assert_eq!(parse_request(&ok).expect("valid").len(), 1);
        let table = [
            json!({"Operations": [{"op": "replace", "value": {}}]}),
            json!({"schemas": ["urn:other"], "Operations": [{"op": "replace", "value": {}}]}),
            json!({"schemas": [PATCH_OP_SCHEMA]}),
            json!({"schemas": [PATCH_OP_SCHEMA], "Operations": []}),
            json!({"schemas": [PATCH_OP_SCHEMA], "Operations": {"op": "add"}}),
            json!([]),
        ];
        for body in table {
            let err = parse_request(&body).expect_err(&body.to_string());
            assert_eq!(err.scim_type(), "invalidSyntax", "{body}");
        }
        let bad_path = json!({
            "schemas": [PATCH_OP_SCHEMA],
            "Operations": [{"op": "remove", "path": "members[value eq"}]
        });
        assert_eq!(
            parse_request(&bad_path).expect_err("bad path").scim_type(),
            "invalidPath"
        );
    }

    /// The operations RFC 7644 §3.5.2.1–3 uses as examples, in order.
    #[test]
    fn rfc_examples() {
        let babs = "2819c223-7f76-453a-919d-413861904646";
        let mandy = "902c246b-6245-4190-8e05-00816be7344a";
        let member = |id: &str| json!({"display": "X", "$ref": format!("https://example.com/v2/Users/{id}"), "value": id});
        let values = |r: &Value| -> Vec<String> {
            r["members"].as_array().map_or_else(Vec::new, |m| {
                m.iter()
                    .map(|m| m["value"].as_str().expect("value").to_owned())
                    .collect()
            })
        };
        let empty_group =
            json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "G"});

        // §3.5.2.1 add a member, then path-less add of an e-mail and a nickname.
        let r = patched(
            empty_group.clone(),
            json!({"op": "add", "path": "members", "value": [member(babs)]}),
        );
        assert_eq!(values(&r), [babs]);
        let r = patched(
            user(),
            json!({"op": "add", "value": {"emails": [{"value": "babs@jensen.org", "type": "home"}], "nickname": "Babs"}}),
        );
        assert_eq!(r["emails"].as_array().expect("array").len(), 2, "already there");
        assert_eq!(r["nickname"], json!("Babs"));

        // §3.5.2.2 remove one member, all members, and a filtered e-mail.
        let r = patched(
            group(),
            json!({"op": "remove", "path": format!("members[value eq \"{babs}\"]")}),
        );
        assert_eq!(values(&r), [mandy]);
        let r = patched(group(), json!({"op": "remove", "path": "members"}));
        assert!(r.get("members").is_none());
        let r = patched(
            user(),
            json!({"op": "remove", "path": "emails[type eq \"work\" and value ew \"example.com\"]"}),
        );
        assert_eq!(r["emails"], json!([{"value": "babs@jensen.org", "type": "home"}]));
        // ...and replacing all members as remove + add in one request.
        let mut r = group();
        let ops = parse_request(&json!({
            "schemas": [PATCH_OP_SCHEMA],
            "Operations": [
                {"op": "remove", "path": "members"},
                {"op": "add", "path": "members", "value": [member("a"), member("b")]}
            ]
        }))
        .expect("valid");
        apply_all(&mut r, &ops, &CoreSchema).expect("applies");
        assert_eq!(values(&r), ["a", "b"]);

        // §3.5.2.3 replace all members, a filtered address, its street, and path-less.
        let r = patched(
            group(),
            json!({"op": "replace", "path": "members", "value": [member("c")]}),
        );
        assert_eq!(values(&r), ["c"]);
        let mut with_address = user();
        with_address["addresses"] = json!([{"type": "work", "streetAddress": "100 Universal City Plaza"}, {"type": "home", "streetAddress": "456 Hollywood Blvd"}]);
        let work = json!({"type": "work", "streetAddress": "911 Universal City Plaza", "locality": "Hollywood", "region": "CA", "postalCode": "91608", "country": "US", "formatted": "911 Universal City Plaza\nHollywood, CA 91608 US", "primary": true});
        let r = patched(
            with_address.clone(),
            json!({"op": "replace", "path": "addresses[type eq \"work\"]", "value": work}),
        );
        assert_eq!(r["addresses"][0], work);
        assert_eq!(r["addresses"][1], with_address["addresses"][1]);
        let r = patched(
            with_address,
            json!({"op": "replace", "path": "addresses[type eq \"work\"].streetAddress", "value": "1010 Broadway Ave"}),
        );
        assert_eq!(r["addresses"][0]["streetAddress"], json!("1010 Broadway Ave"));
        let r = patched(
            user(),
            json!({"op": "replace", "value": {"emails": [{"value": "bjensen@example.com", "type": "work", "primary": true}], "nickname": "Babs"}}),
        );
        assert_eq!(
            r["emails"],
            json!([{"value": "bjensen@example.com", "type": "work", "primary": true}])
        );
        assert_eq!(r["nickname"], json!("Babs"));
    }

    /// Okta deactivates with a path-less replace.
    #[test]
    fn okta_deactivate_user() {
        let body = json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "value": {"active": false}}]
        });
        let mut resource = user();
        apply_all(&mut resource, &parse_request(&body).expect("valid"), &CoreSchema).expect("applies");
        assert_eq!(resource["active"], json!(false));
        assert_eq!(resource["userName"], json!("bjensen@example.com"));
    }

    /// Okta's group rename carries the id alongside the new name.
    #[test]
    fn okta_group_rename() {
        let r = patched(
            group(),
            json!({"op": "replace", "value": {"id": "e9e30dba-f08f-4109-8486-d5c6a331660a", "displayName": "Guides"}}),
        );
        assert_eq!(r["displayName"], json!("Guides"));
        assert_eq!(r["id"], group()["id"]);
        assert_eq!(r["members"], group()["members"]);
    }

    #[test]
    fn okta_group_members_add_and_remove() {
        let r = patched(
            group(),
            json!({"op": "add", "path": "members", "value": [
                {"value": "00u1abcd", "display": "new@example.com"},
                {"value": "2819c223-7f76-453a-919d-413861904646"}
            ]}),
        );
        let values: Vec<&str> = r["members"]
            .as_array()
            .expect("array")
            .iter()
            .map(|m| m["value"].as_str().expect("value"))
            .collect();
        assert_eq!(
            values,
            [
                "2819c223-7f76-453a-919d-413861904646",
                "902c246b-6245-4190-8e05-00816be7344a",
                "00u1abcd"
            ]
        );
        let r = patched(
            r,
            json!({"op": "remove", "path": "members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"]"}),
        );
        assert_eq!(r["members"].as_array().expect("array").len(), 2);
        assert!(
            r["members"]
                .as_array()
                .expect("array")
                .iter()
                .all(|m| m["value"] != json!("902c246b-6245-4190-8e05-00816be7344a"))
        );
    }

    #[test]
    fn entra_replace_filtered_sub_attribute() {
        let r = patched(
            user(),
            json!({"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "x@contoso.com"}),
        );
        assert_eq!(
            r["emails"][0],
            json!({"value": "x@contoso.com", "type": "work", "primary": true})
        );
        assert_eq!(r["emails"][1], user()["emails"][1]);
    }

    #[test]
    fn entra_group_members_add_and_remove_by_value_list() {
        let r = patched(
            group(),
            json!({"op": "Add", "path": "members", "value": [{"value": "a1"}, {"value": "a2"}]}),
        );
        assert_eq!(r["members"].as_array().expect("array").len(), 4);
        let r = patched(
            r,
            json!({"op": "Remove", "path": "members", "value": [
                {"value": "a1"},
                {"value": "2819c223-7f76-453a-919d-413861904646"}
            ]}),
        );
        let values: Vec<&Value> = r["members"]
            .as_array()
            .expect("array")
            .iter()
            .map(|m| &m["value"])
            .collect();
        assert_eq!(
            values,
            [&json!("902c246b-6245-4190-8e05-00816be7344a"), &json!("a2")]
        );
        // Removing the last ones leaves the attribute unassigned, not `[]`.
        let r = patched(
            r,
            json!({"op": "Remove", "path": "members", "value": [{"value": "a2"}, {"value": "902c246b-6245-4190-8e05-00816be7344a"}]}),
        );
        assert!(r.get("members").is_none());
    }

    #[test]
    fn entra_string_booleans_are_stored_for_the_server_to_coerce() {
        let r = patched(
            user(),
            json!({"op": "Replace", "path": "active", "value": "False"}),
        );
        assert_eq!(r["active"], json!("False"));
    }

    #[test]
    fn entra_name_and_enterprise_paths() {
        let r = patched(
            user(),
            json!({"op": "Replace", "path": "name.givenName", "value": "Babs"}),
        );
        assert_eq!(r["name"], json!({"givenName": "Babs", "familyName": "Jensen"}));
        let r = patched(
            r,
            json!({"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "value": "701984"}),
        );
        assert_eq!(r[ENTERPRISE], json!({"employeeNumber": "701984"}));
        let r = patched(
            r,
            json!({"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": {"value": "26118915"}}),
        );
        assert_eq!(r[ENTERPRISE]["manager"], json!({"value": "26118915"}));
        let r = patched(
            r,
            json!({"op": "Remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}),
        );
        assert_eq!(r[ENTERPRISE], json!({"employeeNumber": "701984"}));
    }

    #[test]
    fn entra_pathless_replace_with_dotted_and_urn_keys() {
        let r = patched(
            user(),
            json!({"op": "Replace", "value": {
                "name.familyName": "Smith",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Ops",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"costCenter": "4130"},
                "urn:ietf:params:scim:schemas:core:2.0:User": {"title": "Guide"},
                "emails[type eq \"work\"].value": "w@example.com",
                "displayName": "Babs"
            }}),
        );
        assert_eq!(r["name"]["familyName"], json!("Smith"));
        assert_eq!(r["name"]["givenName"], json!("Barbara"));
        assert_eq!(r[ENTERPRISE], json!({"department": "Ops", "costCenter": "4130"}));
        assert_eq!(r["title"], json!("Guide"));
        assert_eq!(r["emails"][0]["value"], json!("w@example.com"));
        assert_eq!(r["displayName"], json!("Babs"));
    }

    #[test]
    fn add_through_unmatched_filter_creates_the_element() {
        let r = patched(
            user(),
            json!({"op": "Add", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "+1 555 0100"}),
        );
        assert_eq!(
            r["phoneNumbers"],
            json!([{"type": "mobile", "value": "+1 555 0100"}])
        );
        let r = patched(
            user(),
            json!({"op": "add", "path": "emails[type eq \"other\"]", "value": {"value": "o@example.com", "primary": true}}),
        );
        let emails = r["emails"].as_array().expect("array");
        assert_eq!(
            emails[2],
            json!({"type": "other", "value": "o@example.com", "primary": true})
        );
        assert_eq!(emails[0]["primary"], json!(false), "only one primary");
        // A filter that doesn't spell out the new element has no target.
        assert_eq!(
            rejected(
                user(),
                json!({"op": "add", "path": "emails[type co \"x\"].value", "value": "v"})
            ),
            "noTarget"
        );
        assert_eq!(
            rejected(
                user(),
                json!({"op": "add", "path": "emails[type eq \"x\" or type eq \"y\"].value", "value": "v"})
            ),
            "noTarget"
        );
    }

    #[test]
    fn replace_through_unmatched_filter_is_no_target() {
        let table = [
            json!({"op": "replace", "path": "emails[type eq \"other\"].value", "value": "v"}),
            json!({"op": "replace", "path": "emails[type eq \"other\"]", "value": {"value": "v"}}),
            json!({"op": "replace", "path": "phoneNumbers[type eq \"work\"].value", "value": "v"}),
        ];
        for operation in table {
            assert_eq!(rejected(user(), operation), "noTarget");
        }
    }

    #[test]
    fn remove_through_unmatched_filter_is_a_no_op() {
        let r = patched(
            group(),
            json!({"op": "remove", "path": "members[value eq \"gone\"]"}),
        );
        assert_eq!(r, group());
        let r = patched(
            user(),
            json!({"op": "remove", "path": "phoneNumbers[type eq \"work\"]"}),
        );
        assert_eq!(r, user());
    }

    #[test]
    fn remove_without_path_is_no_target() {
        assert_eq!(rejected(user(), json!({"op": "remove"})), "noTarget");
        assert_eq!(
            rejected(user(), json!({"op": "Remove", "value": {"title": "x"}})),
            "noTarget"
        );
    }

    #[test]
    fn values_are_required_where_the_rfc_requires_them() {
        let table = [
            json!({"op": "add", "path": "title"}),
            json!({"op": "add", "path": "title", "value": null}),
            json!({"op": "replace", "path": "title"}),
            json!({"op": "add", "value": "not an object"}),
            json!({"op": "replace", "value": [1]}),
            json!({"op": "add", "path": "emails[type eq \"work\"]", "value": "scalar"}),
        ];
        for operation in table {
            assert_eq!(rejected(user(), operation), "invalidValue");
        }
    }

    #[test]
    fn paths_that_cannot_apply_are_invalid_path() {
        let table = [
            json!({"op": "replace", "path": "userName[value eq \"x\"]", "value": "y"}),
            json!({"op": "replace", "path": "userName.first", "value": "y"}),
            json!({"op": "add", "path": "id.x", "value": "y"}),
        ];
        for operation in table {
            assert_eq!(rejected(user(), operation), "invalidPath");
        }
    }

    #[test]
    fn add_semantics() {
        let table = [
            // New single-valued attribute.
            (
                json!({"op": "add", "path": "title", "value": "Guide"}),
                "/title",
                json!("Guide"),
            ),
            // Existing single-valued attribute is replaced.
            (
                json!({"op": "add", "path": "userName", "value": "b@x"}),
                "/userName",
                json!("b@x"),
            ),
            // Attribute names ignore case and keep the resource's spelling.
            (
                json!({"op": "add", "path": "USERNAME", "value": "c@x"}),
                "/userName",
                json!("c@x"),
            ),
            // Complex attributes merge.
            (
                json!({"op": "add", "path": "name", "value": {"middleName": "J"}}),
                "/name",
                json!({"givenName": "Barbara", "familyName": "Jensen", "middleName": "J"}),
            ),
            // Sub-attribute of a missing complex attribute creates it.
            (
                json!({"op": "add", "path": "manager.value", "value": "m1"}),
                "/manager",
                json!({"value": "m1"}),
            ),
            // New multi-valued attribute.
            (
                json!({"op": "add", "path": "addresses", "value": [{"type": "work", "locality": "Hollywood"}]}),
                "/addresses",
                json!([{"type": "work", "locality": "Hollywood"}]),
            ),
            // Multi-valued add appends one element sent without brackets.
            (
                json!({"op": "add", "path": "emails", "value": {"value": "n@x", "type": "other"}}),
                "/emails/2",
                json!({"value": "n@x", "type": "other"}),
            ),
            // Path-less add.
            (
                json!({"op": "add", "value": {"nickName": "Babs"}}),
                "/nickName",
                json!("Babs"),
            ),
        ];
        for (operation, pointer, want) in table {
            let r = patched(user(), operation.clone());
            assert_eq!(r.pointer(pointer), Some(&want), "{operation}");
        }
    }

    #[test]
    fn multi_valued_add_dedupes() {
        let r = patched(
            user(),
            json!({"op": "add", "path": "emails", "value": [
                {"value": "babs@jensen.org", "type": "home"},
                {"value": "babs@jensen.org"},
                {"value": "babs@jensen.org", "type": "work"}
            ]}),
        );
        // Only the one with a different type is new.
        assert_eq!(r["emails"].as_array().expect("array").len(), 3);
        let r = patched(
            json!({"schemas": ["urn:a"]}),
            json!({"op": "add", "path": "schemas", "value": ["urn:a", "urn:b"]}),
        );
        assert_eq!(r["schemas"], json!(["urn:a", "urn:b"]));
    }

    #[test]
    fn primary_moves_to_the_new_element() {
        let r = patched(
            user(),
            json!({"op": "add", "path": "emails", "value": [{"value": "n@x", "type": "other", "primary": true}]}),
        );
        let primaries: Vec<&Value> = r["emails"]
            .as_array()
            .expect("array")
            .iter()
            .map(|e| &e["primary"])
            .collect();
        assert_eq!(primaries, [&json!(false), &Value::Null, &json!(true)]);
        let r = patched(
            user(),
            json!({"op": "replace", "path": "emails[type eq \"home\"].primary", "value": true}),
        );
        assert_eq!(r["emails"][0]["primary"], json!(false));
        assert_eq!(r["emails"][1]["primary"], json!(true));
    }

    #[test]
    fn replace_semantics() {
        // Whole multi-valued attribute.
        let r = patched(
            user(),
            json!({"op": "replace", "path": "emails", "value": [{"value": "only@x", "type": "work"}]}),
        );
        assert_eq!(r["emails"], json!([{"value": "only@x", "type": "work"}]));
        // Filtered elements are replaced whole.
        let r = patched(
            user(),
            json!({"op": "replace", "path": "emails[type eq \"home\"]", "value": {"value": "h@x", "type": "home"}}),
        );
        assert_eq!(r["emails"][1], json!({"value": "h@x", "type": "home"}));
        assert_eq!(r["emails"][0], user()["emails"][0]);
        // A missing attribute is added.
        let r = patched(
            user(),
            json!({"op": "replace", "path": "title", "value": "Guide"}),
        );
        assert_eq!(r["title"], json!("Guide"));
        // Complex attributes merge; unspecified sub-attributes stay.
        let r = patched(
            user(),
            json!({"op": "replace", "path": "name", "value": {"givenName": "B"}}),
        );
        assert_eq!(r["name"], json!({"givenName": "B", "familyName": "Jensen"}));
        // Replacing with null stores null (unassigned in RFC 7643 terms).
        let r = patched(
            user(),
            json!({"op": "replace", "path": "userName", "value": null}),
        );
        assert_eq!(r["userName"], Value::Null);
        // Replacing with an empty list unassigns.
        let r = patched(user(), json!({"op": "replace", "path": "emails", "value": []}));
        assert!(r.get("emails").is_none());
        // Filters see sub-attribute values case-insensitively when not caseExact.
        let r = patched(
            user(),
            json!({"op": "replace", "path": "emails[value eq \"BABS@JENSEN.ORG\"].type", "value": "other"}),
        );
        assert_eq!(r["emails"][1]["type"], json!("other"));
        // `and`/`or` filters select every match.
        let r = patched(
            user(),
            json!({"op": "replace", "path": "emails[type eq \"work\" or type eq \"home\"].display", "value": "d"}),
        );
        assert!(
            r["emails"]
                .as_array()
                .expect("array")
                .iter()
                .all(|e| e["display"] == json!("d"))
        );
    }

    #[test]
    fn remove_semantics() {
        let table = [
            (json!({"op": "remove", "path": "userName"}), "/userName"),
            (
                json!({"op": "remove", "path": "NAME.givenName"}),
                "/name/givenName",
            ),
            (json!({"op": "remove", "path": "emails"}), "/emails"),
            (
                json!({"op": "remove", "path": "emails[type eq \"home\"]"}),
                "/emails/1",
            ),
            (
                json!({"op": "remove", "path": "emails[type eq \"work\"].primary"}),
                "/emails/0/primary",
            ),
            (json!({"op": "remove", "path": "emails.type"}), "/emails/1/type"),
        ];
        for (operation, gone) in table {
            let r = patched(user(), operation.clone());
            assert!(r.pointer(gone).is_none(), "{operation} should remove {gone}");
            assert!(user().pointer(gone).is_some());
        }
        // Removing what isn't there succeeds and changes nothing.
        for path in [
            "title",
            "name.middleName",
            "addresses.locality",
            "urn:example:ext:1.0:User:x",
        ] {
            assert_eq!(
                patched(user(), json!({"op": "remove", "path": path})),
                user(),
                "{path}"
            );
        }
        // Removing every element leaves the attribute unassigned.
        let r = patched(user(), json!({"op": "remove", "path": "emails[type pr]"}));
        assert!(r.get("emails").is_none());
    }

    #[test]
    fn failed_operation_leaves_the_resource_unchanged() {
        let ops = parse_request(&json!({
            "schemas": [PATCH_OP_SCHEMA],
            "Operations": [
                {"op": "replace", "path": "displayName", "value": "changed"},
                {"op": "replace", "path": "emails[type eq \"nope\"].value", "value": "x"}
            ]
        }))
        .expect("valid");
        let mut resource = user();
        let err = apply_all(&mut resource, &ops, &CoreSchema).expect_err("second op has no target");
        assert_eq!(err.scim_type(), "noTarget");
        assert_eq!(resource, user());
    }

    #[test]
    fn custom_extension_urns_listed_in_schemas_are_containers() {
        let resource = json!({"schemas": ["urn:example:acme"], "urn:example:acme": {"badge": "1"}});
        let r = patched(
            resource,
            json!({"op": "replace", "value": {"urn:example:acme": {"badge": "2"}}}),
        );
        assert_eq!(r["urn:example:acme"], json!({"badge": "2"}));
    }
}
