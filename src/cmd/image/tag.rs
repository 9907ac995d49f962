//! `rctl tag` and `rctl untag`.

use anyhow::Result;
use clap::Args;

use crate::cmd::Ctx;
use crate::storage::images::{docker_name, local_name};

/// Flags of `tag`.
#[derive(Args, Debug)]
pub struct TagArgs {
    /// The image to name
    image: String,
    /// New names (`name[:tag]`; a short name goes under localhost/)
    #[arg(required = true, value_name = "TARGET")]
    targets: Vec<String>,
}

/// Flags of `untag`.
#[derive(Args, Debug)]
pub struct UntagArgs {
    /// The image to take names from
    image: String,
    /// Names to remove (all of them when none is given)
    names: Vec<String>,
}

/// Runs `tag`.
pub fn run_tag(ctx: &Ctx, a: TagArgs) -> Result<i32> {
    let names = a
        .targets
        .iter()
        .map(|t| local_name(t))
        .collect::<Result<Vec<_>, _>>()?;
    let store = ctx.store()?;
    let id = store.resolve_image(&a.image)?;
    store.tag_image(&id, &names)?;
    Ok(0)
}

/// Runs `untag`.
pub fn run_untag(ctx: &Ctx, a: UntagArgs) -> Result<i32> {
    let store = ctx.store()?;
    let id = store.resolve_image(&a.image)?;
    let have = store.names()?;
    // A name as typed, or normalised as podman or docker would.
    let mut names = Vec::new();
    for n in &a.names {
        let forms = [Some(n.clone()), local_name(n).ok(), docker_name(n).ok()];
        names.push(
            forms
                .into_iter()
                .flatten()
                .find(|f| have.get(f) == Some(&id))
                .unwrap_or_else(|| n.clone()),
        );
    }
    store.untag_image(&id, &names)?;
    Ok(0)
}
