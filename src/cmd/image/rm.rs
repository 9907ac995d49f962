//! `rctl rmi` / `rctl image rm`.

use anyhow::Result;
use clap::Args;

use crate::cmd::{Ctx, EXIT_ERROR, one_line};
use crate::container::ops;
use crate::storage::images::ImageError;

/// Flags of `rmi`.
#[derive(Args, Debug)]
pub struct RmArgs {
    /// Remove every image
    #[arg(short, long)]
    all: bool,
    /// Remove the image even when it has several names, or is in use
    #[arg(short, long)]
    force: bool,
    /// Do not fail for images that do not exist
    #[arg(short, long)]
    ignore: bool,
    /// Images to remove
    #[arg(value_name = "IMAGE", required_unless_present = "all")]
    images: Vec<String>,
}

/// Runs `rmi`. Exit codes as podman's: 1 when an image was not found, 2 when
/// one is in use by a container (`-f` removes those containers), 125 for
/// other errors.
pub fn run(ctx: &Ctx, a: RmArgs) -> Result<i32> {
    let store = ctx.store()?;
    // -f: containers that use the images go first, each removed from inside
    // its own user namespace when rootless; then layers are deleted from a
    // fresh one.
    if a.force {
        let wanted: Vec<String> = if a.all {
            store
                .image_ids()?
                .iter()
                .map(|d| d.hex().to_string())
                .collect()
        } else {
            a.images.clone()
        };
        for input in &wanted {
            let Ok(id) = store.resolve_image(input) else {
                continue;
            };
            for c in store.containers_using_image(&id)? {
                let removed = crate::cmd::container::in_userns_of(ctx, &store, &c.id, || {
                    Ok(ops::remove(&store, &c, true)?)
                });
                if let Err(e) = removed
                    && e.to_string() != crate::cmd::container::ALREADY_REPORTED
                {
                    eprintln!("Error: {}", one_line(&e));
                }
            }
        }
    }
    ctx.userns()?;
    let mut code = 0;
    let fail = |e: ImageError, code: &mut i32| {
        let c = match e {
            ImageError::NotKnown(_) if a.ignore => return,
            ImageError::NotKnown(_) => 1,
            ImageError::InUse { .. } => 2,
            _ => EXIT_ERROR,
        };
        eprintln!("Error: {}", one_line(&e.into()));
        if *code == 0 || c > *code {
            *code = c;
        }
    };
    let targets: Vec<String> = if a.all {
        store
            .image_ids()?
            .iter()
            .map(|d| d.hex().to_string())
            .collect()
    } else {
        a.images.clone()
    };
    for input in &targets {
        let resolved = match store.resolve(input) {
            Ok(r) => r,
            Err(e) => {
                fail(e, &mut code);
                continue;
            }
        };
        let names = store.names()?;
        let count = names.values().filter(|v| **v == resolved.id).count();
        // By id or digest, an image with several names goes only with -f
        // (podman): the user may not know what else it is called.
        if resolved.name.is_none() && count > 1 && !a.force && !a.all {
            let all: Vec<&str> = names
                .iter()
                .filter(|(_, v)| **v == resolved.id)
                .map(|(n, _)| n.as_str())
                .collect();
            let by = if input.contains('@') { "digest" } else { "ID" };
            eprintln!(
                "Error: unable to delete image {:?} by {by} with more than one tag ([{}]): please force removal",
                resolved.id.hex(),
                all.join(" ")
            );
            code = EXIT_ERROR;
            continue;
        }
        // Asked by one of several names: only that name goes (docker, podman).
        if let Some(name) = resolved.name.filter(|_| count > 1 && !a.all) {
            match store.untag_image(&resolved.id, std::slice::from_ref(&name)) {
                Ok(_) => println!("Untagged: {name}"),
                Err(e) => fail(e, &mut code),
            }
            continue;
        }
        match store.remove_image(&resolved.id) {
            Ok(removed) => {
                for n in removed.names {
                    println!("Untagged: {n}");
                }
                println!("Deleted: {}", resolved.id.hex());
            }
            Err(e) => fail(e, &mut code),
        }
    }
    Ok(code)
}
