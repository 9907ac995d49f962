//! `rctl load`.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;

use crate::cmd::Ctx;
use crate::image::load;

/// Flags of `load`.
#[derive(Args, Debug)]
pub struct LoadArgs {
    /// Read from this archive or OCI layout directory instead of standard input
    #[arg(short, long, value_name = "PATH")]
    input: Option<PathBuf>,
    /// Print nothing but errors
    #[arg(short, long)]
    quiet: bool,
}

/// Runs `load`.
pub fn run(ctx: &Ctx, a: LoadArgs) -> Result<i32> {
    ctx.userns()?;
    let store = ctx.store()?;
    let loaded = match a.input.filter(|p| p.as_os_str() != "-") {
        Some(path) => load::load(&store, &path)?,
        None => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                bail!(
                    "cannot read an archive from a terminal: use -i FILE or redirect standard input"
                );
            }
            load::load_reader(&store, stdin.lock())?
        }
    };
    if !a.quiet {
        for l in loaded {
            if l.names.is_empty() {
                println!("Loaded image: {}", l.id);
            }
            for n in l.names {
                println!("Loaded image: {n}");
            }
        }
    }
    Ok(0)
}
