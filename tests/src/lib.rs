//! Support code for the workspace-level tests.
