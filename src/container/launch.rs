//! Starting a container's process: one clone(2) into new namespaces, a
//! straight line of setup in the child (cgroup, mounts, pivot_root, user,
//! capabilities), then exec.
//!
//! The parent learns the outcome over a close-on-exec socket: the child sends
//! its terminal's master end (for `-t`) and, if anything fails, a typed error;
//! end-of-file means exec succeeded. The parent never waits on a signal or a
//! timer for this. The child is a fork of a single-threaded process, so it may
//! allocate; it never returns into the caller's code (every path ends in
//! exec or `_exit`).

use std::ffi::CString;
use std::io::{self, IoSlice, IoSliceMut};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::mount::{MntFlags, MsFlags};
use nix::sched::CloneFlags;
use nix::sys::signal::{SigSet, SigmaskHow, Signal};
use nix::sys::socket::{
    AddressFamily, ControlMessage, ControlMessageOwned, MsgFlags, SockFlag, SockType, recvmsg,
    sendmsg, socketpair,
};
use nix::unistd::{Gid, Pid, Uid};
use serde::{Deserialize, Serialize};

use super::cgroup::Cgroup;
use super::mounts::{self, Mount, Rootfs};
use super::{caps, inroot, passwd};

/// The process to run: shared by a container's first process and `exec`.
#[derive(Clone, Debug)]
pub struct ProcessSpec {
    /// argv; `argv[0]` is looked up in the container's PATH.
    pub argv: Vec<String>,
    /// Environment.
    pub env: Vec<String>,
    /// Working directory (created if missing).
    pub cwd: String,
    /// User spec, resolved in the container's /etc/passwd.
    pub user: String,
    /// Give the process a terminal.
    pub tty: bool,
    /// The terminal's size (rows, columns), set before the process starts.
    pub winsize: Option<(u16, u16)>,
    /// Run a reaper as PID 1 with the process as its child (first process only).
    pub init: bool,
    /// Capabilities the process keeps (bounding set).
    pub caps: Vec<u32>,
    /// Seccomp filters, no_new_privs, more groups, ambient capabilities.
    pub security: super::security::ProcessSecurity,
}

/// Everything a container's first process needs, decided by the parent.
#[derive(Clone, Debug)]
pub struct Launch {
    /// The root filesystem overlay.
    pub rootfs: Rootfs,
    /// Mounts on top of it.
    pub mounts: Vec<Mount>,
    /// New volumes that get the image's files before they are mounted.
    pub copy_up: Vec<super::volumes::CopyUp>,
    /// Host name.
    pub hostname: String,
    /// Mount the root filesystem read-only.
    pub read_only: bool,
    /// Make a new network namespace (false: the caller's network, or the
    /// one of `join_netns`).
    pub own_netns: bool,
    /// Join this network namespace (another container's, opened by the
    /// parent: `--network container:NAME`).
    pub join_netns: Option<std::sync::Arc<OwnedFd>>,
    /// The child waits, before its command runs, until the parent has done
    /// its part from outside (the `before_exec` of [`spawn_with`]: network
    /// interfaces moved into the new namespace).
    pub wait_for_parent: bool,
    /// Give it a user namespace of its own.
    pub userns: Option<super::idmap::OwnUserns>,
    /// `--userns=keep-id`: the user's /etc/passwd and /etc/group entries
    /// are added when missing.
    pub keep_id: Option<super::keepid::KeepId>,
    /// The device allow list (none: `--privileged` or rootless).
    pub device_rules: Option<Vec<super::security::devices::Rule>>,
    /// The cgroup to place it in.
    pub cgroup: Cgroup,
    /// Sysctls, masked and read-only paths.
    pub security: super::security::Setup,
    /// Its limits: cgroup files written before it starts, rlimits and OOM
    /// score set by the process itself before its command runs.
    pub resources: super::resources::Resources,
    /// The process.
    pub process: ProcessSpec,
}

/// A process to start inside a running container (`exec`).
#[derive(Clone, Debug)]
pub struct Join {
    /// The container's first process, whose namespaces are joined.
    pub pid: i32,
    /// The container's cgroup.
    pub cgroup: Cgroup,
    /// The process.
    pub process: ProcessSpec,
}

/// What a standard stream of the process is connected to (without `-t`).
#[derive(Clone, Copy, Debug)]
pub enum Stdio {
    /// The caller's descriptor, handed over as is.
    Inherit(RawFd),
    /// /dev/null (inside the container).
    Null,
    /// A pipe whose other end the caller gets.
    Pipe,
}

/// A started container process.
#[derive(Debug)]
pub struct Process {
    /// Its PID on the host (in the caller's PID namespace).
    pub pid: Pid,
    /// A pidfd for it: readable when it exits.
    pub pidfd: OwnedFd,
    /// The terminal's master end, with `-t`.
    pub pty: Option<OwnedFd>,
    /// Write end of its standard input, for [`Stdio::Pipe`].
    pub stdin: Option<OwnedFd>,
    /// Read end of its standard output, for [`Stdio::Pipe`].
    pub stdout: Option<OwnedFd>,
    /// Read end of its standard error, for [`Stdio::Pipe`].
    pub stderr: Option<OwnedFd>,
}

/// Why the process did not start; the exit code follows podman's.
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    /// Setting up the container failed (125).
    #[error("{0}")]
    Setup(String),
    /// The command was not found (127).
    #[error("{0}")]
    NotFound(String),
    /// The command could not be run (126).
    #[error("{0}")]
    CannotInvoke(String),
}

impl LaunchError {
    /// The exit code podman gives for this failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            LaunchError::Setup(_) => 125,
            LaunchError::NotFound(_) => 127,
            LaunchError::CannotInvoke(_) => 126,
        }
    }
}

/// A message from the child to the parent.
#[derive(Serialize, Deserialize)]
enum Report {
    /// Setup or exec failed; `code` is 125, 126 or 127.
    Failed { code: i32, message: String },
}

/// Tag bytes on the sync socket.
const TAG_PTY: u8 = b'P';
const TAG_REPORT: u8 = b'R';
const TAG_ROOTFS: u8 = b'M';
const TAG_GO: u8 = b'G';
const TAG_MAPS: u8 = b'U';

fn setup_err(what: &str) -> impl Fn(io::Error) -> LaunchError + '_ {
    move |e| LaunchError::Setup(format!("{what}: {e}"))
}

/// Starts the container process described by `l` with standard streams
/// `stdio` (ignored with `-t`: all three are the terminal). The caller must
/// be single-threaded (a fork of a threaded process could inherit held locks).
pub fn spawn(l: &Launch, stdio: [Stdio; 3]) -> Result<Process, LaunchError> {
    spawn_with(l, stdio, &mut |_| Ok(()))
}

/// [`spawn`], with `before_exec` run in the parent once the child exists in
/// its namespaces and before its command runs (when `l.wait_for_parent`).
/// An error from it kills the child and is returned.
pub fn spawn_with(
    l: &Launch,
    stdio: [Stdio; 3],
    before_exec: &mut dyn FnMut(Pid) -> Result<(), LaunchError>,
) -> Result<Process, LaunchError> {
    let mut flags = CloneFlags::CLONE_NEWNS
        | CloneFlags::CLONE_NEWPID
        | CloneFlags::CLONE_NEWUTS
        | CloneFlags::CLONE_NEWIPC;
    if l.own_netns {
        flags |= CloneFlags::CLONE_NEWNET;
    }
    if l.userns.is_some() {
        flags |= CloneFlags::CLONE_NEWUSER;
    }
    let cgroup = l
        .cgroup
        .create()
        .map_err(setup_err("creating the cgroup"))?;
    let mut v1 = l
        .cgroup
        .limit(&l.resources)
        .map_err(|e| LaunchError::Setup(e.to_string()))?;
    // The device allow list, on the v2 cgroup before the child is born in
    // it; the v1 devices cgroup only where there is no v2 one.
    match (&l.device_rules, &cgroup) {
        (Some(rules), Some(dir)) => {
            super::security::device_filter::attach(dir.as_fd(), rules)
                .map_err(|e| LaunchError::Setup(e.to_string()))?;
        }
        (Some(rules), None) => v1.extend(
            l.cgroup
                .allow_devices(rules)
                .map_err(|e| LaunchError::Setup(e.to_string()))?,
        ),
        (None, _) => {}
    }
    start(Target::New(l), flags, (cgroup, v1), stdio, before_exec)
}

/// Starts `j`'s process in the running container `j.pid`: it joins the
/// container's namespaces and cgroup. The caller must be single-threaded.
pub fn spawn_in(j: &Join, stdio: [Stdio; 3]) -> Result<Process, LaunchError> {
    let ns = |name: &str| -> Result<OwnedFd, LaunchError> {
        Ok(std::fs::File::open(format!("/proc/{}/ns/{name}", j.pid))
            .map_err(setup_err("opening the container's namespaces"))?
            .into())
    };
    // A container in another user namespace (rootless) is entered through it first.
    if !same_ns(j.pid, "user") {
        nix::sched::setns(ns("user")?, CloneFlags::CLONE_NEWUSER)
            .map_err(|e| setup_err("joining the user namespace")(e.into()))?;
    }
    // The PID namespace applies to children: join it here, the rest in the child.
    nix::sched::setns(ns("pid")?, CloneFlags::CLONE_NEWPID)
        .map_err(|e| setup_err("joining the PID namespace")(e.into()))?;
    let joins = JoinFds {
        ipc: ns("ipc")?,
        uts: ns("uts")?,
        net: ns("net")?,
        cgroup: ns("cgroup")?,
        mnt: ns("mnt")?,
    };
    let cgroup = j.cgroup.open().map_err(setup_err("opening the cgroup"))?;
    let v1 = j
        .cgroup
        .v1_procs()
        .map_err(|e| LaunchError::Setup(e.to_string()))?;
    start(
        Target::Join(j, &joins),
        CloneFlags::empty(),
        (cgroup, v1),
        stdio,
        &mut |_| Ok(()),
    )
}

/// Whether we share namespace `kind` with process `pid`.
fn same_ns(pid: i32, kind: &str) -> bool {
    let id = |p: String| std::fs::read_link(p).ok();
    id(format!("/proc/self/ns/{kind}")) == id(format!("/proc/{pid}/ns/{kind}"))
}

/// The namespaces a joining process enters in the child.
struct JoinFds {
    ipc: OwnedFd,
    uts: OwnedFd,
    net: OwnedFd,
    cgroup: OwnedFd,
    mnt: OwnedFd,
}

/// What the child sets up before running the process.
enum Target<'a> {
    /// A new container.
    New(&'a Launch),
    /// A process in a running container.
    Join(&'a Join, &'a JoinFds),
}

impl Target<'_> {
    fn process(&self) -> &ProcessSpec {
        match self {
            Target::New(l) => &l.process,
            Target::Join(j, _) => &j.process,
        }
    }
}

/// `cgroups`: the v2 cgroup to clone into, and the `cgroup.procs` of v1
/// cgroups the child joins first thing.
fn start(
    target: Target<'_>,
    flags: CloneFlags,
    cgroups: (Option<OwnedFd>, Vec<OwnedFd>),
    stdio: [Stdio; 3],
    before_exec: &mut dyn FnMut(Pid) -> Result<(), LaunchError>,
) -> Result<Process, LaunchError> {
    let (parent_sock, child_sock) = socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
    .map_err(|e| setup_err("socketpair")(e.into()))?;
    let mut ours: [Option<OwnedFd>; 3] = [None, None, None];
    let mut theirs: [Option<OwnedFd>; 3] = [None, None, None];
    if !target.process().tty {
        for (i, s) in stdio.iter().enumerate() {
            if let Stdio::Pipe = s {
                let (r, w) = nix::unistd::pipe2(OFlag::O_CLOEXEC)
                    .map_err(|e| setup_err("pipe")(e.into()))?;
                let (mine, child) = if i == 0 { (w, r) } else { (r, w) };
                ours[i] = Some(mine);
                theirs[i] = Some(child);
            }
        }
    }
    let (cgroup, v1) = cgroups;
    let (ret, pidfd) = clone3(flags.bits() as u64, cgroup.as_ref()).map_err(setup_err("clone3"))?;
    if ret == 0 {
        drop(parent_sock);
        child_main(&target, &v1, &stdio, &theirs, child_sock);
    }
    drop(v1);
    let pid = Pid::from_raw(ret);
    drop(child_sock);
    drop(theirs);
    if let Target::New(l) = &target
        && let Some(ns) = &l.userns
        && let Err(e) = give_userns(pid.as_raw(), ns, l, &parent_sock).and_then(|()| {
            // Its new ids made it non-dumpable until it says it is dumpable
            // again: only then may the network set-up open its namespaces.
            if l.wait_for_parent {
                receive_tag(&parent_sock, TAG_MAPS)
                    .map_err(setup_err("waiting for the container process"))
            } else {
                Ok(())
            }
        })
    {
        let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
        let _ = nix::sys::wait::waitpid(pid, None);
        return Err(e);
    }
    if let Target::New(l) = &target
        && l.wait_for_parent
    {
        let go = before_exec(pid).and_then(|()| {
            sendmsg::<()>(
                parent_sock.as_raw_fd(),
                &[IoSlice::new(&[TAG_GO])],
                &[],
                MsgFlags::empty(),
                None,
            )
            .map(drop)
            .map_err(|e| setup_err("releasing the container process")(e.into()))
        });
        if let Err(e) = go {
            let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
            // The child's own failure, if it failed first, says more.
            let reported = read_reports(&parent_sock);
            let _ = nix::sys::wait::waitpid(pid, None);
            return Err(match reported {
                Err(child) => child,
                Ok(_) => e,
            });
        }
    }
    let pty = match read_reports(&parent_sock) {
        Ok(pty) => pty,
        Err(e) => {
            // Reap the failed child so it leaves no zombie.
            let _ = nix::sys::wait::waitpid(pid, None);
            return Err(e);
        }
    };
    let pidfd = pidfd.expect("the parent gets a pidfd");
    let [stdin, stdout, stderr] = ours;
    Ok(Process {
        pid,
        pidfd,
        pty,
        stdin,
        stdout,
        stderr,
    })
}

/// `clone3` with `flags`, into `cgroup` when given, with a pidfd for the
/// parent. Returns (0, None) in the child, (pid, Some(pidfd)) in the parent.
fn clone3(flags: u64, cgroup: Option<&OwnedFd>) -> io::Result<(i32, Option<OwnedFd>)> {
    /// `struct clone_args` of linux/sched.h (version 2, with `cgroup`).
    #[repr(C)]
    #[derive(Default)]
    struct CloneArgs {
        flags: u64,
        pidfd: u64,
        child_tid: u64,
        parent_tid: u64,
        exit_signal: u64,
        stack: u64,
        stack_size: u64,
        tls: u64,
        set_tid: u64,
        set_tid_size: u64,
        cgroup: u64,
    }
    const CLONE_PIDFD: u64 = 0x1000;
    const CLONE_INTO_CGROUP: u64 = 0x2_0000_0000;
    let mut pidfd: RawFd = -1;
    let mut args = CloneArgs {
        flags: flags | CLONE_PIDFD,
        pidfd: &mut pidfd as *mut RawFd as u64,
        exit_signal: libc::SIGCHLD as u64,
        ..Default::default()
    };
    if let Some(cg) = cgroup {
        args.flags |= CLONE_INTO_CGROUP;
        args.cgroup = cg.as_raw_fd() as u64;
    }
    // SAFETY: clone3 without a stack behaves as fork: the child runs on a copy
    // of this stack. The caller is single-threaded, so no lock is held by
    // another thread, and the child never returns into the caller's code.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_clone3,
            &mut args as *mut CloneArgs,
            std::mem::size_of::<CloneArgs>(),
        )
    };
    match ret {
        r if r < 0 => Err(io::Error::last_os_error()),
        0 => Ok((0, None)),
        // SAFETY: the kernel wrote a new descriptor into `pidfd` for us alone.
        pid => Ok((pid as i32, Some(unsafe { OwnedFd::from_raw_fd(pidfd) }))),
    }
}

/// For a container with its own user namespace: writes the namespace's id
/// maps. With idmapped layers, then mounts its root filesystem here, where
/// rctl is privileged, as an overlay of idmapped views of the image's
/// layers, and hands the (detached) mount to the child, which puts it in
/// place; otherwise tells the child its maps are there.
fn give_userns(
    pid: i32,
    ns: &super::idmap::OwnUserns,
    l: &Launch,
    sock: &OwnedFd,
) -> Result<(), LaunchError> {
    use super::idmap;
    ns.write_maps(pid)
        .map_err(setup_err("writing the user namespace's id maps"))?;
    if !ns.idmapped_layers {
        return sendmsg::<()>(
            sock.as_raw_fd(),
            &[IoSlice::new(&[TAG_MAPS])],
            &[],
            MsgFlags::empty(),
            None,
        )
        .map(drop)
        .map_err(|e| setup_err("releasing the container process")(e.into()));
    }
    let userns: OwnedFd = std::fs::File::open(format!("/proc/{pid}/ns/user"))
        .map_err(setup_err("opening the container's user namespace"))?
        .into();
    let lowers = l
        .rootfs
        .lower
        .iter()
        .map(|p| idmap::idmapped(p, &userns))
        .collect::<io::Result<Vec<_>>>()
        .map_err(setup_err("idmapping the image's layers"))?;
    // The writable layer is not idmapped: what the container writes is owned
    // on disk by its own host ids (as with docker's userns-remap), which is
    // what it sees through the namespace's map.
    let r = Rootfs {
        lower: lowers.iter().map(inroot::fd_path).collect(),
        ..l.rootfs.clone()
    };
    let mnt = mounts::overlay_detached(&r).map_err(setup_err("mounting the root filesystem"))?;
    send_fd(sock, TAG_ROOTFS, mnt.as_fd())
        .map_err(|e| setup_err("sending the root filesystem")(e.into()))
}

/// Reads the child's messages until exec (end of file) or a failure.
fn read_reports(sock: &OwnedFd) -> Result<Option<OwnedFd>, LaunchError> {
    let mut pty = None;
    loop {
        let mut buf = vec![0u8; 64 * 1024];
        let mut cmsg = nix::cmsg_space!([RawFd; 1]);
        let (n, fds) = {
            let mut iov = [IoSliceMut::new(&mut buf)];
            let msg = match recvmsg::<()>(
                sock.as_raw_fd(),
                &mut iov,
                Some(&mut cmsg),
                MsgFlags::MSG_CMSG_CLOEXEC,
            ) {
                Ok(m) => m,
                Err(Errno::EINTR) => continue,
                Err(e) => return Err(setup_err("reading from the container process")(e.into())),
            };
            let mut fds = Vec::new();
            for c in msg
                .cmsgs()
                .map_err(|e| setup_err("reading from the container process")(e.into()))?
            {
                if let ControlMessageOwned::ScmRights(r) = c {
                    fds.extend(r);
                }
            }
            (msg.bytes, fds)
        };
        // SAFETY: SCM_RIGHTS gave us new descriptors that nothing else owns.
        let mut fds: Vec<OwnedFd> = fds
            .into_iter()
            .map(|fd| unsafe { OwnedFd::from_raw_fd(fd) })
            .collect();
        if n == 0 {
            return Ok(pty);
        }
        match buf[0] {
            TAG_PTY => pty = fds.pop(),
            TAG_REPORT => {
                let Report::Failed { code, message } =
                    serde_json::from_slice(&buf[1..n]).map_err(|e| {
                        LaunchError::Setup(format!("bad report from the container process: {e}"))
                    })?;
                return Err(match code {
                    127 => LaunchError::NotFound(message),
                    126 => LaunchError::CannotInvoke(message),
                    _ => LaunchError::Setup(message),
                });
            }
            t => {
                return Err(LaunchError::Setup(format!(
                    "unexpected message {t} from the container process"
                )));
            }
        }
    }
}

/// The child: set up, exec; report and exit on any failure. Never returns.
fn child_main(
    target: &Target<'_>,
    v1_cgroups: &[OwnedFd],
    stdio: &[Stdio; 3],
    pipes: &[Option<OwnedFd>; 3],
    sock: OwnedFd,
) -> ! {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        super::cgroup::join_v1(v1_cgroups).map_err(fail_io("joining the v1 cgroups"))?;
        match target {
            Target::New(l) => setup(l, &sock)?,
            Target::Join(_, fds) => join(fds)?,
        }
        run_process(
            target.process(),
            matches!(target, Target::New(_)),
            stdio,
            pipes,
            &sock,
        )
    }));
    let (code, message) = match result {
        Ok(Err(Failure { code, message })) => (code, message),
        Ok(Ok(never)) => match never {},
        Err(_) => (125, "container setup panicked".to_string()),
    };
    let body = serde_json::to_vec(&Report::Failed { code, message }).unwrap_or_default();
    let mut msg = vec![TAG_REPORT];
    msg.extend_from_slice(&body);
    let _ = sendmsg::<()>(
        sock.as_raw_fd(),
        &[IoSlice::new(&msg)],
        &[],
        MsgFlags::empty(),
        None,
    );
    // SAFETY: _exit ends the process at once, running nothing of the parent's.
    unsafe { libc::_exit(code) }
}

/// A failure in the child: the exit code to report and what happened.
struct Failure {
    code: i32,
    message: String,
}

fn fail(what: impl std::fmt::Display) -> impl FnOnce(Errno) -> Failure {
    move |e| Failure {
        code: 125,
        message: format!("{what}: {}", io::Error::from(e)),
    }
}

fn fail_io(what: impl std::fmt::Display) -> impl FnOnce(io::Error) -> Failure {
    move |e| Failure {
        code: 125,
        message: format!("{what}: {e}"),
    }
}

enum Never {}

/// What every child does first: die with the parent during setup, and
/// forget the caller's signal handling.
fn prologue() -> Result<(), Failure> {
    nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).map_err(fail("prctl"))?;
    reset_signals();
    nix::unistd::setsid().map_err(fail("setsid"))?;
    Ok(())
}

/// A new container: its root filesystem, mounts and host name, then pivot_root.
fn setup(l: &Launch, sock: &OwnedFd) -> Result<(), Failure> {
    set_limits(&l.resources)?;
    // With a user namespace of its own, the parent first writes its id maps
    // and may mount the root filesystem for it (see give_userns).
    let given_rootfs = match &l.userns {
        Some(ns) => {
            let mnt = if ns.idmapped_layers {
                Some(
                    receive_fd(sock, TAG_ROOTFS)
                        .map_err(fail_io("receiving the root filesystem"))?,
                )
            } else {
                receive_tag(sock, TAG_MAPS).map_err(fail_io("waiting for the id maps"))?;
                None
            };
            // Become the new namespace's root (our ids there are unmapped,
            // or keep-id's user), so that what we create is root's there.
            nix::unistd::setgroups(&[]).map_err(fail("setgroups"))?;
            nix::unistd::setresgid(Gid::from_raw(0), Gid::from_raw(0), Gid::from_raw(0))
                .map_err(fail("setresgid"))?;
            nix::unistd::setresuid(Uid::from_raw(0), Uid::from_raw(0), Uid::from_raw(0))
                .map_err(fail("setresuid"))?;
            // The new euid made us non-dumpable, and a rootless parent has
            // no CAP_SYS_PTRACE where our memory belongs: until its
            // go-ahead it must still open our namespaces (see below).
            if l.wait_for_parent {
                nix::sys::prctl::set_dumpable(true).map_err(fail("prctl"))?;
                sendmsg::<()>(
                    sock.as_raw_fd(),
                    &[IoSlice::new(&[TAG_MAPS])],
                    &[],
                    MsgFlags::empty(),
                    None,
                )
                .map_err(fail("telling rctl the id maps are in use"))?;
            }
            mnt
        }
        None => None,
    };
    if let Some(ns) = &l.join_netns {
        nix::sched::setns(ns.as_fd(), CloneFlags::CLONE_NEWNET)
            .map_err(fail("joining the other container's network namespace"))?;
    } else if l.own_netns {
        crate::net::loopback::up().map_err(fail_io("bringing lo up"))?;
    }
    prologue()?;
    // No ptrace or /proc/PID/mem until exec (the /proc/self/exe class of
    // escapes) once the parent has opened what it needs of this process:
    // rootless in the foreground this process's memory belongs to the
    // initial user namespace (rctl was exec'd there), so once non-dumpable
    // even the parent could not open /proc/PID/ns/net to set up the network.
    // Until then nothing else can see it: its PID namespace is new and empty.
    if !l.wait_for_parent {
        nix::sys::prctl::set_dumpable(false).map_err(fail("prctl"))?;
    }
    nix::sched::unshare(CloneFlags::CLONE_NEWCGROUP).map_err(fail("unshare cgroup namespace"))?;
    nix::mount::mount(
        None::<&str>,
        "/",
        None::<&str>,
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        None::<&str>,
    )
    .map_err(fail("making mounts private"))?;
    // `rctl mount` may have mounted it on the host already: our copy of that
    // mount is the root filesystem (one upper layer cannot be mounted twice).
    if let Some(mnt) = &given_rootfs {
        mounts::attach(mnt, &l.rootfs.target).map_err(fail_io("placing the root filesystem"))?;
    } else if !super::hostmount::is_mountpoint(&l.rootfs.target) {
        mounts::mount_rootfs(&l.rootfs).map_err(fail_io(format!(
            "mounting the root filesystem at {}",
            l.rootfs.target.display()
        )))?;
    }
    let root: OwnedFd = std::fs::File::open(&l.rootfs.target)
        .map_err(fail_io("opening the root filesystem"))?
        .into();
    // Before the user's mounts: a file bind-mounted on /etc/passwd is not
    // the container's to change.
    if let Some(k) = &l.keep_id {
        super::keepid::add_entries(root.as_fd(), k)
            .map_err(fail_io("adding the user to /etc/passwd and /etc/group"))?;
    }
    for c in &l.copy_up {
        super::volumes::copy_up(root.as_fd(), c).map_err(fail_io(format!(
            "copying the image's {} into its volume",
            c.destination.display()
        )))?;
    }
    mounts::apply(root.as_fd(), &l.mounts).map_err(|(dest, e)| Failure {
        code: 125,
        message: format!("mounting {}: {e}", dest.display()),
    })?;
    drop(root);
    nix::unistd::sethostname(&l.hostname).map_err(fail("sethostname"))?;
    enter_root(&l.rootfs.target, l.read_only).map_err(fail("pivot_root"))?;
    if l.wait_for_parent {
        receive_tag(sock, TAG_GO).map_err(fail_io("waiting for rctl to set up the network"))?;
        nix::sys::prctl::set_dumpable(false).map_err(fail("prctl"))?;
    }
    // After the network's interfaces arrived (net.ipv4.conf.eth0.* sysctls).
    l.security
        .apply()
        .map_err(|message| Failure { code: 125, message })?;
    Ok(())
}

/// `--ulimit` and `--oom-score-adj`, set while the host's /proc is still
/// in view; both are inherited by the command.
fn set_limits(r: &super::resources::Resources) -> Result<(), Failure> {
    for u in &r.ulimits {
        let limit = |v: i64| if v < 0 { libc::RLIM_INFINITY } else { v as u64 };
        let resource = super::resources::rlimit_resource(&u.name).ok_or_else(|| Failure {
            code: 125,
            message: format!("unknown ulimit {}", u.name),
        })?;
        nix::sys::resource::setrlimit(resource, limit(u.soft), limit(u.hard))
            .map_err(fail(format!("setting ulimit {}", u.name)))?;
    }
    if let Some(adj) = r.oom_score_adj {
        std::fs::write("/proc/self/oom_score_adj", adj.to_string())
            .map_err(fail_io("setting the OOM score adjustment"))?;
    }
    Ok(())
}

/// Waits for the other side's message `tag` ([`TAG_GO`], [`TAG_MAPS`]).
fn receive_tag(sock: &OwnedFd, tag: u8) -> io::Result<()> {
    let mut buf = [0u8; 16];
    loop {
        let mut iov = [IoSliceMut::new(&mut buf)];
        match recvmsg::<()>(sock.as_raw_fd(), &mut iov, None, MsgFlags::empty()) {
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e.into()),
            Ok(m) if m.bytes == 1 => break,
            Ok(_) => return Err(io::Error::other("rctl went away")),
        }
    }
    if buf[0] == tag {
        Ok(())
    } else {
        Err(io::Error::other("unexpected message from rctl"))
    }
}

/// A process in a running container: its namespaces (the PID namespace was
/// joined by the parent). Joining the mount namespace moves us to its root.
fn join(fds: &JoinFds) -> Result<(), Failure> {
    // Into a PID namespace where the container's processes can see it: no
    // ptrace or /proc/PID/mem from them until exec.
    nix::sys::prctl::set_dumpable(false).map_err(fail("prctl"))?;
    prologue()?;
    for (fd, kind, what) in [
        (&fds.ipc, CloneFlags::CLONE_NEWIPC, "ipc"),
        (&fds.uts, CloneFlags::CLONE_NEWUTS, "uts"),
        (&fds.net, CloneFlags::CLONE_NEWNET, "network"),
        (&fds.cgroup, CloneFlags::CLONE_NEWCGROUP, "cgroup"),
        (&fds.mnt, CloneFlags::CLONE_NEWNS, "mount"),
    ] {
        nix::sched::setns(fd, kind).map_err(fail(format!("joining the {what} namespace")))?;
    }
    Ok(())
}

/// In the container's root: terminal or streams, user, working directory,
/// capabilities, exec. A new container's terminal is also its /dev/console.
fn run_process(
    p: &ProcessSpec,
    console: bool,
    stdio: &[Stdio; 3],
    pipes: &[Option<OwnedFd>; 3],
    sock: &OwnedFd,
) -> Result<Never, Failure> {
    let root: OwnedFd = std::fs::File::open("/")
        .map_err(fail_io("opening /"))?
        .into();
    if p.tty {
        let (master, slave) = open_pty(root.as_fd()).map_err(fail_io("opening a terminal"))?;
        if let Some((rows, cols)) = p.winsize {
            super::monitor::set_winsize(&master, rows, cols);
        }
        send_fd(sock, TAG_PTY, master.as_fd()).map_err(fail("sending the terminal"))?;
        drop(master);
        if console {
            mounts::mount_console(root.as_fd(), &slave)
                .map_err(fail_io("mounting /dev/console"))?;
        }
        for fd in 0..3 {
            dup_to(slave.as_fd(), fd).map_err(fail_io("dup2"))?;
        }
        // SAFETY: ioctl TIOCSCTTY on our terminal; arg 0 does not steal it.
        if unsafe { libc::ioctl(0, libc::TIOCSCTTY, 0) } < 0 {
            return Err(fail_io("setting the controlling terminal")(
                io::Error::last_os_error(),
            ));
        }
    } else {
        connect_stdio(root.as_fd(), stdio, pipes)
            .map_err(fail_io("connecting standard streams"))?;
    }
    drop(root);
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let group = std::fs::read_to_string("/etc/group").unwrap_or_default();
    let mut user = passwd::resolve(&p.user, &passwd, &group).map_err(|e| Failure {
        code: 125,
        message: e.to_string(),
    })?;
    for g in &p.security.groups {
        let gid = passwd::group_id(g, &group).map_err(|e| Failure {
            code: 125,
            message: e.to_string(),
        })?;
        if !user.groups.contains(&gid) {
            user.groups.push(gid);
        }
    }
    let mut env = p.env.clone();
    if !env.iter().any(|e| e.starts_with("HOME=")) {
        env.push(format!("HOME={}", user.home));
    }
    enter_workdir(&p.cwd).map_err(fail_io(format!("workdir {}", p.cwd)))?;
    // Before --init's fork, so that its PID 1 is confined too. The filter
    // goes in while we still have CAP_SYS_ADMIN (no no_new_privs needed),
    // after everything it could refuse but switching user and exec.
    caps::limit_bounding(&p.caps).map_err(fail_io("dropping capabilities"))?;
    if p.security.no_new_privs {
        nix::sys::prctl::set_no_new_privs().map_err(fail("setting no_new_privs"))?;
    }
    super::security::seccomp::install(&p.security.seccomp)
        .map_err(fail_io("installing the seccomp filter"))?;
    if p.init {
        become_init(sock)?;
    }
    if p.tty {
        // The terminal is the user's (as runc and crun do; tools like
        // screen refuse a terminal of someone else). Its group stays tty.
        // An owner not mapped in a user namespace is left as it is.
        let _ = nix::unistd::fchown(std::io::stdin(), Some(Uid::from_raw(user.uid)), None);
    }
    let ambient = user.uid != 0 && !p.security.ambient.is_empty();
    if ambient {
        caps::keep_across_user_switch().map_err(fail_io("keeping capabilities"))?;
    }
    switch_user(&user).map_err(fail("switching user"))?;
    if ambient {
        caps::raise_ambient(&p.security.ambient)
            .map_err(fail_io("giving the user its added capabilities"))?;
    }
    // Descriptors the container must not inherit (ours are close-on-exec;
    // anything rctl itself inherited is closed here).
    // SAFETY: close_range with CLOEXEC only flags descriptors.
    unsafe {
        libc::syscall(
            libc::SYS_close_range,
            3u32,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        )
    };
    nix::sys::prctl::set_pdeathsig(None).map_err(fail("prctl"))?;
    Err(exec(&p.argv, &env))
}

/// Default dispositions and an empty mask: what the caller blocked or
/// ignored (rctl ignores SIGPIPE, blocks signals it forwards) must not leak.
fn reset_signals() {
    for sig in Signal::iterator() {
        if sig != Signal::SIGKILL && sig != Signal::SIGSTOP {
            // SAFETY: restoring the default disposition installs no handler.
            let _ = unsafe { nix::sys::signal::signal(sig, nix::sys::signal::SigHandler::SigDfl) };
        }
    }
    let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None);
}

/// Opens a terminal in the container's own devpts: the master end for the
/// parent, the other end for the process.
fn open_pty(root: BorrowedFd<'_>) -> io::Result<(OwnedFd, OwnedFd)> {
    let master = inroot::open(
        root,
        Path::new("/dev/pts/ptmx"),
        OFlag::O_RDWR | OFlag::O_NOCTTY,
    )?;
    // SAFETY: unlockpt and TIOCGPTPEER are ioctls on the master we own.
    if unsafe { libc::unlockpt(master.as_raw_fd()) } < 0 {
        return Err(io::Error::last_os_error());
    }
    let slave = unsafe {
        libc::ioctl(
            master.as_raw_fd(),
            libc::TIOCGPTPEER,
            libc::O_RDWR | libc::O_NOCTTY,
        )
    };
    if slave < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: TIOCGPTPEER returned a new descriptor that nothing else owns.
    Ok((master, unsafe { OwnedFd::from_raw_fd(slave) }))
}

/// Waits for a message `tag` carrying one descriptor.
fn receive_fd(sock: &OwnedFd, tag: u8) -> io::Result<OwnedFd> {
    let mut buf = [0u8; 16];
    let mut cmsg = nix::cmsg_space!([RawFd; 1]);
    let mut iov = [IoSliceMut::new(&mut buf)];
    let msg = recvmsg::<()>(
        sock.as_raw_fd(),
        &mut iov,
        Some(&mut cmsg),
        MsgFlags::MSG_CMSG_CLOEXEC,
    )?;
    let mut fds = Vec::new();
    for c in msg.cmsgs()? {
        if let ControlMessageOwned::ScmRights(r) = c {
            fds.extend(r);
        }
    }
    // SAFETY: SCM_RIGHTS gave us new descriptors that nothing else owns.
    let mut fds: Vec<OwnedFd> = fds
        .into_iter()
        .map(|fd| unsafe { OwnedFd::from_raw_fd(fd) })
        .collect();
    let got = msg.bytes;
    match (got, buf[0], fds.pop()) {
        (1, t, Some(fd)) if t == tag => Ok(fd),
        _ => Err(io::Error::other("unexpected message from rctl")),
    }
}

fn send_fd(sock: &OwnedFd, tag: u8, fd: BorrowedFd<'_>) -> nix::Result<()> {
    let fds = [fd.as_raw_fd()];
    sendmsg::<()>(
        sock.as_raw_fd(),
        &[IoSlice::new(&[tag])],
        &[ControlMessage::ScmRights(&fds)],
        MsgFlags::empty(),
        None,
    )
    .map(drop)
}

fn connect_stdio(
    root: BorrowedFd<'_>,
    stdio: &[Stdio; 3],
    pipes: &[Option<OwnedFd>; 3],
) -> io::Result<()> {
    // /dev/null is opened for the one direction each stream needs: a
    // `--device /dev/null:…:r` makes the node read-only (device cgroup).
    let mut null: [Option<OwnedFd>; 2] = [None, None];
    for (i, s) in stdio.iter().enumerate() {
        let fd = i as RawFd;
        match s {
            // Standard descriptors are never close-on-exec: already in place.
            Stdio::Inherit(src) if *src == fd => {}
            Stdio::Inherit(src) => {
                // SAFETY: `src` is a descriptor the caller keeps open for us.
                dup_to(unsafe { BorrowedFd::borrow_raw(*src) }, fd)?;
            }
            Stdio::Pipe => {
                dup_to(
                    pipes[i]
                        .as_ref()
                        .expect("pipe made for Stdio::Pipe")
                        .as_fd(),
                    fd,
                )?;
            }
            Stdio::Null => {
                let (slot, flags) = match i {
                    0 => (&mut null[0], OFlag::O_RDONLY),
                    _ => (&mut null[1], OFlag::O_WRONLY),
                };
                if slot.is_none() {
                    *slot = Some(inroot::open(root, Path::new("/dev/null"), flags)?);
                }
                dup_to(slot.as_ref().expect("just opened").as_fd(), fd)?;
            }
        }
    }
    Ok(())
}

/// Puts a copy of `src` at descriptor number `target` (not close-on-exec).
fn dup_to(src: BorrowedFd<'_>, target: RawFd) -> io::Result<()> {
    // SAFETY: dup2 onto a standard descriptor number; any descriptor there is
    // replaced, which is the point (it is not owned by Rust code in the child).
    if unsafe { libc::dup2(src.as_raw_fd(), target) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Makes `target` the root: pivot_root into it and detach the old root.
/// `pivot_root(".", ".")` stacks the old root on the new one, so it can be
/// unmounted without a directory to put it in.
fn enter_root(target: &Path, read_only: bool) -> nix::Result<()> {
    nix::unistd::chdir(target)?;
    nix::unistd::pivot_root(".", ".")?;
    nix::mount::umount2(".", MntFlags::MNT_DETACH)?;
    nix::unistd::chdir("/")?;
    if read_only {
        nix::mount::mount(
            None::<&str>,
            "/",
            None::<&str>,
            MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY,
            None::<&str>,
        )?;
    }
    Ok(())
}

fn enter_workdir(cwd: &str) -> io::Result<()> {
    let root: OwnedFd = std::fs::File::open("/")?.into();
    if inroot::open(
        root.as_fd(),
        Path::new(cwd),
        OFlag::O_PATH | OFlag::O_DIRECTORY,
    )
    .is_err()
    {
        inroot::mkdir_all(root.as_fd(), Path::new(cwd))?;
    }
    nix::unistd::chdir(cwd).map_err(io::Error::from)
}

fn switch_user(u: &passwd::ExecUser) -> nix::Result<()> {
    let groups: Vec<Gid> = u.groups.iter().map(|g| Gid::from_raw(*g)).collect();
    match nix::unistd::setgroups(&groups) {
        // A user namespace that denies setgroups: keep none rather than fail.
        Err(Errno::EPERM) if groups.is_empty() => {}
        r => r?,
    }
    nix::unistd::setresgid(
        Gid::from_raw(u.gid),
        Gid::from_raw(u.gid),
        Gid::from_raw(u.gid),
    )?;
    nix::unistd::setresuid(
        Uid::from_raw(u.uid),
        Uid::from_raw(u.uid),
        Uid::from_raw(u.uid),
    )
}

/// Runs `argv`, looking argv[0] up in the container's PATH as execvp does.
/// Returns only on failure: 127 when nothing was found, 126 when something
/// was found but could not be run.
fn exec(argv: &[String], env: &[String]) -> Failure {
    let Some(prog) = argv.first() else {
        return Failure {
            code: 127,
            message: "no command given".into(),
        };
    };
    let cargs: Vec<CString> = argv
        .iter()
        .filter_map(|a| CString::new(a.as_bytes()).ok())
        .collect();
    let cenv: Vec<CString> = env
        .iter()
        .filter_map(|e| CString::new(e.as_bytes()).ok())
        .collect();
    let candidates: Vec<PathBuf> = if prog.contains('/') {
        vec![PathBuf::from(prog)]
    } else {
        let path = env
            .iter()
            .find_map(|e| e.strip_prefix("PATH="))
            .unwrap_or(super::spec::DEFAULT_PATH);
        path.split(':')
            .map(|d| Path::new(if d.is_empty() { "." } else { d }).join(prog))
            .collect()
    };
    let mut denied: Option<Errno> = None;
    for c in &candidates {
        let Ok(cpath) = CString::new(c.as_os_str().as_bytes()) else {
            continue;
        };
        let err =
            nix::unistd::execve(&cpath, &cargs, &cenv).expect_err("execve returns only on failure");
        match err {
            Errno::ENOENT | Errno::ENOTDIR => {}
            e => {
                denied.get_or_insert(e);
            }
        }
    }
    match denied {
        None if prog.contains('/') => Failure {
            code: 127,
            message: format!("{prog}: no such file or directory"),
        },
        None => Failure {
            code: 127,
            message: format!(
                "executable file `{prog}` not found in $PATH: No such file or directory"
            ),
        },
        Some(e) => Failure {
            code: 126,
            message: format!("{prog}: {}", io::Error::from(e)),
        },
    }
}

/// `--init`: this process stays as PID 1, reaping every orphan and passing
/// signals on; a child carries on to exec the command. PID 1 exits with the
/// command's status.
fn become_init(sock: &OwnedFd) -> Result<(), Failure> {
    // Signals are blocked across the fork so none is lost before PID 1 waits.
    let before = super::init::block_all();
    // SAFETY: we are single-threaded (a fork of the setup child).
    match unsafe { nix::unistd::fork() }.map_err(fail("fork for --init"))? {
        nix::unistd::ForkResult::Child => {
            let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&before), None);
            Ok(())
        }
        nix::unistd::ForkResult::Parent { child } => {
            let _ = sock;
            // The command's exec closes the child's copies of rctl's
            // descriptors; PID 1 never execs, so it closes its own: the
            // socket (or the parent would not see exec happen), and whatever
            // else rctl or the monitor had open (the ready pipe `run -d`
            // waits on, the container lock, the output pipes, the attach
            // listener). Standard streams stay.
            // SAFETY: this process never returns to the owners of these
            // descriptors (it only reaps, then _exits), so none is used or
            // closed again.
            unsafe { libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32) };
            nix::sys::prctl::set_pdeathsig(None).map_err(fail("prctl"))?;
            let status = super::init::reap(child);
            // SAFETY: ending PID 1 with the command's status.
            unsafe { libc::_exit(status) }
        }
    }
}
