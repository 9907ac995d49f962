//! `--network private`: the container's own network namespace, served by
//! rctl's user-mode stack ([`super::slirp`]) from the container's parent.
//! podman's spelling of the option is kept:
//! `private:allow_host_loopback=true` lets 10.0.2.2 reach the host's
//! loopback. `slirp4netns[:OPTIONS]` is taken as the same thing when the
//! slirp4netns program is not installed (see [`super::external`]), so
//! scripts written for podman's rootless default keep working without it.

use std::path::Path;

use super::network::NetError;
use super::slirp;

/// The options of a private network mode.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrivateOptions {
    /// 10.0.2.2 reaches the host's 127.0.0.1.
    pub allow_host_loopback: bool,
}

/// The options if `mode` is a private mode (`None` for other modes).
pub fn parse(mode: &str) -> Option<Result<PrivateOptions, NetError>> {
    let (name, options) = mode.split_once(':').unwrap_or((mode, ""));
    let own = name == "private" || (name == "slirp4netns" && !super::external::installed(name));
    if !own {
        return None;
    }
    let mut o = PrivateOptions::default();
    for opt in options.split(',').filter(|s| !s.is_empty()) {
        match opt.split_once('=') {
            Some(("allow_host_loopback", v @ ("true" | "false"))) => {
                o.allow_host_loopback = v == "true";
            }
            _ => {
                return Some(Err(NetError::Invalid(format!(
                    "network mode {mode:?}: unknown option {opt:?} (allow_host_loopback=true|false)"
                ))));
            }
        }
    }
    Some(Ok(o))
}

/// What serves a container's user-mode network for as long as it runs.
pub enum Server {
    /// rctl's own stack.
    Own(slirp::Stack),
    /// slirp4netns or pasta.
    Helper(super::external::Helper),
}

/// Whether this process can open /dev/net/tun, as the stack must.
pub fn tun_usable() -> bool {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/net/tun")
        .is_ok()
}

/// Starts the stack for the container process `pid`: a tap device in its
/// network namespace, served by a thread of this process until the
/// returned stack is dropped.
pub fn start(pid: i32, o: &PrivateOptions) -> Result<slirp::Stack, NetError> {
    let tap = slirp::open_tap(pid).map_err(|e| {
        let hint = match &e {
            slirp::Error::Tap { source, .. }
                if source.kind() == std::io::ErrorKind::PermissionDenied =>
            {
                " (rootless networking needs /dev/net/tun readable and writable by you; \
                 distributions make it mode 0666; or use --network none or host)"
            }
            _ => "",
        };
        NetError::Invalid(format!("{e}{hint}"))
    })?;
    slirp::Stack::start(
        tap,
        slirp::Config {
            allow_host_loopback: o.allow_host_loopback,
            dns_upstreams: slirp::host_dns_upstreams(Path::new("/etc/resolv.conf")),
            ..slirp::Config::default()
        },
    )
    .map_err(|e| NetError::Invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        assert!(parse("none").is_none());
        assert!(parse("bridge").is_none());
        assert_eq!(
            parse("private").unwrap().unwrap(),
            PrivateOptions::default()
        );
        assert!(
            parse("private:allow_host_loopback=true")
                .unwrap()
                .unwrap()
                .allow_host_loopback
        );
        // slirp4netns is rctl's own stack only when the program is missing.
        let own = parse("slirp4netns:allow_host_loopback=true");
        assert_eq!(
            own.is_some(),
            !super::super::external::installed("slirp4netns")
        );
        assert!(own.is_none_or(|o| o.is_ok()));
        let e = parse("private:mtu=9000").unwrap().unwrap_err().to_string();
        assert!(e.contains("mtu=9000"), "{e}");
    }
}
