//! What the user asked to mount into a container (`-v`, `--mount`,
//! `--tmpfs`), read into [`MountSpec`]s with podman's rules. Pure: no files;
//! whether a host path exists and which volumes to make is decided by
//! [`super::volumes`] when the container is created.

use std::path::{Component, Path, PathBuf};

use nix::mount::MsFlags;
use serde::{Deserialize, Serialize};

/// What is mounted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Source {
    /// A host path (file or directory), bind-mounted.
    Bind {
        /// Absolute host path (a relative one is made absolute by the caller).
        source: PathBuf,
    },
    /// A volume of the store; an empty name is an anonymous volume still
    /// to be made (it gets a random name at create).
    Volume {
        /// The volume's name.
        name: String,
    },
    /// A new tmpfs.
    Tmpfs {
        /// tmpfs's own options (`size=64m,mode=1777`).
        data: String,
    },
}

/// One mount the user asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MountSpec {
    /// What is mounted.
    #[serde(flatten)]
    pub source: Source,
    /// Absolute path inside the container.
    pub destination: PathBuf,
    /// Mounted read-only.
    #[serde(default)]
    pub read_only: bool,
    /// Further options as given (`nocopy`, `noexec`, `z`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// The volume was made for this container: it goes with `rm -v` and `--rm`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
}

/// A container's mounts, kept in its record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MountConfig {
    /// Volumes, binds and tmpfs mounts, in the order they are mounted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mounts: Vec<MountSpec>,
}

/// The mount flags asked for with `-v`, `--mount` and `--tmpfs`, and what
/// each means in the container.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MountRequest {
    /// `-v`, `--mount` and `--tmpfs`, parsed.
    pub specs: Vec<MountSpec>,
    /// `--volumes-from CONTAINER[:ro|rw]`, as given.
    pub volumes_from: Vec<String>,
}

/// Why a mount flag cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("invalid {flag} {value:?}: {why}")]
pub struct MountFlagError {
    flag: &'static str,
    value: String,
    why: String,
}

fn bad(flag: &'static str, value: &str, why: impl Into<String>) -> MountFlagError {
    MountFlagError {
        flag,
        value: value.to_string(),
        why: why.into(),
    }
}

/// Options of `-v` and `--tmpfs` that are accepted: mount flags, and
/// SELinux relabelling and propagation, which are accepted and ignored
/// (there is no SELinux here, and mounts are always private).
const FLAG_OPTIONS: &[&str] = &[
    "ro", "rw", "nocopy", "copy", "noexec", "exec", "nosuid", "suid", "nodev", "dev", "z", "Z",
    "bind", "rbind", "private", "rprivate",
];

/// Checks that `dest` is an absolute container path and normalises it.
fn destination(flag: &'static str, value: &str, dest: &str) -> Result<PathBuf, MountFlagError> {
    let p = Path::new(dest);
    if !p.is_absolute() {
        return Err(bad(flag, value, "the container path must be absolute"));
    }
    let clean: PathBuf = p
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    if clean == Path::new("/") {
        return Err(bad(flag, value, "cannot mount over the container's root"));
    }
    Ok(clean)
}

/// `-v [SRC:]DST[:OPTS]`: SRC starting with `/` or `.` is a host path,
/// otherwise a volume's name; without SRC an anonymous volume.
pub fn parse_volume(value: &str) -> Result<MountSpec, MountFlagError> {
    let flag = "-v";
    let parts: Vec<&str> = value.split(':').collect();
    let (src, dst, opts) = match parts.as_slice() {
        [d] => (None, *d, None),
        // The second part is options only after an absolute destination.
        [a, b] if b.starts_with('/') || !a.starts_with('/') => (Some(*a), *b, None),
        [d, o] => (None, *d, Some(*o)),
        [s, d, o] => (Some(*s), *d, Some(*o)),
        _ => return Err(bad(flag, value, "expected [SOURCE:]DESTINATION[:OPTIONS]")),
    };
    let options: Vec<String> = opts
        .map(|o| {
            o.split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    for o in &options {
        if !FLAG_OPTIONS.contains(&o.as_str()) {
            return Err(bad(flag, value, format!("unknown option {o:?}")));
        }
    }
    let source = match src {
        None => Source::Volume {
            name: String::new(),
        },
        Some(s) if s.starts_with('/') || s.starts_with('.') => Source::Bind { source: s.into() },
        Some(s) if crate::storage::containers::valid_name(s) => Source::Volume { name: s.into() },
        Some(_) => {
            return Err(bad(
                flag,
                value,
                "a volume name is [a-zA-Z0-9][a-zA-Z0-9_.-]*; a host path starts with / or .",
            ));
        }
    };
    Ok(MountSpec {
        anonymous: src.is_none(),
        source,
        destination: destination(flag, value, dst)?,
        read_only: read_only(&options),
        options: options
            .into_iter()
            .filter(|o| o != "ro" && o != "rw")
            .collect(),
    })
}

/// The last of `ro`/`rw` wins; neither: read-write.
fn read_only(options: &[String]) -> bool {
    options
        .iter()
        .rev()
        .find(|o| *o == "ro" || *o == "rw")
        .is_some_and(|o| o == "ro")
}

/// `--tmpfs DST[:OPTIONS]`: tmpfs options (`size=`, `mode=`, `uid=`,
/// `gid=`, `nr_inodes=`) and mount flags, comma separated.
pub fn parse_tmpfs(value: &str) -> Result<MountSpec, MountFlagError> {
    let flag = "--tmpfs";
    let (dst, opts) = value.split_once(':').unwrap_or((value, ""));
    let mut data = Vec::new();
    let mut flags = Vec::new();
    for o in opts.split(',').filter(|s| !s.is_empty()) {
        match o.split_once('=') {
            Some((k, _))
                if ["size", "mode", "uid", "gid", "nr_inodes", "nr_blocks"].contains(&k) =>
            {
                data.push(o.to_string())
            }
            None if FLAG_OPTIONS.contains(&o) => flags.push(o.to_string()),
            _ => return Err(bad(flag, value, format!("unknown option {o:?}"))),
        }
    }
    Ok(MountSpec {
        source: Source::Tmpfs {
            data: data.join(","),
        },
        destination: destination(flag, value, dst)?,
        read_only: read_only(&flags),
        options: flags
            .into_iter()
            .filter(|o| o != "ro" && o != "rw")
            .collect(),
        anonymous: false,
    })
}

/// `--mount type=bind|volume|tmpfs,source=…,target=…[,readonly][,…]`.
pub fn parse_mount(value: &str) -> Result<MountSpec, MountFlagError> {
    let flag = "--mount";
    let mut kind = None;
    let mut src: Option<String> = None;
    let mut dst: Option<String> = None;
    let mut ro = false;
    let mut tmpfs = Vec::new();
    let mut options = Vec::new();
    for field in value.split(',').filter(|s| !s.is_empty()) {
        let (k, v) = match field.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (field, None),
        };
        match (k, v) {
            ("type", Some(t)) => kind = Some(t.to_string()),
            ("source" | "src", Some(s)) => src = Some(s.to_string()),
            ("target" | "dst" | "destination", Some(d)) => dst = Some(d.to_string()),
            ("readonly" | "ro", None) => ro = true,
            ("readonly" | "ro", Some(b)) => {
                ro = match b {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => return Err(bad(flag, value, format!("{k}={b}: expected true or false"))),
                }
            }
            ("rw", None) => ro = false,
            ("tmpfs-size", Some(s)) => tmpfs.push(format!("size={s}")),
            ("tmpfs-mode", Some(m)) => tmpfs.push(format!("mode={m}")),
            ("volume-nocopy", None) => options.push("nocopy".to_string()),
            ("bind-propagation", Some("private" | "rprivate")) | ("relabel", Some(_)) => {}
            (o, None) if FLAG_OPTIONS.contains(&o) => options.push(o.to_string()),
            _ => return Err(bad(flag, value, format!("unknown option {field:?}"))),
        }
    }
    let dst = dst.ok_or_else(|| bad(flag, value, "target= is required"))?;
    let destination = destination(flag, value, &dst)?;
    let (source, anonymous) = match kind.as_deref() {
        Some("bind") => {
            let s = src.ok_or_else(|| bad(flag, value, "a bind mount needs source="))?;
            (Source::Bind { source: s.into() }, false)
        }
        Some("volume") => match src {
            None => (
                Source::Volume {
                    name: String::new(),
                },
                true,
            ),
            Some(s) if crate::storage::containers::valid_name(&s) => {
                (Source::Volume { name: s }, false)
            }
            Some(_) => return Err(bad(flag, value, "invalid volume name")),
        },
        Some("tmpfs") => {
            if src.is_some() {
                return Err(bad(flag, value, "a tmpfs mount takes no source"));
            }
            (
                Source::Tmpfs {
                    data: tmpfs.join(","),
                },
                false,
            )
        }
        Some(t) => return Err(bad(flag, value, format!("unsupported type {t:?}"))),
        None => return Err(bad(flag, value, "type= is required")),
    };
    if !tmpfs.is_empty() && !matches!(source, Source::Tmpfs { .. }) {
        return Err(bad(flag, value, "tmpfs options need type=tmpfs"));
    }
    Ok(MountSpec {
        source,
        destination,
        read_only: ro,
        options,
        anonymous,
    })
}

/// `--volumes-from CONTAINER[:ro|rw]`: the container and a forced mode.
pub fn parse_volumes_from(value: &str) -> Result<(String, Option<bool>), MountFlagError> {
    match value.rsplit_once(':') {
        Some((c, "ro")) => Ok((c.to_string(), Some(true))),
        Some((c, "rw")) => Ok((c.to_string(), Some(false))),
        Some((_, o)) => Err(bad(
            "--volumes-from",
            value,
            format!("unknown option {o:?}: ro or rw"),
        )),
        None => Ok((value.to_string(), None)),
    }
}

impl MountSpec {
    /// The mount flags the options ask for (volumes and tmpfs also get
    /// nosuid and nodev unless `suid`/`dev`, as in podman).
    pub fn flags(&self) -> MsFlags {
        let mut f = MsFlags::empty();
        if !matches!(self.source, Source::Bind { .. }) {
            f |= MsFlags::MS_NOSUID | MsFlags::MS_NODEV;
        }
        for o in &self.options {
            match o.as_str() {
                "noexec" => f |= MsFlags::MS_NOEXEC,
                "exec" => f.remove(MsFlags::MS_NOEXEC),
                "nosuid" => f |= MsFlags::MS_NOSUID,
                "suid" => f.remove(MsFlags::MS_NOSUID),
                "nodev" => f |= MsFlags::MS_NODEV,
                "dev" => f.remove(MsFlags::MS_NODEV),
                _ => {}
            }
        }
        if self.read_only {
            f |= MsFlags::MS_RDONLY;
        }
        f
    }

    /// Whether the image's files at the destination are copied into a new
    /// volume (not with `nocopy`).
    pub fn copy_up(&self) -> bool {
        !self.options.iter().any(|o| o == "nocopy")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_flag_forms() {
        let m = parse_volume("data:/srv/data:ro,z").unwrap();
        assert_eq!(
            m.source,
            Source::Volume {
                name: "data".into()
            }
        );
        assert_eq!(m.destination, Path::new("/srv/data"));
        assert!(m.read_only && !m.anonymous);
        assert_eq!(m.options, ["z"]);
        let m = parse_volume("/host/dir:/in").unwrap();
        assert_eq!(
            m.source,
            Source::Bind {
                source: "/host/dir".into()
            }
        );
        assert!(!m.read_only);
        let m = parse_volume("/anon").unwrap();
        assert!(m.anonymous);
        assert_eq!(
            m.source,
            Source::Volume {
                name: String::new()
            }
        );
        let m = parse_volume("/anon:ro").unwrap();
        assert!(m.anonymous && m.read_only);
        assert!(parse_volume("rel/path:/x").is_err());
        assert!(parse_volume("v:relative").is_err());
        assert!(parse_volume("v:/x:bogus").is_err());
        assert!(parse_volume("v:/").is_err());
        assert!(parse_volume("a:/b:ro:x").is_err());
        assert!(parse_volume("v:/x:ro,rw").is_ok_and(|m| !m.read_only));
    }

    #[test]
    fn mount_flag_forms() {
        let m = parse_mount("type=bind,src=/h,dst=/c,readonly").unwrap();
        assert_eq!(
            m.source,
            Source::Bind {
                source: "/h".into()
            }
        );
        assert!(m.read_only);
        let m = parse_mount("type=volume,source=v,destination=/c,ro=false").unwrap();
        assert!(!m.read_only && !m.anonymous);
        let m = parse_mount("type=volume,target=/c").unwrap();
        assert!(m.anonymous);
        let m = parse_mount("type=tmpfs,target=/t,tmpfs-size=1m,tmpfs-mode=700").unwrap();
        assert_eq!(
            m.source,
            Source::Tmpfs {
                data: "size=1m,mode=700".into()
            }
        );
        assert!(parse_mount("type=bind,target=/c").is_err());
        assert!(parse_mount("source=/h,target=/c").is_err());
        assert!(parse_mount("type=nfs,target=/c").is_err());
        assert!(parse_mount("type=volume,target=/c,tmpfs-size=1m").is_err());
    }

    #[test]
    fn tmpfs_and_flags() {
        let m = parse_tmpfs("/run:size=64k,mode=1777,noexec").unwrap();
        assert_eq!(
            m.source,
            Source::Tmpfs {
                data: "size=64k,mode=1777".into()
            }
        );
        let f = m.flags();
        assert!(f.contains(MsFlags::MS_NOEXEC | MsFlags::MS_NOSUID | MsFlags::MS_NODEV));
        assert!(parse_tmpfs("/run:bogus=1").is_err());
        let bind = parse_volume("/h:/c:ro").unwrap();
        assert_eq!(bind.flags(), MsFlags::MS_RDONLY);
        assert!(parse_volume("v:/c:nocopy").is_ok_and(|m| !m.copy_up()));
        assert_eq!(
            parse_volumes_from("web:ro").unwrap(),
            ("web".to_string(), Some(true))
        );
        assert!(parse_volumes_from("web:x").is_err());
    }
}
