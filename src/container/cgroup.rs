//! The container's cgroup: made before it starts, the process cloned straight
//! into it, joined by `exec`, removed when the container is gone.
//!
//! Where it lives: on a pure cgroup v2 host, `/sys/fs/cgroup/rctl/<id>` (root)
//! or beside the user's own cgroup when systemd delegated it (rootless). On a
//! v1 hybrid host, the v2 hierarchy at `/sys/fs/cgroup/unified` has no
//! controllers but tracks processes, and that is where the container goes:
//! moving a process between cgroups takes an RCU grace period (about 10 ms
//! here), while `clone3(CLONE_INTO_CGROUP)` places it at birth for nothing,
//! and that works only on a v2 hierarchy.
//!
//! Limits ([`Resources`]) are written before the container's process exists.
//! On v2 they go in the container's own directory, once the controllers are
//! enabled in the `cgroup.subtree_control` of its parents (rootless: only
//! controllers systemd delegated). On a v1 host they need the v1 controllers,
//! and these are paid for only when a limit asks for one: a container without
//! limits touches no v1 hierarchy at all. Its v1 cgroups are
//! `/sys/fs/cgroup/<controller>/rctl/<id>`, a top-level `rctl` directory as
//! docker's `/docker`: the path follows from the id alone, so `update`,
//! `stats`, `rm` or an `exec` from any shell find it, while the caller's own
//! v1 cgroup (on this CI host a per-session `/process_api/<session>` memory
//! cgroup) changes from one caller to the next and may be gone before the
//! container. The container's process joins them itself, first thing after
//! clone, through `cgroup.procs` files the parent opened (v1 has no
//! `CLONE_INTO_CGROUP`); each such join is a cgroup migration, about 15 ms
//! here, which is what a limit costs at start. Rootless on v1 gets no limits (no delegation
//! exists there), as with podman.
//!
//! `pause` uses the v2 `cgroup.freeze`, which the controller-less v2
//! hierarchy of a hybrid host has too. Only where that is missing (a pure v1
//! host, or a kernel before 5.2) does it use the v1 freezer controller: the
//! container's `freezer/rctl/<id>` is made and its processes (every process
//! in its PID namespace) moved there at `pause`, the one moment that needs
//! it, so no start pays a migration for a pause that may never come.
//!
//! Devices: every rootful container that is not `--privileged` gets a
//! device allow list (why: [`super::security::devices`]). Where it has a v2
//! directory (a v2 host, and this hybrid host's controller-less unified
//! hierarchy) that is an eBPF program attached to the directory before the
//! container's process is born in it ([`super::security::device_filter`]):
//! no migration, a load and an attach. Only without a v2 directory (a pure
//! v1 host) is the v1 `devices` cgroup made, which costs the one migration
//! into it ([`Cgroup::allow_devices`]). Rootless containers need none.

use std::fs;
use std::io;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

use super::resources::Resources;

const ROOT: &str = "/sys/fs/cgroup";
const UNIFIED: &str = "/sys/fs/cgroup/unified";
/// The v1 controllers rctl may use (each mounted at ROOT/<name>): `exec`
/// joins the container's cgroup of each, and `rm` removes them.
const V1_CONTROLLERS: [&str; 6] = ["memory", "cpu", "cpuset", "pids", "freezer", "devices"];

/// A container's cgroup; `dir` is `None` when the container has none of its
/// own (rootless without delegation): it then shares the caller's.
#[derive(Clone, Debug, Default)]
pub struct Cgroup {
    /// The v2 directory its processes are placed in.
    pub dir: Option<PathBuf>,
    /// On a v1 host (root only): its path under each v1 controller's mount,
    /// `rctl/<id>`, used for the controllers its limits need.
    pub v1: Option<PathBuf>,
}

/// Why limits could not be set.
#[derive(Debug, thiserror::Error)]
pub enum CgroupError {
    /// Rootless on a cgroup v1 host.
    #[error("rootless containers cannot set resource limits on cgroup v1")]
    RootlessV1,
    /// Rootless on v2 without the controller delegated to the user.
    #[error(
        "the {0} controller is not delegated to this user: cannot set its limits \
         (systemd gives user sessions controllers with Delegate= in user@.service)"
    )]
    NotDelegated(String),
    /// Pausing needs v2's `cgroup.freeze` or the v1 freezer controller.
    #[error(
        "this container has no cgroup to freeze (neither cgroup v2's cgroup.freeze nor a v1 freezer)"
    )]
    NoFreezer,
    /// The kernel did not finish freezing or thawing.
    #[error("{path} still says {state:?}")]
    Stuck {
        /// The file read.
        path: PathBuf,
        /// What it said last.
        state: String,
    },
    /// A cgroup file or directory.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What failed.
        source: io::Error,
    },
}

fn at(path: &Path) -> impl FnOnce(io::Error) -> CgroupError + '_ {
    move |source| CgroupError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What setting limits does: directories to make, then files to write.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    /// Directories made first (v1 controllers' cgroups), parents first.
    pub dirs: Vec<PathBuf>,
    /// Files written, in order, with their values.
    pub writes: Vec<(PathBuf, String)>,
}

/// What freezes a container's processes (`pause`).
#[derive(Debug, PartialEq, Eq)]
pub enum Freezer {
    /// The v2 cgroup's `cgroup.freeze` (this directory).
    V2(PathBuf),
    /// The v1 freezer controller: the container's cgroup under it.
    V1(PathBuf),
}

/// Whether the host mounts cgroup v2 alone at /sys/fs/cgroup.
pub fn is_v2() -> bool {
    Path::new(ROOT).join("cgroup.controllers").exists()
}

impl Cgroup {
    /// The cgroup container `id` has (or would have) on this host.
    pub fn for_container(id: &str, rootless: bool) -> Cgroup {
        let dir = if is_v2() {
            if rootless {
                delegated_v2_parent().map(|p| p.join(format!("rctl-{id}")))
            } else {
                Some(Path::new(ROOT).join("rctl").join(id))
            }
        } else if !rootless && Path::new(UNIFIED).join("cgroup.procs").exists() {
            Some(Path::new(UNIFIED).join("rctl").join(id))
        } else {
            None
        };
        let v1 = (!rootless && !is_v2()).then(|| Path::new("rctl").join(id));
        Cgroup { dir, v1 }
    }

    /// The v1 cgroup of `controller`.
    fn v1_dir(&self, controller: &str) -> Option<PathBuf> {
        let rel = self.v1.as_ref()?;
        Some(Path::new(ROOT).join(controller).join(rel))
    }

    /// What setting `res` takes here; pure.
    pub fn plan(&self, res: &Resources) -> Result<Plan, CgroupError> {
        let mut plan = Plan::default();
        let controllers = res.controllers();
        if controllers.is_empty() {
            return Ok(plan);
        }
        if self.v1.is_some() {
            for c in &controllers {
                let dir = self.v1_dir(c).expect("v1 set");
                plan.dirs.extend(dir.parent().map(Path::to_path_buf));
                plan.dirs.push(dir);
            }
            for (c, file, value) in res.plan_v1() {
                plan.writes
                    .push((self.v1_dir(c).expect("v1 set").join(file), value));
            }
            return Ok(plan);
        }
        let Some(dir) = &self.dir else {
            return Err(CgroupError::RootlessV1);
        };
        let enable = controllers
            .iter()
            .map(|c| format!("+{c}"))
            .collect::<Vec<_>>()
            .join(" ");
        let parent = dir.parent().unwrap_or(dir);
        let mut parents = vec![parent.to_path_buf()];
        if parent == Path::new(ROOT).join("rctl") {
            parents.insert(0, PathBuf::from(ROOT));
        }
        for p in parents {
            plan.writes
                .push((p.join("cgroup.subtree_control"), enable.clone()));
        }
        for (file, value) in res.plan_v2() {
            plan.writes.push((dir.join(file), value));
        }
        Ok(plan)
    }

    /// Sets `res`'s limits (the v2 directory exists already: [`Cgroup::create`]).
    /// Returns the `cgroup.procs` of the v1 cgroups, opened for the container's
    /// process to join (see [`join_v1`]).
    pub fn limit(&self, res: &Resources) -> Result<Vec<OwnedFd>, CgroupError> {
        let plan = self.plan(res)?;
        if self.v1.is_none()
            && let Some(dir) = &self.dir
        {
            check_delegated(dir, &res.controllers())?;
        }
        for d in &plan.dirs {
            if !d.is_dir() {
                fs::create_dir(d)
                    .or_else(|e| match e.kind() {
                        io::ErrorKind::AlreadyExists => Ok(()),
                        _ => Err(e),
                    })
                    .map_err(at(d))?;
                if d.starts_with(Path::new(ROOT).join("cpuset")) {
                    inherit_cpuset(d)?;
                }
            }
        }
        write_all(&plan.writes)?;
        let mut procs = Vec::new();
        for c in res.controllers() {
            if let Some(d) = self.v1_dir(c) {
                procs.push(open_procs(&d)?);
            }
        }
        Ok(procs)
    }

    /// Changes the limits of a running container to `res` and moves its
    /// processes `pids` into any v1 cgroup it was not in yet (`update`).
    pub fn update(&self, res: &Resources, pids: &[i32]) -> Result<(), CgroupError> {
        for fd in self.limit(res)? {
            for pid in pids {
                // A process that exited meanwhile is no error.
                match nix::unistd::write(&fd, pid.to_string().as_bytes()) {
                    Ok(_) | Err(nix::errno::Errno::ESRCH) => {}
                    Err(e) => return Err(at(Path::new("cgroup.procs"))(e.into())),
                }
            }
        }
        Ok(())
    }

    /// Makes the v1 devices cgroup allow only `rules` and returns its
    /// `cgroup.procs` for the container's process to join; `None` (with a
    /// warning) where there is no v1 devices hierarchy to use. Only for a
    /// container without a v2 cgroup, which gets an eBPF program instead
    /// ([`super::security::device_filter`]).
    pub fn allow_devices(
        &self,
        rules: &[super::security::devices::Rule],
    ) -> Result<Option<OwnedFd>, CgroupError> {
        let Some(dir) = self
            .v1_dir("devices")
            .filter(|_| Path::new(ROOT).join("devices/cgroup.procs").exists())
        else {
            tracing::warn!(
                "the device allow list is not enforced: this host has neither a cgroup v2 \
                 hierarchy nor the v1 devices controller"
            );
            return Ok(None);
        };
        for d in [dir.parent().unwrap_or(&dir), &dir] {
            match fs::create_dir(d) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(at(d)(e)),
                _ => {}
            }
        }
        let mut writes = vec![(dir.join("devices.deny"), "a".to_string())];
        writes.extend(
            rules
                .iter()
                .map(|r| (dir.join("devices.allow"), r.to_string())),
        );
        for (file, value) in &writes {
            fs::write(file, value).map_err(|e| CgroupError::Io {
                path: file.clone(),
                source: io::Error::new(e.kind(), format!("writing {value:?}: {e}")),
            })?;
        }
        open_procs(&dir).map(Some)
    }

    /// The `cgroup.procs` of the v1 cgroups the container has, for `exec`.
    pub fn v1_procs(&self) -> Result<Vec<OwnedFd>, CgroupError> {
        V1_CONTROLLERS
            .iter()
            .filter_map(|c| self.v1_dir(c))
            .filter(|d| d.is_dir())
            .map(|d| open_procs(&d))
            .collect()
    }

    /// Whether the kernel's OOM killer killed a process of the container.
    pub fn oom_killed(&self) -> bool {
        let file = match (self.v1_dir("memory"), &self.dir) {
            (Some(d), _) => d.join("memory.oom_control"),
            (None, Some(d)) => d.join("memory.events"),
            (None, None) => return false,
        };
        fs::read_to_string(file)
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("oom_kill ")?.trim().parse::<u64>().ok())
            })
            .is_some_and(|n| n > 0)
    }

    /// What would freeze this container: v2's `cgroup.freeze` when its v2
    /// cgroup has one, else the v1 freezer controller when the host mounts
    /// it (root). `exists` says whether a path exists (the real filesystem
    /// but in tests).
    pub fn freezer(&self, exists: impl Fn(&Path) -> bool) -> Option<Freezer> {
        if let Some(dir) = self
            .dir
            .as_ref()
            .filter(|d| exists(&d.join("cgroup.freeze")))
        {
            return Some(Freezer::V2(dir.clone()));
        }
        self.v1_dir("freezer")
            .filter(|d| {
                let mount = d.ancestors().nth(2).unwrap_or(d);
                exists(&mount.join("cgroup.procs"))
            })
            .map(Freezer::V1)
    }

    /// Freezes (`pause`) or thaws (`unpause`) every process of the container
    /// whose first process is `pid`, and waits until the kernel says it is
    /// done.
    pub fn freeze(&self, frozen: bool, pid: i32) -> Result<(), CgroupError> {
        match self.freezer(Path::exists) {
            Some(Freezer::V2(dir)) => {
                let file = dir.join("cgroup.freeze");
                fs::write(&file, if frozen { "1" } else { "0" }).map_err(at(&file))?;
                let want = if frozen { "frozen 1" } else { "frozen 0" };
                wait_for(&dir.join("cgroup.events"), |s| s.lines().any(|l| l == want))
            }
            Some(Freezer::V1(dir)) => freeze_v1(&dir, frozen, pid),
            None => Err(CgroupError::NoFreezer),
        }
    }

    /// A limit file of the container's cgroup (`memory.max`, or a v1 file
    /// under its controller): its contents, for `stats` and tests.
    pub fn read(&self, controller: &str, file: &str) -> Option<String> {
        let dir = self.v1_dir(controller).or_else(|| self.dir.clone())?;
        fs::read_to_string(dir.join(file)).ok()
    }

    /// A file of the container's v2 cgroup (`cpu.stat`, `memory.current`),
    /// also on a v1 host (its controller-less unified one), for `stats`.
    pub fn read_v2(&self, file: &str) -> Option<String> {
        fs::read_to_string(self.dir.as_ref()?.join(file)).ok()
    }

    /// Makes the directory and opens it, for `clone3(CLONE_INTO_CGROUP)`.
    pub fn create(&self) -> io::Result<Option<OwnedFd>> {
        let Some(d) = &self.dir else { return Ok(None) };
        fs::create_dir_all(d)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", d.display())))?;
        Ok(Some(fs::File::open(d)?.into()))
    }

    /// Opens the directory of an existing cgroup (for `exec`).
    pub fn open(&self) -> io::Result<Option<OwnedFd>> {
        match &self.dir {
            Some(d) if d.is_dir() => Ok(Some(fs::File::open(d)?.into())),
            _ => Ok(None),
        }
    }

    /// Processes in the cgroup.
    pub fn pids(&self) -> Vec<i32> {
        self.dir
            .as_ref()
            .and_then(|d| fs::read_to_string(d.join("cgroup.procs")).ok())
            .map(|s| s.lines().filter_map(|l| l.trim().parse().ok()).collect())
            .unwrap_or_default()
    }

    /// Removes its directories (v2, and the v1 ones it has), waiting briefly
    /// for exiting processes to leave.
    pub fn remove(&self) -> io::Result<()> {
        for d in V1_CONTROLLERS.iter().filter_map(|c| self.v1_dir(c)) {
            remove_dir(&d)?;
        }
        match &self.dir {
            Some(d) => remove_dir(d),
            None => Ok(()),
        }
    }
}

/// Makes the process calling it a member of the cgroups whose `cgroup.procs`
/// are `procs` (the container's process, before anything else).
pub fn join_v1(procs: &[OwnedFd]) -> io::Result<()> {
    for fd in procs {
        nix::unistd::write(fd, b"0")?;
    }
    Ok(())
}

/// Waits until `file` says what `done` looks for (the kernel freezes and
/// thaws asynchronously).
fn wait_for(file: &Path, done: impl Fn(&str) -> bool) -> Result<(), CgroupError> {
    let mut now = String::new();
    for _ in 0..5000 {
        now = fs::read_to_string(file).map_err(at(file))?;
        if done(&now) {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    Err(CgroupError::Stuck {
        path: file.to_path_buf(),
        state: now.trim().to_string(),
    })
}

/// The v1 freezer: at `pause` the cgroup `dir` is made and every process in
/// the PID namespace of `pid` moved into it, then it is frozen. A process
/// forked meanwhile is moved on the next round; one that joins a frozen
/// cgroup is frozen at once. At `unpause` it is thawed (its processes stay).
fn freeze_v1(dir: &Path, frozen: bool, pid: i32) -> Result<(), CgroupError> {
    let state = dir.join("freezer.state");
    if !frozen {
        fs::write(&state, "THAWED").map_err(at(&state))?;
        return wait_for(&state, |s| s.trim() == "THAWED");
    }
    for d in [dir.parent().unwrap_or(dir), dir] {
        match fs::create_dir(d) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(at(d)(e)),
            _ => {}
        }
    }
    let procs = open_procs(dir)?;
    let ns = fs::read_link(format!("/proc/{pid}/ns/pid"))
        .map_err(at(Path::new(&format!("/proc/{pid}/ns/pid"))))?;
    let mut moved = std::collections::HashSet::new();
    loop {
        let members: Vec<i32> = fs::read_dir("/proc")
            .map_err(at(Path::new("/proc")))?
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
            .filter(|p| !moved.contains(p))
            .filter(|p| fs::read_link(format!("/proc/{p}/ns/pid")).ok().as_ref() == Some(&ns))
            .collect();
        if members.is_empty() {
            break;
        }
        for p in members {
            // A process that exited meanwhile is no error.
            match nix::unistd::write(&procs, p.to_string().as_bytes()) {
                Ok(_) | Err(nix::errno::Errno::ESRCH) => {}
                Err(e) => return Err(at(&dir.join("cgroup.procs"))(e.into())),
            }
            moved.insert(p);
        }
        fs::write(&state, "FROZEN").map_err(at(&state))?;
    }
    fs::write(&state, "FROZEN").map_err(at(&state))?;
    wait_for(&state, |s| s.trim() == "FROZEN")
}

fn open_procs(dir: &Path) -> Result<OwnedFd, CgroupError> {
    let p = dir.join("cgroup.procs");
    Ok(fs::OpenOptions::new()
        .write(true)
        .open(&p)
        .map_err(at(&p))?
        .into())
}

/// Writes every file; one that fails is tried again after the rest, for
/// limits that must change in a certain order (v1's memory limit may not
/// exceed memory+swap, so raising both needs memsw first). Files the kernel
/// lacks (memsw without swap accounting) are skipped when optional.
fn write_all(writes: &[(PathBuf, String)]) -> Result<(), CgroupError> {
    let mut failed = Vec::new();
    for (path, value) in writes {
        let optional =
            path.ends_with("memory.memsw.limit_in_bytes") || path.ends_with("memory.swap.max");
        if optional && !path.exists() {
            continue;
        }
        if fs::write(path, value).is_err() {
            failed.push((path, value));
        }
    }
    for (path, value) in failed {
        fs::write(path, value).map_err(|e| CgroupError::Io {
            path: path.clone(),
            source: io::Error::new(e.kind(), format!("writing {value:?}: {e}")),
        })?;
    }
    Ok(())
}

/// A new v1 cpuset cgroup starts with no CPUs and no memory nodes: it gets
/// its parent's, as docker does, before its own are set.
fn inherit_cpuset(dir: &Path) -> Result<(), CgroupError> {
    let parent = dir.parent().unwrap_or(dir);
    for file in ["cpuset.mems", "cpuset.cpus"] {
        let mine = dir.join(file);
        if fs::read_to_string(&mine)
            .unwrap_or_default()
            .trim()
            .is_empty()
        {
            let theirs = fs::read_to_string(parent.join(file)).map_err(at(parent))?;
            fs::write(&mine, theirs.trim()).map_err(at(&mine))?;
        }
    }
    Ok(())
}

/// On v2, the controllers must be available where rctl enables them: the
/// root's (root's `rctl` directory) or the parent systemd delegated (rootless).
fn check_delegated(dir: &Path, wanted: &[&str]) -> Result<(), CgroupError> {
    let mut top = dir.parent().unwrap_or(dir);
    if top == Path::new(ROOT).join("rctl") {
        top = Path::new(ROOT);
    }
    let file = top.join("cgroup.controllers");
    let have = fs::read_to_string(&file).map_err(at(&file))?;
    let have: Vec<&str> = have.split_whitespace().collect();
    match wanted.iter().find(|c| !have.contains(c)) {
        Some(c) => Err(CgroupError::NotDelegated(c.to_string())),
        None => Ok(()),
    }
}

/// Removes one cgroup directory, waiting briefly for exiting processes.
fn remove_dir(d: &Path) -> io::Result<()> {
    let mut result = Ok(());
    for _ in 0..200 {
        result = match fs::remove_dir(d) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            r => r,
        };
        if result.is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    result.map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", d.display())))
}

/// On v2, the parent of the user's own cgroup when the user may make
/// cgroups in it (a subtree systemd delegated, as `user@UID.service`).
fn delegated_v2_parent() -> Option<PathBuf> {
    let own = fs::read_to_string("/proc/self/cgroup").ok()?;
    let rel = own.lines().find_map(|l| l.strip_prefix("0::"))?;
    let dir = Path::new(ROOT).join(rel.trim_start_matches('/'));
    let parent = dir.parent()?.to_path_buf();
    nix::unistd::access(&parent, nix::unistd::AccessFlags::W_OK).ok()?;
    Some(parent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res() -> Resources {
        Resources {
            memory: Some(32 << 20),
            pids_limit: Some(20),
            ..Default::default()
        }
    }

    fn writes(p: &Plan) -> Vec<(&str, &str)> {
        p.writes
            .iter()
            .map(|(f, v)| (f.to_str().unwrap(), v.as_str()))
            .collect()
    }

    #[test]
    fn no_limits_no_work() {
        let cg = Cgroup {
            dir: Some("/sys/fs/cgroup/unified/rctl/abc".into()),
            v1: Some("rctl/abc".into()),
        };
        assert_eq!(cg.plan(&Resources::default()).unwrap(), Plan::default());
    }

    #[test]
    fn v1_limits_go_under_each_controller() {
        let cg = Cgroup {
            dir: Some("/sys/fs/cgroup/unified/rctl/abc".into()),
            v1: Some("rctl/abc".into()),
        };
        let p = cg.plan(&res()).unwrap();
        let dirs: Vec<_> = p.dirs.iter().map(|d| d.to_str().unwrap()).collect();
        assert_eq!(
            dirs,
            [
                "/sys/fs/cgroup/memory/rctl",
                "/sys/fs/cgroup/memory/rctl/abc",
                "/sys/fs/cgroup/pids/rctl",
                "/sys/fs/cgroup/pids/rctl/abc"
            ]
        );
        assert_eq!(
            writes(&p),
            [
                (
                    "/sys/fs/cgroup/memory/rctl/abc/memory.limit_in_bytes",
                    "33554432"
                ),
                (
                    "/sys/fs/cgroup/memory/rctl/abc/memory.memsw.limit_in_bytes",
                    "67108864"
                ),
                ("/sys/fs/cgroup/pids/rctl/abc/pids.max", "20"),
            ]
        );
    }

    #[test]
    fn v2_root_enables_controllers_then_writes() {
        let cg = Cgroup {
            dir: Some("/sys/fs/cgroup/rctl/abc".into()),
            v1: None,
        };
        let p = cg.plan(&res()).unwrap();
        assert!(p.dirs.is_empty());
        assert_eq!(
            writes(&p),
            [
                ("/sys/fs/cgroup/cgroup.subtree_control", "+memory +pids"),
                (
                    "/sys/fs/cgroup/rctl/cgroup.subtree_control",
                    "+memory +pids"
                ),
                ("/sys/fs/cgroup/rctl/abc/memory.max", "33554432"),
                ("/sys/fs/cgroup/rctl/abc/memory.swap.max", "33554432"),
                ("/sys/fs/cgroup/rctl/abc/pids.max", "20"),
            ]
        );
    }

    #[test]
    fn v2_rootless_uses_the_delegated_parent() {
        let parent = "/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/user.slice";
        let cg = Cgroup {
            dir: Some(format!("{parent}/rctl-abc").into()),
            v1: None,
        };
        let r = Resources {
            cpus: Some(1.5),
            cpu_shares: Some(1024),
            ..Default::default()
        };
        let p = cg.plan(&r).unwrap();
        assert_eq!(
            writes(&p),
            [
                (&*format!("{parent}/cgroup.subtree_control"), "+cpu"),
                (&*format!("{parent}/rctl-abc/cpu.max"), "150000 100000"),
                (&*format!("{parent}/rctl-abc/cpu.weight"), "100"),
            ]
        );
    }

    #[test]
    fn v2_freeze_is_preferred_then_the_v1_freezer() {
        let hybrid = Cgroup {
            dir: Some("/sys/fs/cgroup/unified/rctl/abc".into()),
            v1: Some("rctl/abc".into()),
        };
        let all = |_: &Path| true;
        assert_eq!(
            hybrid.freezer(all),
            Some(Freezer::V2("/sys/fs/cgroup/unified/rctl/abc".into()))
        );
        // A kernel without cgroup.freeze: the v1 freezer, when mounted.
        let no_v2_freeze = |p: &Path| !p.ends_with("cgroup.freeze");
        assert_eq!(
            hybrid.freezer(no_v2_freeze),
            Some(Freezer::V1("/sys/fs/cgroup/freezer/rctl/abc".into()))
        );
        let pure_v1 = Cgroup {
            dir: None,
            v1: Some("rctl/abc".into()),
        };
        assert_eq!(
            pure_v1.freezer(|p| p == Path::new("/sys/fs/cgroup/freezer/cgroup.procs")),
            Some(Freezer::V1("/sys/fs/cgroup/freezer/rctl/abc".into()))
        );
        assert_eq!(pure_v1.freezer(|_| false), None, "no freezer mounted");
        assert_eq!(Cgroup::default().freezer(all), None, "rootless on v1");
    }

    #[test]
    fn rootless_v1_cannot_limit() {
        let cg = Cgroup::default();
        assert!(matches!(cg.plan(&res()), Err(CgroupError::RootlessV1)));
        assert!(cg.plan(&Resources::default()).is_ok());
    }
}
