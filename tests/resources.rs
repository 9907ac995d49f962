//! Resource limits, rootful (plus the rootless cgroup v1 refusal): memory
//! and OOM kills, pids, CPU, ulimits, OOM score, `update`, `pause` and
//! `unpause`, and the cgroups removed with the container. Limits are read
//! back from the host's cgroup files of the container's process.

mod common;

use std::path::PathBuf;

use common::{Busybox, Rctl, eventually, fixtures, parts};
use serde_json::Value;

fn inspect(r: &Rctl, name: &str) -> Value {
    let out = r.ok(["inspect", name]);
    let v: Value = serde_json::from_str(&out).unwrap();
    v[0].clone()
}

fn pid(r: &Rctl, name: &str) -> i32 {
    inspect(r, name)["State"]["Pid"].as_i64().unwrap() as i32
}

/// The directory of `pid`'s cgroup for `controller`: the v1 hierarchy of that
/// controller when the host has one, else the v2 one.
fn cgroup_dir(pid: i32, controller: &str) -> PathBuf {
    let own = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap();
    for line in own.lines() {
        let mut f = line.splitn(3, ':');
        let (_, ctrls, path) = (f.next(), f.next().unwrap(), f.next().unwrap());
        if ctrls.split(',').any(|c| c == controller) {
            return PathBuf::from(format!("/sys/fs/cgroup/{controller}{path}"));
        }
    }
    let path = own.lines().find_map(|l| l.strip_prefix("0::")).unwrap();
    PathBuf::from(format!("/sys/fs/cgroup{path}"))
}

/// One of `pid`'s cgroup files, trimmed.
fn cgroup_file(pid: i32, controller: &str, file: &str) -> String {
    let p = cgroup_dir(pid, controller).join(file);
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .trim()
        .to_string()
}

fn v1() -> bool {
    !std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists()
}

#[test]
fn memory_hog_is_oom_killed() {
    let r = Busybox::new();
    // The shell keeps 200 MB of command output in its own memory.
    let out = r.run([
        "run",
        "--name",
        "hog",
        "--memory",
        "32m",
        "busybox",
        "sh",
        "-c",
        "x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo survived",
    ]);
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 137, "{stdout}{stderr}");
    assert!(!stdout.contains("survived"));
    let st = &inspect(&r, "hog")["State"];
    assert_eq!(st["OOMKilled"], true, "{st}");
    assert_eq!(st["ExitCode"], 137);
    // The same without a limit is not killed, and not marked.
    let out = r.ok([
        "run",
        "--name",
        "free",
        "busybox",
        "sh",
        "-c",
        "x=$(head -c 50000000 /dev/zero | tr '\\0' a); echo survived",
    ]);
    assert_eq!(out, "survived\n");
    assert_eq!(inspect(&r, "free")["State"]["OOMKilled"], false);
}

#[test]
fn pids_limit_stops_a_fork_bomb() {
    let r = Busybox::new();
    r.ok([
        "run",
        "-d",
        "--name",
        "c",
        "--pids-limit",
        "20",
        "busybox",
        "sleep",
        "1000",
    ]);
    let p = pid(&r, "c");
    assert_eq!(cgroup_file(p, "pids", "pids.max"), "20");
    // Forty background sleeps in the container: forks past 20 fail.
    let out = r.run([
        "exec",
        "c",
        "sh",
        "-c",
        "i=0; while [ $i -lt 40 ]; do sleep 1000 >/dev/null 2>&1 & i=$((i+1)); done; echo spawned",
    ]);
    let (_, _, stderr) = parts(&out);
    let current: u32 = cgroup_file(p, "pids", "pids.current").parse().unwrap();
    assert!(current <= 20, "{current} processes; {stderr}");
    let refused = cgroup_file(p, "pids", "pids.events");
    let refused: u32 = refused
        .strip_prefix("max ")
        .unwrap_or_else(|| panic!("{refused}"))
        .parse()
        .unwrap();
    assert!(refused > 0, "no fork was refused");
    // The container itself lives on.
    assert_eq!(inspect(&r, "c")["State"]["Status"], "running");
    r.ok(["rm", "-f", "c"]);
}

#[test]
fn limits_show_in_the_cgroup_change_with_update_and_go_with_rm() {
    let r = Busybox::new();
    r.ok([
        "run",
        "-d",
        "--name",
        "c",
        "--cpus",
        "0.5",
        "-m",
        "64m",
        "--memory-reservation",
        "32m",
        "--cpu-shares",
        "512",
        "--cpuset-cpus",
        "0",
        "--pids-limit",
        "100",
        "busybox",
        "sleep",
        "1000",
    ]);
    let p = pid(&r, "c");
    let dirs: Vec<PathBuf> = ["memory", "cpu", "cpuset", "pids"]
        .iter()
        .map(|c| cgroup_dir(p, c))
        .collect();
    if v1() {
        assert_eq!(cgroup_file(p, "cpu", "cpu.cfs_quota_us"), "50000");
        assert_eq!(cgroup_file(p, "cpu", "cpu.cfs_period_us"), "100000");
        assert_eq!(cgroup_file(p, "cpu", "cpu.shares"), "512");
        assert_eq!(
            cgroup_file(p, "memory", "memory.limit_in_bytes"),
            (64 << 20).to_string()
        );
        assert_eq!(
            cgroup_file(p, "memory", "memory.soft_limit_in_bytes"),
            (32 << 20).to_string()
        );
    } else {
        assert_eq!(cgroup_file(p, "cpu", "cpu.max"), "50000 100000");
        assert_eq!(
            cgroup_file(p, "memory", "memory.max"),
            (64 << 20).to_string()
        );
    }
    assert_eq!(cgroup_file(p, "cpuset", "cpuset.cpus"), "0");
    assert_eq!(cgroup_file(p, "pids", "pids.max"), "100");
    let hc = &inspect(&r, "c")["HostConfig"];
    assert_eq!(hc["Memory"], 64 << 20);
    assert_eq!(hc["NanoCpus"], 500_000_000);

    // An exec'd process is held by the same limits: it is in the same cgroups.
    r.ok(["exec", "-d", "c", "sleep", "999"]);
    for c in ["memory", "cpu", "pids"] {
        let procs = cgroup_dir(p, c).join("cgroup.procs");
        eventually("the exec'd process in the container's cgroups", || {
            let n = std::fs::read_to_string(&procs).unwrap().lines().count();
            (n == 2).then_some(())
        });
    }

    let id = r.ok([
        "update",
        "--memory",
        "128m",
        "--cpus",
        "1.5",
        "--pids-limit",
        "50",
        "c",
    ]);
    assert!(id.trim().len() == 64, "{id}");
    if v1() {
        assert_eq!(
            cgroup_file(p, "memory", "memory.limit_in_bytes"),
            (128 << 20).to_string()
        );
        assert_eq!(cgroup_file(p, "cpu", "cpu.cfs_quota_us"), "150000");
    } else {
        assert_eq!(
            cgroup_file(p, "memory", "memory.max"),
            (128 << 20).to_string()
        );
        assert_eq!(cgroup_file(p, "cpu", "cpu.max"), "150000 100000");
    }
    assert_eq!(cgroup_file(p, "pids", "pids.max"), "50");
    let hc = &inspect(&r, "c")["HostConfig"];
    assert_eq!(hc["Memory"], 128 << 20, "recorded in the config");
    assert_eq!(hc["PidsLimit"], 50);
    assert_eq!(hc["CpuShares"], 512, "what update left alone stays");

    r.ok(["rm", "-f", "c"]);
    for d in &dirs {
        assert!(!d.exists(), "{} is left", d.display());
    }
}

#[test]
fn update_gives_a_running_container_its_first_limit() {
    let r = Busybox::new();
    r.ok(["run", "-d", "--name", "c", "busybox", "sleep", "1000"]);
    let p = pid(&r, "c");
    if v1() {
        // No limit asked: no v1 cgroup of rctl's (start costs nothing there).
        assert!(!cgroup_dir(p, "memory").to_string_lossy().contains("/rctl/"));
    }
    r.ok(["update", "--memory", "48m", "c"]);
    let want = (48 << 20).to_string();
    if v1() {
        assert!(cgroup_dir(p, "memory").to_string_lossy().contains("/rctl/"));
        assert_eq!(cgroup_file(p, "memory", "memory.limit_in_bytes"), want);
    } else {
        assert_eq!(cgroup_file(p, "memory", "memory.max"), want);
    }
    let dir = cgroup_dir(p, "memory");
    r.ok(["rm", "-f", "c"]);
    assert!(!dir.exists(), "{} is left", dir.display());
}

#[test]
fn ulimits_and_oom_score_reach_the_process() {
    let r = Busybox::new();
    let out = r.ok([
        "run",
        "--rm",
        "--ulimit",
        "nofile=100:200",
        "--ulimit",
        "nproc=50",
        "--oom-score-adj",
        "500",
        "busybox",
        "sh",
        "-c",
        "ulimit -n; ulimit -Hn; cat /proc/self/oom_score_adj; grep -E 'open files|processes' /proc/self/limits",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[..3], ["100", "200", "500"], "{out}");
    let words = |l: &str| l.split_whitespace().map(String::from).collect::<Vec<_>>();
    let files = lines
        .iter()
        .find(|l| l.starts_with("Max open files"))
        .unwrap();
    assert_eq!(words(files)[3..5], ["100", "200"]);
    let procs = lines
        .iter()
        .find(|l| l.starts_with("Max processes"))
        .unwrap();
    assert_eq!(words(procs)[2..4], ["50", "50"]);
}

#[test]
fn bad_values_are_refused() {
    let r = Busybox::new();
    for args in [
        &["--memory", "12x"][..],
        &["--memory", "1k"],
        &["--ulimit", "nofile=200:100"],
        &["--ulimit", "bogus=1"],
        &["--cpus", "0"],
        &["--memory", "64m", "--memory-swap", "32m"],
    ] {
        let mut all = vec!["run", "--rm"];
        all.extend_from_slice(args);
        all.extend(["busybox", "true"]);
        let (code, err) = r.fails(&all);
        assert_eq!(code, 125, "{args:?}: {err}");
    }
}

#[test]
fn pause_freezes_and_unpause_thaws() {
    let r = Busybox::new();
    r.ok([
        "run",
        "-d",
        "--name",
        "counter",
        "busybox",
        "sh",
        "-c",
        "i=0; while true; do i=$((i+1)); echo $i > /tmp/n; sleep 0.01; done",
    ]);
    let p = pid(&r, "counter");
    let file = format!("/proc/{p}/root/tmp/n");
    let read = || std::fs::read_to_string(&file).unwrap_or_default();
    eventually("the counter to start", || {
        (!read().trim().is_empty()).then_some(())
    });
    assert_eq!(r.ok(["pause", "counter"]), "counter\n");
    let st = &inspect(&r, "counter")["State"];
    assert_eq!(st["Status"], "paused");
    assert_eq!(st["Paused"], true);
    let ps = r.ok(["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    assert!(ps.contains("counter Paused"), "{ps}");
    let frozen = read();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(read(), frozen, "the counter moved while paused");
    let (code, err) = r.fails(["pause", "counter"]);
    assert_eq!(code, 125, "{err}");
    assert_eq!(r.ok(["unpause", "counter"]), "counter\n");
    assert_eq!(inspect(&r, "counter")["State"]["Status"], "running");
    eventually("the counter to move again", || {
        (read() != frozen).then_some(())
    });
    r.ok(["rm", "-f", "counter"]);
}

#[test]
fn rootless_on_v1_cannot_set_limits() {
    if !v1() {
        return;
    }
    let r = Rctl::rootless();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let out = r.run_within(60, ["run", "--rm", "--memory", "32m", "busybox", "true"]);
    let (code, _, stderr) = parts(&out);
    assert_eq!(code, 125, "{stderr}");
    assert!(
        stderr.contains("rootless containers cannot set resource limits on cgroup v1"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // Limits of the process itself need no cgroup.
    let out = r.run_within(
        60,
        [
            "run",
            "--rm",
            "--ulimit",
            "nofile=64",
            "busybox",
            "sh",
            "-c",
            "ulimit -n",
        ],
    );
    let (code, stdout, stderr) = parts(&out);
    assert_eq!((code, stdout.as_str()), (0, "64\n"), "{stderr}");
}
