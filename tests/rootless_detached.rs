//! Rootless detached containers: `run -d`, `logs`, `exec`, `stop`, `kill`,
//! `wait`, `rm -f`, `restart`, and what happens when the monitor is killed,
//! all as the unprivileged test user. Containers whose processes run as
//! another user inside (here `nobody`, a subordinate id on the host) can only
//! be signalled from inside their user namespace: these tests check that rctl
//! gets there.

mod common;

use std::cell::RefCell;
use std::process::Output;
use std::time::{Duration, Instant};

use common::{Rctl, fixtures, rootless_ids};

/// Seconds any one rctl command may take before the test calls it a hang.
const LIMIT: u64 = 60;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The start time of process `pid` (field 22 of /proc/PID/stat), if it lives.
fn start_time(pid: i32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split_whitespace().nth(19)?.parse().ok()
}

/// Whether `pid` is still the process that started at `start` (and not a zombie).
fn alive(pid: i32, start: u64) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    let state = stat[stat.rfind(')').unwrap() + 2..].chars().next();
    start_time(pid) == Some(start) && state != Some('Z')
}

/// The real uid of process `pid` on the host.
fn host_uid(pid: i32) -> u32 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// The first subordinate uid of the test user: what uid 1 maps to.
fn first_subuid() -> u32 {
    let (uid, _) = rootless_ids();
    let text = std::fs::read_to_string("/etc/subuid").unwrap();
    text.lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f[0] == common::ROOTLESS_USER || f[0] == uid.to_string())
                .then(|| f[1].parse().unwrap())
        })
        .unwrap()
}

/// A rootless store with busybox, which on drop removes every container
/// (`rm -af`) and then kills, by pid, any container or monitor process the
/// test started that is still there.
struct Store {
    r: Rctl,
    pids: RefCell<Vec<(i32, u64)>>,
}

impl Store {
    fn new() -> Store {
        let r = Rctl::rootless();
        r.load(&fixtures::busybox(&["busybox:latest"]));
        Store {
            r,
            pids: RefCell::new(Vec::new()),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        self.r.run_within(LIMIT, args)
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "rctl {args:?} failed ({}): {}{}",
            out.status,
            text(&out.stdout),
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    /// `inspect -f FORMAT NAME`, trimmed.
    fn inspect(&self, name: &str, format: &str) -> String {
        self.ok(&["inspect", "-f", format, name]).trim().to_string()
    }

    /// Container `name`'s process and monitor pids (remembered for cleanup).
    fn pids(&self, name: &str) -> (i32, i32) {
        let pid: i32 = self.inspect(name, "{{.State.Pid}}").parse().unwrap();
        let mon: i32 = self.inspect(name, "{{.State.ConmonPid}}").parse().unwrap();
        for p in [pid, mon] {
            if p > 0
                && let Some(s) = start_time(p)
            {
                self.pids.borrow_mut().push((p, s));
            }
        }
        (pid, mon)
    }

    /// `run -d ARGS`: the new container's id; its pids are remembered.
    fn detach(&self, name: &str, args: &[&str]) -> String {
        let mut full = vec!["run", "-d", "--name", name];
        full.extend_from_slice(args);
        let id = self.ok(&full).trim().to_string();
        assert_eq!(id.len(), 64, "{id}");
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        self.pids(name);
        id
    }

    /// Waits until `logs NAME` (stdout) contains `want`.
    fn wait_log(&self, name: &str, want: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let out = self.ok(&["logs", name]);
            if out.contains(want) {
                return out;
            }
            assert!(Instant::now() < deadline, "{want:?} never logged: {out:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        let _ = common::output_within(&mut self.r.cmd(["rm", "-af"]), 30);
        for &(pid, start) in self.pids.borrow().iter() {
            if alive(pid, start) {
                let _ = nix::sys::signal::kill(
                    nix::unistd::Pid::from_raw(pid),
                    nix::sys::signal::Signal::SIGKILL,
                );
            }
        }
    }
}

/// Waits until `pid` is gone, at most `secs` seconds.
fn gone_within(pid: i32, start: u64, secs: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while alive(pid, start) {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    true
}

#[test]
fn run_detached_logs_and_ps() {
    let s = Store::new();
    let id = s.detach(
        "d",
        &[
            "busybox",
            "sh",
            "-c",
            "echo out; echo err >&2; exec sleep 1000",
        ],
    );
    let out = s.wait_log("d", "out");
    assert_eq!(out, "out\n");
    let logs = s.run(&["logs", "d"]);
    assert_eq!(text(&logs.stderr), "err\n", "stderr kept apart");
    assert_eq!(s.ok(&["ps", "-q", "--no-trunc"]).trim(), id);
    let ps = s.ok(&["ps", "--format", "{{.Names}} {{.Status}}"]);
    assert!(ps.starts_with("d Up"), "{ps}");
    assert_eq!(
        s.inspect("d", "{{.State.Status}} {{.State.Running}}"),
        "running true"
    );
    let (pid, mon) = s.pids("d");
    assert!(pid > 0 && mon > 0 && pid != mon);
    // Root in the container is the user on the host; the monitor too.
    let (uid, _) = rootless_ids();
    assert_eq!(host_uid(pid), uid);
    assert_eq!(host_uid(mon), uid);
    // The monitor is the container's parent.
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let ppid: i32 = stat[stat.rfind(')').unwrap() + 2..]
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(ppid, mon);
}

#[test]
fn logs_follow_until_exit_and_wait() {
    let s = Store::new();
    s.detach(
        "f",
        &[
            "busybox",
            "sh",
            "-c",
            "for i in 1 2 3; do echo $i; sleep 0.3; done; exit 4",
        ],
    );
    let out = s.run(&["logs", "-f", "f"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "1\n2\n3\n");
    assert_eq!(s.ok(&["wait", "f"]).trim(), "4");
    assert_eq!(
        s.inspect("f", "{{.State.Status}} {{.State.ExitCode}}"),
        "exited 4"
    );
    let ps = s.ok(&["ps", "-a", "--format", "{{.Status}}"]);
    assert!(ps.starts_with("Exited (4)"), "{ps}");
}

#[test]
fn wait_for_several() {
    let s = Store::new();
    s.detach("a", &["busybox", "sh", "-c", "sleep 0.5; exit 3"]);
    s.detach("b", &["busybox", "sh", "-c", "exit 5"]);
    assert_eq!(s.ok(&["wait", "a", "b"]), "3\n5\n");
}

#[test]
fn exec_as_root_and_other_users_with_exit_codes() {
    let s = Store::new();
    s.detach("e", &["busybox", "sleep", "1000"]);
    assert_eq!(s.ok(&["exec", "e", "id", "-u"]).trim(), "0");
    assert_eq!(
        s.ok(&["exec", "-u", "nobody", "e", "id", "-u"]).trim(),
        "65534"
    );
    assert_eq!(
        s.ok(&["exec", "-u", "1000:1000", "e", "id", "-g"]).trim(),
        "1000"
    );
    // The exec'd process joined the container: its PID namespace, its files.
    s.ok(&["exec", "e", "sh", "-c", "echo hi > /tmp/x"]);
    assert_eq!(
        s.ok(&[
            "exec",
            "-u",
            "nobody",
            "e",
            "sh",
            "-c",
            "cat /tmp/x; cat /proc/1/cmdline"
        ]),
        "hi\nsleep\u{0}1000\u{0}"
    );
    let out = s.run(&["exec", "-u", "nobody", "e", "touch", "/root/nope"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "nobody is not root: {}",
        text(&out.stderr)
    );
    for (args, want) in [
        (&["sh", "-c", "exit 7"][..], 7),
        (&["/etc/passwd"][..], 126),
        (&["/no/such"][..], 127),
    ] {
        let mut full = vec!["exec", "e"];
        full.extend_from_slice(args);
        let out = s.run(&full);
        assert_eq!(
            out.status.code(),
            Some(want),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let mut full = vec!["exec", "-u", "nobody", "e"];
        full.extend_from_slice(args);
        let out = s.run(&full);
        assert_eq!(
            out.status.code(),
            Some(want),
            "nobody {args:?}: {}",
            text(&out.stderr)
        );
    }
    // -e, -w, -i.
    assert_eq!(
        s.ok(&[
            "exec",
            "-e",
            "A=b",
            "-w",
            "/tmp",
            "e",
            "sh",
            "-c",
            "echo $A; pwd"
        ]),
        "b\n/tmp\n"
    );
    let out = s.r.run_stdin(
        ["exec", "-i", "-u", "nobody", "e", "tr", "a-z", "A-Z"],
        b"piped\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "PIPED\n");
    // The exec'd process as nobody is nobody's subordinate id on the host.
    let out = s.ok(&[
        "exec",
        "-u",
        "nobody",
        "e",
        "sh",
        "-c",
        "grep ^Uid: /proc/self/status",
    ]);
    assert!(out.contains("65534"), "{out}");
    // exec into a stopped container fails.
    s.ok(&["kill", "e"]);
    s.ok(&["wait", "e"]);
    let out = s.run(&["exec", "e", "true"]);
    assert!(!out.status.success());
    assert_eq!(out.status.code(), Some(125), "{}", text(&out.stderr));
}

#[test]
fn exec_into_a_container_running_as_nobody() {
    let s = Store::new();
    s.detach("n", &["-u", "nobody", "busybox", "sleep", "1000"]);
    let (pid, _) = s.pids("n");
    assert_eq!(host_uid(pid), first_subuid() + 65534 - 1);
    assert_eq!(
        s.ok(&["exec", "n", "id", "-u"]).trim(),
        "65534",
        "exec takes the container's user"
    );
    assert_eq!(s.ok(&["exec", "-u", "0", "n", "id", "-u"]).trim(), "0");
    let out = s.run(&["exec", "n", "sh", "-c", "exit 9"]);
    assert_eq!(out.status.code(), Some(9), "{}", text(&out.stderr));
    // An exec'd process in the background is nobody on the host too.
    s.ok(&["exec", "-d", "n", "sleep", "999"]);
    let out = s.ok(&[
        "exec",
        "n",
        "sh",
        "-c",
        "grep -l 999 /proc/[0-9]*/cmdline | head -n1",
    ]);
    assert!(out.starts_with("/proc/"), "{out}");
}

#[test]
fn stop_a_container_ignoring_sigterm_kills_it_after_the_timeout() {
    let s = Store::new();
    // sh as PID 1 without a trap ignores SIGTERM.
    s.detach(
        "st",
        &["busybox", "sh", "-c", "while :; do sleep 0.1; done"],
    );
    let (pid, mon) = s.pids("st");
    let (pstart, mstart) = (start_time(pid).unwrap(), start_time(mon).unwrap());
    let t = Instant::now();
    s.ok(&["stop", "-t", "1", "st"]);
    let took = t.elapsed();
    assert!(
        took >= Duration::from_millis(900),
        "waited the timeout: {took:?}"
    );
    assert!(took < Duration::from_secs(15), "{took:?}");
    assert!(!alive(pid, pstart), "the container's process is gone");
    assert!(gone_within(mon, mstart, 10), "the monitor is gone");
    assert_eq!(
        s.inspect("st", "{{.State.Status}} {{.State.ExitCode}}"),
        "exited 137"
    );
    assert_eq!(s.ok(&["wait", "st"]).trim(), "137");
    // Stopping a stopped container is fine.
    s.ok(&["stop", "st"]);
}

#[test]
fn stop_a_container_with_a_term_trap_is_quick() {
    let s = Store::new();
    s.detach(
        "tr",
        &[
            "busybox",
            "sh",
            "-c",
            "trap 'echo bye; exit 42' TERM; echo ready; while :; do sleep 0.1; done",
        ],
    );
    s.wait_log("tr", "ready");
    let t = Instant::now();
    s.ok(&["stop", "-t", "20", "tr"]);
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    assert_eq!(s.inspect("tr", "{{.State.ExitCode}}"), "42");
    assert_eq!(s.ok(&["logs", "tr"]), "ready\nbye\n");
}

#[test]
fn stop_a_container_running_as_nobody() {
    let s = Store::new();
    s.detach("sn", &["-u", "nobody", "busybox", "sleep", "1000"]);
    let (pid, mon) = s.pids("sn");
    let (pstart, mstart) = (start_time(pid).unwrap(), start_time(mon).unwrap());
    assert_eq!(
        host_uid(pid),
        first_subuid() + 65534 - 1,
        "runs as a subordinate id"
    );
    let t = Instant::now();
    let out = s.run(&["stop", "-t", "1", "sn"]);
    assert!(out.status.success(), "stop: {}", text(&out.stderr));
    assert!(t.elapsed() < Duration::from_secs(15), "{:?}", t.elapsed());
    assert!(
        gone_within(pid, pstart, 5),
        "the container's process was killed"
    );
    assert!(gone_within(mon, mstart, 10));
    assert_eq!(
        s.inspect("sn", "{{.State.Status}} {{.State.ExitCode}}"),
        "exited 137"
    );
    let ps = s.ok(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    assert!(ps.starts_with("sn Exited (137)"), "{ps}");
}

#[test]
fn kill_with_signals_as_root_and_as_nobody() {
    let s = Store::new();
    for (name, user) in [("kr", "0"), ("kn", "nobody")] {
        s.detach(
            name,
            &[
                "-u",
                user,
                "busybox",
                "sh",
                "-c",
                "trap 'echo usr1' USR1; trap 'echo hup' HUP; echo ready; while :; do sleep 0.1; done",
            ],
        );
        s.wait_log(name, "ready");
        s.ok(&["kill", "-s", "USR1", name]);
        s.wait_log(name, "usr1");
        s.ok(&["kill", "-s", "1", name]);
        s.wait_log(name, "hup");
        assert_eq!(
            s.inspect(name, "{{.State.Running}}"),
            "true",
            "{name}: still running"
        );
        let (pid, _) = s.pids(name);
        let start = start_time(pid).unwrap();
        s.ok(&["kill", "-s", "KILL", name]);
        assert_eq!(s.ok(&["wait", name]).trim(), "137", "{name}");
        assert!(!alive(pid, start));
        // A stopped container cannot be signalled.
        let out = s.run(&["kill", name]);
        assert!(!out.status.success(), "{name}");
    }
}

#[test]
fn rm_requires_force_for_running_and_force_kills_nobody() {
    let s = Store::new();
    let id = s.detach("rn", &["-u", "nobody", "busybox", "sleep", "1000"]);
    let (pid, mon) = s.pids("rn");
    let (pstart, mstart) = (start_time(pid).unwrap(), start_time(mon).unwrap());
    let out = s.run(&["rm", "rn"]);
    assert!(!out.status.success(), "a running container needs -f");
    assert!(alive(pid, pstart));
    let out = s.run(&["rm", "-f", "rn"]);
    assert!(out.status.success(), "rm -f: {}", text(&out.stderr));
    assert!(gone_within(pid, pstart, 5));
    assert!(gone_within(mon, mstart, 10));
    assert_eq!(s.ok(&["ps", "-aq"]).trim(), "");
    assert!(!s.r.root().join("containers").join(&id).exists());
    assert!(!s.r.dir().join("run/containers").join(&id).exists());
}

#[test]
fn restart_keeps_the_writable_layer() {
    let s = Store::new();
    for (name, user) in [("rr", "0"), ("rnb", "nobody")] {
        s.detach(
            name,
            &[
                "-u",
                user,
                "busybox",
                "sh",
                "-c",
                "echo run >> /tmp/count; exec sleep 1000",
            ],
        );
        let (pid, _) = s.pids(name);
        let start = start_time(pid).unwrap();
        let out = s.run(&["restart", "-t", "1", name]);
        assert!(
            out.status.success(),
            "{name}: restart: {}",
            text(&out.stderr)
        );
        assert!(!alive(pid, start), "{name}: the old process is gone");
        let (pid2, _) = s.pids(name);
        assert!(pid2 > 0 && pid2 != pid, "{name}");
        assert_eq!(s.inspect(name, "{{.State.Running}}"), "true");
        assert_eq!(
            s.ok(&["exec", name, "cat", "/tmp/count"]),
            "run\nrun\n",
            "{name}"
        );
        // stop + start keeps it as well.
        s.ok(&["stop", "-t", "1", name]);
        s.ok(&["start", name]);
        s.pids(name);
        assert_eq!(
            s.ok(&["exec", name, "cat", "/tmp/count"]),
            "run\nrun\nrun\n",
            "{name}"
        );
    }
}

#[test]
fn killed_monitor_then_ps_inspect_and_rm_f() {
    let s = Store::new();
    let id = s.detach("m", &["-u", "nobody", "busybox", "sleep", "1000"]);
    let (pid, mon) = s.pids("m");
    let (pstart, mstart) = (start_time(pid).unwrap(), start_time(mon).unwrap());
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(mon),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    assert!(gone_within(mon, mstart, 5));
    // The container lives on without its monitor: it is still running.
    assert!(alive(pid, pstart));
    assert_eq!(
        s.inspect("m", "{{.State.Status}} {{.State.Running}}"),
        "running true"
    );
    assert_eq!(s.ok(&["ps", "-q", "--no-trunc"]).trim(), id);
    // rm -f kills it (it runs as nobody: from inside its user namespace).
    let out = s.run(&["rm", "-f", "m"]);
    assert!(out.status.success(), "rm -f: {}", text(&out.stderr));
    assert!(gone_within(pid, pstart, 5), "rm -f killed the container");
    assert_eq!(s.ok(&["ps", "-aq"]).trim(), "");
    assert!(!s.r.root().join("containers").join(&id).exists());
    assert!(!s.r.dir().join("run/containers").join(&id).exists());
}

#[test]
fn killed_monitor_and_container_then_ps_tells_the_truth() {
    let s = Store::new();
    let id = s.detach("k", &["busybox", "sleep", "1000"]);
    let (pid, mon) = s.pids("k");
    let (pstart, mstart) = (start_time(pid).unwrap(), start_time(mon).unwrap());
    for p in [mon, pid] {
        nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(p),
            nix::sys::signal::Signal::SIGKILL,
        )
        .unwrap();
    }
    assert!(gone_within(mon, mstart, 5));
    assert!(gone_within(pid, pstart, 5));
    // Nobody recorded the exit: ps and inspect still say it is not running.
    assert_eq!(s.ok(&["ps", "-q"]).trim(), "", "not listed as running");
    assert_eq!(s.ok(&["ps", "-aq", "--no-trunc"]).trim(), id);
    assert_eq!(s.inspect("k", "{{.State.Running}}"), "false");
    let status = s.inspect("k", "{{.State.Status}}");
    assert!(status == "exited" || status == "stopped", "{status}");
    assert_eq!(s.inspect("k", "{{.State.Pid}}"), "0");
    // stop and wait do not hang on it, and rm (no -f needed) cleans up.
    s.ok(&["stop", "k"]);
    s.ok(&["wait", "k"]);
    s.ok(&["rm", "k"]);
    assert!(!s.r.root().join("containers").join(&id).exists());
    assert!(!s.r.dir().join("run/containers").join(&id).exists());
}

#[test]
fn killed_monitor_then_stop_as_nobody() {
    let s = Store::new();
    s.detach("ks", &["-u", "nobody", "busybox", "sleep", "1000"]);
    let (pid, mon) = s.pids("ks");
    let (pstart, mstart) = (start_time(pid).unwrap(), start_time(mon).unwrap());
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(mon),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    assert!(gone_within(mon, mstart, 5));
    let t = Instant::now();
    let out = s.run(&["stop", "-t", "1", "ks"]);
    assert!(out.status.success(), "stop: {}", text(&out.stderr));
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
    assert!(gone_within(pid, pstart, 5));
    assert_eq!(s.inspect("ks", "{{.State.Running}}"), "false");
    s.ok(&["rm", "ks"]);
}

#[test]
fn system_reset_kills_containers_of_other_users_inside() {
    let s = Store::new();
    s.detach("x1", &["-u", "nobody", "busybox", "sleep", "1000"]);
    s.detach("x2", &["busybox", "sleep", "1000"]);
    let procs: Vec<(i32, u64)> = ["x1", "x2"]
        .iter()
        .map(|n| {
            let (pid, _) = s.pids(n);
            (pid, start_time(pid).unwrap())
        })
        .collect();
    let out = s.run(&["system", "reset", "-f"]);
    assert!(out.status.success(), "system reset: {}", text(&out.stderr));
    for (pid, start) in procs {
        assert!(
            gone_within(pid, start, 5),
            "container process {pid} survived the reset; it said: {}",
            text(&out.stderr)
        );
    }
    assert_eq!(s.ok(&["ps", "-aq"]).trim(), "");
}

#[test]
fn rootless_parallel_detached_runs() {
    let s = Store::new();
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let mut c = s.r.cmd([
                "run",
                "-d",
                "--name",
                &format!("p{i}"),
                "busybox",
                "sh",
                "-c",
                "echo started; exec sleep 1000",
            ]);
            std::thread::spawn(move || common::output_within(&mut c, LIMIT))
        })
        .collect();
    for h in handles {
        let (out, timed_out) = h.join().unwrap();
        assert!(!timed_out && out.status.success(), "{}", text(&out.stderr));
    }
    for i in 0..8 {
        s.pids(&format!("p{i}"));
    }
    assert_eq!(s.ok(&["ps", "-q"]).lines().count(), 8);
    for i in 0..8 {
        s.wait_log(&format!("p{i}"), "started");
    }
    let out = s.run(&["stop", "-a", "-t", "1"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(s.ok(&["ps", "-q"]).trim(), "");
    let check = s.run(&["system", "check"]);
    assert!(
        check.status.success(),
        "system check: {}{}",
        text(&check.stdout),
        text(&check.stderr)
    );
}

#[test]
fn rmi_force_removes_running_containers_of_other_users_inside() {
    let s = Store::new();
    s.detach("i1", &["-u", "nobody", "busybox", "sleep", "1000"]);
    s.detach("i2", &["busybox", "sleep", "1000"]);
    let procs: Vec<(i32, u64)> = ["i1", "i2"]
        .iter()
        .map(|n| {
            let (pid, _) = s.pids(n);
            (pid, start_time(pid).unwrap())
        })
        .collect();
    let out = s.run(&["rmi", "busybox"]);
    assert!(!out.status.success(), "an image in use needs -f");
    let out = s.run(&["rmi", "-f", "busybox"]);
    assert!(out.status.success(), "rmi -f: {}", text(&out.stderr));
    for (pid, start) in procs {
        assert!(
            gone_within(pid, start, 5),
            "container process {pid} survived rmi -f; it said: {}",
            text(&out.stderr)
        );
    }
    assert_eq!(s.ok(&["ps", "-aq"]).trim(), "");
    assert_eq!(s.ok(&["images", "-q"]).trim(), "");
}

#[test]
fn init_in_a_detached_container_forwards_the_stop_signal() {
    let s = Store::new();
    let out = s.r.run_within(
        20,
        [
            "run",
            "-d",
            "--init",
            "--name",
            "i",
            "-u",
            "nobody",
            "busybox",
            "sh",
            "-c",
            "trap 'exit 11' TERM; echo ready; while :; do sleep 0.1; done",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    s.pids("i");
    s.wait_log("i", "ready");
    // PID 1 is the init, not the command.
    let pid1 = s.ok(&["exec", "i", "cat", "/proc/1/cmdline"]);
    assert!(!pid1.starts_with("sh\0"), "{pid1:?}");
    let t = Instant::now();
    s.ok(&["stop", "-t", "20", "i"]);
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    assert_eq!(s.inspect("i", "{{.State.ExitCode}}"), "11");
}
