//! Published ports: `-p [IP:][HOST_PORT:]CONTAINER_PORT[/PROTO]` with
//! ranges, and `-P` for every port the image exposes.

use std::fmt;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};

/// A transport protocol of a published port.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
        })
    }
}

/// One published port: connections to `host_ip:host_port` on the host reach
/// `container_port` in the container.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PortMapping {
    /// The host address listened on (`None`: every address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_ip: Option<IpAddr>,
    /// The host port (0 until a free one is chosen).
    pub host_port: u16,
    /// The port inside the container.
    pub container_port: u16,
    /// TCP or UDP.
    pub protocol: Protocol,
}

impl PortMapping {
    /// The host side as `IP:PORT` (`0.0.0.0` for every address).
    pub fn host_addr(&self) -> String {
        let ip = self
            .host_ip
            .map_or("0.0.0.0".to_string(), |ip| ip.to_string());
        format!("{ip}:{}", self.host_port)
    }
}

impl fmt::Display for PortMapping {
    /// As `port` prints it: `80/tcp -> 0.0.0.0:8080`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{} -> {}",
            self.container_port,
            self.protocol,
            self.host_addr()
        )
    }
}

/// Why a `-p` value is not valid.
#[derive(Debug, thiserror::Error)]
#[error("invalid port mapping {input:?}: {why}")]
pub struct PortError {
    input: String,
    why: String,
}

/// Parses one `-p` value. A host port left out is chosen later (0); ranges
/// give one mapping per port and must be of the same length on both sides.
pub fn parse(input: &str) -> Result<Vec<PortMapping>, PortError> {
    let err = |why: &str| PortError {
        input: input.to_string(),
        why: why.to_string(),
    };
    let (spec, protocol) = match input.rsplit_once('/') {
        Some((s, "tcp")) => (s, Protocol::Tcp),
        Some((s, "udp")) => (s, Protocol::Udp),
        Some((_, p)) => return Err(err(&format!("unknown protocol {p:?} (tcp or udp)"))),
        None => (input, Protocol::Tcp),
    };
    // An IPv6 host address is written in brackets: [::1]:8080:80.
    let (host_ip, rest) = if let Some(r) = spec.strip_prefix('[') {
        let (ip, rest) = r
            .split_once("]:")
            .ok_or_else(|| err("expected [IPv6]:HOST_PORT:CONTAINER_PORT"))?;
        (Some(ip), rest)
    } else {
        let parts: Vec<&str> = spec.split(':').collect();
        match parts.len() {
            1 | 2 => (None, spec),
            3 => (Some(parts[0]), &spec[parts[0].len() + 1..]),
            _ => return Err(err("too many colons")),
        }
    };
    let host_ip = match host_ip.filter(|s| !s.is_empty()) {
        Some(s) => Some(
            s.parse::<IpAddr>()
                .map_err(|_| err(&format!("{s:?} is not an IP address")))?,
        ),
        None => None,
    };
    let (host, container) = match rest.split_once(':') {
        Some((h, c)) => (Some(h).filter(|h| !h.is_empty()), c),
        None => (None, rest),
    };
    let container = range(container).map_err(|why| err(&why))?;
    let host = host.map(range).transpose().map_err(|why| err(&why))?;
    if let Some(h) = &host
        && h.len() != container.len()
    {
        return Err(err("the host and container port ranges differ in length"));
    }
    Ok(container
        .iter()
        .enumerate()
        .map(|(i, &c)| PortMapping {
            host_ip,
            host_port: host.as_ref().map_or(0, |h| h[i]),
            container_port: c,
            protocol,
        })
        .collect())
}

/// `80` or `8000-8010`.
fn range(s: &str) -> Result<Vec<u16>, String> {
    let port = |p: &str| {
        p.parse::<u16>()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("{p:?} is not a port number (1-65535)"))
    };
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (port(a)?, port(b)?);
            if a > b {
                return Err(format!("the range {s} runs backwards"));
            }
            Ok((a..=b).collect())
        }
        None => Ok(vec![port(s)?]),
    }
}

/// The mappings `-P` makes of an image's `ExposedPorts` keys (`80/tcp`):
/// every address, host port chosen later.
pub fn exposed(keys: &[String]) -> Vec<PortMapping> {
    keys.iter()
        .filter_map(|k| parse(k).ok())
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> PortMapping {
        let v = parse(s).unwrap();
        assert_eq!(v.len(), 1, "{s}");
        v[0].clone()
    }

    #[test]
    fn forms() {
        let m = one("127.0.0.1:8080:80");
        assert_eq!(m.host_ip, Some("127.0.0.1".parse().unwrap()));
        assert_eq!((m.host_port, m.container_port), (8080, 80));
        assert_eq!(m.protocol, Protocol::Tcp);
        assert_eq!(one("8080:80/udp").protocol, Protocol::Udp);
        assert_eq!(one("80").host_port, 0);
        assert_eq!(one("127.0.0.1::80").host_port, 0);
        assert_eq!(one("[::1]:8080:80").host_ip, Some("::1".parse().unwrap()));
        assert_eq!(one("80").to_string(), "80/tcp -> 0.0.0.0:0");
        let r = parse("9000-9002:8000-8002").unwrap();
        assert_eq!(
            r.iter()
                .map(|m| (m.host_port, m.container_port))
                .collect::<Vec<_>>(),
            [(9000, 8000), (9001, 8001), (9002, 8002)]
        );
    }

    #[test]
    fn refusals() {
        for bad in [
            "0",
            "70000",
            "a:b",
            "1.2.3:80:80",
            "80/sctp",
            "1-2:3",
            "9-1",
            "1:2:3:4",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let e = parse("80/sctp").unwrap_err().to_string();
        assert!(e.contains("80/sctp") && e.contains("protocol"), "{e}");
    }

    #[test]
    fn exposed_ports() {
        let m = exposed(&["80/tcp".into(), "53/udp".into()]);
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].protocol, Protocol::Udp);
    }
}
