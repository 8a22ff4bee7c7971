//! The Team API (v1) contract as Rust: the wire types shared by the reference server and the desktop
//! client, and (see `client`) the typed async HTTP client the desktop app uses.
//!
//! Every type derives `utoipa::ToSchema` under the `openapi` feature (the server's generated document)
//! and `ts_rs::TS` under the `ts` feature (the desktop UI's TypeScript types), so there is exactly one
//! definition of each shape.

/// Applies the derives every wire struct shares, so the feature-gated ones cannot be forgotten.
macro_rules! wire {
    ($($item:item)*) => {$(
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        $item
    )*};
}

/// Like `wire!`, for the closed string enums (serialised in snake_case).
macro_rules! wire_enum {
    ($($item:item)*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        $item
    )*};
}

pub mod audit;
pub mod auth;
#[cfg(feature = "client")]
pub mod client;
pub mod codes;
pub mod configuration;
pub mod groups;
pub mod invitations;
pub mod members;
pub mod numbers;
pub mod page;
pub mod principal;
pub mod problem;
pub mod provisioning;
pub mod roles;
mod whole;

pub use codes::ErrorCode;
pub use page::Page;
pub use problem::Problem;
