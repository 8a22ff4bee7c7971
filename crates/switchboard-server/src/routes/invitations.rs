//! `/v1/invitations`: invite people (one or a batch), manage pending invitations, and accept one —
//! which creates the member with the invitation's role, grants, phone numbers and groups.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use switchboard_api::Page;
use switchboard_api::invitations::{
    AcceptInvitation, BatchItem, BatchResult, Invitation, InvitationBatch, InvitationPatch, ListInvitations,
    NewInvitation, ValidationItem, ValidationResult,
};
use switchboard_api::roles::Role;
use uuid::Uuid;

use crate::authz::Caller;
use crate::email;
use crate::error::{ApiError, ApiResult};
use crate::etag::{IfMatch, created, tagged};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::routes::auth;
use crate::state::AppState;
use crate::store::{configuration, invitations};
use crate::validate;

const MAX_BATCH: usize = 100;

#[utoipa::path(post, path = "/v1/invitations", tag = "invitations", operation_id = "create_invitation",
    request_body = NewInvitation,
    responses((status = 201, description = "The invitation; its email is on its way", body = Invitation)))]
pub async fn create_invitation(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewInvitation>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (config, _) = configuration::load(&state.db).await?;
    let (id, outgoing) = invitations::create(&state, caller.actor(), &config, &body).await?;
    email::dispatch(&state, vec![outgoing]);
    let (invitation, version) = invitations::load(&state.db, &id).await?;
    Ok(created(format!("/v1/invitations/{id}"), version, &invitation))
}

/// What the schema itself forbids fails a whole batch (422); rules of the team (already a member, a domain
/// the policy refuses, …) fail only their own item.
fn check_batch_shape(body: &InvitationBatch) -> ApiResult<()> {
    if body.invitations.is_empty() || body.invitations.len() > MAX_BATCH {
        return Err(ApiError::field(
            "invitations",
            format!("send 1 to {MAX_BATCH} invitations"),
        ));
    }
    let mut errors = validate::Errors::default();
    for (i, item) in body.invitations.iter().enumerate() {
        if validate::email(&item.email).is_none() {
            errors.add(&format!("invitations[{i}].email"), "is not an email address");
        }
        if item.role == Some(Role::Owner) {
            errors.add(
                &format!("invitations[{i}].role"),
                "invitations cannot make owners",
            );
        }
    }
    errors.into_result()
}

#[utoipa::path(post, path = "/v1/invitations/validate", tag = "invitations", operation_id = "validate_invitations",
    request_body = InvitationBatch,
    responses((status = 200, description = "Whether each invitation could be sent now, in request order; nothing is created", body = ValidationResult)))]
pub async fn validate_invitations(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<InvitationBatch>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    // What the schema forbids (a malformed address, an owner) fails the request as it fails a batch: a
    // client asks only about addresses it has parsed, and the answers are about the team's rules.
    check_batch_shape(&body)?;
    let (config, _) = configuration::load(&state.db).await?;
    let mut results = Vec::with_capacity(body.invitations.len());
    for item in &body.invitations {
        let checked = invitations::could_invite(&state.db, &config, item).await;
        let error = match checked {
            Ok(()) => None,
            Err(ApiError::Internal(cause)) => return Err(ApiError::Internal(cause)),
            Err(error) => Some(error.problem()),
        };
        results.push(ValidationItem {
            email: item.email.clone(),
            error,
        });
    }
    Ok(axum::Json(ValidationResult { results }).into_response())
}

#[utoipa::path(post, path = "/v1/invitations/batch", tag = "invitations", operation_id = "create_invitations",
    request_body = InvitationBatch,
    responses((status = 200, description = "One result per invitation, in request order", body = BatchResult)))]
pub async fn create_batch(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<InvitationBatch>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    check_batch_shape(&body)?;
    let (config, _) = configuration::load(&state.db).await?;
    let mut results = Vec::new();
    let mut outgoing = Vec::new();
    for item in &body.invitations {
        match invitations::create(&state, caller.actor(), &config, item).await {
            Ok((id, email)) => {
                outgoing.push(email);
                let (invitation, _) = invitations::load(&state.db, &id).await?;
                results.push(BatchItem {
                    email: invitation.email.clone(),
                    invitation: Some(invitation),
                    error: None,
                });
            }
            Err(ApiError::Internal(cause)) => return Err(ApiError::Internal(cause)),
            Err(err) => results.push(BatchItem {
                email: item.email.clone(),
                invitation: None,
                error: Some(err.problem()),
            }),
        }
    }
    email::dispatch(&state, outgoing);
    Ok(axum::Json(BatchResult { results }).into_response())
}

#[utoipa::path(get, path = "/v1/invitations", tag = "invitations", operation_id = "list_invitations",
    params(ListInvitations),
    responses((status = 200, description = "A page of invitations, oldest first", body = Page<Invitation>)))]
pub async fn list_invitations(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ListInvitations>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (data, next_cursor) = invitations::list(&state.db, &query).await?;
    Ok(axum::Json(Page {
        data,
        next_cursor,
        total: None,
    })
    .into_response())
}

#[utoipa::path(get, path = "/v1/invitations/{id}", tag = "invitations", operation_id = "get_invitation",
    params(("id" = Uuid, Path, description = "Invitation id")),
    responses((status = 200, description = "The invitation", body = Invitation)))]
pub async fn get_invitation(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (invitation, version) = invitations::load(&state.db, &id.to_string()).await?;
    Ok(tagged(StatusCode::OK, version, &invitation))
}

#[utoipa::path(patch, path = "/v1/invitations/{id}", tag = "invitations", operation_id = "update_invitation",
    params(("id" = Uuid, Path, description = "Invitation id")), request_body = InvitationPatch,
    responses((status = 200, description = "The updated invitation", body = Invitation)))]
pub async fn update_invitation(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(patch): ApiJson<InvitationPatch>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (invitation, version) = invitations::update(
        &state.db,
        caller.actor(),
        &id.to_string(),
        &if_match,
        patch.role,
        patch.grants.as_deref(),
    )
    .await?;
    Ok(tagged(StatusCode::OK, version, &invitation))
}

#[utoipa::path(post, path = "/v1/invitations/{id}/resend", tag = "invitations", operation_id = "resend_invitation",
    params(("id" = Uuid, Path, description = "Invitation id")),
    responses((status = 200, description = "Sent again with a new link and expiry; the old link stops working", body = Invitation)))]
pub async fn resend_invitation(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (invitation, version) = invitations::resend(&state, caller.actor(), &id.to_string()).await?;
    Ok(tagged(StatusCode::OK, version, &invitation))
}

#[utoipa::path(post, path = "/v1/invitations/{id}/revoke", tag = "invitations", operation_id = "revoke_invitation",
    params(("id" = Uuid, Path, description = "Invitation id")),
    responses((status = 200, description = "Revoked; its numbers return to reserve", body = Invitation)))]
pub async fn revoke_invitation(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    caller.require_admin()?;
    let (invitation, version) = invitations::revoke(&state.db, caller.actor(), &id.to_string()).await?;
    Ok(tagged(StatusCode::OK, version, &invitation))
}

#[utoipa::path(post, path = "/v1/invitations/accept", tag = "invitations", operation_id = "accept_invitation", security(()),
    request_body = AcceptInvitation,
    responses((status = 201, description = "The new member, signed in", body = switchboard_api::auth::Session)))]
pub async fn accept_invitation(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<AcceptInvitation>,
) -> ApiResult<Response> {
    let mut errors = validate::Errors::default();
    let name = validate::name(&mut errors, "name", &body.name);
    if body.password.chars().count() < 8 || body.password.len() > 1024 {
        errors.add("password", "must be 8 to 1024 characters");
    }
    errors.into_result()?;
    let hash = state
        .hashers
        .permit(state.settings.request_timeout)
        .await?
        .hash_password(body.password.clone())
        .await?;
    let (member_id, issued) = invitations::accept(&state, &body.token, &name, &hash).await?;
    let session = auth::session_response(&state, issued, &member_id).await?;
    let mut response = (StatusCode::CREATED, axum::Json(session)).into_response();
    if let Ok(location) = format!("/v1/members/{member_id}").parse() {
        response
            .headers_mut()
            .insert(axum::http::header::LOCATION, location);
    }
    Ok(response)
}
