//! The build args every build knows without an ARG line declaring them, as
//! docker's BuildKit defines them: the proxy variables, and the platform
//! variables (`TARGETPLATFORM`, `BUILDARCH`, ...).
//!
//! Docker's rules for using them, which the executor follows: the platform
//! args are in the global scope (usable in FROM), and inside a stage only
//! after `ARG TARGETARCH` (no default) brings one in. The proxy args are given
//! to RUN without an ARG line but are left out of the image's history and of
//! the cache key unless an ARG declares them.

use std::collections::BTreeMap;

use crate::image::platform::Platform;

/// The proxy variables (both cases) that are build args without an ARG line.
pub const PROXY_ARGS: [&str; 8] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// The proxy variables among `env` (as podman passes the caller's proxy
/// settings into builds by default).
pub fn proxy_args<I, K, V>(env: I) -> BTreeMap<String, String>
where
    I: IntoIterator<Item = (K, V)>,
    K: Into<String>,
    V: Into<String>,
{
    env.into_iter()
        .map(|(k, v)| (k.into(), v.into()))
        .filter(|(k, _)| PROXY_ARGS.contains(&k.as_str()))
        .collect()
}

/// `TARGETPLATFORM`, `TARGETOS`, `TARGETARCH`, `TARGETVARIANT` for `target`,
/// and the `BUILD*` ones for the host; an absent variant is the empty string.
pub fn platform_args(target: &Platform) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (prefix, p) in [("TARGET", target), ("BUILD", &Platform::host())] {
        let mut platform = format!("{}/{}", p.os, p.arch);
        if let Some(v) = &p.variant {
            platform = format!("{platform}/{v}");
        }
        out.insert(format!("{prefix}PLATFORM"), platform);
        out.insert(format!("{prefix}OS"), p.os.clone());
        out.insert(format!("{prefix}ARCH"), p.arch.clone());
        out.insert(
            format!("{prefix}VARIANT"),
            p.variant.clone().unwrap_or_default(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_args_pick_only_proxies() {
        let env = [
            ("HTTP_PROXY", "http://p:3128"),
            ("no_proxy", "localhost"),
            ("HOME", "/root"),
        ];
        let args = proxy_args(env);
        assert_eq!(args.len(), 2);
        assert_eq!(args["HTTP_PROXY"], "http://p:3128");
        assert_eq!(args["no_proxy"], "localhost");
    }

    #[test]
    fn platform_args_for_host_and_target() {
        let target = Platform {
            os: "linux".into(),
            arch: "arm".into(),
            variant: Some("v7".into()),
        };
        let args = platform_args(&target);
        assert_eq!(args["TARGETPLATFORM"], "linux/arm/v7");
        assert_eq!(args["TARGETOS"], "linux");
        assert_eq!(args["TARGETARCH"], "arm");
        assert_eq!(args["TARGETVARIANT"], "v7");
        let host = Platform::host();
        assert_eq!(args["BUILDPLATFORM"], format!("linux/{}", host.arch));
        assert_eq!(args["BUILDARCH"], host.arch);
        assert_eq!(args["BUILDVARIANT"], "");
        assert_eq!(
            platform_args(&host)["TARGETPLATFORM"],
            args["BUILDPLATFORM"]
        );
    }
}
