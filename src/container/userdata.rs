//! The files rctl writes for each container and bind-mounts over the image's:
//! /etc/hosts, /etc/hostname, /etc/resolv.conf.

use std::io;
use std::path::Path;

/// The container's /etc/hosts: loopback names and its own name, on top of the
/// host's entries when it shares the host's network.
pub fn hosts(hostname: &str, name: &str, host_hosts: Option<&str>) -> String {
    let mut s = String::new();
    if let Some(h) = host_hosts {
        s.push_str(h);
        if !s.ends_with('\n') && !s.is_empty() {
            s.push('\n');
        }
    } else {
        s.push_str(
            "127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n",
        );
        s.push_str("::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n");
    }
    if hostname == name {
        s.push_str(&format!("127.0.1.1\t{hostname}\n"));
    } else {
        s.push_str(&format!("127.0.1.1\t{hostname} {name}\n"));
    }
    s
}

/// The container's /etc/resolv.conf: the host's. Without the host's network,
/// loopback name servers (a local stub resolver) cannot be reached from the
/// container and are left out.
pub fn resolv_conf(host: &str, host_network: bool) -> String {
    host.lines()
        .filter(|l| {
            let mut w = l.split_whitespace();
            let loopback_server = w.next() == Some("nameserver")
                && w.next()
                    .is_some_and(|ip| ip.starts_with("127.") || ip == "::1");
            host_network || !loopback_server
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Writes the three files into `dir`.
pub fn write(dir: &Path, hostname: &str, name: &str, host_network: bool) -> io::Result<()> {
    let host_hosts = if host_network {
        std::fs::read_to_string("/etc/hosts").ok()
    } else {
        None
    };
    std::fs::write(
        dir.join("hosts"),
        hosts(hostname, name, host_hosts.as_deref()),
    )?;
    std::fs::write(dir.join("hostname"), format!("{hostname}\n"))?;
    let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    std::fs::write(
        dir.join("resolv.conf"),
        resolv_conf(&host_resolv, host_network),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_files() {
        let h = hosts("abc123", "web", None);
        assert!(h.starts_with("127.0.0.1\tlocalhost"));
        assert!(h.ends_with("127.0.1.1\tabc123 web\n"));
        let h = hosts("web", "web", Some("10.0.0.1 gw"));
        assert_eq!(h, "10.0.0.1 gw\n127.0.1.1\tweb\n");
    }

    #[test]
    fn resolv_without_loopback_servers() {
        let host = "nameserver 127.0.0.53\nnameserver 10.0.0.2\nsearch example.com\n";
        assert_eq!(
            resolv_conf(host, false),
            "nameserver 10.0.0.2\nsearch example.com\n"
        );
        assert_eq!(resolv_conf(host, true), host);
    }
}
