//! `rctl stats` / `rctl container stats`: containers' CPU, memory, network,
//! block I/O and process figures as podman prints them, redrawn every
//! interval (clear screen, then the table) until none of them runs any more,
//! or once with `--no-stream`. Where the figures come from and what CPU %
//! means: [`crate::container::stats`].

use std::collections::HashMap;
use std::io::Write;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use chrono::Utc;
use clap::Args;
use serde_json::{Value, json};

use crate::cmd::Ctx;
use crate::cmd::format::{self, Format};
use crate::container::cgroup::Cgroup;
use crate::container::stats::{self, Reading};
use crate::storage::Store;
use crate::storage::containers::{ContainerRecord, ContainerState, Status};

/// Flags of `stats`.
#[derive(Args, Debug)]
pub struct StatsArgs {
    /// Show all containers, stopped ones too (their figures as `--`)
    #[arg(short, long, conflicts_with = "containers")]
    all: bool,
    /// Print one report and exit
    #[arg(long)]
    no_stream: bool,
    /// Do not shorten ids
    #[arg(long)]
    no_trunc: bool,
    /// Do not clear the screen between reports
    #[arg(long)]
    no_reset: bool,
    /// Seconds between reports
    #[arg(short, long, default_value_t = 5, value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..))]
    interval: u64,
    /// Print with a Go template, or `json`
    #[arg(long)]
    format: Option<String>,
    /// The containers (default: every running one)
    containers: Vec<String>,
}

const HEADERS: &[(&str, &str)] = &[
    ("ID", "ID"),
    ("ContainerID", "ID"),
    ("Name", "NAME"),
    ("CPUPerc", "CPU %"),
    ("MemUsage", "MEM USAGE / LIMIT"),
    ("MemUsageBytes", "MEM USAGE / LIMIT"),
    ("MemPerc", "MEM %"),
    ("NetIO", "NET IO"),
    ("BlockIO", "BLOCK IO"),
    ("PIDS", "PIDS"),
    ("PIDs", "PIDS"),
    ("UpTime", "CPU TIME"),
    ("AVGCPU", "AVG CPU %"),
];

/// podman's default columns.
const TABLE: &str = "{{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDS}}\t{{.UpTime}}\t{{.AVGCPU}}\n";

/// Clears the terminal and puts the cursor top left, as podman does.
const CLEAR: &str = "\x1b[2J\x1b[1;1H";

/// A container shown in a report.
struct Shown {
    rec: ContainerRecord,
    st: ContainerState,
}

impl Shown {
    fn runs(&self) -> bool {
        matches!(self.st.status, Status::Running | Status::Paused)
    }
}

/// Runs `stats`.
pub fn run(ctx: &Ctx, a: StatsArgs) -> Result<i32> {
    let store = ctx.store()?;
    let fmt = Format::parse(a.format.as_deref());
    let mut named = Vec::new();
    for name in &a.containers {
        let id = store.resolve_container(name)?;
        let st = store.live_state(&id)?;
        if !matches!(st.status, Status::Running | Status::Paused) {
            bail!("container {name} is not running");
        }
        named.push(id);
    }
    let mut before: HashMap<String, Reading> = shown(&store, &named, a.all)?
        .iter()
        .filter(|s| s.runs())
        .map(|s| (s.rec.id.clone(), read(&store, s)))
        .collect();
    std::thread::sleep(stats::WINDOW);
    let mut out = std::io::stdout().lock();
    loop {
        let now = shown(&store, &named, a.all)?;
        let mut rows = Vec::new();
        let mut readings = HashMap::new();
        for s in &now {
            let reading = s.runs().then(|| read(&store, s));
            rows.push(row(s, reading.as_ref(), before.get(&s.rec.id), a.no_trunc));
            if let Some(r) = reading {
                readings.insert(s.rec.id.clone(), r);
            }
        }
        if !a.no_stream && !a.no_reset {
            out.write_all(CLEAR.as_bytes())?;
        }
        match &fmt {
            Format::Json => {
                let docs: Vec<Value> = rows.iter().map(json_doc).collect();
                format::print_json(&mut out, &Value::Array(docs))?;
            }
            _ => format::print_rows(&mut out, &fmt, &rows, TABLE, HEADERS)?,
        }
        out.flush().context("writing output")?;
        if a.no_stream || readings.is_empty() {
            return Ok(0);
        }
        before = readings;
        std::thread::sleep(Duration::from_secs(a.interval));
    }
}

/// The containers of this report: those `named` still there, else every
/// running one (every one with `all`), newest first as `ps`.
fn shown(store: &Store, named: &[String], all: bool) -> Result<Vec<Shown>> {
    let ids = if named.is_empty() {
        store.container_ids()?
    } else {
        named.to_vec()
    };
    let mut list = Vec::new();
    for id in ids {
        // A container removed meanwhile is simply no longer shown.
        let (Ok(rec), Ok(st)) = (store.container(&id), store.live_state(&id)) else {
            continue;
        };
        let s = Shown { rec, st };
        if all || !named.is_empty() || s.runs() {
            list.push(s);
        }
    }
    if named.is_empty() {
        list.sort_by_key(|s| std::cmp::Reverse(s.rec.created));
    }
    Ok(list)
}

fn read(store: &Store, s: &Shown) -> Reading {
    stats::read(
        &Cgroup::for_container(&s.rec.id, store.rootless()),
        s.st.pid,
    )
}

/// A report's row: `now`'s figures (`None`: not running, every figure
/// `--`), CPU % against `before`, or since the start for a container that
/// has no earlier reading (started meanwhile).
fn row(s: &Shown, now: Option<&Reading>, before: Option<&Reading>, no_trunc: bool) -> Value {
    let id = &s.rec.id;
    let short = if no_trunc {
        id.clone()
    } else {
        id[..12].to_string()
    };
    let Some(r) = now else {
        let none = "--";
        let pair = "-- / --";
        return json!({
            "ID": short, "ContainerID": id, "Name": s.rec.name,
            "CPUPerc": none, "CPU": 0.0, "AVGCPU": none, "AvgCPU": 0.0,
            "MemUsage": pair, "MemUsageBytes": pair, "MemPerc": none, "MemLimit": 0,
            "NetIO": pair, "NetInput": 0, "NetOutput": 0,
            "BlockIO": pair, "BlockInput": 0, "BlockOutput": 0,
            "PIDS": none, "PIDs": 0, "UpTime": none, "CPUNano": 0,
        });
    };
    let running_for =
        s.st.started_at
            .and_then(|t| (Utc::now() - t).to_std().ok())
            .unwrap_or_default();
    let avg = r.average_cpu_percent(running_for);
    let cpu = before.map_or(avg, |b| r.cpu_percent_since(b));
    json!({
        "ID": short,
        "ContainerID": id,
        "Name": s.rec.name,
        "CPUPerc": percent(cpu),
        "CPU": cpu,
        "AVGCPU": percent(avg),
        "AvgCPU": avg,
        "MemUsage": sizes(format::si_size, r.memory, r.memory_limit),
        "MemUsageBytes": sizes(format::binary_size, r.memory, r.memory_limit),
        "MemPerc": percent(r.memory_percent()),
        "MemLimit": r.memory_limit,
        "NetIO": sizes(format::si_size, r.net_rx, r.net_tx),
        "NetInput": r.net_rx,
        "NetOutput": r.net_tx,
        "BlockIO": sizes(format::si_size, r.block_read, r.block_write),
        "BlockInput": r.block_read,
        "BlockOutput": r.block_write,
        "PIDS": r.pids.to_string(),
        "PIDs": r.pids,
        "UpTime": go_duration(r.cpu),
        "CPUNano": r.cpu.as_nanos() as u64,
    })
}

/// `--format json`: podman's keys, its figures as text.
fn json_doc(row: &Value) -> Value {
    json!({
        "id": row["ID"],
        "name": row["Name"],
        "cpu_time": row["UpTime"],
        "cpu_percent": row["CPUPerc"],
        "avg_cpu": row["AVGCPU"],
        "mem_usage": row["MemUsage"],
        "mem_percent": row["MemPerc"],
        "net_io": row["NetIO"],
        "block_io": row["BlockIO"],
        "pids": row["PIDS"],
    })
}

/// Two sizes as podman pairs them: `USED / LIMIT`, `IN / OUT`.
fn sizes(size: fn(u64) -> String, a: u64, b: u64) -> String {
    format!("{} / {}", size(a), size(b))
}

fn percent(p: f64) -> String {
    format!("{p:.2}%")
}

/// A duration as Go's `time.Duration` prints it (`1.5s`, `2m3.000004s`,
/// `1h0m0s`, `4.933ms`), podman's CPU TIME.
fn go_duration(d: Duration) -> String {
    /// `n / unit` with up to `digits` decimals, trailing zeros dropped.
    fn decimal(n: u128, unit: u128, digits: usize) -> String {
        let text = format!("{}.{:0digits$}", n / unit, n % unit);
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
    const SEC: u128 = 1_000_000_000;
    let n = d.as_nanos();
    match n {
        0 => "0s".into(),
        1..1_000 => format!("{n}ns"),
        1_000..1_000_000 => format!("{}µs", decimal(n, 1_000, 3)),
        1_000_000..SEC => format!("{}ms", decimal(n, 1_000_000, 6)),
        _ => {
            let secs = decimal(n % (60 * SEC), SEC, 9);
            let minutes = n / (60 * SEC);
            match (minutes / 60, minutes % 60) {
                (0, 0) => format!("{secs}s"),
                (0, m) => format!("{m}m{secs}s"),
                (h, m) => format!("{h}h{m}m{secs}s"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_go_prints_them() {
        let ms = Duration::from_millis;
        assert_eq!(go_duration(Duration::ZERO), "0s");
        assert_eq!(go_duration(Duration::from_nanos(999)), "999ns");
        assert_eq!(go_duration(Duration::from_micros(1500)), "1.5ms");
        assert_eq!(go_duration(Duration::from_nanos(4_933_000)), "4.933ms");
        assert_eq!(go_duration(Duration::from_nanos(12_345)), "12.345µs");
        assert_eq!(go_duration(ms(1500)), "1.5s");
        assert_eq!(
            go_duration(Duration::from_micros(123_000_004)),
            "2m3.000004s"
        );
        assert_eq!(go_duration(Duration::from_secs(3600)), "1h0m0s");
        assert_eq!(go_duration(Duration::from_secs(60)), "1m0s");
    }

    #[test]
    fn percents_have_two_decimals() {
        assert_eq!(percent(0.0), "0.00%");
        assert_eq!(percent(152.3456), "152.35%");
    }
}
