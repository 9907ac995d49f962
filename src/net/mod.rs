//! Container networking: modes, the user-mode TCP/IP stack, bridges, ports,
//! hosts and DNS. Arrives with the networking issue.

pub mod attach;
pub mod bridge;
pub mod external;
pub mod forward;
pub mod ipam;
pub mod loopback;
pub mod nat;
pub mod network;
pub mod ports;
pub mod private;
pub mod slirp;
