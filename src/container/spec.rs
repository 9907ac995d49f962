//! A container's settings from its image's config and the user's flags, with
//! docker's rules for which wins. Pure: no files, no environment.

use std::collections::BTreeMap;

use oci_spec::image::ImageConfiguration;

use crate::net::ports::{self, PortMapping};
use crate::storage::containers::{ContainerConfig, NameConfig};

/// The PATH a container gets when its image sets none (podman's).
pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// What the user asked for on the command line, already read from the
/// environment and files by the command layer.
#[derive(Clone, Debug, Default)]
pub struct CreateOptions {
    /// Arguments after the image: the command.
    pub command: Vec<String>,
    /// `--entrypoint`: a program, a JSON array, or `""` to clear it.
    pub entrypoint: Option<String>,
    /// `NAME=value` from `--env-file` then `-e`, in order (later wins).
    pub env: Vec<String>,
    /// `-w`.
    pub workdir: Option<String>,
    /// `-u`.
    pub user: Option<String>,
    /// `--hostname`.
    pub hostname: Option<String>,
    /// `-t`.
    pub tty: bool,
    /// `-i`.
    pub interactive: bool,
    /// `--label KEY=VALUE`.
    pub labels: Vec<String>,
    /// `--annotation KEY=VALUE`.
    pub annotations: Vec<String>,
    /// `--stop-signal`.
    pub stop_signal: Option<String>,
    /// `--stop-timeout`.
    pub stop_timeout: Option<u32>,
    /// `--network`.
    pub network: String,
    /// `--network-alias`: more names peers on the network know it by.
    pub network_aliases: Vec<String>,
    /// `--ip` and `--mac-address`: the container's address on its network.
    pub address: crate::net::attach::Requested,
    /// `--init`.
    pub init: bool,
    /// `--read-only`.
    pub read_only: bool,
    /// `--log-driver`.
    pub log_driver: String,
    /// `--rm`.
    pub auto_remove: bool,
    /// `--detach-keys`.
    pub detach_keys: String,
    /// `-a`.
    pub attach: Vec<String>,
    /// `--userns`.
    pub userns: super::idmap::UsernsMode,
    /// `--add-host`, `--dns`, `--dns-search`, `--dns-option`, `--no-hosts`.
    pub names: NameConfig,
    /// `-p`, parsed.
    pub ports: Vec<PortMapping>,
    /// `-P`: also publish every port the image exposes.
    pub publish_all: bool,
    /// `--cap-add`, `--security-opt`, `--device`, `--sysctl`, ... (checked).
    pub security: crate::container::security::SecurityConfig,
    /// `-v`, `--mount`, `--tmpfs`, `--volumes-from`.
    pub volumes: crate::container::mountspec::MountRequest,
    /// `--memory`, `--cpus`, `--pids-limit`, `--ulimit`, ….
    pub resources: super::resources::Resources,
}

/// Why the settings cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    /// Neither the image nor the user gave a command.
    #[error("no command or entrypoint provided, and no CMD or ENTRYPOINT from image")]
    NoCommand,
    /// A `KEY=VALUE` flag lacks its `=`.
    #[error("invalid {flag} {value:?}: expected KEY=VALUE")]
    NotKeyValue {
        /// The flag.
        flag: &'static str,
        /// What was given.
        value: String,
    },
    /// A signal name or number is not known.
    #[error("invalid signal {0:?}")]
    BadSignal(String),
    /// A name-resolution flag is not valid.
    #[error("invalid {flag} {value:?}: {why}")]
    BadName {
        /// The flag.
        flag: &'static str,
        /// What was given.
        value: String,
        /// What is wrong.
        why: &'static str,
    },
}

/// The container's settings: the image's config overridden by `opts`.
/// `id` gives the default host name (its first 12 digits, as podman).
pub fn build(
    image: &ImageConfiguration,
    opts: &CreateOptions,
    id: &str,
) -> Result<ContainerConfig, SpecError> {
    let cfg = image.config().clone().unwrap_or_default();
    // Docker: --entrypoint replaces the image's entrypoint and drops its CMD.
    let (entrypoint, image_cmd) = match &opts.entrypoint {
        Some(e) if e.is_empty() => (Vec::new(), Vec::new()),
        Some(e) => (
            serde_json::from_str::<Vec<String>>(e).unwrap_or_else(|_| vec![e.clone()]),
            Vec::new(),
        ),
        None => (
            cfg.entrypoint().clone().unwrap_or_default(),
            cfg.cmd().clone().unwrap_or_default(),
        ),
    };
    let cmd = if opts.command.is_empty() {
        image_cmd
    } else {
        opts.command.clone()
    };
    if entrypoint.is_empty() && cmd.is_empty() {
        return Err(SpecError::NoCommand);
    }
    let mut env = cfg.env().clone().unwrap_or_default();
    if !env.iter().any(|e| e.starts_with("PATH=")) {
        env.insert(0, format!("PATH={DEFAULT_PATH}"));
    }
    for e in &opts.env {
        set_env(&mut env, e);
    }
    if opts.tty && !env.iter().any(|e| e.starts_with("TERM=")) {
        env.push("TERM=xterm".into());
    }
    set_env(&mut env, "container=rctl");
    let mut labels: BTreeMap<String, String> = cfg
        .labels()
        .clone()
        .unwrap_or_default()
        .into_iter()
        .collect();
    for l in &opts.labels {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        labels.insert(k.to_string(), v.to_string());
    }
    let mut annotations = BTreeMap::new();
    for a in &opts.annotations {
        let (k, v) = a.split_once('=').ok_or_else(|| SpecError::NotKeyValue {
            flag: "--annotation",
            value: a.clone(),
        })?;
        annotations.insert(k.to_string(), v.to_string());
    }
    let stop_signal = opts
        .stop_signal
        .clone()
        .or_else(|| cfg.stop_signal().clone())
        .unwrap_or_else(|| "SIGTERM".into());
    signal_number(&stop_signal).ok_or_else(|| SpecError::BadSignal(stop_signal.clone()))?;
    Ok(ContainerConfig {
        entrypoint,
        cmd,
        env,
        working_dir: opts
            .workdir
            .clone()
            .or_else(|| cfg.working_dir().clone())
            .filter(|w| !w.is_empty())
            .unwrap_or_else(|| "/".into()),
        user: opts
            .user
            .clone()
            .or_else(|| cfg.user().clone())
            .unwrap_or_default(),
        hostname: opts
            .hostname
            .clone()
            .unwrap_or_else(|| id[..12].to_string()),
        tty: opts.tty,
        open_stdin: opts.interactive,
        labels,
        annotations,
        stop_signal: canonical_signal(&stop_signal),
        stop_timeout: opts.stop_timeout.unwrap_or(10),
        network: opts.network.clone(),
        init: opts.init,
        read_only: opts.read_only,
        log_driver: opts.log_driver.clone(),
        auto_remove: opts.auto_remove,
        detach_keys: opts.detach_keys.clone(),
        attach: opts.attach.clone(),
        // The caller (which knows the store) chooses the storage driver and ids.
        driver: "overlay".into(),
        userns: None,
        keep_id: None,
        names: checked_names(&opts.names)?,
        ports: published(opts, &cfg),
        security: opts.security.clone(),
        // Made by the caller, which can read the store (volumes::prepare).
        volumes: Default::default(),
        resources: opts.resources.clone(),
    })
}

/// Sets `NAME=value` in `env`, replacing an earlier value of NAME.
fn set_env(env: &mut Vec<String>, entry: &str) {
    let key = entry.split_once('=').map_or(entry, |(k, _)| k);
    env.retain(|e| e.split_once('=').map_or(e.as_str(), |(k, _)| k) != key);
    env.push(entry.to_string());
}

/// Lines of an `--env-file`: `NAME=value`, or `NAME` alone (taken from
/// `lookup`, skipped if unset); blank lines and `#` comments ignored.
pub fn parse_env_file(text: &str, lookup: impl Fn(&str) -> Option<String>) -> Vec<String> {
    text.lines()
        .map(str::trim_start)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            if l.contains('=') {
                Some(l.to_string())
            } else {
                lookup(l.trim_end()).map(|v| format!("{}={v}", l.trim_end()))
            }
        })
        .collect()
}

const SIGNALS: &[(&str, i32)] = &[
    ("HUP", 1),
    ("INT", 2),
    ("QUIT", 3),
    ("ILL", 4),
    ("TRAP", 5),
    ("ABRT", 6),
    ("IOT", 6),
    ("BUS", 7),
    ("FPE", 8),
    ("KILL", 9),
    ("USR1", 10),
    ("SEGV", 11),
    ("USR2", 12),
    ("PIPE", 13),
    ("ALRM", 14),
    ("TERM", 15),
    ("STKFLT", 16),
    ("CHLD", 17),
    ("CONT", 18),
    ("STOP", 19),
    ("TSTP", 20),
    ("TTIN", 21),
    ("TTOU", 22),
    ("URG", 23),
    ("XCPU", 24),
    ("XFSZ", 25),
    ("VTALRM", 26),
    ("PROF", 27),
    ("WINCH", 28),
    ("IO", 29),
    ("POLL", 29),
    ("PWR", 30),
    ("SYS", 31),
];

/// A signal's number from `SIGTERM`, `TERM`, `term`, `15` or `RTMIN+3`.
pub fn signal_number(s: &str) -> Option<i32> {
    if let Ok(n) = s.parse::<i32>() {
        return (1..=64).contains(&n).then_some(n);
    }
    let upper = s.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    if let Some(rest) = name.strip_prefix("RTMIN") {
        let off: i32 = if rest.is_empty() {
            0
        } else {
            rest.strip_prefix('+')?.parse().ok()?
        };
        return (off <= 30).then_some(34 + off);
    }
    if let Some(rest) = name.strip_prefix("RTMAX") {
        let off: i32 = if rest.is_empty() {
            0
        } else {
            rest.strip_prefix('-')?.parse().ok()?
        };
        return (off <= 30).then_some(64 - off);
    }
    SIGNALS.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// `term` -> `SIGTERM`; numbers stay numbers.
fn canonical_signal(s: &str) -> String {
    // A number is shown by its name, as podman does (`10` is `SIGUSR1`).
    if let Ok(n) = s.parse::<i32>() {
        return SIGNALS
            .iter()
            .find(|(_, v)| *v == n)
            .map_or_else(|| s.to_string(), |(name, _)| format!("SIG{name}"));
    }
    let upper = s.to_ascii_uppercase();
    if upper.starts_with("SIG") {
        upper
    } else {
        format!("SIG{upper}")
    }
}

/// `-p`'s mappings, then with `-P` each port the image exposes that `-p`
/// did not publish already.
fn published(opts: &CreateOptions, cfg: &oci_spec::image::Config) -> Vec<PortMapping> {
    let mut out = opts.ports.clone();
    if opts.publish_all {
        let exposed = cfg.exposed_ports().clone().unwrap_or_default();
        for m in ports::exposed(&exposed) {
            if !out
                .iter()
                .any(|o| o.container_port == m.container_port && o.protocol == m.protocol)
            {
                out.push(m);
            }
        }
    }
    out
}

/// Checks `--add-host NAME:IP` and `--dns IP` entries.
fn checked_names(names: &NameConfig) -> Result<NameConfig, SpecError> {
    let bad = |flag, value: &str, why| SpecError::BadName {
        flag,
        value: value.to_string(),
        why,
    };
    for h in &names.add_hosts {
        // The address may be IPv6, full of colons: the name ends at the first.
        let (name, ip) = h
            .split_once(':')
            .ok_or_else(|| bad("--add-host", h, "expected NAME:IP"))?;
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(bad("--add-host", h, "the host name is empty or has spaces"));
        }
        let ip = ip.trim_start_matches('[').trim_end_matches(']');
        if ip.parse::<std::net::IpAddr>().is_err() {
            return Err(bad("--add-host", h, "not an IP address after the colon"));
        }
    }
    for s in &names.servers {
        if s.parse::<std::net::IpAddr>().is_err() {
            return Err(bad("--dns", s, "not an IP address"));
        }
    }
    let mut out = names.clone();
    out.add_hosts = names
        .add_hosts
        .iter()
        .map(|h| h.replace(['[', ']'], ""))
        .collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn image(cfg: serde_json::Value) -> ImageConfiguration {
        serde_json::from_value(json!({
            "architecture": "amd64", "os": "linux",
            "rootfs": {"type": "layers", "diff_ids": []},
            "config": cfg,
        }))
        .unwrap()
    }

    const ID: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn docker_rules_for_entrypoint_and_cmd() {
        let img = image(json!({"Entrypoint": ["/ep"], "Cmd": ["a"], "Env": ["X=1"]}));
        let c = build(&img, &CreateOptions::default(), ID).unwrap();
        assert_eq!(c.argv(), ["/ep", "a"]);
        let opts = CreateOptions {
            command: vec!["b".into()],
            ..Default::default()
        };
        assert_eq!(build(&img, &opts, ID).unwrap().argv(), ["/ep", "b"]);
        let opts = CreateOptions {
            entrypoint: Some("/other".into()),
            ..Default::default()
        };
        assert_eq!(
            build(&img, &opts, ID).unwrap().argv(),
            ["/other"],
            "--entrypoint drops the image CMD"
        );
        let opts = CreateOptions {
            entrypoint: Some(String::new()),
            command: vec!["sh".into()],
            ..Default::default()
        };
        assert_eq!(build(&img, &opts, ID).unwrap().argv(), ["sh"]);
        let opts = CreateOptions {
            entrypoint: Some(r#"["/x","-y"]"#.into()),
            ..Default::default()
        };
        assert_eq!(build(&img, &opts, ID).unwrap().argv(), ["/x", "-y"]);
        let empty = image(json!({}));
        assert!(matches!(
            build(&empty, &CreateOptions::default(), ID),
            Err(SpecError::NoCommand)
        ));
    }

    #[test]
    fn env_workdir_user_hostname() {
        let img = image(
            json!({"Cmd": ["sh"], "Env": ["X=1", "Y=2"], "WorkingDir": "/srv", "User": "nobody"}),
        );
        let opts = CreateOptions {
            env: vec!["Y=3".into(), "Z=4".into()],
            tty: true,
            ..Default::default()
        };
        let c = build(&img, &opts, ID).unwrap();
        assert_eq!(
            c.env,
            [
                format!("PATH={DEFAULT_PATH}"),
                "X=1".into(),
                "Y=3".into(),
                "Z=4".into(),
                "TERM=xterm".into(),
                "container=rctl".into()
            ]
        );
        assert_eq!(c.working_dir, "/srv");
        assert_eq!(c.user, "nobody");
        assert_eq!(c.hostname, "0123456789ab");
        assert_eq!(c.stop_signal, "SIGTERM");
        let opts = CreateOptions {
            workdir: Some("/w".into()),
            user: Some("0:0".into()),
            ..Default::default()
        };
        let c = build(&img, &opts, ID).unwrap();
        assert_eq!((c.working_dir.as_str(), c.user.as_str()), ("/w", "0:0"));
    }

    #[test]
    fn signals() {
        assert_eq!(signal_number("SIGTERM"), Some(15));
        assert_eq!(signal_number("kill"), Some(9));
        assert_eq!(signal_number("2"), Some(2));
        assert_eq!(signal_number("RTMIN+2"), Some(36));
        assert_eq!(signal_number("NOPE"), None);
        assert_eq!(signal_number("99"), None);
        assert_eq!(canonical_signal("int"), "SIGINT");
    }

    #[test]
    fn env_files() {
        let got = parse_env_file("# c\nA=1\n\nB\nC\n", |k| {
            (k == "B").then(|| "host".to_string())
        });
        assert_eq!(got, ["A=1", "B=host"]);
    }
}
