//! The files rctl writes for each container and bind-mounts over the image's:
//! /etc/hosts, /etc/hostname, /etc/resolv.conf.

use std::io;
use std::path::Path;

use crate::storage::containers::NameConfig;

/// The container's /etc/hosts: loopback names and its own name, on top of the
/// host's entries when it shares the host's network; then `--add-host`'s.
pub fn hosts(hostname: &str, name: &str, host_hosts: Option<&str>, added: &[String]) -> String {
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
    for entry in added {
        if let Some((host, ip)) = entry.split_once(':') {
            s.push_str(&format!("{ip}\t{host}\n"));
        }
    }
    s
}

/// The container's /etc/resolv.conf: the host's, with `--dns`,
/// `--dns-search` and `--dns-option` replacing its name servers, search
/// domains and options. Without the host's network, loopback name servers (a
/// local stub resolver) cannot be reached from the container and are left out.
pub fn resolv_conf(host: &str, host_network: bool, names: &NameConfig) -> String {
    let replaced = |keyword: &str| match keyword {
        "nameserver" => !names.servers.is_empty(),
        "search" | "domain" => !names.search.is_empty(),
        "options" => !names.options.is_empty(),
        _ => false,
    };
    let mut out: String = host
        .lines()
        .filter(|l| {
            let mut w = l.split_whitespace();
            let keyword = w.next().unwrap_or("");
            let loopback_server = keyword == "nameserver"
                && w.next()
                    .is_some_and(|ip| ip.starts_with("127.") || ip == "::1");
            !replaced(keyword) && (host_network || !loopback_server)
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let search: Vec<&str> = names
        .search
        .iter()
        .map(String::as_str)
        .filter(|d| *d != ".")
        .collect();
    if !search.is_empty() {
        out.push_str(&format!("search {}\n", search.join(" ")));
    }
    for s in &names.servers {
        out.push_str(&format!("nameserver {s}\n"));
    }
    if !names.options.is_empty() {
        out.push_str(&format!("options {}\n", names.options.join(" ")));
    }
    out
}

/// Writes the files into `dir` (no hosts file with `--no-hosts`: the
/// image's stays).
pub fn write(
    dir: &Path,
    hostname: &str,
    name: &str,
    host_network: bool,
    names: &NameConfig,
) -> io::Result<()> {
    if !names.no_hosts {
        let host_hosts = if host_network {
            std::fs::read_to_string("/etc/hosts").ok()
        } else {
            None
        };
        std::fs::write(
            dir.join("hosts"),
            hosts(hostname, name, host_hosts.as_deref(), &names.add_hosts),
        )?;
    }
    std::fs::write(dir.join("hostname"), format!("{hostname}\n"))?;
    let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    std::fs::write(
        dir.join("resolv.conf"),
        resolv_conf(&host_resolv, host_network, names),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_files() {
        let h = hosts("abc123", "web", None, &[]);
        assert!(h.starts_with("127.0.0.1\tlocalhost"));
        assert!(h.ends_with("127.0.1.1\tabc123 web\n"));
        let h = hosts("web", "web", Some("10.0.0.1 gw"), &["db:10.1.2.3".into()]);
        assert_eq!(h, "10.0.0.1 gw\n127.0.1.1\tweb\n10.1.2.3\tdb\n");
        let h = hosts("web", "web", None, &["v6:fd00::1".into()]);
        assert!(h.ends_with("fd00::1\tv6\n"), "{h}");
    }

    #[test]
    fn resolv_without_loopback_servers() {
        let host = "nameserver 127.0.0.53\nnameserver 10.0.0.2\nsearch example.com\n";
        let none = NameConfig::default();
        assert_eq!(
            resolv_conf(host, false, &none),
            "nameserver 10.0.0.2\nsearch example.com\n"
        );
        assert_eq!(resolv_conf(host, true, &none), host);
    }

    #[test]
    fn resolv_with_flags() {
        let host = "nameserver 10.0.0.2\nsearch example.com\noptions edns0\n";
        let names = NameConfig {
            servers: vec!["10.9.9.9".into()],
            search: vec!["a.test".into(), "b.test".into()],
            options: vec!["ndots:2".into()],
            ..NameConfig::default()
        };
        assert_eq!(
            resolv_conf(host, false, &names),
            "search a.test b.test\nnameserver 10.9.9.9\noptions ndots:2\n"
        );
        let no_search = NameConfig {
            search: vec![".".into()],
            ..NameConfig::default()
        };
        assert_eq!(
            resolv_conf(host, false, &no_search),
            "nameserver 10.0.0.2\noptions edns0\n"
        );
    }
}
