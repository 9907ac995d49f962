//! `-t`: the container gets a terminal, whether or not rctl has one. rctl is
//! given a terminal by `script` (util-linux), which runs it on a pty.

mod common;

use common::{Busybox, Rctl, eventually, parts, shell_line};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

/// rctl running on a terminal made by `script`, driven step by step.
struct Term {
    child: std::process::Child,
    stdin: Option<std::process::ChildStdin>,
    output: Arc<Mutex<Vec<u8>>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Term {
    /// Starts `rctl ARGS` under `script` (`shell` runs before it).
    fn start(r: &Rctl, args: &[&str], shell: &str) -> Term {
        let line = format!("{shell}{}", shell_line(&r.cmd(args)));
        let mut child = Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("script (bsdutils) is installed");
        let mut stdout = child.stdout.take().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = output.clone();
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let stdin = child.stdin.take();
        Term {
            child,
            stdin,
            output,
            reader: Some(reader),
        }
    }

    fn send(&mut self, data: &[u8]) {
        let w = self.stdin.as_mut().unwrap();
        w.write_all(data).unwrap();
        w.flush().unwrap();
    }

    /// What the terminal showed so far, without carriage returns.
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).replace('\r', "")
    }

    fn wait_for(&self, s: &str) {
        eventually(&format!("{s:?} on the terminal"), || {
            self.text().contains(s).then_some(())
        });
    }

    /// Waits for rctl to end (a minute at most); returns its exit code and
    /// everything the terminal showed.
    fn finish(mut self) -> (Option<i32>, String) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let status = loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                break st;
            }
            if std::time::Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("rctl on a terminal did not end: {:?}", self.text());
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        drop(self.stdin.take());
        self.reader.take().unwrap().join().unwrap();
        (status.code(), self.text())
    }
}

impl Drop for Term {
    /// A test that failed midway leaves no `script` (nor rctl under it).
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Runs `rctl ARGS` on a terminal with `input` typed once it started;
/// returns its exit code and what the terminal showed.
fn on_terminal(r: &Rctl, args: &[&str], input: &[u8]) -> (Option<i32>, String) {
    let mut t = Term::start(r, args, "");
    if !input.is_empty() {
        t.send(input);
    }
    t.finish()
}

#[test]
fn t_on_a_terminal_gives_the_container_one() {
    let r = Busybox::new();
    let (code, t) = on_terminal(
        &r,
        &[
            "run",
            "--rm",
            "-t",
            "busybox",
            "sh",
            "-c",
            "test -t 0 && echo in-tty; test -t 1 && echo out-tty; test -t 2 && echo err-tty; tty",
        ],
        b"",
    );
    assert_eq!(code, Some(0), "{t:?}");
    assert!(t.contains("in-tty\nout-tty\nerr-tty\n/dev/pts/"), "{t:?}");
}

#[test]
fn it_on_a_terminal_is_interactive() {
    let r = Busybox::new();
    let mut term = Term::start(
        &r,
        &[
            "run",
            "--rm",
            "-it",
            "busybox",
            "sh",
            "-c",
            "test -t 0 && echo tty; read l; echo got-$l",
        ],
        "",
    );
    term.wait_for("tty\n");
    term.send(b"typed\n");
    let (code, t) = term.finish();
    assert_eq!(code, Some(0), "{t:?}");
    assert!(t.contains("got-typed"), "{t:?}");
}

#[test]
fn t_exit_code_passes_through() {
    let r = Busybox::new();
    let (code, t) = on_terminal(
        &r,
        &["run", "--rm", "-t", "busybox", "sh", "-c", "exit 7"],
        b"",
    );
    assert_eq!(code, Some(7), "{t:?}");
    assert_eq!(r.ok(["ps", "-a", "-q"]), "");
}

#[test]
fn t_without_a_terminal_on_our_side() {
    let r = Busybox::new();
    // Standard input /dev/null, output a pipe: the container still gets a tty.
    let out = r.run([
        "run",
        "--rm",
        "-t",
        "busybox",
        "sh",
        "-c",
        "test -t 0 && test -t 1 && test -t 2 && echo yes-tty",
    ]);
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.replace('\r', ""), "yes-tty\n");
    // Output on a terminal has one stream: stderr comes on stdout.
    let out = r.run(["run", "--rm", "-t", "busybox", "sh", "-c", "echo e >&2"]);
    let (_, stdout, stderr) = parts(&out);
    assert_eq!(stdout.replace('\r', ""), "e\n");
    assert_eq!(stderr, "");
    // And with -i from a pipe.
    let out = r.run_stdin(
        [
            "run",
            "--rm",
            "-i",
            "-t",
            "busybox",
            "sh",
            "-c",
            "test -t 0 && echo tty; head -n1",
        ],
        b"piped\n",
    );
    let (code, stdout, _) = parts(&out);
    assert_eq!(code, 0);
    let stdout = stdout.replace('\r', "");
    // The terminal echoes the input too, as any terminal does.
    assert!(stdout.contains("tty\n"), "{stdout:?}");
    assert!(stdout.contains("piped\n"), "{stdout:?}");
}

#[test]
fn t_is_recorded_and_detached_tty_is_logged() {
    let r = Busybox::new();
    let id = r.ok([
        "run",
        "-d",
        "-t",
        "busybox",
        "sh",
        "-c",
        "test -t 1 && echo detached-tty",
    ]);
    let id = id.trim();
    assert_eq!(r.ok(["wait", id]), "0\n");
    assert_eq!(
        r.ok(["inspect", "--format", "{{.Config.Tty}}", id]),
        "true\n"
    );
    assert_eq!(r.ok(["logs", id]).replace('\r', ""), "detached-tty\n");
    // /dev/console is the terminal.
    let out = r.ok([
        "run",
        "--rm",
        "-t",
        "busybox",
        "sh",
        "-c",
        "test -c /dev/console && echo console",
    ]);
    assert_eq!(out.replace('\r', ""), "console\n");
}

#[test]
fn t_window_size_comes_from_our_terminal() {
    let r = Busybox::new();
    // The size is the terminal's from the start: a command that reads it at
    // once sees it (podman sets it before the process starts).
    for flags in [&["-t"][..], &["-i", "-t"][..]] {
        let mut args = vec!["run", "--rm"];
        args.extend(flags);
        args.extend(["busybox", "stty", "size"]);
        let term = Term::start(&r, &args, "stty rows 33 cols 111; ");
        let (code, t) = term.finish();
        assert_eq!(code, Some(0), "{flags:?}: {t:?}");
        assert!(t.contains("33 111"), "{flags:?}: {t:?}");
    }
    let id = r.ok(["run", "-d", "busybox", "sleep", "1000"]);
    let term = Term::start(
        &r,
        &["exec", "-t", id.trim(), "stty", "size"],
        "stty rows 33 cols 111; ",
    );
    let (code, t) = term.finish();
    assert_eq!(code, Some(0), "exec -t: {t:?}");
    assert!(t.contains("33 111"), "exec -t: {t:?}");
}

#[test]
fn t_window_size_changes_reach_the_container() {
    let r = Busybox::new();
    let id = r.ok(["run", "-dit", "busybox", "sh"]);
    let id = id.trim();
    let mut term = Term::start(&r, &["attach", id], "stty rows 20 cols 70; ");
    term.send(b"echo size-$(stty size)-end\n");
    term.wait_for("size-20 70-end");
    term.send(b"exit 0\n");
    let (code, t) = term.finish();
    assert_eq!(code, Some(0), "{t:?}");
}

#[test]
fn exec_t_gives_the_command_a_terminal() {
    let r = Busybox::new();
    let id = r.ok(["run", "-d", "busybox", "sleep", "1000"]);
    let id = id.trim();
    let (code, t) = on_terminal(
        &r,
        &[
            "exec",
            "-t",
            id,
            "sh",
            "-c",
            "test -t 0 && test -t 1 && echo exec-tty; exit 6",
        ],
        b"",
    );
    assert_eq!(code, Some(6), "{t:?}");
    assert!(t.contains("exec-tty\n"), "{t:?}");
    let mut term = Term::start(
        &r,
        &[
            "exec",
            "-it",
            id,
            "sh",
            "-c",
            "echo ready; read l; echo exec-got-$l",
        ],
        "",
    );
    term.wait_for("ready");
    term.send(b"word\n");
    let (code, t) = term.finish();
    assert_eq!(code, Some(0), "{t:?}");
    assert!(t.contains("exec-got-word"), "{t:?}");
    // Without a terminal on our side.
    let out = r.run(["exec", "-t", id, "sh", "-c", "test -t 1 && echo yes"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).replace('\r', ""),
        "yes\n"
    );
}

const NO_TTY_CHECK: &str = "for fd in 0 1 2; do test -t $fd && echo tty-$fd; done; echo checked";

#[test]
fn run_without_t_never_hands_over_our_terminal() {
    let r = Busybox::new();
    // As podman: without -t the container's streams are pipes (or
    // /dev/null), never rctl's own terminal, which it could read or push
    // input into.
    for flags in [
        &["--rm"][..],
        &[][..],
        &["-i", "--rm"][..],
        &["--log-driver", "none"][..],
    ] {
        let mut args = vec!["run"];
        args.extend(flags);
        args.extend(["busybox", "sh", "-c", NO_TTY_CHECK]);
        let (code, t) = on_terminal(&r, &args, b"");
        assert_eq!(code, Some(0), "{flags:?}: {t:?}");
        assert!(t.contains("checked"), "{flags:?}: {t:?}");
        assert!(!t.contains("tty-"), "{flags:?}: {t:?}");
    }
}

#[test]
fn exec_without_t_never_hands_over_our_terminal() {
    let r = Busybox::new();
    let id = r.ok(["run", "-d", "busybox", "sleep", "1000"]);
    let id = id.trim();
    for flags in [&[][..], &["-i"][..]] {
        let mut args = vec!["exec"];
        args.extend(flags);
        args.extend([id, "sh", "-c", NO_TTY_CHECK]);
        let (code, t) = on_terminal(&r, &args, b"");
        assert_eq!(code, Some(0), "{flags:?}: {t:?}");
        assert!(t.contains("checked"), "{flags:?}: {t:?}");
        assert!(!t.contains("tty-"), "{flags:?}: {t:?}");
    }
}

#[test]
fn attach_to_a_tty_container_and_detach() {
    let r = Busybox::new();
    let id = r.ok(["run", "-dit", "busybox", "sh"]);
    let id = id.trim();
    eventually("the container to run", || {
        (r.ok(["inspect", "--format", "{{.State.Running}}", id]) == "true\n").then_some(())
    });
    // Type a command, then the detach keys (ctrl-p ctrl-q): attach returns 0
    // and the container keeps running.
    let mut term = Term::start(&r, &["attach", id], "");
    term.send(b"echo attached-$((6*7))\n");
    term.wait_for("attached-42");
    term.send(b"\x10\x11");
    let (code, t) = term.finish();
    assert_eq!(code, Some(0), "{t:?}");
    assert_eq!(
        r.ok(["inspect", "--format", "{{.State.Running}}", id]),
        "true\n",
        "detaching leaves the container running"
    );
    // `exit` ends it; attach returns its code.
    let mut term = Term::start(&r, &["attach", id], "");
    term.send(b"echo again\n");
    term.wait_for("again\n");
    term.send(b"exit 5\n");
    let (code, t) = term.finish();
    assert_eq!(code, Some(5), "{t:?}");
    assert_eq!(r.ok(["wait", id]), "5\n");
}

#[test]
fn run_it_detach_keys_leave_it_running() {
    let r = Busybox::new();
    let mut term = Term::start(&r, &["run", "-it", "--name", "bg", "busybox", "sh"], "");
    term.send(b"echo in-$((2+3))\n");
    term.wait_for("in-5");
    term.send(b"\x10\x11");
    let (code, t) = term.finish();
    assert_eq!(code, Some(0), "{t:?}");
    assert_eq!(
        r.ok(["inspect", "--format", "{{.State.Running}}", "bg"]),
        "true\n"
    );
    // Other detach keys.
    let mut term = Term::start(
        &r,
        &[
            "run",
            "-it",
            "--name",
            "bg2",
            "--detach-keys",
            "ctrl-x",
            "busybox",
            "sh",
        ],
        "",
    );
    term.send(b"echo x-$((1+1))\n");
    term.wait_for("x-2");
    term.send(b"\x18");
    let (code, t) = term.finish();
    assert_eq!(code, Some(0), "{t:?}");
    assert_eq!(
        r.ok(["inspect", "--format", "{{.State.Running}}", "bg2"]),
        "true\n"
    );
}
