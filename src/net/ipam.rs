//! Address management, pure: which subnet a new network gets, which address
//! a new container gets, what its MAC address is, the bridge's name. The
//! callers read the store and hold the networks lock; nothing here does I/O.

use std::net::Ipv4Addr;

use ipnetwork::Ipv4Network;

/// Whether two subnets share any address.
pub fn overlaps(a: &Ipv4Network, b: &Ipv4Network) -> bool {
    a.contains(b.network()) || b.contains(a.network())
}

/// The first free /24 in 10.89.0.0/16 (podman's pool for new networks).
pub fn free_subnet(used: &[Ipv4Network]) -> Option<Ipv4Network> {
    (0..=255u8)
        .map(|n| Ipv4Network::new(Ipv4Addr::new(10, 89, n, 0), 24).expect("valid prefix"))
        .find(|c| !used.iter().any(|u| overlaps(u, c)))
}

/// Whether `ip` is a usable host address of `net` (not its network or
/// broadcast address).
pub fn is_host(net: &Ipv4Network, ip: Ipv4Addr) -> bool {
    net.contains(ip) && ip != net.network() && ip != net.broadcast()
}

/// The subnet's first host address (the default gateway).
pub fn first_host(net: &Ipv4Network) -> Ipv4Addr {
    Ipv4Addr::from(u32::from(net.network()) + 1)
}

/// The lowest host address of `net` that is neither the gateway nor taken.
pub fn free_address(net: &Ipv4Network, gateway: Ipv4Addr, taken: &[Ipv4Addr]) -> Option<Ipv4Addr> {
    let first = u32::from(net.network()) + 1;
    let last = u32::from(net.broadcast());
    (first..last)
        .map(Ipv4Addr::from)
        .find(|ip| *ip != gateway && !taken.contains(ip))
}

/// The first bridge name `podmanN` (N >= 1) not in `used`.
pub fn free_bridge_name(used: &[&str]) -> String {
    (1..)
        .map(|n| format!("podman{n}"))
        .find(|b| !used.contains(&b.as_str()))
        .expect("an unused number")
}

/// A locally administered unicast MAC address from the container's id and
/// the network's index, so it stays the same across restarts.
pub fn mac_address(container_id: &str, index: usize) -> [u8; 6] {
    let b = hex::decode(&container_id[..10]).unwrap_or_else(|_| vec![0; 5]);
    let mut mac = [0x02, b[0], b[1], b[2], b[3], b[4]];
    mac[5] = mac[5].wrapping_add(index as u8);
    mac
}

/// `aa:bb:cc:dd:ee:ff`.
pub fn mac_text(mac: &[u8; 6]) -> String {
    mac.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// The host end of a container's veth pair: `veth` and 8 hex digits of the
/// container's id (and the network's index after the first network).
pub fn veth_name(container_id: &str, index: usize) -> String {
    if index == 0 {
        format!("veth{}", &container_id[..8])
    } else {
        format!("veth{}{index}", &container_id[..8])
    }
}

/// A unicast MAC address from its text (`aa:bb:cc:dd:ee:ff`).
pub fn parse_mac(text: &str) -> Option<[u8; 6]> {
    let parts: Vec<&str> = text.split(':').collect();
    if parts.len() != 6 {
        return None;
    }
    let mut mac = [0u8; 6];
    for (b, p) in mac.iter_mut().zip(parts) {
        if p.len() != 2 {
            return None;
        }
        *b = u8::from_str_radix(p, 16).ok()?;
    }
    // The lowest bit of the first byte marks multicast.
    (mac[0] & 1 == 0).then_some(mac)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> Ipv4Network {
        s.parse().unwrap()
    }

    #[test]
    fn subnets() {
        assert_eq!(free_subnet(&[]), Some(net("10.89.0.0/24")));
        assert_eq!(
            free_subnet(&[
                net("10.88.0.0/16"),
                net("10.89.0.0/24"),
                net("10.89.2.0/23")
            ]),
            Some(net("10.89.1.0/24"))
        );
        assert_eq!(free_subnet(&[net("10.89.0.0/16")]), None);
        assert!(overlaps(&net("10.0.0.0/8"), &net("10.89.3.0/24")));
        assert!(!overlaps(&net("10.89.0.0/24"), &net("10.89.1.0/24")));
    }

    #[test]
    fn addresses() {
        let n = net("10.89.0.0/24");
        let gw = first_host(&n);
        assert_eq!(gw, Ipv4Addr::new(10, 89, 0, 1));
        assert_eq!(free_address(&n, gw, &[]), Some(Ipv4Addr::new(10, 89, 0, 2)));
        let taken = [Ipv4Addr::new(10, 89, 0, 2), Ipv4Addr::new(10, 89, 0, 4)];
        assert_eq!(
            free_address(&n, gw, &taken),
            Some(Ipv4Addr::new(10, 89, 0, 3))
        );
        let tiny = net("10.1.0.0/30");
        assert_eq!(
            free_address(&tiny, first_host(&tiny), &[]),
            Some(Ipv4Addr::new(10, 1, 0, 2))
        );
        assert_eq!(
            free_address(&tiny, first_host(&tiny), &[Ipv4Addr::new(10, 1, 0, 2)]),
            None
        );
        assert!(is_host(&n, Ipv4Addr::new(10, 89, 0, 254)));
        assert!(!is_host(&n, Ipv4Addr::new(10, 89, 0, 255)));
        assert!(!is_host(&n, Ipv4Addr::new(10, 89, 0, 0)));
    }

    #[test]
    fn names_and_macs() {
        assert_eq!(free_bridge_name(&["podman0", "podman1"]), "podman2");
        let id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assert_eq!(mac_text(&mac_address(id, 0)), "02:01:23:45:67:89");
        assert_eq!(veth_name(id, 0), "veth01234567");
    }

    #[test]
    fn macs_parse() {
        assert_eq!(
            parse_mac("02:42:ac:11:00:02"),
            Some([2, 0x42, 0xac, 0x11, 0, 2])
        );
        assert_eq!(parse_mac("01:00:5e:00:00:01"), None, "multicast");
        assert_eq!(parse_mac("02:42:ac:11:00"), None);
        assert_eq!(parse_mac("02:42:ac:11:00:zz"), None);
    }
}
