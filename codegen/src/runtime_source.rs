//! The hand-written runtime of the generated crate, embedded so that `generate --out DIR` writes
//! a crate that builds where it stands. Its one source is `generated/src/runtime/`; a test checks
//! this list against that folder.

/// `(file name, contents)` of every file of `generated/src/runtime/`, sorted by name.
pub const FILES: &[(&str, &str)] = &[
    (
        "auth.rs",
        include_str!("../../generated/src/runtime/auth.rs"),
    ),
    (
        "base64_bytes.rs",
        include_str!("../../generated/src/runtime/base64_bytes.rs"),
    ),
    (
        "base_url.rs",
        include_str!("../../generated/src/runtime/base_url.rs"),
    ),
    (
        "body.rs",
        include_str!("../../generated/src/runtime/body.rs"),
    ),
    (
        "client.rs",
        include_str!("../../generated/src/runtime/client.rs"),
    ),
    (
        "credentials.rs",
        include_str!("../../generated/src/runtime/credentials.rs"),
    ),
    (
        "datetime.rs",
        include_str!("../../generated/src/runtime/datetime.rs"),
    ),
    (
        "decode.rs",
        include_str!("../../generated/src/runtime/decode.rs"),
    ),
    (
        "discovery.rs",
        include_str!("../../generated/src/runtime/discovery.rs"),
    ),
    (
        "error.rs",
        include_str!("../../generated/src/runtime/error.rs"),
    ),
    (
        "flags.rs",
        include_str!("../../generated/src/runtime/flags.rs"),
    ),
    (
        "meta.rs",
        include_str!("../../generated/src/runtime/meta.rs"),
    ),
    ("mod.rs", include_str!("../../generated/src/runtime/mod.rs")),
    (
        "model.rs",
        include_str!("../../generated/src/runtime/model.rs"),
    ),
    (
        "open_enum.rs",
        include_str!("../../generated/src/runtime/open_enum.rs"),
    ),
    (
        "options.rs",
        include_str!("../../generated/src/runtime/options.rs"),
    ),
    (
        "paging.rs",
        include_str!("../../generated/src/runtime/paging.rs"),
    ),
    (
        "patch.rs",
        include_str!("../../generated/src/runtime/patch.rs"),
    ),
    (
        "path.rs",
        include_str!("../../generated/src/runtime/path.rs"),
    ),
    (
        "percent.rs",
        include_str!("../../generated/src/runtime/percent.rs"),
    ),
    (
        "query.rs",
        include_str!("../../generated/src/runtime/query.rs"),
    ),
    (
        "request.rs",
        include_str!("../../generated/src/runtime/request.rs"),
    ),
    (
        "response.rs",
        include_str!("../../generated/src/runtime/response.rs"),
    ),
    (
        "retry.rs",
        include_str!("../../generated/src/runtime/retry.rs"),
    ),
    (
        "route.rs",
        include_str!("../../generated/src/runtime/route.rs"),
    ),
    (
        "so_error.rs",
        include_str!("../../generated/src/runtime/so_error.rs"),
    ),
    (
        "system_user.rs",
        include_str!("../../generated/src/runtime/system_user.rs"),
    ),
    (
        "trace.rs",
        include_str!("../../generated/src/runtime/trace.rs"),
    ),
    (
        "upload.rs",
        include_str!("../../generated/src/runtime/upload.rs"),
    ),
];

/// The line every runtime file starts with: the generator writes these files but does not own
/// them in `generated/` (it never removes them).
pub const MARK: &str = "// Hand-written runtime of the generated crate";

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_list_matches_the_runtime_folder() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../generated/src/runtime");
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".rs"))
            .collect();
        names.sort();
        let embedded: Vec<&str> = super::FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, embedded, "update codegen/src/runtime_source.rs");
        for (name, text) in super::FILES {
            assert!(
                text.starts_with(super::MARK),
                "{name} lacks the runtime mark"
            );
        }
    }
}
