//! `#[so_endpoint]` as its users see it: `ui/pass/*.rs` compile and run (their `main` checks
//! the requests and responses), `ui/fail/*.rs` fail to compile with the errors in the
//! checked-in `.stderr` beside them.
//!
//! After changing a message, regenerate the `.stderr` files with
//! `TRYBUILD=overwrite cargo test -p workspace-tests --test ui` and review them.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
