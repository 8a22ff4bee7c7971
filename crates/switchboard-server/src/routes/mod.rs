//! The v1 routes, one module per resource.

pub mod auth;
pub mod configuration;
pub mod members;
