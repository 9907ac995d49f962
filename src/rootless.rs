//! Rootless: an ordinary user's rctl works inside a user namespace where it
//! is root, with the user's /etc/subuid and /etc/subgid ranges mapped (by the
//! setuid helpers newuidmap and newgidmap, package uidmap). Layers and
//! containers get their real ownership there, and rctl needs no setuid binary
//! of its own.
//!
//! Every rootless rctl process that writes the store enters a fresh namespace
//! with the same mapping (so files keep their owners from one to the next);
//! commands that act on a running container join that container's namespace
//! instead, which is what lets them signal processes running as other users
//! inside it. Without subordinate ranges, only the user's own id is mapped
//! (with a warning): images whose files belong to other users then unpack
//! with those files owned by root.

use std::fs;
use std::io::{self, Read, Write};
use std::os::fd::OwnedFd;
use std::process::Command;

use nix::sched::CloneFlags;
use nix::unistd::{ForkResult, Gid, Uid};

/// One line of an id map: `count` ids from `inside` map to `outside`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdMap {
    /// First id inside the namespace.
    pub inside: u32,
    /// First id outside.
    pub outside: u32,
    /// How many.
    pub count: u32,
}

/// Errors entering a user namespace.
#[derive(Debug, thiserror::Error)]
pub enum UsernsError {
    /// A system call failed.
    #[error("{what}: {source}")]
    Os {
        /// What was being done.
        what: String,
        /// The cause.
        source: io::Error,
    },
    /// newuidmap or newgidmap failed.
    #[error("{tool} failed ({status}): {stderr}")]
    Helper {
        /// newuidmap or newgidmap.
        tool: &'static str,
        /// Its exit status.
        status: String,
        /// What it said.
        stderr: String,
    },
}

fn os(what: &str) -> impl FnOnce(io::Error) -> UsernsError + '_ {
    move |source| UsernsError::Os {
        what: what.to_string(),
        source,
    }
}

/// The subordinate ranges of `user` (name) or `id` in a subuid/subgid file.
pub fn ranges(file: &str, user: &str, id: u32) -> Vec<(u32, u32)> {
    file.lines()
        .filter_map(|l| {
            let mut f = l.trim().split(':');
            let (who, start, count) = (f.next()?, f.next()?, f.next()?);
            if who != user && who.parse::<u32>().ok() != Some(id) {
                return None;
            }
            Some((start.parse().ok()?, count.parse().ok()?))
        })
        .collect()
}

/// The name of id `id` in a passwd- or group-format file.
fn name_of(file: &str, id: u32) -> Option<String> {
    file.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() > 2 && f[2].parse::<u32>().ok() == Some(id)).then(|| f[0].to_string())
    })
}

/// The map for a user with id `id` and subordinate `ranges`: root inside is
/// the user, then the ranges from 1 up.
pub fn map(id: u32, ranges: &[(u32, u32)]) -> Vec<IdMap> {
    let mut out = vec![IdMap {
        inside: 0,
        outside: id,
        count: 1,
    }];
    let mut next = 1;
    for &(start, count) in ranges {
        out.push(IdMap {
            inside: next,
            outside: start,
            count,
        });
        next += count;
    }
    out
}

/// Whether this process is already in a user namespace other than the initial one.
pub fn in_userns() -> bool {
    fs::read_to_string("/proc/self/uid_map")
        .map(|m| m.split_whitespace().collect::<Vec<_>>() != ["0", "0", "4294967295"])
        .unwrap_or(false)
}

/// Enters a new user namespace with the user's mapping and becomes root in it.
/// The caller must be single-threaded.
pub fn enter() -> Result<(), UsernsError> {
    if in_userns() {
        return Ok(());
    }
    let uid = Uid::current().as_raw();
    let gid = Gid::current().as_raw();
    // Read the host's files directly: a static binary has no NSS to ask.
    let user =
        name_of(&fs::read_to_string("/etc/passwd").unwrap_or_default(), uid).unwrap_or_default();
    let subuid = ranges(
        &fs::read_to_string("/etc/subuid").unwrap_or_default(),
        &user,
        uid,
    );
    // /etc/subgid is keyed by user (name or uid), as newgidmap checks it,
    // not by the user's primary group.
    let subgid = ranges(
        &fs::read_to_string("/etc/subgid").unwrap_or_default(),
        &user,
        uid,
    );
    let helpers = which("newuidmap").is_some() && which("newgidmap").is_some();
    if subuid.is_empty() || subgid.is_empty() || !helpers {
        tracing::warn!(
            "{}: using a single-ID mapping; files of other users in images will belong to root",
            if helpers {
                format!("no subordinate ranges for {user} in /etc/subuid and /etc/subgid")
            } else {
                "newuidmap/newgidmap not found (install the uidmap package)".to_string()
            }
        );
        return enter_single(uid, gid);
    }
    // A helper forked before unshare stays outside, where the setuid helpers
    // may write our maps; it waits until we have our new namespace.
    let (go_r, go_w) = nix::unistd::pipe().map_err(|e| os("pipe")(e.into()))?;
    let (res_r, res_w) = nix::unistd::pipe().map_err(|e| os("pipe")(e.into()))?;
    let parent = std::process::id();
    // SAFETY: the caller is single-threaded; the child only runs the helpers and exits.
    match unsafe { nix::unistd::fork() }.map_err(|e| os("fork")(e.into()))? {
        ForkResult::Child => {
            drop(go_w);
            drop(res_r);
            let mut byte = [0u8; 1];
            let report = if fs::File::from(go_r).read_exact(&mut byte).is_ok() {
                run_helper("newuidmap", parent, &map(uid, &subuid))
                    .and_then(|()| run_helper("newgidmap", parent, &map(gid, &subgid)))
                    .err()
                    .unwrap_or_default()
            } else {
                "rctl exited before its user namespace was made".into()
            };
            let _ = fs::File::from(res_w).write_all(report.as_bytes());
            // SAFETY: ending the helper without running the parent's code.
            unsafe { libc::_exit(0) }
        }
        ForkResult::Parent { child } => {
            drop(go_r);
            drop(res_w);
            nix::sched::unshare(CloneFlags::CLONE_NEWUSER)
                .map_err(|e| os("unshare user namespace")(e.into()))?;
            fs::File::from(go_w)
                .write_all(b"g")
                .map_err(os("signalling the id helper"))?;
            let mut report = String::new();
            fs::File::from(res_r)
                .read_to_string(&mut report)
                .map_err(os("reading the id helper"))?;
            let _ = nix::sys::wait::waitpid(child, None);
            if !report.is_empty() {
                return Err(UsernsError::Helper {
                    tool: if report.starts_with("newgidmap") {
                        "newgidmap"
                    } else {
                        "newuidmap"
                    },
                    status: "error".into(),
                    stderr: report,
                });
            }
            become_root()
        }
    }
}

fn run_helper(tool: &'static str, pid: u32, maps: &[IdMap]) -> Result<(), String> {
    let mut c = Command::new(tool);
    c.arg(pid.to_string());
    for m in maps {
        c.args([
            m.inside.to_string(),
            m.outside.to_string(),
            m.count.to_string(),
        ]);
    }
    match c.output() {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(format!(
            "{tool}: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        )),
        Err(e) => Err(format!("{tool}: {e}")),
    }
}

/// Only our own ids, written by ourselves (no helper needed).
fn enter_single(uid: u32, gid: u32) -> Result<(), UsernsError> {
    nix::sched::unshare(CloneFlags::CLONE_NEWUSER)
        .map_err(|e| os("unshare user namespace")(e.into()))?;
    fs::write("/proc/self/setgroups", "deny").map_err(os("/proc/self/setgroups"))?;
    fs::write("/proc/self/uid_map", format!("0 {uid} 1")).map_err(os("/proc/self/uid_map"))?;
    fs::write("/proc/self/gid_map", format!("0 {gid} 1")).map_err(os("/proc/self/gid_map"))?;
    become_root()
}

fn become_root() -> Result<(), UsernsError> {
    let root = (Uid::from_raw(0), Gid::from_raw(0));
    nix::unistd::setresgid(root.1, root.1, root.1).map_err(|e| os("setresgid")(e.into()))?;
    nix::unistd::setresuid(root.0, root.0, root.0).map_err(|e| os("setresuid")(e.into()))
}

/// Joins the user namespace of process `pid` (a running container) and
/// becomes root there. The caller must be single-threaded.
pub fn join(pid: i32) -> Result<(), UsernsError> {
    let fd: OwnedFd = fs::File::open(format!("/proc/{pid}/ns/user"))
        .map_err(os("opening the container's user namespace"))?
        .into();
    if fs::read_link(format!("/proc/{pid}/ns/user")).ok()
        == fs::read_link("/proc/self/ns/user").ok()
    {
        return Ok(());
    }
    nix::sched::setns(fd, CloneFlags::CLONE_NEWUSER)
        .map_err(|e| os("joining the container's user namespace")(e.into()))?;
    become_root()
}

fn which(tool: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")
        .unwrap_or_else(|| "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin".into())
        .to_str()
        .unwrap_or_default()
        .split(':')
        .map(|d| std::path::Path::new(d).join(tool))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_subid_files_and_builds_maps() {
        let file = "alice:100000:65536\n1001:300000:1000\nbob:200000:65536\n";
        assert_eq!(ranges(file, "alice", 1000), [(100000, 65536)]);
        assert_eq!(ranges(file, "carol", 1001), [(300000, 1000)]);
        assert!(ranges(file, "dave", 5).is_empty());
        assert_eq!(
            name_of(
                "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/h:/bin/sh\n",
                1000
            )
            .as_deref(),
            Some("alice")
        );
        assert_eq!(
            map(1000, &[(100000, 65536)]),
            [
                IdMap {
                    inside: 0,
                    outside: 1000,
                    count: 1
                },
                IdMap {
                    inside: 1,
                    outside: 100000,
                    count: 65536
                }
            ]
        );
    }
}
