//! `rctl unshare`: a shell (or command) in the user namespace rootless rctl
//! uses, where the store's files show their container owners.

use std::os::unix::process::CommandExt;

use anyhow::{Result, bail};
use clap::Args;

use super::Ctx;

/// Flags of `unshare`.
#[derive(Args, Debug)]
pub struct UnshareArgs {
    /// Command to run (default: $SHELL, else /bin/sh)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    command: Vec<String>,
}

/// Runs `unshare`: replaces rctl with the command.
pub fn run(ctx: &Ctx, a: UnshareArgs) -> Result<i32> {
    if !ctx.rootless() {
        bail!(
            "please use unshare with rootless: rctl runs as root here, there is no user namespace to enter"
        );
    }
    ctx.userns()?;
    let mut argv = a.command;
    if argv.is_empty() {
        argv.push(std::env::var("SHELL").unwrap_or_else(|_| "/bin/sh".into()));
    }
    let err = std::process::Command::new(&argv[0])
        .args(&argv[1..])
        .env("_CONTAINERS_USERNS_CONFIGURED", "done")
        .exec();
    eprintln!("Error: {}: {err}", argv[0]);
    Ok(if err.kind() == std::io::ErrorKind::NotFound {
        127
    } else {
        126
    })
}
