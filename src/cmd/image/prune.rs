//! `rctl image prune`.

use std::collections::BTreeSet;

use anyhow::Result;
use clap::Args;

use super::list::parse_filter;
use crate::cmd::{Ctx, confirm};

/// Flags of `image prune`.
#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Remove every image no container uses, not only dangling ones
    #[arg(short, long)]
    all: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    force: bool,
    /// Only prune images matching: label=, before=, since=, ...
    #[arg(long, value_name = "KEY=VALUE")]
    filter: Vec<String>,
}

/// Runs `image prune`; prints the ids removed.
pub fn run(ctx: &Ctx, a: PruneArgs) -> Result<i32> {
    let warning = if a.all {
        "WARNING! This command removes all images without at least one container associated with them."
    } else {
        "WARNING! This command removes all dangling images."
    };
    if !a.force && !confirm(warning)? {
        return Ok(0);
    }
    let store = ctx.store()?;
    let filter = parse_filter(&store, &a.filter)?;
    let doomed: BTreeSet<_> = store
        .images()?
        .into_iter()
        .filter(|e| (a.all || e.names.is_empty()) && filter.matches_image(e))
        .map(|e| e.record.id)
        .collect();
    for id in doomed {
        store.remove_image(&id)?;
        println!("{}", id.hex());
    }
    Ok(0)
}
