//! The Team API (v1) contract as Rust: the wire types shared by the reference server and the desktop
//! client, and (see `client`) the typed async HTTP client the desktop app uses.

pub mod problem;
