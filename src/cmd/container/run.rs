//! `rctl run`.

use anyhow::Result;
use clap::Args;

use super::create::CreateFlags;
use crate::cmd::Ctx;
use crate::container::launch::Stdio;
use crate::container::{lifecycle, monitor};

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

/// Runs `run`: exits with the container's exit code (125/126/127 when it
/// could not be started).
pub fn run(ctx: &Ctx, a: RunArgs) -> Result<i32> {
    a.flags.enter_userns(ctx)?;
    let store = ctx.store()?;
    let rec = a.flags.create(ctx, &store)?;
    let f = &a.flags;
    if a.detach {
        return Ok(match monitor::spawn(&store, &rec, false) {
            Ok(_) => {
                println!("{}", rec.id);
                0
            }
            Err(e) => {
                eprintln!("Error: {e}");
                e.exit_code()
            }
        });
    }
    // Without a terminal or input, and with nothing to log for later (--rm,
    // or no log), rctl itself is the parent: no monitor, no copying. Our
    // own terminal is never handed to the container (it could read it or
    // push input into it, TIOCSTI): then the monitor copies, as podman's
    // conmon does; only `--log-driver passthrough` passes it on as asked.
    use std::io::IsTerminal;
    let our_terminal = std::io::stdout().is_terminal() || std::io::stderr().is_terminal();
    let direct = !f.interactive
        && !f.tty
        && (f.log_driver == "passthrough" || (!our_terminal && (f.rm || f.log_driver == "none")));
    if direct {
        // `-a` limits the streams shown: the others go to /dev/null.
        let shown = |s: &str, fd| {
            if f.attach.is_empty() || f.attach.iter().any(|a| a == s) {
                Stdio::Inherit(fd)
            } else {
                Stdio::Null
            }
        };
        return Ok(
            match lifecycle::run_direct(
                &store,
                &rec,
                [Stdio::Null, shown("stdout", 1), shown("stderr", 2)],
            ) {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("Error: {e}");
                    e.exit_code()
                }
            },
        );
    }
    super::attach::attach_new(&store, &rec, &f.attach, f.interactive, &f.detach_keys)
}
