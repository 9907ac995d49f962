//! `rctl pause` and `rctl unpause`: freeze and thaw containers' processes.

use anyhow::Result;
use clap::Args;

use crate::cmd::Ctx;
use crate::container::control;

/// Flags of `pause` and `unpause`.
#[derive(Args, Debug)]
pub struct PauseArgs {
    /// The containers
    #[arg(required = true)]
    containers: Vec<String>,
}

/// Runs `pause` (`paused`) or `unpause`: prints each container as given;
/// a container that fails is reported and the rest still done (exit 125).
pub fn run(ctx: &Ctx, a: PauseArgs, paused: bool) -> Result<i32> {
    let store = ctx.store()?;
    let mut code = 0;
    for name in &a.containers {
        let done = store
            .resolve_container(name)
            .map_err(anyhow::Error::from)
            .and_then(|id| Ok(control::set_paused(&store, &id, paused)?));
        match done {
            Ok(()) => println!("{name}"),
            Err(e) => {
                eprintln!("Error: {e:#}");
                code = 125;
            }
        }
    }
    Ok(code)
}
