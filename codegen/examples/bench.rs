//! The generator's benchmark: `cargo run --release -p codegen --example bench -- [DOCS] [RUNS]`
//! (default `../shared/corpus/docs-2023`, 5 runs). It prints, per stage, the median of the runs:
//!
//! - floor: reading every file and iterating pulldown-cmark's events, with no other work;
//! - read + markdown: reading the files and walking them into blocks;
//! - IR building: blocks into pages (what each page states);
//! - type resolution: all pages into one API;
//! - token emission and formatting: CPU time summed over the emitter's threads, and the
//!   emitter's wall time;
//! - writing: the files into a fresh folder;
//! - total: a whole `generate` into a fresh folder (every file formatted), and its ratio to the
//!   floor, with the peak memory it reached (VmHWM, reset before it);
//! - regenerate: `generate` again over that output, as after a docs change: files whose tokens
//!   did not change come from the format cache (`codegen-cache.tsv`) instead of the formatter;
//! - the `codegen generate` process itself into a fresh folder (startup and exit included), when
//!   the binary is built beside this example (`cargo build --release -p codegen`), with its ratio
//!   to the floor and its peak memory.
//!
//! Each timed step starts after the files of the previous ones are flushed to disk (`sync`,
//! untimed). Figures go to stdout; no assertion is made: the machines are noisy.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use codegen::emit::{emit_crate_timed, EmitOptions, FormatCache};
use codegen::parse::{list_pages, page, read_document};

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn read_all(dir: &Path) -> Vec<(String, Vec<u8>)> {
    list_pages(dir)
        .expect("docs folder is readable")
        .into_iter()
        .map(|(rel, path)| (rel, std::fs::read(path).expect("page is readable")))
        .collect()
}

/// Reading every page and iterating its markdown events: what any docs reader must pay.
fn floor(dir: &Path) -> Duration {
    let start = Instant::now();
    let mut events = 0usize;
    for (_, bytes) in read_all(dir) {
        let text = String::from_utf8_lossy(&bytes);
        let options = pulldown_cmark::Options::ENABLE_TABLES
            | pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
        events += pulldown_cmark::Parser::new_ext(&text, options).count();
    }
    std::hint::black_box(events);
    start.elapsed()
}

#[derive(Default)]
struct Run {
    floor: Duration,
    read_markdown: Duration,
    ir: Duration,
    resolve: Duration,
    tokens_cpu: Duration,
    hash_cpu: Duration,
    parse_cpu: Duration,
    print_cpu: Duration,
    emit_wall: Duration,
    write: Duration,
}

fn staged(dir: &Path, out: &Path) -> Run {
    let mut run = Run {
        floor: floor(dir),
        ..Run::default()
    };
    let start = Instant::now();
    let contents = read_all(dir);
    let docs: Vec<_> = contents
        .iter()
        .map(|(rel, bytes)| {
            let source: Arc<str> = Arc::from(rel.as_str());
            let (form, doc) = read_document(&source, bytes).expect("page reads");
            (source, form, doc)
        })
        .collect();
    run.read_markdown = start.elapsed();
    let start = Instant::now();
    let pages: Vec<_> = docs
        .iter()
        .filter_map(|(source, form, doc)| {
            page::read_page(source, *form, doc).expect("page is valid")
        })
        .collect();
    run.ir = start.elapsed();
    let start = Instant::now();
    let resolved = codegen::resolve::resolve(pages);
    run.resolve = start.elapsed();
    let start = Instant::now();
    let (files, timings) = emit_crate_timed(
        &resolved.api,
        &EmitOptions::default(),
        &FormatCache::empty(),
    );
    run.emit_wall = start.elapsed();
    run.tokens_cpu = timings.tokens;
    run.hash_cpu = timings.hash;
    run.parse_cpu = timings.parse;
    run.print_cpu = timings.print;
    let start = Instant::now();
    codegen::write::write(out, &files).expect("output is writable");
    run.write = start.elapsed();
    run
}

/// A whole `generate` into a fresh folder: every file formatted. Also the peak memory reached
/// meanwhile, where the system can reset and tell it.
fn whole(dir: &Path, out: &Path) -> (Duration, Option<f64>) {
    // Writing 5 to clear_refs resets VmHWM to the current resident size (Linux).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let start = Instant::now();
    let files = codegen::cli::crate_files_quiet(dir, &FormatCache::empty()).expect("docs generate");
    codegen::write::write(out, &files).expect("output is writable");
    let elapsed = start.elapsed();
    drop(files);
    (elapsed, peak_memory_mb().filter(|_| reset))
}

/// The `codegen generate` process into a fresh folder: its wall time, measured here, and the
/// peak memory it reports (`--timings`).
fn process(codegen: &Path, dir: &Path, out: &Path) -> Option<(Duration, Option<f64>)> {
    let start = Instant::now();
    let output = std::process::Command::new(codegen)
        .args(["generate", "--timings", "--docs"])
        .arg(dir)
        .arg("--out")
        .arg(out)
        .output()
        .ok()?;
    let elapsed = start.elapsed();
    if !output.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&output.stderr));
        return None;
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let peak = stderr
        .lines()
        .find_map(|l| l.split("peak memory ").nth(1))
        .and_then(|p| p.trim_end_matches(" MB").trim().parse().ok());
    Some((elapsed, peak))
}

/// The `codegen` binary of the same build as this example (`target/<profile>/codegen`).
fn codegen_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let bin = exe
        .parent()?
        .parent()?
        .join(format!("codegen{}", std::env::consts::EXE_SUFFIX));
    bin.is_file().then_some(bin)
}

/// A whole `generate` over its own previous output, as a user regenerates after a docs change:
/// files whose tokens did not change come from the format cache.
fn regenerate(dir: &Path, out: &Path) -> Duration {
    let start = Instant::now();
    let cache = FormatCache::load(out);
    let files = codegen::cli::crate_files_quiet(dir, &cache).expect("docs generate");
    codegen::write::write(out, &files).expect("output is writable");
    start.elapsed()
}

/// Flushes the files written so far to disk (`sync`), untimed, before a timed step: else the
/// kernel writes the previous step's ~20 MB back while this one runs, on the same two cores,
/// and a step is timed with its predecessor's writeback in it.
fn settle() {
    let _ = std::process::Command::new("sync").status();
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "../shared/corpus/docs-2023".into()),
    );
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let scratch = std::env::temp_dir().join(format!("codegen-bench-{}", std::process::id()));

    let codegen = codegen_binary();
    let mut staged_runs = Vec::new();
    let mut totals = Vec::new();
    let mut peaks = Vec::new();
    let mut regenerations = Vec::new();
    let mut processes = Vec::new();
    let mut process_peaks = Vec::new();
    for i in 0..runs {
        settle();
        let out = scratch.join(format!("staged-{i}"));
        staged_runs.push(staged(&dir, &out));
        settle();
        let out = scratch.join(format!("whole-{i}"));
        let (total, peak) = whole(&dir, &out);
        totals.push(total);
        peaks.extend(peak);
        settle();
        regenerations.push(regenerate(&dir, &out));
        if let Some(codegen) = &codegen {
            settle();
            let out = scratch.join(format!("process-{i}"));
            if let Some((wall, peak)) = process(codegen, &dir, &out) {
                processes.push(wall);
                process_peaks.extend(peak);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    let pick = |f: fn(&Run) -> Duration| median(staged_runs.iter().map(f).collect());
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let floor = pick(|r| r.floor);
    let total = median(totals);
    let again = median(regenerations);
    let median_mb = |xs: Vec<f64>| {
        let mut xs = xs;
        xs.sort_by(f64::total_cmp);
        xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let process_wall = (!processes.is_empty()).then(|| ms(median(processes)));
    println!("codegen bench: {} ({runs} runs, medians)", dir.display());
    let rows: [(&str, f64, &str); 19] = [
        ("floor (read + pulldown-cmark events)", ms(floor), "ms"),
        ("read + markdown", ms(pick(|r| r.read_markdown)), "ms"),
        ("IR building (pages)", ms(pick(|r| r.ir)), "ms"),
        ("type resolution", ms(pick(|r| r.resolve)), "ms"),
        (
            "token emission (cpu, all threads)",
            ms(pick(|r| r.tokens_cpu)),
            "ms",
        ),
        (
            "hashing for the cache (cpu)",
            ms(pick(|r| r.hash_cpu)),
            "ms",
        ),
        (
            "syn parsing (cpu, all threads)",
            ms(pick(|r| r.parse_cpu)),
            "ms",
        ),
        (
            "prettyplease printing (cpu)",
            ms(pick(|r| r.print_cpu)),
            "ms",
        ),
        ("emit + format (wall)", ms(pick(|r| r.emit_wall)), "ms"),
        ("writing (fresh folder)", ms(pick(|r| r.write)), "ms"),
        ("total generate, fresh folder (wall)", ms(total), "ms"),
        ("total / floor", ms(total) / ms(floor), "x"),
        ("peak memory of that generate", median_mb(peaks), "MB"),
        ("regenerate over it, docs unchanged", ms(again), "ms"),
        ("regenerate / floor", ms(again) / ms(floor), "x"),
        (
            "codegen generate process, fresh folder",
            process_wall.unwrap_or(f64::NAN),
            "ms",
        ),
        (
            "process / floor",
            process_wall.map_or(f64::NAN, |w| w / ms(floor)),
            "x",
        ),
        ("peak memory of the process", median_mb(process_peaks), "MB"),
        (
            "peak memory of this benchmark (VmHWM)",
            peak_memory_mb().unwrap_or(f64::NAN),
            "MB",
        ),
    ];
    for (label, value, unit) in rows {
        println!("  {label:<37}{value:8.1} {unit}");
    }
}
