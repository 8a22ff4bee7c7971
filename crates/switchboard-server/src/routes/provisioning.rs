//! `/v1/provisioning`: the SCIM base URL and the tokens an owner gives the identity provider.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use switchboard_api::provisioning::{CreatedProvisioningToken, NewProvisioningToken, Provisioning};
use uuid::Uuid;

use crate::authz::Caller;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;
use crate::store::provisioning;
use crate::validate;

#[utoipa::path(get, path = "/v1/provisioning", tag = "provisioning", operation_id = "get_provisioning",
    responses((status = 200, description = "The SCIM base URL and the provisioning tokens, without their secrets",
        body = Provisioning)))]
pub async fn get_provisioning(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    caller.require_admin()?;
    let tokens = provisioning::list(&state.db).await?;
    Ok(axum::Json(Provisioning {
        scim_base_url: format!("{}/scim/v2", state.settings.public_url.trim_end_matches('/')),
        tokens,
    })
    .into_response())
}

#[utoipa::path(post, path = "/v1/provisioning/tokens", tag = "provisioning", operation_id = "create_provisioning_token",
    request_body = NewProvisioningToken,
    responses((status = 201, description = "The new token; its secret is shown only now", body = CreatedProvisioningToken)))]
pub async fn create_token(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewProvisioningToken>,
) -> ApiResult<Response> {
    caller.require_owner()?;
    let mut errors = validate::Errors::default();
    let name = validate::name(&mut errors, "name", &body.name);
    errors.into_result()?;
    let (token, provisioning_token) = provisioning::create(&state.db, caller.actor(), &name).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(CreatedProvisioningToken {
            token,
            provisioning_token,
        }),
    )
        .into_response())
}

#[utoipa::path(delete, path = "/v1/provisioning/tokens/{id}", tag = "provisioning", operation_id = "revoke_provisioning_token",
    params(("id" = Uuid, Path, description = "Provisioning token id")),
    responses((status = 204, description = "Revoked: the identity provider's next request is refused")))]
pub async fn revoke_token(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    caller.require_owner()?;
    provisioning::revoke(&state.db, caller.actor(), &id.to_string()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
