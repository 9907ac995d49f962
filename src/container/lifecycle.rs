//! A container's life on the store: create it, start it, record how it ends,
//! remove it. The process itself is made by [`super::launch`]; this module
//! turns store records into a [`Launch`] and keeps `state.json` true.

use std::os::fd::AsFd;

use chrono::Utc;
use nix::sys::signal::{SigSet, SigmaskHow, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::Pid;

use super::cgroup::Cgroup;
use super::idmap::{self, IdRange, OwnUserns, UsernsMode};
use super::keepid::{self, KeepIdError};
use super::launch::{self, Launch, LaunchError, Process, ProcessSpec, Stdio};
use super::mounts::{self, PlanInput, Rootfs};
use super::security::{self, ProcessSecurity, SecurityError};
use super::spec::{self, CreateOptions, SpecError};
use super::{userdata, volumes};
use crate::image::config::{self as image_config, ConfigError};
use crate::image::digest::Digest;
use crate::net::network::NetError;
use crate::net::private::Server;
use crate::net::{attach, forward, nat};
use crate::storage::Store;
use crate::storage::containers::{self, ContainerError, ContainerRecord, ContainerState, Status};
use crate::storage::images::ImageError;

/// Errors of the container life cycle.
#[derive(Debug, thiserror::Error)]
pub enum LifecycleError {
    /// A record could not be read or written.
    #[error(transparent)]
    Store(#[from] ContainerError),
    /// The image could not be read.
    #[error(transparent)]
    Image(#[from] ImageError),
    /// The image's config is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The security settings are invalid.
    #[error(transparent)]
    Security(#[from] SecurityError),
    /// The settings are invalid.
    #[error(transparent)]
    Spec(#[from] SpecError),
    /// The process did not start.
    #[error(transparent)]
    Launch(#[from] LaunchError),
    /// The network is unknown or has no address left.
    #[error(transparent)]
    Net(#[from] NetError),
    /// A published port could not be bound.
    #[error(transparent)]
    Ports(#[from] crate::net::forward::ForwardError),
    /// A volume or mount could not be set up.
    #[error(transparent)]
    Mount(#[from] volumes::MountError),
    /// `--userns=keep-id` cannot be set up.
    #[error(transparent)]
    KeepId(#[from] KeepIdError),
    /// The container is running and the operation needs it stopped.
    #[error("container {0} is running")]
    Running(String),
    /// A system call failed.
    #[error("{what}: {source}")]
    Os {
        /// What was being done.
        what: String,
        /// The cause.
        source: std::io::Error,
    },
}

impl LifecycleError {
    /// The exit code podman gives for this error (126/127 for a command that
    /// cannot run, 125 otherwise).
    pub fn exit_code(&self) -> i32 {
        match self {
            LifecycleError::Launch(e) => e.exit_code(),
            _ => 125,
        }
    }
}

fn os(what: &str) -> impl FnOnce(std::io::Error) -> LifecycleError + '_ {
    move |source| LifecycleError::Os {
        what: what.to_string(),
        source,
    }
}

/// Creates a container from image `image_id` (named `image_name` by the user).
pub fn create(
    store: &Store,
    image_id: &Digest,
    image_name: &str,
    name: Option<&str>,
    opts: &CreateOptions,
) -> Result<ContainerRecord, LifecycleError> {
    let image = store.image(image_id)?;
    let config_bytes = store
        .blob(image_id)
        .map_err(os("reading the image config"))?;
    let config = image_config::parse(&config_bytes)?;
    let id = containers::new_id();
    let mut spec = spec::build(&config, opts, &id)?;
    attach::check_mode(store, &spec.network)?;
    let shared_from = match spec.network.strip_prefix("container:") {
        Some(other) => {
            let other = store.resolve_container(other)?;
            if opts.userns != UsernsMode::Caller {
                return Err(LifecycleError::Net(NetError::Invalid(
                    "--network container: cannot be combined with --userns".into(),
                )));
            }
            // Rootless, the network's namespace is entered through the
            // other's user namespace, whose ids do not suit our layers.
            if store.container(&other)?.config.keep_id.is_some() {
                return Err(LifecycleError::Net(NetError::Invalid(format!(
                    "--network container:{}: that container has --userns=keep-id, whose network cannot be shared",
                    &other[..12.min(other.len())]
                ))));
            }
            spec.network = format!("container:{other}");
            Some(other)
        }
        None => None,
    };
    if !spec.ports.is_empty() && shared_from.is_some() {
        return Err(LifecycleError::Net(NetError::Invalid(
            "port mappings cannot be set with --network container: publish them on the container whose network is shared".into(),
        )));
    }
    if !spec.ports.is_empty() {
        match spec.network.as_str() {
            "none" => {
                return Err(LifecycleError::Net(NetError::Invalid(
                    "port mappings need a network: --network none has none to publish from".into(),
                )));
            }
            // As podman: the container's ports already are the host's.
            "host" => {
                tracing::warn!("port mappings are discarded with --network host");
                spec.ports.clear();
            }
            _ => {}
        }
    }
    if spec.network == "host" && opts.hostname.is_none() {
        spec.hostname = nix::unistd::gethostname()
            .map(|h| h.to_string_lossy().into_owned())
            .unwrap_or(spec.hostname);
    }
    let first_name = match name {
        Some(n) => n.to_string(),
        None => containers::random_name(&id),
    };
    spec.driver = match store.driver() {
        crate::storage::Driver::Overlay => "overlay",
        crate::storage::Driver::Vfs => "vfs",
    }
    .into();
    // The id range is chosen and the container recorded under one lock, so
    // two containers made at once cannot take the same range.
    let _ids_lock = match opts.userns {
        UsernsMode::Auto(size) => {
            let (range, lock) = allocate_ids(store, size)?;
            spec.userns = Some(range);
            Some(lock)
        }
        _ => None,
    };
    if let UsernsMode::KeepId { uid, gid } = opts.userns {
        let image_volumes = config.config().as_ref().and_then(|c| c.volumes().clone());
        let mounted: Vec<&std::path::Path> = opts
            .volumes
            .specs
            .iter()
            .map(|m| m.destination.as_path())
            .chain(image_volumes.iter().flatten().map(std::path::Path::new))
            .collect();
        let k = keepid::settle(store.rootless(), uid, gid, &spec.working_dir, &mounted)?;
        // As podman: the user runs it, unless --user says otherwise.
        if opts.user.is_none() {
            spec.user = format!("{}:{}", k.uid, k.gid);
        }
        spec.keep_id = Some(k);
    }
    // Held until the container is recorded: no volume it names goes meanwhile.
    let volumes_lock = store
        .lock_volumes(crate::storage::lock::Mode::Shared)
        .map_err(volumes::MountError::from)?;
    let image_volumes = config
        .config()
        .as_ref()
        .and_then(|c| c.volumes().clone())
        .unwrap_or_default();
    spec.volumes = volumes::prepare(store, &image_volumes, &opts.volumes, spec.userns.as_ref())?;
    let mut rec = ContainerRecord {
        id: id.clone(),
        name: first_name,
        created: Utc::now(),
        image_id: image_id.clone(),
        image_name: image_name.to_string(),
        layers: image.layers.clone(),
        config: spec,
    };
    // A generated name that another container has already: the next try
    // adds a digit (as docker and podman do), then the id.
    let mut tries = 0;
    while let Err(e) = store.create_container(&rec) {
        match e {
            ContainerError::NameInUse { .. } if name.is_none() && tries < 10 => {
                rec.name = format!("{}{}", containers::random_name(&id), &id[tries..tries + 1]);
                tries += 1;
            }
            ContainerError::NameInUse { .. } if name.is_none() && tries == 10 => {
                rec.name = id[..12].to_string();
                tries += 1;
            }
            e => {
                drop(volumes_lock);
                volumes::remove_anonymous(store, &rec);
                return Err(e.into());
            }
        }
    }
    drop(volumes_lock);
    if let Some(k) = &rec.config.keep_id
        && let Err(e) = keepid::make_layer_copies(store, &rec.layers, k)
    {
        discard(store, &rec);
        return Err(e.into());
    }
    // The writable layer's root is the container's root directory: its
    // owner is the container's root, as on the image's layers.
    let root_owner = match (&rec.config.userns, &rec.config.keep_id) {
        (Some(ids), _) => Some((ids.uid, ids.gid)),
        (None, Some(k)) => Some(keepid::on_disk(k, 0, 0)),
        (None, None) => None,
    };
    if let Some((uid, gid)) = root_owner {
        let upper = store.container_dir(&id).join("upper");
        if let Err(e) = std::os::unix::fs::chown(&upper, Some(uid), Some(gid)) {
            discard(store, &rec);
            return Err(os("giving the writable layer to the container's root")(e));
        }
    }
    if rec.config.driver == "vfs" {
        let layers: Vec<std::path::PathBuf> = layer_dirs(store, &rec).into_iter().rev().collect();
        let layers: Vec<&std::path::Path> = layers.iter().map(|p| p.as_path()).collect();
        let dest = store.container_dir(&id).join("rootfs");
        let xattr = if store.rootless() { "user" } else { "trusted" };
        if let Err(e) =
            std::fs::create_dir(&dest).and_then(|()| super::vfs::materialize(&layers, &dest, xattr))
        {
            discard(store, &rec);
            return Err(os("copying the image's layers (vfs)")(e));
        }
    }
    let dir = store.container_dir(&id).join("userdata");
    let mut names = rec.config.names.clone();
    let user_mode = if crate::net::private::parse(&rec.config.network).is_some() {
        use crate::net::slirp::{CONTAINER_IP, DNS_IP, GATEWAY_IP};
        Some((CONTAINER_IP, GATEWAY_IP, DNS_IP))
    } else {
        crate::net::external::parse(&rec.config.network)
            .and_then(Result::ok)
            .and_then(|x| x.slirp_addresses())
    };
    if let Some((own, gateway, dns)) = user_mode {
        // The user-mode stack's addresses: its DNS forwarder, the host.
        if names.servers.is_empty() {
            names.servers = vec![dns.to_string()];
        }
        names.add_hosts.extend([
            format!("{}:{own}", rec.config.hostname),
            format!("host.containers.internal:{gateway}"),
        ]);
    }
    let written = userdata::write(
        &dir,
        &rec.config.hostname,
        &rec.name,
        rec.config.network == "host",
        &names,
    )
    .and_then(|()| match &shared_from {
        // The other container's names and resolvers go with its network.
        Some(other) => {
            let theirs = store.container_dir(other).join("userdata");
            for f in ["hosts", "resolv.conf"] {
                let src = theirs.join(f);
                if src.exists() && !(f == "hosts" && names.no_hosts) {
                    std::fs::copy(src, dir.join(f))?;
                }
            }
            Ok(())
        }
        None => Ok(()),
    });
    if let Err(e) = written {
        discard(store, &rec);
        return Err(os("writing /etc files")(e));
    }
    match attach::allocate(store, &rec, &opts.network_aliases, &opts.address) {
        Ok(a) => attach::refresh_hosts(store, &attach::names(&a), Some(&id)),
        Err(e) => {
            discard(store, &rec);
            return Err(e.into());
        }
    }
    Ok(rec)
}

/// Removes a container that failed (at create, or `--rm` at start), with
/// the anonymous volumes made for it.
pub fn discard(store: &Store, rec: &ContainerRecord) {
    let _ = store.remove_container_files(&rec.id);
    volumes::remove_anonymous(store, rec);
}

/// The id of the container whose network namespace `rec` joins
/// (`--network container:ID`).
fn joined_container(rec: &ContainerRecord) -> Option<&str> {
    rec.config.network.strip_prefix("container:")
}

/// A free range of `size` host ids for a container's user namespace, from
/// the subordinate ids of the user `containers`; returns it with the lock
/// that keeps it free until the container is recorded.
fn allocate_ids(
    store: &Store,
    size: u32,
) -> Result<(IdRange, crate::storage::lock::LockGuard), LifecycleError> {
    if store.rootless() {
        return Err(os("--userns=auto")(std::io::Error::other(
            "rootless containers already run in rctl's user namespace",
        )));
    }
    let lock = crate::storage::lock::lock(
        &store.root().join("userns.lock"),
        crate::storage::lock::Mode::Exclusive,
    )
    .map_err(os("locking the id ranges"))?;
    let read = |f: &str| std::fs::read_to_string(f).unwrap_or_default();
    let uids = crate::rootless::ranges(&read("/etc/subuid"), idmap::AUTO_USER, u32::MAX);
    let gids = crate::rootless::ranges(&read("/etc/subgid"), idmap::AUTO_USER, u32::MAX);
    let mut taken_u = Vec::new();
    let mut taken_g = Vec::new();
    for id in store.container_ids()? {
        if let Ok(Some(r)) = store.container(&id).map(|c| c.config.userns) {
            taken_u.push((r.uid, r.size));
            taken_g.push((r.gid, r.size));
        }
    }
    match (
        idmap::pick(&uids, &taken_u, size),
        idmap::pick(&gids, &taken_g, size),
    ) {
        (Some(uid), Some(gid)) => Ok((IdRange { uid, gid, size }, lock)),
        _ => Err(os("--userns=auto")(std::io::Error::other(format!(
            "no free range of {size} ids for user {:?} in /etc/subuid and /etc/subgid",
            idmap::AUTO_USER
        )))),
    }
}

/// The directories of `rec`'s layers, top layer first: keep-id's copies
/// for a keep-id container.
/// The overlay's lower directories, top first. A layer an image holds twice
/// (two steps that made the same change, or none) is given once, at its
/// topmost place: overlay refuses a directory twice (ELOOP), and the lower
/// copy changes nothing, as the upper one sets again every path it has.
fn layer_dirs(store: &Store, rec: &ContainerRecord) -> Vec<std::path::PathBuf> {
    let mut seen = std::collections::HashSet::new();
    rec.layers
        .iter()
        .rev()
        .filter(|l| seen.insert(*l))
        .map(|l| match &rec.config.keep_id {
            Some(k) => keepid::layer_copy(store, l, k),
            None => store.layer_dir(l).join("diff"),
        })
        .collect()
}

/// What it takes to start `rec`'s process.
pub fn plan(store: &Store, rec: &ContainerRecord) -> Launch {
    let dir = store.container_dir(&rec.id);
    let own_netns = rec.config.network != "host" && joined_container(rec).is_none();
    let sec = &rec.config.security;
    let mut mounts = mounts::plan(&PlanInput {
        userdata: dir.join("userdata"),
        // A joined network namespace is not the caller's either: sysfs
        // is mounted afresh to show its interfaces.
        own_netns: own_netns || joined_container(rec).is_some(),
        hosts: !rec.config.names.no_hosts,
    });
    security::add_mounts(&mut mounts, sec, rec.config.read_only);
    // The user's mounts last: a volume on /tmp wins over --read-only-tmpfs.
    mounts.extend(volumes::launch_mounts(store, rec));
    Launch {
        rootfs: Rootfs {
            lower: layer_dirs(store, rec),
            upper: dir.join("upper"),
            work: dir.join("work"),
            target: dir.join("merged"),
            userxattr: store.rootless(),
            vfs: (rec.config.driver == "vfs").then(|| dir.join("rootfs")),
            mount_program: store.mount_program().map(std::path::Path::to_path_buf),
            fuse: super::mounts::open_fuse(store.mount_program()),
        },
        mounts,
        copy_up: Vec::new(),
        hostname: rec.config.hostname.clone(),
        read_only: rec.config.read_only,
        own_netns,
        join_netns: None,
        wait_for_parent: false,
        // keep-id's namespace is nested in the caller's: `start` makes it.
        userns: rec.config.userns.as_ref().map(OwnUserns::auto),
        keep_id: rec.config.keep_id.clone(),
        device_rules: security::devices::allow_list(
            sec,
            store.rootless(),
            security::devices::host_node,
        ),
        cgroup: Cgroup::for_container(&rec.id, store.rootless()),
        security: security::Setup::new(sec),
        resources: rec.config.resources.clone(),
        process: ProcessSpec {
            argv: rec.config.argv(),
            env: rec.config.env.clone(),
            cwd: rec.config.working_dir.clone(),
            user: rec.config.user.clone(),
            tty: rec.config.tty,
            winsize: None,
            init: rec.config.init,
            caps: security::capabilities(sec),
            // `start` fills this in (and compiles the seccomp filter).
            security: ProcessSecurity::default(),
        },
    }
}

/// A running container process and what its life needs cleaning up.
pub struct Started {
    /// The process.
    pub process: Process,
    /// Its cgroup, removed at the end.
    pub cgroup: Cgroup,
    /// What serves its user-mode network (`--network private`,
    /// `slirp4netns`, `pasta`), which must live as long as it does.
    pub network: Option<Server>,
    /// Host ports carried by the kernel (DNAT), bound unused while it runs.
    pub reserved_ports: Option<forward::Listeners>,
}

/// Starts `rec`: checks it is not running, makes its cgroup, launches its
/// process, and records it running with `monitor_pid` (0: the caller is the
/// container's parent in the foreground). The container lock is held only for
/// this, not while the container runs.
pub fn start(
    store: &Store,
    rec: &ContainerRecord,
    stdio: [Stdio; 3],
    monitor_pid: i32,
    winsize: Option<(u16, u16)>,
) -> Result<Started, LifecycleError> {
    let _lock = store.lock_container(&rec.id)?;
    let mut st = store.live_state(&rec.id)?;
    if matches!(st.status, Status::Running | Status::Paused) {
        return Err(LifecycleError::Running(rec.name.clone()));
    }
    let mut l = plan(store, rec);
    if store.rootless() {
        security::devices::warn_rootless(&rec.config.security.devices);
    }
    if let Some(k) = &rec.config.keep_id {
        l.userns = Some(keepid::userns(k)?);
    }
    l.process.winsize = winsize;
    l.process.security = ProcessSecurity::new(&rec.config.security, &l.process.caps)?;
    let (copy_up, _copy_locks) =
        volumes::pending_copy_ups(store, rec).map_err(volumes::MountError::from)?;
    l.copy_up = copy_up;
    if let Some(other) = joined_container(rec) {
        let theirs = store.live_state(other)?;
        if !matches!(theirs.status, Status::Running | Status::Paused) {
            return Err(LifecycleError::Net(NetError::Invalid(format!(
                "--network container:{}: that container is not running",
                &other[..12.min(other.len())]
            ))));
        }
        let path = format!("/proc/{}/ns/net", theirs.pid);
        let ns = std::fs::File::open(&path).map_err(os(&format!("opening {path}")))?;
        l.join_netns = Some(std::sync::Arc::new(ns.into()));
    }
    let links = attach::links(store, rec)?;
    let private = crate::net::private::parse(&rec.config.network).transpose()?;
    let external = crate::net::external::parse(&rec.config.network).transpose()?;
    // Host ports are bound before the container exists: a port in use is an
    // error before anything runs, and ports left as 0 get free ones.
    let (listeners, published) = forward::bind(&rec.config.ports)?;
    l.wait_for_parent =
        !links.is_empty() || private.is_some() || external.is_some() || !listeners.is_empty();
    // A rootful bridge container's ports are the kernel's (DNAT); the host
    // ports stay bound, unused, for as long as it runs, so none can take them.
    let kernel_ports = nat::carries(store, rec);
    let own_forwards: Vec<nat::Forward> = match links.first() {
        Some(link) if kernel_ports => published
            .iter()
            .map(|m| nat::Forward {
                mapping: m.clone(),
                container: link.ip,
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut stack = None;
    let mut listeners = Some(listeners);
    let mut reserved = None;
    let mut connect = |pid: Pid| {
        let setup = |e: String| LaunchError::Setup(format!("network of {}: {e}", rec.name));
        let made_bridge = !links.is_empty()
            && crate::net::bridge::connect(pid.as_raw(), &links)
                .map_err(|e| setup(e.to_string()))?;
        if made_bridge || kernel_ports {
            nat::refresh(store, &own_forwards);
        }
        if let Some(o) = &private {
            stack = Some(Server::Own(
                crate::net::private::start(pid.as_raw(), o).map_err(|e| setup(e.to_string()))?,
            ));
        }
        if let Some(x) = &external {
            stack = Some(Server::Helper(
                crate::net::external::start(pid.as_raw(), x).map_err(|e| setup(e.to_string()))?,
            ));
        }
        match listeners.take() {
            Some(l) if kernel_ports => reserved = Some(l),
            Some(l) => l.serve(pid.as_raw()).map_err(|e| setup(e.to_string()))?,
            None => {}
        }
        Ok(())
    };
    let process = match launch::spawn_with(&l, stdio, &mut connect) {
        Ok(p) => p,
        Err(e) => {
            let _ = l.cgroup.remove();
            if kernel_ports {
                nat::refresh(store, &[]);
            }
            st.error = e.to_string();
            st.status = if st.started_at.is_some() {
                Status::Exited
            } else {
                Status::Created
            };
            st.exit_code = e.exit_code();
            store.set_container_state(&rec.id, &st)?;
            return Err(e.into());
        }
    };
    if let Err(e) = volumes::copied(store, &l.copy_up) {
        tracing::warn!("{e}");
    }
    let pid = process.pid.as_raw();
    st = ContainerState {
        status: Status::Running,
        pid,
        pid_start: containers::process_start(pid).unwrap_or(0),
        monitor_pid,
        monitor_start: if monitor_pid > 0 {
            containers::process_start(monitor_pid).unwrap_or(0)
        } else {
            0
        },
        started_at: Some(Utc::now()),
        finished_at: None,
        exit_code: 0,
        oom_killed: false,
        error: String::new(),
        restart_count: st.restart_count,
        ports: published,
    };
    store.set_container_state(&rec.id, &st)?;
    attach::refresh_hosts(store, &attach::names(&attach::load(store, &rec.id)), None);
    Ok(Started {
        process,
        cgroup: l.cgroup,
        network: stack,
        reserved_ports: reserved,
    })
}

/// Records that `rec` exited with `code`, removes its cgroup, and removes
/// the container too when it was made with `--rm`.
pub fn finish(
    store: &Store,
    rec: &ContainerRecord,
    cgroup: &Cgroup,
    code: i32,
) -> Result<(), LifecycleError> {
    {
        let _lock = store.lock_container(&rec.id)?;
        let mut st = store.container_state(&rec.id)?;
        st.status = Status::Exited;
        st.exit_code = code;
        st.oom_killed = cgroup.oom_killed();
        st.pid = 0;
        st.monitor_pid = 0;
        st.finished_at = Some(Utc::now());
        store.set_container_state(&rec.id, &st)?;
    }
    attach::refresh_hosts(store, &attach::names(&attach::load(store, &rec.id)), None);
    if nat::carries(store, rec) {
        nat::refresh(store, &[]);
    }
    if let Err(e) = cgroup.remove() {
        tracing::warn!("removing the cgroup of {}: {e}", rec.name);
    }
    if rec.config.auto_remove {
        store.remove_container_files(&rec.id)?;
        volumes::remove_anonymous(store, rec);
    }
    Ok(())
}

/// The exit code for a wait status: the process's own, or 128+N for signal N.
pub fn exit_code(status: WaitStatus) -> Option<i32> {
    match status {
        WaitStatus::Exited(_, c) => Some(c),
        WaitStatus::Signaled(_, s, _) => Some(128 + s as i32),
        _ => None,
    }
}

/// Signals a foreground rctl passes on to the container.
pub fn forwarded_signals() -> SigSet {
    let mut set = SigSet::empty();
    for s in [
        Signal::SIGINT,
        Signal::SIGTERM,
        Signal::SIGHUP,
        Signal::SIGQUIT,
        Signal::SIGUSR1,
        Signal::SIGUSR2,
    ] {
        set.add(s);
    }
    set
}

/// Runs `rec` with rctl as its parent, its standard streams handed over as
/// they are (no copying, no log): the fast path of `run` in the foreground.
/// Signals rctl receives go to the container. Returns the exit code.
pub fn run_direct(
    store: &Store,
    rec: &ContainerRecord,
    stdio: [Stdio; 3],
) -> Result<i32, LifecycleError> {
    let signals = forwarded_signals();
    signals
        .thread_block()
        .map_err(|e| os("blocking signals")(e.into()))?;
    let started = start(store, rec, stdio, std::process::id() as i32, None);
    let started = match started {
        Ok(s) => s,
        Err(e) => {
            let _ = signals.thread_unblock();
            if rec.config.auto_remove {
                discard(store, rec);
            }
            return Err(e);
        }
    };
    let code = wait_forwarding(&started.process, &signals)?;
    let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_UNBLOCK, Some(&signals), None);
    finish(store, rec, &started.cgroup, code)?;
    Ok(code)
}

/// Waits for `p` (our child) to exit, sending it every signal in `signals`
/// that arrives; the caller has blocked them.
pub fn wait_forwarding(p: &Process, signals: &SigSet) -> Result<i32, LifecycleError> {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    let sfd = SignalFd::with_flags(signals, SfdFlags::SFD_CLOEXEC)
        .map_err(|e| os("signalfd")(e.into()))?;
    loop {
        let mut fds = [
            PollFd::new(sfd.as_fd(), PollFlags::POLLIN),
            PollFd::new(p.pidfd.as_fd(), PollFlags::POLLIN),
        ];
        match poll(&mut fds, PollTimeout::NONE) {
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(os("poll")(e.into())),
            Ok(_) => {}
        }
        if fds[0].any().unwrap_or(false)
            && let Ok(Some(info)) = sfd.read_signal()
            && let Ok(sig) = Signal::try_from(info.ssi_signo as i32)
        {
            let _ = nix::sys::signal::kill(p.pid, sig);
        }
        if fds[1].any().unwrap_or(false) {
            return reap(p.pid);
        }
    }
}

/// Collects `pid`'s exit.
pub fn reap(pid: Pid) -> Result<i32, LifecycleError> {
    loop {
        match waitpid(pid, None) {
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(os("waitpid")(e.into())),
            Ok(st) => {
                if let Some(code) = exit_code(st) {
                    return Ok(code);
                }
            }
        }
    }
}
