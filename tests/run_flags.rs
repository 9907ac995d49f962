//! `run` and `create` flags, rootful: environment, working directory, user,
//! entrypoint, host name, init, read-only root, stop signal and timeout,
//! labels and annotations, cidfile, names, network modes, log drivers, `-a`,
//! and the name-resolution files (`--add-host`, `--dns*`, `--no-hosts`).

mod common;

use common::{Busybox, Rctl, eventually, fixtures, parts};
use serde_json::{Value, json};

fn inspect(r: &Rctl, name: &str) -> Value {
    let out = r.ok(["inspect", name]);
    let v: Value = serde_json::from_str(&out).unwrap();
    v[0].clone()
}

#[test]
fn env_from_flags_host_and_file() {
    let r = Busybox::new();
    let file = r.dir().join("env.list");
    std::fs::write(
        &file,
        "# a comment\n\nFROM_FILE=file value\nFROM_FILE_HOST\nFILE_UNSET_ON_HOST\nOVERRIDDEN=file\n",
    )
    .unwrap();
    let out = r
        .cmd([
            "run",
            "--rm",
            "--env-file",
            file.to_str().unwrap(),
            "-e",
            "A=b",
            "-e",
            "WITH_EQUALS=x=y",
            "-e",
            "FROM_HOST",
            "-e",
            "UNSET_ON_HOST",
            "-e",
            "OVERRIDDEN=flag",
            "-e",
            "PATH=/bin",
            "busybox",
            "env",
        ])
        .env("FROM_HOST", "host value")
        .env("FROM_FILE_HOST", "host for file")
        .env_remove("UNSET_ON_HOST")
        .env_remove("FILE_UNSET_ON_HOST")
        .output()
        .unwrap();
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 0, "{stderr}");
    let env: Vec<&str> = stdout.lines().collect();
    for want in [
        "A=b",
        "WITH_EQUALS=x=y",
        "FROM_HOST=host value",
        "FROM_FILE=file value",
        "FROM_FILE_HOST=host for file",
        "OVERRIDDEN=flag",
        "PATH=/bin",
        "HOME=/root",
    ] {
        assert!(env.contains(&want), "{want} missing from {env:?}");
    }
    for unwanted in ["UNSET_ON_HOST", "FILE_UNSET_ON_HOST"] {
        assert!(
            !env.iter().any(|e| e.starts_with(&format!("{unwanted}="))),
            "{unwanted} set: {env:?}"
        );
    }
    assert!(
        !env.contains(&"OVERRIDDEN=file"),
        "-e wins over --env-file: {env:?}"
    );
    assert_eq!(
        env.iter().filter(|e| e.starts_with("PATH=")).count(),
        1,
        "{env:?}"
    );
}

#[test]
fn env_file_missing_is_an_error() {
    let r = Busybox::new();
    let (code, err) = r.fails([
        "run",
        "--rm",
        "--env-file",
        "/no/such/file",
        "busybox",
        "true",
    ]);
    assert_eq!(code, 125);
    assert!(err.contains("/no/such/file"), "{err}");
    assert_eq!(r.ok(["ps", "-a", "-q"]), "");
}

#[test]
fn env_is_recorded_in_inspect() {
    let r = Busybox::new();
    r.ok(["create", "--name", "c", "-e", "K=v", "busybox", "true"]);
    let env = inspect(&r, "c")["Config"]["Env"].clone();
    let env: Vec<&str> = env
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(env.contains(&"K=v"), "{env:?}");
    assert!(env.iter().any(|e| e.starts_with("PATH=")), "{env:?}");
}

#[test]
fn workdir_is_created_when_missing() {
    let r = Busybox::new();
    assert_eq!(
        r.ok(["run", "--rm", "-w", "/tmp", "busybox", "pwd"]),
        "/tmp\n"
    );
    assert_eq!(
        r.ok(["run", "--rm", "-w", "/new/deep/dir", "busybox", "pwd"]),
        "/new/deep/dir\n"
    );
    assert_eq!(
        r.ok([
            "run",
            "--rm",
            "--workdir",
            "/made",
            "busybox",
            "sh",
            "-c",
            "test -d /made && pwd"
        ]),
        "/made\n"
    );
    r.ok(["create", "--name", "w", "-w", "/srv/app", "busybox", "pwd"]);
    assert_eq!(
        r.ok(["inspect", "--format", "{{.Config.WorkingDir}}", "w"]),
        "/srv/app\n"
    );
    assert_eq!(r.ok(["start", "-a", "w"]), "/srv/app\n");
}

#[test]
fn workdir_from_the_image() {
    let r = Rctl::new();
    let img = fixtures::Image::new(
        vec![fixtures::busybox_layer()],
        json!({"WorkingDir": "/opt/work"}),
        &["wd:latest"],
    );
    r.load(&img);
    let out = r.ok(["run", "--rm", "wd", "pwd"]);
    assert_eq!(out, "/opt/work\n", "created though the image lacks it");
    assert_eq!(r.ok(["run", "--rm", "-w", "/", "wd", "pwd"]), "/\n");
}

#[test]
fn user_by_name_number_and_group() {
    let r = Busybox::new();
    let id = |u: &str| {
        r.ok([
            "run",
            "--rm",
            "-u",
            u,
            "busybox",
            "sh",
            "-c",
            "id -u; id -g",
        ])
    };
    assert_eq!(id("nobody"), "65534\n65534\n");
    assert_eq!(id("65534:65534"), "65534\n65534\n");
    assert_eq!(id("65534"), "65534\n65534\n", "the group from /etc/passwd");
    assert_eq!(id("nobody:root"), "65534\n0\n");
    assert_eq!(id("root:nogroup"), "0\n65534\n");
    assert_eq!(id("1234:5678"), "1234\n5678\n", "ids need no passwd entry");
    assert_eq!(id("0"), "0\n0\n");
    // The user's home is HOME.
    assert_eq!(
        r.ok([
            "run",
            "--rm",
            "-u",
            "nobody",
            "busybox",
            "sh",
            "-c",
            "echo $HOME"
        ]),
        "/nonexistent\n"
    );
    // A user's files: nobody cannot read /etc/shadow (root:root 0640).
    let out = r.run([
        "run",
        "--rm",
        "-u",
        "nobody",
        "busybox",
        "cat",
        "/etc/shadow",
    ]);
    assert_eq!(out.status.code(), Some(1));
    r.ok(["create", "--name", "u", "-u", "nobody", "busybox", "true"]);
    assert_eq!(
        r.ok(["inspect", "--format", "{{.Config.User}}", "u"]),
        "nobody\n"
    );
}

#[test]
fn user_from_the_image_and_files_it_owns() {
    let r = Rctl::new();
    let layer = fixtures::LayerBuilder::new()
        .dir("home", 0o755)
        .file_owned("home/mine", 0o600, 1000, 1000, b"secret\n")
        .build();
    let img = fixtures::Image::new(
        vec![fixtures::busybox_layer(), layer],
        json!({"User": "1000:1000"}),
        &["u1000:latest"],
    );
    r.load(&img);
    assert_eq!(r.ok(["run", "--rm", "u1000", "id", "-u"]), "1000\n");
    assert_eq!(
        r.ok(["run", "--rm", "u1000", "cat", "/home/mine"]),
        "secret\n"
    );
    let out = r.run(["run", "--rm", "-u", "nobody", "u1000", "cat", "/home/mine"]);
    assert_eq!(out.status.code(), Some(1), "-u overrides the image's user");
    assert_eq!(r.ok(["run", "--rm", "-u", "0", "u1000", "id", "-u"]), "0\n");
}

#[test]
fn unknown_user_is_an_error() {
    let r = Busybox::new();
    for u in ["ghost", "nobody:ghosts", "ghost:0"] {
        let out = r.run(["run", "--rm", "-u", u, "busybox", "true"]);
        let (code, _, err) = parts(&out);
        assert_eq!(code, 125, "-u {u}: {err}");
        assert!(err.contains("ghost"), "{err}");
    }
    assert_eq!(r.ok(["ps", "-a", "-q"]), "");
}

#[test]
fn entrypoint_overrides() {
    let r = Rctl::new();
    let img = fixtures::Image::new(
        vec![fixtures::busybox_layer()],
        json!({"Entrypoint": ["echo", "ep"], "Cmd": ["default"]}),
        &["ep:latest"],
    );
    r.load(&img);
    r.load(&fixtures::busybox(&["busybox:latest"]));
    // Image entrypoint + image cmd; a command replaces cmd only.
    assert_eq!(r.ok(["run", "--rm", "ep"]), "ep default\n");
    assert_eq!(r.ok(["run", "--rm", "ep", "x", "y"]), "ep x y\n");
    // --entrypoint replaces the entrypoint and drops the image's cmd.
    assert_eq!(r.ok(["run", "--rm", "--entrypoint", "echo", "ep"]), "\n");
    assert_eq!(
        r.ok(["run", "--rm", "--entrypoint", "echo", "ep", "a", "b"]),
        "a b\n"
    );
    // A JSON array.
    assert_eq!(
        r.ok(["run", "--rm", "--entrypoint", r#"["echo","j"]"#, "ep", "k"]),
        "j k\n"
    );
    // '' clears it: the command runs alone.
    assert_eq!(
        r.ok(["run", "--rm", "--entrypoint", "", "ep", "echo", "plain"]),
        "plain\n"
    );
    assert_eq!(
        r.ok(["run", "--rm", "--entrypoint", "", "busybox", "echo", "x"]),
        "x\n"
    );
    // Recorded in inspect.
    r.ok([
        "create",
        "--name",
        "c",
        "--entrypoint",
        "echo",
        "busybox",
        "hi",
    ]);
    let c = inspect(&r, "c");
    assert_eq!(c["Config"]["Entrypoint"], json!(["echo"]));
    assert_eq!(c["Config"]["Cmd"], json!(["hi"]));
    assert_eq!(c["Path"], json!("echo"));
    assert_eq!(c["Args"], json!(["hi"]));
    // With nothing to run, create fails.
    let (code, _) = r.fails(["run", "--rm", "--entrypoint", "", "ep"]);
    assert_eq!(code, 125);
}

#[test]
fn hostname_flag() {
    let r = Busybox::new();
    let out = r.ok([
        "run",
        "--rm",
        "--hostname",
        "myhost",
        "busybox",
        "sh",
        "-c",
        "hostname; cat /etc/hostname",
    ]);
    assert_eq!(out, "myhost\nmyhost\n");
    let out = r.ok(["run", "--rm", "-h", "short", "busybox", "hostname"]);
    assert_eq!(out, "short\n", "-h is --hostname");
    r.ok([
        "create",
        "--name",
        "c",
        "--hostname",
        "named",
        "busybox",
        "true",
    ]);
    assert_eq!(
        r.ok(["inspect", "--format", "{{.Config.Hostname}}", "c"]),
        "named\n"
    );
}

#[test]
fn init_is_pid_1_and_reaps_zombies() {
    let r = Busybox::new();
    let out = r.ok(["run", "--rm", "--init", "busybox", "sh", "-c", "echo $$"]);
    assert_eq!(out, "2\n", "the command is PID 2");
    let out = r.ok(["run", "--rm", "--init", "busybox", "cat", "/proc/1/cmdline"]);
    assert!(
        !out.starts_with("cat\0"),
        "PID 1 is the init, not the command: {out:?}"
    );
    // An orphan is re-parented to PID 1, which must reap it.
    let out = r.ok([
        "run",
        "--rm",
        "--init",
        "busybox",
        "sh",
        "-c",
        "sh -c 'sleep 0.1 & exit 0'; sleep 1; ps -o stat,comm | grep '^Z' || echo no-zombies",
    ]);
    assert_eq!(out, "no-zombies\n");
    // The command's exit code is the container's.
    let (code, _) = r.fails(["run", "--rm", "--init", "busybox", "sh", "-c", "exit 4"]);
    assert_eq!(code, 4);
    // Signals reach the command through the init.
    let id = r.ok([
        "run",
        "-d",
        "--init",
        "busybox",
        "sh",
        "-c",
        "trap 'exit 11' TERM; while true; do sleep 0.1; done",
    ]);
    r.ok(["stop", "-t", "30", id.trim()]);
    assert_eq!(r.ok(["wait", id.trim()]), "11\n");
    assert_eq!(
        r.ok(["inspect", "--format", "{{.HostConfig.Init}}", id.trim()]),
        "true\n"
    );
}

#[test]
fn read_only_root() {
    let r = Busybox::new();
    let out = r.run([
        "run",
        "--rm",
        "--read-only",
        "busybox",
        "sh",
        "-c",
        "touch /x 2>/dev/null && echo wrote; grep ' / ' /proc/mounts | cut -d' ' -f4 | cut -d, -f1",
    ]);
    assert_eq!(parts(&out).1, "ro\n");
    let (code, err) = r.fails(["run", "--rm", "--read-only", "busybox", "touch", "/etc/x"]);
    assert_eq!(code, 1);
    assert!(err.contains("Read-only"), "{err}");
    // /dev stays writable.
    r.ok([
        "run",
        "--rm",
        "--read-only",
        "busybox",
        "sh",
        "-c",
        "echo x > /dev/null",
    ]);
    r.ok(["create", "--name", "c", "--read-only", "busybox", "true"]);
    assert_eq!(
        r.ok(["inspect", "--format", "{{.HostConfig.ReadonlyRootfs}}", "c"]),
        "true\n"
    );
    // Without the flag, / is writable.
    r.ok(["run", "--rm", "busybox", "touch", "/x"]);
}

#[test]
fn stop_signal_is_used_by_stop() {
    let r = Busybox::new();
    let id = r.ok([
        "run",
        "-d",
        "--stop-signal",
        "USR1",
        "busybox",
        "sh",
        "-c",
        "trap 'echo got-usr1; exit 9' USR1; trap 'echo got-term; exit 8' TERM; \
         echo ready; while true; do sleep 0.1; done",
    ]);
    let id = id.trim();
    eventually("the trap to be set", || {
        r.ok(["logs", id]).contains("ready").then_some(())
    });
    r.ok(["stop", "-t", "30", id]);
    assert_eq!(r.ok(["wait", id]), "9\n");
    assert_eq!(r.ok(["logs", id]), "ready\ngot-usr1\n");
    assert_eq!(
        r.ok(["inspect", "--format", "{{.Config.StopSignal}}", id]),
        "SIGUSR1\n"
    );
    // By number and with the SIG prefix.
    for s in ["10", "SIGUSR1"] {
        r.ok(["create", "--name", s, "--stop-signal", s, "busybox", "true"]);
        assert_eq!(
            r.ok(["inspect", "--format", "{{.Config.StopSignal}}", s]),
            "SIGUSR1\n"
        );
    }
    let (code, _) = r.fails(["create", "--stop-signal", "NOPE", "busybox", "true"]);
    assert_eq!(code, 125);
}

#[test]
fn stop_signal_from_the_image() {
    let r = Rctl::new();
    let img = fixtures::Image::new(
        vec![fixtures::busybox_layer()],
        json!({"StopSignal": "SIGUSR2"}),
        &["sig:latest"],
    );
    r.load(&img);
    let id = r.ok([
        "run",
        "-d",
        "sig",
        "sh",
        "-c",
        "trap 'exit 12' USR2; echo ready; while true; do sleep 0.1; done",
    ]);
    let id = id.trim();
    let _cleanup = Cleanup(&r);
    eventually("the trap", || {
        r.ok(["logs", id]).contains("ready").then_some(())
    });
    r.ok(["stop", "-t", "30", id]);
    assert_eq!(r.ok(["wait", id]), "12\n");
}

/// Removes every container of a store that is not a [`Busybox`].
struct Cleanup<'a>(&'a Rctl);

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        let _ = self.0.run(["rm", "-a", "-f"]);
    }
}

#[test]
fn stop_timeout_then_sigkill() {
    let r = Busybox::new();
    // sleep as PID 1 ignores SIGTERM: stop ends with SIGKILL after the timeout.
    let id = r.ok([
        "run",
        "-d",
        "--stop-timeout",
        "1",
        "busybox",
        "sleep",
        "1000",
    ]);
    let id = id.trim();
    assert_eq!(
        r.ok(["inspect", "--format", "{{.Config.StopTimeout}}", id]),
        "1\n"
    );
    r.ok(["stop", id]);
    assert_eq!(
        r.ok([
            "inspect",
            "--format",
            "{{.State.Status}} {{.State.ExitCode}}",
            id
        ]),
        "exited 137\n",
        "stop returns once the container is gone"
    );
    // A container that handles SIGTERM exits with its own code.
    let id = r.ok([
        "run",
        "-d",
        "--stop-timeout",
        "30",
        "busybox",
        "sh",
        "-c",
        "trap 'exit 0' TERM; echo ready; while true; do sleep 0.1; done",
    ]);
    let id = id.trim();
    eventually("the trap", || {
        r.ok(["logs", id]).contains("ready").then_some(())
    });
    r.ok(["stop", id]);
    assert_eq!(r.ok(["wait", id]), "0\n");
}

#[test]
fn labels_and_annotations_in_inspect() {
    let r = Busybox::new();
    r.ok([
        "create",
        "--name",
        "c",
        "--label",
        "a=1",
        "-l",
        "b=two words",
        "--label",
        "empty=",
        "--annotation",
        "org.example.note=hello",
        "busybox",
        "true",
    ]);
    let c = inspect(&r, "c");
    assert_eq!(c["Config"]["Labels"]["a"], json!("1"));
    assert_eq!(c["Config"]["Labels"]["b"], json!("two words"));
    assert_eq!(c["Config"]["Labels"]["empty"], json!(""));
    assert_eq!(
        c["Config"]["Annotations"]["org.example.note"],
        json!("hello")
    );
    assert_eq!(
        r.ok(["inspect", "--format", "{{index .Config.Labels \"a\"}}", "c"]),
        "1\n"
    );
    assert_eq!(
        r.ok(["ps", "-a", "-q", "--filter", "label=a=1"])
            .lines()
            .count(),
        1
    );
}

#[test]
fn labels_from_the_image_are_kept() {
    let r = Rctl::new();
    let img = fixtures::Image::new(
        vec![fixtures::busybox_layer()],
        json!({"Labels": {"from.image": "yes", "over": "image"}}),
        &["lab:latest"],
    );
    r.load(&img);
    r.ok([
        "create",
        "--name",
        "c",
        "--label",
        "over=flag",
        "lab",
        "true",
    ]);
    let c = inspect(&r, "c");
    assert_eq!(c["Config"]["Labels"]["from.image"], json!("yes"));
    assert_eq!(c["Config"]["Labels"]["over"], json!("flag"));
}

#[test]
fn cidfile_is_written_and_never_overwritten() {
    let r = Busybox::new();
    let cid = r.dir().join("cid");
    r.ok([
        "run",
        "--rm",
        "--cidfile",
        cid.to_str().unwrap(),
        "busybox",
        "true",
    ]);
    let written = std::fs::read_to_string(&cid).unwrap();
    assert_eq!(written.len(), 64, "{written:?}");
    assert!(written.chars().all(|c| c.is_ascii_hexdigit()));
    // An existing file is refused and left alone; no container is made.
    let out = r.run([
        "run",
        "--rm",
        "--cidfile",
        cid.to_str().unwrap(),
        "busybox",
        "true",
    ]);
    let (code, _, err) = parts(&out);
    assert_eq!(code, 125, "{err}");
    assert!(err.contains("cid"), "{err}");
    assert_eq!(std::fs::read_to_string(&cid).unwrap(), written);
    assert_eq!(r.ok(["ps", "-a", "-q"]), "");
    // create and run -d write it too: the id printed.
    let cid2 = r.dir().join("cid2");
    let id = r.ok([
        "create",
        "--cidfile",
        cid2.to_str().unwrap(),
        "busybox",
        "true",
    ]);
    assert_eq!(std::fs::read_to_string(&cid2).unwrap(), id.trim());
    let cid3 = r.dir().join("cid3");
    let id = r.ok([
        "run",
        "-d",
        "--cidfile",
        cid3.to_str().unwrap(),
        "busybox",
        "true",
    ]);
    assert_eq!(std::fs::read_to_string(&cid3).unwrap(), id.trim());
}

#[test]
fn name_clash_is_a_one_line_error() {
    let r = Busybox::new();
    let first = r.ok(["create", "--name", "dup", "busybox", "true"]);
    for cmd in ["run", "create"] {
        let out = r.run([cmd, "--name", "dup", "busybox", "true"]);
        let (code, stdout, err) = parts(&out);
        assert_eq!(code, 125, "{cmd}: {err}");
        assert_eq!(stdout, "");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("dup") && err.contains("already in use"),
            "{err}"
        );
    }
    assert_eq!(r.ok(["ps", "-a", "-q", "--no-trunc"]), first);
    // Free again once removed.
    r.ok(["rm", "dup"]);
    r.ok(["run", "--rm", "--name", "dup", "busybox", "true"]);
}

#[test]
fn names_are_generated_and_unique() {
    let r = Busybox::new();
    let mut names = std::collections::BTreeSet::new();
    for _ in 0..10 {
        let id = r.ok(["create", "busybox", "true"]);
        let name = r.ok(["inspect", "--format", "{{.Name}}", id.trim()]);
        assert!(!name.trim().is_empty());
        assert!(names.insert(name), "duplicate generated name");
    }
}

#[test]
fn network_none_has_only_loopback() {
    let r = Busybox::new();
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "ls",
        "/sys/class/net",
    ]);
    assert_eq!(out, "lo\n");
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "ip",
        "-o",
        "link",
    ]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains(": lo:") && out.contains(",UP"), "{out}");
    // Loopback works: a server on 127.0.0.1 answers.
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "mkdir /w && echo hi > /w/i && httpd -p 127.0.0.1:8080 -h /w && wget -q -O - http://127.0.0.1:8080/i",
    ]);
    assert_eq!(out, "hi\n");
    r.ok(["create", "--name", "c", "--net", "none", "busybox", "true"]);
    assert_eq!(
        r.ok(["inspect", "--format", "{{.HostConfig.NetworkMode}}", "c"]),
        "none\n"
    );
}

#[test]
fn network_host_sees_the_hosts_interfaces() {
    let r = Busybox::new();
    let mut host: Vec<String> = std::fs::read_dir("/sys/class/net")
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    host.sort();
    let out = r.run([
        "run",
        "--rm",
        "--network",
        "host",
        "busybox",
        "ls",
        "-1",
        "/sys/class/net",
    ]);
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 0, "{stderr}");
    let inside: Vec<String> = stdout.lines().map(str::to_string).collect();
    assert_eq!(inside, host);
    // The same through netlink, and the host's name.
    let names = |text: &str| -> Vec<String> {
        let mut v: Vec<String> = text
            .lines()
            .filter_map(|l| l.split(": ").nth(1))
            .map(|n| n.split('@').next().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    let host_ip = std::process::Command::new("ip")
        .args(["-o", "link"])
        .output()
        .unwrap();
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "host",
        "busybox",
        "ip",
        "-o",
        "link",
    ]);
    assert_eq!(
        names(&out),
        names(&String::from_utf8_lossy(&host_ip.stdout))
    );
    let hostname = nix::unistd::gethostname().unwrap();
    assert_eq!(
        r.ok(["run", "--rm", "--network", "host", "busybox", "hostname"]),
        format!("{}\n", hostname.to_string_lossy())
    );
    // /sys is read-only there too.
    let out = r.run([
        "run",
        "--rm",
        "--network",
        "host",
        "busybox",
        "touch",
        "/sys/x",
    ]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn log_driver_none_json_file_passthrough() {
    let r = Busybox::new();
    // none: output is shown but not kept.
    let out = r.ok([
        "run",
        "--name",
        "none",
        "--log-driver",
        "none",
        "busybox",
        "echo",
        "n",
    ]);
    assert_eq!(out, "n\n");
    let (code, err) = r.fails(["logs", "none"]);
    assert_eq!(code, 125);
    assert!(err.contains("none"), "{err}");
    // json-file: kept, and read back by logs.
    let out = r.ok([
        "run",
        "--name",
        "json",
        "--log-driver",
        "json-file",
        "busybox",
        "sh",
        "-c",
        "echo j1; echo j2 >&2",
    ]);
    assert_eq!(out, "j1\n");
    let logs = r.run(["logs", "json"]);
    assert_eq!(parts(&logs), (0, "j1\n".into(), "j2\n".into()));
    assert_eq!(
        r.ok([
            "inspect",
            "--format",
            "{{.HostConfig.LogConfig.Type}}",
            "json"
        ]),
        "json-file\n"
    );
    // passthrough: the container writes straight to our descriptors.
    let out = r.run([
        "run",
        "--name",
        "pt",
        "--log-driver",
        "passthrough",
        "busybox",
        "sh",
        "-c",
        "echo p1; echo p2 >&2",
    ]);
    assert_eq!(parts(&out), (0, "p1\n".into(), "p2\n".into()));
    // k8s-file is the default.
    r.ok(["run", "--name", "k8s", "busybox", "echo", "k"]);
    assert_eq!(
        r.ok([
            "inspect",
            "--format",
            "{{.HostConfig.LogConfig.Type}}",
            "k8s"
        ]),
        "k8s-file\n"
    );
    assert_eq!(r.ok(["logs", "k8s"]), "k\n");
    let (code, _) = r.fails(["run", "--rm", "--log-driver", "bogus", "busybox", "true"]);
    assert_eq!(code, 125);
}

#[test]
fn attach_stdout_only() {
    let r = Busybox::new();
    let cmd = "echo out; echo err >&2";
    for extra in [&["--rm"][..], &[][..], &["-i"][..]] {
        let mut a = vec!["run", "-a", "stdout"];
        a.extend(extra);
        a.extend(["busybox", "sh", "-c", cmd]);
        let out = r.run_stdin(&a, b"");
        assert_eq!(parts(&out), (0, "out\n".into(), String::new()), "{a:?}");
    }
    let out = r.run(["run", "--rm", "-a", "stderr", "busybox", "sh", "-c", cmd]);
    assert_eq!(parts(&out), (0, String::new(), "err\n".into()));
    let out = r.run(["run", "-a", "stderr", "busybox", "sh", "-c", cmd]);
    assert_eq!(parts(&out), (0, String::new(), "err\n".into()));
    // Not attached is still logged.
    let out = r.run([
        "run", "--name", "l", "-a", "stdout", "busybox", "sh", "-c", cmd,
    ]);
    assert!(out.status.success());
    assert_eq!(parts(&r.run(["logs", "l"])).2, "err\n");
}

#[test]
fn attach_stdin_only_feeds_input() {
    let r = Busybox::new();
    let out = r.run_stdin(
        [
            "run",
            "-i",
            "--rm",
            "-a",
            "stdin",
            "-a",
            "stdout",
            "busybox",
            "sh",
            "-c",
            "cat; echo err >&2",
        ],
        b"in\n",
    );
    assert_eq!(parts(&out), (0, "in\n".into(), String::new()));
}

#[test]
fn add_host_and_dns_flags_shape_hosts_and_resolv_conf() {
    let r = Busybox::new();
    r.ok([
        "create",
        "--name",
        "named",
        "--add-host",
        "db:10.1.2.3",
        "--add-host",
        "v6:[fd00::7]",
        "--dns",
        "10.9.9.9",
        "--dns",
        "10.9.9.10",
        "--dns-search",
        "a.test",
        "--dns-option",
        "ndots:2",
        "busybox",
        "sh",
        "-c",
        "cat /etc/hosts; echo ---; cat /etc/resolv.conf",
    ]);
    let out = r.ok(["start", "-a", "named"]);
    let (hosts, resolv) = out.split_once("---\n").unwrap();
    assert!(hosts.contains("10.1.2.3\tdb\n"), "{hosts}");
    assert!(hosts.contains("fd00::7\tv6\n"), "{hosts}");
    assert!(hosts.contains("localhost"), "{hosts}");
    let servers: Vec<&str> = resolv
        .lines()
        .filter(|l| l.starts_with("nameserver"))
        .collect();
    assert_eq!(
        servers,
        ["nameserver 10.9.9.9", "nameserver 10.9.9.10"],
        "{resolv}"
    );
    let search: Vec<&str> = resolv.lines().filter(|l| l.starts_with("search")).collect();
    assert_eq!(search, ["search a.test"], "{resolv}");
    assert!(resolv.contains("options ndots:2\n"), "{resolv}");
    let v = inspect(&r, "named");
    assert_eq!(
        v["HostConfig"]["ExtraHosts"],
        json!(["db:10.1.2.3", "v6:fd00::7"])
    );
    assert_eq!(v["HostConfig"]["Dns"], json!(["10.9.9.9", "10.9.9.10"]));
    assert_eq!(v["HostConfig"]["DnsSearch"], json!(["a.test"]));
    assert_eq!(v["HostConfig"]["DnsOptions"], json!(["ndots:2"]));
}

#[test]
fn no_hosts_keeps_the_images_hosts_file() {
    let r = Rctl::new();
    let img = fixtures::Image::new(
        vec![
            fixtures::busybox_layer(),
            fixtures::text_layer("etc/hosts", "10.7.7.7 from-the-image\n"),
        ],
        json!({"Env": ["PATH=/bin"]}),
        &["localhost/hosts:1"],
    );
    r.load(&img);
    let out = r.ok(["run", "--rm", "--no-hosts", "hosts:1", "cat", "/etc/hosts"]);
    assert_eq!(out, "10.7.7.7 from-the-image\n");
    let out = r.ok(["run", "--rm", "hosts:1", "cat", "/etc/hosts"]);
    assert!(
        !out.contains("from-the-image") && out.contains("localhost"),
        "{out}"
    );
}

#[test]
fn bad_add_host_and_dns_values_are_refused_clearly() {
    let r = Busybox::new();
    for (flag, value, says) in [
        ("--add-host", "no-colon", "expected NAME:IP"),
        ("--add-host", "db:not-an-ip", "not an IP address"),
        ("--add-host", ":10.0.0.1", "host name"),
        ("--dns", "dns.example", "not an IP address"),
    ] {
        let (code, err) = r.fails(["run", "--rm", flag, value, "busybox", "true"]);
        assert_eq!(code, 125, "{flag} {value}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(flag) && err.contains(value) && err.contains(says),
            "{err}"
        );
    }
    assert_eq!(r.ok(["ps", "-aq"]), "", "no container left behind");
}
