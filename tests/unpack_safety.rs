//! Malicious layers: no entry may write outside its layer. Each crafted tarball
//! must fail the load with a clear one-line error naming the entry, write
//! nothing outside, and leave the store as it was.

mod common;

use common::fixtures::{Image, LayerBuilder};
use common::{Rctl, fixtures};
use serde_json::json;
use tar::EntryType;

/// Loads an image whose only layer is `layer`; asserts it fails cleanly and
/// returns the error text.
fn load_must_fail(r: &Rctl, layer: Vec<u8>) -> String {
    let outside = r.dir().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("target"), b"original").unwrap();
    r.ok(["images"]); // creates the empty store
    let before = r.store_files();
    let img = Image::new(vec![layer], json!({}), &["evil:latest"]);
    let path = r.dir().join("evil.tar");
    fixtures::docker_archive(&path, &[&img]);
    let (code, err) = r.fails(["load", "-i", path.to_str().unwrap()]);
    assert_eq!(code, 125, "{err}");
    assert!(err.starts_with("Error: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    let mut left: Vec<_> = std::fs::read_dir(&outside)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["target"], "nothing written outside");
    assert_eq!(std::fs::read(outside.join("target")).unwrap(), b"original");
    assert_eq!(r.store_files(), before, "store unchanged");
    assert_eq!(r.ok(["images", "-q"]), "");
    err
}

/// From a layer's `diff` directory (ROOT/tmp/<stage>/diff) up to the test dir.
const UP: &str = "../../../..";

#[test]
fn dot_dot_paths_are_refused() {
    let r = Rctl::new();
    let layer = LayerBuilder::new()
        .raw(
            EntryType::Regular,
            &format!("{UP}/outside/pwned"),
            "",
            b"pwned",
        )
        .build();
    let err = load_must_fail(&r, layer);
    assert!(
        err.contains("unsafe tar entry") && err.contains("'..'"),
        "{err}"
    );
}

#[test]
fn absolute_paths_are_refused() {
    let r = Rctl::new();
    let target = r.dir().join("outside/pwned");
    let layer = LayerBuilder::new()
        .raw(EntryType::Regular, target.to_str().unwrap(), "", b"pwned")
        .build();
    let err = load_must_fail(&r, layer);
    assert!(err.contains("absolute path"), "{err}");
}

#[test]
fn writing_through_an_absolute_symlink_is_refused() {
    let r = Rctl::new();
    let outside = r.dir().join("outside");
    let layer = LayerBuilder::new()
        .symlink("evil", outside.to_str().unwrap())
        .file("evil/pwned", 0o644, b"pwned")
        .build();
    let err = load_must_fail(&r, layer);
    assert!(
        err.contains("evil/pwned") && err.contains("symlink"),
        "{err}"
    );
}

#[test]
fn writing_through_a_climbing_symlink_is_refused() {
    let r = Rctl::new();
    let layer = LayerBuilder::new()
        .symlink("evil", &format!("{UP}/outside"))
        .file("evil/pwned", 0o644, b"pwned")
        .build();
    let err = load_must_fail(&r, layer);
    assert!(err.contains("evil/pwned"), "{err}");
}

#[test]
fn directories_through_a_symlink_are_refused() {
    let r = Rctl::new();
    let outside = r.dir().join("outside");
    let layer = LayerBuilder::new()
        .symlink("evil", outside.to_str().unwrap())
        .dir("evil/newdir", 0o755)
        .build();
    load_must_fail(&r, layer);
}

#[test]
fn hard_links_to_outside_are_refused() {
    for target in [format!("{UP}/outside/target"), "/etc/passwd".to_string()] {
        let r = Rctl::new();
        let layer = LayerBuilder::new()
            .raw(EntryType::Link, "link", &target, b"")
            .build();
        let err = load_must_fail(&r, layer);
        assert!(err.contains("hard link target"), "{err}");
    }
}

#[test]
fn hard_links_through_a_symlink_are_refused() {
    let r = Rctl::new();
    let outside = r.dir().join("outside");
    let layer = LayerBuilder::new()
        .symlink("s", outside.to_str().unwrap())
        .raw(EntryType::Link, "h", "s/target", b"")
        .build();
    let err = load_must_fail(&r, layer);
    assert!(err.contains("\"h\""), "{err}");
}

#[test]
fn whiteouts_cannot_climb_out() {
    let r = Rctl::new();
    let layer = LayerBuilder::new()
        .raw(
            EntryType::Regular,
            &format!("{UP}/outside/.wh.target"),
            "",
            b"",
        )
        .build();
    load_must_fail(&r, layer);
}

#[test]
fn a_file_replacing_a_symlink_does_not_write_through_it() {
    // Not an error: the later entry replaces the symlink inside the layer.
    let r = Rctl::new();
    let outside = r.dir().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("target"), b"original").unwrap();
    let layer = LayerBuilder::new()
        .symlink("x", outside.join("target").to_str().unwrap())
        .file("x", 0o644, b"pwned")
        .build();
    let diff_id = fixtures::digest(&layer);
    r.load(&Image::new(vec![layer], json!({}), &["replaced:latest"]));
    assert_eq!(std::fs::read(outside.join("target")).unwrap(), b"original");
    let stored = r
        .root()
        .join("layers")
        .join(&diff_id["sha256:".len()..])
        .join("diff/x");
    assert_eq!(std::fs::read(stored).unwrap(), b"pwned");
}
