//! Where a container's flow may go: the address map of the private network
//! (10.0.2.2 -> host loopback when allowed, 10.0.2.3:53 -> the host's
//! resolver) and the destinations that are always refused. Also reads the
//! host's resolvers from resolv.conf text.
//!
//! Pure functions; the event loop acts on their answers.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, SocketAddrV4};
use std::path::Path;

use super::{Config, DNS_IP, GATEWAY_IP, PREFIX_LEN};

/// The host-side socket address for a container flow to `dst`, or `None`
/// when the flow is refused (TCP: RST; UDP: dropped).
pub fn host_target(config: &Config, dst: SocketAddrV4) -> Option<SocketAddr> {
    let ip = *dst.ip();
    if ip == GATEWAY_IP {
        return config
            .allow_host_loopback
            .then(|| SocketAddr::from((Ipv4Addr::LOCALHOST, dst.port())));
    }
    if ip == DNS_IP {
        return match dst.port() {
            53 => config.dns_upstreams.first().copied(),
            _ => None,
        };
    }
    let net = u32::from(GATEWAY_IP) >> (32 - PREFIX_LEN);
    if u32::from(ip) >> (32 - PREFIX_LEN) == net {
        return None; // nothing else lives on the private network
    }
    // A container may send raw packets to any address through tap0: never let
    // them reach the host's loopback (that is what allow_host_loopback
    // guards), "this network", multicast, or broadcast.
    if ip.is_loopback()
        || ip.is_unspecified()
        || ip.octets()[0] == 0
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.octets()[0] >= 240
        || dst.port() == 0
    {
        return None;
    }
    Some(SocketAddr::V4(dst))
}

/// The `nameserver` lines of resolv.conf text, as port-53 socket addresses,
/// in order. IPv6 zone suffixes (`%eth0`) are not supported and skipped.
pub fn upstreams_from_resolv_conf(text: &str) -> Vec<SocketAddr> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            (words.next()? == "nameserver").then_some(())?;
            let ip: IpAddr = words.next()?.parse().ok()?;
            Some(SocketAddr::new(ip, 53))
        })
        .collect()
}

/// The host's resolvers from the resolv.conf at `path`; none if unreadable.
pub fn host_dns_upstreams(path: &Path) -> Vec<SocketAddr> {
    std::fs::read_to_string(path)
        .map(|t| upstreams_from_resolv_conf(&t))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(a: [u8; 4], p: u16) -> SocketAddrV4 {
        SocketAddrV4::new(Ipv4Addr::from(a), p)
    }

    #[test]
    fn gateway_is_host_loopback_only_when_allowed() {
        let mut c = Config::default();
        assert_eq!(host_target(&c, v4([10, 0, 2, 2], 8080)), None);
        c.allow_host_loopback = true;
        assert_eq!(
            host_target(&c, v4([10, 0, 2, 2], 8080)),
            Some("127.0.0.1:8080".parse().unwrap())
        );
    }

    #[test]
    fn dns_address_forwards_port_53_to_the_first_upstream() {
        let mut c = Config::default();
        assert_eq!(host_target(&c, v4([10, 0, 2, 3], 53)), None);
        c.dns_upstreams = vec![
            "127.0.0.53:53".parse().unwrap(),
            "[::1]:53".parse().unwrap(),
        ];
        assert_eq!(
            host_target(&c, v4([10, 0, 2, 3], 53)),
            Some(c.dns_upstreams[0])
        );
        assert_eq!(host_target(&c, v4([10, 0, 2, 3], 80)), None);
    }

    #[test]
    fn refuses_loopback_and_special_addresses_even_when_loopback_allowed() {
        let c = Config {
            allow_host_loopback: true,
            ..Config::default()
        };
        for a in [
            [127, 0, 0, 1],
            [127, 1, 2, 3],
            [0, 0, 0, 0],
            [0, 1, 2, 3],
            [224, 0, 0, 1],
            [255, 255, 255, 255],
            [240, 0, 0, 1],
            [10, 0, 2, 100],
            [10, 0, 2, 1],
            [10, 0, 2, 255],
        ] {
            assert_eq!(host_target(&c, v4(a, 80)), None, "{a:?}");
        }
        assert_eq!(host_target(&c, v4([192, 0, 2, 1], 0)), None);
        assert_eq!(
            host_target(&c, v4([192, 0, 2, 1], 443)),
            Some("192.0.2.1:443".parse().unwrap())
        );
        assert_eq!(
            host_target(&c, v4([10, 0, 3, 1], 22)),
            Some("10.0.3.1:22".parse().unwrap())
        );
    }

    #[test]
    fn resolv_conf_nameservers_in_order() {
        let text = "# comment\nsearch example.org\nnameserver 127.0.0.53\n\
                    nameserver   192.0.2.53  # trailing\nnameserver ::1\n\
                    nameserver fe80::1%eth0\nnameserver\noptions edns0\n";
        assert_eq!(
            upstreams_from_resolv_conf(text),
            vec![
                "127.0.0.53:53".parse::<SocketAddr>().unwrap(),
                "192.0.2.53:53".parse().unwrap(),
                "[::1]:53".parse().unwrap(),
            ]
        );
        assert!(host_dns_upstreams(Path::new("/nonexistent/resolv.conf")).is_empty());
    }
}
