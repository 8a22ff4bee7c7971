//! The v1 routes, one module per resource.

pub mod audit_events;
pub mod auth;
pub mod avatars;
pub mod configuration;
pub mod groups;
pub mod invitations;
pub mod members;
pub mod numbers;
pub mod provisioning;
pub mod scim;
