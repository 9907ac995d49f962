//! Acting on a running container from another rctl process: signal it, stop
//! it, wait for it, remove it. The container's process is named by a pidfd
//! opened after checking its start time, so a reused PID is never signalled.

use std::io;
use std::os::fd::{AsFd, FromRawFd, OwnedFd};
use std::time::{Duration, Instant};

use chrono::Utc;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::Signal;

use super::cgroup::Cgroup;
use super::lifecycle::LifecycleError;
use crate::storage::Store;
use crate::storage::containers::{ContainerRecord, ContainerState, Status, process_alive};

/// A pidfd for `pid`, if it is still the process that started at `start`.
pub fn pidfd_for(pid: i32, start: u64) -> Option<OwnedFd> {
    if pid <= 0 {
        return None;
    }
    // SAFETY: pidfd_open takes a pid and flags and returns a new descriptor.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if fd < 0 {
        return None;
    }
    // SAFETY: the kernel just returned this descriptor; nothing else owns it.
    let fd = unsafe { OwnedFd::from_raw_fd(fd as i32) };
    // Checked after opening: the pidfd now pins this exact process.
    process_alive(pid, start).then_some(fd)
}

/// Sends `sig` to the process behind `pidfd`.
pub fn send(pidfd: &OwnedFd, sig: Signal) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: pidfd_send_signal with a valid pidfd and no siginfo.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            pidfd.as_raw_fd(),
            sig as i32,
            std::ptr::null::<libc::siginfo_t>(),
            0,
        )
    };
    if rc < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// Waits until the process behind `pidfd` exits, at most `timeout`
/// (forever when `None`); returns whether it exited.
pub fn wait_pidfd(pidfd: &OwnedFd, timeout: Option<Duration>) -> bool {
    let deadline = timeout.map(|t| Instant::now() + t);
    loop {
        let left = match deadline {
            None => PollTimeout::NONE,
            Some(d) => {
                let ms = d.saturating_duration_since(Instant::now()).as_millis();
                PollTimeout::try_from(ms.min(i32::MAX as u128) as i32).unwrap_or(PollTimeout::NONE)
            }
        };
        let mut fds = [PollFd::new(pidfd.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, left) {
            Ok(0) => return false,
            Ok(_) => return true,
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return false,
        }
    }
}

/// The container is not running.
fn not_running(rec: &ContainerRecord) -> LifecycleError {
    LifecycleError::Os {
        what: format!("container {}", rec.name),
        source: io::Error::other("container is not running: can only signal running containers"),
    }
}

/// Sends `sig` to `rec`'s process.
pub fn kill(store: &Store, rec: &ContainerRecord, sig: Signal) -> Result<(), LifecycleError> {
    let st = store.live_state(&rec.id)?;
    if st.status != Status::Running && st.status != Status::Paused {
        return Err(not_running(rec));
    }
    let pidfd = pidfd_for(st.pid, st.pid_start).ok_or_else(|| not_running(rec))?;
    send(&pidfd, sig).map_err(|source| LifecycleError::Os {
        what: format!("sending {sig} to {}", rec.name),
        source,
    })
}

/// Stops `rec`: its stop signal, then SIGKILL after `timeout` seconds; then
/// waits until its exit is recorded. A stopped container is left as it is.
pub fn stop(store: &Store, rec: &ContainerRecord, timeout: u32) -> Result<(), LifecycleError> {
    let st = store.live_state(&rec.id)?;
    let Some(pidfd) = pidfd_for(st.pid, st.pid_start) else {
        return settle(store, rec);
    };
    let sig = super::spec::signal_number(&rec.config.stop_signal)
        .and_then(|n| Signal::try_from(n).ok())
        .unwrap_or(Signal::SIGTERM);
    send_or_gone(&pidfd, sig, rec)?;
    if !wait_pidfd(&pidfd, Some(Duration::from_secs(timeout.into()))) {
        tracing::info!("{} did not stop within {timeout}s: killing it", rec.name);
        send_or_gone(&pidfd, Signal::SIGKILL, rec)?;
        wait_pidfd(&pidfd, None);
    }
    settle(store, rec)
}

/// Sends `sig` to the process behind `pidfd`; a process that has exited
/// meanwhile is no error, but a signal that cannot be sent is (waiting for
/// its effect would never end).
fn send_or_gone(pidfd: &OwnedFd, sig: Signal, rec: &ContainerRecord) -> Result<(), LifecycleError> {
    match send(pidfd, sig) {
        Err(e) if e.raw_os_error() != Some(libc::ESRCH) => Err(LifecycleError::Os {
            what: format!("sending {sig} to {}", rec.name),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Waits for the container's exit to be recorded by its monitor (or its
/// foreground rctl); if that process is gone too, records it here.
pub fn settle(store: &Store, rec: &ContainerRecord) -> Result<(), LifecycleError> {
    let st = store.container_state(&rec.id)?;
    if !matches!(st.status, Status::Running | Status::Paused) {
        return Ok(());
    }
    if let Some(m) = pidfd_for(st.monitor_pid, st.monitor_start) {
        // The monitor records the exit and removes --rm containers.
        wait_pidfd(&m, Some(Duration::from_secs(10)));
        let st = store.container_state(&rec.id)?;
        if !matches!(st.status, Status::Running | Status::Paused) {
            return Ok(());
        }
    }
    // Nobody is left to record it.
    let _lock = store.lock_container(&rec.id)?;
    let mut st: ContainerState = store.container_state(&rec.id)?;
    if process_alive(st.pid, st.pid_start) {
        return Ok(());
    }
    st.status = Status::Exited;
    st.pid = 0;
    st.monitor_pid = 0;
    st.finished_at = Some(Utc::now());
    if st.exit_code == 0 {
        // The exit code died with the process that could have collected it.
        st.exit_code = -1;
    }
    store.set_container_state(&rec.id, &st)?;
    let _ = Cgroup::for_container(&rec.id, store.rootless()).remove();
    let networks = crate::net::attach::names(&crate::net::attach::load(store, &rec.id));
    crate::net::attach::refresh_hosts(store, &networks, None);
    if crate::net::nat::carries(store, rec) {
        crate::net::nat::refresh(store, &[]);
    }
    Ok(())
}

/// Waits until `rec` is not running; returns its exit code.
pub fn wait(store: &Store, rec: &ContainerRecord) -> Result<i32, LifecycleError> {
    let st = store.live_state(&rec.id)?;
    if let Some(pidfd) = pidfd_for(st.pid, st.pid_start) {
        wait_pidfd(&pidfd, None);
    }
    settle(store, rec)?;
    match store.container_state(&rec.id) {
        Ok(st) => Ok(st.exit_code),
        // Removed meanwhile (--rm): its exit code went with it.
        Err(_) => Ok(st.exit_code),
    }
}

/// Removes `rec`. A running container needs `force` (then it is killed).
pub fn remove(store: &Store, rec: &ContainerRecord, force: bool) -> Result<(), LifecycleError> {
    let st = store.live_state(&rec.id)?;
    if let Some(pidfd) = pidfd_for(st.pid, st.pid_start) {
        if !force {
            return Err(LifecycleError::Os {
                what: format!("cannot remove container {} as it is running", rec.id),
                source: io::Error::other(
                    "running or paused containers cannot be removed without force: container state improper",
                ),
            });
        }
        send_or_gone(&pidfd, Signal::SIGKILL, rec)?;
        wait_pidfd(&pidfd, None);
        settle(store, rec)?;
    }
    super::hostmount::unmount(store, rec);
    let _ = Cgroup::for_container(&rec.id, store.rootless()).remove();
    let networks = crate::net::attach::names(&crate::net::attach::load(store, &rec.id));
    // Known before its records go: its monitor may not have dropped its
    // port rules yet, and could not tell afterwards that it had any.
    let ported = crate::net::nat::carries(store, rec);
    store.remove_container_files(&rec.id)?;
    if ported {
        crate::net::nat::refresh(store, &[]);
    }
    // Its peers forget it (its address went with its directory).
    crate::net::attach::refresh_hosts(store, &networks, None);
    Ok(())
}
