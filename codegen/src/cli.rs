//! The command line: `generate` (the default), `ir`. Errors get their context here and
//! nowhere deeper.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::{manifest, parse, resolve};

/// Generates the `superoffice-api` crate from SuperOffice WebAPI endpoint pages.
#[derive(Debug, Parser)]
#[command(name = "codegen", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
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
        None => snapshot(Path::new("docs-input"), Path::new(SNAPSHOT)),
    }
}

/// Where the checked-in IR snapshot of `docs-input/` lives, next to the code made from it.
pub const SNAPSHOT: &str = "generated/manifest.json";

/// The default job: the manifest of `docs` written to `out` through a temporary file and a
/// rename, so an error never leaves a half-written snapshot.
fn snapshot(docs: &Path, out: &Path) -> Result<()> {
    let resolved = load(docs)?;
    let json = manifest::to_json(&resolved.api);
    if std::fs::read_to_string(out).ok().as_deref() == Some(json.as_str()) {
        eprintln!("{} is up to date", out.display());
        return Ok(());
    }
    let tmp = out.with_extension("json.tmp");
    std::fs::write(&tmp, &json).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, out).with_context(|| format!("replacing {}", out.display()))?;
    eprintln!("wrote {}", out.display());
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
