//! The command line: `generate` (the default), `ir`. Errors get their context here and
//! nowhere deeper.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::emit::{emit_crate, EmitOptions, GeneratedFile};
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
}

/// Runs the command line; the binary's `main` is only this.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Some(Command::Ir { docs, out }) => ir(&docs, out.as_deref()),
        Some(Command::Generate { docs, out, check }) => generate(
            &docs.unwrap_or_else(|| default_path("docs-input")),
            &out.unwrap_or_else(|| default_path("generated")),
            check,
        ),
        None => generate(
            &default_path("docs-input"),
            &default_path("generated"),
            false,
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
/// `macros/` (see [`crate_files_with`]).
pub fn crate_files(docs: &Path) -> Result<Vec<GeneratedFile>> {
    crate_files_with(docs, &beside_macros())
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
    let resolved = load(docs)?;
    let mut files = emit_crate(&resolved.api, opts);
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
        contents: manifest::to_json(&resolved.api),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn generate(docs: &Path, out: &Path, check: bool) -> Result<()> {
    let opts = beside_macros();
    let macros_found = opts
        .macros_path
        .as_deref()
        .is_some_and(|macros| lexical_join(out, macros).join("Cargo.toml").is_file());
    let files = if macros_found {
        crate_files_with(docs, &opts)?
    } else {
        eprintln!(
            "note: no macros/ crate beside {}; writing it without the `macros` feature",
            out.display()
        );
        crate_files_with(docs, &EmitOptions::default())?
    };
    if check {
        write::check(out, &files)?;
        eprintln!("{} is up to date with {}", out.display(), docs.display());
        return Ok(());
    }
    let report = write::write(out, &files)?;
    eprintln!(
        "{}: {} written, {} unchanged, {} removed",
        out.display(),
        report.written.len(),
        report.unchanged,
        report.removed.len()
    );
    Ok(())
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

/// Reads and resolves a docs folder, printing warnings to stderr.
pub fn load(docs: &Path) -> Result<resolve::Resolved> {
    let pages =
        parse::read_dir(docs).with_context(|| format!("reading the docs in {}", docs.display()))?;
    let resolved = resolve::resolve(pages);
    for w in &resolved.warnings {
        eprintln!("{w}");
    }
    Ok(resolved)
}

fn ir(docs: &Path, out: Option<&Path>) -> Result<()> {
    let resolved = load(docs)?;
    let json = manifest::to_json(&resolved.api);
    match out {
        Some(path) => std::fs::write(path, json)
            .with_context(|| format!("writing the manifest to {}", path.display()))?,
        None => {
            use std::io::Write;
            std::io::stdout()
                .lock()
                .write_all(json.as_bytes())
                .context("writing the manifest to standard output")?;
        }
    }
    Ok(())
}
