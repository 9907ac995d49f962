//! `rctl start` and `rctl restart`.

use anyhow::{Result, bail};
use clap::Args;

use crate::cmd::Ctx;
use crate::container::{monitor, ops};
use crate::storage::Store;
use crate::storage::containers::Status;

/// Flags of `start`.
#[derive(Args, Debug)]
pub struct StartArgs {
    /// Attach to the container's output (and wait for it)
    #[arg(short, long)]
    attach: bool,
    /// Attach standard input too
    #[arg(short, long)]
    interactive: bool,
    /// Keys that detach from the container
    #[arg(long)]
    detach_keys: Option<String>,
    /// Containers to start
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

/// Rootless, a container that shares another's network must run in that
/// one's user namespace: `start` enters it for the first such container
/// named (the others start in a fresh namespace, as every rootless start).
fn enter_userns(ctx: &Ctx, names: &[String]) -> Result<()> {
    if ctx.rootless() {
        let store = ctx.store()?;
        for name in names {
            let Ok(rec) = store
                .resolve_container(name)
                .and_then(|id| store.container(&id))
            else {
                continue;
            };
            if let Some(other) = rec.config.network.strip_prefix("container:") {
                return ctx.userns_for(&store, other);
            }
        }
    }
    ctx.userns()
}

/// Runs `start`.
pub fn run(ctx: &Ctx, a: StartArgs) -> Result<i32> {
    enter_userns(ctx, &a.containers)?;
    let store = ctx.store()?;
    if a.attach || a.interactive {
        if a.containers.len() != 1 {
            bail!("you can only attach to one container at a time");
        }
        let id = store.resolve_container(&a.containers[0])?;
        let rec = store.container(&id)?;
        let keys = a
            .detach_keys
            .clone()
            .unwrap_or_else(|| rec.config.detach_keys.clone());
        return super::attach::attach_new(&store, &rec, &[], a.interactive, &keys);
    }
    super::each(
        &store,
        &a.containers,
        false,
        |_| false,
        |name| start_detached(&store, name),
    )
}

/// Starts a container in the background (a running one is left alone).
pub fn start_detached(store: &Store, name: &str) -> Result<()> {
    let id = store.resolve_container(name)?;
    let rec = store.container(&id)?;
    if matches!(
        store.live_state(&id)?.status,
        Status::Running | Status::Paused
    ) {
        return Ok(());
    }
    ops::settle(store, &rec)?;
    monitor::spawn(store, &rec, false)?;
    Ok(())
}

/// Flags of `restart`.
#[derive(Args, Debug)]
pub struct RestartArgs {
    /// Seconds to wait for the stop signal before SIGKILL
    #[arg(short = 't', long = "time")]
    time: Option<u32>,
    /// Restart all containers
    #[arg(short, long)]
    all: bool,
    /// Containers to restart
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    containers: Vec<String>,
}

/// Runs `restart`: stop then start, keeping the container's writable layer.
pub fn restart(ctx: &Ctx, a: RestartArgs) -> Result<i32> {
    // No user namespace here: rootless, each container is stopped from
    // inside its own (to signal processes of other users there), then
    // started from a fresh one, each in a child process.
    let store = ctx.store()?;
    let names = if a.all {
        store.container_ids()?
    } else {
        a.containers.clone()
    };
    super::each(
        &store,
        &names,
        false,
        |_| false,
        |name| {
            let id = store.resolve_container(name)?;
            let rec = store.container(&id)?;
            let timeout = a.time.unwrap_or(rec.config.stop_timeout);
            super::in_userns_of(ctx, &store, &id, || Ok(ops::stop(&store, &rec, timeout)?))?;
            super::in_userns_of(ctx, &store, &id, || start_detached(&store, &id))
        },
    )
}
