//! A fuzzer for the docs front end, on stable Rust: mutates seed pages with a deterministic PRNG
//! for a set time and runs every mutant through the page reader, the resolver and the emitter
//! (see `pipeline.rs` for what is checked). Mutants that show new behaviour join the corpus.
//!
//! ```sh
//! cargo run --release -p codegen --example fuzz_pages -- --minutes 10
//! cargo run --release -p codegen --example fuzz_pages -- --minutes 10 --seeds ../shared/corpus/docs-2023
//! cargo run --release -p codegen --example fuzz_pages -- --replay target/fuzz-pages/findings/*.md
//! ```
//!
//! Findings (panics, emitted code that does not parse, diagnostics pointing outside the input,
//! runaway allocation or output, slow inputs) are written to `target/fuzz-pages/findings/`,
//! one `.md` input and one `.txt` message each; the exit status is 1 when there were any. An
//! input that runs past the hang limit is written there and the process exits with status 3.

mod alloc;
mod mutate;
mod pipeline;

use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Parser;
use codegen::parse::{list_pages, read_page, Page};

use mutate::Mutator;
use pipeline::{Finding, Limits};

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

/// Fuzzes the page reader, resolver and emitter with mutated docs pages.
#[derive(Debug, Parser)]
struct Args {
    /// How long to run, in minutes (fractions allowed).
    #[arg(long, default_value_t = 1.0)]
    minutes: f64,
    /// Stop after this many inputs instead (whichever comes first).
    #[arg(long)]
    execs: Option<u64>,
    /// PRNG seed; the same seed and seeds give the same inputs.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folders of seed pages (default: `docs-input` and `codegen/tests/hostile`).
    #[arg(long)]
    seeds: Vec<PathBuf>,
    /// Largest input, in bytes.
    #[arg(long, default_value_t = 256 * 1024)]
    max_len: usize,
    /// Where findings are written.
    #[arg(long)]
    findings: Option<PathBuf>,
    /// An input slower than this many milliseconds is a finding.
    #[arg(long, default_value_t = 5000)]
    slow_ms: u64,
    /// An input still running after this many seconds stops the run as a hang.
    #[arg(long, default_value_t = 60)]
    hang_secs: u64,
    /// Most inputs kept in the corpus.
    #[arg(long, default_value_t = 20_000)]
    max_corpus: usize,
    /// Runs these files through the checks, once each, and reports.
    #[arg(long, num_args = 1..)]
    replay: Vec<PathBuf>,
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The input being run, shared with the hang watchdog.
#[derive(Default)]
struct Current {
    input: Mutex<Vec<u8>>,
    started_ms: AtomicU64,
    running: AtomicBool,
}

fn save_finding(dir: &Path, input: &[u8], finding: &Finding) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let stem = format!("{}-{:016x}", finding.kind, hash(input));
    let _ = std::fs::write(dir.join(format!("{stem}.md")), input);
    let _ = std::fs::write(
        dir.join(format!("{stem}.txt")),
        format!(
            "{} in {}: {}\n",
            finding.kind, finding.stage, finding.message
        ),
    );
    dir.join(format!("{stem}.md"))
}

fn replay(files: &[PathBuf], limits: &Limits) -> i32 {
    let mut status = 0;
    for f in files {
        let input = match std::fs::read(f) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{}: {e}", f.display());
                status = 1;
                continue;
            }
        };
        let started = Instant::now();
        match pipeline::check(&input, &[], limits) {
            Ok(r) => println!(
                "{}: ok ({} parsed, {} ms, peak {} KiB, {} bytes emitted)",
                f.display(),
                if r.parsed { "endpoint" } else { "not" },
                started.elapsed().as_millis(),
                r.peak_alloc >> 10,
                r.output_bytes
            ),
            Err(finding) => {
                println!(
                    "{}: {} in {}: {}",
                    f.display(),
                    finding.kind,
                    finding.stage,
                    finding.message
                );
                status = 1;
            }
        }
    }
    status
}

fn main() {
    let args = Args::parse();
    let limits = Limits::default();
    pipeline::install_quiet_panic_hook();
    if !args.replay.is_empty() {
        std::process::exit(replay(&args.replay, &limits));
    }
    let findings_dir = args
        .findings
        .clone()
        .unwrap_or_else(|| workspace().join("target/fuzz-pages/findings"));
    let seed_dirs = if args.seeds.is_empty() {
        vec![
            workspace().join("docs-input"),
            workspace().join("codegen/tests/hostile"),
        ]
    } else {
        args.seeds.clone()
    };
    let mut corpus: Vec<Vec<u8>> = Vec::new();
    for dir in &seed_dirs {
        let pages = list_pages(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for (_, path) in pages {
            let mut bytes =
                std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            bytes.truncate(args.max_len);
            corpus.push(bytes);
        }
    }
    assert!(!corpus.is_empty(), "no seed pages");
    let seeds = corpus.len();
    // Pages a mutant is resolved together with, now and then: merging is where pages meet.
    let pool: Vec<Page> = corpus
        .iter()
        .filter_map(|b| read_page("fuzz/seed.md", b).ok().flatten())
        .collect();

    let current = Arc::new(Current::default());
    let clock = Instant::now();
    {
        let current = Arc::clone(&current);
        let dir = findings_dir.clone();
        let hang = Duration::from_secs(args.hang_secs);
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(200));
            let started = Duration::from_millis(current.started_ms.load(Ordering::Relaxed));
            if current.running.load(Ordering::Relaxed) && clock.elapsed() > started + hang {
                let input = current.input.lock().map(|i| i.clone()).unwrap_or_default();
                let finding = Finding {
                    kind: "hang",
                    stage: "any",
                    message: format!("still running after {} s", hang.as_secs()),
                };
                let path = save_finding(&dir, &input, &finding);
                eprintln!("hang: input written to {}", path.display());
                std::process::exit(3);
            }
        });
    }

    let mut mutator = Mutator::new(args.seed, args.max_len);
    let mut seen: HashSet<u64> = HashSet::new();
    let mut findings: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut execs: u64 = 0;
    let mut parsed: u64 = 0;
    let mut max_peak = 0usize;
    // The input with the largest peak heap growth per byte, kept for a look at the end.
    let mut heaviest: (f64, Vec<u8>) = (0.0, Vec::new());
    let mut max_ms = 0u128;
    let deadline = Duration::from_secs_f64(args.minutes * 60.0);
    let mut last_report = Instant::now();
    let mut queue: Vec<Vec<u8>> = corpus.clone();
    let record = |input: &[u8], finding: Finding, findings: &mut BTreeMap<String, PathBuf>| {
        let key = format!(
            "{}:{}:{}",
            finding.kind,
            finding.stage,
            first_line(&finding.message)
        );
        if let std::collections::btree_map::Entry::Vacant(slot) = findings.entry(key) {
            let path = save_finding(&findings_dir, input, &finding);
            eprintln!(
                "finding: {} in {}: {} ({})",
                finding.kind,
                finding.stage,
                finding.message,
                path.display()
            );
            slot.insert(path);
        }
    };
    loop {
        let elapsed = clock.elapsed();
        if elapsed >= deadline || args.execs.is_some_and(|n| execs >= n) {
            break;
        }
        // The seeds run first, unmutated; then mutants of the corpus.
        let input = match queue.pop() {
            Some(seed) => seed,
            None => {
                let base = mutator.rng().below(corpus.len());
                let other = mutator.rng().below(corpus.len());
                mutator.mutate(&corpus[base], &corpus[other])
            }
        };
        let merge: Vec<Page> = if !pool.is_empty() && mutator.rng().one_in(8) {
            (0..1 + mutator.rng().below(3))
                .map(|_| mutator.rng().pick(&pool).clone())
                .collect()
        } else {
            Vec::new()
        };
        if let Ok(mut slot) = current.input.lock() {
            slot.clear();
            slot.extend_from_slice(&input);
        }
        current
            .started_ms
            .store(clock.elapsed().as_millis() as u64, Ordering::Relaxed);
        current.running.store(true, Ordering::Relaxed);
        let started = Instant::now();
        let result = pipeline::check(&input, &merge, &limits);
        let ms = started.elapsed().as_millis();
        current.running.store(false, Ordering::Relaxed);
        execs += 1;
        max_ms = max_ms.max(ms);
        if ms > u128::from(args.slow_ms) {
            let finding = Finding {
                kind: "slow",
                stage: "any",
                message: format!("{ms} ms for {} bytes", input.len()),
            };
            record(&input, finding, &mut findings);
        }
        match result {
            Ok(report) => {
                parsed += u64::from(report.parsed);
                max_peak = max_peak.max(report.peak_alloc);
                let per_byte = report.peak_alloc as f64 / (input.len() + (64 << 10)) as f64;
                if per_byte > heaviest.0 {
                    heaviest = (per_byte, input.clone());
                }
                let mut new = false;
                for f in report.features {
                    new |= seen.insert(f);
                }
                if new && corpus.len() < args.max_corpus {
                    corpus.push(input);
                }
            }
            Err(finding) => record(&input, finding, &mut findings),
        }
        if last_report.elapsed() >= Duration::from_secs(30) {
            last_report = Instant::now();
            eprintln!(
                "[{:>5} s] execs {execs} ({:.0}/s), corpus {}, features {}, parsed {parsed}, findings {}",
                elapsed.as_secs(),
                execs as f64 / elapsed.as_secs_f64().max(1e-9),
                corpus.len(),
                seen.len(),
                findings.len()
            );
        }
    }
    let secs = clock.elapsed().as_secs_f64();
    println!(
        "fuzz_pages: seed {}, {execs} execs in {secs:.0} s ({:.0}/s); corpus {} ({seeds} seeds + {} kept); \
         {} features; {parsed} inputs parsed as endpoint pages; slowest input {max_ms} ms; \
         largest peak heap growth {} KiB; findings {}",
        args.seed,
        execs as f64 / secs.max(1e-9),
        corpus.len(),
        corpus.len() - seeds,
        seen.len(),
        max_peak >> 10,
        findings.len()
    );
    if !heaviest.1.is_empty() {
        let path = findings_dir.with_file_name("heaviest.md");
        if std::fs::create_dir_all(findings_dir.parent().unwrap_or(&findings_dir))
            .and_then(|()| std::fs::write(&path, &heaviest.1))
            .is_ok()
        {
            println!(
                "  heaviest input: {:.0} bytes of peak heap per input byte ({} bytes): {}",
                heaviest.0,
                heaviest.1.len(),
                path.display()
            );
        }
    }
    for path in findings.values() {
        println!("  {}", path.display());
    }
    if !findings.is_empty() {
        std::process::exit(1);
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect()
}
