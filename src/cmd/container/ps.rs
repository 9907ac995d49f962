//! `rctl ps` / `rctl container ls`.

use anyhow::{Result, bail};
use clap::Args;
use serde_json::{Value, json};

use crate::cmd::Ctx;
use crate::cmd::format::{self, Format};
use crate::container::inspect::status_text;
use crate::image::filter::reference_matches;
use crate::storage::Store;
use crate::storage::containers::{ContainerRecord, ContainerState, Status};

/// Flags of `ps`.
#[derive(Args, Debug)]
pub struct PsArgs {
    /// Show all containers, not only running ones
    #[arg(short, long)]
    all: bool,
    /// Show only container ids
    #[arg(short, long)]
    quiet: bool,
    /// Show the N most recently created containers (all states)
    #[arg(short = 'n', long = "last", value_name = "N")]
    last: Option<usize>,
    /// Show the most recently created container (all states)
    #[arg(short, long)]
    latest: bool,
    /// Show the size of each container's writable layer
    #[arg(short, long)]
    size: bool,
    /// Do not shorten ids and commands
    #[arg(long)]
    no_trunc: bool,
    /// Do not print the header line
    #[arg(long)]
    noheading: bool,
    /// Filter: id=, name=, status=, label=, ancestor=, exited=
    #[arg(short, long, value_name = "KEY=VALUE")]
    filter: Vec<String>,
    /// Print with a Go template, or `json`
    #[arg(long)]
    format: Option<String>,
}

const HEADERS: &[(&str, &str)] = &[
    ("ID", "CONTAINER ID"),
    ("Image", "IMAGE"),
    ("Command", "COMMAND"),
    ("CreatedHuman", "CREATED"),
    ("Created", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("Status", "STATUS"),
    ("Ports", "PORTS"),
    ("Names", "NAMES"),
    ("Size", "SIZE"),
    ("State", "STATE"),
    ("Labels", "LABELS"),
    ("Pid", "PID"),
    ("ExitCode", "EXIT CODE"),
];

struct Entry {
    rec: ContainerRecord,
    st: ContainerState,
}

/// One filter condition.
fn matches(store: &Store, e: &Entry, key: &str, value: &str) -> Result<bool> {
    Ok(match key {
        "id" => e.rec.id.starts_with(value),
        "name" => e.rec.name.contains(value),
        "status" => e.st.status.as_str() == value,
        "label" => match value.split_once('=') {
            Some((k, v)) => e.rec.config.labels.get(k).is_some_and(|x| x == v),
            None => e.rec.config.labels.contains_key(value),
        },
        "ancestor" => {
            e.rec.image_name == value
                || reference_matches(value, &e.rec.image_name)
                || e.rec
                    .image_id
                    .hex()
                    .starts_with(value.trim_start_matches("sha256:"))
                || store
                    .resolve_image(value)
                    .is_ok_and(|id| id == e.rec.image_id)
        }
        "exited" => {
            e.st.status == Status::Exited && value.parse::<i32>().is_ok_and(|c| c == e.st.exit_code)
        }
        _ => bail!(
            "invalid filter {key:?}: valid keys are id, name, status, label, ancestor, exited"
        ),
    })
}

/// Runs `ps`.
pub fn run(ctx: &Ctx, a: PsArgs) -> Result<i32> {
    let store = ctx.store()?;
    let mut filters = Vec::new();
    for f in &a.filter {
        let (k, v) = f
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("invalid filter {f:?}: expected KEY=VALUE"))?;
        filters.push((k.to_string(), v.to_string()));
    }
    let mut entries = Vec::new();
    for id in store.container_ids()? {
        let (Ok(rec), Ok(st)) = (store.container(&id), store.live_state(&id)) else {
            continue;
        };
        entries.push(Entry { rec, st });
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.rec.created));
    let all = a.all
        || a.last.is_some()
        || a.latest
        || filters.iter().any(|(k, _)| k == "status" || k == "exited");
    let mut kept = Vec::new();
    for e in entries {
        if !all && e.st.status != Status::Running && e.st.status != Status::Paused {
            continue;
        }
        let mut ok = true;
        for (k, v) in &filters {
            ok &= matches(&store, &e, k, v)?;
        }
        if ok {
            kept.push(e);
        }
    }
    if let Some(n) = a.last.or(a.latest.then_some(1)) {
        kept.truncate(n);
    }
    let mut out = std::io::stdout().lock();
    if a.quiet {
        use std::io::Write;
        for e in &kept {
            writeln!(
                out,
                "{}",
                if a.no_trunc {
                    &e.rec.id[..]
                } else {
                    &e.rec.id[..12]
                }
            )?;
        }
        return Ok(0);
    }
    let fmt = Format::parse(a.format.as_deref());
    if let Format::Json = fmt {
        let docs: Vec<Value> = kept.iter().map(json_doc).collect();
        format::print_json(&mut out, &Value::Array(docs))?;
        return Ok(0);
    }
    let rows: Vec<Value> = kept
        .iter()
        .map(|e| row(&store, e, a.no_trunc, a.size))
        .collect();
    let (text, header, align) = match fmt {
        Format::Template { text, table } => (text, table && !a.noheading, table),
        _ => {
            let size = if a.size { "\t{{.Size}}" } else { "" };
            let t = format!(
                "{{{{.ID}}}}\t{{{{.Image}}}}\t{{{{.Command}}}}\t{{{{.CreatedHuman}}}}\t{{{{.Status}}}}\t{{{{.Ports}}}}\t{{{{.Names}}}}{size}\n"
            );
            (t, !a.noheading, true)
        }
    };
    format::print_template(&mut out, &text, header, align, &rows, HEADERS)?;
    Ok(0)
}

fn row(store: &Store, e: &Entry, no_trunc: bool, size: bool) -> Value {
    let r = &e.rec;
    let mut command = r.config.argv().join(" ");
    if !no_trunc && command.chars().count() > 20 {
        command = format!("{}...", command.chars().take(17).collect::<String>());
    }
    let created = format::ago(r.created);
    let size_text = if size {
        let upper = dir_size(&store.container_dir(&r.id).join("upper"));
        let virt: u64 = store.image(&r.image_id).map(|i| i.size).unwrap_or(0);
        format!(
            "{} (virtual {})",
            format::human_size(upper, ""),
            format::human_size(upper + virt, "")
        )
    } else {
        String::new()
    };
    json!({
        "ID": if no_trunc { r.id.clone() } else { r.id[..12].to_string() },
        "Image": r.image_name,
        "ImageID": r.image_id.hex(),
        "Command": command,
        "CreatedHuman": created,
        "Created": created,
        "CreatedAt": format::go_time(r.created),
        "Status": status_text(&e.st, format::ago),
        "State": e.st.status.as_str(),
        "Ports": e
            .st
            .ports
            .iter()
            .map(|p| format!("{}->{}/{}", p.host_addr(), p.container_port, p.protocol))
            .collect::<Vec<_>>()
            .join(", "),
        "Names": r.name,
        "Labels": r.config.labels,
        "Size": size_text,
        "Pid": e.st.pid,
        "ExitCode": e.st.exit_code,
        "Exited": e.st.status == Status::Exited,
        "AutoRemove": r.config.auto_remove,
    })
}

fn json_doc(e: &Entry) -> Value {
    let r = &e.rec;
    json!({
        "AutoRemove": r.config.auto_remove,
        "Command": r.config.argv(),
        "CreatedAt": format::ago(r.created),
        "Exited": e.st.status == Status::Exited,
        "ExitedAt": e.st.finished_at.map_or(0, |t| t.timestamp()),
        "ExitCode": e.st.exit_code,
        "Id": r.id,
        "Image": r.image_name,
        "ImageID": r.image_id.hex(),
        "IsInfra": false,
        "Labels": r.config.labels,
        "Mounts": [],
        "Names": [r.name],
        "Namespaces": {},
        "Networks": [],
        "Pid": e.st.pid,
        "Pod": "",
        "PodName": "",
        "Ports": if e.st.ports.is_empty() { Value::Null } else {
            e.st.ports.iter().map(|p| json!({
                "host_ip": p.host_ip.map_or_else(String::new, |ip| ip.to_string()),
                "container_port": p.container_port,
                "host_port": p.host_port,
                "range": 1,
                "protocol": p.protocol.to_string(),
            })).collect::<Value>()
        },
        "StartedAt": e.st.started_at.map_or(0, |t| t.timestamp()),
        "State": e.st.status.as_str(),
        "Status": status_text(&e.st, format::ago),
        "Created": r.created.timestamp(),
    })
}

/// Bytes in the files under `dir` (the container's writable layer).
pub fn dir_size(dir: &std::path::Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map_or(0, |m| m.len()),
            _ => 0,
        })
        .sum()
}
