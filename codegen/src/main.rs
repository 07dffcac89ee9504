//! `cargo run -p codegen`: regenerate `generated/` from `docs-input/`. See `codegen --help`.

use clap::Parser;

/// mimalloc: the generator allocates and frees millions of small token and syntax nodes; the
/// system allocator spends a quarter of the run on them.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    match codegen::cli::run(codegen::cli::Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
