//! Typed client for the SuperOffice CRM WebAPI.
//!
//! The endpoint modules are generated from SuperOffice's WebAPI
//! documentation; [`runtime`] is the hand-written support code they all
//! call into (request building, encoding, decoding, errors and the HTTP
//! client behind the default `client` feature).

pub mod runtime;
