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
    let warning = "WARNING! This will remove:\n        - all images\n        - all containers\n        - all volumes\n        - all build cache";
    if !a.force && !confirm(warning)? {
        return Ok(0);
    }
    let store = ctx.store()?;
    // Containers go first, killed if they run (rootless, from inside each
    // one's user namespace): nothing may keep using the store. If one cannot
    // be removed, the store stays as it is.
    let mut failed = false;
    for id in store.container_ids()? {
        let rec = store.container(&id)?;
        let removed = crate::cmd::container::in_userns_of(ctx, &store, &id, || {
            Ok(crate::container::ops::remove(&store, &rec, true)?)
        });
        if let Err(e) = removed {
            if e.to_string() != crate::cmd::container::ALREADY_REPORTED {
                eprintln!("Error: {}", crate::cmd::one_line(&e));
            }
            failed = true;
        }
    }
    if failed {
        anyhow::bail!("not resetting the store: some containers could not be removed");
    }
    ctx.userns()?;
    store.reset().context("resetting the store")?;
    Ok(0)
}
