//! The SCIM 2.0 query and PATCH language (RFC 7644 §3.4.2.2 filters, §3.5.2 PATCH), kept free of
//! HTTP and storage so the `/scim/v2` handlers, the SQL translation and the tests share one meaning
//! of every filter and every PATCH operation.
//!
//! - [`filter`] parses `?filter=` expressions; [`path`] parses PATCH `path` values. Both delegate the
//!   grammar to the `scim_v2` crate and add the input bounds and the error shape the server answers with.
//! - [`eval`] decides whether a JSON resource matches a filter; the PATCH applier uses it to select
//!   elements of multi-valued attributes, and it is the reference the SQL translation must agree with.
//! - [`patch`] applies PATCH operations to a JSON resource without knowing its schema.

pub mod eval;
pub mod filter;
pub mod patch;
pub mod path;
pub mod resources;
pub mod schemas;
pub mod sql;

/// The RFC 7644 §3.12 `scimType` values this module can produce. The server copies
/// [`ScimType::as_str`] into the error body, so the IdP can tell a bad filter from a missed target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScimType {
    InvalidFilter,
    InvalidPath,
    NoTarget,
    InvalidValue,
    InvalidSyntax,
}

impl ScimType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidFilter => "invalidFilter",
            Self::InvalidPath => "invalidPath",
            Self::NoTarget => "noTarget",
            Self::InvalidValue => "invalidValue",
            Self::InvalidSyntax => "invalidSyntax",
        }
    }
}
