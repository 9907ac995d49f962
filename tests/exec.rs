//! `exec`, rootful: exit codes, flags, and that the new process is really in
//! the container (host name, PID namespace, cgroup, root, user).

mod common;

use common::{Busybox, eventually, parts};

/// A running container (`sleep 1000`), with `extra` flags; returns its id.
fn running(r: &Busybox, extra: &[&str]) -> String {
    let mut a = vec!["run", "-d"];
    a.extend(extra);
    a.extend(["busybox", "sleep", "1000"]);
    r.ok(&a).trim().to_string()
}

#[test]
fn exec_exit_codes() {
    let r = Busybox::new();
    let id = running(&r, &[]);
    let code = |args: &[&str]| {
        let mut a = vec!["exec", id.as_str()];
        a.extend(args);
        r.run(&a).status.code()
    };
    assert_eq!(code(&["true"]), Some(0));
    assert_eq!(code(&["sh", "-c", "exit 5"]), Some(5));
    assert_eq!(code(&["/etc/passwd"]), Some(126), "not executable");
    assert_eq!(code(&["/tmp"]), Some(126), "a directory");
    assert_eq!(code(&["no-such-command"]), Some(127));
    assert_eq!(code(&["/no/such/file"]), Some(127));
    assert_eq!(
        code(&["sh", "-c", "kill -9 $$"]),
        Some(137),
        "killed by a signal"
    );
    // The container is unaffected.
    assert_eq!(
        r.ok(["inspect", "--format", "{{.State.Running}}", &id]),
        "true\n"
    );
}

#[test]
fn exec_output_streams() {
    let r = Busybox::new();
    let id = running(&r, &[]);
    let out = r.run(["exec", &id, "sh", "-c", "echo out; echo err >&2"]);
    assert_eq!(parts(&out), (0, "out\n".into(), "err\n".into()));
    // exec's output is not the container's log.
    assert_eq!(r.ok(["logs", &id]), "");
}

#[test]
fn exec_env_workdir_user() {
    let r = Busybox::new();
    let id = running(&r, &["-e", "FROM_RUN=run", "-e", "OVER=run", "-w", "/tmp"]);
    // The container's environment and working directory are the defaults.
    let out = r.ok(["exec", &id, "sh", "-c", "echo $FROM_RUN $OVER; pwd; id -u"]);
    assert_eq!(out, "run run\n/tmp\n0\n");
    // -e adds and overrides, also from the host's environment.
    let out = r
        .cmd([
            "exec",
            "-e",
            "OVER=exec",
            "-e",
            "NEW=1",
            "-e",
            "HOSTVAR",
            &id,
            "sh",
            "-c",
            "echo $FROM_RUN $OVER $NEW $HOSTVAR",
        ])
        .env("HOSTVAR", "from-host")
        .output()
        .unwrap();
    assert_eq!(parts(&out).1, "run exec 1 from-host\n");
    // -w, -u.
    assert_eq!(r.ok(["exec", "-w", "/etc", &id, "pwd"]), "/etc\n");
    assert_eq!(r.ok(["exec", "--workdir", "/", &id, "pwd"]), "/\n");
    assert_eq!(
        r.ok(["exec", "-u", "nobody", &id, "sh", "-c", "id -u; id -g"]),
        "65534\n65534\n"
    );
    assert_eq!(
        r.ok([
            "exec",
            "--user",
            "1000:1001",
            &id,
            "sh",
            "-c",
            "id -u; id -g"
        ]),
        "1000\n1001\n"
    );
    let out = r.run(["exec", "-u", "nobody", &id, "cat", "/etc/shadow"]);
    assert_eq!(out.status.code(), Some(1), "nobody cannot read /etc/shadow");
    let out = r.run(["exec", "-u", "ghost", &id, "true"]);
    assert_eq!(out.status.code(), Some(125));
}

#[test]
fn exec_uses_the_containers_user() {
    let r = Busybox::new();
    let id = running(&r, &["-u", "nobody"]);
    assert_eq!(r.ok(["exec", &id, "id", "-u"]), "65534\n");
    assert_eq!(r.ok(["exec", "-u", "root", &id, "id", "-u"]), "0\n");
}

#[test]
fn exec_i_passes_stdin_and_without_i_it_is_empty() {
    let r = Busybox::new();
    let id = running(&r, &[]);
    let out = r.run_stdin(["exec", "-i", &id, "cat"], b"to exec\n");
    assert_eq!(parts(&out), (0, "to exec\n".into(), String::new()));
    let out = r.run_stdin(["exec", &id, "cat"], b"not passed\n");
    assert_eq!(parts(&out), (0, String::new(), String::new()));
    let big = vec![b'x'; 200_000];
    let out = r.run_stdin(["exec", "-i", &id, "wc", "-c"], &big);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "200000");
}

#[test]
fn exec_d_runs_in_the_background() {
    let r = Busybox::new();
    let id = running(&r, &[]);
    let out = r.run([
        "exec",
        "-d",
        &id,
        "sh",
        "-c",
        "sleep 0.3; echo done > /tmp/bg",
    ]);
    assert_eq!(parts(&out).0, 0);
    eventually("the detached command to finish", || {
        (r.run(["exec", &id, "cat", "/tmp/bg"]).stdout == b"done\n").then_some(())
    });
}

#[test]
fn exec_d_leaves_no_zombie() {
    let r = Busybox::new();
    let id = running(&r, &[]);
    r.ok(["exec", "-d", &id, "sh", "-c", "echo done > /tmp/bg"]);
    eventually("the detached command to finish", || {
        (r.run(["exec", &id, "cat", "/tmp/bg"]).stdout == b"done\n").then_some(())
    });
    // The command has ended: someone must have reaped it (podman's conmon
    // does); `sleep`, the container's PID 1, never will.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let ps = r.ok(["exec", &id, "ps", "-o", "pid,stat,comm"]);
    assert!(
        !ps.lines().any(|l| l.split_whitespace().nth(1) == Some("Z")),
        "a zombie is left in the container:\n{ps}"
    );
}

#[test]
fn exec_into_a_stopped_container_fails() {
    let r = Busybox::new();
    let id = r.ok(["create", "busybox", "sleep", "1000"]);
    let id = id.trim();
    let (code, err) = r.fails(["exec", id, "true"]);
    assert_eq!(code, 125);
    assert!(err.contains("running"), "{err}");
    r.ok(["start", id]);
    r.ok(["exec", id, "true"]);
    r.ok(["stop", "-t", "0", id]);
    let (code, err) = r.fails(["exec", id, "true"]);
    assert_eq!(code, 125);
    assert!(err.contains("running"), "{err}");
    let (code, _) = r.fails(["exec", "no-such-container", "true"]);
    assert_eq!(code, 125);
}

#[test]
fn exec_sees_the_containers_hostname_and_files() {
    let r = Busybox::new();
    let id = running(&r, &["--hostname", "inside"]);
    assert_eq!(r.ok(["exec", &id, "hostname"]), "inside\n");
    assert_eq!(r.ok(["exec", &id, "cat", "/etc/hostname"]), "inside\n");
    // Same root: a file written by one exec is seen by the next.
    r.ok(["exec", &id, "sh", "-c", "echo shared > /root/f"]);
    assert_eq!(r.ok(["exec", &id, "cat", "/root/f"]), "shared\n");
    // Same mounts: /proc is the container's.
    let out = r.ok(["exec", &id, "grep", "-c", " /proc proc ", "/proc/mounts"]);
    assert!(out.trim().parse::<u32>().unwrap() >= 1);
}

#[test]
fn exec_is_in_the_containers_pid_namespace() {
    let r = Busybox::new();
    let id = running(&r, &[]);
    let out = r.ok(["exec", &id, "ps", "-o", "pid,args"]);
    let mut lines = out.lines();
    assert!(lines.next().unwrap().contains("PID"));
    let first: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(first, ["1", "sleep", "1000"], "{out}");
    assert_eq!(
        r.ok(["exec", &id, "cat", "/proc/1/cmdline"]),
        "sleep\x001000\x00"
    );
    // Nothing of the host is visible.
    let n = r.ok(["exec", &id, "sh", "-c", "ls -d /proc/[0-9]* | wc -l"]);
    assert!(n.trim().parse::<u32>().unwrap() <= 4, "{n}");
    // Its PID namespace is PID 1's.
    let ns = r.ok([
        "exec",
        &id,
        "sh",
        "-c",
        "readlink /proc/1/ns/pid; readlink /proc/self/ns/pid",
    ]);
    let ns: Vec<&str> = ns.lines().collect();
    assert_eq!(ns[0], ns[1]);
}

#[test]
fn exec_joins_every_namespace_of_the_container() {
    let r = Busybox::new();
    let id = running(&r, &[]);
    let script = "for n in mnt uts ipc net pid cgroup; do \
                  test \"$(readlink /proc/1/ns/$n)\" = \"$(readlink /proc/self/ns/$n)\" || echo differs-$n; \
                  done; echo checked";
    assert_eq!(r.ok(["exec", &id, "sh", "-c", script]), "checked\n");
    // And they are not the host's.
    let pid: i32 = r
        .ok(["inspect", "--format", "{{.State.Pid}}", &id])
        .trim()
        .parse()
        .unwrap();
    for n in ["mnt", "uts", "ipc", "net", "pid", "cgroup"] {
        let host = std::fs::read_link(format!("/proc/self/ns/{n}")).unwrap();
        let ctr = std::fs::read_link(format!("/proc/{pid}/ns/{n}")).unwrap();
        assert_ne!(host, ctr, "{n}");
    }
}

#[test]
fn exec_is_in_the_containers_cgroup() {
    let r = Busybox::new();
    let id = running(&r, &[]);
    let out = r.ok([
        "exec",
        &id,
        "sh",
        "-c",
        "cat /proc/1/cgroup; echo ---; cat /proc/self/cgroup",
    ]);
    let (pid1, own) = out.split_once("---\n").unwrap();
    assert_eq!(pid1, own, "exec'd process and PID 1 share the cgroup");
    // From the host: the same v2 cgroup, the container's own.
    let pid: i32 = r
        .ok(["inspect", "--format", "{{.State.Pid}}", &id])
        .trim()
        .parse()
        .unwrap();
    let host_cg = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap();
    let v2 = host_cg
        .lines()
        .find(|l| l.starts_with("0::"))
        .expect("a v2 cgroup")
        .to_string();
    assert!(v2.contains(&id), "{v2}");
    let child = r
        .cmd([
            "exec",
            &id,
            "sh",
            "-c",
            "cat /proc/self/stat | cut -d' ' -f1; exec sleep 1000",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Find the exec'd sleep on the host: a process in the container's cgroup
    // other than its PID 1.
    let procs_file = format!(
        "/sys/fs/cgroup{}{}/cgroup.procs",
        if std::path::Path::new("/sys/fs/cgroup/unified").exists() {
            "/unified"
        } else {
            ""
        },
        &v2[3..]
    );
    let pids = eventually("the exec'd process in the cgroup", || {
        let procs = std::fs::read_to_string(&procs_file).ok()?;
        let pids: Vec<String> = procs.lines().map(str::to_string).collect();
        (pids.len() >= 2).then_some(pids)
    });
    assert!(pids.contains(&pid.to_string()), "{pids:?}");
    r.ok(["rm", "-f", &id]);
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success(), "killed with its container");
}

#[test]
fn exec_has_the_containers_capabilities_and_privileged_more() {
    let r = Busybox::new();
    let id = running(&r, &[]);
    let cap = |extra: &[&str]| {
        let mut a = vec!["exec"];
        a.extend(extra);
        a.extend([id.as_str(), "grep", "CapEff", "/proc/self/status"]);
        r.ok(&a)
    };
    let pid1 = r.ok(["exec", &id, "grep", "CapEff", "/proc/1/status"]);
    assert_eq!(cap(&[]), pid1);
    let privileged = cap(&["--privileged"]);
    let bits = |s: &str| u64::from_str_radix(s.split_whitespace().nth(1).unwrap(), 16).unwrap();
    assert!(bits(&privileged) > bits(&pid1), "{privileged} vs {pid1}");
    assert_eq!(bits(&pid1) & bits(&privileged), bits(&pid1));
}

#[test]
fn exec_signals_reach_the_command() {
    let r = Busybox::new();
    let id = running(&r, &[]);
    let mut child = r
        .cmd([
            "exec",
            &id,
            "sh",
            "-c",
            "trap 'exit 33' TERM; touch /tmp/ready; while true; do sleep 0.1; done",
        ])
        .spawn()
        .unwrap();
    eventually("the trap", || {
        r.run(["exec", &id, "test", "-e", "/tmp/ready"])
            .status
            .success()
            .then_some(())
    });
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    let status = eventually("exec to end", || child.try_wait().unwrap());
    assert_eq!(status.code(), Some(33));
}
