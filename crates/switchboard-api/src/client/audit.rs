//! `/v1/audit-events`: who changed what, newest first.

use futures::Stream;
use reqwest::Method;

use super::{ApiError, Client};
use crate::Page;
use crate::audit::{AuditEvent, ListAuditEvents};

pub struct AuditEvents<'c> {
    pub(crate) client: &'c Client,
}

impl AuditEvents<'_> {
    /// `GET /v1/audit-events`: one page.
    pub async fn list(&self, query: &ListAuditEvents) -> Result<Page<AuditEvent>, ApiError> {
        self.client
            .call(Method::GET, "v1/audit-events")
            .query(query)
            .json()
            .await
    }

    /// Every event matching `query`, page after page.
    pub fn stream(
        &self,
        query: ListAuditEvents,
    ) -> impl Stream<Item = Result<AuditEvent, ApiError>> + Send + 'static + use<> {
        self.client.paginate("v1/audit-events", query)
    }
}
