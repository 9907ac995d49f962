//! `rctl exec`.

use anyhow::Result;
use clap::Args;

use crate::cmd::Ctx;
use crate::container::exec::{self, ExecOptions};

/// Flags of `exec`.
#[derive(Args, Debug)]
pub struct ExecArgs {
    /// Keep standard input open
    #[arg(short, long)]
    interactive: bool,
    /// Give the command a terminal
    #[arg(short, long)]
    tty: bool,
    /// Run in the background
    #[arg(short, long)]
    detach: bool,
    /// Set an environment variable (NAME=VALUE, or NAME to take the host's)
    #[arg(short, long, value_name = "NAME[=VALUE]")]
    env: Vec<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    workdir: Option<String>,
    /// User (name, uid, name:group, uid:gid)
    #[arg(short, long)]
    user: Option<String>,
    /// Give the command every capability
    #[arg(long)]
    privileged: bool,
    /// The container
    container: String,
    /// Command and arguments
    #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true)]
    command: Vec<String>,
}

/// Runs `exec`: exits with the command's exit code (125/126/127 when it
/// could not run).
pub fn run(ctx: &Ctx, a: ExecArgs) -> Result<i32> {
    let store = ctx.store()?;
    let id = store.resolve_container(&a.container)?;
    let rec = store.container(&id)?;
    let env = a
        .env
        .iter()
        .filter_map(|e| {
            if e.contains('=') {
                Some(e.clone())
            } else {
                std::env::var(e).ok().map(|v| format!("{e}={v}"))
            }
        })
        .collect();
    let opts = ExecOptions {
        argv: a.command,
        env,
        workdir: a.workdir,
        user: a.user,
        tty: a.tty,
        interactive: a.interactive,
        detach: a.detach,
        privileged: a.privileged,
    };
    Ok(match exec::exec(&store, &rec, &opts) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Error: {e}");
            e.exit_code()
        }
    })
}
