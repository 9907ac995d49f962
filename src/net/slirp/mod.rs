//! The rootless default network: a user-mode TCP/IP stack (slirp style).
//!
//! A tap device inside the container's network namespace carries the
//! container's Ethernet frames to this stack, which runs in the container's
//! parent (foreground rctl or its monitor) in the host's network namespace and
//! turns every TCP connection and UDP flow of the container into an ordinary
//! host socket. No external helper, no privilege: the host sockets belong to the
//! user who runs rctl. Addresses are slirp4netns's, so images and habits carry
//! over:
//!
//! | address      | what                                                      |
//! |--------------|-----------------------------------------------------------|
//! | 10.0.2.100   | the container (tap0, /24, default route via 10.0.2.2)     |
//! | 10.0.2.2     | gateway; the host's 127.0.0.1 when `allow_host_loopback`  |
//! | 10.0.2.3     | DNS: port 53 forwarded to the host's first resolver       |
//!
//! Use it in two steps, after the container process exists:
//!
//! ```no_run
//! # fn f(pid: i32) -> Result<(), rctl::net::slirp::Error> {
//! use rctl::net::slirp;
//! let tap = slirp::open_tap(pid)?; // tap0 in the container's netns, configured
//! let upstreams = slirp::host_dns_upstreams(std::path::Path::new("/etc/resolv.conf"));
//! let stack = slirp::Stack::start(tap, slirp::Config { dns_upstreams: upstreams, ..Default::default() })?;
//! // ... the container runs ...
//! stack.stop()?;
//! # Ok(()) }
//! ```
//!
//! How TCP is terminated. smoltcp is the TCP/IP stack (ARP, IPv4, TCP, ICMP
//! echo to the gateway) with AnyIP on, so it accepts segments for any
//! destination address. A SYN is accepted only once the real destination has
//! accepted us: the event loop parses every frame before smoltcp sees it
//! ([`frame::classify`]); a SYN for a new 4-tuple is held back while a
//! non-blocking host `connect` runs. When it succeeds, a fresh smoltcp socket
//! listening on exactly (destination address, port) is created and the held SYN
//! is handed to smoltcp, which completes the handshake with the container; when
//! it fails (or the destination is not allowed, [`policy`]) the SYN is handed
//! over with no socket listening, and smoltcp answers RST: the container sees
//! "connection refused" as it would from the real host. Repeated SYNs of a
//! pending 4-tuple are dropped. One listening socket per flow means two
//! connections to the same destination never compete for a socket. Data is
//! then copied between the smoltcp socket and the host socket only while the
//! other side has room (back-pressure both ways); FIN becomes `shutdown(Write)`
//! and host EOF becomes FIN; RST and errors abort the other side.
//!
//! UDP is simpler and bypasses smoltcp: each (container port, destination)
//! gets its own connected host UDP socket, replies are written to the tap as
//! frames built here, and flows idle for `udp_idle_timeout` are closed.
//!
//! Not here: IPv6 (frames are dropped), ICMP beyond echo to 10.0.2.2/10.0.2.3,
//! IP fragments, port forwarding into the container (`-p`, see the port
//! forwarder), and choosing pasta/slirp4netns instead (the network mode code).

mod device;
pub mod frame;
pub mod policy;
mod stack;
mod tap;
mod tcp;
mod udp;

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

pub use policy::{host_dns_upstreams, upstreams_from_resolv_conf};
pub use stack::Stack;
pub use tap::open_tap;

/// The container's address on tap0.
pub const CONTAINER_IP: Ipv4Addr = Ipv4Addr::new(10, 0, 2, 100);
/// The gateway: the stack itself; the host's loopback when allowed.
pub const GATEWAY_IP: Ipv4Addr = Ipv4Addr::new(10, 0, 2, 2);
/// The DNS forwarder.
pub const DNS_IP: Ipv4Addr = Ipv4Addr::new(10, 0, 2, 3);
/// Prefix length of the container's network, 10.0.2.0/24.
pub const PREFIX_LEN: u8 = 24;
/// The tap device's name inside the container.
pub const TAP_NAME: &str = "tap0";
/// IP MTU of tap0 (slirp4netns's default): large frames, few syscalls.
pub const MTU: usize = 65520;
/// The gateway's MAC address (slirp's convention: 52:55 then the IPv4 address).
pub const GATEWAY_MAC: [u8; 6] = [0x52, 0x55, 10, 0, 2, 2];

/// What the stack may do; plain data, filled in by the network mode code.
#[derive(Debug, Clone)]
pub struct Config {
    /// 10.0.2.2 reaches the host's 127.0.0.1 (podman's
    /// `allow_host_loopback=true`); otherwise connections to it are refused.
    pub allow_host_loopback: bool,
    /// Where queries to 10.0.2.3:53 go; the first one is used. Empty: DNS
    /// queries are dropped.
    pub dns_upstreams: Vec<SocketAddr>,
    /// A UDP flow with no traffic either way for this long is closed.
    pub udp_idle_timeout: Duration,
    /// Bytes of buffer in each direction of each TCP connection inside the
    /// stack; the TCP window the container sees.
    pub tcp_buffer: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            allow_host_loopback: false,
            dns_upstreams: Vec::new(),
            udp_idle_timeout: Duration::from_secs(60),
            tcp_buffer: 512 * 1024,
        }
    }
}

/// Errors of the user-mode network stack.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("open network namespace of process {pid}: {source}")]
    Namespace { pid: i32, source: std::io::Error },
    /// A step of creating tap0 inside the container failed; `step` names it
    /// (for example "open /dev/net/tun").
    #[error("set up {tap} in the network namespace of process {pid}: {step}: {source}", tap = TAP_NAME)]
    Tap {
        pid: i32,
        step: &'static str,
        source: std::io::Error,
    },
    #[error("start network stack: {0}")]
    Start(std::io::Error),
    #[error("network stack: {0}")]
    Run(std::io::Error),
    #[error("network stack thread panicked")]
    Panicked,
}
