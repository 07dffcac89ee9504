//! `cargo run -p codegen`: regenerate `generated/` from `docs-input/`. See `codegen --help`.

use clap::Parser;

fn main() -> std::process::ExitCode {
    match codegen::cli::run(codegen::cli::Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
