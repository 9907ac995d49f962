//! Rootless `run` in the foreground: rctl run as the unprivileged test user
//! runs real busybox containers in its user namespace. Exit codes, standard
//! input, environment, working directory, users (other than root, which only
//! exist thanks to the subordinate ids), hostname, PID 1, a terminal, and
//! copy-on-write isolation between containers.

mod common;

use std::process::Output;

use common::{Rctl, fixtures, rootless_ids};

/// A rootless store with busybox loaded.
fn store() -> Rctl {
    let r = Rctl::rootless();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    r
}

/// Removes every container of the store when dropped, even when the test
/// fails: no container outlives its test.
struct RmAll<'a>(&'a Rctl);

impl Drop for RmAll<'_> {
    fn drop(&mut self) {
        let _ = common::output_within(&mut self.0.cmd(["rm", "-af"]), 30);
    }
}

/// Seconds a foreground container may take before the test calls it a hang.
const LIMIT: u64 = 60;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

/// Runs `args` (must succeed) and returns standard output.
fn ok(r: &Rctl, args: &[&str]) -> String {
    r.ok_within(LIMIT, args)
}

#[test]
fn exit_codes_with_rm() {
    let r = store();
    for (args, want) in [
        (&["true"][..], 0),
        (&["sh", "-c", "exit 3"][..], 3),
        (&["/etc/passwd"][..], 126),
        (&["/no/such/command"][..], 127),
        (&["no-such-command"][..], 127),
        // Not as PID 1, which the kernel protects from its own namespace.
        (&["--init", "busybox", "sh", "-c", "kill -9 $$"][..], 137),
        (&["--init", "busybox", "sh", "-c", "kill -TERM $$"][..], 143),
        // PID 1 itself ignores both (no handler): it goes on to exit 0.
        (
            &["busybox", "sh", "-c", "kill -9 $$; kill -TERM $$; exit 5"][..],
            5,
        ),
    ] {
        let mut full = vec!["run", "--rm"];
        if args[0] != "--init" && args[0] != "busybox" {
            full.push("busybox");
        }
        full.extend_from_slice(args);
        let out = r.run_within(LIMIT, &full);
        assert_eq!(code(&out), want, "{args:?}: {}", text(&out.stderr));
        if want == 126 || want == 127 {
            assert!(!out.stderr.is_empty(), "{args:?}: an error is reported");
        }
    }
    assert_eq!(ok(&r, &["ps", "-aq"]).trim(), "", "--rm removed them all");
}

#[test]
fn exit_codes_kept_without_rm() {
    let r = store();
    for (name, args, want) in [
        ("zero", &["true"][..], 0),
        ("three", &["sh", "-c", "exit 3"][..], 3),
        (
            "killed",
            &["--init", "busybox", "sh", "-c", "kill -9 $$"][..],
            137,
        ),
    ] {
        let mut full = vec!["run", "--name", name];
        if args[0] != "--init" {
            full.push("busybox");
        }
        full.extend_from_slice(args);
        let out = r.run_within(LIMIT, &full);
        assert_eq!(code(&out), want, "{name}: {}", text(&out.stderr));
        let st = ok(
            &r,
            &[
                "inspect",
                "-f",
                "{{.State.Status}} {{.State.ExitCode}}",
                name,
            ],
        );
        assert_eq!(st.trim(), format!("exited {want}"), "{name}");
    }
    // A command that cannot run: 126/127, and the container is left created
    // or exited, not running.
    for (name, cmd, want) in [("noexec", "/etc/passwd", 126), ("nocmd", "/nope", 127)] {
        let out = r.run_within(LIMIT, ["run", "--name", name, "busybox", cmd]);
        assert_eq!(code(&out), want, "{name}: {}", text(&out.stderr));
        let running = ok(&r, &["inspect", "-f", "{{.State.Running}}", name]);
        assert_eq!(running.trim(), "false");
    }
}

#[test]
fn stdin_with_interactive() {
    let r = store();
    let out = r.run_stdin(
        [
            "run",
            "-i",
            "--rm",
            "busybox",
            "sh",
            "-c",
            "tr a-z A-Z; echo done",
        ],
        b"hello rootless\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "HELLO ROOTLESS\ndone\n");
    // Through the monitor (no --rm), and a larger input.
    let big = vec![b'x'; 3 << 20];
    let out = r.run_stdin(["run", "-i", "--name", "big", "busybox", "wc", "-c"], &big);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), (3 << 20).to_string());
    // Without -i the container's stdin is empty.
    let out = r.run_stdin(["run", "--rm", "busybox", "wc", "-c"], b"ignored");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "0");
}

#[test]
fn environment() {
    let r = store();
    let env_file = r.dir().join("env");
    std::fs::write(&env_file, "# comment\nFROM_FILE=file value\n").unwrap();
    let out = r
        .cmd([
            "run",
            "--rm",
            "-e",
            "FOO=bar baz",
            "-e",
            "FROM_HOST",
            "--env-file",
            env_file.to_str().unwrap(),
            "busybox",
            "sh",
            "-c",
            "echo \"$FOO|$FROM_HOST|$FROM_FILE|$PATH|$HOME\"",
        ])
        .env("FROM_HOST", "host value")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        "bar baz|host value|file value|/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin|/root"
    );
}

#[test]
fn workdir_is_created_and_used() {
    let r = store();
    assert_eq!(ok(&r, &["run", "--rm", "busybox", "pwd"]).trim(), "/");
    let out = ok(
        &r,
        &[
            "run",
            "--rm",
            "-w",
            "/new/work/dir",
            "busybox",
            "sh",
            "-c",
            "pwd; ls -lnd .",
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "/new/work/dir", "{out}");
    let f: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(
        (f[2], f[3]),
        ("0", "0"),
        "made by root in the namespace: {out}"
    );
}

#[test]
fn user_root_is_the_callers_uid_on_the_host() {
    let r = store();
    let (uid, gid) = rootless_ids();
    let out = ok(
        &r,
        &[
            "run",
            "--rm",
            "busybox",
            "sh",
            "-c",
            "id; head -n1 /proc/self/uid_map; head -n1 /proc/self/gid_map",
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("uid=0(root) gid=0(root)"), "{out}");
    let m: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(m, ["0", &uid.to_string(), "1"], "{out}");
    let m: Vec<&str> = lines[2].split_whitespace().collect();
    assert_eq!(m, ["0", &gid.to_string(), "1"], "{out}");
}

#[test]
fn user_nobody_and_numeric_users_work_through_subordinate_ids() {
    let r = store();
    let out = ok(&r, &["run", "--rm", "-u", "nobody", "busybox", "id"]);
    assert!(
        out.starts_with("uid=65534(nobody) gid=65534(nogroup)"),
        "{out}"
    );
    let out = ok(
        &r,
        &[
            "run",
            "--rm",
            "-u",
            "1000:1000",
            "busybox",
            "sh",
            "-c",
            "id -u; id -g",
        ],
    );
    assert_eq!(out, "1000\n1000\n");
    let out = ok(
        &r,
        &["run", "--rm", "-u", "nobody:root", "busybox", "id", "-g"],
    );
    assert_eq!(out.trim(), "0");
    // Real ids: nobody cannot read root's 0640 /etc/shadow nor write /root,
    // and root can.
    let out = r.run_within(
        LIMIT,
        [
            "run",
            "--rm",
            "-u",
            "nobody",
            "busybox",
            "cat",
            "/etc/shadow",
        ],
    );
    assert_eq!(code(&out), 1, "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("ermission denied"),
        "{}",
        text(&out.stderr)
    );
    let out = r.run_within(
        LIMIT,
        ["run", "--rm", "-u", "1000", "busybox", "touch", "/root/x"],
    );
    assert_eq!(code(&out), 1);
    assert!(ok(&r, &["run", "--rm", "busybox", "cat", "/etc/shadow"]).starts_with("root:"));
    // A user unknown to the image's /etc/passwd: an error, not a crash.
    let out = r.run_within(
        LIMIT,
        ["run", "--rm", "-u", "nosuchuser", "busybox", "true"],
    );
    assert_eq!(code(&out), 125, "{}", text(&out.stderr));
}

#[test]
fn image_user_is_honoured() {
    let r = Rctl::rootless();
    let img = fixtures::Image::new(
        vec![fixtures::busybox_layer()],
        serde_json::json!({"User": "nobody", "WorkingDir": "/tmp/wd"}),
        &["asnobody:latest"],
    );
    r.load(&img);
    let out = ok(&r, &["run", "--rm", "asnobody", "sh", "-c", "id -u; pwd"]);
    assert_eq!(out, "65534\n/tmp/wd\n");
    assert_eq!(
        ok(&r, &["run", "--rm", "-u", "0", "asnobody", "id", "-u"]).trim(),
        "0"
    );
}

#[test]
fn hostname() {
    let r = store();
    let out = ok(
        &r,
        &[
            "run",
            "--rm",
            "--hostname",
            "rootless-box",
            "busybox",
            "sh",
            "-c",
            "hostname; cat /etc/hostname",
        ],
    );
    assert_eq!(out, "rootless-box\nrootless-box\n");
    // The default is the short container id.
    let out = ok(&r, &["run", "--name", "h", "busybox", "hostname"]);
    let id = ok(&r, &["inspect", "-f", "{{.Id}}", "h"]);
    assert_eq!(out.trim(), &id.trim()[..12]);
    // The host's name is untouched.
    let host = nix::unistd::gethostname().unwrap();
    assert_ne!(host.to_string_lossy(), "rootless-box");
}

#[test]
fn pid_one_and_own_pid_namespace() {
    let r = store();
    let out = ok(
        &r,
        &[
            "run",
            "--rm",
            "busybox",
            "sh",
            "-c",
            "echo $$; ls /proc | grep -c '^[0-9]'",
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "1", "{out}");
    let procs: u32 = lines[1].parse().unwrap();
    assert!(
        procs <= 3,
        "only the container's processes are visible: {out}"
    );
    let out = ok(&r, &["run", "--rm", "busybox", "cat", "/proc/1/cmdline"]);
    assert_eq!(out, "cat\0/proc/1/cmdline\0");
}

#[test]
fn mounts_inside() {
    let r = store();
    let out = ok(
        &r,
        &[
            "run",
            "--rm",
            "busybox",
            "sh",
            "-c",
            "echo x > /dev/null && head -c 4 /dev/zero | wc -c; test -c /dev/urandom && echo urandom; \
             test -d /dev/pts && echo pts; test -d /dev/shm && echo shm; \
             touch /sys/x 2>/dev/null || echo sys-ro; cat /etc/resolv.conf >/dev/null && echo resolv; \
             grep -q localhost /etc/hosts && echo hosts",
        ],
    );
    assert_eq!(out, "4\nurandom\npts\nshm\nsys-ro\nresolv\nhosts\n");
}

#[test]
fn read_only_root() {
    let r = store();
    let out = r.run_within(
        LIMIT,
        ["run", "--rm", "--read-only", "busybox", "touch", "/x"],
    );
    assert_eq!(code(&out), 1, "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Read-only file system"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn copy_on_write_isolation_between_containers_and_the_image() {
    let r = store();
    let script = "test -e /marker && echo seen; echo a > /marker; echo changed >> /etc/passwd; rm /bin/vi; echo wrote";
    let out = ok(&r, &["run", "--name", "a", "busybox", "sh", "-c", script]);
    assert_eq!(out, "wrote\n");
    // Another container of the same image sees none of it.
    let out = ok(
        &r,
        &[
            "run",
            "--name",
            "b",
            "busybox",
            "sh",
            "-c",
            "test -e /marker && echo marker; grep -c changed /etc/passwd; test -e /bin/vi && echo vi; echo b > /only-b",
        ],
    );
    assert_eq!(out, "0\nvi\n");
    // The first keeps its writable layer across runs, and does not see b's file.
    let out = ok(&r, &["start", "-a", "a"]);
    assert_eq!(out, "seen\nwrote\n");
    let out = ok(
        &r,
        &[
            "run",
            "--rm",
            "busybox",
            "sh",
            "-c",
            "ls /marker /only-b 2>&1 | grep -c 'No such'",
        ],
    );
    assert_eq!(out.trim(), "2");
    // The image's layer on the host is unchanged.
    let hex = &fixtures::digest(&fixtures::busybox_layer())["sha256:".len()..];
    let diff = r.root().join("layers").join(hex).join("diff");
    assert!(diff.join("bin/vi").symlink_metadata().is_ok());
    assert!(!diff.join("marker").exists());
    let passwd = std::fs::read_to_string(diff.join("etc/passwd")).unwrap();
    assert!(!passwd.contains("changed"));
}

/// Runs `rctl ARGS` as the test user with a terminal of its own (script(1)):
/// what rctl wrote to that terminal.
fn on_terminal(r: &Rctl, args: &str) -> String {
    let line = format!(
        "stty rows 30 cols 101 && {} --root {} --runroot {} {args}",
        common::bin(),
        r.root().display(),
        r.dir().join("run").display()
    );
    let mut cmd = std::process::Command::new("script");
    // script's input stays open (a pipe nobody writes): at the end of its
    // input script would type an end-of-file character into the terminal.
    cmd.args(["-qec", &line, "/dev/null"])
        .stdin(std::process::Stdio::piped());
    for (k, v) in r.cmd(["--version"]).get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    {
        use std::os::unix::process::CommandExt;
        let (uid, gid) = rootless_ids();
        cmd.uid(uid).gid(gid).current_dir(r.dir());
    }
    let (out, timed_out) = common::output_within(&mut cmd, LIMIT);
    assert!(!timed_out, "{args}: {}", text(&out.stdout));
    assert!(
        out.status.success(),
        "{args}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

#[test]
fn tty_with_it() {
    let r = store();
    // Raw mode on rctl's terminal: the container's own terminal makes the
    // only \r\n.
    let s = on_terminal(
        &r,
        "run --rm -it busybox sh -c 'test -t 0 && test -t 1 && echo tty; tty'",
    );
    let lines: Vec<&str> = s.split("\r\n").collect();
    assert_eq!(lines[0], "tty", "{s:?}");
    assert!(lines[1].starts_with("/dev/pts/"), "{s:?}");
    // The terminal belongs to the container's user.
    let s = on_terminal(&r, "run --rm -it -u nobody busybox sh -c 'ls -ln $(tty)'");
    let f: Vec<&str> = s.split_whitespace().collect();
    assert_eq!((f[0], f[2]), ("crw--w----", "65534"), "{s:?}");
    // Without -i: still a terminal for the container's output.
    let s = on_terminal(&r, "run --rm -t busybox sh -c 'test -t 1 && echo tty-out'");
    assert!(s.starts_with("tty-out\r"), "{s:?}");
}

#[test]
fn terminal_has_the_window_size_from_the_start() {
    let r = store();
    // Every time: the first thing the container does may be to ask.
    for _ in 0..5 {
        let s = on_terminal(&r, "run --rm -it busybox stty size");
        assert_eq!(
            s, "30 101\r\n",
            "the window size is set before the command runs"
        );
    }
    let s = on_terminal(&r, "run --rm -it busybox sh -c 'sleep 0.5; stty size'");
    assert_eq!(s, "30 101\r\n");
}

#[test]
fn no_terminal_without_t_even_when_rctl_has_one() {
    let r = store();
    // podman relays the container's output through pipes: the user's
    // terminal is never handed to the container (TIOCSTI and termios games;
    // podman refuses its passthrough log driver on a tty for that reason).
    for args in [
        "run --rm busybox sh -c 'test -t 1 || echo no-tty'",
        "run --name c busybox sh -c 'test -t 1 || echo no-tty'",
    ] {
        let s = on_terminal(&r, args);
        assert!(s.starts_with("no-tty"), "{args}: {s:?}");
    }
}

#[test]
fn exec_with_a_terminal_into_a_container_running_as_nobody() {
    let r = store();
    let _rm = RmAll(&r);
    let out = r.run_within(
        LIMIT,
        [
            "run", "-d", "--name", "t", "-u", "nobody", "busybox", "sleep", "1000",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = on_terminal(
        &r,
        "exec -it t sh -c 'test -t 0 && echo tty; id -u; stty size; ls -ln $(tty)'",
    );
    let lines: Vec<&str> = s.split("\r\n").collect();
    assert_eq!(lines[0], "tty", "{s:?}");
    assert_eq!(lines[1], "65534", "{s:?}");
    assert_eq!(lines[2], "30 101", "{s:?}");
    // The terminal belongs to the exec'd user, as in podman.
    let f: Vec<&str> = lines[3].split_whitespace().collect();
    assert_eq!(f[2], "65534", "{s:?}");
    let out = r.run_within(LIMIT, ["rm", "-f", "t"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn detached_rm_container_removes_itself() {
    let r = store();
    let _rm = RmAll(&r);
    let out = r.run_within(
        LIMIT,
        [
            "run",
            "-d",
            "--rm",
            "--name",
            "gone",
            "busybox",
            "sh",
            "-c",
            "sleep 0.3",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let id = text(&out.stdout).trim().to_string();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !ok(&r, &["ps", "-aq"]).trim().is_empty() {
        assert!(std::time::Instant::now() < deadline, "never removed");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(!r.root().join("containers").join(&id).exists());
    assert!(!r.dir().join("run/containers").join(&id).exists());
}

/// Starts `rctl ARGS` (its stdin a pipe kept open), waits until the
/// container printed `ready`, sends `sig` to that rctl process, and returns
/// its exit code. A process that does not end is killed (by pid) and fails
/// the test.
fn forwarded(r: &Rctl, args: &[&str], sig: nix::sys::signal::Signal) -> i32 {
    use std::io::BufRead;
    let mut child = r
        .cmd(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let _ = tx.send(line);
        }
    });
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    let got = rx.recv_timeout(std::time::Duration::from_secs(20));
    if got.as_deref() != Ok("ready") {
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        panic!("{args:?}: never ready ({got:?}): {}", text(&out.stderr));
    }
    nix::sys::signal::kill(pid, sig).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            return st.code().unwrap_or(-1);
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?}: {sig} did not end the container");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

const TRAP: &str = "trap 'exit 9' TERM; trap 'exit 8' INT; echo ready; while :; do sleep 0.1; done";

#[test]
fn signals_to_a_foreground_run_reach_the_container() {
    use nix::sys::signal::Signal;
    let r = store();
    let _rm = RmAll(&r);
    for user in ["0", "nobody"] {
        // rctl as the container's parent (--rm, no input)...
        let code = forwarded(
            &r,
            &["run", "--rm", "-u", user, "busybox", "sh", "-c", TRAP],
            Signal::SIGTERM,
        );
        assert_eq!(code, 9, "run --rm as {user}");
        // ...and through the monitor (-i).
        let code = forwarded(
            &r,
            &["run", "--rm", "-i", "-u", user, "busybox", "sh", "-c", TRAP],
            Signal::SIGINT,
        );
        assert_eq!(code, 8, "run -i as {user}");
    }
}

#[test]
fn signals_to_start_attach_reach_the_container() {
    use nix::sys::signal::Signal;
    let r = store();
    let _rm = RmAll(&r);
    for (name, user) in [("sr", "0"), ("sn", "nobody")] {
        ok(
            &r,
            &[
                "create", "--name", name, "-u", user, "busybox", "sh", "-c", TRAP,
            ],
        );
        let code = forwarded(&r, &["start", "-a", name], Signal::SIGTERM);
        assert_eq!(code, 9, "start -a as {user}");
        assert_eq!(
            ok(&r, &["inspect", "-f", "{{.State.Running}}", name]).trim(),
            "false"
        );
    }
}

#[test]
fn parallel_runs_do_not_queue() {
    let r = store();
    // 32 parallel `run --rm busybox sleep`: all of them are running at one
    // moment, so none waited for another to finish (no lock held across a
    // container's life). The speed of this is measured in bench/runtime.sh;
    // tests do not time.
    let handles: Vec<_> = (0..32)
        .map(|_| {
            let mut c = r.cmd(["run", "--rm", "busybox", "sleep", "10"]);
            std::thread::spawn(move || common::output_within(&mut c, LIMIT))
        })
        .collect();
    common::eventually("32 containers running at once", || {
        let running = ok(&r, &["ps", "-q"]).lines().count();
        (running == 32).then_some(())
    });
    for h in handles {
        let (out, timed_out) = h.join().unwrap();
        assert!(!timed_out && out.status.success(), "{}", text(&out.stderr));
    }
    assert_eq!(ok(&r, &["ps", "-aq"]).trim(), "");
    let check = r.run_within(LIMIT, ["system", "check"]);
    assert!(
        check.status.success(),
        "{}{}",
        text(&check.stdout),
        text(&check.stderr)
    );
}
