//! `rctl port`: a container's published ports.

use anyhow::Result;
use clap::Args;

use crate::cmd::Ctx;

/// Flags of `port`.
#[derive(Args, Debug)]
pub struct PortArgs {
    /// List the ports of all containers
    #[arg(short, long)]
    all: bool,
    /// The container
    #[arg(required_unless_present = "all")]
    container: Option<String>,
    /// Only this private port (PORT[/PROTO])
    port: Option<String>,
}

/// Runs `port`. Only `--network none` and `host` exist so far, which publish
/// nothing (with `host` the container's ports are the host's own): the list
/// is empty until publishing (`-p`) arrives with networking.
pub fn run(ctx: &Ctx, a: PortArgs) -> Result<i32> {
    let store = ctx.store()?;
    if let Some(c) = &a.container {
        store.resolve_container(c)?;
    }
    Ok(0)
}
