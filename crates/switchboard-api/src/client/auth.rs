//! `/v1/auth`: sessions (sign in, refresh, sign out) and personal API tokens.

use reqwest::{Method, StatusCode};
use uuid::Uuid;

use super::{ApiError, Client};
use crate::auth::{ApiToken, CreatedApiToken, NewApiToken, Refresh, Session, SignIn};

pub struct Auth<'c> {
    pub(crate) client: &'c Client,
}

impl Auth<'_> {
    /// `POST /v1/auth/sessions`. Wrong email or password is an [`ApiError::Problem`] with code
    /// `invalid_credentials`, never [`ApiError::SignedOut`] (whatever its status: nobody was signed
    /// out). Use the returned `access_token` with [`Client::with_token`].
    pub async fn sign_in(&self, credentials: &SignIn) -> Result<Session, ApiError> {
        self.client
            .call(Method::POST, "v1/auth/sessions")
            .body(credentials)
            .json()
            .await
            .map_err(refused)
    }

    /// `POST /v1/auth/refresh`: a new token pair; the old pair stops working. A refresh token that is
    /// expired, revoked or already used is [`ApiError::SignedOut`].
    pub async fn refresh(&self, refresh: &Refresh) -> Result<Session, ApiError> {
        self.client
            .call(Method::POST, "v1/auth/refresh")
            .body(refresh)
            .json()
            .await
    }

    /// `DELETE /v1/auth/sessions/current`: the session's tokens (or this API token) stop working.
    pub async fn sign_out(&self) -> Result<(), ApiError> {
        self.client
            .call(Method::DELETE, "v1/auth/sessions/current")
            .empty()
            .await
    }

    /// `GET /v1/auth/tokens`: the caller's personal API tokens, without their secrets.
    pub async fn tokens(&self) -> Result<Vec<ApiToken>, ApiError> {
        self.client.call(Method::GET, "v1/auth/tokens").json().await
    }

    /// `POST /v1/auth/tokens`: the secret is in the answer and nowhere else, ever.
    ///
    /// Sends no idempotency key: the server keeps no replay of this answer, since the stored replay would
    /// be the secret at rest and a replay would hand it out a second time. A token whose answer was lost
    /// shows in `tokens()`; revoke it and create another.
    pub async fn create_token(&self, token: &NewApiToken) -> Result<CreatedApiToken, ApiError> {
        self.client
            .call(Method::POST, "v1/auth/tokens")
            .body(token)
            .json()
            .await
    }

    /// `DELETE /v1/auth/tokens/{id}` (tokens carry no version, so no `If-Match`).
    pub async fn revoke_token(&self, id: Uuid) -> Result<(), ApiError> {
        self.client
            .call(Method::DELETE, &format!("v1/auth/tokens/{id}"))
            .empty()
            .await
    }
}

/// A 401 answering a sign-in or an invitation acceptance means "these credentials are wrong", not "your
/// session ended": keep it a problem of the request so the UI does not treat it as a lost session.
pub(crate) fn refused(error: ApiError) -> ApiError {
    match error {
        ApiError::SignedOut {
            problem: Some(problem),
        } => ApiError::Problem {
            status: StatusCode::UNAUTHORIZED,
            problem,
            retry_after: None,
        },
        other => other,
    }
}
