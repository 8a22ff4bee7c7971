// Every command the app registers, as `module::function`: the one list both the invoke handler
// (`commands::handler`) and the command names (`COMMANDS`) are generated from, so the two cannot drift.
// Included by `build.rs` too, which declares the names to Tauri's permission system (so each gets an
// `allow-…` permission that the capability grants); the crate's hardening tests check that the capability
// grants exactly these and that the UI both exposes and uses each.
//
// `with_commands!(then)` calls the macro `then!` with the list.
macro_rules! with_commands {
    ($then:ident) => {
        $then! {
            app::app_info,
            workspaces::workspaces,
            workspaces::set_preferences,
            workspaces::remember_page,
            workspaces::open_local_workspace,
            workspaces::sign_in,
            workspaces::switch_workspace,
            workspaces::sign_out,
            members::me,
            members::update_me,
            members::list_members,
            members::get_member,
            members::update_member,
            members::remove_member,
            invitations::list_invitations,
            invitations::get_invitation,
            invitations::create_invitation,
            invitations::update_invitation,
            invitations::resend_invitation,
            invitations::revoke_invitation,
            invite_import::import_invitations_csv,
            outbox::validate_invitations,
            outbox::invite,
            outbox::outbox_entries,
            outbox::retry_outbox_entry,
            outbox::discard_outbox_entry,
            outbox::watch_outbox,
            groups::list_groups,
            groups::get_group,
            groups::create_group,
            groups::update_group,
            groups::delete_group,
            groups::add_group_member,
            groups::remove_group_member,
            numbers::list_numbers,
            numbers::get_number,
            numbers::update_number,
            numbers::assign_number,
            numbers::unassign_number,
            account::get_configuration,
            account::update_configuration,
            account::list_roles,
            account::list_audit_events,
            provisioning::get_provisioning,
            provisioning::create_provisioning_token,
            provisioning::revoke_provisioning_token,
            photos::pick_photo,
            photos::open_dropped_photo,
            photos::watch_file_drops,
            photos::save_photo,
            photos::remove_photo,
            photos::close_photo,
            quit::watch_quit,
            quit::answer_quit,
        }
    };
}

// `COMMANDS`: the names alone.
macro_rules! command_names {
    ($($module:ident::$name:ident),* $(,)?) => {
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}

with_commands!(command_names);
