//! Detached containers, rootful: `run -d`, `logs`, `stop`, `kill`, `wait`,
//! `attach`, `start`, `restart`.

mod common;

use common::{Busybox, eventually, parts};
use std::io::{Read, Write};
use std::process::Stdio;

fn is_id(s: &str) -> bool {
    s.len() == 64 && s.chars().all(|c| c.is_ascii_hexdigit())
}

/// Waits until `logs` of `id` shows `text` on standard output.
fn wait_log(r: &Busybox, id: &str, text: &str) {
    eventually(&format!("{text:?} in the log"), || {
        r.ok(["logs", id]).contains(text).then_some(())
    });
}

#[test]
fn run_d_prints_the_id_and_returns() {
    let r = Busybox::new();
    let out = r.run(["run", "-d", "--name", "bg", "busybox", "sleep", "1000"]);
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    let id = stdout.trim_end_matches('\n');
    assert!(is_id(id), "{stdout:?}");
    assert_eq!(
        r.ok([
            "inspect",
            "--format",
            "{{.Id}} {{.State.Status}} {{.State.Running}}",
            "bg"
        ]),
        format!("{id} running true\n")
    );
    let pid: i32 = r
        .ok(["inspect", "--format", "{{.State.Pid}}", "bg"])
        .trim()
        .parse()
        .unwrap();
    assert!(pid > 0);
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap();
    assert_eq!(
        comm, "sleep\n",
        "State.Pid is the container's process on the host"
    );
    let ps = r.ok(["ps", "-q", "--no-trunc"]);
    assert_eq!(ps, format!("{id}\n"));
}

#[test]
fn run_d_failures_exit_codes() {
    let r = Busybox::new();
    let (code, _) = r.fails(["run", "-d", "busybox", "no-such-command"]);
    assert_eq!(code, 127);
    let (code, _) = r.fails(["run", "-d", "busybox", "/etc/passwd"]);
    assert_eq!(code, 126);
    let (code, _) = r.fails(["run", "-d", "no-such-image"]);
    assert_eq!(code, 125);
    // With --rm nothing is left.
    r.ok(["rm", "-a", "-f"]);
    let (code, _) = r.fails(["run", "-d", "--rm", "busybox", "no-such-command"]);
    assert_eq!(code, 127);
    assert_eq!(r.ok(["ps", "-a", "-q"]), "");
}

#[test]
fn logs_keep_stdout_and_stderr_apart() {
    let r = Busybox::new();
    let id = r.ok([
        "run",
        "-d",
        "busybox",
        "sh",
        "-c",
        "echo out1; echo err1 >&2; echo out2; echo err2 >&2; printf no-newline",
    ]);
    let id = id.trim();
    assert_eq!(r.ok(["wait", id]), "0\n");
    let out = r.run(["logs", id]);
    assert_eq!(
        parts(&out),
        (0, "out1\nout2\nno-newline".into(), "err1\nerr2\n".into())
    );
    // By name and by short id too.
    let name = r.ok(["inspect", "--format", "{{.Name}}", id]);
    assert_eq!(r.ok(["logs", name.trim()]), "out1\nout2\nno-newline");
    assert_eq!(r.ok(["logs", &id[..12]]), "out1\nout2\nno-newline");
}

#[test]
fn logs_tail() {
    let r = Busybox::new();
    let id = r.ok([
        "run",
        "-d",
        "busybox",
        "sh",
        "-c",
        "for i in 1 2 3 4 5; do echo line$i; done",
    ]);
    let id = id.trim();
    r.ok(["wait", id]);
    assert_eq!(r.ok(["logs", "--tail", "2", id]), "line4\nline5\n");
    assert_eq!(r.ok(["logs", "--tail", "0", id]), "");
    assert_eq!(
        r.ok(["logs", "--tail", "100", id]),
        "line1\nline2\nline3\nline4\nline5\n"
    );
}

#[test]
fn logs_timestamps() {
    let r = Busybox::new();
    let before = chrono::Utc::now();
    let id = r.ok(["run", "-d", "busybox", "sh", "-c", "echo a; echo b"]);
    let id = id.trim();
    r.ok(["wait", id]);
    let after = chrono::Utc::now();
    let out = r.ok(["logs", "-t", id]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    for (line, want) in lines.iter().zip(["a", "b"]) {
        let (ts, text) = line.split_once(' ').unwrap();
        assert_eq!(text, want);
        let t = chrono::DateTime::parse_from_rfc3339(ts)
            .unwrap_or_else(|e| panic!("{ts}: {e}"))
            .with_timezone(&chrono::Utc);
        assert!(
            t >= before - chrono::Duration::seconds(1) && t <= after,
            "{ts}"
        );
    }
    let out = r.ok(["logs", "--timestamps", id]);
    assert_eq!(out.lines().count(), 2);
}

#[test]
fn logs_since_and_until() {
    let r = Busybox::new();
    let id = r.ok(["run", "-d", "busybox", "sh", "-c", "echo early"]);
    let id = id.trim();
    r.ok(["wait", id]);
    // Everything is more recent than ten minutes ago, nothing than the future.
    assert_eq!(r.ok(["logs", "--since", "10m", id]), "early\n");
    assert_eq!(
        r.ok(["logs", "--since", "2000-01-01T00:00:00Z", id]),
        "early\n"
    );
    assert_eq!(r.ok(["logs", "--since", "2999-01-01T00:00:00Z", id]), "");
    let future = (chrono::Utc::now().timestamp() + 3600).to_string();
    assert_eq!(r.ok(["logs", "--since", &future, id]), "");
    assert_eq!(r.ok(["logs", "--until", "2000-01-01T00:00:00Z", id]), "");
    assert_eq!(r.ok(["logs", "--until", &future, id]), "early\n");
    // --since a moment between two outputs.
    let t = r.ok(["logs", "-t", id]);
    let first = t.split(' ').next().unwrap().to_string();
    let first_t = chrono::DateTime::parse_from_rfc3339(&first).unwrap();
    let just_after = (first_t + chrono::Duration::microseconds(1)).to_rfc3339();
    assert_eq!(r.ok(["logs", "--since", &just_after, id]), "");
    assert_eq!(r.ok(["logs", "--since", &first, id]), "early\n");
    let (code, _) = r.fails(["logs", "--since", "yesterday-ish", id]);
    assert_eq!(code, 125);
}

#[test]
fn logs_follow_until_stop() {
    let r = Busybox::new();
    let id = r.ok([
        "run",
        "-d",
        "busybox",
        "sh",
        "-c",
        "trap 'echo bye; exit 7' TERM; i=0; while true; do echo tick$i; i=$((i+1)); sleep 0.1; done",
    ]);
    let id = id.trim().to_string();
    let mut follow = r
        .cmd(["logs", "-f", &id])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = follow.stdout.take().unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = seen.clone();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 1024];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    // logs -f shows new output while the container runs...
    eventually("tick3 through logs -f", || {
        seen.lock().unwrap().contains("tick3\n").then_some(())
    });
    assert!(
        follow.try_wait().unwrap().is_none(),
        "logs -f returned early"
    );
    r.ok(["stop", "-t", "30", &id]);
    // ...and ends by itself once the container has stopped.
    let status = eventually("logs -f to end", || follow.try_wait().unwrap());
    reader.join().unwrap();
    assert!(status.success());
    let text = seen.lock().unwrap().clone();
    assert!(text.starts_with("tick0\ntick1\ntick2\ntick3\n"), "{text}");
    assert!(text.ends_with("bye\n"), "everything to the end: {text}");
    assert_eq!(text, r.ok(["logs", &id]), "the same as logs afterwards");
    assert_eq!(r.ok(["wait", &id]), "7\n");
    // logs -f of a stopped container prints and returns.
    assert_eq!(r.ok(["logs", "-f", &id]), text);
}

#[test]
fn stop_then_wait_prints_the_exit_code() {
    let r = Busybox::new();
    let id = r.ok([
        "run",
        "-d",
        "busybox",
        "sh",
        "-c",
        "trap 'exit 42' TERM; echo ready; while true; do sleep 0.1; done",
    ]);
    let id = id.trim();
    wait_log(&r, id, "ready");
    let out = r.ok(["stop", id]);
    assert_eq!(out, format!("{id}\n"), "stop prints what it was given");
    assert_eq!(r.ok(["wait", id]), "42\n");
    assert_eq!(
        r.ok([
            "inspect",
            "--format",
            "{{.State.Status}} {{.State.Running}} {{.State.Pid}} {{.State.ExitCode}}",
            id
        ]),
        "exited false 0 42\n"
    );
    // Stopping a stopped container is fine; so is waiting again.
    r.ok(["stop", id]);
    assert_eq!(r.ok(["wait", id]), "42\n");
    // A name works too, and stop prints it.
    r.ok(["run", "-d", "--name", "named", "busybox", "sleep", "1000"]);
    assert_eq!(r.ok(["stop", "-t", "0", "named"]), "named\n");
    assert_eq!(r.ok(["wait", "named"]), "137\n");
}

#[test]
fn wait_blocks_until_exit() {
    let r = Busybox::new();
    let id = r.ok(["run", "-d", "busybox", "sh", "-c", "sleep 1; exit 3"]);
    let id = id.trim();
    let out = r.run(["wait", id]);
    assert_eq!(parts(&out), (0, "3\n".into(), String::new()));
    assert_eq!(
        r.ok(["inspect", "--format", "{{.State.Status}}", id]),
        "exited\n"
    );
}

#[test]
fn wait_on_several_containers() {
    let r = Busybox::new();
    let a = r.ok(["run", "-d", "busybox", "sh", "-c", "sleep 0.5; exit 1"]);
    let b = r.ok(["run", "-d", "busybox", "sh", "-c", "exit 2"]);
    let c = r.ok([
        "run",
        "-d",
        "--name",
        "c",
        "busybox",
        "sh",
        "-c",
        "sleep 0.2; exit 3",
    ]);
    let _ = c;
    let out = r.ok(["wait", a.trim(), b.trim(), "c"]);
    assert_eq!(out, "1\n2\n3\n", "in the order given");
    // A missing one is an error; the others are still waited for.
    let out = r.run(["wait", a.trim(), "no-such-container", b.trim()]);
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 125, "{stderr}");
    assert_eq!(stdout, "1\n2\n");
    assert!(stderr.contains("no-such-container"), "{stderr}");
}

#[test]
fn wait_on_a_created_container() {
    let r = Busybox::new();
    // As podman: a container never started has nothing to wait for; 0.
    let id = r.ok(["create", "busybox", "sh", "-c", "exit 4"]);
    let id = id.trim();
    assert_eq!(r.ok(["wait", id]), "0\n");
    r.ok(["start", id]);
    assert_eq!(r.ok(["wait", id]), "4\n");
    // A start that failed: wait tells why (podman issue #14873: 127, as docker).
    let id = r.ok(["create", "busybox", "no-such-command"]);
    let id = id.trim();
    let (_, err) = r.fails(["start", id]);
    assert!(err.contains("no-such-command"), "{err}");
    assert_eq!(r.ok(["wait", id]), "127\n");
}

#[test]
fn kill_with_a_signal() {
    let r = Busybox::new();
    let id = r.ok([
        "run",
        "-d",
        "busybox",
        "sh",
        "-c",
        "trap 'echo got-hup' HUP; trap 'exit 5' USR2; echo ready; while true; do sleep 0.1; done",
    ]);
    let id = id.trim();
    wait_log(&r, id, "ready");
    assert_eq!(r.ok(["kill", "-s", "HUP", id]), format!("{id}\n"));
    wait_log(&r, id, "got-hup");
    assert_eq!(
        r.ok(["inspect", "--format", "{{.State.Running}}", id]),
        "true\n"
    );
    r.ok(["kill", "--signal", "SIGUSR2", id]);
    assert_eq!(r.ok(["wait", id]), "5\n");
    // The default is SIGKILL.
    let id = r.ok(["run", "-d", "busybox", "sleep", "1000"]);
    r.ok(["kill", id.trim()]);
    assert_eq!(r.ok(["wait", id.trim()]), "137\n");
    // A stopped container cannot be killed.
    let (code, _) = r.fails(["kill", id.trim()]);
    assert_eq!(code, 125);
    let (code, _) = r.fails(["kill", "-s", "NOSUCHSIG", id.trim()]);
    assert_eq!(code, 125);
}

#[test]
fn attach_relays_input_and_output() {
    let r = Busybox::new();
    let id = r.ok(["run", "-di", "busybox", "cat"]);
    let id = id.trim();
    // attach with input from a pipe: cat echoes it, and ends at its end.
    let out = r.run_stdin(["attach", id], b"hello through attach\n");
    assert_eq!(
        parts(&out),
        (0, "hello through attach\n".into(), String::new())
    );
    assert_eq!(r.ok(["wait", id]), "0\n");
    assert_eq!(r.ok(["logs", id]), "hello through attach\n");
}

#[test]
fn attach_sees_output_and_exit_code() {
    let r = Busybox::new();
    let id = r.ok([
        "run",
        "-d",
        "busybox",
        "sh",
        "-c",
        "read x < /dev/zero & echo waiting; while ! test -e /tmp/go; do sleep 0.05; done; echo out-after; echo err-after >&2; exit 9",
    ]);
    let id = id.trim().to_string();
    wait_log(&r, &id, "waiting");
    let attach = r
        .cmd(["attach", &id])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Give attach a moment to connect, then let the container go on.
    std::thread::sleep(std::time::Duration::from_millis(300));
    r.ok(["exec", &id, "touch", "/tmp/go"]);
    let out = attach.wait_with_output().unwrap();
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(
        code, 9,
        "attach returns the container's exit code: {stderr}"
    );
    assert_eq!(stdout, "out-after\n");
    assert_eq!(stderr, "err-after\n");
}

#[test]
fn attach_to_a_stopped_container_fails() {
    let r = Busybox::new();
    let id = r.ok(["create", "busybox", "true"]);
    let (code, err) = r.fails(["attach", id.trim()]);
    assert_eq!(code, 125);
    assert!(err.contains("running"), "{err}");
    let (code, _) = r.fails(["attach", "no-such-container"]);
    assert_eq!(code, 125);
}

#[test]
fn attach_no_stdin() {
    let r = Busybox::new();
    let id = r.ok([
        "run",
        "-di",
        "busybox",
        "sh",
        "-c",
        "echo ready; while ! test -e /tmp/go; do sleep 0.05; done; echo end",
    ]);
    let id = id.trim().to_string();
    wait_log(&r, &id, "ready");
    let mut child = r
        .cmd(["attach", "--no-stdin", &id])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // Our input is not passed on: closing it does not close the container's.
    child.stdin.take().unwrap().write_all(b"ignored\n").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    r.ok(["exec", &id, "touch", "/tmp/go"]);
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "end\n");
}

#[test]
fn start_a_and_start_i() {
    let r = Busybox::new();
    r.ok([
        "create",
        "--name",
        "c",
        "busybox",
        "sh",
        "-c",
        "echo started; echo err >&2; exit 6",
    ]);
    let out = r.run(["start", "-a", "c"]);
    assert_eq!(parts(&out), (6, "started\n".into(), "err\n".into()));
    // Again: a container can be started many times.
    let out = r.run(["start", "--attach", "c"]);
    assert_eq!(parts(&out).0, 6);
    assert_eq!(r.ok(["logs", "c"]), "started\nstarted\n");
    r.ok(["create", "-i", "--name", "cat", "busybox", "cat"]);
    let out = r.run_stdin(["start", "-a", "-i", "cat"], b"via start -i\n");
    assert_eq!(parts(&out), (0, "via start -i\n".into(), String::new()));
}

#[test]
fn start_prints_names_and_leaves_running_ones() {
    let r = Busybox::new();
    r.ok(["create", "--name", "one", "busybox", "sleep", "1000"]);
    r.ok(["create", "--name", "two", "busybox", "sleep", "1000"]);
    assert_eq!(r.ok(["start", "one", "two"]), "one\ntwo\n");
    let pid = r.ok(["inspect", "--format", "{{.State.Pid}}", "one"]);
    assert_eq!(r.ok(["start", "one"]), "one\n", "already running: fine");
    assert_eq!(
        r.ok(["inspect", "--format", "{{.State.Pid}}", "one"]),
        pid,
        "and left alone"
    );
    let out = r.run(["start", "one", "no-such", "two"]);
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 125);
    assert_eq!(stdout, "one\ntwo\n");
    assert!(stderr.contains("no-such"), "{stderr}");
}

#[test]
fn restart_runs_the_command_again() {
    let r = Busybox::new();
    let id = r.ok(["run", "-d", "busybox", "sh", "-c", "echo run; sleep 1000"]);
    let id = id.trim();
    wait_log(&r, id, "run");
    let pid1 = r.ok(["inspect", "--format", "{{.State.Pid}}", id]);
    assert_eq!(r.ok(["restart", "-t", "0", id]), format!("{id}\n"));
    wait_log(&r, id, "run\nrun\n");
    let pid2 = r.ok(["inspect", "--format", "{{.State.Pid}}", id]);
    assert_ne!(pid1, pid2);
    assert_eq!(
        r.ok(["inspect", "--format", "{{.State.Running}}", id]),
        "true\n"
    );
    // An exited container is simply started.
    r.ok(["stop", "-t", "0", id]);
    r.ok(["restart", id]);
    assert_eq!(
        r.ok(["inspect", "--format", "{{.State.Running}}", id]),
        "true\n"
    );
}

#[test]
fn started_and_finished_times() {
    let r = Busybox::new();
    let id = r.ok(["create", "busybox", "sh", "-c", "sleep 0.2"]);
    let id = id.trim();
    assert_eq!(
        r.ok([
            "inspect",
            "--format",
            "{{.State.StartedAt}} {{.State.FinishedAt}}",
            id
        ]),
        "0001-01-01T00:00:00Z 0001-01-01T00:00:00Z\n",
        "never started"
    );
    r.ok(["start", id]);
    r.ok(["wait", id]);
    let out = r.ok([
        "inspect",
        "--format",
        "{{.Created}} {{.State.StartedAt}} {{.State.FinishedAt}}",
        id,
    ]);
    let t: Vec<chrono::DateTime<chrono::FixedOffset>> = out
        .split_whitespace()
        .map(|s| chrono::DateTime::parse_from_rfc3339(s).unwrap())
        .collect();
    assert!(t[0] <= t[1] && t[1] <= t[2], "{out}");
    assert!(t[2] - t[1] >= chrono::Duration::milliseconds(150), "{out}");
}

#[test]
fn rm_rm_f_and_rm_a() {
    let r = Busybox::new();
    let running = r.ok(["run", "-d", "--name", "up", "busybox", "sleep", "1000"]);
    let running = running.trim();
    let pid: i32 = r
        .ok(["inspect", "--format", "{{.State.Pid}}", "up"])
        .trim()
        .parse()
        .unwrap();
    // A running container needs -f: exit 2, as podman.
    let out = r.run(["rm", "up"]);
    let (code, _, err) = parts(&out);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("running"), "{err}");
    assert_eq!(
        r.ok(["inspect", "--format", "{{.State.Running}}", "up"]),
        "true\n"
    );
    // -f kills and removes it, and prints its id.
    assert_eq!(r.ok(["rm", "-f", "up"]), format!("{running}\n"));
    assert_eq!(r.run(["container", "exists", "up"]).status.code(), Some(1));
    eventually("the container process to be gone", || {
        (!std::path::Path::new(&format!("/proc/{pid}")).exists()
            || std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .is_ok_and(|s| s.contains(") Z ")))
        .then_some(())
    });
    assert!(!r.root().join("containers").join(running).exists());
    // A missing container: exit 1; with -i (--ignore): fine.
    let (code, _) = r.fails(["rm", "no-such"]);
    assert_eq!(code, 1);
    r.ok(["rm", "-i", "no-such"]);
    // rm -a removes stopped ones; running ones need -f.
    r.ok(["create", "busybox", "true"]);
    r.ok(["run", "busybox", "true"]);
    r.ok(["run", "-d", "busybox", "sleep", "1000"]);
    let out = r.run(["rm", "-a"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        r.ok(["ps", "-a", "-q"]).lines().count(),
        1,
        "the running one stays"
    );
    let out = r.ok(["rm", "-a", "-f"]);
    assert_eq!(out.lines().count(), 1);
    assert_eq!(r.ok(["ps", "-a", "-q"]), "");
    assert_eq!(
        std::fs::read_dir(r.root().join("containers"))
            .unwrap()
            .count(),
        0
    );
}

/// Processes among `pids` that hold the pipe `inode` open.
fn holders(pids: &[i32], inode: u64) -> Vec<i32> {
    let want = format!("pipe:[{inode}]");
    pids.iter()
        .copied()
        .filter(|p| {
            std::fs::read_dir(format!("/proc/{p}/fd")).is_ok_and(|d| {
                d.flatten().any(|e| {
                    std::fs::read_link(e.path()).is_ok_and(|l| l.to_string_lossy() == want)
                })
            })
        })
        .collect()
}

#[test]
fn run_d_keeps_none_of_the_callers_descriptors() {
    use std::os::unix::fs::MetadataExt;
    let r = Busybox::new();
    // A pipe the caller leaves open to its children (not close-on-exec), as
    // a shell's `3>&1` or a build tool's jobserver does: if the monitor kept
    // it, a caller reading it to its end would wait as long as the container.
    let (read, write) = nix::unistd::pipe().unwrap();
    let inode = std::fs::File::from(read.try_clone().unwrap())
        .metadata()
        .unwrap()
        .ino();
    for fd in [&read, &write] {
        let flags = nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_GETFD).unwrap();
        assert_eq!(flags & libc::FD_CLOEXEC, 0, "inherited by rctl");
    }
    for flags in [&["-d"][..], &["-dit"][..]] {
        let mut args = vec!["run"];
        args.extend(flags);
        args.extend(["busybox", "sleep", "1000"]);
        let id = r.ok(&args);
        let id = id.trim();
        let pid: i32 = r
            .ok(["inspect", "--format", "{{.State.Pid}}", id])
            .trim()
            .parse()
            .unwrap();
        let monitor: i32 = r
            .ok(["inspect", "--format", "{{.State.ConmonPid}}", id])
            .trim()
            .parse()
            .unwrap();
        assert_eq!(
            holders(&[pid, monitor], inode),
            Vec::<i32>::new(),
            "{flags:?}: the caller's pipe is held open"
        );
    }
    drop(write);
    drop(read);
}
