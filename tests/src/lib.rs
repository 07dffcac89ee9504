//! Support code for the workspace-level tests.
//!
//! Kept free of any dependency on the crates under test so that it can serve
//! all of them (and cannot hide their bugs by sharing code with them).

#![deny(missing_docs)]

pub mod fake_online;
pub mod loopback;
