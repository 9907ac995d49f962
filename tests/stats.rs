//! `stats`: the table and its columns, `--format` (templates, `table`,
//! `json`), `-a`, `--no-trunc`, streaming until the container is gone, and
//! figures that follow what the container does: CPU of a busy loop, memory
//! it takes (with and without a v1 memory cgroup), its limit, processes
//! (with and without a pids cgroup), network traffic on a bridge, block
//! writes; errors for stopped and unknown containers; rootless.

mod common;

use std::time::Duration;

use common::{Busybox, Rctl, eventually, fixtures, parts};
use serde_json::Value;

/// A shell command for a container: waits for /go (made by `exec`), then
/// runs `work`, then says so with /done and stays (in a loop: a last
/// command would replace the shell, and the memory it holds would go).
fn on_go(work: &str) -> String {
    format!(
        "while [ ! -e /go ]; do sleep 0.1; done; {work}; touch /done; while :; do sleep 1000; done"
    )
}

/// Makes `name` run its `on_go` work and waits until it is done.
fn go(r: &Rctl, name: &str) {
    r.ok(["exec", name, "touch", "/go"]);
    eventually(&format!("{name} to finish its work"), || {
        r.run(["exec", name, "test", "-e", "/done"])
            .status
            .success()
            .then_some(())
    });
}

/// One `--no-stream` report of `name` with `template`, trimmed.
fn stat(r: &Rctl, name: &str, template: &str) -> String {
    r.ok(["stats", "--no-stream", "--format", template, name])
        .trim()
        .to_string()
}

/// Bytes of a size as `stats` prints it (`1.235MB`, `64MiB`, `0B`).
fn bytes(text: &str) -> f64 {
    let split = text
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or_else(|| panic!("no unit in {text:?}"));
    let (n, unit) = text.split_at(split);
    let n: f64 = n.parse().unwrap_or_else(|_| panic!("{text:?}"));
    let scale = match unit {
        "B" => 1.0,
        "kB" => 1e3,
        "MB" => 1e6,
        "GB" => 1e9,
        "TB" => 1e12,
        "KiB" => 1024.0,
        "MiB" => 1024.0 * 1024.0,
        "GiB" => 1024.0 * 1024.0 * 1024.0,
        _ => panic!("unit of {text:?}"),
    };
    n * scale
}

/// "USED / LIMIT" as two sizes in bytes.
fn pair(text: &str) -> (f64, f64) {
    let (a, b) = text.split_once(" / ").unwrap_or_else(|| panic!("{text:?}"));
    (bytes(a), bytes(b))
}

/// "12.34%" as 12.34.
fn percent(text: &str) -> f64 {
    text.strip_suffix('%')
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("not a percentage: {text:?}"))
}

/// The host's memory in bytes.
fn mem_total() -> u64 {
    let info = std::fs::read_to_string("/proc/meminfo").unwrap();
    let kib: u64 = info
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap();
    kib * 1024
}

/// The cells of a table line (columns are at least two spaces apart).
fn cells(line: &str) -> Vec<&str> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

fn id_of(r: &Rctl, name: &str) -> String {
    r.ok(["inspect", "--format", "{{.Id}}", name])
        .trim()
        .to_string()
}

#[test]
fn no_stream_shows_running_containers_and_all_shows_stopped_ones() {
    let r = Busybox::new();
    r.ok(["run", "-d", "--name", "up", "busybox", "sleep", "1000"]);
    r.ok(["run", "--name", "down", "busybox", "true"]);
    let id = id_of(&r, "up");
    let out = r.ok(["stats", "--no-stream"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    let header = cells(lines[0]);
    assert_eq!(
        header,
        [
            "ID",
            "NAME",
            "CPU %",
            "MEM USAGE / LIMIT",
            "MEM %",
            "NET IO",
            "BLOCK IO",
            "PIDS",
            "CPU TIME",
            "AVG CPU %"
        ],
        "{out}"
    );
    let row = cells(lines[1]);
    assert_eq!(row.len(), 10, "{out}");
    assert_eq!(row[0], &id[..12]);
    assert_eq!(row[1], "up");
    percent(row[2]);
    let (used, limit) = pair(row[3]);
    assert!(used > 0.0 && limit > 0.0, "{out}");
    assert_eq!(row[7], "1", "{out}");
    assert!(!out.contains("down"), "{out}");

    // Named, under `container`, untruncated.
    let out = r.ok(["container", "stats", "--no-stream", "--no-trunc", "up"]);
    assert!(out.lines().nth(1).unwrap().starts_with(&id), "{out}");

    // -a: the stopped one too, with no figures.
    let out = r.ok([
        "stats",
        "-a",
        "--no-stream",
        "--format",
        "{{.Name}}|{{.CPUPerc}}|{{.MemUsage}}|{{.PIDS}}",
    ]);
    let mut lines: Vec<&str> = out.lines().collect();
    lines.sort();
    assert_eq!(lines[0], "down|--|-- / --|--", "{out}");
    assert!(lines[1].starts_with("up|"), "{out}");
    r.ok(["rm", "-f", "up"]);
}

#[test]
fn format_templates_table_and_json() {
    let r = Busybox::new();
    r.ok(["run", "-d", "--name", "c", "busybox", "sleep", "1000"]);
    assert_eq!(stat(&r, "c", "{{.Name}} {{.PIDs}}"), "c 1");
    let out = r.ok([
        "stats",
        "--no-stream",
        "--format",
        "table {{.Name}}\\t{{.PIDS}}\\t{{.MemUsageBytes}}",
        "c",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("NAME"), "{out}");
    assert!(lines[0].contains("PIDS"), "{out}");
    assert!(lines[0].ends_with("MEM USAGE / LIMIT"), "{out}");
    assert!(lines[1].starts_with("c  "), "{out}");
    // Raw figures podman's template offers too.
    let limit: u64 = stat(&r, "c", "{{.MemLimit}}").parse().unwrap();
    assert_eq!(limit, mem_total(), "no limit: the host's memory");

    let out = r.ok(["stats", "--no-stream", "--format", "json", "c"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{out}");
    let row = &rows[0];
    assert_eq!(row["name"], "c");
    assert_eq!(row["id"], id_of(&r, "c")[..12]);
    assert_eq!(row["pids"], "1");
    for key in [
        "cpu_time",
        "cpu_percent",
        "avg_cpu",
        "mem_usage",
        "mem_percent",
        "net_io",
        "block_io",
    ] {
        assert!(row[key].is_string(), "{key} in {out}");
    }
    percent(row["cpu_percent"].as_str().unwrap());

    let (code, err) = r.fails(["stats", "--no-stream", "--format", "{{.Nope}}", "c"]);
    assert_eq!(code, 125, "{err}");
    r.ok(["rm", "-f", "c"]);
}

#[test]
fn stopped_and_unknown_containers_are_errors() {
    let r = Busybox::new();
    r.ok(["run", "--name", "done", "busybox", "true"]);
    let (code, err) = r.fails(["stats", "--no-stream", "done"]);
    assert_eq!(code, 125, "{err}");
    assert!(err.contains("container done is not running"), "{err}");
    let (code, err) = r.fails(["stats", "--no-stream", "nosuch"]);
    assert_eq!(code, 125, "{err}");
    assert!(err.contains("no such container"), "{err}");
    let (code, err) = r.fails(["stats", "-a", "done"]);
    assert_eq!(code, 125, "{err}");
}

#[test]
fn a_busy_loop_shows_cpu() {
    let r = Busybox::new();
    // Four busy loops: a share of the CPUs even on a loaded machine.
    r.ok([
        "run",
        "-d",
        "--name",
        "busy",
        "busybox",
        "sh",
        "-c",
        "for i in 1 2 3 4; do (while :; do :; done) & done; wait",
    ]);
    r.ok(["run", "-d", "--name", "idle", "busybox", "sleep", "1000"]);
    let busy = stat(&r, "busy", "{{.CPUPerc}} {{.AVGCPU}} {{.UpTime}}");
    let f: Vec<&str> = busy.split(' ').collect();
    assert!(percent(f[0]) > 20.0, "{busy}");
    assert!(percent(f[1]) > 0.0, "{busy}");
    assert_ne!(f[2], "0s", "{busy}");
    let idle = percent(&stat(&r, "idle", "{{.CPUPerc}}"));
    assert!(idle < percent(f[0]), "idle {idle}, busy {busy}");
    r.ok(["rm", "-f", "busy", "idle"]);
}

#[test]
fn memory_use_grows_with_and_without_a_memory_cgroup() {
    let r = Busybox::new();
    // Without a limit the figure is the processes' memory (no cgroup
    // counts it on a v1 host); with one, the cgroup's.
    for (name, limit) in [("free", None), ("limited", Some("256m"))] {
        let mut args = vec!["run", "-d", "--name", name];
        if let Some(l) = limit {
            args.extend(["--memory", l]);
        }
        let work = on_go("x=$(head -c 50000000 /dev/zero | tr '\\0' a)");
        args.extend(["busybox", "sh", "-c", &work]);
        r.ok(&args);
        let (before, _) = pair(&stat(&r, name, "{{.MemUsage}}"));
        go(&r, name);
        let (after, _) = pair(&stat(&r, name, "{{.MemUsage}}"));
        assert!(
            after >= before + 40e6,
            "{name}: {before} bytes before, {after} after"
        );
        let max: u64 = stat(&r, name, "{{.MemLimit}}").parse().unwrap();
        assert_eq!(max, limit.map_or(mem_total(), |_| 256 << 20), "{name}");
        r.ok(["rm", "-f", name]);
    }
}

#[test]
fn memory_limit_shows() {
    let r = Busybox::new();
    r.ok([
        "run", "-d", "--name", "m", "--memory", "64m", "busybox", "sleep", "1000",
    ]);
    let out = stat(
        &r,
        "m",
        "{{.MemUsage}}|{{.MemUsageBytes}}|{{.MemPerc}}|{{.MemLimit}}",
    );
    let f: Vec<&str> = out.split('|').collect();
    assert!(f[0].ends_with(" / 67.11MB"), "{out}");
    assert!(f[1].ends_with(" / 64MiB"), "{out}");
    assert_eq!(f[3], (64u64 << 20).to_string(), "{out}");
    let (used, _) = pair(f[0]);
    let expected = used / 67_108_864.0 * 100.0;
    assert!((percent(f[2]) - expected).abs() < 0.1, "{out}");
    r.ok(["rm", "-f", "m"]);
}

#[test]
fn pids_count_the_processes_with_and_without_a_pids_cgroup() {
    let r = Busybox::new();
    for (name, limit) in [("plain", None), ("limited", Some("50"))] {
        let mut args = vec!["run", "-d", "--name", name];
        if let Some(l) = limit {
            args.extend(["--pids-limit", l]);
        }
        args.extend([
            "busybox",
            "sh",
            "-c",
            "sleep 1000 & sleep 1000 & sleep 1000 & wait",
        ]);
        r.ok(&args);
        // The shell and its three sleeps.
        eventually(&format!("4 processes in {name}"), || {
            (stat(&r, name, "{{.Name}} {{.PIDs}}") == format!("{name} 4")).then_some(())
        });
        // An exec'd process counts while it runs.
        r.ok(["exec", "-d", name, "sleep", "1000"]);
        eventually(&format!("5 processes in {name}"), || {
            (stat(&r, name, "{{.PIDs}}") == "5").then_some(())
        });
        r.ok(["rm", "-f", name]);
    }
}

#[test]
fn block_writes_show() {
    let r = Busybox::new();
    let work = on_go("dd if=/dev/zero of=/data bs=1M count=20 2>/dev/null; sync");
    r.ok(["run", "-d", "--name", "w", "busybox", "sh", "-c", &work]);
    let before: u64 = stat(&r, "w", "{{.BlockOutput}}").parse().unwrap();
    go(&r, "w");
    let out = stat(&r, "w", "{{.BlockOutput}} {{.BlockIO}}");
    let (after, text) = out.split_once(' ').unwrap();
    let after: u64 = after.parse().unwrap();
    assert!(after >= before + 20_000_000, "{before} before, {out} after");
    let (_, written) = pair(text);
    assert!(written >= 20e6, "{out}");
    r.ok(["rm", "-f", "w"]);
}

#[test]
fn network_io_follows_traffic_on_a_bridge() {
    let r = Busybox::new();
    r.ok([
        "network",
        "create",
        "--subnet",
        "10.126.0.0/24",
        "--interface-name",
        "rctlt-stats",
        "statsnet",
    ]);
    r.ok([
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        "statsnet",
        "busybox",
        "sh",
        "-c",
        "mkdir -p /srv && head -c 2000000 /dev/zero > /srv/big && exec httpd -f -p 8080 -h /srv",
    ]);
    r.ok([
        "run",
        "-d",
        "--name",
        "client",
        "--network",
        "statsnet",
        "busybox",
        "sleep",
        "1000",
    ]);
    let rx_tx = |name: &str| -> (u64, u64) {
        let out = stat(&r, name, "{{.NetInput}} {{.NetOutput}}");
        let (a, b) = out.split_once(' ').unwrap();
        (a.parse().unwrap(), b.parse().unwrap())
    };
    let (client_rx, _) = rx_tx("client");
    let (_, web_tx) = rx_tx("web");
    eventually("the download", || {
        r.run([
            "exec",
            "client",
            "wget",
            "-q",
            "-O",
            "/dev/null",
            "http://web:8080/big",
        ])
        .status
        .success()
        .then_some(())
    });
    let (client_rx2, _) = rx_tx("client");
    let (_, web_tx2) = rx_tx("web");
    assert!(
        client_rx2 >= client_rx + 2_000_000,
        "{client_rx} -> {client_rx2}"
    );
    assert!(web_tx2 >= web_tx + 2_000_000, "{web_tx} -> {web_tx2}");
    let (rx, _) = pair(&stat(&r, "client", "{{.NetIO}}"));
    assert!(rx >= 2e6, "{rx}");
    // Loopback inside the container is not counted.
    let (lo_before, _) = rx_tx("client");
    r.ok([
        "exec",
        "client",
        "sh",
        "-c",
        "httpd -p 127.0.0.1:8081 -h /; wget -q -O /dev/null http://127.0.0.1:8081/bin/busybox",
    ]);
    let (lo_after, _) = rx_tx("client");
    assert!(
        lo_after < lo_before + 100_000,
        "{lo_before} -> {lo_after}: loopback counted"
    );
    r.ok(["rm", "-f", "web", "client"]);
    r.ok(["network", "rm", "statsnet"]);
}

#[test]
fn streaming_redraws_until_the_container_is_gone() {
    let r = Busybox::new();
    // It ends by itself once the container has exited.
    r.ok([
        "run",
        "-d",
        "--name",
        "short",
        "busybox",
        "sh",
        "-c",
        "while [ ! -e /stop ]; do sleep 0.1; done",
    ]);
    let mut cmd = r.cmd(["stats", "--interval", "1", "short"]);
    let child = std::thread::spawn(move || common::output_within(&mut cmd, 120));
    // Let it draw a report or more, then end the container.
    std::thread::sleep(Duration::from_secs(2));
    r.ok(["exec", "short", "touch", "/stop"]);
    let (out, timed_out) = child.join().unwrap();
    let (code, stdout, stderr) = parts(&out);
    assert!(!timed_out, "stats did not end: {stdout}{stderr}");
    assert_eq!(code, 0, "{stdout}{stderr}");
    let frames: Vec<&str> = stdout.split("\x1b[2J\x1b[1;1H").skip(1).collect();
    assert!(!frames.is_empty(), "{stdout:?}");
    assert!(frames[0].contains("short"), "{stdout:?}");
    // The last report shows it stopped.
    let last = frames.last().unwrap();
    assert!(last.contains("--"), "{stdout:?}");

    // --no-reset draws no escape codes; nothing running: one report, ends.
    let out = r.ok(["stats", "--no-reset"]);
    assert!(!out.contains('\x1b'), "{out:?}");
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn rootless_stats_have_real_figures() {
    let r = Rctl::rootless();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    struct RmAll<'a>(&'a Rctl);
    impl Drop for RmAll<'_> {
        fn drop(&mut self) {
            let _ = common::output_within(&mut self.0.cmd(["rm", "-af"]), 60);
        }
    }
    let _cleanup = RmAll(&r);
    let work = on_go(
        "x=$(head -c 30000000 /dev/zero | tr '\\0' a); dd if=/dev/zero of=/data bs=1M count=10 2>/dev/null",
    );
    r.ok([
        "run",
        "-d",
        "--name",
        "c",
        "busybox",
        "sh",
        "-c",
        &format!("(while :; do :; done) & (while :; do :; done) & {work}"),
    ]);
    let before = stat(&r, "c", "{{.MemUsage}}|{{.BlockOutput}}");
    go(&r, "c");
    let out = stat(
        &r,
        "c",
        "{{.Name}}|{{.CPUPerc}}|{{.MemUsage}}|{{.PIDs}}|{{.BlockOutput}}|{{.MemLimit}}",
    );
    let f: Vec<&str> = out.split('|').collect();
    assert_eq!(f[0], "c");
    assert!(percent(f[1]) > 20.0, "{out}");
    let b: Vec<&str> = before.split('|').collect();
    let (mem_before, _) = pair(b[0]);
    let (mem, _) = pair(f[2]);
    assert!(mem >= mem_before + 25e6, "{before} -> {out}");
    assert_eq!(f[5], mem_total().to_string(), "{out}");
    // The shell, two loops, sleep.
    assert_eq!(f[3], "4", "{out}");
    let written: u64 = f[4].parse().unwrap();
    let written_before: u64 = b[1].parse().unwrap();
    assert!(written >= written_before + 10_000_000, "{before} -> {out}");
    let out = r.ok(["stats", "--no-stream", "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["name"], "c", "{out}");
}
