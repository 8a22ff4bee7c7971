//! `/v1/configuration`: the account-wide policy.

use reqwest::Method;

use super::{ApiError, Client, ETag, Versioned};
use crate::configuration::{Configuration, ConfigurationPatch};

pub struct ConfigurationApi<'c> {
    pub(crate) client: &'c Client,
}

impl ConfigurationApi<'_> {
    /// `GET /v1/configuration`.
    pub async fn get(&self) -> Result<Versioned<Configuration>, ApiError> {
        self.client
            .call(Method::GET, "v1/configuration")
            .versioned()
            .await
    }

    /// `PATCH /v1/configuration` (admins).
    pub async fn update(
        &self,
        etag: &ETag,
        patch: &ConfigurationPatch,
    ) -> Result<Versioned<Configuration>, ApiError> {
        self.client
            .call(Method::PATCH, "v1/configuration")
            .if_match(etag)
            .body(patch)
            .versioned()
            .await
    }
}
