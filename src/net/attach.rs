//! A container's place on its networks: the address it was given, kept with
//! the container, and the /etc/hosts entries that let containers on one
//! network find each other by name and alias.
//!
//! ```text
//! ROOT/containers/<id>/networks.json   [Attachment]: network, address, MAC, aliases
//! ```
//!
//! Addresses are handed out at create, under the networks lock, as the
//! lowest one no other container's record holds; they go with the
//! container's directory when it is removed, so nothing can leak. The hosts
//! files of the running containers on a network are rewritten (in place:
//! they are bind-mounted) whenever one of them starts, stops or is removed.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::net::Ipv4Addr;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::bridge::Link;
use super::ipam;
use super::network::{self, NetError};
use crate::storage::Store;
use crate::storage::atomic;
use crate::storage::containers::{ContainerRecord, Status};

/// The container's interface on one network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The network's name.
    pub network: String,
    /// The network's id.
    pub network_id: String,
    /// The interface inside the container (`eth0`).
    pub interface: String,
    /// Its address.
    pub ip: Ipv4Addr,
    /// The subnet's prefix length.
    pub prefix_len: u8,
    /// The network's gateway.
    pub gateway: Ipv4Addr,
    /// Its MAC address, `aa:bb:...`.
    pub mac: String,
    /// `--network-alias` names.
    #[serde(default)]
    pub aliases: Vec<String>,
}

const FILE: &str = "networks.json";

/// Checks a `--network` value before a container is made: a mode rctl
/// knows, or an existing network (rootful only).
pub fn check_mode(store: &Store, mode: &str) -> Result<(), NetError> {
    if let Some(private) = super::private::parse(mode) {
        return private.map(drop);
    }
    if let Some(external) = super::external::parse(mode) {
        return external.map(drop);
    }
    let Some(name) = network::network_of_mode(mode) else {
        return match mode {
            "none" | "host" => Ok(()),
            // Resolved and checked when the container is made.
            m if m.starts_with("container:") && m.len() > "container:".len() => Ok(()),
            m => Err(NetError::Invalid(format!(
                "network mode {m:?} is not supported: use none, host, private, slirp4netns, pasta, container:NAME, bridge or a network name"
            ))),
        };
    };
    if store.rootless() {
        return Err(NetError::Invalid(format!(
            "network {name}: bridge networks need root; rootless containers use --network private (the default with -p), none or host"
        )));
    }
    network::get(store, name).map(drop)
}

/// The container's attachments (none for `none` and `host`).
pub fn load(store: &Store, id: &str) -> Vec<Attachment> {
    atomic::read_json(&store.container_dir(id).join(FILE)).unwrap_or_default()
}

/// The address a container asks for on its network (`--ip`,
/// `--mac-address`); what is not asked for is chosen.
#[derive(Clone, Debug, Default)]
pub struct Requested {
    /// The IPv4 address.
    pub ip: Option<Ipv4Addr>,
    /// The MAC address (`aa:bb:cc:dd:ee:ff`).
    pub mac: Option<String>,
}

/// Gives the new container `rec` an address on the network its mode names
/// and records it; `aliases` are its `--network-alias` names.
pub fn allocate(
    store: &Store,
    rec: &ContainerRecord,
    aliases: &[String],
    requested: &Requested,
) -> Result<Vec<Attachment>, NetError> {
    let Some(name) = network::network_of_mode(&rec.config.network) else {
        if requested.ip.is_some() || requested.mac.is_some() {
            return Err(NetError::Invalid(format!(
                "--ip and --mac-address need a bridge network, not --network {}",
                rec.config.network
            )));
        }
        return Ok(Vec::new());
    };
    let _lock = network::lock(store)?;
    let n = network::get(store, name)?;
    let list = vec![new_attachment(store, &rec.id, &[], &n, aliases, requested)?];
    save(store, &rec.id, &list)?;
    Ok(list)
}

/// Connects `rec` to network `name` (`network connect`): a new interface
/// with an address of its own, recorded; returns it. Bringing it up in a
/// running container is the caller's.
pub fn connect(
    store: &Store,
    rec: &ContainerRecord,
    name: &str,
    aliases: &[String],
    requested: &Requested,
) -> Result<Attachment, NetError> {
    if network::network_of_mode(&rec.config.network).is_none() {
        return Err(NetError::Invalid(format!(
            "container {} uses --network {}: only containers on bridge networks can be connected to more",
            rec.name, rec.config.network
        )));
    }
    let _lock = network::lock(store)?;
    let n = network::get(store, name)?;
    let mut list = load(store, &rec.id);
    if list.iter().any(|a| a.network == n.name) {
        return Err(NetError::Invalid(format!(
            "container {} is already connected to network {}",
            rec.name, n.name
        )));
    }
    let a = new_attachment(store, &rec.id, &list, &n, aliases, requested)?;
    list.push(a.clone());
    save(store, &rec.id, &list)?;
    Ok(a)
}

/// Disconnects `rec` from network `name` (`network disconnect`): forgets
/// its address there and returns the attachment it had.
pub fn disconnect(
    store: &Store,
    rec: &ContainerRecord,
    name: &str,
) -> Result<Attachment, NetError> {
    let _lock = network::lock(store)?;
    let n = network::get(store, name)?;
    let mut list = load(store, &rec.id);
    let Some(i) = list.iter().position(|a| a.network == n.name) else {
        return Err(NetError::Invalid(format!(
            "container {} is not connected to network {}",
            rec.name, n.name
        )));
    };
    let a = list.remove(i);
    save(store, &rec.id, &list)?;
    Ok(a)
}

fn save(store: &Store, id: &str, list: &[Attachment]) -> Result<(), NetError> {
    let p = store.container_dir(id).join(FILE);
    atomic::write_json(&p, &list).map_err(|source| NetError::Io { path: p, source })
}

/// The number of interface `ethN`.
fn interface_number(name: &str) -> Option<usize> {
    name.strip_prefix("eth")?.parse().ok()
}

/// A new attachment of container `id` (which has `existing` ones) to
/// network `n`: the first free `ethN`, the address and MAC asked for or the
/// next free ones. The caller holds the networks lock.
fn new_attachment(
    store: &Store,
    id: &str,
    existing: &[Attachment],
    n: &network::Network,
    aliases: &[String],
    requested: &Requested,
) -> Result<Attachment, NetError> {
    let number = (0..)
        .find(|k| {
            !existing
                .iter()
                .any(|a| interface_number(&a.interface) == Some(*k))
        })
        .expect("a free interface number");
    let mac = match &requested.mac {
        Some(m) => ipam::parse_mac(m).ok_or_else(|| {
            NetError::Invalid(format!(
                "invalid MAC address {m:?}: expected six hex bytes such as 02:42:ac:11:00:02, unicast"
            ))
        })?,
        None => ipam::mac_address(id, number),
    };
    let subnet = n.subnet();
    let taken: Vec<Ipv4Addr> = all(store)
        .into_iter()
        .flat_map(|(_, a)| a)
        .filter(|a| a.network == n.name)
        .map(|a| a.ip)
        .collect();
    let ip = match requested.ip {
        Some(ip) => {
            if !ipam::is_host(&subnet.subnet, ip) || ip == subnet.gateway {
                return Err(NetError::Invalid(format!(
                    "--ip {ip}: not a free host address of network {} ({}, gateway {})",
                    n.name, subnet.subnet, subnet.gateway
                )));
            }
            if taken.contains(&ip) {
                return Err(NetError::Invalid(format!(
                    "--ip {ip}: the address is already in use in network {}",
                    n.name
                )));
            }
            ip
        }
        None => ipam::free_address(&subnet.subnet, subnet.gateway, &taken).ok_or_else(|| {
            NetError::Invalid(format!(
                "network {}: no free address left in {}",
                n.name, subnet.subnet
            ))
        })?,
    };
    Ok(Attachment {
        network: n.name.clone(),
        network_id: n.id.clone(),
        interface: format!("eth{number}"),
        ip,
        prefix_len: subnet.subnet.prefix(),
        gateway: subnet.gateway,
        mac: ipam::mac_text(&mac),
        aliases: aliases.to_vec(),
    })
}

/// Every container with its attachments.
fn all(store: &Store) -> Vec<(String, Vec<Attachment>)> {
    store
        .container_ids()
        .unwrap_or_default()
        .into_iter()
        .map(|id| {
            let a = load(store, &id);
            (id, a)
        })
        .collect()
}

/// What [`super::bridge::connect`] needs for `rec`'s attachments.
pub fn links(store: &Store, rec: &ContainerRecord) -> Result<Vec<Link>, NetError> {
    load(store, &rec.id)
        .iter()
        .enumerate()
        .map(|(i, a)| link(store, &rec.id, a, i))
        .collect()
}

/// What [`super::bridge::connect`] needs for attachment `a` (the `i`th) of
/// container `id`. The host end's name follows the interface's number, so
/// that interfaces added and removed while it runs never share one.
pub fn link(store: &Store, id: &str, a: &Attachment, i: usize) -> Result<Link, NetError> {
    let n = network::get(store, &a.network)?;
    let number = interface_number(&a.interface).unwrap_or(i);
    Ok(Link {
        bridge: n.network_interface.clone(),
        bridge_addr: n.subnet().gateway,
        prefix_len: a.prefix_len,
        veth: ipam::veth_name(id, number),
        interface: a.interface.clone(),
        mac: ipam::parse_mac(&a.mac).unwrap_or_else(|| ipam::mac_address(id, number)),
        ip: a.ip,
        gateway: (!n.internal).then_some(a.gateway),
    })
}

/// A container as a peer sees it in /etc/hosts.
#[derive(Clone, Debug)]
pub struct Peer {
    /// Its address on the shared network.
    pub ip: Ipv4Addr,
    /// Its name, aliases (and, for the container itself, host name).
    pub names: Vec<String>,
}

/// The hosts file of `rec`: the usual one (without the 127.0.1.1 line when
/// it has addresses of its own), its own addresses, then its peers.
pub fn hosts_text(rec: &ContainerRecord, own: &[Attachment], peers: &[Peer]) -> String {
    let base = crate::container::userdata::hosts(
        &rec.config.hostname,
        &rec.name,
        None,
        &rec.config.names.add_hosts,
    );
    let mut s = String::new();
    for line in base.lines() {
        if !own.is_empty() && line.starts_with("127.0.1.1\t") {
            continue;
        }
        s.push_str(line);
        s.push('\n');
    }
    for a in own {
        let mut names = vec![rec.config.hostname.clone()];
        if rec.name != rec.config.hostname {
            names.push(rec.name.clone());
        }
        names.extend(a.aliases.iter().cloned());
        s.push_str(&format!("{}\t{}\n", a.ip, names.join(" ")));
    }
    for p in peers {
        s.push_str(&format!("{}\t{}\n", p.ip, p.names.join(" ")));
    }
    s
}

/// Rewrites `path` in place (it is bind-mounted into a container: a rename
/// would leave the container with the old file).
///
/// The container may be reading the file at that moment (a process that has
/// just started resolves a peer's name): an unchanged file is not touched,
/// and a changed one is overwritten from the start and then cut to length,
/// never truncated first, so no reader ever sees it empty.
fn rewrite_in_place(path: &Path, text: &str) -> io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
    f.write_all(text.as_bytes())?;
    f.set_len(text.len() as u64)
}

/// Rewrites the hosts file of every running container on `networks` (and of
/// `also`, running or not, on them or just gone from one), listing the running containers it shares a
/// network with. Failures are logged: a stale hosts file must not stop a
/// container from starting or stopping.
pub fn refresh_hosts(store: &Store, networks: &BTreeSet<String>, also: Option<&str>) {
    if networks.is_empty() {
        return;
    }
    let Ok(_lock) = network::lock(store) else {
        return;
    };
    let members: Vec<(ContainerRecord, Vec<Attachment>, bool)> = all(store)
        .into_iter()
        .filter(|(id, a)| {
            also == Some(id.as_str()) || a.iter().any(|a| networks.contains(&a.network))
        })
        .filter_map(|(id, a)| {
            let rec = store.container(&id).ok()?;
            let running = store
                .live_state(&id)
                .is_ok_and(|s| matches!(s.status, Status::Running | Status::Paused));
            Some((rec, a, running))
        })
        .collect();
    for (rec, own, running) in &members {
        if !(*running || also == Some(rec.id.as_str())) || rec.config.names.no_hosts {
            continue;
        }
        let mut peers = Vec::new();
        for (other, theirs, other_running) in &members {
            if other.id == rec.id || !other_running {
                continue;
            }
            for t in theirs {
                if own.iter().any(|o| o.network == t.network) {
                    let mut names = vec![other.name.clone()];
                    names.extend(t.aliases.iter().cloned());
                    peers.push(Peer { ip: t.ip, names });
                }
            }
        }
        let path = store.container_dir(&rec.id).join("userdata").join("hosts");
        if let Err(e) = rewrite_in_place(&path, &hosts_text(rec, own, &peers)) {
            tracing::warn!("rewriting {}: {e}", path.display());
        }
    }
}

/// The names of the networks `attachments` are on.
pub fn names(attachments: &[Attachment]) -> BTreeSet<String> {
    attachments.iter().map(|a| a.network.clone()).collect()
}

/// Whether any container uses network `name`; returns their ids.
pub fn users(store: &Store, name: &str) -> Vec<String> {
    all(store)
        .into_iter()
        .filter(|(_, a)| a.iter().any(|a| a.network == name))
        .map(|(id, _)| id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::containers::ContainerConfig;

    #[test]
    fn hosts_list_self_and_peers() {
        let rec = ContainerRecord {
            id: "0".repeat(64),
            name: "web".into(),
            created: chrono::Utc::now(),
            image_id: "sha256:0000000000000000000000000000000000000000000000000000000000000000"
                .parse()
                .unwrap(),
            image_name: "busybox".into(),
            layers: Vec::new(),
            config: ContainerConfig {
                hostname: "abc".into(),
                ..Default::default()
            },
        };
        let own = Attachment {
            network: "n".into(),
            network_id: "1".into(),
            interface: "eth0".into(),
            ip: Ipv4Addr::new(10, 89, 0, 2),
            prefix_len: 24,
            gateway: Ipv4Addr::new(10, 89, 0, 1),
            mac: "02:00:00:00:00:00".into(),
            aliases: vec!["www".into()],
        };
        let peers = [Peer {
            ip: Ipv4Addr::new(10, 89, 0, 3),
            names: vec!["db".into(), "database".into()],
        }];
        let h = hosts_text(&rec, std::slice::from_ref(&own), &peers);
        assert!(h.starts_with("127.0.0.1\tlocalhost"), "{h}");
        assert!(!h.contains("127.0.1.1"), "{h}");
        assert!(h.contains("10.89.0.2\tabc web www\n"), "{h}");
        assert!(h.ends_with("10.89.0.3\tdb database\n"), "{h}");
        assert!(hosts_text(&rec, &[], &[]).contains("127.0.1.1\tabc web"));
    }
}
