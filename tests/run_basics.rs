//! `run` in the foreground, rootful: exit codes, `--rm`, standard input, the
//! container's filesystem (copy-on-write, /dev, /sys, /proc, /etc files),
//! PID 1 and the host name.

mod common;

use common::{Busybox, eventually, parts};
use nix::sys::signal::Signal;
use std::process::Stdio;

/// No container is left in the store.
fn assert_no_containers(r: &Busybox) {
    assert_eq!(r.ok(["ps", "-a", "-q"]), "", "containers left behind");
    let dir = r.root().join("containers");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "container directories left: {left:?}");
}

#[test]
fn exit_code_zero_and_output() {
    let r = Busybox::new();
    let out = r.run(["run", "--rm", "busybox", "echo", "hello"]);
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "hello\n");
    assert_no_containers(&r);
}

#[test]
fn exit_code_of_the_command() {
    let r = Busybox::new();
    let (code, _) = r.fails(["run", "--rm", "busybox", "sh", "-c", "exit 3"]);
    assert_eq!(code, 3);
    assert_no_containers(&r);
    // Without --rm the container stays, exited with that code.
    let (code, _) = r.fails(["run", "--name", "three", "busybox", "sh", "-c", "exit 3"]);
    assert_eq!(code, 3);
    assert_eq!(
        r.ok([
            "inspect",
            "--format",
            "{{.State.Status}} {{.State.ExitCode}}",
            "three"
        ]),
        "exited 3\n"
    );
}

#[test]
fn exit_code_126_when_the_command_is_not_executable() {
    let r = Busybox::new();
    let (code, err) = r.fails(["run", "--rm", "busybox", "/etc/passwd"]);
    assert_eq!(code, 126, "{err}");
    assert!(err.contains("/etc/passwd"), "{err}");
    assert_no_containers(&r);
}

#[test]
fn exit_code_127_when_the_command_is_missing() {
    let r = Busybox::new();
    let (code, err) = r.fails(["run", "--rm", "busybox", "no-such-command"]);
    assert_eq!(code, 127, "{err}");
    assert!(err.contains("no-such-command"), "{err}");
    assert_no_containers(&r);
    let (code, _) = r.fails(["run", "--rm", "busybox", "/no/such/path"]);
    assert_eq!(code, 127);
    assert_no_containers(&r);
}

#[test]
fn exit_code_125_for_rctl_errors() {
    let r = Busybox::new();
    let (code, err) = r.fails(["run", "--rm", "no-such-image", "true"]);
    assert_eq!(code, 125, "{err}");
    assert!(err.contains("no-such-image"), "{err}");
    let (code, _) = r.fails(["run", "--rm", "--no-such-flag", "busybox", "true"]);
    assert_eq!(code, 125);
    let (code, _) = r.fails(["run", "--rm", "--network", "bogus", "busybox", "true"]);
    assert_eq!(code, 125);
    assert_no_containers(&r);
}

#[test]
fn exit_code_137_when_killed_in_the_foreground() {
    let r = Busybox::new();
    let child = r
        .cmd(["run", "--rm", "--name", "fg", "busybox", "sleep", "1000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    eventually("the container to run", || {
        (r.run(["inspect", "--format", "{{.State.Running}}", "fg"])
            .stdout
            == b"true\n")
            .then_some(())
    });
    r.ok(["kill", "fg"]);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(137), "{out:?}");
    assert_no_containers(&r);
}

#[test]
fn exit_code_137_when_stopped_and_sigterm_is_ignored() {
    let r = Busybox::new();
    // sleep as PID 1 has no SIGTERM handler: the kernel ignores SIGTERM for
    // it, so stop ends with SIGKILL.
    let id = r.ok(["run", "-d", "busybox", "sleep", "1000"]);
    let id = id.trim();
    r.ok(["stop", "-t", "1", id]);
    assert_eq!(r.ok(["wait", id]), "137\n");
    assert_eq!(
        r.ok(["inspect", "--format", "{{.State.ExitCode}}", id]),
        "137\n"
    );
    // The same with --rm: the container is removed once it is gone.
    let id = r.ok(["run", "--rm", "-d", "busybox", "sleep", "1000"]);
    r.ok(["stop", "-t", "1", id.trim()]);
    eventually("the --rm container to be removed", || {
        (r.run(["container", "exists", id.trim()]).status.code() == Some(1)).then_some(())
    });
}

#[test]
fn stdin_with_i_reaches_the_container() {
    let r = Busybox::new();
    let out = r.run_stdin(["run", "-i", "--rm", "busybox", "cat"], b"hi\n");
    assert_eq!(parts(&out), (0, "hi\n".into(), String::new()));
    // Larger than a pipe buffer, both ways.
    let big: Vec<u8> = (0..300_000u32).map(|i| b'a' + (i % 26) as u8).collect();
    let out = r.run_stdin(["run", "-i", "--rm", "busybox", "cat"], &big);
    assert!(out.status.success());
    assert_eq!(out.stdout.len(), big.len());
    assert!(out.stdout == big);
    let out = r.run_stdin(["run", "-i", "--rm", "busybox", "wc", "-c"], &big);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "300000");
    assert_no_containers(&r);
}

#[test]
fn stdin_without_i_is_empty() {
    let r = Busybox::new();
    let out = r.run_stdin(["run", "--rm", "busybox", "cat"], b"should not be seen\n");
    assert_eq!(parts(&out), (0, String::new(), String::new()));
    let out = r.run_stdin(["run", "--rm", "busybox", "wc", "-c"], b"12345\n");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
}

#[test]
fn stdout_and_stderr_are_kept_apart() {
    let r = Busybox::new();
    let out = r.run([
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "echo to-out; echo to-err >&2",
    ]);
    assert_eq!(parts(&out), (0, "to-out\n".into(), "to-err\n".into()));
    // Also through the monitor (no --rm: the output is logged too).
    let out = r.run(["run", "busybox", "sh", "-c", "echo to-out; echo to-err >&2"]);
    assert_eq!(parts(&out), (0, "to-out\n".into(), "to-err\n".into()));
}

#[test]
fn pid_1_is_the_command() {
    let r = Busybox::new();
    assert_eq!(
        r.ok(["run", "--rm", "busybox", "sh", "-c", "echo $$"]),
        "1\n"
    );
    let out = r.ok(["run", "--rm", "busybox", "cat", "/proc/1/cmdline"]);
    assert_eq!(out, "cat\0/proc/1/cmdline\0");
    // Only the container's processes are visible.
    let out = r.ok([
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "ls -d /proc/[0-9]* | wc -l",
    ]);
    let n: u32 = out.trim().parse().unwrap();
    assert!(n <= 3, "processes seen: {n}");
}

#[test]
fn default_hostname_is_the_short_id() {
    let r = Busybox::new();
    let out = r.ok([
        "run",
        "--name",
        "hn",
        "busybox",
        "sh",
        "-c",
        "hostname; cat /etc/hostname",
    ]);
    let id = r.ok(["inspect", "--format", "{{.Id}}", "hn"]);
    let short = &id.trim()[..12];
    assert_eq!(out, format!("{short}\n{short}\n"));
    assert_eq!(
        r.ok(["inspect", "--format", "{{.Config.Hostname}}", "hn"]),
        format!("{short}\n")
    );
    let hosts = r.ok(["start", "-a", "hn"]);
    assert_eq!(hosts, format!("{short}\n{short}\n"), "same after a restart");
}

#[test]
fn copy_on_write_between_containers_and_the_image() {
    let r = Busybox::new();
    let check = "cat /etc/newfile 2>/dev/null; grep -c evil /etc/passwd; \
                 test -e /etc/group && echo group; test -d /newdir && echo newdir; true";
    // B exists before A writes; C is made after.
    r.ok(["create", "--name", "b", "busybox", "sh", "-c", check]);
    r.ok(["run", "-d", "--name", "a", "busybox", "sleep", "1000"]);
    r.ok([
        "exec",
        "a",
        "sh",
        "-c",
        "echo mine > /etc/newfile && echo 'evil:x:0:0::/:/bin/sh' >> /etc/passwd \
         && rm /etc/group && mkdir /newdir",
    ]);
    let mine = "mine\n1\nnewdir\n";
    let image = "0\ngroup\n";
    assert_eq!(r.ok(["exec", "a", "sh", "-c", check]), mine);
    assert_eq!(r.ok(["start", "-a", "b"]), image, "B sees the image");
    assert_eq!(
        r.ok(["run", "--rm", "busybox", "sh", "-c", check]),
        image,
        "a new container sees the image"
    );
    // A's writable layer holds the changes; no image layer does.
    let id = r.ok(["inspect", "--format", "{{.Id}}", "a"]);
    let upper = r.root().join("containers").join(id.trim()).join("upper");
    assert!(upper.join("etc/newfile").exists(), "{}", upper.display());
    for l in std::fs::read_dir(r.root().join("layers"))
        .unwrap()
        .flatten()
    {
        let diff = l.path().join("diff");
        assert!(!diff.join("etc/newfile").exists());
        assert!(!diff.join("newdir").exists());
        let passwd = std::fs::read_to_string(diff.join("etc/passwd")).unwrap();
        assert!(!passwd.contains("evil"), "the image's layer was changed");
        assert!(diff.join("etc/group").exists());
    }
    // A keeps its changes across a stop and start.
    r.ok(["stop", "-t", "0", "a"]);
    r.ok(["start", "a"]);
    assert_eq!(r.ok(["exec", "a", "sh", "-c", check]), mine);
    assert_eq!(r.ok(["start", "-a", "b"]), image);
}

#[test]
fn writable_layer_survives_stop_and_start() {
    let r = Busybox::new();
    let id = r.ok(["run", "-d", "busybox", "sleep", "1000"]);
    let id = id.trim();
    r.ok(["exec", id, "sh", "-c", "echo kept > /root/state"]);
    r.ok(["stop", "-t", "0", id]);
    assert_eq!(
        r.ok(["inspect", "--format", "{{.State.Status}}", id]),
        "exited\n"
    );
    r.ok(["start", id]);
    assert_eq!(r.ok(["exec", id, "cat", "/root/state"]), "kept\n");
    r.ok(["restart", "-t", "0", id]);
    assert_eq!(r.ok(["exec", id, "cat", "/root/state"]), "kept\n");
}

#[test]
fn dev_has_the_standard_nodes() {
    let r = Busybox::new();
    let out = r.ok(["run", "--rm", "busybox", "ls", "-1", "/dev"]);
    let names: Vec<&str> = out.lines().collect();
    for d in [
        "null", "zero", "full", "random", "urandom", "tty", "ptmx", "pts", "shm", "mqueue",
    ] {
        assert!(names.contains(&d), "/dev/{d} missing: {names:?}");
    }
    let script = "for d in null zero full random urandom tty; do test -c /dev/$d || echo not-char-$d; done; \
                  test -d /dev/pts && test -d /dev/shm && test -d /dev/mqueue || echo dirs; \
                  head -c 4 /dev/zero | wc -c; head -c 16 /dev/urandom | wc -c; \
                  echo x > /dev/null || echo null-fails; \
                  echo x > /dev/full 2>/dev/null && echo full-accepts; \
                  echo shm > /dev/shm/f && cat /dev/shm/f; \
                  grep -q ' /dev/pts devpts ' /proc/mounts && echo devpts; \
                  grep -q ' /dev/mqueue mqueue ' /proc/mounts && echo mqueue";
    let out = r.ok(["run", "--rm", "busybox", "sh", "-c", script]);
    assert_eq!(out, "4\n16\nshm\ndevpts\nmqueue\n");
}

#[test]
fn sys_is_read_only_and_proc_is_mounted() {
    let r = Busybox::new();
    let script = "touch /sys/x 2>/dev/null && echo sys-writable; \
                  grep ' /sys ' /proc/mounts | cut -d' ' -f4 | cut -d, -f1; \
                  grep -q '^proc /proc proc ' /proc/mounts && echo proc; \
                  test -r /proc/self/status && echo status; \
                  test -d /sys/class/net && echo sysfs";
    let out = r.ok(["run", "--rm", "busybox", "sh", "-c", script]);
    assert_eq!(out, "ro\nproc\nstatus\nsysfs\n");
}

#[test]
fn etc_hosts_hostname_resolv_conf_are_present() {
    let r = Busybox::new();
    let out = r.ok([
        "run",
        "--rm",
        "--hostname",
        "box",
        "busybox",
        "sh",
        "-c",
        "for f in hosts hostname resolv.conf; do test -f /etc/$f && echo $f; done; \
         cat /etc/hostname; grep -c localhost /etc/hosts; grep -w box /etc/hosts >/dev/null && echo named",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(&lines[..4], ["hosts", "hostname", "resolv.conf", "box"]);
    assert!(lines[4].parse::<u32>().unwrap() >= 1, "{out}");
    assert_eq!(lines[5], "named");
    // The image's own files are not changed by them.
    for l in std::fs::read_dir(r.root().join("layers"))
        .unwrap()
        .flatten()
    {
        assert!(!l.path().join("diff/etc/hosts").exists());
        assert!(!l.path().join("diff/etc/hostname").exists());
    }
}

#[test]
fn rm_removes_the_container_in_each_case() {
    let r = Busybox::new();
    let cases: [(&[&str], i32); 4] = [
        (&["true"], 0),
        (&["sh", "-c", "exit 3"], 3),
        (&["/etc/passwd"], 126),
        (&["nope"], 127),
    ];
    for (cmd, code) in cases {
        // Directly (rctl is the parent) and with -i (through a monitor).
        for flags in [&["--rm"][..], &["-i", "--rm"][..]] {
            let mut a = vec!["run"];
            a.extend(flags);
            a.push("busybox");
            a.extend(cmd);
            let out = r.run_stdin(&a, b"");
            assert_eq!(out.status.code(), Some(code), "{a:?}: {out:?}");
            assert_no_containers(&r);
        }
    }
}

#[test]
fn signals_to_a_foreground_run_reach_the_container() {
    let r = Busybox::new();
    // Direct (--rm: rctl is the parent), through a monitor, and with -i.
    for (flags, sig, code) in [
        (&["--rm"][..], Signal::SIGTERM, 21),
        (&[][..], Signal::SIGTERM, 21),
        (&["-i"][..], Signal::SIGINT, 22),
        (&["--rm"][..], Signal::SIGINT, 22),
        (&["--rm"][..], Signal::SIGUSR1, 23),
    ] {
        let name = format!("sig-{}", r.ok(["ps", "-a", "-q"]).lines().count());
        let mut args = vec!["run", "--name", &name];
        args.extend(flags);
        args.extend([
            "busybox",
            "sh",
            "-c",
            "trap 'exit 21' TERM; trap 'exit 22' INT; trap 'exit 23' USR1; \
             touch /tmp/ready; while true; do sleep 0.1; done",
        ]);
        let mut child = r
            .cmd(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        eventually("the trap to be set", || {
            r.run(["exec", &name, "test", "-e", "/tmp/ready"])
                .status
                .success()
                .then_some(())
        });
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), sig).unwrap();
        let status = eventually("rctl to end", || child.try_wait().unwrap());
        assert_eq!(status.code(), Some(code), "{flags:?} {sig}");
    }
}
