//! `rctl port`: a container's published ports.

use anyhow::{Result, bail};
use clap::Args;

use crate::cmd::Ctx;
use crate::net::ports::Protocol;
use crate::storage::containers::Status;

/// Flags of `port`.
#[derive(Args, Debug)]
pub struct PortArgs {
    /// List the ports of all running containers
    #[arg(short, long)]
    all: bool,
    /// The container
    #[arg(required_unless_present = "all")]
    container: Option<String>,
    /// Only this private port (PORT[/PROTO])
    port: Option<String>,
}

/// Runs `port`: `80/tcp -> 0.0.0.0:8080` per published port of a running
/// container (the host ports as bound); with a private port, only its
/// `0.0.0.0:8080`.
pub fn run(ctx: &Ctx, a: PortArgs) -> Result<i32> {
    let store = ctx.store()?;
    let ids = match &a.container {
        Some(c) if !a.all => vec![store.resolve_container(c)?],
        _ => store.container_ids()?,
    };
    let wanted = match &a.port {
        Some(p) => {
            let (n, proto) = match p.split_once('/') {
                Some((n, "udp")) => (n, Protocol::Udp),
                Some((n, "tcp")) => (n, Protocol::Tcp),
                None => (p.as_str(), Protocol::Tcp),
                _ => bail!("invalid port {p:?}: expected PORT[/tcp|udp]"),
            };
            let n: u16 = n
                .parse()
                .map_err(|_| anyhow::anyhow!("invalid port {p:?}: expected PORT[/tcp|udp]"))?;
            Some((n, proto))
        }
        None => None,
    };
    for id in ids {
        let st = store.live_state(&id)?;
        if !matches!(st.status, Status::Running | Status::Paused) {
            continue;
        }
        let prefix = if a.all {
            format!("{}\t", &id[..12])
        } else {
            String::new()
        };
        for m in &st.ports {
            match wanted {
                Some((n, proto)) if (m.container_port, m.protocol) != (n, proto) => {}
                Some(_) => println!("{}", m.host_addr()),
                None => println!("{prefix}{m}"),
            }
        }
    }
    Ok(0)
}
