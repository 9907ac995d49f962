//! `--device` permissions narrower than `rwm` are held by the v1 devices
//! cgroup (root): a read-only mount alone would still let a device node be
//! written. Without such a device no devices cgroup is made.

mod common;

use std::path::Path;

use common::Busybox;

/// Whether this host mounts the v1 devices controller (this CI host does).
fn v1_devices() -> bool {
    Path::new("/sys/fs/cgroup/devices/cgroup.procs").exists()
}

#[test]
fn a_read_only_device_can_be_read_but_not_written() {
    // A pure v2 host has no v1 devices controller: nothing to test there.
    if !v1_devices() {
        return;
    }
    let r = Busybox::new();
    // /dev/fuse: not a standard node, and opening it does nothing by itself.
    let out = r.ok([
        "run",
        "--rm",
        "--device",
        "/dev/fuse:/dev/myfuse:r",
        "busybox",
        "sh",
        "-c",
        "(: < /dev/myfuse) && echo read; \
         (: > /dev/myfuse) 2>/dev/zero && echo wrote || echo refused; \
         head -c 3 /dev/zero | wc -c; echo y > /dev/null && echo null-writable",
    ]);
    // The standard nodes keep their rules, /dev/null writable included.
    assert_eq!(out, "read\nrefused\n3\nnull-writable\n");
    let out = r.ok([
        "run",
        "--rm",
        "--device",
        "/dev/fuse:/dev/myfuse:rw",
        "busybox",
        "sh",
        "-c",
        "(: > /dev/myfuse) && echo wrote",
    ]);
    assert_eq!(out, "wrote\n");
}

#[test]
fn the_devices_cgroup_is_made_only_when_needed_and_removed() {
    if !v1_devices() {
        return;
    }
    let r = Busybox::new();
    for (name, device) in [
        ("full", "/dev/fuse:/dev/myfuse"),
        ("narrow", "/dev/fuse:/dev/myfuse:r"),
    ] {
        r.ok([
            "run", "-d", "--name", name, "--device", device, "busybox", "sleep", "100",
        ]);
    }
    let dir = |name: &str| {
        let id = r
            .ok(["inspect", "--format", "{{.Id}}", name])
            .trim()
            .to_string();
        Path::new("/sys/fs/cgroup/devices/rctl").join(id)
    };
    let (full, narrow) = (dir("full"), dir("narrow"));
    assert!(!full.exists(), "rwm needs no devices cgroup");
    let list = std::fs::read_to_string(narrow.join("devices.list")).unwrap();
    assert!(list.lines().any(|l| l == "c 10:229 r"), "{list}");
    assert!(
        !list.contains("a *:* rwm"),
        "everything else denied: {list}"
    );
    // exec joins it too.
    let (code, _) = r.fails(["exec", "narrow", "sh", "-c", ": > /dev/myfuse"]);
    assert_ne!(code, 0);
    r.ok(["rm", "-f", "full", "narrow"]);
    assert!(!narrow.exists(), "rm removes the devices cgroup");
}
