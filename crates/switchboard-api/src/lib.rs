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

/// Like `wire!`, for a struct holding a password or a token: its `Debug` prints the fields named in
/// `redact(…)` as `[redacted]`, so a secret can't reach a log line through `{:?}`. (The fields stay
/// `String`s: they are serialised on the wire, which the desktop core's `Secret` refuses by design.)
macro_rules! wire_secret {
    ($(
        redact($($secret:ident),+)
        $(#[$meta:meta])*
        pub struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident: $type:ty,)* }
    )*) => {$(
        #[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        $(#[$meta])*
        pub struct $name { $($(#[$field_meta])* pub $field: $type,)* }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let secrets: &[&str] = &[$(stringify!($secret)),+];
                let mut out = f.debug_struct(stringify!($name));
                $(
                    if secrets.contains(&stringify!($field)) {
                        out.field(stringify!($field), &$crate::Redacted);
                    } else {
                        out.field(stringify!($field), &self.$field);
                    }
                )*
                out.finish()
            }
        }
    )*};
}

/// What `Debug` shows instead of a secret.
pub(crate) struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
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
