//! Container records in the store.
//!
//! ```text
//! ROOT/containers/<id>/config.json   ContainerRecord: what the container is (fixed at create)
//! ROOT/containers/<id>/state.json    ContainerState: what it is doing (status, pid, exit code)
//! ROOT/containers/<id>/lock          flock for state changes (start, stop, rm)
//! ROOT/containers/<id>/upper, work   its writable overlay layer
//! ROOT/containers/<id>/merged        where its root filesystem is mounted
//! ROOT/containers/<id>/userdata/     hosts, hostname, resolv.conf, the log
//! ROOT/container-names/<name>        symlink to the id: names are unique by the filesystem
//! ```
//!
//! Creating a container takes no exclusive lock: the name is claimed with
//! symlink(2), which fails if it exists, and the directory is written under the
//! store's shared lock so that `rmi` (exclusive) sees either no container or a
//! complete one. State files are replaced whole by rename; they are not fsynced
//! (a state is re-derived from the process table after a crash).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::lock::{self, LockGuard, Mode};
use super::{Store, atomic, staging};
use crate::image::digest::Digest;

/// The settings of a container, fixed when it is created.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ContainerConfig {
    /// The entrypoint in effect (image's, or `--entrypoint`).
    pub entrypoint: Vec<String>,
    /// The command in effect (image's, or the arguments after the image).
    pub cmd: Vec<String>,
    /// Environment, `NAME=value`.
    pub env: Vec<String>,
    /// Working directory inside the container.
    pub working_dir: String,
    /// User spec (`name`, `uid`, `uid:gid`, `name:group`), empty for root.
    pub user: String,
    /// Host name inside the container.
    pub hostname: String,
    /// Whether the process gets a terminal (`-t`).
    pub tty: bool,
    /// Whether standard input stays open (`-i`).
    pub open_stdin: bool,
    /// Labels (image's plus `--label`).
    pub labels: BTreeMap<String, String>,
    /// OCI annotations (`--annotation`).
    pub annotations: BTreeMap<String, String>,
    /// Signal `stop` sends first (`SIGTERM` unless the image or flag says).
    pub stop_signal: String,
    /// Seconds `stop` waits before SIGKILL.
    pub stop_timeout: u32,
    /// Network mode: `none`, `host`, `bridge` (the default network) or a
    /// network's name.
    pub network: String,
    /// Run a small reaper as PID 1 (`--init`).
    pub init: bool,
    /// Mount the root filesystem read-only.
    pub read_only: bool,
    /// `k8s-file`, `json-file`, `none` or `passthrough`.
    pub log_driver: String,
    /// Remove the container when it exits (`--rm`).
    pub auto_remove: bool,
    /// Key sequence that detaches from the container.
    pub detach_keys: String,
    /// Streams attached when started in the foreground (`-a`); empty: all.
    pub attach: Vec<String>,
    /// Storage driver of its root filesystem: `overlay` or `vfs`.
    #[serde(default = "overlay")]
    pub driver: String,
    /// Host ids of its own user namespace (`--userns=auto`); none: the caller's.
    #[serde(default)]
    pub userns: Option<IdRange>,
    /// `--userns=keep-id` (rootless): the user's ids inside.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_id: Option<crate::container::keepid::KeepId>,
    /// What goes into its /etc/hosts and /etc/resolv.conf besides the defaults.
    #[serde(default)]
    pub names: NameConfig,
    /// Published ports (`-p`, `-P`) as asked; a host port of 0 is chosen at start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<crate::net::ports::PortMapping>,
    /// Capabilities, seccomp, masked paths, devices, sysctls.
    #[serde(default)]
    pub security: crate::container::security::SecurityConfig,
    /// Volumes, bind mounts and tmpfs mounts (`-v`, `--mount`, `--tmpfs`).
    #[serde(default)]
    pub volumes: crate::container::mountspec::MountConfig,
    /// Resource limits (`--memory`, `--cpus`, `--ulimit`, …; `update`).
    #[serde(default)]
    pub resources: crate::container::resources::Resources,
}

/// The container's own name-resolution settings (`--add-host`, `--dns`,
/// `--dns-search`, `--dns-option`, `--no-hosts`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameConfig {
    /// `NAME:IP` entries added to /etc/hosts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_hosts: Vec<String>,
    /// Name servers replacing the host's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<String>,
    /// Search domains replacing the host's (`.` alone: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub search: Vec<String>,
    /// resolv.conf options replacing the host's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// Leave the image's /etc/hosts alone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_hosts: bool,
}

/// The ids a container's user namespace maps: 0..size inside is
/// `uid..uid+size` (and `gid..gid+size`) outside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdRange {
    /// First host uid.
    pub uid: u32,
    /// First host gid.
    pub gid: u32,
    /// How many ids.
    pub size: u32,
}

fn overlay() -> String {
    "overlay".into()
}

impl ContainerConfig {
    /// The process's argv: entrypoint then command.
    pub fn argv(&self) -> Vec<String> {
        self.entrypoint.iter().chain(&self.cmd).cloned().collect()
    }
}

/// What a container is; written once at create (and on rename).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ContainerRecord {
    /// 64 hex digits.
    pub id: String,
    /// Unique name.
    pub name: String,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// The image it runs.
    pub image_id: Digest,
    /// The image as the user named it (resolved full name, or id).
    pub image_name: String,
    /// The image's layers (DiffIDs, base first) at creation.
    pub layers: Vec<Digest>,
    /// Its settings.
    pub config: ContainerConfig,
}

/// Where a container is in its life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Created, never started (or started and failed before running).
    #[default]
    Created,
    /// Its process runs.
    Running,
    /// Frozen.
    Paused,
    /// Its process has exited.
    Exited,
}

impl Status {
    /// The word podman uses.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Exited => "exited",
        }
    }
}

/// What a container is doing; rewritten at each change.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ContainerState {
    /// Its status as last recorded (see [`Store::live_state`] for the truth).
    pub status: Status,
    /// PID of its process on the host (0 when none).
    pub pid: i32,
    /// That process's start time (clock ticks since boot), against PID reuse.
    pub pid_start: u64,
    /// PID of its monitor (0 when none: foreground or not running).
    pub monitor_pid: i32,
    /// The monitor's start time.
    pub monitor_start: u64,
    /// When it last started.
    pub started_at: Option<DateTime<Utc>>,
    /// When it last exited.
    pub finished_at: Option<DateTime<Utc>>,
    /// Exit code of the last run (128+N when killed by signal N).
    pub exit_code: i32,
    /// Whether the kernel killed it for memory.
    pub oom_killed: bool,
    /// Why it failed to start, if it did.
    pub error: String,
    /// Times restarted by its policy.
    pub restart_count: u32,
    /// Published ports as bound while it runs (host ports chosen).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<crate::net::ports::PortMapping>,
}

/// Errors of container records.
#[derive(Debug, thiserror::Error)]
pub enum ContainerError {
    /// No container matches.
    #[error("no container with name or ID {0:?} found: no such container")]
    NotFound(String),
    /// The name is taken.
    #[error(
        "the container name {name:?} is already in use by {id}. You have to remove that container to be able to reuse that name: that name is already in use"
    )]
    NameInUse {
        /// The name.
        name: String,
        /// The container that has it.
        id: String,
    },
    /// The name is not valid.
    #[error("invalid container name {0:?}: names are [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    BadName(String),
    /// Several containers match an id prefix.
    #[error("{0}: more than one container matches")]
    Ambiguous(String),
    /// The image was removed while the container was being created.
    #[error("image {0} was removed meanwhile")]
    ImageGone(Digest),
    /// A store file could not be read or written.
    #[error("container store {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

fn io_at(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> ContainerError {
    let path = path.into();
    move |source| ContainerError::Io { path, source }
}

/// Whether `name` is a valid container name (docker's rule).
pub fn valid_name(name: &str) -> bool {
    let mut b = name.bytes();
    b.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && b.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
}

/// A new random container id (64 hex digits).
pub fn new_id() -> String {
    let mut bytes = [0u8; 32];
    let mut filled = 0;
    while filled < bytes.len() {
        match rustix::rand::getrandom(&mut bytes[filled..], rustix::rand::GetRandomFlags::empty()) {
            Ok(n) => filled += n,
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => panic!("getrandom failed: {e}"),
        }
    }
    hex::encode(bytes)
}

/// A name from two word lists, as docker makes (`quirky_hopper`).
pub fn random_name(id: &str) -> String {
    const ADJ: &[&str] = &[
        "admiring",
        "brave",
        "busy",
        "clever",
        "cool",
        "dazzling",
        "eager",
        "elastic",
        "festive",
        "focused",
        "gallant",
        "happy",
        "hopeful",
        "jolly",
        "keen",
        "lucid",
        "modest",
        "nifty",
        "optimistic",
        "quirky",
        "relaxed",
        "serene",
        "sharp",
        "stoic",
        "sweet",
        "tender",
        "trusting",
        "vibrant",
        "wizardly",
        "zealous",
    ];
    const NAMES: &[&str] = &[
        "agnesi", "babbage", "bohr", "curie", "darwin", "dijkstra", "einstein", "euler", "fermi",
        "franklin", "gauss", "hopper", "hypatia", "kepler", "knuth", "lamport", "lovelace",
        "mccarthy", "meitner", "newton", "noether", "pascal", "ritchie", "shannon", "thompson",
        "torvalds", "turing", "wilson", "wozniak", "yalow",
    ];
    let n = u64::from_str_radix(&id[..12], 16).unwrap_or(0);
    let a = ADJ[(n % ADJ.len() as u64) as usize];
    let b = NAMES[((n / ADJ.len() as u64) % NAMES.len() as u64) as usize];
    format!("{a}_{b}")
}

/// The start time of process `pid` (field 22 of /proc/PID/stat), if it exists.
pub fn process_start(pid: i32) -> Option<u64> {
    if pid <= 0 {
        return None;
    }
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces and parentheses: skip past its last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split(' ').nth(19)?.parse().ok()
}

/// Whether process `pid` is the one that started at `start` and still runs
/// (a zombie has exited: its exit is only waiting to be collected).
pub fn process_alive(pid: i32, start: u64) -> bool {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    let Some(close) = stat.rfind(')') else {
        return false;
    };
    let mut fields = stat[close + 2..].split(' ');
    let state = fields.next().unwrap_or("");
    let started: Option<u64> = fields.nth(18).and_then(|s| s.parse().ok());
    state != "Z" && state != "X" && started == Some(start)
}

impl Store {
    /// The directory of container `id`.
    pub fn container_dir(&self, id: &str) -> PathBuf {
        self.root().join("containers").join(id)
    }

    fn names_dir(&self) -> PathBuf {
        self.root().join("container-names")
    }

    /// Records a new container: claims its name, makes its directory and
    /// writable layer. Fails if the name is taken or the image went away.
    pub fn create_container(&self, rec: &ContainerRecord) -> Result<(), ContainerError> {
        if !valid_name(&rec.name) {
            return Err(ContainerError::BadName(rec.name.clone()));
        }
        let names = self.names_dir();
        fs::create_dir_all(&names).map_err(io_at(&names))?;
        let link = names.join(&rec.name);
        if let Err(e) = std::os::unix::fs::symlink(&rec.id, &link) {
            if e.kind() == io::ErrorKind::AlreadyExists {
                let id = fs::read_link(&link)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                return Err(ContainerError::NameInUse {
                    name: rec.name.clone(),
                    id,
                });
            }
            return Err(io_at(&link)(e));
        }
        let result = (|| {
            let _lock = self.lock_shared().map_err(io_at(self.root()))?;
            if !self
                .root()
                .join("images")
                .join(format!("{}.json", rec.image_id.hex()))
                .exists()
            {
                return Err(ContainerError::ImageGone(rec.image_id.clone()));
            }
            let dir = self.container_dir(&rec.id);
            for sub in ["upper", "work", "merged", "userdata"] {
                fs::create_dir_all(dir.join(sub)).map_err(io_at(dir.join(sub)))?;
            }
            write_json(&dir.join("state.json"), &ContainerState::default())?;
            // The config goes last: a directory with config.json is a container.
            write_json(&dir.join("config.json"), rec)
        })();
        if result.is_err() {
            let _ = staging::remove_all(&self.container_dir(&rec.id));
            let _ = fs::remove_file(&link);
        }
        result
    }

    /// The record of container `id`.
    pub fn container(&self, id: &str) -> Result<ContainerRecord, ContainerError> {
        let path = self.container_dir(id).join("config.json");
        atomic::read_json(&path).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                ContainerError::NotFound(id.to_string())
            } else {
                ContainerError::Io { path, source: e }
            }
        })
    }

    /// The recorded state of container `id` (as written; see [`Store::live_state`]).
    pub fn container_state(&self, id: &str) -> Result<ContainerState, ContainerError> {
        let path = self.container_dir(id).join("state.json");
        match atomic::read_json(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(ContainerState::default()),
            r => r.map_err(io_at(path)),
        }
    }

    /// The state of container `id` checked against the process table: a
    /// "running" container whose process is gone (its monitor was killed, the
    /// machine rebooted) is reported exited.
    pub fn live_state(&self, id: &str) -> Result<ContainerState, ContainerError> {
        let mut st = self.container_state(id)?;
        if matches!(st.status, Status::Running | Status::Paused)
            && !process_alive(st.pid, st.pid_start)
        {
            // Give a monitor that is alive a moment to record the real exit code.
            if st.monitor_pid > 0 && process_alive(st.monitor_pid, st.monitor_start) {
                for _ in 0..50 {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                    st = self.container_state(id)?;
                    if st.status == Status::Exited {
                        return Ok(st);
                    }
                }
            }
            st.status = Status::Exited;
            st.pid = 0;
            if st.finished_at.is_none() {
                st.finished_at = Some(Utc::now());
            }
        }
        Ok(st)
    }

    /// Replaces the state of container `id`.
    pub fn set_container_state(&self, id: &str, st: &ContainerState) -> Result<(), ContainerError> {
        write_json(&self.container_dir(id).join("state.json"), st)
    }

    /// Takes container `id`'s lock (for start, stop, rm).
    pub fn lock_container(&self, id: &str) -> Result<LockGuard, ContainerError> {
        let path = self.container_dir(id).join("lock");
        lock::lock(&path, Mode::Exclusive).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                ContainerError::NotFound(id.to_string())
            } else {
                ContainerError::Io { path, source: e }
            }
        })
    }

    /// Ids of all containers.
    pub fn container_ids(&self) -> Result<Vec<String>, ContainerError> {
        let dir = self.root().join("containers");
        let mut ids = Vec::new();
        for e in fs::read_dir(&dir).map_err(io_at(&dir))? {
            let e = e.map_err(io_at(&dir))?;
            let name = e.file_name().to_string_lossy().into_owned();
            if name.len() == 64 && e.path().join("config.json").exists() {
                ids.push(name);
            }
        }
        Ok(ids)
    }

    /// The container a user means: a name, a full id, or a unique id prefix.
    pub fn resolve_container(&self, input: &str) -> Result<String, ContainerError> {
        if valid_name(input)
            && let Ok(target) = fs::read_link(self.names_dir().join(input))
        {
            let id = target.display().to_string();
            if self.container_dir(&id).join("config.json").exists() {
                return Ok(id);
            }
        }
        if !input.is_empty() && input.len() <= 64 && input.bytes().all(|b| b.is_ascii_hexdigit()) {
            let hits: Vec<String> = self
                .container_ids()?
                .into_iter()
                .filter(|id| id.starts_with(input))
                .collect();
            match hits.len() {
                1 => return Ok(hits.into_iter().next().expect("one")),
                0 => {}
                _ => return Err(ContainerError::Ambiguous(input.to_string())),
            }
        }
        Err(ContainerError::NotFound(input.to_string()))
    }

    /// Removes container `id`'s files and name. The caller has stopped it.
    pub fn remove_container_files(&self, id: &str) -> Result<(), ContainerError> {
        let rec = self.container(id);
        let dir = self.container_dir(id);
        // Move it out of sight first: a half-deleted container never shows.
        let stage = self.staging().map_err(io_at(self.root().join("tmp")))?;
        match fs::rename(&dir, stage.path().join("c")) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_at(&dir)(e)),
        }
        if let Ok(rec) = rec {
            let link = self.names_dir().join(&rec.name);
            if fs::read_link(&link).is_ok_and(|t| t.as_os_str() == id) {
                let _ = fs::remove_file(&link);
            }
        }
        drop(stage);
        let run = self.runroot().join("containers").join(id);
        staging::remove_all(&run).map_err(io_at(run))
    }

    /// Replaces the record of an existing container (the caller holds its
    /// lock): settings changed after create, as by `update`.
    pub fn save_container(&self, rec: &ContainerRecord) -> Result<(), ContainerError> {
        write_json(&self.container_dir(&rec.id).join("config.json"), rec)
    }

    /// Renames container `id` to `new`.
    pub fn rename_container(&self, id: &str, new: &str) -> Result<(), ContainerError> {
        if !valid_name(new) {
            return Err(ContainerError::BadName(new.to_string()));
        }
        let _lock = self.lock_container(id)?;
        let mut rec = self.container(id)?;
        let link = self.names_dir().join(new);
        if let Err(e) = std::os::unix::fs::symlink(id, &link) {
            if e.kind() == io::ErrorKind::AlreadyExists {
                let other = fs::read_link(&link)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                return Err(ContainerError::NameInUse {
                    name: new.to_string(),
                    id: other,
                });
            }
            return Err(io_at(link)(e));
        }
        let old = self.names_dir().join(&rec.name);
        rec.name = new.to_string();
        write_json(&self.container_dir(id).join("config.json"), &rec)?;
        let _ = fs::remove_file(old);
        Ok(())
    }

    /// Containers created from image `image`.
    pub fn containers_using_image(
        &self,
        image: &Digest,
    ) -> Result<Vec<ContainerRecord>, ContainerError> {
        let mut out = Vec::new();
        for id in self.container_ids()? {
            if let Ok(rec) = self.container(&id)
                && &rec.image_id == image
            {
                out.push(rec);
            }
        }
        Ok(out)
    }

    /// The run-time directory of container `id` (sockets, pid files).
    pub fn container_run_dir(&self, id: &str) -> PathBuf {
        self.runroot().join("containers").join(id)
    }
}

/// Writes a record by rename (no fsync: state is re-derived after a crash,
/// and an fsync per start and stop would cost more than it protects).
fn write_json<T: Serialize>(path: &std::path::Path, value: &T) -> Result<(), ContainerError> {
    let data = serde_json::to_vec(value).map_err(|e| io_at(path)(io::Error::other(e)))?;
    let tmp = atomic::temp_path(path);
    fs::write(&tmp, &data)
        .and_then(|()| fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = fs::remove_file(&tmp);
            io_at(path)(e)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(valid_name("web-1.a_b"));
        assert!(!valid_name("-x"));
        assert!(!valid_name(""));
        assert!(!valid_name("a/b"));
        assert_eq!(new_id().len(), 64);
        assert!(random_name(&new_id()).contains('_'));
    }

    #[test]
    fn own_process_is_alive() {
        let pid = std::process::id() as i32;
        let start = process_start(pid).unwrap();
        assert!(process_alive(pid, start));
        assert!(!process_alive(pid, start + 1));
    }
}
