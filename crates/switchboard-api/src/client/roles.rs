//! `/v1/roles`: each role and its default permissions.

use reqwest::Method;

use super::{ApiError, Client};
use crate::roles::RoleInfo;

pub struct Roles<'c> {
    pub(crate) client: &'c Client,
}

impl Roles<'_> {
    /// `GET /v1/roles`.
    pub async fn list(&self) -> Result<Vec<RoleInfo>, ApiError> {
        self.client.call(Method::GET, "v1/roles").json().await
    }
}
