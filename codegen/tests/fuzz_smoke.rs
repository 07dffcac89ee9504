//! A short deterministic run of the `fuzz_pages` example (its mutator and checks, compiled in
//! here): a few hundred mutants of the seed pages go through the page reader, the resolver and
//! the emitter without a finding. The long runs are `cargo run --release -p codegen --example
//! fuzz_pages -- --minutes 10` (see the README).

#[path = "../examples/fuzz_pages/alloc.rs"]
mod alloc;
#[path = "../examples/fuzz_pages/mutate.rs"]
mod mutate;
#[path = "../examples/fuzz_pages/pipeline.rs"]
mod pipeline;

use std::path::Path;

use codegen::parse::{list_pages, read_page};

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [root.join("../docs-input"), root.join("tests/hostile")] {
        for (_, path) in list_pages(&dir).unwrap() {
            out.push(std::fs::read(path).unwrap());
        }
    }
    out
}

#[test]
fn mutants_of_the_seed_pages_break_no_invariant() {
    let seeds = seeds();
    let pool: Vec<_> = seeds
        .iter()
        .filter_map(|s| read_page("seed.md", s).ok().flatten())
        .collect();
    let limits = pipeline::Limits::default();
    let mut mutator = mutate::Mutator::new(20_260_421, 64 * 1024);
    let default_hook = std::panic::take_hook();
    pipeline::install_quiet_panic_hook();
    let mut findings = Vec::new();
    let mut parsed = 0;
    for i in 0..400 {
        let input = if i < seeds.len() {
            seeds[i].clone()
        } else {
            let base = mutator.rng().below(seeds.len());
            let other = mutator.rng().below(seeds.len());
            mutator.mutate(&seeds[base], &seeds[other])
        };
        let merge = if i % 8 == 0 { &pool[..2] } else { &[][..] };
        match pipeline::check(&input, merge, &limits) {
            Ok(report) => parsed += usize::from(report.parsed),
            Err(f) => findings.push(format!(
                "{} in {}: {}\n--- input ---\n{}",
                f.kind,
                f.stage,
                f.message,
                String::from_utf8_lossy(&input)
            )),
        }
    }
    std::panic::set_hook(default_hook);
    assert!(findings.is_empty(), "{}", findings.join("\n\n"));
    // The mutants are not all rejected at the door.
    assert!(
        parsed > 40,
        "only {parsed} mutants parsed as endpoint pages"
    );
}
