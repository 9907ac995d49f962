//! `rctl diff`: what a container (or an image's top layer) changed.

use anyhow::Result;
use clap::Args;
use serde_json::json;

use crate::cmd::{Ctx, format};
use crate::container::diff::{self, Kind};

/// Flags of `diff`.
#[derive(Args, Debug)]
pub struct DiffArgs {
    /// Print as json
    #[arg(long, value_parser = ["json"])]
    format: Option<String>,
    /// A container or an image
    name: String,
}

/// Runs `diff`: `A`, `C` or `D` and a path per line.
pub fn run(ctx: &Ctx, a: DiffArgs) -> Result<i32> {
    let store = ctx.store()?;
    let changes = match store.resolve_container(&a.name) {
        Ok(id) => {
            ctx.userns_for(&store, &id)?;
            diff::of_container(&store, &store.container(&id)?).changes
        }
        Err(_) => {
            let id = store.resolve_image(&a.name)?;
            let rec = store.image(&id)?;
            let mut layers: Vec<_> = rec
                .layers
                .iter()
                .rev()
                .map(|l| store.layer_dir(l).join("diff"))
                .collect();
            if layers.is_empty() {
                return Ok(0);
            }
            let top = layers.remove(0);
            diff::changes(&top, &layers, diff::overlay_xattr(&store))
        }
    };
    let mut out = std::io::stdout().lock();
    if a.format.is_some() {
        let of = |k: Kind| {
            changes
                .iter()
                .filter(|(_, v)| **v == k)
                .map(|(p, _)| p.display().to_string())
                .collect::<Vec<_>>()
        };
        let doc = json!({"changed": of(Kind::Changed), "added": of(Kind::Added), "deleted": of(Kind::Deleted)});
        format::print_json(&mut out, &doc)?;
        return Ok(0);
    }
    use std::io::Write;
    for (path, kind) in &changes {
        writeln!(out, "{} {}", kind.letter(), path.display())?;
    }
    Ok(0)
}
