//! Ethernet frames seen before smoltcp: which ones are new TCP connections,
//! which are UDP datagrams this stack relays itself, which go to smoltcp and
//! which are dropped. Also builds the UDP frames sent back to the container.
//!
//! Pure functions over byte slices; no I/O.

use std::net::{Ipv4Addr, SocketAddrV4};

const ETH_HEADER: usize = 14;
const ETHERTYPE_IPV4: u16 = 0x0800;
const ETHERTYPE_ARP: u16 = 0x0806;
const PROTO_ICMP: u8 = 1;
const PROTO_TCP: u8 = 6;
const PROTO_UDP: u8 = 17;
const IPV4_HEADER: usize = 20;
const UDP_HEADER: usize = 8;

/// A transport flow as the container sees it: its own address and port, and
/// the destination it asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FlowKey {
    pub src: SocketAddrV4,
    pub dst: SocketAddrV4,
}

/// What to do with a frame from the container.
#[derive(Debug, PartialEq, Eq)]
pub enum Ingress<'a> {
    /// A TCP SYN (without ACK): maybe a new connection.
    TcpSyn(FlowKey),
    /// A complete (unfragmented) UDP datagram.
    Udp { key: FlowKey, payload: &'a [u8] },
    /// ARP, other TCP segments, ICMP to the gateway or DNS address: smoltcp's.
    Stack,
    /// Anything else: IPv6, fragments, ICMP to elsewhere, garbage.
    Drop,
}

/// The source MAC address of a frame, to learn the container's.
pub fn src_mac(frame: &[u8]) -> Option<[u8; 6]> {
    frame.get(6..12).map(|m| m.try_into().unwrap())
}

fn be16(b: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([b[at], b[at + 1]])
}

fn ipv4(b: &[u8], at: usize) -> Ipv4Addr {
    Ipv4Addr::new(b[at], b[at + 1], b[at + 2], b[at + 3])
}

/// Decide a frame's fate; `stack_addrs` are the addresses smoltcp answers
/// ICMP for.
pub fn classify<'a>(frame: &'a [u8], stack_addrs: &[Ipv4Addr]) -> Ingress<'a> {
    if frame.len() < ETH_HEADER {
        return Ingress::Drop;
    }
    match be16(frame, 12) {
        ETHERTYPE_ARP => return Ingress::Stack,
        ETHERTYPE_IPV4 => {}
        _ => return Ingress::Drop,
    }
    let ip = &frame[ETH_HEADER..];
    if ip.len() < IPV4_HEADER || ip[0] >> 4 != 4 {
        return Ingress::Drop;
    }
    let ihl = usize::from(ip[0] & 0x0f) * 4;
    let total = usize::from(be16(ip, 2));
    if ihl < IPV4_HEADER || total < ihl || total > ip.len() {
        return Ingress::Drop;
    }
    let fragmented = be16(ip, 6) & 0x3fff != 0; // MF flag or an offset
    let (proto, src, dst) = (ip[9], ipv4(ip, 12), ipv4(ip, 16));
    let l4 = &ip[ihl..total];
    match proto {
        PROTO_TCP if !fragmented => {
            if l4.len() < 20 {
                return Ingress::Drop;
            }
            let flags = l4[13];
            let (syn, ack, rst) = (flags & 0x02 != 0, flags & 0x10 != 0, flags & 0x04 != 0);
            if syn && !ack && !rst {
                Ingress::TcpSyn(FlowKey {
                    src: SocketAddrV4::new(src, be16(l4, 0)),
                    dst: SocketAddrV4::new(dst, be16(l4, 2)),
                })
            } else {
                Ingress::Stack
            }
        }
        PROTO_UDP if !fragmented => {
            if l4.len() < UDP_HEADER {
                return Ingress::Drop;
            }
            let len = usize::from(be16(l4, 4));
            if len < UDP_HEADER || len > l4.len() {
                return Ingress::Drop;
            }
            Ingress::Udp {
                key: FlowKey {
                    src: SocketAddrV4::new(src, be16(l4, 0)),
                    dst: SocketAddrV4::new(dst, be16(l4, 2)),
                },
                payload: &l4[UDP_HEADER..len],
            }
        }
        PROTO_ICMP if !fragmented && stack_addrs.contains(&dst) => Ingress::Stack,
        _ => Ingress::Drop,
    }
}

/// The one's-complement sum of `data` added to `sum` (RFC 1071), unfolded.
fn sum16(mut sum: u32, data: &[u8]) -> u32 {
    let mut chunks = data.chunks_exact(2);
    for c in &mut chunks {
        sum += u32::from(u16::from_be_bytes([c[0], c[1]]));
    }
    if let [last] = chunks.remainder() {
        sum += u32::from(*last) << 8;
    }
    sum
}

fn fold(mut sum: u32) -> u16 {
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// The largest UDP payload that fits one frame on tap0.
pub const MAX_UDP_PAYLOAD: usize = super::MTU - IPV4_HEADER - UDP_HEADER;

/// An Ethernet frame carrying one UDP datagram `from` -> `to`, checksums
/// filled in. `None` when the payload does not fit the MTU.
pub fn build_udp(
    dst_mac: [u8; 6],
    src_mac: [u8; 6],
    from: SocketAddrV4,
    to: SocketAddrV4,
    ident: u16,
    payload: &[u8],
) -> Option<Vec<u8>> {
    if payload.len() > MAX_UDP_PAYLOAD {
        return None;
    }
    let udp_len = UDP_HEADER + payload.len();
    let ip_len = IPV4_HEADER + udp_len;
    let mut f = Vec::with_capacity(ETH_HEADER + ip_len);
    f.extend_from_slice(&dst_mac);
    f.extend_from_slice(&src_mac);
    f.extend_from_slice(&ETHERTYPE_IPV4.to_be_bytes());
    // IPv4 header: version 4, IHL 5, no options, DF, TTL 64.
    let ip_start = f.len();
    f.extend_from_slice(&[0x45, 0]);
    f.extend_from_slice(&(ip_len as u16).to_be_bytes());
    f.extend_from_slice(&ident.to_be_bytes());
    f.extend_from_slice(&[0x40, 0, 64, PROTO_UDP, 0, 0]);
    f.extend_from_slice(&from.ip().octets());
    f.extend_from_slice(&to.ip().octets());
    let ip_sum = fold(sum16(0, &f[ip_start..ip_start + IPV4_HEADER]));
    f[ip_start + 10..ip_start + 12].copy_from_slice(&ip_sum.to_be_bytes());
    // UDP header and payload; the checksum covers the pseudo-header.
    let udp_start = f.len();
    f.extend_from_slice(&from.port().to_be_bytes());
    f.extend_from_slice(&to.port().to_be_bytes());
    f.extend_from_slice(&(udp_len as u16).to_be_bytes());
    f.extend_from_slice(&[0, 0]);
    f.extend_from_slice(payload);
    let mut pseudo = sum16(0, &from.ip().octets());
    pseudo = sum16(pseudo, &to.ip().octets());
    pseudo += u32::from(PROTO_UDP) + udp_len as u32;
    let mut udp_sum = fold(sum16(pseudo, &f[udp_start..]));
    if udp_sum == 0 {
        udp_sum = 0xffff; // 0 means "no checksum" in UDP over IPv4
    }
    f[udp_start + 6..udp_start + 8].copy_from_slice(&udp_sum.to_be_bytes());
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use smoltcp::phy::ChecksumCapabilities;
    use smoltcp::wire::{IpAddress, Ipv4Packet, Ipv4Repr, UdpPacket, UdpRepr};

    const C_MAC: [u8; 6] = [2, 0, 0, 0, 0, 1];
    const G: [Ipv4Addr; 2] = [crate::net::slirp::GATEWAY_IP, crate::net::slirp::DNS_IP];

    fn sa(ip: [u8; 4], port: u16) -> SocketAddrV4 {
        SocketAddrV4::new(Ipv4Addr::from(ip), port)
    }

    /// A minimal IPv4 frame with `proto` and an L4 payload.
    fn ip_frame(proto: u8, src: [u8; 4], dst: [u8; 4], l4: &[u8], frag: u16) -> Vec<u8> {
        let mut f = vec![0xff; 6];
        f.extend_from_slice(&C_MAC);
        f.extend_from_slice(&[0x08, 0x00, 0x45, 0]);
        f.extend_from_slice(&((20 + l4.len()) as u16).to_be_bytes());
        f.extend_from_slice(&[0, 0]);
        f.extend_from_slice(&frag.to_be_bytes());
        f.extend_from_slice(&[64, proto, 0, 0]);
        f.extend_from_slice(&src);
        f.extend_from_slice(&dst);
        f.extend_from_slice(l4);
        f
    }

    fn tcp(sport: u16, dport: u16, flags: u8) -> Vec<u8> {
        let mut t = vec![0; 20];
        t[0..2].copy_from_slice(&sport.to_be_bytes());
        t[2..4].copy_from_slice(&dport.to_be_bytes());
        t[12] = 5 << 4;
        t[13] = flags;
        t
    }

    #[test]
    fn syn_is_a_new_flow_and_other_segments_go_to_the_stack() {
        let f = ip_frame(6, [10, 0, 2, 100], [1, 2, 3, 4], &tcp(40000, 80, 0x02), 0);
        assert_eq!(
            classify(&f, &G),
            Ingress::TcpSyn(FlowKey {
                src: sa([10, 0, 2, 100], 40000),
                dst: sa([1, 2, 3, 4], 80)
            })
        );
        for flags in [0x12, 0x10, 0x11, 0x04, 0x06] {
            let f = ip_frame(6, [10, 0, 2, 100], [1, 2, 3, 4], &tcp(40000, 80, flags), 0);
            assert_eq!(classify(&f, &G), Ingress::Stack, "flags {flags:#x}");
        }
    }

    #[test]
    fn udp_payload_is_cut_at_the_udp_length() {
        let mut u = vec![0x9c, 0x40, 0, 53, 0, 11, 0, 0, b'a', b'b', b'c'];
        u.extend_from_slice(&[0; 5]); // Ethernet padding after the datagram
        let f = ip_frame(17, [10, 0, 2, 100], [10, 0, 2, 3], &u, 0);
        assert_eq!(
            classify(&f, &G),
            Ingress::Udp {
                key: FlowKey {
                    src: sa([10, 0, 2, 100], 40000),
                    dst: sa([10, 0, 2, 3], 53)
                },
                payload: b"abc"
            }
        );
    }

    #[test]
    fn drops_fragments_ipv6_garbage_and_foreign_icmp() {
        let u = [0x9c, 0x40, 0, 53, 0, 8, 0, 0];
        let frag = ip_frame(17, [10, 0, 2, 100], [10, 0, 2, 3], &u, 0x2000);
        assert_eq!(classify(&frag, &G), Ingress::Drop);
        let mut v6 = ip_frame(17, [10, 0, 2, 100], [10, 0, 2, 3], &u, 0);
        v6[12..14].copy_from_slice(&[0x86, 0xdd]);
        assert_eq!(classify(&v6, &G), Ingress::Drop);
        assert_eq!(classify(&[1, 2, 3], &G), Ingress::Drop);
        let mut short = ip_frame(6, [10, 0, 2, 100], [1, 2, 3, 4], &tcp(1, 2, 2), 0);
        short.truncate(40);
        assert_eq!(classify(&short, &G), Ingress::Drop);
        let ping = [8, 0, 0, 0, 0, 1, 0, 1];
        let to_gw = ip_frame(1, [10, 0, 2, 100], [10, 0, 2, 2], &ping, 0);
        assert_eq!(classify(&to_gw, &G), Ingress::Stack);
        let away = ip_frame(1, [10, 0, 2, 100], [8, 8, 8, 8], &ping, 0);
        assert_eq!(classify(&away, &G), Ingress::Drop);
        let mut arp = vec![0xff; 12];
        arp.extend_from_slice(&[0x08, 0x06]);
        arp.extend_from_slice(&[0; 28]);
        assert_eq!(classify(&arp, &G), Ingress::Stack);
    }

    #[test]
    fn built_udp_frames_parse_back_with_valid_checksums() {
        for payload in [&b""[..], b"x", b"hello, odd length", &[0xffu8; 1000][..]] {
            let from = sa([10, 0, 2, 3], 53);
            let to = sa([10, 0, 2, 100], 40000);
            let f = build_udp(C_MAC, crate::net::slirp::GATEWAY_MAC, from, to, 7, payload).unwrap();
            assert_eq!(src_mac(&f), Some(crate::net::slirp::GATEWAY_MAC));
            let ip = Ipv4Packet::new_checked(&f[14..]).unwrap();
            assert!(ip.verify_checksum());
            let caps = ChecksumCapabilities::default();
            let repr = Ipv4Repr::parse(&ip, &caps).unwrap();
            assert_eq!(repr.src_addr, *from.ip());
            let udp = UdpPacket::new_checked(ip.payload()).unwrap();
            let (s, d) = (IpAddress::Ipv4(*from.ip()), IpAddress::Ipv4(*to.ip()));
            assert!(udp.verify_checksum(&s, &d));
            let urepr = UdpRepr::parse(&udp, &s, &d, &caps).unwrap();
            assert_eq!((urepr.src_port, urepr.dst_port), (53, 40000));
            assert_eq!(udp.payload(), payload);
            // And our own classifier reads it the same way.
            let Ingress::Udp { key, payload: p } = classify(&f, &G) else {
                panic!("not udp")
            };
            assert_eq!((key.src, key.dst, p), (from, to, payload));
        }
        let big = vec![0; MAX_UDP_PAYLOAD + 1];
        let (a, b) = (sa([1, 1, 1, 1], 1), sa([2, 2, 2, 2], 2));
        assert!(build_udp(C_MAC, C_MAC, a, b, 0, &big).is_none());
    }
}
