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
