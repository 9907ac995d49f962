//! Outbound NAT for bridge networks: containers reach beyond the host with
//! the host's address, as podman's netavark gives them.
//!
//! The rules live in one nftables table of their own, `ip rctl`:
//!
//! ```text
//! table ip rctl {
//!   chain postrouting { type nat hook postrouting priority srcnat; }
//!   ip saddr 10.88.0.0/16 ip daddr != 10.88.0.0/16 masquerade   one per network
//! }
//! ```
//!
//! The table is rewritten whole from the network records, in one nft
//! transaction (made, deleted, made again: the kernel applies all or
//! nothing), so it never holds rules of removed networks and a second rctl
//! racing with the first just writes the same table. Internal networks get no
//! rule. Forwarding is switched on for the network namespace rctl runs in,
//! as every bridge-networking tool must.
//!
//! The `nftables` crate (netavark's) builds the ruleset and hands it to the
//! `nft` program as JSON. A crate that speaks nf_tables netlink itself would
//! spare the program, but the one with NAT expressions (rustables) is GPL,
//! which this Apache-licensed static binary cannot link, and the permissive
//! one (nf_tables) has no NAT yet.

use std::borrow::Cow;

use nftables::batch::Batch;
use nftables::expr::{Expression, NamedExpression, PayloadField, Prefix};
use nftables::schema::{Chain, NfListObject, Rule, Table};
use nftables::stmt::{Match, Operator, Statement};
use nftables::types::{NfChainType, NfFamily, NfHook};

use super::network::{self, Network};
use crate::storage::Store;

/// The table's name.
const TABLE: &str = "rctl";
/// srcnat, as `nft` names priority 100.
const SRCNAT: i32 = 100;

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

/// `ip saddr` or `ip daddr` of a packet.
fn ip_field(field: &'static str) -> Expression<'static> {
    Expression::Named(NamedExpression::Payload(
        nftables::expr::Payload::PayloadField(PayloadField {
            protocol: "ip".into(),
            field: field.into(),
        }),
    ))
}

/// The network's masquerade rule: from its subnet to anywhere else.
fn masquerade(n: &Network) -> Rule<'static> {
    let subnet = n.subnet().subnet;
    let prefix = || {
        Expression::Named(NamedExpression::Prefix(Prefix {
            addr: Box::new(Expression::String(subnet.network().to_string().into())),
            len: u32::from(subnet.prefix()),
        }))
    };
    Rule {
        family: NfFamily::IP,
        table: TABLE.into(),
        chain: "postrouting".into(),
        expr: Cow::Owned(vec![
            Statement::Match(Match {
                left: ip_field("saddr"),
                right: prefix(),
                op: Operator::EQ,
            }),
            Statement::Match(Match {
                left: ip_field("daddr"),
                right: prefix(),
                op: Operator::NEQ,
            }),
            Statement::Masquerade(None),
        ]),
        handle: None,
        index: None,
        comment: Some(format!("rctl network {}", n.name).into()),
    }
}

/// The whole table for `networks`, as one transaction.
fn ruleset(networks: &[Network]) -> nftables::schema::Nftables<'static> {
    let table = || {
        NfListObject::Table(Table {
            family: NfFamily::IP,
            name: TABLE.into(),
            handle: None,
        })
    };
    let mut b = Batch::new();
    // Made first so that the delete cannot fail on a host without it.
    b.add(table());
    b.delete(table());
    b.add(table());
    b.add(NfListObject::Chain(Chain {
        family: NfFamily::IP,
        table: TABLE.into(),
        name: "postrouting".into(),
        _type: Some(NfChainType::NAT),
        hook: Some(NfHook::Postrouting),
        prio: Some(SRCNAT),
        ..Default::default()
    }));
    for n in networks.iter().filter(|n| !n.internal) {
        b.add(NfListObject::Rule(masquerade(n)));
    }
    b.to_nftables()
}

/// Writes the NAT table for `networks` and turns forwarding on.
pub fn apply(networks: &[Network]) -> Result<(), NatError> {
    std::fs::write("/proc/sys/net/ipv4/ip_forward", "1").map_err(NatError::Forwarding)?;
    nftables::helper::apply_ruleset(&ruleset(networks)).map_err(|e| {
        NatError::Nft(match e {
            nftables::helper::NftablesError::NftFailed { stderr, .. } => stderr.trim().to_string(),
            e => e.to_string(),
        })
    })
}

/// Rewrites the table from `store`'s networks. A failure is a warning, not
/// an error: the containers still reach each other and the host.
pub fn refresh(store: &Store) {
    let result = network::list(store)
        .map_err(|e| NatError::Nft(e.to_string()))
        .and_then(|all| apply(&all));
    if let Err(e) = result {
        tracing::warn!("{e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::network::default_network;

    #[test]
    fn one_masquerade_rule_per_outbound_network() {
        let mut internal = default_network();
        internal.name = "inside".into();
        internal.internal = true;
        let json = serde_json::to_value(ruleset(&[default_network(), internal])).unwrap();
        let text = json.to_string();
        assert_eq!(text.matches("\"masquerade\"").count(), 1, "{text}");
        assert!(text.contains("\"addr\":\"10.88.0.0\",\"len\":16"), "{text}");
        assert!(text.contains("rctl network podman"), "{text}");
        // add, delete, add: the table is replaced whole.
        assert_eq!(text.matches("\"table\":{").count(), 3, "{text}");
    }
}
