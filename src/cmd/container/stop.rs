//! `rctl stop` and `rctl kill`.

use anyhow::{Result, anyhow};
use clap::Args;
use nix::sys::signal::Signal;

use crate::cmd::Ctx;
use crate::container::{ops, spec};

/// Flags of `stop`.
#[derive(Args, Debug)]
pub struct StopArgs {
    /// Seconds to wait for the stop signal before SIGKILL
    #[arg(short = 't', long = "time")]
    time: Option<u32>,
    /// Stop all running containers
    #[arg(short, long)]
    all: bool,
    /// Do not fail for containers that do not exist
    #[arg(short, long)]
    ignore: bool,
    /// Containers to stop
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    containers: Vec<String>,
}

/// Runs `stop`.
pub fn stop(ctx: &Ctx, a: StopArgs) -> Result<i32> {
    let store = ctx.store()?;
    let missing = |e: &anyhow::Error| a.ignore && e.to_string().contains("no such container");
    super::each(&store, &a.containers, a.all, missing, |name| {
        let id = store.resolve_container(name)?;
        let rec = store.container(&id)?;
        super::in_userns_of(ctx, &store, &id, || {
            Ok(ops::stop(
                &store,
                &rec,
                a.time.unwrap_or(rec.config.stop_timeout),
            )?)
        })
    })
}

/// Flags of `kill`.
#[derive(Args, Debug)]
pub struct KillArgs {
    /// Signal to send (name or number)
    #[arg(short, long, default_value = "KILL")]
    signal: String,
    /// Signal all running containers
    #[arg(short, long)]
    all: bool,
    /// Containers to signal
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    containers: Vec<String>,
}

/// Runs `kill`.
pub fn kill(ctx: &Ctx, a: KillArgs) -> Result<i32> {
    let sig = spec::signal_number(&a.signal)
        .and_then(|n| Signal::try_from(n).ok())
        .ok_or_else(|| anyhow!("invalid signal {:?}", a.signal))?;
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
            if a.all && !store.live_state(&id)?.pid.is_positive() {
                return Ok(());
            }
            super::in_userns_of(ctx, &store, &id, || Ok(ops::kill(&store, &rec, sig)?))
        },
    )
}
