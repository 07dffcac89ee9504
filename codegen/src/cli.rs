//! The command line: `generate` (the default), `ir`, `diff`, `report`. Errors get their
//! context here and nowhere deeper.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::emit::{emit_crate_timed, EmitOptions, EmitTimings, FormatCache, GeneratedFile};
use crate::ir::Api;
use crate::review::report::{Limit, PageList, Thresholds};
use crate::review::{diff_text, quality, report, snapshot};
use crate::{manifest, parse, resolve, runtime_source, write};

/// Generates the `superoffice-api` crate from SuperOffice WebAPI endpoint pages.
#[derive(Debug, Parser)]
#[command(name = "codegen", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate the crate from a docs folder (the default: `docs-input` into `generated`).
    Generate {
        /// The docs folder.
        #[arg(long)]
        docs: Option<PathBuf>,
        /// The crate folder to write.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write nothing; fail, naming the stale files, if the crate differs from what the docs
        /// produce.
        #[arg(long)]
        check: bool,
        /// Also write `examples/sample_check.rs`, which decodes every page's sample response
        /// into its endpoint's response type and reports the failures
        /// (`cargo run --all-features --example sample_check` in the crate), and
        /// `examples/contract_check.rs`, which sends the same requests to Prism mocking the
        /// Swagger specs (`.ci/contract.sh`).
        #[arg(long)]
        sample_check: bool,
        /// Print where the time went (wall time per stage, CPU time of the emitter's halves)
        /// and the peak memory, to stderr.
        #[arg(long)]
        timings: bool,
    },
    /// Print the IR of a docs folder as the JSON manifest.
    Ir {
        /// The docs folder.
        #[arg(long, default_value = "docs-input")]
        docs: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print what changed in the API between two descriptions of it, and whether the change
    /// is breaking for users of the generated crate.
    ///
    /// Each side is a docs folder, a manifest file (`generated/manifest.json`, or the output
    /// of `codegen ir`), or a crate folder with a `manifest.json` and no pages (`generated`).
    Diff {
        /// The old side: a docs folder or a manifest file.
        old: PathBuf,
        /// The new side: a docs folder or a manifest file.
        new: PathBuf,
        /// Markdown (for a pull-request description) or JSON.
        #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Exit non-zero when a change is breaking.
        #[arg(long)]
        deny_breaking: bool,
    },
    /// Print how well the pages of a docs folder were understood: per page and in total,
    /// properties typed from tables, other pages and samples, or left `any`, and warnings.
    Report {
        /// The docs folder (default: `docs-input`).
        #[arg(long)]
        docs: Option<PathBuf>,
        /// Text or JSON (JSON lists every page).
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// List every page, not only the worst.
        #[arg(long)]
        all_pages: bool,
        /// How many of the worst pages the text lists.
        #[arg(long, default_value_t = 20)]
        worst: usize,
        /// Also print every warning to stderr, as `file:line: warning: ...`.
        #[arg(long)]
        warnings: bool,
        /// Fail when more properties than this are left `any`: a count (`40`) or a share of
        /// all properties (`5%`).
        #[arg(long)]
        max_any: Option<Limit>,
        /// Fail when there are more warnings than this.
        #[arg(long)]
        max_warnings: Option<usize>,
    },
}

/// Output of `codegen diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    /// Markdown, for a pull-request description.
    Markdown,
    /// JSON.
    Json,
}

/// Output of `codegen report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// A table of pages and the totals.
    Text,
    /// JSON.
    Json,
}

/// Runs the command line; the binary's `main` is only this.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Some(Command::Ir { docs, out }) => ir(&docs, out.as_deref()),
        Some(Command::Diff {
            old,
            new,
            format,
            out,
            deny_breaking,
        }) => diff(&old, &new, format, out.as_deref(), deny_breaking),
        Some(Command::Report {
            docs,
            format,
            all_pages,
            worst,
            warnings,
            max_any,
            max_warnings,
        }) => {
            let list = if all_pages {
                PageList::All
            } else {
                PageList::Worst(worst)
            };
            let thresholds = Thresholds {
                max_any,
                max_warnings,
            };
            quality_report(
                &docs.unwrap_or_else(|| default_path("docs-input")),
                format,
                list,
                warnings,
                &thresholds,
            )
        }
        Some(Command::Generate {
            docs,
            out,
            check,
            sample_check,
            timings,
        }) => generate(
            &docs.unwrap_or_else(|| default_path("docs-input")),
            &out.unwrap_or_else(|| default_path("generated")),
            &GenerateOptions {
                check,
                sample_check,
                timings,
            },
        ),
        None => generate(
            &default_path("docs-input"),
            &default_path("generated"),
            &GenerateOptions::default(),
        ),
    }
}

/// `docs-input` and `generated` are found in the current folder, or else at the workspace root,
/// so `cargo run -p codegen` works from anywhere in the workspace.
fn default_path(name: &str) -> PathBuf {
    let here = PathBuf::from(name);
    if here.exists() {
        return here;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(name);
    if root.exists() {
        root
    } else {
        here
    }
}

/// Every file of the crate generated from `docs` into this workspace's `generated/`, beside
/// `macros/` (see [`crate_files_with`]). Warnings go to stderr.
pub fn crate_files(docs: &Path) -> Result<Vec<GeneratedFile>> {
    crate_files_with(docs, &beside_macros())
}

/// [`crate_files`] without printing warnings, reusing from `cache` what it can (for
/// benchmarks and tests).
pub fn crate_files_quiet(docs: &Path, cache: &FormatCache) -> Result<Vec<GeneratedFile>> {
    files_of(resolve::resolve(read_pages(docs)?), &beside_macros(), cache)
}

/// The emit options of a crate that has the `superoffice-macros` crate at `../macros`, as
/// `generated/` has: its `macros` feature re-exports `#[so_endpoint]`.
pub fn beside_macros() -> EmitOptions {
    EmitOptions {
        macros_path: Some("../macros".to_string()),
        ..EmitOptions::default()
    }
}

/// Every file of the crate generated from `docs` with `opts`: the emitted code, the
/// hand-written runtime, and the IR snapshot `manifest.json` (reviewable beside the code).
pub fn crate_files_with(docs: &Path, opts: &EmitOptions) -> Result<Vec<GeneratedFile>> {
    files_of(load(docs)?, opts, &FormatCache::empty())
}

fn files_of(
    resolved: resolve::Resolved,
    opts: &EmitOptions,
    cache: &FormatCache,
) -> Result<Vec<GeneratedFile>> {
    Ok(files_timed(&resolved.api, opts, cache).0)
}

/// Every file of the crate: the emitted code, the hand-written runtime and the manifest, sorted
/// by path; with the emitter's timings.
fn files_timed(
    api: &Api,
    opts: &EmitOptions,
    cache: &FormatCache,
) -> (Vec<GeneratedFile>, EmitTimings) {
    let (mut files, timings) = emit_crate_timed(api, opts, cache);
    files.extend(
        runtime_source::FILES
            .iter()
            .map(|(name, text)| GeneratedFile {
                path: format!("src/runtime/{name}"),
                contents: (*text).to_string(),
            }),
    );
    files.push(GeneratedFile {
        path: "manifest.json".to_string(),
        contents: manifest::to_json(api),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, timings)
}

/// The switches of `codegen generate`.
#[derive(Debug, Default)]
struct GenerateOptions {
    check: bool,
    sample_check: bool,
    timings: bool,
}

fn generate(docs: &Path, out: &Path, how: &GenerateOptions) -> Result<()> {
    let start = Instant::now();
    let opts = EmitOptions {
        sample_check: how.sample_check,
        ..beside_macros()
    };
    let macros_found = opts
        .macros_path
        .as_deref()
        .is_some_and(|macros| lexical_join(out, macros).join("Cargo.toml").is_file());
    let opts = if macros_found {
        opts
    } else {
        eprintln!(
            "note: no macros/ crate beside {}; writing it without the `macros` feature",
            out.display()
        );
        EmitOptions {
            macros_path: None,
            ..opts
        }
    };
    // The previous output is read and checked while the docs are parsed. `--check` formats
    // everything: it must not trust what is on disk.
    let (pages, cache) = std::thread::scope(|s| {
        let cache = s.spawn(|| {
            if how.check {
                FormatCache::empty()
            } else {
                FormatCache::load(out)
            }
        });
        let pages = read_pages(docs);
        (pages, cache.join().expect("format cache reader panicked"))
    });
    let read = start.elapsed();
    let resolved = resolve::resolve(pages?);
    for w in &resolved.warnings {
        eprintln!("{w}");
    }
    let resolved_at = start.elapsed();
    let (files, emit_cpu) = files_timed(&resolved.api, &opts, &cache);
    let emitted_at = start.elapsed();
    let outcome = if how.check {
        write::check(out, &files)
            .map(|()| format!("{} is up to date with {}", out.display(), docs.display()))
    } else {
        write::write(out, &files).map(|report| {
            format!(
                "{}: {} written, {} unchanged, {} removed",
                out.display(),
                report.written.len(),
                report.unchanged,
                report.removed.len()
            )
        })
    };
    if how.timings {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "timings: read and parse {:.0} ms, resolve {:.0} ms, emit {:.0} ms (cpu: tokens \
             {:.0}, hashing {:.0}, syn {:.0}, prettyplease {:.0}), {} {:.0} ms; total {:.0} ms, \
             peak memory {}",
            ms(read),
            ms(resolved_at - read),
            ms(emitted_at - resolved_at),
            ms(emit_cpu.tokens),
            ms(emit_cpu.hash),
            ms(emit_cpu.parse),
            ms(emit_cpu.print),
            if how.check { "check" } else { "write" },
            ms(start.elapsed() - emitted_at),
            ms(start.elapsed()),
            peak_memory().unwrap_or_else(|| "unknown".into()),
        );
    }
    eprintln!("{}", outcome?);
    // The process ends here: freeing ~400,000 allocations one by one would only delay it.
    std::mem::forget((resolved, files, cache));
    Ok(())
}

/// The process's peak resident memory (`VmHWM`), where the system tells it.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(format!("{:.0} MB", kb / 1024.0))
}

/// `base` joined with the relative `path`, `..` taken off lexically (`base` need not exist).
fn lexical_join(base: &Path, path: &str) -> PathBuf {
    let mut out = base.to_path_buf();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if !out.pop() {
                    out.push("..");
                }
            }
            part => out.push(part),
        }
    }
    out
}

/// Every endpoint page of a docs folder, or all their errors with the folder named.
fn read_pages(docs: &Path) -> Result<Vec<parse::Page>> {
    parse::read_dir(docs).with_context(|| format!("reading the docs in {}", docs.display()))
}

/// Reads and resolves a docs folder, printing warnings to stderr.
pub fn load(docs: &Path) -> Result<resolve::Resolved> {
    let resolved = resolve::resolve(read_pages(docs)?);
    for w in &resolved.warnings {
        eprintln!("{w}");
    }
    Ok(resolved)
}

fn ir(docs: &Path, out: Option<&Path>) -> Result<()> {
    let resolved = load(docs)?;
    let json = manifest::to_json(&resolved.api);
    emit_text(&json, out, "the manifest")
}

/// Writes `text` to `out`, or to standard output.
fn emit_text(text: &str, out: Option<&Path>, what: &str) -> Result<()> {
    match out {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("writing {what} to {}", path.display()))?,
        None => {
            use std::io::Write;
            std::io::stdout()
                .lock()
                .write_all(text.as_bytes())
                .with_context(|| format!("writing {what} to standard output"))?;
        }
    }
    Ok(())
}

/// One side of a diff: a manifest file, a crate folder holding one (`generated/`: it has a
/// `Cargo.toml`, or no pages), or a docs folder resolved without printing its warnings (they are
/// not what a diff is about).
pub fn api_of(path: &Path) -> Result<Api> {
    let snapshot = path.join("manifest.json");
    let manifest = if path.is_file() {
        Some(path.to_path_buf())
    } else if snapshot.is_file()
        && (path.join("Cargo.toml").is_file()
            || parse::list_pages(path)
                .with_context(|| format!("reading {}", path.display()))?
                .is_empty())
    {
        Some(snapshot)
    } else {
        None
    };
    if let Some(manifest) = manifest {
        let json = std::fs::read_to_string(&manifest)
            .with_context(|| format!("reading {}", manifest.display()))?;
        return snapshot::from_manifest(&json)
            .with_context(|| format!("reading the manifest {}", manifest.display()));
    }
    Ok(resolve::resolve(read_pages(path)?).api)
}

fn diff(
    old: &Path,
    new: &Path,
    format: DiffFormat,
    out: Option<&Path>,
    deny_breaking: bool,
) -> Result<()> {
    let changes = crate::review::diff::diff(&api_of(old)?, &api_of(new)?);
    let text = match format {
        DiffFormat::Markdown => diff_text::markdown(&changes),
        DiffFormat::Json => diff_text::json(&changes),
    };
    emit_text(&text, out, "the diff")?;
    if deny_breaking && changes.breaking > 0 {
        anyhow::bail!(
            "{} breaking change(s) from {} to {}",
            changes.breaking,
            old.display(),
            new.display()
        );
    }
    Ok(())
}

fn quality_report(
    docs: &Path,
    format: ReportFormat,
    list: PageList,
    print_warnings: bool,
    thresholds: &Thresholds,
) -> Result<()> {
    let pages = read_pages(docs)?;
    let sources: Vec<String> = pages.iter().map(|p| p.source.to_string()).collect();
    let mut warnings = quality::unread_type_cells(&pages);
    let resolved = resolve::resolve(pages);
    warnings.extend(resolved.warnings);
    warnings.sort();
    if print_warnings {
        for w in &warnings {
            eprintln!("{w}");
        }
    }
    let figures = quality::assess(&sources, &warnings, &resolved.api);
    let text = match format {
        ReportFormat::Text => report::text(&figures, list),
        ReportFormat::Json => report::json(&figures),
    };
    emit_text(&text, None, "the report")?;
    report::check(&figures, thresholds)?;
    Ok(())
}
