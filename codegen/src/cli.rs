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
        None => anyhow::bail!("generate is not wired yet"),
    }
}

/// Reads and resolves a docs folder, printing warnings to stderr.
pub fn load(docs: &Path) -> Result<resolve::Resolved> {
    let pages = parse::read_dir(docs)
        .with_context(|| format!("reading the docs in {}", docs.display()))?;
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
