//! Review: what a reviewer of a docs update needs besides the Rust diff.
//!
//! - [`diff`]: the changes between two APIs (endpoints, parameters, bodies, responses, models,
//!   properties) with a semver verdict for users of the generated crate; [`diff_text`] prints
//!   them as markdown or JSON (`codegen diff`).
//! - [`snapshot`]: a manifest (`generated/manifest.json`) read back as one side of a diff.
//! - [`quality`]: how well the pages were understood, per page and in total; [`report`] prints
//!   it and checks thresholds (`codegen report`).

pub mod diff;
pub mod diff_text;
pub mod quality;
pub mod report;
pub mod snapshot;
