//! `commit`: a container's changes become an image that runs with them;
//! `--change` shapes its config; deletions stay deleted; `--squash` makes
//! one layer; the `vfs` driver and rootless stores commit too; bad input
//! leaves the store as it was.

mod common;

use common::{Busybox, Rctl, parts};

/// The number of layers of image `name`.
fn layers(r: &Rctl, name: &str) -> usize {
    r.ok(["inspect", "--format", "{{len .RootFS.Layers}}", name])
        .trim()
        .parse()
        .unwrap()
}

/// What [`changed_container`] does: adds /etc/new, deletes /etc/passwd,
/// adds a directory with a hard-linked file, and a fifo.
const CHANGES: &str = "echo hi > /etc/new && rm /etc/passwd && mkdir -p /opt/d \
     && echo data > /opt/d/f && ln /opt/d/f /opt/d/g && mkfifo /opt/d/p && chmod 0751 /opt/d";

/// Makes container `c` with [`CHANGES`]; `global` are rctl's own flags
/// (before `run`), `extra` run's.
fn changed_container(r: &Rctl, global: &[&str], extra: &[&str]) {
    let mut args = global.to_vec();
    args.extend_from_slice(&["run", "--name", "c", "--network", "none"]);
    args.extend_from_slice(extra);
    args.extend_from_slice(&["busybox", "sh", "-c", CHANGES]);
    r.ok(&args);
}

/// Checks that image `name` has the changes of [`changed_container`].
fn has_the_changes(r: &Rctl, name: &str) {
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "none",
        name,
        "sh",
        "-c",
        "cat /etc/new; test -e /etc/passwd && echo passwd-back; \
         stat -c '%i %h %a' /opt/d/f /opt/d/g /opt/d; test -p /opt/d/p && echo fifo",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "hi", "{out}");
    assert!(
        !out.contains("passwd-back"),
        "a deleted file came back: {out}"
    );
    let f: Vec<&str> = lines[1].split(' ').collect();
    let g: Vec<&str> = lines[2].split(' ').collect();
    assert_eq!(f[0], g[0], "the hard link is kept: {out}");
    assert_eq!(f[1], "2", "{out}");
    assert_eq!(lines[3].split(' ').nth(2), Some("751"), "{out}");
    assert_eq!(lines[4], "fifo", "{out}");
}

#[test]
fn commit_keeps_the_changes_and_the_change_instructions() {
    let r = Busybox::new();
    changed_container(&r, &[], &["-e", "GREETING=hello", "-w", "/opt"]);
    let id = r.ok([
        "commit",
        "-c",
        "CMD [\"cat\", \"/etc/new\"]",
        "-c",
        "LABEL team=infra",
        "-c",
        "EXPOSE 8080",
        "-m",
        "my message",
        "-a",
        "Ann Author",
        "c",
        "committed",
    ]);
    assert_eq!(id.trim().len(), 64, "{id}");
    has_the_changes(&r, "committed");
    // --change CMD replaced the command; the container's env and workdir stayed.
    assert_eq!(
        r.ok(["run", "--rm", "--network", "none", "committed"]),
        "hi\n"
    );
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "committed",
        "sh",
        "-c",
        "echo $GREETING; pwd",
    ]);
    assert_eq!(out, "hello\n/opt\n");
    let fmt = "{{.Author}}|{{.Config.Labels}}|{{.Config.ExposedPorts}}";
    let out = r.ok(["inspect", "--format", fmt, "committed"]);
    assert!(out.starts_with("Ann Author|"), "{out}");
    assert!(
        out.contains("team:infra") && out.contains("8080/tcp"),
        "{out}"
    );
    // One layer over the image's, and a history entry with the comment.
    assert_eq!(layers(&r, "committed"), layers(&r, "busybox") + 1);
    let history = r.ok(["history", "--no-trunc", "committed"]);
    assert!(history.contains("my message"), "{history}");
    assert!(history.contains("echo hi > /etc/new"), "{history}");
    // The name is podman's local one.
    let names = r.ok(["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert!(names.contains("localhost/committed:latest"), "{names}");
}

#[test]
fn diff_lists_what_commit_stores() {
    let r = Busybox::new();
    changed_container(&r, &[], &[]);
    let out = r.ok(["diff", "c"]);
    for line in ["A /etc/new", "D /etc/passwd", "A /opt/d/f", "A /opt/d/p"] {
        assert!(out.lines().any(|l| l == line), "{line} missing: {out}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&r.ok(["diff", "--format", "json", "c"])).unwrap();
    assert!(
        json["deleted"]
            .as_array()
            .unwrap()
            .contains(&"/etc/passwd".into()),
        "{json}"
    );
    // The committed image's top layer shows the same changes.
    r.ok(["commit", "c", "img"]);
    let out = r.ok(["diff", "img"]);
    assert!(out.lines().any(|l| l == "D /etc/passwd"), "{out}");
    assert!(out.lines().any(|l| l == "A /etc/new"), "{out}");
}

#[test]
fn squash_makes_one_layer_with_everything() {
    let r = Busybox::new();
    changed_container(&r, &[], &[]);
    r.ok(["commit", "--squash", "c", "flat"]);
    assert_eq!(layers(&r, "flat"), 1);
    has_the_changes(&r, "flat");
    // The base image's files are in the one layer too.
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "flat",
        "ls",
        "/bin/busybox",
    ]);
    assert_eq!(out, "/bin/busybox\n");
}

#[test]
fn a_running_container_is_committed_paused_and_keeps_running() {
    let r = Busybox::new();
    r.ok([
        "run",
        "-d",
        "--name",
        "live",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo state > /state && exec sleep 600",
    ]);
    common::eventually("the file to be written", || {
        r.run(["exec", "live", "test", "-e", "/state"])
            .status
            .success()
            .then_some(())
    });
    r.ok(["commit", "--pause", "-q", "live", "snap"]);
    assert_eq!(
        r.ok(["inspect", "--format", "{{.State.Status}}", "live"])
            .trim(),
        "running"
    );
    let out = r.ok(["run", "--rm", "--network", "none", "snap", "cat", "/state"]);
    assert_eq!(out, "state\n");
    r.ok(["rm", "-f", "-t", "0", "live"]);
}

#[test]
fn vfs_containers_commit_through_a_naive_diff() {
    let r = Busybox::new();
    let vfs = |args: &[&str]| {
        let mut all = vec!["--storage-driver", "vfs"];
        all.extend_from_slice(args);
        all.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    changed_container(&r, &["--storage-driver", "vfs"], &[]);
    let out = r.ok(vfs(&["diff", "c"]));
    assert!(out.lines().any(|l| l == "D /etc/passwd"), "{out}");
    assert!(out.lines().any(|l| l == "A /etc/new"), "{out}");
    assert!(
        !out.lines().any(|l| l == "C /bin/busybox"),
        "untouched files are not changes: {out}"
    );
    r.ok(vfs(&["commit", "c", "fromvfs"]));
    assert_eq!(layers(&r, "fromvfs"), layers(&r, "busybox") + 1);
    has_the_changes(&r, "fromvfs");
}

#[test]
fn bad_input_fails_in_one_line_and_adds_nothing() {
    let r = Busybox::new();
    changed_container(&r, &[], &[]);
    let before = r.store_files();
    let (code, err) = r.fails(["commit", "-c", "FROBNICATE x", "c", "bad"]);
    assert_eq!(code, 125);
    assert!(err.contains("FROBNICATE"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let (code, err) = r.fails(["commit", "nosuch", "bad"]);
    assert_eq!(code, 125);
    assert!(err.contains("nosuch"), "{err}");
    assert_eq!(r.store_files(), before, "a failed commit changed the store");
}

#[test]
fn rootless_commit_keeps_owners_as_the_container_saw_them() {
    let r = Rctl::rootless();
    r.load(&common::fixtures::busybox(&["busybox:latest"]));
    r.ok([
        "run",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo mine > /home-file && chown 1000:1000 /home-file && rm /etc/shadow",
    ]);
    let out = r.run(["commit", "c", "rl"]);
    let (code, _, err) = parts(&out);
    assert_eq!(code, 0, "{err}");
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "rl",
        "sh",
        "-c",
        "stat -c '%u:%g' /home-file /bin/busybox; cat /home-file; test -e /etc/shadow || echo gone",
    ]);
    assert_eq!(out, "1000:1000\n0:0\nmine\ngone\n");
}
