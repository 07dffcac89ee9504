//! The generator fails mid-write and leaves the output folder byte for byte as it was.
//!
//! The output is a copy of the checked-in `generated/`, regenerated from other docs (the
//! hostile pages), so nearly every file changes, some are new and some are stale. Each test
//! puts an obstacle in the copy that the filesystem refuses even to root, runs the `codegen`
//! binary, and compares the whole tree (hidden files included) before and after.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every entry under `dir`, hidden ones included: files with their bytes, folders as `None`.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(dir).unwrap().to_path_buf();
            if path.is_dir() {
                stack.push(path);
                out.insert(rel, None);
            } else {
                out.insert(rel, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of `generated/` under a fresh temporary folder.
fn output_copy(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-atomic-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_tree(&root().join("generated"), &dir);
    dir
}

fn generate(out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["generate", "--docs"])
        .arg(root().join("codegen/tests/hostile/compiles"))
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

fn assert_failed_and_unchanged(
    out: &Path,
    before: &BTreeMap<PathBuf, Option<Vec<u8>>>,
    message: &str,
) {
    let run = generate(out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success(), "the write should fail:\n{stderr}");
    assert!(stderr.contains(message), "{stderr}");
    let after = snapshot(out);
    let changed: Vec<&PathBuf> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert!(changed.is_empty(), "changed by the failed run: {changed:?}");
}

/// A regular file where the generator needs a folder: writing fails while staging, after
/// several temporary files were already written.
#[test]
fn a_file_where_a_folder_must_go_fails_the_write_and_changes_nothing() {
    let out = output_copy("file-for-folder");
    // The hostile pages make `src/models/*.rs`; a file named `models` stands in the way.
    std::fs::remove_dir_all(out.join("src/models")).unwrap();
    std::fs::write(out.join("src/models"), "not a folder\n").unwrap();
    let before = snapshot(&out);
    assert_failed_and_unchanged(&out, &before, "src/models/");
    std::fs::remove_dir_all(&out).unwrap();
}

/// A folder where the generator moves an original aside: the commit fails after earlier files
/// (`Cargo.toml`, `manifest.json`, `src/agents/*`, `src/endpoint.rs`) were already replaced,
/// and those are put back.
#[test]
fn a_failure_while_replacing_files_puts_every_original_back() {
    let out = output_copy("commit");
    let obstacle = out.join("src/.lib.rs.codegen-old");
    std::fs::create_dir_all(&obstacle).unwrap();
    std::fs::write(
        obstacle.join("keep"),
        "a folder the backup cannot replace\n",
    )
    .unwrap();
    let before = snapshot(&out);
    assert_failed_and_unchanged(&out, &before, "src/lib.rs");

    // Without the obstacle the same run succeeds, and the folder is fresh.
    std::fs::remove_dir_all(&obstacle).unwrap();
    let run = generate(&out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let check = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["generate", "--check", "--docs"])
        .arg(root().join("codegen/tests/hostile/compiles"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(out.join("src/models/keyword_entity.rs").exists());
    assert!(
        !out.join("src/models/chat_session_entity.rs").exists(),
        "stale files removed"
    );
    assert!(snapshot(&out)
        .keys()
        .all(|k| !k.to_string_lossy().contains(".codegen-")));
    std::fs::remove_dir_all(&out).unwrap();
}
