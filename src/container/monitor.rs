//! The monitor: a small process per detached (or attached) container that is
//! its parent. It writes the container's output to the log, serves attach
//! clients over a socket, and records the exit. It is rctl itself, detached
//! from the terminal (setsid); it exits when the container does.
//!
//! It is forked and then re-executes the same binary (`rctl __monitor`)
//! rather than running on in the fork: a fresh process does not carry the
//! command line's heap, and once the container runs it hands back what
//! starting needed (see `release_startup_memory`). Measured on an idle
//! container: 1.7 MiB resident against 3.3 MiB for a plain fork and 2.0 MiB
//! for podman's conmon (BENCHMARKS.md).
//!
//! Why interactive foreground runs use it too: a user must be able to detach
//! from `run -it` (ctrl-p ctrl-q) and leave the container running, which only
//! works if the container's parent is not the process the shell waits for.
//! Non-interactive foreground runs with `--rm` skip it (lifecycle::run_direct).

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use chrono::Utc;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};

use super::attach::{self, Frame, MAX_FRAME};
use super::launch::Stdio;
use super::lifecycle::{self, LifecycleError};
use super::logs::{self, Stream};
use crate::storage::Store;
use crate::storage::containers::ContainerRecord;

/// The name of the attach socket in the container's run directory.
pub const SOCKET: &str = "attach";

/// What the monitor writes on its ready pipe when it waits for a client
/// (otherwise it writes a `Started` or `Failed` frame).
const LISTENING: &[u8] = b"listening";

/// What the monitor tells rctl once it is ready.
#[derive(Debug, PartialEq, Eq)]
pub enum Ready {
    /// The container runs.
    Started,
    /// The monitor listens and starts the container when a client attaches.
    Listening,
}

/// Starts a monitor for `rec`. With `wait_for_attach`, the monitor starts the
/// container only once a client is attached, so no early output is lost.
pub fn spawn(
    store: &Store,
    rec: &ContainerRecord,
    wait_for_attach: bool,
) -> Result<Ready, LifecycleError> {
    let os = |what: &'static str| {
        move |e: nix::errno::Errno| LifecycleError::Os {
            what: what.into(),
            source: e.into(),
        }
    };
    let run_dir = store.container_run_dir(&rec.id);
    std::fs::create_dir_all(&run_dir).map_err(|source| LifecycleError::Os {
        what: format!("creating {}", run_dir.display()),
        source,
    })?;
    let (ready_r, ready_w) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(os("pipe"))?;
    // SAFETY: rctl is single-threaded here; the child only execs or exits.
    match unsafe { nix::unistd::fork() }.map_err(os("fork"))? {
        nix::unistd::ForkResult::Child => {
            drop(ready_r);
            let err = exec_monitor(store, rec, &ready_w, wait_for_attach);
            let f = Frame::Failed {
                code: 125,
                message: format!("starting the monitor: {err}"),
            };
            let _ = std::fs::File::from(ready_w).write_all(&f.encode());
            // SAFETY: the child ends here without returning into the CLI's code.
            unsafe { libc::_exit(1) }
        }
        nix::unistd::ForkResult::Parent { .. } => {
            drop(ready_w);
            let mut msg = Vec::new();
            std::fs::File::from(ready_r)
                .read_to_end(&mut msg)
                .map_err(|source| LifecycleError::Os {
                    what: "waiting for the monitor".into(),
                    source,
                })?;
            if msg == LISTENING {
                return Ok(Ready::Listening);
            }
            match Frame::decode(&msg) {
                Some(Frame::Started) => Ok(Ready::Started),
                Some(Frame::Failed { code, message }) => Err(LifecycleError::Launch(match code {
                    126 => super::launch::LaunchError::CannotInvoke(message),
                    127 => super::launch::LaunchError::NotFound(message),
                    _ => super::launch::LaunchError::Setup(message),
                })),
                _ => Err(LifecycleError::Os {
                    what: "starting the monitor".into(),
                    source: io::Error::other("the monitor exited before reporting"),
                }),
            }
        }
    }
}

/// Replaces the forked child with a fresh rctl running [`run`]. A fresh
/// process holds only the pages the monitor touches (about half the memory
/// of a fork of the command line rctl, which is what sets it below conmon's).
/// Returns only on failure.
fn exec_monitor(
    store: &Store,
    rec: &ContainerRecord,
    ready: &OwnedFd,
    wait_for_attach: bool,
) -> io::Error {
    use std::os::unix::process::CommandExt;
    // The ready pipe must survive exec.
    if let Err(e) = nix::fcntl::fcntl(
        ready,
        nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
    ) {
        return e.into();
    }
    // Nothing else the caller left open (a pipe it reads to its end, a lock)
    // may live as long as the container: only the ready pipe goes through.
    let r = ready.as_raw_fd() as u32;
    for (first, last) in [(3, r.saturating_sub(1)), (r + 1, u32::MAX)] {
        if first <= last {
            // SAFETY: close_range with CLOEXEC only flags descriptors.
            unsafe {
                libc::syscall(
                    libc::SYS_close_range,
                    first,
                    last,
                    libc::CLOSE_RANGE_CLOEXEC,
                )
            };
        }
    }
    let driver = match store.driver() {
        crate::storage::Driver::Overlay => "overlay",
        crate::storage::Driver::Vfs => "vfs",
    };
    let mut c = std::process::Command::new("/proc/self/exe");
    if let Some(p) = store.mount_program() {
        c.arg("--storage-opt")
            .arg(format!("overlay.mount_program={}", p.display()));
    }
    c.arg0("rctl-monitor")
        .arg("--root")
        .arg(store.root())
        .arg("--runroot")
        .arg(store.runroot())
        .args([
            "--storage-driver",
            driver,
            MONITOR_COMMAND,
            &rec.id,
            "--ready-fd",
        ])
        .arg(ready.as_raw_fd().to_string());
    if wait_for_attach {
        c.arg("--wait-for-attach");
    }
    if store.rootless() {
        c.env(crate::config::ROOTLESS_ENV, "1");
    }
    c.exec()
}

/// The hidden command the monitor runs as (`rctl __monitor ID --ready-fd N`).
pub const MONITOR_COMMAND: &str = "__monitor";

/// The monitor process's main: `ready` is the pipe to report on. Returns the
/// process's exit code.
pub fn run(store: &Store, id: &str, ready: OwnedFd, wait_for_attach: bool) -> i32 {
    // It crossed exec to get here; nothing we start may keep it open (rctl
    // waits for it to close).
    let _ = nix::fcntl::fcntl(
        &ready,
        nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC),
    );
    let rec = match store.container(id) {
        Ok(r) => r,
        Err(e) => {
            let f = Frame::Failed {
                code: 125,
                message: e.to_string(),
            };
            let _ = std::fs::File::from(ready).write_all(&f.encode());
            return 1;
        }
    };
    match monitor_main(store, &rec, ready, wait_for_attach) {
        Ok(()) => 0,
        Err(e) => {
            tracing::error!("monitor of {}: {e}", rec.name);
            1
        }
    }
}

/// The monitor's life: detach, listen, start the container, relay, record.
fn monitor_main(
    store: &Store,
    rec: &ContainerRecord,
    ready: OwnedFd,
    wait_for_attach: bool,
) -> Result<(), LifecycleError> {
    let os = |what: &'static str| {
        move |source: io::Error| LifecycleError::Os {
            what: what.into(),
            source,
        }
    };
    nix::unistd::setsid().map_err(|e| os("setsid")(e.into()))?;
    let null = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
        .map_err(os("/dev/null"))?;
    for fd in 0..3 {
        // SAFETY: replacing our standard descriptors with /dev/null.
        unsafe { libc::dup2(null.as_raw_fd(), fd) };
    }
    let listener = attach::listen(&store.container_run_dir(&rec.id), SOCKET)
        .map_err(os("listening for attach"))?;
    let mut ready = Some(std::fs::File::from(ready));
    let mut clients: HashMap<i32, OwnedFd> = HashMap::new();
    let (mut winsize, mut early_input) = (None, Vec::new());
    if wait_for_attach {
        ready
            .as_mut()
            .expect("set")
            .write_all(LISTENING)
            .map_err(os("reporting"))?;
        drop(ready.take());
        let first = accept_blocking(&listener).map_err(os("waiting for a client"))?;
        if rec.config.tty {
            // The client's first words are its terminal size: the
            // container's terminal has it from the start.
            (winsize, early_input) = initial_frames(&first);
        }
        clients.insert(first.as_raw_fd(), first);
    }
    let cfg = &rec.config;
    let stdio = [
        if cfg.open_stdin {
            Stdio::Pipe
        } else {
            Stdio::Null
        },
        Stdio::Pipe,
        Stdio::Pipe,
    ];
    let started = match lifecycle::start(store, rec, stdio, std::process::id() as i32, winsize) {
        Ok(s) => s,
        Err(e) => {
            let f = Frame::Failed {
                code: e.exit_code(),
                message: e.to_string(),
            };
            // Removed before anyone hears of the failure: `run --rm` must
            // not return while the container is still listed.
            if cfg.auto_remove {
                lifecycle::discard(store, rec);
            }
            if let Some(mut r) = ready.take() {
                let _ = r.write_all(&f.encode());
            }
            for c in clients.values() {
                let _ = attach::send_frame(c, &f);
            }
            return Ok(());
        }
    };
    if let Some(mut r) = ready.take() {
        let _ = r.write_all(&Frame::Started.encode());
    }
    for c in clients.values() {
        let _ = attach::send_frame(c, &Frame::Started);
    }
    let mut p = started.process;
    let mut log = logs::Format::for_driver(&cfg.log_driver)
        .map(|f| logs::Writer::open(&store.container_dir(&rec.id).join("userdata/ctr.log"), f))
        .transpose()
        .map_err(os("opening the log"))?;
    // Output sources: the terminal, or standard output and error.
    let mut outputs: Vec<(OwnedFd, Stream)> = Vec::new();
    let mut input: Option<OwnedFd> = None;
    if let Some(m) = p.pty.take() {
        input = Some(m.try_clone().map_err(os("dup"))?);
        outputs.push((m, Stream::Stdout));
    } else {
        input = p.stdin.take().or(input);
        outputs.extend(p.stdout.take().map(|f| (f, Stream::Stdout)));
        outputs.extend(p.stderr.take().map(|f| (f, Stream::Stderr)));
    }
    if let (Some(w), false) = (&input, early_input.is_empty()) {
        let _ = write_all(w, &early_input);
    }
    let mut exited = false;
    let mut buf = vec![0u8; MAX_FRAME];
    release_startup_memory();
    while !(exited && outputs.is_empty()) {
        let client_fds: Vec<i32> = clients.keys().copied().collect();
        let (out_n, client_n) = (outputs.len(), client_fds.len());
        let mut fds: Vec<PollFd> = Vec::with_capacity(2 + out_n + client_n);
        fds.extend(
            outputs
                .iter()
                .map(|(f, _)| PollFd::new(f.as_fd(), PollFlags::POLLIN)),
        );
        fds.extend(
            client_fds
                .iter()
                .map(|fd| PollFd::new(clients[fd].as_fd(), PollFlags::POLLIN)),
        );
        fds.push(PollFd::new(listener.as_fd(), PollFlags::POLLIN));
        if !exited {
            fds.push(PollFd::new(p.pidfd.as_fd(), PollFlags::POLLIN));
        }
        match poll(&mut fds, PollTimeout::NONE) {
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(os("poll")(e.into())),
            Ok(_) => {}
        }
        let ready_of = |i: usize| fds[i].revents().is_some_and(|r| !r.is_empty());
        let out_ready: Vec<bool> = (0..out_n).map(ready_of).collect();
        let client_ready: Vec<bool> = (0..client_n).map(|i| ready_of(out_n + i)).collect();
        let listener_ready = ready_of(out_n + client_n);
        let child_ready = !exited && ready_of(out_n + client_n + 1);
        drop(fds);
        // Output first: everything the container wrote is logged before its exit.
        let mut closed = Vec::new();
        for (i, ready) in out_ready.iter().enumerate() {
            if !ready {
                continue;
            }
            let (fd, stream) = &outputs[i];
            match nix::unistd::read(fd, &mut buf) {
                Ok(0) | Err(nix::errno::Errno::EIO) => closed.push(i),
                Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => {}
                Err(e) => return Err(os("reading output")(e.into())),
                Ok(n) => {
                    if let Some(l) = log.as_mut() {
                        l.write(*stream, &buf[..n], Utc::now())
                            .map_err(os("writing the log"))?;
                    }
                    let frame = match stream {
                        Stream::Stdout => Frame::Stdout(buf[..n].to_vec()),
                        Stream::Stderr => Frame::Stderr(buf[..n].to_vec()),
                    };
                    clients.retain(|_, c| attach::send_frame(c, &frame).is_ok());
                }
            }
        }
        for i in closed.into_iter().rev() {
            outputs.remove(i);
        }
        for (i, ready) in client_ready.iter().enumerate() {
            if !ready {
                continue;
            }
            let fd = client_fds[i];
            match attach::recv_frame(&clients[&fd]) {
                Ok(Some(Frame::Stdin(data))) => {
                    if let Some(w) = &input {
                        let _ = write_all(w, &data);
                    }
                }
                Ok(Some(Frame::StdinClose)) => {
                    // A terminal has no end of input: only a pipe is closed.
                    if !cfg.tty {
                        input = None;
                    }
                }
                Ok(Some(Frame::Resize { rows, cols })) => {
                    if cfg.tty
                        && let Some(m) = outputs.first()
                    {
                        set_winsize(&m.0, rows, cols);
                    }
                }
                Ok(Some(_)) => {}
                Ok(None) | Err(_) => {
                    clients.remove(&fd);
                }
            }
        }
        if listener_ready && let Ok(c) = accept(&listener) {
            let _ = attach::send_frame(&c, &Frame::Started);
            clients.insert(c.as_raw_fd(), c);
        }
        if child_ready {
            exited = true;
            // The container's other processes are gone with its PID 1, so
            // the output pipes end; a terminal is read until its end too.
        }
    }
    let code = lifecycle::reap(p.pid)?;
    lifecycle::finish(store, rec, &started.cgroup, code)?;
    for c in clients.values() {
        let _ = attach::send_frame(c, &Frame::Exit(code));
    }
    let _ = std::fs::remove_file(store.container_run_dir(&rec.id).join(SOCKET));
    Ok(())
}

/// The monitor lives as long as its container, mostly asleep in poll(2):
/// what only starting up needed is given back. Freed heap goes back to the
/// kernel, and the mappings of the program's code are dropped so that only
/// the pages the relay loop runs come back (they are in the page cache,
/// shared with every other rctl; nothing is read from disk again).
fn release_startup_memory() {
    // SAFETY: malloc_trim only releases free heap memory.
    unsafe { libc::malloc_trim(0) };
    let Ok(exe) = std::fs::read_link("/proc/self/exe") else {
        return;
    };
    let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else {
        return;
    };
    for line in maps.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 6 || f[1] != "r-xp" || std::path::Path::new(f[5]) != exe {
            continue;
        }
        let Some((a, b)) = f[0].split_once('-') else {
            continue;
        };
        let (Ok(start), Ok(end)) = (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16))
        else {
            continue;
        };
        // SAFETY: a private, read-only, executable file mapping of our own
        // binary: dropping its page table entries loses nothing (they are
        // faulted back from the unchanged file on use).
        unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED) };
    }
}

/// Reads what a new client sends before its container starts: the terminal
/// size it leads with, and any input typed already (kept for the container).
fn initial_frames(client: &OwnedFd) -> (Option<(u16, u16)>, Vec<u8>) {
    let mut size = None;
    let mut input = Vec::new();
    loop {
        let mut fds = [PollFd::new(client.as_fd(), PollFlags::POLLIN)];
        if !matches!(poll(&mut fds, PollTimeout::from(200u8)), Ok(n) if n > 0) {
            break;
        }
        match attach::recv_frame(client) {
            Ok(Some(Frame::Resize { rows, cols })) => {
                size = Some((rows, cols));
                break;
            }
            Ok(Some(Frame::Stdin(d))) => input.extend(d),
            _ => break,
        }
    }
    (size, input)
}

fn write_all(fd: &OwnedFd, mut data: &[u8]) -> io::Result<()> {
    while !data.is_empty() {
        match nix::unistd::write(fd, data) {
            Ok(n) => data = &data[n..],
            Err(nix::errno::Errno::EINTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

fn accept(listener: &OwnedFd) -> io::Result<OwnedFd> {
    let fd = nix::sys::socket::accept4(
        listener.as_raw_fd(),
        nix::sys::socket::SockFlag::SOCK_CLOEXEC,
    )?;
    // SAFETY: accept4 returned a new descriptor that nothing else owns.
    Ok(unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) })
}

fn accept_blocking(listener: &OwnedFd) -> io::Result<OwnedFd> {
    loop {
        let mut fds = [PollFd::new(listener.as_fd(), PollFlags::POLLIN)];
        // A client that never comes (rctl was killed) must not keep us forever.
        match poll(&mut fds, PollTimeout::from(60_000u16)) {
            Ok(0) => {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "no client attached within a minute",
                ));
            }
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(e.into()),
            Ok(_) => {}
        }
        match accept(listener) {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
            r => return r,
        }
    }
}

/// Sets a terminal's window size.
pub fn set_winsize(fd: &impl AsFd, rows: u16, cols: u16) {
    let ws = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads a winsize we own from the pointer.
    unsafe { libc::ioctl(fd.as_fd().as_raw_fd(), libc::TIOCSWINSZ, &ws) };
}
