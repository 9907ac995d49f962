//! `rctl network connect` and `network disconnect`.

use anyhow::Result;
use clap::Args;

use crate::cmd::Ctx;
use crate::container::networks;
use crate::net::attach::Requested;

/// Flags of `network connect`.
#[derive(Args, Debug)]
pub struct ConnectArgs {
    /// Another name the container has on this network
    #[arg(long, value_name = "NAME")]
    alias: Vec<String>,
    /// The container's IPv4 address on this network
    #[arg(long, value_name = "IPV4")]
    ip: Option<std::net::Ipv4Addr>,
    /// The container's MAC address on this network
    #[arg(long, value_name = "MAC")]
    mac_address: Option<String>,
    /// The network
    network: String,
    /// The container
    container: String,
}

/// Runs `network connect`.
pub fn connect(ctx: &Ctx, a: ConnectArgs) -> Result<i32> {
    let store = ctx.store()?;
    let rec = store.container(&store.resolve_container(&a.container)?)?;
    let requested = Requested {
        ip: a.ip,
        mac: a.mac_address,
    };
    networks::connect(&store, &rec, &a.network, &a.alias, &requested)?;
    Ok(0)
}

/// Flags of `network disconnect`.
#[derive(Args, Debug)]
pub struct DisconnectArgs {
    /// Accepted for podman's sake: disconnecting never needs forcing
    #[arg(short, long)]
    force: bool,
    /// The network
    network: String,
    /// The container
    container: String,
}

/// Runs `network disconnect`.
pub fn disconnect(ctx: &Ctx, a: DisconnectArgs) -> Result<i32> {
    let store = ctx.store()?;
    let rec = store.container(&store.resolve_container(&a.container)?)?;
    networks::disconnect(&store, &rec, &a.network)?;
    Ok(0)
}
