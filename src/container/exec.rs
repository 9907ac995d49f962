//! `exec`: a new process in a running container, in its namespaces, cgroup
//! and security settings, with rctl as its parent.

use super::cgroup::Cgroup;
use super::launch::{self, Join, ProcessSpec, Stdio};
use super::lifecycle::{self, LifecycleError};
use super::security::{self, ProcessSecurity};
use super::{caps, session};
use crate::storage::Store;
use crate::storage::containers::{ContainerRecord, Status};

/// What to run and how.
#[derive(Clone, Debug, Default)]
pub struct ExecOptions {
    /// The command.
    pub argv: Vec<String>,
    /// `NAME=value` added to (and overriding) the container's environment.
    pub env: Vec<String>,
    /// Working directory (default: the container's).
    pub workdir: Option<String>,
    /// User (default: the container's).
    pub user: Option<String>,
    /// Give it a terminal.
    pub tty: bool,
    /// Pass our standard input.
    pub interactive: bool,
    /// Start it and return at once.
    pub detach: bool,
    /// Every capability.
    pub privileged: bool,
}

/// Runs `opts` in `rec`; returns the command's exit code (0 when detached).
pub fn exec(
    store: &Store,
    rec: &ContainerRecord,
    opts: &ExecOptions,
) -> Result<i32, LifecycleError> {
    let st = store.live_state(&rec.id)?;
    if st.status != Status::Running {
        return Err(LifecycleError::Os {
            what: format!("container {}", rec.name),
            source: std::io::Error::other(
                "can only create exec sessions on running containers: container state improper",
            ),
        });
    }
    let mut env = rec.config.env.clone();
    for e in &opts.env {
        let key = e.split_once('=').map_or(e.as_str(), |(k, _)| k);
        env.retain(|x| x.split_once('=').map_or(x.as_str(), |(k, _)| k) != key);
        env.push(e.clone());
    }
    let caps = if opts.privileged {
        caps::all()
    } else {
        security::capabilities(&rec.config.security)
    };
    let j = Join {
        pid: st.pid,
        cgroup: Cgroup::for_container(&rec.id, store.rootless()),
        process: ProcessSpec {
            argv: opts.argv.clone(),
            env,
            cwd: opts
                .workdir
                .clone()
                .unwrap_or_else(|| rec.config.working_dir.clone()),
            user: opts.user.clone().unwrap_or_else(|| rec.config.user.clone()),
            tty: opts.tty,
            winsize: opts.tty.then(super::session::our_window_size).flatten(),
            init: false,
            caps: caps.clone(),
            security: ProcessSecurity::new(&rec.config.security, &caps)?,
        },
    };
    if opts.detach {
        return detached(&j);
    }
    // Our own terminal is never handed to the process (it could read it, or
    // push input into it with TIOCSTI): with one, the streams go through pipes.
    use std::io::IsTerminal;
    let terminal = (opts.interactive && std::io::stdin().is_terminal())
        || std::io::stdout().is_terminal()
        || std::io::stderr().is_terminal();
    let (stdin, out, err) = if terminal {
        (
            if opts.interactive {
                Stdio::Pipe
            } else {
                Stdio::Null
            },
            Stdio::Pipe,
            Stdio::Pipe,
        )
    } else {
        (
            if opts.interactive {
                Stdio::Inherit(0)
            } else {
                Stdio::Null
            },
            Stdio::Inherit(1),
            Stdio::Inherit(2),
        )
    };
    let signals = lifecycle::forwarded_signals();
    signals.thread_block().map_err(|e| LifecycleError::Os {
        what: "blocking signals".into(),
        source: e.into(),
    })?;
    let p = launch::spawn_in(&j, [stdin, out, err]);
    let p = match p {
        Ok(p) => p,
        Err(e) => {
            let _ = signals.thread_unblock();
            return Err(e.into());
        }
    };
    let code = match &p.pty {
        Some(master) => {
            session::relay_pty(master, &p.pidfd, opts.interactive).map_err(|source| {
                LifecycleError::Os {
                    what: "relaying the terminal".into(),
                    source,
                }
            })?;
            lifecycle::reap(p.pid)?
        }
        None if terminal => {
            let mut p = p;
            session::relay_pipes(&mut p, &signals).map_err(|source| LifecycleError::Os {
                what: "relaying standard streams".into(),
                source,
            })?;
            lifecycle::reap(p.pid)?
        }
        None => lifecycle::wait_forwarding(&p, &signals)?,
    };
    let _ = signals.thread_unblock();
    Ok(code)
}

/// `exec -d`: a small process stays outside as the command's parent until it
/// ends (a container's PID 1, often no init, would leave it a zombie), and
/// tells us whether it started.
fn detached(j: &Join) -> Result<i32, LifecycleError> {
    use std::io::{Read, Write};
    let os = |what: &'static str| {
        move |e: nix::errno::Errno| LifecycleError::Os {
            what: what.into(),
            source: e.into(),
        }
    };
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(os("pipe"))?;
    // SAFETY: rctl is single-threaded here; the child only runs the exec and exits.
    match unsafe { nix::unistd::fork() }.map_err(os("fork"))? {
        nix::unistd::ForkResult::Child => {
            drop(r);
            let _ = nix::unistd::setsid();
            // Let go of the caller's streams: `$(rctl exec -d ...)` must end.
            if let Ok(null) = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/null")
            {
                use std::os::fd::AsRawFd;
                for fd in 0..3 {
                    // SAFETY: replacing our standard descriptors with /dev/null.
                    unsafe { libc::dup2(null.as_raw_fd(), fd) };
                }
            }
            let mut w = std::fs::File::from(w);
            let code = match launch::spawn_in(j, [Stdio::Null, Stdio::Null, Stdio::Null]) {
                Ok(p) => {
                    let _ = w.write_all(b"0");
                    drop(w);
                    let _ = lifecycle::reap(p.pid);
                    0
                }
                Err(e) => {
                    let _ = w.write_all(format!("{} {e}", e.exit_code()).as_bytes());
                    1
                }
            };
            // SAFETY: the reaper ends here without returning into the caller.
            unsafe { libc::_exit(code) }
        }
        nix::unistd::ForkResult::Parent { .. } => {
            drop(w);
            let mut msg = String::new();
            let _ = std::fs::File::from(r).read_to_string(&mut msg);
            match msg.split_once(' ') {
                None if msg == "0" => Ok(0),
                Some((code, message)) => Err(LifecycleError::Launch(match code {
                    "126" => launch::LaunchError::CannotInvoke(message.into()),
                    "127" => launch::LaunchError::NotFound(message.into()),
                    _ => launch::LaunchError::Setup(message.into()),
                })),
                None => Err(LifecycleError::Os {
                    what: "exec -d".into(),
                    source: std::io::Error::other("the exec helper ended before reporting"),
                }),
            }
        }
    }
}
