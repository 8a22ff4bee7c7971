//! Roles and permissions. A member's effective permissions are the role's defaults plus per-member grants.

wire_enum! {
    /// `owner` and `admin` manage the team; a `member` manages only their own profile.
    pub enum Role {
        Owner,
        Admin,
        Member,
    }

    pub enum Permission {
        ManageMembers,
        ManagePhoneNumbers,
        ManageCallFlows,
        ViewAnalytics,
        AccessCallRecordings,
        MakeOutboundCalls,
    }
}

impl Permission {
    pub const ALL: [Permission; 6] = [
        Permission::ManageMembers,
        Permission::ManagePhoneNumbers,
        Permission::ManageCallFlows,
        Permission::ViewAnalytics,
        Permission::AccessCallRecordings,
        Permission::MakeOutboundCalls,
    ];
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Owner, Role::Admin, Role::Member];

    /// What the role grants before any per-member grant. A member makes and receives calls, no more.
    pub fn default_permissions(self) -> Vec<Permission> {
        match self {
            Role::Owner | Role::Admin => Permission::ALL.to_vec(),
            Role::Member => vec![Permission::MakeOutboundCalls],
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Member => "member",
        }
    }
}

/// The roles an invitation (or the default role) may give: never `owner`. Only a schema: the Rust
/// fields stay `Role` so clients need no second type, and the server refuses `owner` (422).
#[cfg(feature = "openapi")]
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum InvitableRole {
    Admin,
    Member,
}

wire! {
    /// `GET /v1/roles` item.
    pub struct RoleInfo {
        pub role: Role,
        pub description: String,
        pub default_permissions: Vec<Permission>,
    }
}
