//! Container networking: modes, the user-mode TCP/IP stack, bridges, ports,
//! hosts and DNS.

pub mod attach;
pub mod bridge;
pub mod ipam;
pub mod network;
pub mod slirp;
