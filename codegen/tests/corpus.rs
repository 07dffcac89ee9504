//! The whole 2023 corpus from `../shared/corpus`, when it is there: every page parses, and the
//! manifest is byte-identical across runs and page orders. Without the corpus the tests say so
//! and pass: a fresh clone must pass its tests.

use std::path::{Path, PathBuf};

use codegen::parse::{list_pages, read_all};
use codegen::resolve::resolve;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/docs-2023");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: no corpus at {}", dir.display());
        None
    }
}

#[test]
fn every_corpus_page_parses_and_the_manifest_is_deterministic() {
    let Some(dir) = corpus() else { return };
    let mut contents: Vec<(String, Vec<u8>)> = list_pages(&dir)
        .unwrap()
        .into_iter()
        .map(|(rel, path)| (rel, std::fs::read(path).unwrap()))
        .collect();
    let pages = read_all(&contents).expect("every corpus page parses");
    assert_eq!(pages.len(), 3116);
    let first = codegen::manifest::to_json(&resolve(pages).api);
    contents.reverse();
    let again = codegen::manifest::to_json(&resolve(read_all(&contents).unwrap()).api);
    assert!(first == again, "manifest differs with page order");
}
