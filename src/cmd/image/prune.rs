//! `rctl image prune`.

use std::collections::BTreeSet;

use anyhow::Result;
use clap::Args;

use super::list::parse_filter;
use crate::cmd::{Ctx, confirm};
use crate::image::filter;

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
    ctx.userns()?;
    let warning = if a.all {
        "WARNING! This command removes all images without at least one container associated with them."
    } else {
        "WARNING! This command removes all dangling images."
    };
    if !a.force && !confirm(warning)? {
        return Ok(0);
    }
    let store = ctx.store()?;
    let mut filter = parse_filter(&store, &a.filter)?;
    // As podman: dangling images are those with no name and no child image.
    // Removing one can make its parent dangling, so go round until nothing
    // more goes; an untagged parent of a named image stays.
    loop {
        let entries = store.images()?;
        let in_use: BTreeSet<_> = store
            .container_ids()?
            .iter()
            .filter_map(|id| store.container(id).ok())
            .map(|c| c.image_id)
            .collect();
        let intermediate = filter::intermediate_ids(&entries);
        filter.set_intermediate(intermediate.clone());
        let doomed: BTreeSet<_> = entries
            .into_iter()
            .filter(|e| {
                let dangling = e.names.is_empty() && !intermediate.contains(&e.record.id);
                (a.all || dangling) && !in_use.contains(&e.record.id) && filter.matches_image(e)
            })
            .map(|e| e.record.id)
            .collect();
        if doomed.is_empty() {
            return Ok(0);
        }
        for id in doomed {
            store.remove_image(&id)?;
            println!("{}", id.hex());
        }
    }
}
