//! Who may do what. Owners and admins manage the team; a member manages only their own profile.
//! Per-member permission grants describe what the phone system lets the member do (calls, recordings,
//! analytics); they do not widen access to this API, so a grant can never be used to promote oneself.
//!
//! | route                                              | owner | admin | member           | anonymous |
//! |----------------------------------------------------|-------|-------|------------------|-----------|
//! | `POST /auth/sessions`, `/auth/refresh`, `/invitations/accept` | ✓ | ✓ | ✓          | ✓         |
//! | `DELETE /auth/sessions/current`, `/auth/tokens` (own)         | ✓ | ✓ | ✓          | 401       |
//! | `GET /me`, `PATCH /me`                             | ✓     | ✓     | ✓                | 401       |
//! | `GET /members`, `GET /members/{id}`                | ✓     | ✓     | ✓ (directory)    | 401       |
//! | `PATCH`/`DELETE /members/{id}`                     | ✓     | ✓ ¹   | 403              | 401       |
//! | `PUT`/`DELETE /members/{id}/avatar`                | ✓     | ✓     | own only, else 403 | 401     |
//! | `GET /members/{id}/avatar`                         | ✓     | ✓     | ✓                | 401       |
//! | `/invitations` (all but accept)                    | ✓     | ✓     | 403              | 401       |
//! | `GET /groups…`, `GET /numbers…`, `GET /roles`, `GET /configuration` | ✓ | ✓ | ✓    | 401       |
//! | writes to groups, numbers, configuration           | ✓     | ✓     | 403              | 401       |
//! | `GET /audit-events`                                | ✓     | ✓     | 403              | 401       |
//! | `GET /openapi.json`, `GET /health`                 | ✓     | ✓     | ✓                | ✓         |
//!
//! ¹ Only an owner may make someone an owner, or change or remove an owner; the last active owner can be
//! neither demoted, deactivated nor removed (409 `last_owner`).

use switchboard_api::roles::{Permission, Role};

use crate::error::{ApiError, ApiResult};

/// The authenticated member behind a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub member_id: String,
    pub role: Role,
    pub grants: Vec<Permission>,
    pub credential_id: String,
    /// Set for session (access) tokens, absent for personal API tokens.
    pub session_id: Option<String>,
}

impl Caller {
    /// The caller as the audit log records it.
    pub fn actor(&self) -> crate::audit::Actor<'_> {
        crate::audit::Actor::Member(&self.member_id)
    }

    pub fn is_admin(&self) -> bool {
        matches!(self.role, Role::Owner | Role::Admin)
    }

    /// Team management: owners and admins.
    pub fn require_admin(&self) -> ApiResult<()> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(ApiError::Forbidden("this needs the owner or admin role"))
        }
    }

    /// A member's own resource, or an admin acting on anyone's.
    pub fn require_self_or_admin(&self, member_id: &str) -> ApiResult<()> {
        if self.member_id == member_id || self.is_admin() {
            Ok(())
        } else {
            Err(ApiError::Forbidden("members may change only their own profile"))
        }
    }

    pub fn require_owner(&self) -> ApiResult<()> {
        if self.role == Role::Owner {
            Ok(())
        } else {
            Err(ApiError::Forbidden("this needs the owner role"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(role: Role) -> Caller {
        Caller {
            member_id: "me".into(),
            role,
            grants: Permission::ALL.to_vec(),
            credential_id: "c".into(),
            session_id: None,
        }
    }

    #[test]
    fn grants_do_not_make_a_member_an_admin() {
        let member = caller(Role::Member);
        assert!(member.require_admin().is_err());
        assert!(member.require_self_or_admin("me").is_ok());
        assert!(member.require_self_or_admin("someone else").is_err());
        assert!(caller(Role::Admin).require_self_or_admin("someone else").is_ok());
        assert!(caller(Role::Admin).require_owner().is_err());
        assert!(caller(Role::Owner).require_owner().is_ok());
    }
}
