//! `/scim/v2`: the SCIM 2.0 service provider (RFC 7644) through which an identity provider (Okta,
//! Microsoft Entra ID, Google, JumpCloud) provisions the team's people and groups.
//!
//! Only provisioning tokens open it ([`Provisioner`]); every change is audited with the identity
//! provider as the actor. Bodies and answers are `application/scim+json`, errors SCIM error bodies
//! with a `scimType` where RFC 7644 §3.12 has one. Be liberal in what is accepted: op names and
//! booleans in any case (Entra sends `"Replace"` and `"False"`), PATCH with or without a path (Okta
//! sends none), `If-Match` optional and weak or strong.

use axum::extract::{FromRequest, FromRequestParts, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::audit::Actor;
use crate::db::Sql;
use crate::error::ApiError;
use crate::etag::IfMatch;
use crate::extract::ApiPath;
use crate::scim::eval::{CoreSchema, matches};
use crate::scim::filter::{Filter, parse_filter};
use crate::scim::patch::{apply_all, parse_request};
use crate::scim::resources::{self, ERROR, GROUP_SCHEMA, LIST_RESPONSE, USER_SCHEMA};
use crate::scim::sql::{self, Resource, Untranslated};
use crate::state::AppState;
use crate::store::members::{self, HeldNumbers, MemberRow};
use crate::store::{groups, provisioning};

/// `application/scim+json`, the media type of every answer.
pub const SCIM_JSON: &str = "application/scim+json";
/// Bodies up to 1 MiB: a group's full member list can be long.
pub const SCIM_BODY_LIMIT: usize = 1024 * 1024;
/// The most resources one list answer holds (`count` above it is cut to it).
const MAX_COUNT: i64 = 1000;

/// A SCIM error (RFC 7644 §3.12).
#[derive(Debug)]
pub struct ScimError {
    status: StatusCode,
    scim_type: Option<&'static str>,
    detail: Option<String>,
    retry_after: Option<u64>,
}

impl ScimError {
    fn new(status: StatusCode, scim_type: Option<&'static str>, detail: impl Into<String>) -> ScimError {
        ScimError {
            status,
            scim_type,
            detail: Some(detail.into()),
            retry_after: None,
        }
    }

    fn bad(scim_type: &'static str, detail: impl Into<String>) -> ScimError {
        ScimError::new(StatusCode::BAD_REQUEST, Some(scim_type), detail)
    }

    fn not_found(detail: impl Into<String>) -> ScimError {
        ScimError::new(StatusCode::NOT_FOUND, None, detail)
    }
}

impl From<ApiError> for ScimError {
    fn from(err: ApiError) -> ScimError {
        use switchboard_api::ErrorCode as Code;
        let detail = err.problem().detail;
        let (status, scim_type) = match &err {
            ApiError::Validation(errors) => {
                let detail: Vec<String> = errors
                    .iter()
                    .flat_map(|(field, messages)| messages.iter().map(move |m| format!("{field}: {m}")))
                    .collect();
                return ScimError::bad("invalidValue", detail.join("; "));
            }
            ApiError::Unprocessable { .. } => (StatusCode::BAD_REQUEST, Some("invalidValue")),
            ApiError::BadRequest { .. } => (StatusCode::BAD_REQUEST, Some("invalidSyntax")),
            ApiError::Conflict {
                code: Code::AlreadyMember | Code::GroupExists,
                ..
            } => (StatusCode::CONFLICT, Some("uniqueness")),
            ApiError::Conflict {
                code: Code::LastOwner,
                ..
            } => (StatusCode::CONFLICT, Some("mutability")),
            ApiError::TooManyRequests { retry_after_secs } => {
                return ScimError {
                    status: StatusCode::TOO_MANY_REQUESTS,
                    scim_type: None,
                    detail,
                    retry_after: Some(*retry_after_secs),
                };
            }
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, None)
            }
            other => (other.status(), None),
        };
        ScimError {
            status,
            scim_type,
            detail,
            retry_after: None,
        }
    }
}

impl IntoResponse for ScimError {
    fn into_response(self) -> Response {
        let mut body = json!({ "schemas": [ERROR], "status": self.status.as_u16().to_string() });
        if let Some(object) = body.as_object_mut() {
            if let Some(scim_type) = self.scim_type {
                object.insert("scimType".into(), json!(scim_type));
            }
            if let Some(detail) = self.detail {
                object.insert("detail".into(), json!(detail));
            }
        }
        let mut response = scim(self.status, &body);
        let headers = response.headers_mut();
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        response
    }
}

type ScimResult<T> = Result<T, ScimError>;

/// A SCIM answer.
fn scim(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(SCIM_JSON));
    response
}

/// A resource with its version as the `ETag` (and, for a new one, its `Location`).
fn resource(status: StatusCode, body: Value) -> Response {
    projected(status, body, &ListParams::whole())
}

/// [`resource`] with only the attributes `params` asks for; its `ETag` and `Location` are the whole
/// resource's.
fn projected(status: StatusCode, body: Value, params: &ListParams) -> Response {
    let meta = body.get("meta");
    let version = meta
        .and_then(|m| m.get("version"))
        .and_then(Value::as_str)
        .and_then(|v| HeaderValue::from_str(v).ok());
    let location = meta
        .and_then(|m| m.get("location"))
        .and_then(Value::as_str)
        .and_then(|l| HeaderValue::from_str(l).ok());
    let body = project(body, &params.attributes, &params.excluded);
    let mut response = scim(status, &body);
    let headers = response.headers_mut();
    if let Some(version) = version {
        headers.insert(header::ETAG, version);
    }
    if let (StatusCode::CREATED, Some(location)) = (status, location) {
        headers.insert(header::LOCATION, location);
    }
    response
}

/// Applies a PATCH request to `resource`, all operations or none (RFC 7644 §3.5.2).
///
/// What the grammar alone can't say is decided here: a path that is a whole extension's URN
/// (`urn:…:enterprise:2.0:User`) adds to, replaces or removes that extension's object, and writes to
/// the attributes the server owns (`read_only`, e.g. a User's `groups`) are refused as `mutability`.
fn apply_patch(resource: &mut Value, body: &Value, read_only: &[&str]) -> ScimResult<()> {
    let patch_error = |e: crate::scim::patch::PatchError| ScimError::bad(e.scim_type(), e.to_string());
    // Validates the envelope (schemas, Operations) and every operation's shape and path first.
    parse_request(body).map_err(patch_error)?;
    let operations = body
        .as_object()
        .and_then(|b| b.iter().find(|(k, _)| k.eq_ignore_ascii_case("Operations")))
        .and_then(|(_, v)| v.as_array())
        .cloned()
        .unwrap_or_default();
    let field = |op: &Map<String, Value>, name: &str| {
        op.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let mut work = resource.clone();
    for raw in &operations {
        let Some(op) = raw.as_object() else {
            return Err(ScimError::bad(
                "invalidSyntax",
                "each operation must be an object",
            ));
        };
        let kind = field(op, "op")
            .and_then(|v| v.as_str().map(str::to_ascii_lowercase))
            .unwrap_or_default();
        let path = field(op, "path").and_then(|v| v.as_str().map(str::to_owned));
        let value = field(op, "value");
        let read_only_key = |key: &str| read_only.iter().any(|r| r.eq_ignore_ascii_case(key));
        let mut raw = raw.clone();
        match (&path, &value) {
            (Some(path), _) => {
                let attribute = path.split(['[', '.']).next().unwrap_or_default();
                if read_only_key(attribute) {
                    return Err(ScimError::bad(
                        "mutability",
                        format!("{attribute} is read-only here"),
                    ));
                }
            }
            (None, Some(Value::Object(fields))) => {
                // Okta's no-path form repeats the resource's id: a read-only attribute written with the
                // value it has is no change, and is left out; any other value is a refused change.
                let mut fields = fields.clone();
                for key in fields.keys().cloned().collect::<Vec<_>>() {
                    if !read_only_key(&key) {
                        continue;
                    }
                    let current = work
                        .as_object()
                        .and_then(|o| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(&key)))
                        .map(|(_, v)| v);
                    if current != fields.get(&key) {
                        return Err(ScimError::bad("mutability", format!("{key} is read-only here")));
                    }
                    fields.remove(&key);
                }
                if let Some(op) = raw.as_object_mut()
                    && let Some(value_key) = op.keys().find(|k| k.eq_ignore_ascii_case("value")).cloned()
                {
                    op.insert(value_key, Value::Object(fields));
                }
            }
            _ => {}
        }
        let extension = path
            .as_deref()
            .filter(|p| p.eq_ignore_ascii_case(resources::ENTERPRISE_USER));
        match (extension, work.as_object_mut()) {
            (Some(urn), Some(object)) => {
                let existing = object.keys().find(|k| k.eq_ignore_ascii_case(urn)).cloned();
                match (kind.as_str(), value) {
                    ("remove", _) => {
                        if let Some(key) = existing {
                            object.remove(&key);
                        }
                    }
                    ("add", Some(Value::Object(fields))) => {
                        let key = existing.unwrap_or_else(|| urn.to_owned());
                        let entry = object.entry(key).or_insert_with(|| json!({}));
                        if let Value::Object(entry) = entry {
                            entry.extend(fields);
                        }
                    }
                    ("replace", Some(Value::Object(fields))) => {
                        if let Some(key) = existing {
                            object.remove(&key);
                        }
                        object.insert(urn.to_owned(), Value::Object(fields));
                    }
                    _ => {
                        return Err(ScimError::bad(
                            "invalidValue",
                            "an extension's value is an object of its attributes",
                        ));
                    }
                }
            }
            _ => {
                let op = crate::scim::patch::PatchOp::from_json(&raw).map_err(patch_error)?;
                apply_all(&mut work, &[op], &CoreSchema).map_err(patch_error)?;
            }
        }
    }
    *resource = work;
    Ok(())
}

/// The identity provider behind a request: the id of its provisioning token.
#[derive(Debug, Clone)]
pub struct Provisioner {
    token_id: String,
}

impl Provisioner {
    fn actor(&self) -> Actor<'_> {
        Actor::IdentityProvider(&self.token_id)
    }
}

impl FromRequestParts<AppState> for Provisioner {
    type Rejection = ScimError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Provisioner, ScimError> {
        let refused = || ScimError::new(StatusCode::UNAUTHORIZED, None, "a provisioning token is required");
        let secret = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|h| h.to_str().ok())
            .and_then(|h| h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")))
            .map(str::trim)
            .ok_or_else(refused)?;
        let token_id = provisioning::authenticate(&state.db, secret)
            .await?
            .ok_or_else(refused)?;
        state.limiter.check(&token_id)?;
        Ok(Provisioner { token_id })
    }
}

/// A SCIM request body: JSON as `application/scim+json` or `application/json` (or unlabelled, as some
/// clients send it), at most [`SCIM_BODY_LIMIT`].
#[derive(Debug)]
pub struct ScimBody(Value);

impl<S: Send + Sync> FromRequest<S> for ScimBody {
    type Rejection = ScimError;

    async fn from_request(req: Request, _: &S) -> Result<ScimBody, ScimError> {
        let media = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            });
        if media
            .as_deref()
            .is_some_and(|m| m != SCIM_JSON && m != "application/json")
        {
            return Err(ScimError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                None,
                "send application/scim+json",
            ));
        }
        let bytes = axum::body::to_bytes(req.into_body(), SCIM_BODY_LIMIT)
            .await
            .map_err(|_| {
                ScimError::new(StatusCode::PAYLOAD_TOO_LARGE, None, "bodies are limited to 1 MiB")
            })?;
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|e| ScimError::bad("invalidSyntax", format!("not JSON: {e}")))?;
        if value.to_string().contains("\\u0000") {
            return Err(ScimError::bad("invalidValue", "text may not contain U+0000"));
        }
        Ok(ScimBody(value))
    }
}

fn base(state: &AppState) -> String {
    format!("{}/scim/v2", state.settings.public_url.trim_end_matches('/'))
}

fn if_match(headers: &HeaderMap) -> IfMatch {
    IfMatch::scim(sent_precondition(headers).as_deref())
}

fn sent_precondition(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::IF_MATCH)
        .map(|v| v.to_str().unwrap_or("invalid").to_owned())
}

/// How many times a PATCH without `If-Match` reads, applies its operations and writes, when another
/// write lands between its read and its write.
const PATCH_ATTEMPTS: usize = 3;

/// A PATCH applies its operations to one read of the resource, so its write must replace exactly that
/// read (`version`): a write made in between would otherwise be undone. A client's own `If-Match` must
/// name that version too.
fn patch_precondition(sent: Option<&str>, version: i64) -> ScimResult<IfMatch> {
    if let Some(sent) = sent {
        IfMatch::scim(Some(sent)).check(version)?;
    }
    Ok(IfMatch::scim(Some(&resources::version_tag(version))))
}

/// Whether a PATCH that lost to another write reads again: only when the client set no precondition
/// of its own (then the 412 is the server's business, not the client's).
fn retry(error: &ScimError, sent: Option<&str>, attempt: usize) -> bool {
    error.status == StatusCode::PRECONDITION_FAILED && sent.is_none() && attempt < PATCH_ATTEMPTS
}

/// The query of a list: SCIM parameter names are case-insensitive.
#[derive(Debug, Default)]
struct ListParams {
    filter: Option<Filter>,
    start_index: i64,
    count: i64,
    attributes: Vec<String>,
    excluded: Vec<String>,
}

impl ListParams {
    /// A whole list, as discovery answers it.
    fn whole() -> ListParams {
        ListParams {
            start_index: 1,
            count: MAX_COUNT,
            ..ListParams::default()
        }
    }

    fn read(query: &[(String, String)]) -> ScimResult<ListParams> {
        let get = |name: &str| {
            query
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let number = |name: &str, default: i64| -> ScimResult<i64> {
            match get(name) {
                None => Ok(default),
                Some(text) => text
                    .trim()
                    .parse::<i64>()
                    .map_err(|_| ScimError::bad("invalidValue", format!("{name} must be an integer"))),
            }
        };
        let list = |name: &str| -> Vec<String> {
            get(name)
                .map(|v| {
                    v.split(',')
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        let filter = match get("filter") {
            None => None,
            Some(text) => {
                Some(parse_filter(text).map_err(|e| ScimError::bad("invalidFilter", e.to_string()))?)
            }
        };
        if get("sortBy").is_some() {
            // Advertised as unsupported in ServiceProviderConfig; say so rather than ignore it.
            return Err(ScimError::bad("invalidValue", "sorting is not supported"));
        }
        Ok(ListParams {
            filter,
            // 1-based; "A value less than 1 SHALL be interpreted as 1" (RFC 7644 §3.4.2.4).
            start_index: number("startIndex", 1)?.max(1),
            // "A negative value SHALL be interpreted as 0".
            count: number("count", 100)?.clamp(0, MAX_COUNT),
            attributes: list("attributes"),
            excluded: list("excludedAttributes"),
        })
    }
}

/// Keeps the attributes a client asked for (`attributes`) or drops those it asked to leave out
/// (`excludedAttributes`); `id`, `schemas` and `meta.resourceType` are always returned.
fn project(resource: Value, attributes: &[String], excluded: &[String]) -> Value {
    let Value::Object(mut object) = resource else {
        return resource;
    };
    let split = |attribute: &str| -> (String, Option<String>) {
        // A schema URN prefix names the core schema's attribute (or an extension's object).
        let bare = [USER_SCHEMA, GROUP_SCHEMA]
            .iter()
            .find_map(|urn| {
                attribute
                    .get(..urn.len() + 1)
                    .filter(|p| p.eq_ignore_ascii_case(&format!("{urn}:")))
                    .map(|_| &attribute[urn.len() + 1..])
            })
            .unwrap_or(attribute);
        if bare.starts_with("urn:") {
            return (bare.to_owned(), None);
        }
        match bare.split_once('.') {
            Some((name, sub)) => (name.to_owned(), Some(sub.to_owned())),
            None => (bare.to_owned(), None),
        }
    };
    let always = |key: &str| key == "id" || key == "schemas";
    if !attributes.is_empty() {
        let wanted: Vec<(String, Option<String>)> = attributes.iter().map(|a| split(a)).collect();
        object.retain(|key, value| {
            if always(key) {
                return true;
            }
            let subs: Vec<&Option<String>> = wanted
                .iter()
                .filter(|(name, _)| name.eq_ignore_ascii_case(key))
                .map(|(_, sub)| sub)
                .collect();
            if subs.is_empty() {
                return key == "meta";
            }
            if subs.iter().any(|s| s.is_none()) {
                return true;
            }
            let keep = |map: &mut Map<String, Value>| {
                map.retain(|k, _| {
                    subs.iter()
                        .any(|s| s.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(k)))
                });
            };
            match value {
                Value::Object(map) => keep(map),
                Value::Array(items) => items.iter_mut().for_each(|item| {
                    if let Value::Object(map) = item {
                        keep(map);
                    }
                }),
                _ => {}
            }
            true
        });
        if let Some(Value::Object(meta)) = object.get_mut("meta")
            && !wanted.iter().any(|(name, _)| name.eq_ignore_ascii_case("meta"))
        {
            meta.retain(|k, _| k == "resourceType");
        }
    }
    for attribute in excluded {
        let (name, sub) = split(attribute);
        if always(&name) {
            continue;
        }
        let Some(key) = object.keys().find(|k| k.eq_ignore_ascii_case(&name)).cloned() else {
            continue;
        };
        match sub {
            None => {
                object.remove(&key);
            }
            Some(sub) => match object.get_mut(&key) {
                Some(Value::Object(map)) => map.retain(|k, _| !k.eq_ignore_ascii_case(&sub)),
                Some(Value::Array(items)) => items.iter_mut().for_each(|item| {
                    if let Value::Object(map) = item {
                        map.retain(|k, _| !k.eq_ignore_ascii_case(&sub));
                    }
                }),
                _ => {}
            },
        }
    }
    Value::Object(object)
}

/// The resources that match the list's filter, judged one by one, and the window of them it asked
/// for: for filters on attributes without a column.
fn evaluate(all: Vec<Value>, params: &ListParams) -> (Vec<Value>, i64) {
    let matching: Vec<Value> = all
        .into_iter()
        .filter(|resource| {
            params
                .filter
                .as_ref()
                .is_none_or(|f| matches(f, resource, &CoreSchema))
        })
        .collect();
    let total = matching.len() as i64;
    let window = matching
        .into_iter()
        .skip(usize::try_from(params.start_index - 1).unwrap_or(usize::MAX))
        .take(usize::try_from(params.count).unwrap_or_default())
        .collect();
    (window, total)
}

/// A ListResponse of `resources` (projected as the list asked), of `total` matching.
fn list_response(resources: Vec<Value>, total: i64, params: &ListParams) -> Response {
    let resources: Vec<Value> = resources
        .into_iter()
        .map(|r| project(r, &params.attributes, &params.excluded))
        .collect();
    let start_index = params.start_index;
    scim(
        StatusCode::OK,
        &json!({
            "schemas": [LIST_RESPONSE],
            "totalResults": total,
            "startIndex": start_index,
            "itemsPerPage": resources.len(),
            "Resources": resources,
        }),
    )
}

/// The filter's SQL, or `None` when it must be evaluated over the resources.
fn filter_sql(state: &AppState, kind: Resource, filter: Option<&Filter>) -> ScimResult<Option<Sql>> {
    match filter {
        None => Ok(Some(Sql::default())),
        Some(filter) => match sql::translate(state.db.backend(), kind, filter) {
            Ok(sql) => Ok(Some(sql)),
            Err(Untranslated::Unmapped) => Ok(None),
            Err(Untranslated::Invalid(detail)) => Err(ScimError::bad("invalidFilter", detail)),
        },
    }
}

/// The members `rows` as SCIM Users.
async fn users(state: &AppState, rows: &[MemberRow]) -> ScimResult<Vec<Value>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let (_, mut groups) = members::links(&state.db, &ids).await?;
    let base = base(state);
    Ok(rows
        .iter()
        .map(|row| resources::user(&base, row, &groups.remove(&row.id).unwrap_or_default()))
        .collect())
}

async fn find_user(state: &AppState, id: &str) -> ScimResult<(MemberRow, Value)> {
    let row = members::find_row(&state.db, id)
        .await?
        .ok_or_else(|| ScimError::not_found(format!("no user {id}")))?;
    let user = users(state, std::slice::from_ref(&row))
        .await?
        .pop()
        .unwrap_or_default();
    Ok((row, user))
}

fn path_id(id: &str) -> ScimResult<String> {
    Uuid::parse_str(id)
        .map(|id| id.to_string())
        .map_err(|_| ScimError::not_found(format!("no resource {id}")))
}

// Discovery (RFC 7644 §4).

pub async fn service_provider_config(State(state): State<AppState>, _: Provisioner) -> Response {
    scim(
        StatusCode::OK,
        &json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "patch": { "supported": true },
            "bulk": { "supported": false, "maxOperations": 0, "maxPayloadSize": 0 },
            "filter": { "supported": true, "maxResults": MAX_COUNT },
            "changePassword": { "supported": false },
            "sort": { "supported": false },
            "etag": { "supported": true },
            "authenticationSchemes": [{
                "type": "oauthbearertoken",
                "name": "Provisioning token",
                "description": "A bearer token an owner creates under Configuration → Provisioning (SCIM)",
                "primary": true,
            }],
            "meta": {
                "resourceType": "ServiceProviderConfig",
                "location": format!("{}/ServiceProviderConfig", base(&state)),
            },
        }),
    )
}

fn resource_types(base: &str) -> Vec<Value> {
    vec![
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
            "id": "User",
            "name": "User",
            "endpoint": "/Users",
            "description": "A member of the team",
            "schema": USER_SCHEMA,
            "schemaExtensions": [{ "schema": resources::ENTERPRISE_USER, "required": false }],
            "meta": { "resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/User") },
        }),
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
            "id": "Group",
            "name": "Group",
            "endpoint": "/Groups",
            "description": "A group of the team's members",
            "schema": GROUP_SCHEMA,
            "meta": { "resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/Group") },
        }),
    ]
}

pub async fn list_resource_types(State(state): State<AppState>, _: Provisioner) -> Response {
    let types = resource_types(&base(&state));
    let total = types.len() as i64;
    list_response(types, total, &ListParams::whole())
}

pub async fn get_resource_type(
    State(state): State<AppState>,
    _: Provisioner,
    ApiPath(id): ApiPath<String>,
) -> ScimResult<Response> {
    resource_types(&base(&state))
        .into_iter()
        .find(|t| t["id"].as_str().is_some_and(|t| t.eq_ignore_ascii_case(&id)))
        .map(|t| scim(StatusCode::OK, &t))
        .ok_or_else(|| ScimError::not_found(format!("no resource type {id}")))
}

pub async fn list_schemas(State(state): State<AppState>, _: Provisioner) -> Response {
    let schemas = crate::scim::schemas::all(&base(&state));
    let total = schemas.len() as i64;
    list_response(schemas, total, &ListParams::whole())
}

pub async fn get_schema(
    State(state): State<AppState>,
    _: Provisioner,
    ApiPath(id): ApiPath<String>,
) -> ScimResult<Response> {
    crate::scim::schemas::all(&base(&state))
        .into_iter()
        .find(|s| s["id"].as_str().is_some_and(|s| s.eq_ignore_ascii_case(&id)))
        .map(|s| scim(StatusCode::OK, &s))
        .ok_or_else(|| ScimError::not_found(format!("no schema {id}")))
}

/// A `POST …/.search` body (RFC 7644 §3.4.3) as the query parameters of a list.
fn search_query(body: &Value) -> ScimResult<Vec<(String, String)>> {
    let Value::Object(body) = body else {
        return Err(ScimError::bad(
            "invalidSyntax",
            "a SearchRequest is a JSON object",
        ));
    };
    let mut query = Vec::new();
    for (key, value) in body {
        let text = match value {
            Value::String(text) => text.clone(),
            Value::Number(n) => n.to_string(),
            Value::Array(items) => items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(","),
            _ => continue,
        };
        if !key.eq_ignore_ascii_case("schemas") {
            query.push((key.clone(), text));
        }
    }
    Ok(query)
}

/// `POST /.search` across resource types: not offered (each resource type has its own).
pub async fn search_everything(_: Provisioner) -> ScimError {
    ScimError::new(
        StatusCode::NOT_IMPLEMENTED,
        None,
        "search Users or Groups on their own endpoint",
    )
}

// Users.

pub async fn search_users(
    state: State<AppState>,
    provisioner: Provisioner,
    ScimBody(body): ScimBody,
) -> ScimResult<Response> {
    list_users(state, provisioner, Query(search_query(&body)?)).await
}

pub async fn list_users(
    State(state): State<AppState>,
    _: Provisioner,
    Query(query): Query<Vec<(String, String)>>,
) -> ScimResult<Response> {
    let params = ListParams::read(&query)?;
    let offset = params.start_index - 1;
    let (found, total) = match filter_sql(&state, Resource::User, params.filter.as_ref())? {
        Some(filters) => {
            let (rows, total) = members::window(&state.db, filters, offset, params.count).await?;
            (users(&state, &rows).await?, total)
        }
        None => {
            // An attribute without a column: every member, judged as the SCIM User it is.
            let (rows, _) = members::window(&state.db, Sql::default(), 0, i64::MAX).await?;
            evaluate(users(&state, &rows).await?, &params)
        }
    };
    Ok(list_response(found, total, &params))
}

pub async fn get_user(
    State(state): State<AppState>,
    _: Provisioner,
    ApiPath(id): ApiPath<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> ScimResult<Response> {
    let params = ListParams::read(&query)?;
    let (_, user) = find_user(&state, &path_id(&id)?).await?;
    Ok(projected(StatusCode::OK, user, &params))
}

pub async fn create_user(
    State(state): State<AppState>,
    provisioner: Provisioner,
    ScimBody(body): ScimBody,
) -> ScimResult<Response> {
    let person = resources::person(&body)?;
    let id = members::provision(&state, provisioner.actor(), &person).await?;
    let (_, user) = find_user(&state, &id).await?;
    Ok(resource(StatusCode::CREATED, user))
}

/// Writes `next` (a whole SCIM User) over the member `row`: the identity provider now manages it.
async fn write_user(
    state: &AppState,
    provisioner: &Provisioner,
    row: &MemberRow,
    precondition: &IfMatch,
    next: &Value,
) -> ScimResult<Response> {
    let person = resources::person(next)?;
    members::update(&state.db, provisioner.actor(), &row.id, precondition, |current| {
        let mut next = current.clone();
        next.email = person.email.clone();
        next.name = person.name.clone();
        next.status = person.status.unwrap_or(current.status);
        next.external_id = person.external_id.clone();
        next.scim_resource = Some(person.scim_resource.clone());
        next.managed_by = Some(switchboard_api::members::ManagedBy::IdentityProvider);
        Ok(next)
    })
    .await?;
    let (_, user) = find_user(state, &row.id).await?;
    Ok(resource(StatusCode::OK, user))
}

pub async fn replace_user(
    State(state): State<AppState>,
    provisioner: Provisioner,
    headers: HeaderMap,
    ApiPath(id): ApiPath<String>,
    ScimBody(body): ScimBody,
) -> ScimResult<Response> {
    let (row, _) = find_user(&state, &path_id(&id)?).await?;
    write_user(&state, &provisioner, &row, &if_match(&headers), &body).await
}

pub async fn patch_user(
    State(state): State<AppState>,
    provisioner: Provisioner,
    headers: HeaderMap,
    ApiPath(id): ApiPath<String>,
    ScimBody(body): ScimBody,
) -> ScimResult<Response> {
    let id = path_id(&id)?;
    let sent = sent_precondition(&headers);
    for attempt in 1..=PATCH_ATTEMPTS {
        let (row, mut user) = find_user(&state, &id).await?;
        let precondition = patch_precondition(sent.as_deref(), row.version)?;
        apply_patch(&mut user, &body, &["id", "meta", "groups"])?;
        match write_user(&state, &provisioner, &row, &precondition, &user).await {
            Err(e) if retry(&e, sent.as_deref(), attempt) => continue,
            other => return other,
        }
    }
    Err(ApiError::PreconditionFailed.into())
}

pub async fn delete_user(
    State(state): State<AppState>,
    provisioner: Provisioner,
    headers: HeaderMap,
    ApiPath(id): ApiPath<String>,
) -> ScimResult<Response> {
    let id = path_id(&id)?;
    // Their numbers go back to the account's reserve, to be given to whoever takes over.
    members::remove(
        &state.db,
        provisioner.actor(),
        &id,
        &if_match(&headers),
        HeldNumbers::Reserve,
        |_| Ok(()),
    )
    .await
    .map_err(|e| match e {
        ApiError::NotFound => ScimError::not_found(format!("no user {id}")),
        other => other.into(),
    })?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

// Groups.

pub async fn search_groups(
    state: State<AppState>,
    provisioner: Provisioner,
    ScimBody(body): ScimBody,
) -> ScimResult<Response> {
    list_groups(state, provisioner, Query(search_query(&body)?)).await
}

async fn find_group(state: &AppState, id: &str) -> ScimResult<Value> {
    let stored = groups::find(&state.db, id).await.map_err(|e| match e {
        ApiError::NotFound => ScimError::not_found(format!("no group {id}")),
        other => other.into(),
    })?;
    Ok(resources::group(&base(state), &stored))
}

pub async fn list_groups(
    State(state): State<AppState>,
    _: Provisioner,
    Query(query): Query<Vec<(String, String)>>,
) -> ScimResult<Response> {
    let params = ListParams::read(&query)?;
    let offset = params.start_index - 1;
    let base = base(&state);
    let (found, total) = match filter_sql(&state, Resource::Group, params.filter.as_ref())? {
        Some(filters) => {
            let (stored, total) = groups::window(&state.db, filters, offset, params.count).await?;
            (
                stored
                    .iter()
                    .map(|g| resources::group(&base, g))
                    .collect::<Vec<_>>(),
                total,
            )
        }
        None => {
            let (stored, _) = groups::window(&state.db, Sql::default(), 0, i64::MAX).await?;
            evaluate(
                stored.iter().map(|g| resources::group(&base, g)).collect(),
                &params,
            )
        }
    };
    Ok(list_response(found, total, &params))
}

pub async fn get_group(
    State(state): State<AppState>,
    _: Provisioner,
    ApiPath(id): ApiPath<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> ScimResult<Response> {
    let params = ListParams::read(&query)?;
    let group = find_group(&state, &path_id(&id)?).await?;
    Ok(projected(StatusCode::OK, group, &params))
}

pub async fn create_group(
    State(state): State<AppState>,
    provisioner: Provisioner,
    ScimBody(body): ScimBody,
) -> ScimResult<Response> {
    let from = resources::team_group(&body)?;
    let id = groups::provision(&state.db, provisioner.actor(), &from).await?;
    Ok(resource(StatusCode::CREATED, find_group(&state, &id).await?))
}

async fn write_group(
    state: &AppState,
    provisioner: &Provisioner,
    id: &str,
    precondition: &IfMatch,
    next: &Value,
) -> ScimResult<Response> {
    let from = resources::team_group(next)?;
    groups::replace_from_idp(&state.db, provisioner.actor(), id, precondition, &from).await?;
    Ok(resource(StatusCode::OK, find_group(state, id).await?))
}

pub async fn replace_group(
    State(state): State<AppState>,
    provisioner: Provisioner,
    headers: HeaderMap,
    ApiPath(id): ApiPath<String>,
    ScimBody(body): ScimBody,
) -> ScimResult<Response> {
    let id = path_id(&id)?;
    find_group(&state, &id).await?;
    write_group(&state, &provisioner, &id, &if_match(&headers), &body).await
}

pub async fn patch_group(
    State(state): State<AppState>,
    provisioner: Provisioner,
    headers: HeaderMap,
    ApiPath(id): ApiPath<String>,
    ScimBody(body): ScimBody,
) -> ScimResult<Response> {
    let id = path_id(&id)?;
    let sent = sent_precondition(&headers);
    for attempt in 1..=PATCH_ATTEMPTS {
        let mut group = find_group(&state, &id).await?;
        let version = resources::version_of(&group);
        let precondition = patch_precondition(sent.as_deref(), version)?;
        apply_patch(&mut group, &body, &["id", "meta"])?;
        match write_group(&state, &provisioner, &id, &precondition, &group).await {
            Err(e) if retry(&e, sent.as_deref(), attempt) => continue,
            other => return other,
        }
    }
    Err(ApiError::PreconditionFailed.into())
}

pub async fn delete_group(
    State(state): State<AppState>,
    provisioner: Provisioner,
    headers: HeaderMap,
    ApiPath(id): ApiPath<String>,
) -> ScimResult<Response> {
    let id = path_id(&id)?;
    groups::delete(&state.db, provisioner.actor(), &id, &if_match(&headers))
        .await
        .map_err(|e| match e {
            ApiError::NotFound => ScimError::not_found(format!("no group {id}")),
            other => other.into(),
        })?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Anything else under `/scim/v2`.
pub async fn not_found() -> ScimError {
    ScimError::not_found("no such SCIM endpoint")
}
