//! Network records: what a bridge network is (name, bridge, subnet, gateway),
//! kept as podman's network JSON in the store.
//!
//! ```text
//! ROOT/networks/<name>.json   one Network per user network, written atomically
//! ROOT/networks.lock          flock: held while networks are created or removed
//!                             and while addresses are handed out (attach.rs)
//! ```
//!
//! The default network `podman` (bridge `podman0`, 10.88.0.0/16) is never
//! written: it exists implicitly, as in podman. This module only keeps
//! records; bridges are made by [`super::bridge`] when a container needs one.

use std::fs;
use std::io;
use std::net::Ipv4Addr;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use ipnetwork::Ipv4Network;
use serde::{Deserialize, Serialize};

use crate::storage::Store;
use crate::storage::atomic;
use crate::storage::lock::{self, LockGuard, Mode};

use super::ipam;

/// The default network's name.
pub const DEFAULT_NAME: &str = "podman";
/// The default network's id (podman's fixed one).
pub const DEFAULT_ID: &str = "2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9";

/// One subnet of a network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subnet {
    /// `10.89.0.0/24`.
    pub subnet: Ipv4Network,
    /// The bridge's address, the containers' default route.
    pub gateway: Ipv4Addr,
}

/// A network, in podman's JSON shape (`network inspect`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Network {
    /// Unique name.
    pub name: String,
    /// 64 hex digits.
    pub id: String,
    /// Always `bridge` for now.
    pub driver: String,
    /// The Linux bridge (`podman0`, `podman1`, ...).
    pub network_interface: String,
    /// When it was made.
    pub created: DateTime<Utc>,
    /// Its subnets (one, IPv4, for now).
    pub subnets: Vec<Subnet>,
    /// Whether it has IPv6 subnets (never, for now).
    pub ipv6_enabled: bool,
    /// No route out: containers reach only each other.
    pub internal: bool,
    /// Whether a DNS server serves the network (names come from /etc/hosts).
    pub dns_enabled: bool,
    /// `{"driver": "host-local"}`, as podman.
    pub ipam_options: serde_json::Map<String, serde_json::Value>,
}

impl Network {
    /// The network's first subnet.
    pub fn subnet(&self) -> &Subnet {
        &self.subnets[0]
    }
}

/// Errors of network records.
#[derive(Debug, thiserror::Error)]
pub enum NetError {
    /// No network has this name.
    #[error("unable to find network with name or ID {0}: network not found")]
    NotFound(String),
    /// The name is taken.
    #[error("network name {0} already used: network already exists")]
    Exists(String),
    /// The name is not valid.
    #[error("invalid network name {0:?}: names are [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    BadName(String),
    /// A flag's value is not valid.
    #[error("{0}")]
    Invalid(String),
    /// The default network cannot be removed.
    #[error("default network {0} cannot be removed")]
    Default(String),
    /// A store file could not be read or written.
    #[error("network store {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

fn io_at(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> NetError {
    let path = path.into();
    move |source| NetError::Io { path, source }
}

/// What `network create` asks for.
#[derive(Clone, Debug, Default)]
pub struct CreateRequest {
    /// The name.
    pub name: String,
    /// `--subnet`; chosen from 10.89.0.0/16 when absent.
    pub subnet: Option<String>,
    /// `--gateway`; the subnet's first address when absent.
    pub gateway: Option<String>,
    /// `--internal`.
    pub internal: bool,
    /// `--interface-name`: the bridge's name; `podmanN` when absent.
    pub interface: Option<String>,
}

/// The default network, as podman defines it.
pub fn default_network() -> Network {
    Network {
        name: DEFAULT_NAME.into(),
        id: DEFAULT_ID.into(),
        driver: "bridge".into(),
        network_interface: "podman0".into(),
        created: DateTime::<Utc>::UNIX_EPOCH,
        subnets: vec![Subnet {
            subnet: Ipv4Network::new(Ipv4Addr::new(10, 88, 0, 0), 16).expect("valid prefix"),
            gateway: Ipv4Addr::new(10, 88, 0, 1),
        }],
        ipv6_enabled: false,
        internal: false,
        dns_enabled: false,
        ipam_options: host_local(),
    }
}

fn host_local() -> serde_json::Map<String, serde_json::Value> {
    let mut m = serde_json::Map::new();
    m.insert("driver".into(), "host-local".into());
    m
}

/// The network a container's `--network` value names: `bridge` is the
/// default network; `none`, `host` and other modes (`private`, and every
/// `MODE:OPTIONS`, as network names have no colon) give `None`.
pub fn network_of_mode(mode: &str) -> Option<&str> {
    match mode {
        "" | "none" | "host" | "private" | "slirp4netns" | "pasta" => None,
        m if m.contains(':') => None,
        "bridge" => Some(DEFAULT_NAME),
        name => Some(name),
    }
}

fn dir(store: &Store) -> PathBuf {
    store.root().join("networks")
}

/// Takes the networks lock (exclusive): for creating and removing networks
/// and handing out addresses.
pub fn lock(store: &Store) -> Result<LockGuard, NetError> {
    let p = store.root().join("networks.lock");
    lock::lock(&p, Mode::Exclusive).map_err(io_at(p))
}

/// Every network, the default first, then by name.
pub fn list(store: &Store) -> Result<Vec<Network>, NetError> {
    let d = dir(store);
    let mut out = Vec::new();
    match fs::read_dir(&d) {
        Ok(entries) => {
            for e in entries {
                let e = e.map_err(io_at(&d))?;
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with(atomic::TEMP_PREFIX) || !name.ends_with(".json") {
                    continue;
                }
                let n: Network = atomic::read_json(&e.path()).map_err(io_at(e.path()))?;
                out.push(n);
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_at(d)(e)),
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    if !out.iter().any(|n| n.name == DEFAULT_NAME) {
        out.insert(0, default_network());
    }
    Ok(out)
}

/// The network named `name`, or whose id starts with `name`.
pub fn get(store: &Store, name: &str) -> Result<Network, NetError> {
    let all = list(store)?;
    if let Some(n) = all.iter().find(|n| n.name == name) {
        return Ok(n.clone());
    }
    let by_id: Vec<&Network> = all
        .iter()
        .filter(|n| !name.is_empty() && n.id.starts_with(name))
        .collect();
    match by_id.as_slice() {
        [one] => Ok((*one).clone()),
        _ => Err(NetError::NotFound(name.to_string())),
    }
}

/// Creates a network as `req` asks; returns it.
pub fn create(store: &Store, req: &CreateRequest) -> Result<Network, NetError> {
    if !crate::storage::containers::valid_name(&req.name) {
        return Err(NetError::BadName(req.name.clone()));
    }
    let d = dir(store);
    fs::create_dir_all(&d).map_err(io_at(&d))?;
    let _lock = lock(store)?;
    let existing = list(store)?;
    if existing.iter().any(|n| n.name == req.name) {
        return Err(NetError::Exists(req.name.clone()));
    }
    let used: Vec<Ipv4Network> = existing.iter().map(|n| n.subnet().subnet).collect();
    let subnet = match &req.subnet {
        Some(s) => {
            let net: Ipv4Network = s
                .parse()
                .map_err(|e| NetError::Invalid(format!("invalid subnet {s}: {e}")))?;
            // As podman: the address is made the network's (10.89.1.5/24 -> 10.89.1.0/24).
            let net = Ipv4Network::new(net.network(), net.prefix()).expect("valid prefix");
            if net.prefix() > 30 {
                return Err(NetError::Invalid(format!(
                    "subnet {net} is too small: at least a /30 is needed"
                )));
            }
            if let Some(other) = existing
                .iter()
                .find(|n| ipam::overlaps(&n.subnet().subnet, &net))
            {
                return Err(NetError::Invalid(format!(
                    "subnet {net} is already used by network {}",
                    other.name
                )));
            }
            net
        }
        None => ipam::free_subnet(&used)
            .ok_or_else(|| NetError::Invalid("no free subnet in 10.89.0.0/16".into()))?,
    };
    let gateway = match &req.gateway {
        Some(g) => {
            let ip: Ipv4Addr = g
                .parse()
                .map_err(|_| NetError::Invalid(format!("invalid gateway {g}")))?;
            if !ipam::is_host(&subnet, ip) {
                return Err(NetError::Invalid(format!(
                    "gateway {ip} is not a host address of subnet {subnet}"
                )));
            }
            ip
        }
        None => ipam::first_host(&subnet),
    };
    let bridges: Vec<&str> = existing
        .iter()
        .map(|n| n.network_interface.as_str())
        .collect();
    let interface = match &req.interface {
        Some(i) if i.is_empty() || i.len() > 15 || i.contains(['/', ' ', ':']) => {
            return Err(NetError::Invalid(format!("invalid interface name {i:?}")));
        }
        Some(i) if bridges.contains(&i.as_str()) => {
            return Err(NetError::Invalid(format!(
                "bridge name {i} already in use by another network"
            )));
        }
        Some(i) => i.clone(),
        None => ipam::free_bridge_name(&bridges),
    };
    let n = Network {
        name: req.name.clone(),
        id: crate::storage::containers::new_id(),
        driver: "bridge".into(),
        network_interface: interface,
        created: Utc::now(),
        subnets: vec![Subnet { subnet, gateway }],
        ipv6_enabled: false,
        internal: req.internal,
        dns_enabled: false,
        ipam_options: host_local(),
    };
    let p = d.join(format!("{}.json", n.name));
    atomic::write_json(&p, &n).map_err(io_at(p))?;
    Ok(n)
}

/// Removes network `name`'s record (the caller has checked that no
/// container uses it, and removes its bridge).
pub fn remove(store: &Store, name: &str) -> Result<Network, NetError> {
    let n = get(store, name)?;
    if n.name == DEFAULT_NAME {
        return Err(NetError::Default(n.name));
    }
    let p = dir(store).join(format!("{}.json", n.name));
    fs::remove_file(&p).map_err(io_at(p))?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_and_names() {
        assert_eq!(network_of_mode("none"), None);
        assert_eq!(network_of_mode("host"), None);
        assert_eq!(network_of_mode("bridge"), Some("podman"));
        assert_eq!(network_of_mode("net1"), Some("net1"));
        assert_eq!(network_of_mode("container:abc"), None);
    }

    #[test]
    fn default_network_is_podmans() {
        let v = serde_json::to_value(default_network()).unwrap();
        assert_eq!(v["network_interface"], "podman0");
        assert_eq!(v["subnets"][0]["subnet"], "10.88.0.0/16");
        assert_eq!(v["subnets"][0]["gateway"], "10.88.0.1");
        assert_eq!(v["ipam_options"]["driver"], "host-local");
    }
}
