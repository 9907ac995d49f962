//! `rctl network create`.

use anyhow::{Result, bail};
use clap::Args;

use crate::cmd::Ctx;
use crate::net::network::{self, CreateRequest};

/// Flags of `network create`.
#[derive(Args, Debug)]
pub struct CreateArgs {
    /// Subnet in CIDR form (default: a free /24 in 10.89.0.0/16)
    #[arg(long, value_name = "CIDR")]
    subnet: Option<String>,
    /// Gateway address (default: the subnet's first address)
    #[arg(long, value_name = "IP", requires = "subnet")]
    gateway: Option<String>,
    /// No route out: containers reach only each other
    #[arg(long)]
    internal: bool,
    /// Name of the bridge (default: podmanN)
    #[arg(long, value_name = "NAME")]
    interface_name: Option<String>,
    /// Driver (only bridge)
    #[arg(short, long, default_value = "bridge")]
    driver: String,
    /// Name of the network
    name: String,
}

/// Runs `network create`: prints the new network's name.
pub fn run(ctx: &Ctx, a: CreateArgs) -> Result<i32> {
    if a.driver != "bridge" {
        bail!("unsupported driver {}: invalid argument", a.driver);
    }
    let n = network::create(
        &ctx.store()?,
        &CreateRequest {
            name: a.name,
            subnet: a.subnet,
            gateway: a.gateway,
            internal: a.internal,
            interface: a.interface_name,
        },
    )?;
    println!("{}", n.name);
    Ok(0)
}
