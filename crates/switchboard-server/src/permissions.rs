//! A member's or invitation's permissions: its role's defaults plus what was granted on top.

use switchboard_api::roles::{Permission, Role};

/// Role defaults plus grants, in a stable order.
pub fn effective_permissions(role: Role, grants: &[Permission]) -> Vec<Permission> {
    let defaults = role.default_permissions();
    Permission::ALL
        .into_iter()
        .filter(|p| defaults.contains(p) || grants.contains(p))
        .collect()
}

/// Grants deduplicated, in a stable order.
pub fn normalise_grants(grants: &[Permission]) -> Vec<Permission> {
    Permission::ALL
        .into_iter()
        .filter(|p| grants.contains(p))
        .collect()
}
