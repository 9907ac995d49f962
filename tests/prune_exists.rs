//! `image prune` and `image exists`.

mod common;

use common::{Rctl, fixtures};
use serde_json::json;

fn layer(name: &str) -> Vec<u8> {
    fixtures::LayerBuilder::new()
        .file(name, 0o644, name.as_bytes())
        .build()
}

fn ids(r: &Rctl) -> Vec<String> {
    let mut v: Vec<String> = r
        .ok(["images", "-a", "-q", "--no-trunc"])
        .lines()
        .map(|l| l[7..].to_string())
        .collect();
    v.sort();
    v
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn layer_count(r: &Rctl) -> usize {
    std::fs::read_dir(r.root().join("layers")).unwrap().count()
}

#[test]
fn image_prune_removes_dangling_images_only() {
    let r = Rctl::new();
    let kept = fixtures::Image::new(vec![layer("kept")], json!({}), &["localhost/kept:1"]);
    let gone = fixtures::Image::new(vec![layer("gone")], json!({}), &["localhost/gone:1"]);
    r.load(&kept);
    r.load(&gone);
    r.ok(["untag", "localhost/gone:1"]);
    let out = r.ok(["image", "prune", "-f"]);
    assert_eq!(out, format!("{}\n", gone.id()));
    assert_eq!(ids(&r), [kept.id()]);
    assert_eq!(layer_count(&r), 1, "the pruned image's layer went with it");
    // Nothing left to prune: no output, success.
    assert_eq!(r.ok(["image", "prune", "--force"]), "");
    r.ok(["system", "check"]);
}

#[test]
fn image_prune_all_removes_every_image() {
    let r = Rctl::new();
    let a = fixtures::Image::new(vec![layer("a")], json!({}), &["localhost/a:1"]);
    let b = fixtures::Image::new(vec![layer("b")], json!({}), &["localhost/b:1"]);
    let c = fixtures::Image::new(vec![layer("c")], json!({}), &["localhost/c:1"]);
    for i in [&a, &b, &c] {
        r.load(i);
    }
    r.ok(["untag", "localhost/c:1"]);
    let out = r.ok(["image", "prune", "-a", "-f"]);
    assert_eq!(
        sorted(out.lines().map(str::to_string).collect()),
        sorted(vec![a.id(), b.id(), c.id()])
    );
    assert!(ids(&r).is_empty());
    assert_eq!(layer_count(&r), 0);
    assert_eq!(r.ok(["image", "prune", "--all", "--force"]), "");
}

#[test]
fn image_prune_keeps_an_untagged_parent_of_a_named_image() {
    // podman: an untagged image with a child is intermediate, not dangling.
    let base = layer("base");
    let parent = fixtures::Image::new(vec![base.clone()], json!({}), &["localhost/parent:1"]);
    let child = fixtures::Image::new(vec![base, layer("top")], json!({}), &["localhost/child:1"]);
    let r = Rctl::new();
    r.load(&parent);
    r.load(&child);
    r.ok(["untag", "localhost/parent:1"]);
    assert_eq!(r.ok(["image", "prune", "-f"]), "");
    assert_eq!(ids(&r), sorted(vec![parent.id(), child.id()]));
    // Untag the child too: both dangle (the child first, then its parent).
    r.ok(["untag", "localhost/child:1"]);
    let out = r.ok(["image", "prune", "-f"]);
    assert_eq!(out, format!("{}\n{}\n", child.id(), parent.id()));
    assert!(ids(&r).is_empty());
    assert_eq!(layer_count(&r), 0);
}

#[test]
fn image_prune_filter_label() {
    let r = Rctl::new();
    let a = fixtures::Image::new(
        vec![layer("a")],
        json!({"Labels": {"keep": "no"}}),
        &["localhost/a:1"],
    );
    let b = fixtures::Image::new(
        vec![layer("b")],
        json!({"Labels": {"keep": "yes"}}),
        &["localhost/b:1"],
    );
    r.load(&a);
    r.load(&b);
    r.ok(["untag", "localhost/a:1"]);
    r.ok(["untag", "localhost/b:1"]);
    let out = r.ok(["image", "prune", "-f", "--filter", "label=keep=no"]);
    assert_eq!(out, format!("{}\n", a.id()));
    assert_eq!(ids(&r), [b.id()]);
}

#[test]
fn image_prune_without_force_asks_and_no_keeps_everything() {
    let r = Rctl::new();
    let img = fixtures::Image::new(vec![layer("a")], json!({}), &["localhost/a:1"]);
    r.load(&img);
    r.ok(["untag", "localhost/a:1"]);
    let out = r.run_stdin(["image", "prune"], b"n\n");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("WARNING! This command removes all dangling images."),
        "{text}"
    );
    assert!(text.contains("[y/N]"), "{text}");
    assert_eq!(ids(&r), [img.id()]);
    let out = r.run_stdin(["image", "prune"], b"y\n");
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains(&img.id()));
    assert!(ids(&r).is_empty());
}

#[test]
fn image_exists_exits_0_for_a_known_image_and_1_for_an_unknown_one() {
    let r = Rctl::new();
    let img = fixtures::busybox(&["busybox:latest"]);
    r.load(&img);
    for known in [
        "busybox".to_string(),
        "busybox:latest".to_string(),
        "docker.io/library/busybox:latest".to_string(),
        img.id(),
        img.id()[..12].to_string(),
        format!("sha256:{}", img.id()),
    ] {
        assert_eq!(r.ok(["image", "exists", &known]), "", "{known}");
    }
    for unknown in ["nosuch", "busybox:other", "quay.io/busybox", "0123456789ab"] {
        let (code, err) = r.fails(["image", "exists", unknown]);
        assert_eq!(code, 1, "{unknown}");
        assert_eq!(err, "", "{unknown}: exists says nothing");
    }
}

#[test]
fn image_exists_with_a_bad_reference_is_not_found() {
    let r = Rctl::new();
    let out = r.run(["image", "exists", "Not A Name"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn image_exists_without_an_argument_is_an_error() {
    let r = Rctl::new();
    let (code, _) = r.fails(["image", "exists"]);
    assert_eq!(code, 125);
}

#[test]
fn image_exists_says_no_for_a_name_whose_image_record_is_missing() {
    let r = Rctl::new();
    let img = fixtures::busybox(&["busybox:latest"]);
    r.load(&img);
    std::fs::remove_file(r.root().join("images").join(format!("{}.json", img.id()))).unwrap();
    let (code, _) = r.fails(["image", "exists", "busybox"]);
    assert_eq!(code, 1);
}
