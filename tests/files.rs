//! Files in and out of containers: cp (both ways, tar streams, symlinks that
//! try to lead out), export, diff, mount/unmount; and top and port.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::{Rctl, fixtures};

fn store() -> Rctl {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    r
}

fn running(r: &Rctl, name: &str) {
    r.ok(["run", "-d", "--name", name, "busybox", "sleep", "1000"]);
}

#[test]
fn cp_host_to_container_follows_docker_rules() {
    let r = store();
    running(&r, "c");
    let src = r.dir().join("src");
    std::fs::create_dir_all(src.join("sub")).unwrap();
    std::fs::write(src.join("a.txt"), "A\n").unwrap();
    std::fs::write(src.join("sub/b.txt"), "B\n").unwrap();
    // A file into an existing directory keeps its name; to a new path it takes that name.
    r.ok(["cp", src.join("a.txt").to_str().unwrap(), "c:/tmp"]);
    r.ok(["cp", src.join("a.txt").to_str().unwrap(), "c:/tmp/renamed"]);
    // A directory into an existing one lands under its own name; `dir/.` copies the contents.
    r.ok(["cp", src.to_str().unwrap(), "c:/tmp"]);
    r.ok(["cp", &format!("{}/.", src.display()), "c:/root"]);
    let out = r.ok([
        "exec",
        "c",
        "sh",
        "-c",
        "cat /tmp/a.txt /tmp/renamed /tmp/src/a.txt /tmp/src/sub/b.txt /root/a.txt /root/sub/b.txt",
    ]);
    assert_eq!(out, "A\nA\nA\nB\nA\nB\n");
    // Copied files belong to the container's root, whoever owned them on the host.
    assert_eq!(
        r.ok(["exec", "c", "stat", "-c", "%u:%g", "/tmp/a.txt"]),
        "0:0\n"
    );
}

#[test]
fn cp_container_to_host_and_from_a_stopped_container() {
    let r = store();
    running(&r, "c");
    r.ok([
        "exec",
        "c",
        "sh",
        "-c",
        "mkdir -p /data/in && echo one > /data/f && echo two > /data/in/g",
    ]);
    let dest = r.dir().join("out");
    std::fs::create_dir(&dest).unwrap();
    r.ok(["cp", "c:/data", dest.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(dest.join("data/f")).unwrap(),
        "one\n"
    );
    assert_eq!(
        std::fs::read_to_string(dest.join("data/in/g")).unwrap(),
        "two\n"
    );
    r.ok(["cp", "c:/data/f", dest.join("copy").to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(dest.join("copy")).unwrap(), "one\n");
    // Stopped: its root is mounted for the copy only (nothing stays mounted).
    r.ok(["stop", "-t", "0", "c"]);
    r.ok(["cp", "c:/data/in/g", dest.join("g").to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(dest.join("g")).unwrap(), "two\n");
    std::fs::write(r.dir().join("new"), "new\n").unwrap();
    r.ok(["cp", r.dir().join("new").to_str().unwrap(), "c:/data/"]);
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    assert!(
        !mounts.contains(r.root().to_str().unwrap()),
        "no mount left on the host"
    );
    r.ok(["start", "c"]);
    assert_eq!(r.ok(["exec", "c", "cat", "/data/new"]), "new\n");
}

#[test]
fn cp_never_leaves_the_container_through_a_symlink() {
    let r = store();
    running(&r, "c");
    // Planted in the container: links that point at the host's / and /etc.
    r.ok([
        "exec",
        "c",
        "sh",
        "-c",
        "ln -s / /evil && ln -s /etc /etclink && ln -s ../../../../../ /up",
    ]);
    let marker = format!("rctl-cp-test-{}", std::process::id());
    let src = r.dir().join(&marker);
    std::fs::write(&src, "inside\n").unwrap();
    for dest in ["c:/evil/tmp/", "c:/etclink/", "c:/up/tmp/"] {
        r.ok(["cp", src.to_str().unwrap(), dest]);
    }
    assert!(
        !std::path::Path::new("/tmp").join(&marker).exists(),
        "nothing written to the host's /tmp"
    );
    assert!(
        !std::path::Path::new("/etc").join(&marker).exists(),
        "nothing written to the host's /etc"
    );
    assert_eq!(
        r.ok([
            "exec",
            "c",
            "sh",
            "-c",
            &format!("cat /tmp/{marker} /etc/{marker}")
        ]),
        "inside\ninside\n"
    );
    // Out of the container, a symlink is copied as a link, not followed.
    let out = r.dir().join("evil-copy");
    r.ok(["cp", "c:/evil", out.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_link(&out).unwrap(),
        std::path::PathBuf::from("/")
    );
    // A path that climbs with .. stays in the container's root.
    let climb = r.dir().join("climb");
    r.ok(["cp", "c:/../../../../etc/hostname", climb.to_str().unwrap()]);
    let ctr_hostname = r.ok(["exec", "c", "cat", "/etc/hostname"]);
    assert_eq!(std::fs::read_to_string(&climb).unwrap(), ctr_hostname);
}

#[test]
fn cp_with_tar_streams() {
    let r = store();
    running(&r, "c");
    r.ok(["exec", "c", "sh", "-c", "mkdir /d && echo x > /d/x"]);
    let out = r
        .cmd(["cp", "c:/d", "-"])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut names: Vec<String> = tar::Archive::new(&out.stdout[..])
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path().unwrap().display().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["d", "d/x"]);
    // And back in, from a tar on standard input, owners as the archive says.
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(3);
    h.set_mode(0o600);
    h.set_uid(65534);
    h.set_gid(65534);
    b.append_data(&mut h, "streamed.txt", &b"in\n"[..]).unwrap();
    let data = b.into_inner().unwrap();
    let mut child = r
        .cmd(["cp", "-", "c:/tmp"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&data).unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(
        r.ok(["exec", "c", "stat", "-c", "%u %a", "/tmp/streamed.txt"]),
        "65534 600\n"
    );
}

#[test]
fn cp_errors_are_clear() {
    let r = store();
    running(&r, "c");
    let (code, err) = r.fails(["cp", "c:/no/such/file", r.dir().to_str().unwrap()]);
    assert_eq!(code, 125);
    assert!(err.contains("no such file or directory"), "{err}");
    let (code, err) = r.fails(["cp", "nosuch:/etc/passwd", r.dir().to_str().unwrap()]);
    assert_eq!(code, 125);
    assert!(err.contains("no such container"), "{err}");
    std::fs::write(r.dir().join("f"), "f").unwrap();
    let (_, err) = r.fails(["cp", "c:/etc", r.dir().join("f").to_str().unwrap()]);
    assert!(err.contains("cannot copy directory"), "{err}");
}

#[test]
fn export_writes_the_container_filesystem() {
    let r = store();
    running(&r, "c");
    r.ok(["exec", "c", "sh", "-c", "echo mine > /exported"]);
    let list = |args: &[&str]| -> Vec<String> {
        let out = r.cmd(args).stdout(Stdio::piped()).output().unwrap();
        assert!(out.status.success());
        tar::Archive::new(&out.stdout[..])
            .entries()
            .unwrap()
            .map(|e| e.unwrap().path().unwrap().display().to_string())
            .collect()
    };
    let names = list(&["export", "c"]);
    for want in ["bin/busybox", "etc/passwd", "exported"] {
        assert!(
            names.iter().any(|n| n.trim_start_matches("./") == want),
            "{want} in the export"
        );
    }
    assert!(
        !names.iter().any(|n| n.contains("proc/self")),
        "mounts are not exported"
    );
    r.ok(["stop", "-t", "0", "c"]);
    let file = r.dir().join("c.tar");
    r.ok(["export", "-o", file.to_str().unwrap(), "c"]);
    assert!(std::fs::metadata(&file).unwrap().len() > 1_000_000);
}

#[test]
fn diff_lists_added_changed_and_deleted_paths() {
    let r = store();
    running(&r, "c");
    r.ok([
        "exec",
        "c",
        "sh",
        "-c",
        "echo x > /tmp/new && echo changed >> /etc/passwd && rm /etc/group",
    ]);
    let out = r.ok(["diff", "c"]);
    for line in ["A /tmp/new", "C /etc/passwd", "D /etc/group", "C /tmp"] {
        assert!(out.lines().any(|l| l == line), "{line} in:\n{out}");
    }
    let doc: serde_json::Value =
        serde_json::from_str(&r.ok(["diff", "--format", "json", "c"])).unwrap();
    assert!(
        doc["added"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "/tmp/new")
    );
    assert!(
        doc["deleted"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "/etc/group")
    );
    // An image's diff is its top layer's.
    assert!(
        r.ok(["diff", "busybox"])
            .lines()
            .any(|l| l == "A /bin/busybox")
    );
}

#[test]
fn top_lists_the_container_processes() {
    let r = store();
    running(&r, "c");
    let out = r.ok(["top", "c"]);
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        [
            "USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"
        ]
    );
    let first: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(
        (first[0], first[1], first[7], first[8]),
        ("root", "1", "sleep", "1000")
    );
    assert_eq!(
        r.ok(["top", "c", "pid", "args"])
            .lines()
            .nth(1)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["1", "sleep", "1000"]
    );
    assert!(
        r.fails(["top", "c", "bogus"])
            .1
            .contains("unknown top descriptor")
    );
    r.ok(["stop", "-t", "0", "c"]);
    assert!(r.fails(["top", "c"]).1.contains("running"));
}

#[test]
fn mount_shows_a_stopped_container_on_the_host() {
    let r = store();
    r.ok(["create", "--name", "c", "busybox", "cat", "/from-host"]);
    let path = r.ok(["mount", "c"]).trim().to_string();
    assert!(std::path::Path::new(&path).join("bin/busybox").exists());
    std::fs::write(
        std::path::Path::new(&path).join("from-host"),
        "written on the host\n",
    )
    .unwrap();
    assert!(r.ok(["mount"]).contains(&path), "listed as mounted");
    // Starting it uses the mount that is there.
    assert_eq!(r.ok(["start", "-a", "c"]), "written on the host\n");
    r.ok(["unmount", "c"]);
    assert!(
        !std::fs::read_to_string("/proc/self/mountinfo")
            .unwrap()
            .contains(&path)
    );
    r.ok(["rm", "c"]);
}

#[test]
fn port_lists_nothing_without_published_ports() {
    let r = store();
    running(&r, "c");
    assert_eq!(r.ok(["port", "c"]), "");
    assert_eq!(r.fails(["port", "nosuch"]).0, 125);
}
