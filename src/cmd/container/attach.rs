//! `rctl attach`, and attaching for `run` and `start -a`.

use anyhow::{Result, bail};
use clap::Args;

use crate::cmd::Ctx;
use crate::container::session::{self, Outcome, SessionOptions};
use crate::container::{attach, monitor, ops};
use crate::storage::Store;
use crate::storage::containers::{ContainerRecord, Status};

/// Flags of `attach`.
#[derive(Args, Debug)]
pub struct AttachArgs {
    /// Keys that detach from the container
    #[arg(long)]
    detach_keys: Option<String>,
    /// Do not attach standard input
    #[arg(long)]
    no_stdin: bool,
    /// Pass signals to the container (accepted; always on without a terminal)
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    sig_proxy: bool,
    /// The container
    container: String,
}

/// Runs `attach`.
pub fn run(ctx: &Ctx, a: AttachArgs) -> Result<i32> {
    let store = ctx.store()?;
    let id = store.resolve_container(&a.container)?;
    let rec = store.container(&id)?;
    let st = store.live_state(&id)?;
    if st.status != Status::Running {
        bail!(
            "you can only attach to running containers: container {} is {}",
            rec.name,
            st.status.as_str()
        );
    }
    let sock = attach::connect(&store.container_run_dir(&id), monitor::SOCKET).map_err(|e| {
        anyhow::anyhow!(
            "attaching to {}: {e} (it was started in the foreground without a monitor)",
            rec.name
        )
    })?;
    let keys = a.detach_keys.as_deref().unwrap_or(&rec.config.detach_keys);
    let opts = options(&rec, &[], rec.config.open_stdin && !a.no_stdin, keys)?;
    finish(
        &store,
        &rec,
        session::run(sock, &opts, &|s| {
            let _ = ops::kill(&store, &rec, s);
        })?,
    )
}

fn options(
    rec: &ContainerRecord,
    streams: &[String],
    stdin: bool,
    keys: &str,
) -> Result<SessionOptions> {
    let want = |s: &str| streams.is_empty() || streams.iter().any(|x| x == s);
    Ok(SessionOptions {
        tty: rec.config.tty,
        stdin: stdin && want("stdin"),
        stdout: want("stdout"),
        stderr: want("stderr"),
        detach_keys: attach::parse_detach_keys(keys).map_err(anyhow::Error::msg)?,
    })
}

/// Starts `rec` under a monitor that waits for us, attaches, and returns the
/// container's exit code: `run` in the foreground and `start -a`.
pub fn attach_new(
    store: &Store,
    rec: &ContainerRecord,
    streams: &[String],
    stdin: bool,
    keys: &str,
) -> Result<i32> {
    let opts = options(rec, streams, stdin, keys)?;
    if let Err(e) = monitor::spawn(store, rec, true) {
        eprintln!("Error: {e}");
        return Ok(e.exit_code());
    }
    let sock = attach::connect(&store.container_run_dir(&rec.id), monitor::SOCKET)?;
    let outcome = session::run(sock, &opts, &|s| {
        let _ = ops::kill(store, rec, s);
    })?;
    finish(store, rec, outcome)
}

fn finish(store: &Store, rec: &ContainerRecord, outcome: Outcome) -> Result<i32> {
    Ok(match outcome {
        Outcome::Exited(code) => code,
        Outcome::Detached => 0,
        Outcome::Failed(code, message) => {
            eprintln!("Error: {message}");
            code
        }
        Outcome::Lost => {
            // The monitor died: the state on disk is what we know.
            ops::settle(store, rec)?;
            store
                .container_state(&rec.id)
                .map(|s| s.exit_code)
                .unwrap_or(-1)
        }
    })
}
