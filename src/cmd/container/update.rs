//! `rctl update`: change a container's resource limits, running or not.

use anyhow::{Context, Result};
use clap::Args;

use super::resources::LimitFlags;
use crate::cmd::Ctx;
use crate::container::control;

/// Flags of `update`.
#[derive(Args, Debug)]
pub struct UpdateArgs {
    #[command(flatten)]
    limits: LimitFlags,
    /// The container
    container: String,
}

/// Runs `update`: prints the container's id.
pub fn run(ctx: &Ctx, a: UpdateArgs) -> Result<i32> {
    let store = ctx.store()?;
    let id = store.resolve_container(&a.container)?;
    let rec = control::update(&store, &id, &a.limits.resources())
        .with_context(|| format!("updating {}", a.container))?;
    println!("{}", rec.id);
    Ok(0)
}
