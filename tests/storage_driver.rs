//! `--storage-driver vfs`: the root filesystem is a merged copy of the layers.

mod common;

use common::fixtures::{Image, LayerBuilder};
use common::{Rctl, fixtures};
use serde_json::json;

#[test]
fn vfs_containers_see_merged_layers_and_keep_their_writes() {
    let r = Rctl::new();
    let base = fixtures::busybox_layer();
    let top = LayerBuilder::new()
        .dir("etc", 0o755)
        .file("etc/.wh.group", 0o644, b"")
        .file("etc/added", 0o644, b"top layer\n")
        .build();
    r.load(&Image::new(vec![base, top], json!({}), &["layered:1"]));
    let out = r.ok([
        "--storage-driver",
        "vfs",
        "run",
        "--name",
        "v",
        "layered:1",
        "sh",
        "-c",
        "cat /etc/added; test -e /etc/group && echo group-visible; echo kept > /w",
    ]);
    assert_eq!(out, "top layer\n", "whiteout applied, top layer visible");
    // The driver is the container's: a later start needs no flag.
    assert_eq!(r.ok(["start", "-a", "v"]), "top layer\n");
    let rec: serde_json::Value = serde_json::from_str(&r.ok(["inspect", "v"])).unwrap();
    let dir = r
        .root()
        .join("containers")
        .join(rec[0]["Id"].as_str().unwrap());
    assert_eq!(std::fs::read(dir.join("rootfs/w")).unwrap(), b"kept\n");
    r.ok(["rm", "v"]);
    assert!(!dir.exists());
}

#[test]
fn fuse_overlayfs_serves_the_root_when_asked() {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let opt = "overlay.mount_program=/usr/bin/fuse-overlayfs";
    let out = r.ok([
        "--storage-opt",
        opt,
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "awk '$2 == \"/\" {print $3}' /proc/mounts; echo hi > /x && cat /x",
    ]);
    assert_eq!(out, "fuse.fuse-overlayfs\nhi\n");
    // Detached too: rctl returns once it started, and nothing stays behind.
    let id = r.ok(["--storage-opt", opt, "run", "-d", "busybox", "sleep", "100"]);
    let id = id.trim();
    assert_eq!(
        r.ok(["exec", id, "sh", "-c", "echo y > /y && cat /y"]),
        "y\n"
    );
    r.ok(["rm", "-f", id]);
    let left = std::process::Command::new("pgrep")
        .args(["-f", &format!("containers/{id}/upper")])
        .output()
        .unwrap();
    assert!(
        left.stdout.is_empty(),
        "the FUSE server ended with the container"
    );
}

#[test]
fn unknown_storage_options_are_refused() {
    let r = Rctl::new();
    let (code, err) = r.fails(["--storage-opt", "overlay.size=10G", "images"]);
    assert_eq!(code, 125);
    assert!(err.contains("--storage-opt"), "{err}");
}
