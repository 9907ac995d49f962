//! `exec`: a new process in a running container, in its namespaces, cgroup
//! and security settings, with rctl as its parent.

use super::cgroup::Cgroup;
use super::launch::{self, Join, ProcessSpec, Stdio};
use super::lifecycle::{self, LifecycleError};
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
            init: false,
            caps: if opts.privileged {
                caps::all()
            } else {
                caps::default_set()
            },
        },
    };
    if opts.detach {
        launch::spawn_in(&j, [Stdio::Null, Stdio::Null, Stdio::Null])?;
        return Ok(0);
    }
    let stdin = if opts.interactive {
        Stdio::Inherit(0)
    } else {
        Stdio::Null
    };
    let signals = lifecycle::forwarded_signals();
    signals.thread_block().map_err(|e| LifecycleError::Os {
        what: "blocking signals".into(),
        source: e.into(),
    })?;
    let p = launch::spawn_in(&j, [stdin, Stdio::Inherit(1), Stdio::Inherit(2)]);
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
        None => lifecycle::wait_forwarding(&p, &signals)?,
    };
    let _ = signals.thread_unblock();
    Ok(code)
}
