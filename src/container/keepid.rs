//! `--userns=keep-id[:uid=N,gid=N]` (rootless, as podman): the user's own
//! uid and gid show inside the container as the same numbers (or `N`), so
//! files the user shares with a bind mount are the container user's, and the
//! process runs as that user unless `--user` says otherwise.
//!
//! The container gets a user namespace of its own, nested in rctl's (where
//! the user is 0 and the subordinate ids are 1..): container id `U` is rctl's
//! 0 (the user), 0..U are rctl's 1..=U, and the ids above `U` are the same
//! in both. The parent writes these maps itself: it is root in the namespace
//! above, so no newuidmap is needed.
//!
//! The image's layers are stored with the owners of rctl's own namespace, so
//! seen through the nested one a root-owned file would belong to `U`. The
//! kernel cannot fix that with idmapped mounts here: the layers live on the
//! host's filesystem, which only the initial namespace's root may idmap, and
//! overlayfs itself does not allow idmapped mounts of it (EINVAL on 6.18).
//! So, as podman's storage does without idmapped mounts, each layer gets a
//! copy whose owners are shifted for the nested map, made once per layer and
//! `U:G` and kept beside the layer (`layers/<id>/keep-id-U-G/`), removed with
//! it. Later containers with the same ids reuse it.
//!
//! As podman, an /etc/passwd and /etc/group entry is added for the user when
//! the image has none with that name or id.

use std::fs;
use std::io;
use std::os::fd::BorrowedFd;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::idmap::{IdMap, OwnUserns};
use crate::image::digest::Digest;
use crate::storage::Store;

/// What keep-id settles at create: the user's ids inside and the entries
/// that name them there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeepId {
    /// The container's uid that is the user's own.
    pub uid: u32,
    /// The container's gid that is the user's own primary group.
    pub gid: u32,
    /// The user's name on the host.
    pub user: String,
    /// The user's full name (passwd's GECOS field) on the host.
    pub gecos: String,
    /// The home directory of the /etc/passwd entry.
    pub home: String,
    /// The name of the user's primary group on the host.
    pub group: String,
}

/// Why keep-id cannot be set up.
#[derive(Debug, thiserror::Error)]
pub enum KeepIdError {
    /// Root's containers live in the host's namespace.
    #[error(
        "--userns=keep-id is only supported rootless (root's ids already are the host's; --userns=auto gives a container ids of its own)"
    )]
    Root,
    /// The wanted id is beyond what rctl's namespace maps.
    #[error(
        "--userns=keep-id: {kind} {id} inside needs {needed} ids, but rctl's user namespace has {size} (subordinate ids in /etc/sub{kind}; the single-ID mapping has none)"
    )]
    TooFew {
        /// `uid` or `gid`.
        kind: &'static str,
        /// The id asked for.
        id: u32,
        /// How many ids that takes.
        needed: u64,
        /// How many there are.
        size: u64,
    },
    /// A file could not be read or a layer not copied.
    #[error("--userns=keep-id: {what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The cause.
        source: io::Error,
    },
}

fn io_err(what: impl Into<String>) -> impl FnOnce(io::Error) -> KeepIdError {
    let what = what.into();
    move |source| KeepIdError::Io { what, source }
}

/// The map of a namespace nested in one of `size` ids whose 0 is the user:
/// container `id` is that 0, 0..id are 1..=id, ids above `id` stay. `None`
/// when the namespace above has too few ids.
pub fn nested_map(id: u32, size: u32) -> Option<Vec<IdMap>> {
    if id >= size {
        return None;
    }
    let lines = [
        IdMap {
            inside: 0,
            outside: 1,
            count: id,
        },
        IdMap {
            inside: id,
            outside: 0,
            count: 1,
        },
        IdMap {
            inside: id + 1,
            outside: id + 1,
            count: size - id - 1,
        },
    ];
    Some(lines.into_iter().filter(|l| l.count > 0).collect())
}

/// Where container id `id` lands through `map`; ids the map leaves out stay.
fn outer(map: &[IdMap], id: u32) -> u32 {
    map.iter()
        .find(|l| id >= l.inside && id - l.inside < l.count)
        .map_or(id, |l| l.outside + (id - l.inside))
}

/// From an id map file of this process (`/proc/self/uid_map`): the outside
/// id of inside 0, and how many ids the namespace has.
fn own_map(text: &str) -> (u32, u64) {
    let mut zero = 0;
    let mut size = 0u64;
    for l in text.lines() {
        let f: Vec<u64> = l
            .split_whitespace()
            .filter_map(|v| v.parse().ok())
            .collect();
        if let [inside, outside, count] = f[..] {
            if inside == 0 {
                zero = outside as u32;
            }
            size += count;
        }
    }
    (zero, size)
}

fn read(path: &str) -> Result<String, KeepIdError> {
    fs::read_to_string(path).map_err(io_err(format!("reading {path}")))
}

/// Fields of the line of id `id` (third field) in a passwd- or group-format file.
fn line_of(file: &str, id: u32) -> Vec<String> {
    file.lines()
        .map(|l| l.split(':').map(str::to_string).collect::<Vec<_>>())
        .find(|f| f.len() > 2 && f[2].parse::<u32>().ok() == Some(id))
        .unwrap_or_default()
}

/// Settles keep-id for a container made by rctl running in its rootless
/// namespace (`rootless`): `uid`/`gid` as asked (default: the user's own
/// numbers), the user's names from the host's files. The home directory is
/// the user's when it (or a directory above it) is mounted into the
/// container, else `workdir`, as podman does.
pub fn settle(
    rootless: bool,
    uid: Option<u32>,
    gid: Option<u32>,
    workdir: &str,
    mounts: &[&Path],
) -> Result<KeepId, KeepIdError> {
    if !rootless {
        return Err(KeepIdError::Root);
    }
    let (host_uid, uids) = own_map(&read("/proc/self/uid_map")?);
    let (host_gid, gids) = own_map(&read("/proc/self/gid_map")?);
    let (uid, gid) = (uid.unwrap_or(host_uid), gid.unwrap_or(host_gid));
    for (kind, id, size) in [("uid", uid, uids), ("gid", gid, gids)] {
        if u64::from(id) >= size {
            return Err(KeepIdError::TooFew {
                kind,
                id,
                needed: u64::from(id) + 1,
                size,
            });
        }
    }
    // The host's files, read directly: a static binary has no NSS.
    let passwd = line_of(
        &fs::read_to_string("/etc/passwd").unwrap_or_default(),
        host_uid,
    );
    let group = line_of(
        &fs::read_to_string("/etc/group").unwrap_or_default(),
        host_gid,
    );
    let field = |f: &[String], i: usize| f.get(i).cloned().unwrap_or_default();
    let user = Some(field(&passwd, 0))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| host_uid.to_string());
    let host_home = field(&passwd, 5);
    let mounted = Path::new(&host_home)
        .ancestors()
        .filter(|a| *a != Path::new("/"))
        .any(|a| mounts.contains(&a));
    let home = if !host_home.is_empty() && mounted {
        host_home
    } else {
        workdir.to_string()
    };
    Ok(KeepId {
        uid,
        gid,
        group: Some(field(&group, 0))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| user.clone()),
        user,
        gecos: field(&passwd, 4),
        home,
    })
}

/// The container's user namespace, nested in the one this process is in.
pub fn userns(k: &KeepId) -> Result<OwnUserns, KeepIdError> {
    let size = |path| -> Result<u32, KeepIdError> {
        Ok(own_map(&read(path)?).1.min(u64::from(u32::MAX)) as u32)
    };
    let (uids, gids) = (size("/proc/self/uid_map")?, size("/proc/self/gid_map")?);
    let too_few = |kind, id, size: u32| KeepIdError::TooFew {
        kind,
        id,
        needed: u64::from(id) + 1,
        size: size.into(),
    };
    Ok(OwnUserns {
        uid_map: nested_map(k.uid, uids).ok_or_else(|| too_few("uid", k.uid, uids))?,
        gid_map: nested_map(k.gid, gids).ok_or_else(|| too_few("gid", k.gid, gids))?,
        idmapped_layers: false,
    })
}

/// The owner (in rctl's namespace) that a file must have on disk to be
/// owned by `uid`:`gid` in `k`'s container.
pub fn on_disk(k: &KeepId, uid: u32, gid: u32) -> (u32, u32) {
    // Ids beyond the namespace above cannot be on disk: the map is taken
    // as wide as can be.
    let through = |id, v| outer(&nested_map(id, u32::MAX).unwrap_or_default(), v);
    (through(k.uid, uid), through(k.gid, gid))
}

/// The copy of layer `layer` for a container whose ids are `k`'s.
pub fn layer_copy(store: &Store, layer: &Digest, k: &KeepId) -> PathBuf {
    store
        .layer_dir(layer)
        .join(format!("keep-id-{}-{}", k.uid, k.gid))
}

/// Makes the copies of `layers` for `k` that do not exist yet. Each is made
/// in the store's staging area and renamed into place whole; when another
/// rctl made the same copy meanwhile, that one stays.
pub fn make_layer_copies(store: &Store, layers: &[Digest], k: &KeepId) -> Result<(), KeepIdError> {
    let owner = |u, g| on_disk(k, u, g);
    for layer in layers {
        let target = layer_copy(store, layer, k);
        if target.exists() {
            continue;
        }
        let what = || format!("copying layer {} for ids {}:{}", layer.hex(), k.uid, k.gid);
        let stage = store.staging().map_err(io_err(what()))?;
        let copy = stage.path().join("copy");
        fs::create_dir(&copy)
            .and_then(|()| {
                super::vfs::copy_layer(&store.layer_dir(layer).join("diff"), &copy, &owner)
            })
            .map_err(io_err(what()))?;
        match fs::rename(&copy, &target) {
            Ok(()) => {}
            // Another rctl was quicker: its copy is the same.
            Err(e) if target.exists() => tracing::debug!("{}: {e}", target.display()),
            Err(e) => return Err(io_err(what())(e)),
        }
    }
    Ok(())
}

/// The /etc/passwd line for the user (podman's form).
pub fn passwd_line(k: &KeepId) -> String {
    format!(
        "{}:*:{}:{}:{}:{}:/bin/sh\n",
        k.user, k.uid, k.gid, k.gecos, k.home
    )
}

/// The /etc/group line for the user's primary group.
pub fn group_line(k: &KeepId) -> String {
    format!("{}:x:{}:{}\n", k.group, k.gid, k.user)
}

/// Adds the user's entries to the container's /etc/passwd and /etc/group
/// (under `root`) unless an entry with the same name or id is there. Root
/// (uid 0) gets none, as in podman.
pub fn add_entries(root: BorrowedFd<'_>, k: &KeepId) -> io::Result<()> {
    if k.uid != 0 {
        append_missing(root, "/etc/passwd", &k.user, k.uid, &passwd_line(k))?;
    }
    if k.gid != 0 {
        append_missing(root, "/etc/group", &k.group, k.gid, &group_line(k))?;
    }
    Ok(())
}

fn append_missing(
    root: BorrowedFd<'_>,
    path: &str,
    name: &str,
    id: u32,
    line: &str,
) -> io::Result<()> {
    use io::{Read, Write};
    use nix::fcntl::OFlag;
    let file = match super::inroot::open(root, Path::new(path), OFlag::O_RDWR | OFlag::O_APPEND) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            super::inroot::touch(root, Path::new(path))?;
            super::inroot::open(root, Path::new(path), OFlag::O_RDWR | OFlag::O_APPEND)?
        }
        r => r?,
    };
    let mut file = fs::File::from(file);
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    let taken = text.lines().any(|l| {
        let f: Vec<&str> = l.split(':').collect();
        f.len() > 2 && (f[0] == name || f[2].parse::<u32>().ok() == Some(id))
    });
    if taken {
        return Ok(());
    }
    let sep = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    file.write_all(format!("{sep}{line}").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(inside: u32, outside: u32, count: u32) -> IdMap {
        IdMap {
            inside,
            outside,
            count,
        }
    }

    #[test]
    fn nests_the_users_id_as_podman() {
        // podman's own example: keep-id:uid=11 in a namespace of 65537 ids.
        assert_eq!(
            nested_map(11, 65537).unwrap(),
            [m(0, 1, 11), m(11, 0, 1), m(12, 12, 65525)]
        );
        assert_eq!(nested_map(0, 10).unwrap(), [m(0, 0, 1), m(1, 1, 9)]);
        assert_eq!(nested_map(9, 10).unwrap(), [m(0, 1, 9), m(9, 0, 1)]);
        assert_eq!(nested_map(1001, 1), None);
    }

    #[test]
    fn layer_owners_follow_the_nested_map() {
        let map = nested_map(1000, u32::MAX).unwrap();
        // The image's root, its user 1000, one below and one above.
        assert_eq!(outer(&map, 0), 1);
        assert_eq!(outer(&map, 999), 1000);
        assert_eq!(outer(&map, 1000), 0);
        assert_eq!(outer(&map, 1001), 1001);
        assert_eq!(outer(&[], 5), 5);
    }

    #[test]
    fn reads_own_maps() {
        assert_eq!(
            own_map("         0       1001          1\n         1     100000      65536\n"),
            (1001, 65537)
        );
        assert_eq!(own_map("0 0 4294967295\n"), (0, 4294967295));
    }

    #[test]
    fn entries_in_podmans_form() {
        let k = KeepId {
            uid: 1001,
            gid: 1001,
            user: "alice".into(),
            gecos: "Alice".into(),
            home: "/home/alice".into(),
            group: "staff".into(),
        };
        assert_eq!(
            passwd_line(&k),
            "alice:*:1001:1001:Alice:/home/alice:/bin/sh\n"
        );
        assert_eq!(group_line(&k), "staff:x:1001:alice\n");
    }
}
