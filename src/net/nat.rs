//! Bridge networks in the kernel's netfilter: outbound NAT (containers reach
//! beyond the host with the host's address) and published ports (DNAT to
//! the container's address), as podman's netavark does.
//!
//! The rules live in an nftables table of the store's own, `ip rctl-HASH`
//! (HASH: 8 hex digits of the SHA-256 of the store's root path), so that two
//! stores (two users of `--root`, or parallel tests) never rewrite each
//! other's rules:
//!
//! ```text
//! table ip rctl-0a1b2c3d {
//!   chain prerouting { type nat hook prerouting priority dstnat; }   ports, from elsewhere
//!   chain output     { type nat hook output priority dstnat; }       ports, from this host
//!   chain postrouting { type nat hook postrouting priority srcnat; }
//!   ip saddr 10.88.0.0/16 ip daddr != 10.88.0.0/16 masquerade       one per network
//!   ip saddr 127.0.0.0/8 ip daddr 10.88.0.0/16 masquerade           loopback clients of ports
//!   fib daddr type local tcp dport 8080 dnat to 10.88.0.2:80        one per published port
//! }
//! ```
//!
//! The table is rewritten whole from the store's records (networks; running
//! containers' published ports), in one nft transaction (made, deleted,
//! made again: the kernel applies all or nothing), so it never holds rules
//! of removed networks or stopped containers, and a second rctl racing with
//! the first writes the same table. Internal networks get no masquerade.
//! Forwarding is switched on for the network namespace rctl runs in, and
//! `route_localnet` on bridges with ports, so that connections to
//! 127.0.0.1:PORT may be sent on to a container (then seen from the
//! gateway's address; clients from elsewhere keep theirs).
//!
//! Published ports of rootful bridge containers are DNAT rules; the host
//! port is still bound by the container's parent, unused, so that no other
//! program or container can take it. rctl's own forwarder
//! ([`super::forward`]) serves every other mode (rootless above all).
//!
//! The `nftables` crate (netavark's) builds the ruleset and hands it to the
//! `nft` program as JSON. A crate that speaks nf_tables netlink itself would
//! spare the program, but the one with NAT expressions (rustables) is GPL,
//! which this Apache-licensed static binary cannot link, and the permissive
//! one (nf_tables) has no NAT yet.

use std::borrow::Cow;

use std::net::{IpAddr, Ipv4Addr};

use nftables::batch::Batch;
use nftables::expr::{Expression, Fib, FibFlag, FibResult, NamedExpression, PayloadField, Prefix};
use nftables::schema::{Chain, NfListObject, Rule, Table};
use nftables::stmt::{Match, NAT, Operator, Statement};
use nftables::types::{NfChainType, NfFamily, NfHook};

use super::network::{self, Network};
use super::ports::PortMapping;
use crate::storage::Store;
use crate::storage::containers::Status;

/// The name of `store`'s table.
pub fn table_name(store: &Store) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(store.root().as_os_str().as_encoded_bytes());
    format!("rctl-{}", &hex::encode(digest)[..8])
}
/// srcnat, as `nft` names priority 100.
const SRCNAT: i32 = 100;
/// dstnat, as `nft` names priority -100.
const DSTNAT: i32 = -100;

/// A published port carried by the kernel: `mapping` to `container`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forward {
    /// The mapping, with its host port chosen.
    pub mapping: PortMapping,
    /// The container's address on its (first) bridge network.
    pub container: Ipv4Addr,
}

/// Whether the kernel can carry `ports` (all on IPv4 or every address); a
/// container with an IPv6 host address keeps rctl's forwarder.
pub fn kernel_can_carry(ports: &[PortMapping]) -> bool {
    ports
        .iter()
        .all(|m| !matches!(m.host_ip, Some(IpAddr::V6(_))))
}

/// Why the NAT rules could not be written.
#[derive(Debug, thiserror::Error)]
pub enum NatError {
    /// `nft` failed or is missing.
    #[error("outbound NAT (nftables): {0}; is the nftables package installed?")]
    Nft(String),
    /// Forwarding could not be switched on.
    #[error("enabling IPv4 forwarding: {0}")]
    Forwarding(std::io::Error),
}

/// A field of a packet's header (`ip saddr`, `tcp dport`).
fn field(protocol: String, name: &'static str) -> Expression<'static> {
    Expression::Named(NamedExpression::Payload(
        nftables::expr::Payload::PayloadField(PayloadField {
            protocol: protocol.into(),
            field: name.into(),
        }),
    ))
}

fn prefix(addr: Ipv4Addr, len: u8) -> Expression<'static> {
    Expression::Named(NamedExpression::Prefix(Prefix {
        addr: Box::new(Expression::String(addr.to_string().into())),
        len: u32::from(len),
    }))
}

fn matches(
    left: Expression<'static>,
    op: Operator,
    right: Expression<'static>,
) -> Statement<'static> {
    Statement::Match(Match { left, right, op })
}

fn rule(
    table: &str,
    chain: &'static str,
    expr: Vec<Statement<'static>>,
    comment: String,
) -> Rule<'static> {
    Rule {
        family: NfFamily::IP,
        table: table.to_string().into(),
        chain: chain.into(),
        expr: Cow::Owned(expr),
        handle: None,
        index: None,
        comment: Some(comment.into()),
    }
}

/// The network's masquerade rules: from its subnet to anywhere else (none
/// for an internal network), and from the host's loopback into it (clients
/// of published ports on 127.0.0.1).
fn masquerade(table: &str, n: &Network) -> Vec<Rule<'static>> {
    let subnet = n.subnet().subnet;
    let net = || prefix(subnet.network(), subnet.prefix());
    let comment = || format!("rctl network {}", n.name);
    let mut out = vec![rule(
        table,
        "postrouting",
        vec![
            matches(
                field("ip".into(), "saddr"),
                Operator::EQ,
                prefix(Ipv4Addr::LOCALHOST, 8),
            ),
            matches(field("ip".into(), "daddr"), Operator::EQ, net()),
            Statement::Masquerade(None),
        ],
        comment(),
    )];
    if !n.internal {
        out.push(rule(
            table,
            "postrouting",
            vec![
                matches(field("ip".into(), "saddr"), Operator::EQ, net()),
                matches(field("ip".into(), "daddr"), Operator::NEQ, net()),
                Statement::Masquerade(None),
            ],
            comment(),
        ));
    }
    out
}

/// The DNAT rule of forward `f` in `chain`.
fn dnat(table: &str, chain: &'static str, f: &Forward) -> Rule<'static> {
    let m = &f.mapping;
    let to_host = match m.host_ip {
        Some(IpAddr::V4(ip)) => matches(
            field("ip".into(), "daddr"),
            Operator::EQ,
            Expression::String(ip.to_string().into()),
        ),
        // Every address of the host: whatever is local here.
        _ => matches(
            Expression::Named(NamedExpression::Fib(Fib {
                result: FibResult::Type,
                flags: [FibFlag::Daddr].into(),
            })),
            Operator::EQ,
            Expression::String("local".into()),
        ),
    };
    rule(
        table,
        chain,
        vec![
            to_host,
            matches(
                field(m.protocol.to_string(), "dport"),
                Operator::EQ,
                Expression::Number(u32::from(m.host_port)),
            ),
            Statement::DNAT(Some(NAT {
                addr: Some(Expression::String(f.container.to_string().into())),
                family: None,
                port: Some(Expression::Number(u32::from(m.container_port))),
                flags: None,
            })),
        ],
        format!("rctl port {}", m),
    )
}

/// The whole table `name` for `networks` and `forwards`, as one transaction.
fn ruleset(
    name: &str,
    networks: &[Network],
    forwards: &[Forward],
) -> nftables::schema::Nftables<'static> {
    let table = || {
        NfListObject::Table(Table {
            family: NfFamily::IP,
            name: name.to_string().into(),
            handle: None,
        })
    };
    let mut b = Batch::new();
    // Made first so that the delete cannot fail on a host without it.
    b.add(table());
    b.delete(table());
    b.add(table());
    for (chain, hook, prio) in [
        ("prerouting", NfHook::Prerouting, DSTNAT),
        ("output", NfHook::Output, DSTNAT),
        ("postrouting", NfHook::Postrouting, SRCNAT),
    ] {
        b.add(NfListObject::Chain(Chain {
            family: NfFamily::IP,
            table: name.to_string().into(),
            name: chain.into(),
            _type: Some(NfChainType::NAT),
            hook: Some(hook),
            prio: Some(prio),
            ..Default::default()
        }));
    }
    for n in networks {
        for r in masquerade(name, n) {
            b.add(NfListObject::Rule(r));
        }
    }
    for f in forwards {
        b.add(NfListObject::Rule(dnat(name, "prerouting", f)));
        b.add(NfListObject::Rule(dnat(name, "output", f)));
    }
    b.to_nftables()
}

/// Writes table `name` for `networks` and `forwards`, and turns forwarding
/// on (and `route_localnet` on the bridges, for loopback clients of ports).
pub fn apply(name: &str, networks: &[Network], forwards: &[Forward]) -> Result<(), NatError> {
    std::fs::write("/proc/sys/net/ipv4/ip_forward", "1").map_err(NatError::Forwarding)?;
    if !forwards.is_empty() {
        for n in networks {
            let p = format!(
                "/proc/sys/net/ipv4/conf/{}/route_localnet",
                n.network_interface
            );
            // A bridge not made yet has no settings; it gets them when it is.
            let _ = std::fs::write(p, "1");
        }
    }
    nftables::helper::apply_ruleset(&ruleset(name, networks, forwards)).map_err(|e| {
        NatError::Nft(match e {
            nftables::helper::NftablesError::NftFailed { stderr, .. } => stderr.trim().to_string(),
            e => e.to_string(),
        })
    })
}

/// Whether `rec`'s published ports are DNAT rules (a rootful container on a
/// bridge network): the table must then follow it starting and stopping.
pub fn carries(store: &Store, rec: &crate::storage::containers::ContainerRecord) -> bool {
    !store.rootless()
        && !rec.config.ports.is_empty()
        && kernel_can_carry(&rec.config.ports)
        && !super::attach::load(store, &rec.id).is_empty()
}

/// The published ports of `store`'s running rootful bridge containers.
fn forwards(store: &Store) -> Vec<Forward> {
    if store.rootless() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for id in store.container_ids().unwrap_or_default() {
        let Ok(st) = store.live_state(&id) else {
            continue;
        };
        if st.ports.is_empty()
            || !matches!(st.status, Status::Running | Status::Paused)
            || !kernel_can_carry(&st.ports)
        {
            continue;
        }
        let Some(a) = super::attach::load(store, &id).into_iter().next() else {
            continue;
        };
        out.extend(st.ports.iter().map(|m| Forward {
            mapping: m.clone(),
            container: a.ip,
        }));
    }
    out
}

/// Rewrites the table from `store`'s networks and running containers, and
/// `starting` (the ports of a container about to run). A failure is a
/// warning, not an error: the containers still reach each other and the host.
pub fn refresh(store: &Store, starting: &[Forward]) {
    let mut all_forwards = forwards(store);
    all_forwards.extend_from_slice(starting);
    let result = network::list(store)
        .map_err(|e| NatError::Nft(e.to_string()))
        .and_then(|all| apply(&table_name(store), &all, &all_forwards));
    if let Err(e) = result {
        tracing::warn!("{e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::network::default_network;

    #[test]
    fn masquerade_per_outbound_network_and_dnat_per_port() {
        let mut internal = default_network();
        internal.name = "inside".into();
        internal.internal = true;
        let port = Forward {
            mapping: crate::net::ports::parse("127.0.0.1:8080:80").unwrap()[0].clone(),
            container: Ipv4Addr::new(10, 88, 0, 2),
        };
        let json = serde_json::to_value(ruleset("rctl-t", &[default_network(), internal], &[port]))
            .unwrap();
        let text = json.to_string();
        // Outbound for the default network only; loopback clients for both.
        assert_eq!(text.matches("\"masquerade\"").count(), 3, "{text}");
        assert!(text.contains("\"addr\":\"10.88.0.0\",\"len\":16"), "{text}");
        assert!(text.contains("rctl network podman"), "{text}");
        // The port, from elsewhere and from this host.
        assert_eq!(text.matches("\"dnat\"").count(), 2, "{text}");
        assert!(
            text.contains("\"addr\":\"10.88.0.2\",\"port\":80"),
            "{text}"
        );
        // add, delete, add: the table is replaced whole.
        assert_eq!(text.matches("\"table\":{").count(), 3, "{text}");
    }
}
