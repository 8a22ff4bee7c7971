//! The account's configuration: one row, versioned like every other resource.

use sqlx::Row;
use switchboard_api::configuration::{Configuration, RecordingPolicies};

use crate::audit::Actor;
use crate::codec;
use crate::db::{Db, instant};
use crate::error::ApiResult;
use crate::store::{Cas, Tx};

const COLUMNS: &str = "team_name, recording_inbound, recording_outbound, allowed_email_domains, default_role, \
                       invitation_lifetime_hours, onboarding_url, unassigned_numbers, divert_to, version, updated_at";

/// The configuration and its version.
pub async fn load(db: &Db) -> ApiResult<(Configuration, i64)> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM configuration WHERE id = 1"))
        .fetch_one(db.pool())
        .await?;
    let configuration = Configuration {
        team_name: row.try_get("team_name")?,
        recording: RecordingPolicies {
            inbound: codec::parse(&row.try_get::<String, _>("recording_inbound")?)?,
            outbound: codec::parse(&row.try_get::<String, _>("recording_outbound")?)?,
        },
        allowed_email_domains: codec::from_json(&row.try_get::<String, _>("allowed_email_domains")?)?,
        default_role: codec::parse(&row.try_get::<String, _>("default_role")?)?,
        invitation_lifetime_hours: u32::try_from(row.try_get::<i64, _>("invitation_lifetime_hours")?)
            .unwrap_or(168),
        onboarding_url: row.try_get("onboarding_url")?,
        unassigned_numbers: codec::parse(&row.try_get::<String, _>("unassigned_numbers")?)?,
        divert_to: row.try_get("divert_to")?,
        updated_at: instant(row.try_get("updated_at")?),
    };
    Ok((configuration, row.try_get("version")?))
}

/// Stores `next` in place of `current` (the version `cas` expects), with an audit event listing the
/// fields that changed.
pub async fn save(
    tx: &mut Tx,
    cas: &Cas,
    actor: Actor<'_>,
    current: &Configuration,
    next: &Configuration,
) -> ApiResult<()> {
    cas.update(
        tx,
        &[
            ("recording_inbound", codec::name(&next.recording.inbound).into()),
            ("recording_outbound", codec::name(&next.recording.outbound).into()),
            (
                "allowed_email_domains",
                codec::to_json(&next.allowed_email_domains).into(),
            ),
            ("default_role", codec::name(&next.default_role).into()),
            (
                "invitation_lifetime_hours",
                i64::from(next.invitation_lifetime_hours).into(),
            ),
            ("onboarding_url", next.onboarding_url.clone().into()),
            ("unassigned_numbers", codec::name(&next.unassigned_numbers).into()),
            ("divert_to", next.divert_to.clone().into()),
            ("team_name", next.team_name.clone().into()),
        ],
    )
    .await?;
    let before = serde_json::to_value(current)?;
    let after = serde_json::to_value(next)?;
    let mut changes = serde_json::Map::new();
    if let (Some(before), Some(after)) = (before.as_object(), after.as_object()) {
        for (field, value) in after {
            if field != "updated_at" && before.get(field) != Some(value) {
                changes.insert(
                    field.clone(),
                    serde_json::json!({ "from": before[field], "to": value }),
                );
            }
        }
    }
    cas.audit(tx, actor, "configuration.updated", changes.into())
        .await
}
