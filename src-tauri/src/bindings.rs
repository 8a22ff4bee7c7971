//! TypeScript bindings for the IPC types, generated from the Rust types with ts-rs into one committed file,
//! `ui/src/platform/bindings.ts`. `make bindings` rewrites it; the test below fails when it is stale.

use ts_rs::TS;

/// Where the generated file lives, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/platform/bindings.ts";

/// The whole generated file.
pub fn render() -> String {
    let config = ts_rs::Config::default();
    use switchboard_api::{
        audit, configuration, groups, invitations, members, numbers, principal, provisioning, roles,
    };
    use switchboard_core::{desktop, workspaces};
    // Every type that crosses IPC, and every type those refer to; `tsc` fails on a missing one.
    let decls = [
        switchboard_core::app_info::AppInfo::decl(&config),
        crate::IpcError::decl(&config),
        switchboard_api::ErrorCode::decl(&config),
        workspaces::Workspace::decl(&config),
        workspaces::WorkspaceKind::decl(&config),
        workspaces::WorkspaceState::decl(&config),
        workspaces::Preferences::decl(&config),
        workspaces::Theme::decl(&config),
        desktop::Versioned::<members::Member>::decl(&config),
        switchboard_api::Page::<members::Member>::decl(&config),
        members::Member::decl(&config),
        members::MemberStatus::decl(&config),
        members::ManagedBy::decl(&config),
        members::MemberRecording::decl(&config),
        members::RecordingPreference::decl(&config),
        members::RecordingPatch::decl(&config),
        members::MemberPatch::decl(&config),
        members::MePatch::decl(&config),
        members::ListMembers::decl(&config),
        members::MemberSort::decl(&config),
        switchboard_api::page::SortOrder::decl(&config),
        members::RemoveMember::decl(&config),
        roles::Role::decl(&config),
        roles::Permission::decl(&config),
        roles::RoleInfo::decl(&config),
        principal::PrincipalKind::decl(&config),
        principal::Principal::decl(&config),
        principal::GroupRef::decl(&config),
        principal::NumberRef::decl(&config),
        invitations::Invitation::decl(&config),
        invitations::InvitationStatus::decl(&config),
        invitations::NewInvitation::decl(&config),
        invitations::InvitationPatch::decl(&config),
        invitations::ListInvitations::decl(&config),
        invitations::ValidationResult::decl(&config),
        invitations::ValidationItem::decl(&config),
        switchboard_api::Problem::decl(&config),
        switchboard_core::outbox::OutboxEntry::decl(&config),
        switchboard_core::outbox::OutboxState::decl(&config),
        desktop::OutboxEvent::decl(&config),
        switchboard_core::quitting::BusyWork::decl(&config),
        crate::quitting::QuitRequest::decl(&config),
        crate::quitting::QuitAnswer::decl(&config),
        switchboard_core::invite_import::ImportedRows::decl(&config),
        switchboard_core::invite_import::ImportedRow::decl(&config),
        switchboard_core::invite_import::Invitee::decl(&config),
        groups::Group::decl(&config),
        groups::NewGroup::decl(&config),
        groups::GroupPatch::decl(&config),
        groups::ListGroups::decl(&config),
        numbers::Number::decl(&config),
        numbers::NumberKind::decl(&config),
        numbers::Sharing::decl(&config),
        numbers::NumberPatch::decl(&config),
        numbers::ListNumbers::decl(&config),
        configuration::Configuration::decl(&config),
        configuration::ConfigurationPatch::decl(&config),
        configuration::RecordingPolicy::decl(&config),
        configuration::RecordingPolicies::decl(&config),
        configuration::RecordingPoliciesPatch::decl(&config),
        configuration::UnassignedNumbers::decl(&config),
        audit::AuditEvent::decl(&config),
        audit::ActorKind::decl(&config),
        audit::ListAuditEvents::decl(&config),
        provisioning::Provisioning::decl(&config),
        provisioning::ProvisioningToken::decl(&config),
        provisioning::NewProvisioningToken::decl(&config),
        provisioning::CreatedProvisioningToken::decl(&config),
        switchboard_core::photo::OpenedPhoto::decl(&config),
        switchboard_core::photo::CropRect::decl(&config),
        crate::commands::photos::SaveProgress::decl(&config),
        crate::commands::photos::FileDrop::decl(&config),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `make bindings` (src-tauri/src/bindings.rs). Do not edit.\n",
    );
    for decl in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}

/// The workspace root, from this crate's manifest directory.
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("src-tauri has a parent")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With `SWITCHBOARD_WRITE_BINDINGS=1` (`make bindings`) it rewrites the file instead of checking it.
    /// (A test rather than a binary, so the generator is never packaged with the app.)
    #[test]
    fn committed_bindings_are_current() {
        let path = workspace_root().join(BINDINGS_PATH);
        if std::env::var("SWITCHBOARD_WRITE_BINDINGS").as_deref() == Ok("1") {
            std::fs::write(&path, render()).expect("write the bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == render(),
            "{} is stale: run `make bindings` and commit the result",
            path.display()
        );
    }
}
