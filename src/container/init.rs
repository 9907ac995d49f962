//! `--init`: PID 1 that reaps orphans and passes signals to the command, so
//! that programs not written to be PID 1 behave (zombies are collected,
//! SIGTERM is not ignored).

use nix::sys::signal::{SigSet, SigmaskHow, Signal};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::Pid;

/// Blocks every signal (call before forking the command, so that no SIGCHLD
/// is lost between the fork and [`reap`]); returns the previous mask.
pub fn block_all() -> SigSet {
    let mut old = SigSet::empty();
    let _ = nix::sys::signal::sigprocmask(
        SigmaskHow::SIG_SETMASK,
        Some(&SigSet::all()),
        Some(&mut old),
    );
    old
}

/// Waits for `child`, reaping every other process that ends meanwhile and
/// forwarding signals to `child`; returns its exit code (128+N if killed by N).
pub fn reap(child: Pid) -> i32 {
    let all = SigSet::all();
    loop {
        let Ok(sig) = all.wait() else { continue };
        if sig != Signal::SIGCHLD {
            let _ = nix::sys::signal::kill(child, sig);
            continue;
        }
        loop {
            match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::Exited(pid, code)) if pid == child => return code,
                Ok(WaitStatus::Signaled(pid, s, _)) if pid == child => return 128 + s as i32,
                Ok(WaitStatus::StillAlive) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
}
