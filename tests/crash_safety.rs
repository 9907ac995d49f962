//! Crash safety, rootful: when a container's monitor (or a foreground rctl)
//! is killed with SIGKILL, `ps` and `inspect` still tell the truth, and
//! `rm -f` cleans everything up.

mod common;

use common::{Busybox, Rctl, eventually};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use std::path::{Path, PathBuf};
use std::process::Stdio;

fn field(r: &Rctl, name: &str, f: &str) -> String {
    r.ok(["inspect", "--format", f, name]).trim().to_string()
}

fn pid_of(r: &Rctl, name: &str, f: &str) -> i32 {
    field(r, name, f).parse().unwrap()
}

/// Whether `pid` is gone (or a zombie nobody has reaped yet).
fn gone(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(s) => s
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z')),
    }
}

fn sigkill(pid: i32) {
    kill(Pid::from_raw(pid), Signal::SIGKILL).unwrap();
}

/// The container's cgroup directory on this host, if it has one.
fn cgroup_dir(pid: i32) -> Option<PathBuf> {
    let cg = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).ok()?;
    let v2 = cg.lines().find_map(|l| l.strip_prefix("0::"))?.to_string();
    let base = if Path::new("/sys/fs/cgroup/unified/cgroup.procs").exists() {
        "/sys/fs/cgroup/unified"
    } else {
        "/sys/fs/cgroup"
    };
    Some(PathBuf::from(format!("{base}{v2}")))
}

/// Nothing of container `id` is left: no record, no run directory, no
/// cgroup, no mount on the host.
fn assert_cleaned(r: &Rctl, id: &str, cgroup: Option<&Path>) {
    assert!(
        !r.root().join("containers").join(id).exists(),
        "record left"
    );
    let run = r.dir().join("run").join("containers").join(id);
    assert!(!run.exists(), "run directory left: {}", run.display());
    if let Some(cg) = cgroup {
        assert!(!cg.exists(), "cgroup left: {}", cg.display());
    }
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    assert!(!mounts.contains(id), "a mount of the container is left");
    assert_eq!(r.run(["container", "exists", id]).status.code(), Some(1));
}

#[test]
fn monitor_and_container_killed_then_ps_and_rm_f() {
    let r = Busybox::new();
    let id = r.ok(["run", "-d", "--name", "crash", "busybox", "sleep", "1000"]);
    let id = id.trim();
    let pid = pid_of(&r, "crash", "{{.State.Pid}}");
    let monitor = pid_of(&r, "crash", "{{.State.ConmonPid}}");
    assert!(pid > 0 && monitor > 0 && pid != monitor);
    let cg = cgroup_dir(pid);
    sigkill(monitor);
    sigkill(pid);
    eventually("the container process to end", || gone(pid).then_some(()));
    // Nobody recorded the end, yet nobody claims it runs.
    eventually("ps to stop listing it as running", || {
        r.ok(["ps", "-q"]).is_empty().then_some(())
    });
    assert_eq!(field(&r, "crash", "{{.State.Running}}"), "false");
    assert_ne!(field(&r, "crash", "{{.State.Status}}"), "running");
    let all = r.ok(["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    assert!(all.starts_with("crash "), "{all}");
    assert!(!all.contains("Up"), "{all}");
    // wait does not hang; stop and start work again.
    let out = r.run(["wait", "crash"]);
    assert!(out.status.success(), "{out:?}");
    r.ok(["start", "crash"]);
    assert_eq!(field(&r, "crash", "{{.State.Running}}"), "true");
    let pid = pid_of(&r, "crash", "{{.State.Pid}}");
    r.ok(["rm", "-f", "crash"]);
    eventually("the restarted process to end", || gone(pid).then_some(()));
    assert_cleaned(&r, id, cg.as_deref());
    // The name is free again.
    r.ok(["run", "--rm", "--name", "crash", "busybox", "true"]);
}

#[test]
fn monitor_killed_and_container_running_then_rm_f() {
    let r = Busybox::new();
    let id = r.ok(["run", "-d", "--name", "orphan", "busybox", "sleep", "1000"]);
    let id = id.trim();
    let pid = pid_of(&r, "orphan", "{{.State.Pid}}");
    let monitor = pid_of(&r, "orphan", "{{.State.ConmonPid}}");
    let cg = cgroup_dir(pid);
    sigkill(monitor);
    eventually("the monitor to end", || gone(monitor).then_some(()));
    assert!(!gone(pid), "the container outlives its monitor");
    // It does run: ps and inspect say so.
    assert_eq!(r.ok(["ps", "-q", "--no-trunc"]), format!("{id}\n"));
    assert_eq!(field(&r, "orphan", "{{.State.Running}}"), "true");
    assert_eq!(pid_of(&r, "orphan", "{{.State.Pid}}"), pid);
    // exec still works.
    assert_eq!(r.ok(["exec", "orphan", "echo", "alive"]), "alive\n");
    // rm without -f refuses; with -f kills and removes it.
    assert_eq!(r.run(["rm", "orphan"]).status.code(), Some(2));
    r.ok(["rm", "-f", "orphan"]);
    eventually("the container process to be killed", || {
        gone(pid).then_some(())
    });
    assert_cleaned(&r, id, cg.as_deref());
    r.ok(["run", "--rm", "--name", "orphan", "busybox", "true"]);
}

#[test]
fn monitor_killed_then_stop() {
    let r = Busybox::new();
    r.ok(["run", "-d", "--name", "s", "busybox", "sleep", "1000"]);
    let pid = pid_of(&r, "s", "{{.State.Pid}}");
    sigkill(pid_of(&r, "s", "{{.State.ConmonPid}}"));
    r.ok(["stop", "-t", "1", "s"]);
    eventually("the container to end", || gone(pid).then_some(()));
    assert_eq!(field(&r, "s", "{{.State.Running}}"), "false");
    assert!(r.ok(["ps", "-q"]).is_empty());
    r.ok(["rm", "s"]);
}

#[test]
fn pid_reuse_is_not_mistaken_for_the_container() {
    let r = Busybox::new();
    let id = r.ok(["run", "-d", "--name", "p", "busybox", "sleep", "1000"]);
    let id = id.trim();
    let pid = pid_of(&r, "p", "{{.State.Pid}}");
    let monitor = pid_of(&r, "p", "{{.State.ConmonPid}}");
    sigkill(monitor);
    sigkill(pid);
    eventually("the container to end", || gone(pid).then_some(()));
    // Simulate the pids being reused by unrelated processes: point the
    // record at two live processes of ours (their start times differ).
    let other = KillOnDrop(
        std::process::Command::new("sleep")
            .arg("1000")
            .spawn()
            .unwrap(),
    );
    let other_pid = other.0.id() as i32;
    let path = r.root().join("containers").join(id).join("state.json");
    let mut st: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(st["pid"], serde_json::json!(pid), "state.json layout: {st}");
    st["pid"] = serde_json::json!(other_pid);
    st["monitor_pid"] = serde_json::json!(std::process::id());
    std::fs::write(&path, serde_json::to_vec(&st).unwrap()).unwrap();
    assert_eq!(field(&r, "p", "{{.State.Running}}"), "false");
    assert!(r.ok(["ps", "-q"]).is_empty());
    // rm -f must not kill the process that merely has the old pid.
    r.ok(["rm", "-f", "p"]);
    assert!(!gone(other_pid), "rm -f killed an unrelated process");
}

/// A child process of the test, killed (by its pid) when dropped.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn foreground_rctl_killed_then_ps_and_rm_f() {
    let r = Busybox::new();
    // Through a monitor (output logged) and direct (--rm: rctl is the parent).
    for (name, rm) in [("fg-logged", false), ("fg-direct", true)] {
        let mut args = vec!["run", "--name", name];
        if rm {
            args.push("--rm");
        }
        args.extend(["busybox", "sleep", "1000"]);
        let mut child = r
            .cmd(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let pid = eventually("the container to run", || {
            let out = r.run(["inspect", "--format", "{{.State.Pid}}", name]);
            let pid: i32 = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
            (pid > 0).then_some(pid)
        });
        let id = field(&r, name, "{{.Id}}");
        let cg = cgroup_dir(pid);
        child.kill().unwrap();
        child.wait().unwrap();
        // Whether or not the container outlived rctl, ps tells the truth.
        let running = !gone(pid);
        assert_eq!(
            r.ok(["ps", "-q", "--no-trunc"]).contains(&id),
            running,
            "{name}: ps must match reality (container alive: {running})"
        );
        r.ok(["rm", "-f", "-i", name]);
        eventually("the container process to end", || gone(pid).then_some(()));
        assert_cleaned(&r, &id, cg.as_deref());
    }
}

#[test]
fn rm_f_removes_a_container_stuck_half_created() {
    let r = Busybox::new();
    let id = r.ok(["create", "--name", "half", "busybox", "true"]);
    let id = id.trim();
    // A run directory and stale pid records as a crash could leave.
    let run = r.dir().join("run").join("containers").join(id);
    std::fs::create_dir_all(&run).unwrap();
    std::fs::write(run.join("stale"), b"x").unwrap();
    r.ok(["rm", "-f", "half"]);
    assert_cleaned(&r, id, None);
}
