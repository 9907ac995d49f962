//! A container's security profile, podman's by default: its capabilities,
//! its seccomp filter, the /proc and /sys paths it may not see or change,
//! namespaced sysctls, extra devices and groups.
//!
//! [`SecurityConfig`] is what the user asked for, checked once at create and
//! kept with the container; the functions here turn it into what the process
//! gets at start. The child applies the pieces in [`super::launch`]; the
//! command line lives in `cmd::container::security_flags`.

pub mod device_filter;
pub mod devices;
pub mod paths;
pub mod seccomp;
pub mod seccomp_bpf;
mod seccomp_table;
pub mod sysctl;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::caps;

/// The security settings of a container, as asked for at create.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityConfig {
    /// `--cap-add`: canonical names (`CAP_NET_RAW`) or `ALL`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cap_add: Vec<String>,
    /// `--cap-drop`: canonical names or `ALL`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cap_drop: Vec<String>,
    /// `--privileged`: every capability, no seccomp, nothing masked, the
    /// host's devices (root).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub privileged: bool,
    /// `--security-opt seccomp=`.
    #[serde(default)]
    pub seccomp: Seccomp,
    /// `--security-opt no-new-privileges`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_new_privileges: bool,
    /// `--security-opt mask=`: more paths to mask.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mask: Vec<String>,
    /// `--security-opt unmask=`: default masked or read-only paths left
    /// alone (`ALL`: every one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmask: Vec<String>,
    /// `--read-only-tmpfs`: with `--read-only`, /tmp, /var/tmp and /run are
    /// writable tmpfs mounts.
    #[serde(default = "yes")]
    pub read_only_tmpfs: bool,
    /// `--device`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub devices: Vec<devices::Device>,
    /// `--group-add`: group names or ids, looked up in the container.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_add: Vec<String>,
    /// `--sysctl`: namespaced kernel parameters (`net.ipv4.ip_forward`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sysctls: BTreeMap<String, String>,
}

fn yes() -> bool {
    true
}

impl Default for SecurityConfig {
    fn default() -> Self {
        SecurityConfig {
            cap_add: Vec::new(),
            cap_drop: Vec::new(),
            privileged: false,
            seccomp: Seccomp::Default,
            no_new_privileges: false,
            mask: Vec::new(),
            unmask: Vec::new(),
            read_only_tmpfs: true,
            devices: Vec::new(),
            group_add: Vec::new(),
            sysctls: BTreeMap::new(),
        }
    }
}

/// Which seccomp filter the container gets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Seccomp {
    /// rctl's built-in profile (docker's and podman's policy).
    #[default]
    Default,
    /// No filter.
    Unconfined,
    /// A profile in docker's JSON format, read at create.
    Profile {
        /// The file it came from (shown by `inspect`).
        path: String,
        /// Its text.
        json: String,
    },
}

/// Why the security settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SecurityError {
    /// A capability name is not known.
    #[error("unknown capability {0:?}")]
    UnknownCap(String),
    /// A `--security-opt` is not understood.
    #[error("invalid --security-opt {0:?}")]
    BadOpt(String),
    /// A seccomp profile is invalid.
    #[error("seccomp profile {path}: {why}")]
    Profile {
        /// The profile's file.
        path: String,
        /// What is wrong.
        why: String,
    },
    /// A sysctl is refused.
    #[error(transparent)]
    Sysctl(#[from] sysctl::SysctlError),
    /// A `--device` is invalid.
    #[error(transparent)]
    Device(#[from] devices::DeviceError),
    /// A mask or unmask path is not absolute.
    #[error("{0:?} is not an absolute path")]
    NotAbsolute(String),
}

/// A capability flag's value in canonical form: `ALL` or `CAP_NAME`.
pub fn canonical_cap(name: &str) -> Result<String, SecurityError> {
    if name.eq_ignore_ascii_case("all") {
        return Ok("ALL".into());
    }
    caps::number(name)
        .map(caps::name)
        .ok_or_else(|| SecurityError::UnknownCap(name.to_string()))
}

/// Applies one `--security-opt` value to `cfg`. `read` reads a profile file
/// (the command layer's job).
pub fn apply_opt(
    cfg: &mut SecurityConfig,
    opt: &str,
    read: impl Fn(&str) -> std::io::Result<String>,
) -> Result<(), SecurityError> {
    let (key, value) = opt
        .split_once(['=', ':'])
        .map_or((opt, None), |(k, v)| (k, Some(v)));
    let paths = |v: &str| -> Result<Vec<String>, SecurityError> {
        v.split(':')
            .filter(|p| !p.is_empty())
            .map(|p| match p {
                "ALL" => Ok(p.to_string()),
                p if p.starts_with('/') => Ok(p.to_string()),
                p => Err(SecurityError::NotAbsolute(p.to_string())),
            })
            .collect()
    };
    match (key, value) {
        ("no-new-privileges", None | Some("true")) => cfg.no_new_privileges = true,
        ("no-new-privileges", Some("false")) => cfg.no_new_privileges = false,
        ("seccomp", Some("unconfined")) => cfg.seccomp = Seccomp::Unconfined,
        ("seccomp", Some(path)) if !path.is_empty() => {
            let json = read(path).map_err(|e| SecurityError::Profile {
                path: path.to_string(),
                why: e.to_string(),
            })?;
            let seccomp = Seccomp::Profile {
                path: path.to_string(),
                json,
            };
            // Checked now, so that a bad profile fails `create`, not `start`.
            seccomp::program(&seccomp, &caps::default_set())?;
            cfg.seccomp = seccomp;
        }
        ("mask", Some(v)) => cfg.mask.extend(paths(v)?),
        ("unmask", Some(v)) => cfg.unmask.extend(paths(v)?),
        // No SELinux or AppArmor here: podman's scripts pass these often,
        // and with no LSM they change nothing.
        ("label" | "apparmor", Some(_)) => {
            tracing::debug!("--security-opt {opt}: no such security module here; ignored")
        }
        _ => return Err(SecurityError::BadOpt(opt.to_string())),
    }
    Ok(())
}

/// The capabilities the container's process keeps (its bounding set).
pub fn capabilities(cfg: &SecurityConfig) -> Vec<u32> {
    let listed =
        |names: &[String]| -> Vec<u32> { names.iter().filter_map(|n| caps::number(n)).collect() };
    let all = |names: &[String]| names.iter().any(|n| n == "ALL");
    let mut set = if all(&cfg.cap_add) || cfg.privileged {
        caps::all()
    } else if all(&cfg.cap_drop) {
        Vec::new()
    } else {
        caps::default_set()
    };
    if !all(&cfg.cap_drop) || all(&cfg.cap_add) || cfg.privileged {
        set.retain(|c| !listed(&cfg.cap_drop).contains(c));
    }
    for c in listed(&cfg.cap_add) {
        if !set.contains(&c) {
            set.push(c);
        }
    }
    set.sort_unstable();
    set
}

/// The capabilities of `caps` that `--cap-add` names (every one for `ALL`).
fn added(cfg: &SecurityConfig, caps: &[u32]) -> Vec<u32> {
    if cfg.cap_add.iter().any(|c| c == "ALL") {
        return caps.to_vec();
    }
    cfg.cap_add
        .iter()
        .filter_map(|n| caps::number(n))
        .filter(|c| caps.contains(c))
        .collect()
}

/// podman's `SecurityOpt` list for `inspect`.
pub fn inspect_opts(cfg: &SecurityConfig) -> Vec<String> {
    let mut out = Vec::new();
    match &cfg.seccomp {
        Seccomp::Default => {}
        Seccomp::Unconfined => out.push("seccomp=unconfined".to_string()),
        Seccomp::Profile { path, .. } => out.push(format!("seccomp={path}")),
    }
    if cfg.no_new_privileges {
        out.push("no-new-privileges".into());
    }
    if !cfg.mask.is_empty() {
        out.push(format!("mask={}", cfg.mask.join(":")));
    }
    if !cfg.unmask.is_empty() {
        out.push(format!("unmask={}", cfg.unmask.join(":")));
    }
    out
}

/// What the container's setup does in its root, after pivot_root.
#[derive(Clone, Debug, Default)]
pub struct Setup {
    /// Sysctls to write, in order.
    pub sysctls: Vec<(String, String)>,
    /// Paths to mask or make read-only (after the sysctls are written).
    pub paths: paths::Plan,
}

impl Setup {
    /// `cfg`'s setup.
    pub fn new(cfg: &SecurityConfig) -> Self {
        Setup {
            sysctls: cfg.sysctls.clone().into_iter().collect(),
            paths: paths::plan(cfg),
        }
    }

    /// Carries it out in the container's root.
    pub fn apply(&self) -> Result<(), String> {
        for (k, v) in &self.sysctls {
            sysctl::write(k, v).map_err(|e| format!("setting sysctl {k}: {e}"))?;
        }
        paths::apply(&self.paths).map_err(|(p, e)| format!("masking {}: {e}", p.display()))
    }
}

/// Adds to `mounts` what `cfg` asks for: `--device` nodes, the host's
/// devices and a writable /sys for `--privileged`, and with a read-only
/// root (`read_only`) writable /tmp, /var/tmp and /run.
pub fn add_mounts(mounts: &mut Vec<super::mounts::Mount>, cfg: &SecurityConfig, read_only: bool) {
    use nix::mount::MsFlags;
    if cfg.privileged {
        if let Some(sys) = mounts.iter_mut().find(|m| m.dest.as_os_str() == "/sys") {
            sys.flags.remove(MsFlags::MS_RDONLY);
        }
        // Rootless too, as podman: bind mounts need no privilege, and
        // the host's permissions on each node still apply.
        mounts.extend(devices::host_devices());
    }
    mounts.extend(cfg.devices.iter().map(devices::mount));
    if read_only && cfg.read_only_tmpfs {
        for (dest, mode) in [("/tmp", "1777"), ("/var/tmp", "1777"), ("/run", "755")] {
            mounts.push(super::mounts::Mount {
                dest: dest.into(),
                kind: super::mounts::Kind::Fs {
                    fstype: "tmpfs",
                    data: format!("mode={mode}"),
                },
                flags: MsFlags::MS_NOSUID | MsFlags::MS_NODEV,
                file: false,
            });
        }
    }
}

/// What the container's process gets besides its capabilities.
#[derive(Clone, Debug, Default)]
pub struct ProcessSecurity {
    /// The seccomp filter (empty: none).
    pub seccomp: seccomp_bpf::Program,
    /// Set no_new_privs before exec.
    pub no_new_privs: bool,
    /// More groups (names or ids, looked up in the container's /etc/group).
    pub groups: Vec<String>,
    /// Capabilities a non-root user keeps: those `--cap-add` names.
    pub ambient: Vec<u32>,
}

impl ProcessSecurity {
    /// The settings of `cfg`'s process, its seccomp filter compiled for the
    /// capabilities `caps`.
    pub fn new(cfg: &SecurityConfig, caps: &[u32]) -> Result<Self, SecurityError> {
        Ok(ProcessSecurity {
            seccomp: if cfg.privileged {
                seccomp_bpf::Program::default()
            } else {
                seccomp::program(&cfg.seccomp, caps)?
            },
            no_new_privs: cfg.no_new_privileges,
            groups: cfg.group_add.clone(),
            ambient: added(cfg, caps),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(set: &[u32]) -> Vec<String> {
        set.iter().map(|c| caps::name(*c)).collect()
    }

    #[test]
    fn capability_sets() {
        let mut cfg = SecurityConfig::default();
        assert_eq!(capabilities(&cfg).len(), caps::DEFAULT.len());
        cfg.cap_add = vec![canonical_cap("net_raw").unwrap()];
        cfg.cap_drop = vec![canonical_cap("CAP_CHOWN").unwrap()];
        let got = names(&capabilities(&cfg));
        assert!(got.contains(&"CAP_NET_RAW".to_string()));
        assert!(!got.contains(&"CAP_CHOWN".to_string()));
        let cfg = SecurityConfig {
            cap_drop: vec!["ALL".into()],
            cap_add: vec!["CAP_KILL".into()],
            ..Default::default()
        };
        assert_eq!(names(&capabilities(&cfg)), ["CAP_KILL"]);
        let cfg = SecurityConfig {
            cap_add: vec!["ALL".into()],
            cap_drop: vec!["CAP_SYS_ADMIN".into()],
            ..Default::default()
        };
        let got = capabilities(&cfg);
        assert_eq!(got.len(), caps::all().len() - 1);
        assert!(canonical_cap("nope").is_err());
    }

    #[test]
    fn security_opts() {
        let mut cfg = SecurityConfig::default();
        let no_file =
            |_: &str| -> std::io::Result<String> { Err(std::io::ErrorKind::NotFound.into()) };
        apply_opt(&mut cfg, "no-new-privileges", no_file).unwrap();
        apply_opt(&mut cfg, "seccomp=unconfined", no_file).unwrap();
        apply_opt(&mut cfg, "unmask=/proc/kcore:/proc/keys", no_file).unwrap();
        apply_opt(&mut cfg, "mask=/etc/shadow", no_file).unwrap();
        assert!(cfg.no_new_privileges);
        assert_eq!(cfg.seccomp, Seccomp::Unconfined);
        assert_eq!(cfg.unmask, ["/proc/kcore", "/proc/keys"]);
        assert!(apply_opt(&mut cfg, "seccomp=/none.json", no_file).is_err());
        assert!(apply_opt(&mut cfg, "mask=relative", no_file).is_err());
        assert!(apply_opt(&mut cfg, "bogus", no_file).is_err());
        assert_eq!(
            inspect_opts(&cfg),
            [
                "seccomp=unconfined",
                "no-new-privileges",
                "mask=/etc/shadow",
                "unmask=/proc/kcore:/proc/keys"
            ]
        );
    }
}
