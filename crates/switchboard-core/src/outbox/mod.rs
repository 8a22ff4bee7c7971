//! The invite outbox: invites are kept durably before they are sent, and sent exactly once (see
//! `store.rs` for the durable half, `sender.rs` for the sending, `backoff.rs` for the waits).

pub mod backoff;
pub mod sender;
pub mod store;

pub use sender::{Deliver, Event, InFlight, Lookup, Outcome, Sender, Waker, classify};
pub use store::{OutboxEntry, OutboxState, OutboxStore};
