//! `rctl run`.

use anyhow::Result;
use clap::Args;

use super::create::CreateFlags;
use crate::cmd::Ctx;
use crate::container::launch::Stdio;
use crate::container::lifecycle;

/// Flags of `run` (`-h` is `--hostname`, as in podman).
#[derive(Args, Debug)]
#[command(disable_help_flag = true)]
pub struct RunArgs {
    /// Print help
    #[arg(long, action = clap::ArgAction::Help)]
    help: Option<bool>,
    /// Run in the background and print the container id
    #[arg(short, long)]
    detach: bool,
    #[command(flatten)]
    flags: CreateFlags,
}

/// Runs `run`: exits with the container's exit code.
pub fn run(ctx: &Ctx, a: RunArgs) -> Result<i32> {
    let store = ctx.store()?;
    let rec = a.flags.create(&store)?;
    let stdin = if a.flags.interactive {
        Stdio::Inherit(0)
    } else {
        Stdio::Null
    };
    match lifecycle::run_direct(&store, &rec, [stdin, Stdio::Inherit(1), Stdio::Inherit(2)]) {
        Ok(code) => Ok(code),
        Err(e) => {
            eprintln!("Error: {e}");
            Ok(e.exit_code())
        }
    }
}
