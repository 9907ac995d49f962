//! `--network slirp4netns` and `--network pasta` start the real programs
//! (Debian's slirp4netns and passt), rootful and rootless; they serve the
//! container while it runs and end with it. Servers listen on loopback of
//! the test's own namespaces only.

mod common;

use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard};

use common::netns::{Killed, Netns};
use common::{Busybox, Rctl, eventually, parts};

/// A busybox httpd serving "BODY\n" on 127.0.0.1:PORT of `ns` (this
/// namespace when `None`), killed when dropped.
struct Httpd {
    _child: Killed,
    _site: tempfile::TempDir,
}

impl Httpd {
    fn start(ns: Option<&Netns>, port: u16, body: &str) -> Httpd {
        let site = tempfile::tempdir().unwrap();
        std::fs::write(site.path().join("index.html"), format!("{body}\n")).unwrap();
        let addr = format!("127.0.0.1:{port}");
        let args = [
            "busybox",
            "httpd",
            "-f",
            "-p",
            &addr,
            "-h",
            site.path().to_str().unwrap(),
        ];
        let child = match ns {
            Some(ns) => ns.command(&args).spawn(),
            None => Command::new(args[0]).args(&args[1..]).spawn(),
        }
        .expect("start busybox httpd");
        Httpd {
            _child: Killed::new(child),
            _site: site,
        }
    }
}

/// The command lines of running processes whose name matches `pattern`
/// (pgrep's regular expression).
fn processes(pattern: &str) -> Vec<String> {
    let out = Command::new("pgrep")
        .args(["-a", pattern])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect()
}

/// Whether a process named as `pattern` says serves the container with first
/// pid `pid` (its pid is among the arguments).
fn serving(pattern: &str, pid: &str) -> bool {
    processes(pattern)
        .iter()
        .any(|l| l.split_whitespace().any(|w| w == pid))
}

/// The pasta tests count pasta processes, so they take turns: one test's
/// short-lived pasta must not show up in the other's count.
fn pasta_turn() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn pid_of(r: &Rctl, name: &str) -> String {
    r.ok(["inspect", "--format", "{{.State.Pid}}", name])
        .trim()
        .to_string()
}

fn wget(r: &Rctl, network: &str, url: &str) -> Output {
    r.run([
        "run",
        "--rm",
        "--network",
        network,
        "busybox",
        "wget",
        "-q",
        "-O",
        "-",
        url,
    ])
}

#[test]
fn slirp4netns_serves_the_container_while_it_runs() {
    let r = Busybox::new();
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "slirp4netns",
        "busybox",
        "ip",
        "-4",
        "-o",
        "addr",
    ]);
    assert!(
        out.contains("tap0") && out.contains("10.0.2.100/24"),
        "{out}"
    );

    // The host's loopback through 10.0.2.2 only when allowed.
    let _httpd = Httpd::start(None, 18931, "host loopback");
    let url = "http://10.0.2.2:18931/";
    let out = wget(&r, "slirp4netns:allow_host_loopback=true", url);
    assert_eq!(parts(&out).1, "host loopback\n", "{:?}", parts(&out));
    let out = wget(&r, "slirp4netns", url);
    assert!(!out.status.success(), "{:?}", parts(&out));

    // It is the real program, and it goes with the container.
    r.ok([
        "run",
        "-d",
        "--name",
        "s",
        "--network",
        "slirp4netns",
        "busybox",
        "sleep",
        "600",
    ]);
    let pid = pid_of(&r, "s");
    assert!(
        serving("^slirp4netns$", &pid),
        "{:?}",
        processes("^slirp4netns$")
    );
    r.ok(["rm", "-f", "s"]);
    eventually("slirp4netns to end with its container", || {
        (!serving("^slirp4netns$", &pid)).then_some(())
    });

    let (code, err) = r.fails([
        "run",
        "--rm",
        "--network",
        "slirp4netns:mtu=big",
        "busybox",
        "true",
    ]);
    assert_eq!(code, 125);
    assert!(err.contains("mtu=big"), "{err}");
}

#[test]
fn slirp4netns_rootless() {
    let r = Rctl::rootless();
    r.load(&common::fixtures::busybox(&["busybox:latest"]));
    let out = r.run_within(
        120,
        [
            "run",
            "--rm",
            "--network",
            "slirp4netns",
            "busybox",
            "ip",
            "-4",
            "-o",
            "addr",
        ],
    );
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("tap0") && stdout.contains("10.0.2.100/24"),
        "{stdout}"
    );
}

/// `cmd` run inside `ns` (its environment kept), as the user `user` gives.
fn inside(ns: &Netns, cmd: &Command, user: Option<(u32, u32)>) -> Command {
    let mut c = Command::new("nsenter");
    c.args(["-t", &ns.pid().to_string(), "-n"]);
    if let Some((uid, gid)) = user {
        c.args(["-S", &uid.to_string(), "-G", &gid.to_string()]);
    }
    c.arg("--").arg(cmd.get_program()).args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            c.env(k, v);
        }
    }
    c
}

/// A namespace of the test's own with a host-like interface: pasta copies
/// the addresses and the default route of one.
fn world_with_uplink() -> Netns {
    let world = Netns::new().expect("root");
    world.ok(&["ip", "link", "set", "lo", "up"]);
    // A veth pair with both ends inside: this kernel may lack `dummy`.
    world.ok(&[
        "ip", "link", "add", "ext0", "type", "veth", "peer", "name", "ext1",
    ]);
    world.ok(&["ip", "link", "set", "ext1", "up"]);
    world.ok(&["ip", "addr", "add", "192.0.2.10/24", "dev", "ext0"]);
    world.ok(&["ip", "link", "set", "ext0", "up"]);
    world.ok(&["ip", "route", "add", "default", "via", "192.0.2.1"]);
    world
}

#[test]
fn pasta_rootless_copies_the_hosts_address_and_maps_the_gateway_to_its_loopback() {
    let _turn = pasta_turn();
    let r = Rctl::rootless();
    r.load(&common::fixtures::busybox(&["busybox:latest"]));
    let user = Some(common::rootless_ids());
    let world = world_with_uplink();
    let _httpd = Httpd::start(Some(&world), 18932, "world loopback");
    let run = |args: &[&str]| inside(&world, &r.cmd(args), user).output().unwrap();
    // Debian's pasta runs as pasta.avx2 where the CPU has AVX2.
    let pastas = || processes("^pas(ta|st)").len();
    let before = pastas();

    let out = run(&[
        "run",
        "--rm",
        "--network",
        "pasta",
        "busybox",
        "ip",
        "-4",
        "-o",
        "addr",
    ]);
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("ext0") && stdout.contains("192.0.2.10/24"),
        "{stdout}"
    );
    let out = run(&[
        "run",
        "--rm",
        "--network",
        "pasta",
        "busybox",
        "wget",
        "-q",
        "-O",
        "-",
        "http://192.0.2.1:18932/",
    ]);
    assert_eq!(parts(&out).1, "world loopback\n", "{:?}", parts(&out));
    // The foreground runs' pastas went with their containers.
    eventually("pasta to end with foreground containers", || {
        (pastas() <= before).then_some(())
    });

    // It goes with a detached container too.
    let out = run(&[
        "run",
        "-d",
        "--name",
        "p",
        "--network",
        "pasta",
        "busybox",
        "sleep",
        "600",
    ]);
    assert!(out.status.success(), "{:?}", parts(&out));
    assert!(pastas() > before, "no pasta process while p runs");
    let out = run(&["rm", "-f", "p"]);
    assert!(out.status.success(), "{:?}", parts(&out));
    eventually("pasta to end with its container", || {
        (pastas() <= before).then_some(())
    });
}

#[test]
fn pasta_as_root_fails_with_a_clear_error() {
    let _turn = pasta_turn();
    let r = Busybox::new();
    let world = world_with_uplink();
    let out = inside(
        &world,
        &r.cmd(["run", "--rm", "--network", "pasta", "busybox", "true"]),
        None,
    )
    .output()
    .unwrap();
    let (code, _, err) = parts(&out);
    // Debian's pasta refuses root's namespaces; a newer one may serve them.
    if code != 0 {
        assert_eq!(code, 125, "{err}");
        assert!(
            err.contains("pasta") && err.contains("--network bridge"),
            "{err}"
        );
    }
    let (code, err) = r.fails([
        "run",
        "--rm",
        "--network",
        "pasta:--bogus-flag",
        "busybox",
        "true",
    ]);
    assert_eq!(code, 125);
    assert!(err.contains("pasta"), "{err}");
}
