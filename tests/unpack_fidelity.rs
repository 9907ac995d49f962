//! What a layer holds survives unpacking: modes, owners, times, links, xattrs,
//! whiteouts in overlay form; layers are stored once; and the layer's tar can
//! be rebuilt bit for bit (save keeps DiffIDs, check verifies them).

mod common;

use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::PathBuf;

use common::fixtures::{Image, LayerBuilder};
use common::{Rctl, fixtures};
use serde_json::json;

fn layer_diff(r: &Rctl, layer: &[u8]) -> PathBuf {
    let d = fixtures::digest(layer);
    r.root()
        .join("layers")
        .join(&d["sha256:".len()..])
        .join("diff")
}

#[test]
fn metadata_links_and_xattrs_are_kept() {
    let r = Rctl::new();
    let layer = LayerBuilder::new()
        .dir("d", 0o750)
        .file_owned("d/f", 0o4755, 1000, 2000, b"hello")
        .hardlink("d/hard", "d/f")
        .symlink("d/sym", "f")
        .pax(&[("SCHILY.xattr.user.rctl", b"yes"), ("uid", b"3000000")])
        .file("d/x", 0o600, b"x")
        .build();
    r.load(&Image::new(vec![layer.clone()], json!({}), &["meta:1"]));
    let diff = layer_diff(&r, &layer);
    let d = std::fs::metadata(diff.join("d")).unwrap();
    assert_eq!(d.mode() & 0o7777, 0o750);
    assert_eq!(
        d.mtime(),
        fixtures::EPOCH as i64,
        "directory mtime set after its children"
    );
    let f = std::fs::metadata(diff.join("d/f")).unwrap();
    assert_eq!(f.mode() & 0o7777, 0o4755, "setuid survives chown");
    assert_eq!((f.uid(), f.gid()), (1000, 2000));
    assert_eq!(f.mtime(), fixtures::EPOCH as i64);
    assert_eq!(f.nlink(), 2);
    assert_eq!(
        std::fs::metadata(diff.join("d/hard")).unwrap().ino(),
        f.ino()
    );
    assert_eq!(
        std::fs::read_link(diff.join("d/sym")).unwrap(),
        PathBuf::from("f")
    );
    let x = std::fs::metadata(diff.join("d/x")).unwrap();
    assert_eq!(x.uid(), 3_000_000, "PAX uid");
    assert_eq!(
        xattr::get(diff.join("d/x"), "user.rctl")
            .unwrap()
            .as_deref(),
        Some(&b"yes"[..])
    );
}

#[test]
fn whiteouts_become_overlay_whiteouts() {
    let r = Rctl::new();
    let base = LayerBuilder::new()
        .dir("a", 0o755)
        .file("a/gone", 0o644, b"1")
        .file("a/kept", 0o644, b"2")
        .build();
    let top = LayerBuilder::new()
        .dir("a", 0o755)
        .file("a/.wh.gone", 0o644, b"")
        .dir("o", 0o755)
        .file("o/.wh..wh..opq", 0o644, b"")
        .build();
    r.load(&Image::new(vec![base, top.clone()], json!({}), &["wh:1"]));
    let diff = layer_diff(&r, &top);
    let wh = std::fs::symlink_metadata(diff.join("a/gone")).unwrap();
    assert!(wh.file_type().is_char_device());
    assert_eq!(wh.rdev(), 0);
    assert!(!diff.join("a/.wh.gone").exists());
    assert_eq!(
        xattr::get(diff.join("o"), "trusted.overlay.opaque")
            .unwrap()
            .as_deref(),
        Some(&b"y"[..])
    );
    assert!(!diff.join("o/.wh..wh..opq").exists());
}

#[test]
fn overlay_xattrs_from_a_layer_are_dropped() {
    // A layer must not steer overlayfs (redirects, metacopy) with its own xattrs.
    let r = Rctl::new();
    let layer = LayerBuilder::new()
        .pax(&[("SCHILY.xattr.trusted.overlay.redirect", b"/etc")])
        .dir("d", 0o755)
        .build();
    r.load(&Image::new(vec![layer.clone()], json!({}), &["x:1"]));
    let diff = layer_diff(&r, &layer);
    assert_eq!(
        xattr::get(diff.join("d"), "trusted.overlay.redirect").unwrap(),
        None
    );
}

#[test]
fn shared_layers_are_stored_once() {
    let r = Rctl::new();
    let base = fixtures::busybox_layer();
    let a = LayerBuilder::new().file("a", 0o644, b"a").build();
    let b = LayerBuilder::new().file("b", 0o644, b"b").build();
    r.load(&Image::new(vec![base.clone(), a], json!({}), &["one:1"]));
    r.load(&Image::new(vec![base.clone(), b], json!({}), &["two:1"]));
    assert_eq!(
        std::fs::read_dir(r.root().join("layers")).unwrap().count(),
        3
    );
    r.ok(["rmi", "one:1"]);
    assert!(layer_diff(&r, &base).exists(), "still used by two:1");
    r.ok(["rmi", "two:1"]);
    assert_eq!(
        std::fs::read_dir(r.root().join("layers")).unwrap().count(),
        0
    );
}

#[test]
fn replaced_entries_still_rebuild_the_exact_tar() {
    // A tar may write a path twice, or turn a file into a directory: the
    // earlier content is kept aside so the layer's tar can be rebuilt.
    let r = Rctl::new();
    let layer = LayerBuilder::new()
        .file("twice", 0o644, b"first version")
        .hardlink("link-to-first", "twice")
        .file("twice", 0o644, b"second")
        .file("becomes-dir", 0o644, b"a file at first")
        .dir("becomes-dir", 0o755)
        .file("becomes-dir/inner", 0o644, b"inner")
        .file("orig", 0o644, b"original")
        .hardlink("h", "orig")
        .file("h", 0o644, b"replaces the link name")
        .dir("gone-dir", 0o755)
        .file("gone-dir/deep", 0o644, b"recorded content inside")
        .file("gone-dir", 0o644, b"a file where a directory was")
        .build();
    let img = Image::new(vec![layer.clone()], json!({}), &["dup:1"]);
    r.load(&img);
    let diff = layer_diff(&r, &layer);
    assert_eq!(std::fs::read(diff.join("twice")).unwrap(), b"second");
    assert_eq!(
        std::fs::read(diff.join("link-to-first")).unwrap(),
        b"first version"
    );
    assert!(diff.join("becomes-dir/inner").exists());
    assert_eq!(
        std::fs::read(diff.join("h")).unwrap(),
        b"replaces the link name"
    );
    assert_eq!(std::fs::read(diff.join("orig")).unwrap(), b"original");
    assert_eq!(
        std::fs::read(diff.join("gone-dir")).unwrap(),
        b"a file where a directory was"
    );
    assert_eq!(r.ok(["system", "check"]), "");
    // The saved layer is byte for byte the original.
    let out = r.dir().join("saved");
    r.ok([
        "save",
        "--format",
        "oci-dir",
        "-o",
        out.to_str().unwrap(),
        "dup:1",
    ]);
    let d = fixtures::digest(&layer);
    let saved = std::fs::read(out.join("blobs/sha256").join(&d["sha256:".len()..])).unwrap();
    assert!(saved == layer, "rebuilt tar differs from the original");
}

#[test]
fn save_then_load_keeps_the_image_id() {
    let r = Rctl::new();
    let img = fixtures::busybox(&["busybox:latest"]).gzipped();
    let path = r.dir().join("in.tar");
    fixtures::oci_archive(&path, &[&img]);
    r.ok(["load", "-i", path.to_str().unwrap()]);
    for format in ["docker-archive", "oci-archive"] {
        let out = r.dir().join(format!("{format}.tar"));
        r.ok([
            "save",
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
            "busybox",
        ]);
        let r2 = Rctl::new();
        r2.ok(["load", "-i", out.to_str().unwrap()]);
        assert_eq!(
            r2.ok(["images", "-q", "--no-trunc"]).trim(),
            format!("sha256:{}", img.id()),
            "{format}"
        );
        assert_eq!(r2.ok(["system", "check"]), "", "{format}");
    }
}
