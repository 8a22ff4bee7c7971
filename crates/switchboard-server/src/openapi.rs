//! The OpenAPI 3.1 document, generated from the handlers' `#[utoipa::path]` annotations and the wire
//! types, then completed with what every operation shares (error responses, `If-Match`,
//! `Idempotency-Key`, bearer security) and with `links` between operations so schemathesis can chain
//! create → read → update → delete in its stateful tests. Served at `GET /v1/openapi.json` and committed
//! as `crates/switchboard-server/openapi.json` (a test fails when it drifts; regenerate with
//! `SWITCHBOARD_WRITE_OPENAPI=1 cargo test -p switchboard-server --test routes openapi`).

use std::sync::LazyLock;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use utoipa::OpenApi;

use crate::routes::*;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Switchboard Team API",
        version = "1.0.0",
        description = "Members, invitations, groups, phone numbers and policy of a team on a cloud business-phone system."
    ),
    paths(
        auth::sign_in,
        auth::refresh,
        auth::sign_out,
        auth::list_tokens,
        auth::create_token,
        auth::revoke_token,
        members::get_me,
        members::update_me,
        members::list_members,
        members::get_member,
        members::update_member,
        members::remove_member,
        avatars::set_avatar,
        avatars::get_avatar,
        avatars::delete_avatar,
        invitations::list_invitations,
        invitations::create_invitation,
        invitations::create_batch,
        invitations::validate_invitations,
        invitations::get_invitation,
        invitations::update_invitation,
        invitations::resend_invitation,
        invitations::revoke_invitation,
        invitations::accept_invitation,
        groups::list_groups,
        groups::create_group,
        groups::get_group,
        groups::update_group,
        groups::delete_group,
        groups::add_group_member,
        groups::remove_group_member,
        numbers::list_numbers,
        numbers::create_number,
        numbers::get_number,
        numbers::update_number,
        numbers::assign_number,
        numbers::unassign_number,
        configuration::get_configuration,
        configuration::update_configuration,
        audit_events::list_audit_events,
        audit_events::list_roles,
        provisioning::get_provisioning,
        provisioning::create_token,
        provisioning::revoke_token,
    ),
    // Schemas only query parameters refer to: utoipa collects those of bodies, not of parameters.
    components(schemas(
        switchboard_api::Problem,
        switchboard_api::members::MemberSort,
        switchboard_api::page::SortOrder
    ))
)]
struct ApiDoc;

/// Creating POSTs that take (and require) an `Idempotency-Key`.
/// Not `create_api_token` (nor `create_provisioning_token`): a stored answer would keep the new token's
/// secret in the database for a day, and a replay would hand it out again.
pub const KEYED_OPERATIONS: [&str; 4] = [
    "create_invitation",
    "create_invitations",
    "create_group",
    "create_number",
];

/// The complete document.
pub fn document() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    doc["openapi"] = json!("3.1.0");
    doc["servers"] =
        json!([{ "url": "http://127.0.0.1:8080", "description": "a local `switchboard-server serve`" }]);
    doc["security"] = json!([{ "bearer": [] }]);
    doc["components"]["securitySchemes"] = json!({
        "bearer": { "type": "http", "scheme": "bearer",
                    "description": "An access token from POST /v1/auth/sessions or a personal API token" }
    });
    let problem =
        json!({ "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } });
    let describe = |status: &str| match status {
        "400" => "Malformed request, query, cursor or missing Idempotency-Key",
        "401" => "Not signed in",
        "403" => "The caller's role does not allow this",
        "404" => "No such resource",
        "409" => "Conflicts with the current state (stable `code` says which)",
        "410" => "The invitation expired or was revoked",
        "412" => "If-Match does not match the current ETag",
        "413" => "Body too large (JSON 64 KiB, avatar 5 MiB)",
        "415" => "Unsupported Content-Type",
        "422" => "Validation failed (`errors` per field) or a rule refused it",
        "428" => "If-Match is required",
        "429" => "Rate limited; see Retry-After",
        "503" => "The request timed out",
        _ => "Internal error",
    };
    let etag = json!({ "ETag": { "description": "The resource's version, for If-Match", "schema": { "type": "string" } } });
    let Some(paths) = doc["paths"].as_object_mut() else {
        return doc;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, operation) in item.iter_mut() {
            let id = operation["operationId"].as_str().unwrap_or_default().to_owned();
            // 401 on anonymous operations too: wrong credentials, refresh tokens.
            let mut statuses: Vec<&str> = vec!["400", "401", "403", "404", "429", "500", "503"];
            if method != "get" {
                statuses.extend(["409", "413", "415", "422"]);
            }
            // Signing out ends a session, and tokens have no versions: none of these takes If-Match.
            let versioned = matches!(method.as_str(), "patch" | "put" | "delete")
                && !matches!(
                    id.as_str(),
                    "sign_out" | "revoke_api_token" | "revoke_provisioning_token"
                );
            if versioned {
                statuses.extend(["412", "428"]);
            }
            if id == "accept_invitation" {
                statuses.push("410");
            }
            let mut parameters = operation
                .get("parameters")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if versioned {
                parameters.push(json!({ "name": "If-Match", "in": "header", "required": true,
                    "description": "The ETag of the resource as last read (`*` for any)", "schema": { "type": "string" } }));
            }
            if KEYED_OPERATIONS.contains(&id.as_str()) {
                parameters.push(json!({ "name": "Idempotency-Key", "in": "header", "required": true,
                    "description": "Unique per intended creation; a retry with the same key and body replays the first answer \
                        (409 `idempotency_key_in_flight` while the first is still running; 422 for another body). \
                        Keys belong to the credential: the sign-in session, the same across token refreshes, or \
                        the API token. An answer is kept 24 hours; after that the key runs the request anew",
                    "schema": { "type": "string", "minLength": 1, "maxLength": 255 } }));
            }
            if !parameters.is_empty() {
                operation["parameters"] = Value::Array(parameters);
            }
            let Some(responses) = operation.get_mut("responses").and_then(Value::as_object_mut) else {
                continue;
            };
            for (status, response) in responses.iter_mut() {
                if (status == "200" || status == "201")
                    && path != "/v1/members/{id}/avatar"
                    && !path.ends_with("tokens")
                    && !path.ends_with("batch")
                    && !path.starts_with("/v1/auth")
                    && path != "/v1/roles"
                    && !matches!(
                        id.as_str(),
                        "list_members"
                            | "list_invitations"
                            | "list_groups"
                            | "list_numbers"
                            | "list_audit_events"
                    )
                {
                    response["headers"] = etag.clone();
                }
                if let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) {
                    for (media, body) in content.iter_mut() {
                        if media.starts_with("image/") {
                            body["schema"] = json!({ "type": "string", "contentMediaType": media });
                        }
                    }
                }
            }
            for status in statuses {
                responses.entry(status.to_owned()).or_insert_with(
                    || json!({ "description": describe(status), "content": problem.clone() }),
                );
            }
            if let Some(content) = operation
                .get_mut("requestBody")
                .and_then(|b| b.get_mut("content"))
                .and_then(Value::as_object_mut)
            {
                for (media, body) in content.iter_mut() {
                    if media.starts_with("image/") {
                        body["schema"] = json!({ "type": "string", "contentMediaType": media });
                    }
                }
            }
        }
    }
    add_links(&mut doc);
    doc
}

/// `links` from each creation to what can be done with the created resource next.
fn add_links(doc: &mut Value) {
    let id = "$response.body#/id";
    let etag = "$response.header.ETag";
    let with_etag = |operation: &str| json!({ "operationId": operation, "parameters": { "id": id, "header.If-Match": etag } });
    let read = |operation: &str| json!({ "operationId": operation, "parameters": { "id": id } });
    let links = [
        (
            "/v1/groups",
            "post",
            "201",
            json!({
                "GetGroup": read("get_group"), "UpdateGroup": with_etag("update_group"), "DeleteGroup": with_etag("delete_group"),
            }),
        ),
        (
            "/v1/groups/{id}",
            "get",
            "200",
            json!({ "UpdateGroup": with_etag("update_group"), "DeleteGroup": with_etag("delete_group") }),
        ),
        (
            "/v1/invitations",
            "post",
            "201",
            json!({
                "GetInvitation": read("get_invitation"), "UpdateInvitation": with_etag("update_invitation"),
                "ResendInvitation": read("resend_invitation"), "RevokeInvitation": read("revoke_invitation"),
            }),
        ),
        (
            "/v1/invitations/{id}",
            "get",
            "200",
            json!({ "UpdateInvitation": with_etag("update_invitation") }),
        ),
        (
            "/v1/numbers",
            "post",
            "201",
            json!({ "GetNumber": read("get_number"), "UpdateNumber": with_etag("update_number") }),
        ),
        (
            "/v1/numbers/{id}",
            "get",
            "200",
            json!({ "UpdateNumber": with_etag("update_number") }),
        ),
        (
            "/v1/members/{id}",
            "get",
            "200",
            json!({ "UpdateMember": with_etag("update_member") }),
        ),
        (
            "/v1/me",
            "get",
            "200",
            json!({ "UpdateMe": { "operationId": "update_me", "parameters": { "header.If-Match": etag } } }),
        ),
        (
            "/v1/configuration",
            "get",
            "200",
            json!({
                "UpdateConfiguration": { "operationId": "update_configuration", "parameters": { "header.If-Match": etag } },
            }),
        ),
        (
            "/v1/auth/tokens",
            "post",
            "201",
            json!({
                "RevokeToken": { "operationId": "revoke_api_token", "parameters": { "id": "$response.body#/api_token/id" } },
            }),
        ),
    ];
    for (path, method, status, link) in links {
        let response = doc
            .get_mut("paths")
            .and_then(|p| p.get_mut(path))
            .and_then(|p| p.get_mut(method))
            .and_then(|o| o.get_mut("responses"))
            .and_then(|r| r.get_mut(status))
            .and_then(Value::as_object_mut);
        match response {
            Some(response) => {
                response.insert("links".to_owned(), link);
            }
            None => tracing::error!(
                path,
                method,
                status,
                "a link names an operation the document lacks"
            ),
        }
    }
}

/// The document as served and committed: pretty JSON with a final newline.
pub fn document_text() -> String {
    let mut text = serde_json::to_string_pretty(&document()).unwrap_or_default();
    text.push('\n');
    text
}

static DOCUMENT: LazyLock<String> = LazyLock::new(document_text);

pub async fn serve_document() -> Response {
    let mut response = DOCUMENT.as_str().into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
