//! Rootful bridge networking on the kernel, over rtnetlink: the network's
//! Linux bridge (made on first use), a veth pair per container with its
//! `eth0` end in the container's network namespace, the address, loopback
//! and the default route inside.
//!
//! The netlink requests run on a current-thread tokio runtime made for the
//! call and dropped before it returns, so the caller is single-threaded
//! again before it forks anything. What is asked for is decided elsewhere
//! (attach.rs, ipam.rs); this module only applies a [`Link`]. The container's
//! side needs no teardown: when its network namespace goes, the kernel
//! removes the veth pair. Outbound NAT is [`super::nat`]'s, written when
//! [`connect`] reports that it made a bridge.

use std::io;
use std::net::{IpAddr, Ipv4Addr};
use std::os::fd::{AsFd, OwnedFd};

use futures_util::stream::TryStreamExt;
use rtnetlink::packet_route::link::{InfoData, InfoVeth};
use rtnetlink::{Handle, LinkBridge, LinkUnspec, LinkVeth, RouteMessageBuilder};

/// One container interface to make.
#[derive(Clone, Debug)]
pub struct Link {
    /// The network's bridge.
    pub bridge: String,
    /// The bridge's own address (the gateway) and the subnet's prefix.
    pub bridge_addr: Ipv4Addr,
    /// The subnet's prefix length.
    pub prefix_len: u8,
    /// The host end of the veth pair.
    pub veth: String,
    /// The container end's name (`eth0`).
    pub interface: String,
    /// The container end's MAC address.
    pub mac: [u8; 6],
    /// The container's address.
    pub ip: Ipv4Addr,
    /// The default route; none for an internal network.
    pub gateway: Option<Ipv4Addr>,
}

fn err(what: String) -> impl FnOnce(rtnetlink::Error) -> io::Error {
    move |e| io::Error::other(format!("{what}: {}", describe(&e)))
}

/// The errno behind a netlink error, if it is one.
fn errno(e: &rtnetlink::Error) -> Option<i32> {
    match e {
        rtnetlink::Error::NetlinkError(m) => m.code.map(|c| -c.get()),
        _ => None,
    }
}

fn describe(e: &rtnetlink::Error) -> String {
    match errno(e) {
        Some(n) => io::Error::from_raw_os_error(n).to_string(),
        None => e.to_string(),
    }
}

fn runtime() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
}

/// A netlink connection whose socket is made in the network namespace of
/// process `pid` (the calling thread goes there for the socket(2) call only).
fn connection_in(pid: i32) -> io::Result<Handle> {
    let ours: OwnedFd = std::fs::File::open("/proc/thread-self/ns/net")?.into();
    let theirs: OwnedFd = std::fs::File::open(format!("/proc/{pid}/ns/net"))?.into();
    nix::sched::setns(theirs.as_fd(), nix::sched::CloneFlags::CLONE_NEWNET)?;
    let made = rtnetlink::new_connection();
    // Back home before anything else, whatever happened.
    nix::sched::setns(ours.as_fd(), nix::sched::CloneFlags::CLONE_NEWNET)?;
    let (conn, handle, _) = made?;
    tokio::spawn(conn);
    Ok(handle)
}

/// The index of link `name`, if it exists.
async fn index_of(h: &Handle, name: &str) -> io::Result<Option<u32>> {
    let mut links = h.link().get().match_name(name.to_string()).execute();
    match links.try_next().await {
        Ok(Some(m)) => Ok(Some(m.header.index)),
        Ok(None) => Ok(None),
        Err(e) if errno(&e) == Some(libc::ENODEV) => Ok(None),
        Err(e) => Err(err(format!("looking up link {name}"))(e)),
    }
}

/// The bridge `l.bridge`, made (with the gateway's address, up) if missing;
/// whether this call made it.
async fn ensure_bridge(h: &Handle, l: &Link) -> io::Result<(u32, bool)> {
    if let Some(i) = index_of(h, &l.bridge).await? {
        return Ok((i, false));
    }
    match h
        .link()
        .add(LinkBridge::new(&l.bridge).build())
        .execute()
        .await
    {
        Ok(()) => {}
        // Made meanwhile by another rctl.
        Err(e) if errno(&e) == Some(libc::EEXIST) => {}
        Err(e) => return Err(err(format!("creating bridge {}", l.bridge))(e)),
    }
    let index = index_of(h, &l.bridge)
        .await?
        .ok_or_else(|| io::Error::other(format!("bridge {} vanished", l.bridge)))?;
    match h
        .address()
        .add(index, IpAddr::V4(l.bridge_addr), l.prefix_len)
        .execute()
        .await
    {
        Ok(()) => {}
        Err(e) if errno(&e) == Some(libc::EEXIST) => {}
        Err(e) => {
            return Err(err(format!(
                "adding {} to bridge {}",
                l.bridge_addr, l.bridge
            ))(e));
        }
    }
    h.link()
        .set(LinkUnspec::new_with_index(index).up().build())
        .execute()
        .await
        .map_err(err(format!("setting bridge {} up", l.bridge)))?;
    Ok((index, true))
}

async fn set_up(h: &Handle, name: &str) -> io::Result<u32> {
    let index = index_of(h, name)
        .await?
        .ok_or_else(|| io::Error::other(format!("link {name} not found")))?;
    h.link()
        .set(LinkUnspec::new_with_index(index).up().build())
        .execute()
        .await
        .map_err(err(format!("setting {name} up")))?;
    Ok(index)
}

/// Connects the container whose first process is `pid` (in a network
/// namespace of its own) to the bridges of `links`; returns whether a bridge
/// had to be made (its NAT rules are then due).
pub fn connect(pid: i32, links: &[Link]) -> io::Result<bool> {
    let rt = runtime()?;
    let result = rt.block_on(async {
        let host = {
            let (conn, handle, _) = rtnetlink::new_connection()?;
            tokio::spawn(conn);
            handle
        };
        let inside = connection_in(pid)?;
        set_up(&inside, "lo").await?;
        let mut made = false;
        for l in links {
            let (bridge, new) = ensure_bridge(&host, l).await?;
            made |= new;
            // A pair left by an earlier run whose namespace is not gone yet.
            if let Some(old) = index_of(&host, &l.veth).await? {
                let _ = host.link().del(old).execute().await;
            }
            let peer = LinkUnspec::new_with_name(&l.interface)
                .setns_by_pid(pid as u32)
                .address(l.mac.to_vec())
                .build();
            let veth = LinkVeth::new(&l.veth, &l.interface)
                .set_info_data(InfoData::Veth(InfoVeth::Peer(peer)))
                .controller(bridge)
                .build();
            host.link()
                .add(veth)
                .execute()
                .await
                .map_err(err(format!("creating veth pair {}", l.veth)))?;
            set_up(&host, &l.veth).await?;
            let eth = index_of(&inside, &l.interface)
                .await?
                .ok_or_else(|| io::Error::other(format!("{} not in the container", l.interface)))?;
            inside
                .address()
                .add(eth, IpAddr::V4(l.ip), l.prefix_len)
                .execute()
                .await
                .map_err(err(format!("adding {} to {}", l.ip, l.interface)))?;
            set_up(&inside, &l.interface).await?;
            if let Some(gw) = l.gateway {
                let route = RouteMessageBuilder::<Ipv4Addr>::new()
                    .gateway(gw)
                    .output_interface(eth)
                    .build();
                match inside.route().add(route).execute().await {
                    Ok(()) => {}
                    // A second network: the first one's default route stays.
                    Err(e) if errno(&e) == Some(libc::EEXIST) => {}
                    Err(e) => return Err(err(format!("adding the default route via {gw}"))(e)),
                }
            }
        }
        Ok(made)
    });
    drop(rt);
    result
}

/// Removes interface `interface` from the network namespace of process
/// `pid` (`network disconnect`); its veth peer on the bridge goes with it.
pub fn disconnect(pid: i32, interface: &str) -> io::Result<()> {
    let rt = runtime()?;
    let result = rt.block_on(async {
        let inside = connection_in(pid)?;
        if let Some(i) = index_of(&inside, interface).await? {
            inside
                .link()
                .del(i)
                .execute()
                .await
                .map_err(err(format!("removing {interface}")))?;
        }
        Ok(())
    });
    drop(rt);
    result
}

/// Removes bridge `name` if it exists (`network rm`).
pub fn remove_bridge(name: &str) -> io::Result<()> {
    let rt = runtime()?;
    let result = rt.block_on(async {
        let (conn, h, _) = rtnetlink::new_connection()?;
        tokio::spawn(conn);
        if let Some(i) = index_of(&h, name).await? {
            h.link()
                .del(i)
                .execute()
                .await
                .map_err(err(format!("removing bridge {name}")))?;
        }
        Ok(())
    });
    drop(rt);
    result
}
