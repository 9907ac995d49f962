//! `rctl network rm`, `network prune`, `network exists`.

use anyhow::Result;
use clap::Args;

use crate::cmd::{Ctx, EXIT_ERROR, confirm, one_line};
use crate::container::ops;
use crate::net::network::{self, NetError};
use crate::net::{attach, bridge};
use crate::storage::Store;

/// Flags of `network rm`.
#[derive(Args, Debug)]
pub struct RmArgs {
    /// Remove the containers on the network too (running ones are killed)
    #[arg(short, long)]
    force: bool,
    /// Networks to remove
    #[arg(required = true, value_name = "NETWORK")]
    networks: Vec<String>,
}

/// Removes network `name`'s record and its bridge.
fn remove(store: &Store, name: &str) -> Result<String> {
    let n = network::remove(store, name)?;
    if !store.rootless()
        && let Err(e) = bridge::remove_bridge(&n.network_interface)
    {
        tracing::warn!("{e}");
    }
    if !store.rootless() {
        crate::net::nat::refresh(store, &[]);
    }
    Ok(n.name)
}

/// Runs `network rm`: prints the names removed. Exit 1 when a network does
/// not exist, 2 when containers use it (without -f), as podman.
pub fn run(ctx: &Ctx, a: RmArgs) -> Result<i32> {
    let store = ctx.store()?;
    let mut code = 0;
    for name in &a.networks {
        let n = match network::get(&store, name) {
            Ok(n) => n,
            Err(e) => {
                eprintln!("Error: {e}");
                code = if matches!(e, NetError::NotFound(_)) {
                    1
                } else {
                    EXIT_ERROR
                };
                continue;
            }
        };
        if n.name == network::DEFAULT_NAME {
            eprintln!("Error: {}", NetError::Default(n.name));
            code = EXIT_ERROR;
            continue;
        }
        let users = attach::users(&store, &n.name);
        if !users.is_empty() && !a.force {
            eprintln!(
                "Error: {:?} has associated containers with it. Use -f to forcibly delete containers and pods: network is being used",
                n.name
            );
            code = 2;
            continue;
        }
        let mut failed = false;
        for id in users {
            let r = store
                .container(&id)
                .map_err(anyhow::Error::from)
                .and_then(|rec| Ok(ops::remove(&store, &rec, true)?));
            if let Err(e) = r {
                eprintln!("Error: removing container {id}: {}", one_line(&e));
                failed = true;
            }
        }
        if failed {
            code = EXIT_ERROR;
            continue;
        }
        match remove(&store, &n.name) {
            Ok(name) => println!("{name}"),
            Err(e) => {
                eprintln!("Error: {}", one_line(&e));
                code = EXIT_ERROR;
            }
        }
    }
    Ok(code)
}

/// Flags of `network prune`.
#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    force: bool,
}

/// Runs `network prune`: removes every network but the default that no
/// container uses; prints their names.
pub fn prune(ctx: &Ctx, a: PruneArgs) -> Result<i32> {
    if !a.force
        && !confirm("WARNING! This will remove all networks not used by at least one container.")?
    {
        return Ok(0);
    }
    let store = ctx.store()?;
    for n in network::list(&store)? {
        if n.name != network::DEFAULT_NAME && attach::users(&store, &n.name).is_empty() {
            println!("{}", remove(&store, &n.name)?);
        }
    }
    Ok(0)
}

/// Flags of `network exists`.
#[derive(Args, Debug)]
pub struct ExistsArgs {
    /// The network to look for
    network: String,
}

/// Runs `network exists`: 0 when the network is there, 1 when not.
pub fn exists(ctx: &Ctx, a: ExistsArgs) -> Result<i32> {
    match network::get(&ctx.store()?, &a.network) {
        Ok(_) => Ok(0),
        Err(NetError::NotFound(_)) => Ok(1),
        Err(e) => Err(e.into()),
    }
}
