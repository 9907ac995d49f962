//! Container networking: modes, the user-mode TCP/IP stack, bridges, ports,
//! hosts and DNS.

pub mod slirp;
