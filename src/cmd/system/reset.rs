//! `rctl system reset`.

use anyhow::{Context, Result};
use clap::Args;

use crate::cmd::{Ctx, confirm};

/// Flags of `system reset`.
#[derive(Args, Debug)]
pub struct ResetArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    force: bool,
}

/// Runs `system reset`.
pub fn run(ctx: &Ctx, a: ResetArgs) -> Result<i32> {
    ctx.userns()?;
    let warning = "WARNING! This will remove:\n        - all images\n        - all containers\n        - all volumes\n        - all build cache";
    if !a.force && !confirm(warning)? {
        return Ok(0);
    }
    let store = ctx.store()?;
    // Containers go first, killed if they run: nothing may keep using the store.
    for id in store.container_ids()? {
        let rec = store.container(&id)?;
        if let Err(e) = crate::container::ops::remove(&store, &rec, true) {
            eprintln!("Error: {}", crate::cmd::one_line(&e.into()));
        }
    }
    store.reset().context("resetting the store")?;
    Ok(0)
}
