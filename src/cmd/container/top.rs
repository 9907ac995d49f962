//! `rctl top`: a container's processes.

use anyhow::{Result, bail};
use clap::Args;

use crate::cmd::{Ctx, format};
use crate::container::top::{self, Proc};
use crate::storage::containers::Status;

/// Flags of `top`.
#[derive(Args, Debug)]
pub struct TopArgs {
    /// The container
    container: String,
    /// Fields: user pid ppid pcpu etime tty time args comm uid vsz rss
    descriptors: Vec<String>,
}

fn field(p: &Proc, d: &str) -> Option<(&'static str, String)> {
    let pcpu = if p.elapsed.as_secs_f64() > 0.0 {
        100.0 * p.cpu.as_secs_f64() / p.elapsed.as_secs_f64()
    } else {
        0.0
    };
    Some(match d {
        "user" => ("USER", p.user.clone()),
        "uid" => ("UID", p.uid.to_string()),
        "pid" => ("PID", p.pid.to_string()),
        "ppid" => ("PPID", p.ppid.to_string()),
        "pcpu" => ("%CPU", format!("{pcpu:.3}")),
        "etime" => ("ELAPSED", top::go_duration(p.elapsed)),
        "tty" => ("TTY", p.tty.clone()),
        "time" => (
            "TIME",
            top::go_duration(std::time::Duration::from_secs(p.cpu.as_secs())),
        ),
        "args" => ("COMMAND", p.args.clone()),
        "comm" => ("COMMAND", p.comm.clone()),
        "vsz" => ("VSZ", p.vsz.to_string()),
        "rss" => ("RSS", p.rss.to_string()),
        _ => return None,
    })
}

/// Runs `top`.
pub fn run(ctx: &Ctx, a: TopArgs) -> Result<i32> {
    let store = ctx.store()?;
    let id = store.resolve_container(&a.container)?;
    let st = store.live_state(&id)?;
    if st.status != Status::Running {
        bail!(
            "top can only be used on running containers: container {} is {}",
            a.container,
            st.status.as_str()
        );
    }
    let fields: Vec<String> = if a.descriptors.is_empty() {
        [
            "user", "pid", "ppid", "pcpu", "etime", "tty", "time", "args",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    } else {
        a.descriptors
            .iter()
            .flat_map(|d| d.split(','))
            .map(str::to_string)
            .collect()
    };
    let procs = top::processes(st.pid);
    let probe = Proc::default();
    let mut text = String::new();
    let mut header = Vec::new();
    for f in &fields {
        match field(&probe, f) {
            Some((title, _)) => header.push(title),
            None => bail!(
                "unknown top descriptor {f:?}: use user, pid, ppid, pcpu, etime, tty, time, args, comm, uid, vsz, rss"
            ),
        }
    }
    text.push_str(&header.join("\t"));
    text.push('\n');
    for p in &procs {
        let cells: Vec<String> = fields
            .iter()
            .filter_map(|f| field(p, f).map(|(_, v)| v))
            .collect();
        text.push_str(&cells.join("\t"));
        text.push('\n');
    }
    format::write_aligned(&mut std::io::stdout().lock(), &text)?;
    Ok(0)
}
