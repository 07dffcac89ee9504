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
        /// Also write `examples/sample_check.rs`, which decodes every page's sample response
        /// into its endpoint's response type and reports the failures
        /// (`cargo run --all-features --example sample_check` in the crate).
        #[arg(long)]
        sample_check: bool,
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
        Some(Command::Generate {
            docs,
            out,
            check,
            sample_check,
        }) => generate(
            &docs.unwrap_or_else(|| default_path("docs-input")),
            &out.unwrap_or_else(|| default_path("generated")),
            check,
            &EmitOptions {
                sample_check,
                ..EmitOptions::default()
            },
        ),
        None => generate(
            &default_path("docs-input"),
            &default_path("generated"),
            false,
            &EmitOptions::default(),
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

/// Every file of the crate generated from `docs`: the emitted code, the hand-written runtime,
/// and the IR snapshot `manifest.json` (reviewable beside the code).
pub fn crate_files(docs: &Path) -> Result<Vec<GeneratedFile>> {
    crate_files_with(docs, &EmitOptions::default())
}

/// [`crate_files`] with other emit options.
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

fn generate(docs: &Path, out: &Path, check: bool, opts: &EmitOptions) -> Result<()> {
    let files = crate_files_with(docs, opts)?;
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
