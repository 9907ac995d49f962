//! `tag`, `untag` and `rmi`: names come and go; an image goes with its last
//! name only when asked by name, and its layers go with the last image using
//! them.

mod common;

use common::{Rctl, fixtures};
use serde_json::json;

fn names(r: &Rctl, image: &str) -> Vec<String> {
    let out = r.ok(["image", "inspect", "--format", "{{json .RepoTags}}", image]);
    serde_json::from_str(&out).unwrap()
}

fn layer_dirs(r: &Rctl) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(r.root().join("layers"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn hex(data: &[u8]) -> String {
    fixtures::digest(data)["sha256:".len()..].to_string()
}

fn busybox(r: &Rctl) -> fixtures::Image {
    let img = fixtures::busybox(&["busybox:latest"]);
    r.load(&img);
    img
}

#[test]
fn tag_adds_names_and_short_names_go_under_localhost() {
    let r = Rctl::new();
    let img = busybox(&r);
    assert_eq!(r.ok(["tag", "busybox", "mybox"]), "");
    r.ok([
        "tag",
        "busybox",
        "mybox:v2",
        "quay.io/team/box:3",
        "localhost:5000/x/y",
    ]);
    assert_eq!(
        names(&r, "busybox"),
        [
            "docker.io/library/busybox:latest",
            "localhost/mybox:latest",
            "localhost/mybox:v2",
            "localhost:5000/x/y:latest",
            "quay.io/team/box:3",
        ]
    );
    // Every name finds the same image.
    for n in [
        "mybox",
        "mybox:v2",
        "localhost/mybox:latest",
        "quay.io/team/box:3",
        "localhost:5000/x/y",
    ] {
        assert_eq!(
            r.ok(["image", "inspect", "--format", "{{.Id}}", n]).trim(),
            img.id(),
            "{n}"
        );
    }
}

#[test]
fn tag_by_id_and_by_id_prefix() {
    let r = Rctl::new();
    let img = busybox(&r);
    r.ok(["tag", &img.id(), "byid"]);
    r.ok(["tag", &img.id()[..10], "byprefix"]);
    r.ok(["tag", &format!("sha256:{}", img.id()), "bydigest"]);
    let n = names(&r, "busybox");
    for want in [
        "localhost/byid:latest",
        "localhost/byprefix:latest",
        "localhost/bydigest:latest",
    ] {
        assert!(n.contains(&want.to_string()), "{n:?}");
    }
}

#[test]
fn tag_moves_a_name_from_another_image_which_becomes_dangling() {
    let r = Rctl::new();
    let bb = busybox(&r);
    let other = fixtures::Image::new(
        vec![fixtures::LayerBuilder::new().file("x", 0o644, b"x").build()],
        json!({}),
        &["localhost/other:1"],
    );
    r.load(&other);
    r.ok(["tag", "busybox", "localhost/other:1"]);
    assert_eq!(
        r.ok([
            "image",
            "inspect",
            "--format",
            "{{.Id}}",
            "localhost/other:1"
        ])
        .trim(),
        bb.id()
    );
    // The image that had the name has none now: listed as <none>.
    let row = r.ok([
        "images",
        "--filter",
        "dangling=true",
        "--format",
        "{{.ID}} {{.Repository}} {{.Tag}}",
    ]);
    assert_eq!(row, format!("{} <none> <none>\n", &other.id()[..12]));
    assert_eq!(names(&r, &other.id()), Vec::<String>::new());
}

#[test]
fn tag_of_an_unknown_image_fails() {
    let r = Rctl::new();
    busybox(&r);
    let before = r.store_files();
    let (code, err) = r.fails(["tag", "nosuch", "newname"]);
    assert_eq!(code, 125);
    assert_eq!(err, "Error: nosuch: image not known\n");
    assert_eq!(r.store_files(), before);
}

#[test]
fn untag_with_names_removes_just_those() {
    let r = Rctl::new();
    busybox(&r);
    r.ok(["tag", "busybox", "one", "two", "quay.io/a/b:c"]);
    assert_eq!(r.ok(["untag", "busybox", "one", "quay.io/a/b:c"]), "");
    assert_eq!(
        names(&r, "busybox"),
        ["docker.io/library/busybox:latest", "localhost/two:latest"]
    );
    // A full name works too, and `image untag` is the same command.
    r.ok(["image", "untag", "busybox", "localhost/two:latest"]);
    assert_eq!(names(&r, "busybox"), ["docker.io/library/busybox:latest"]);
}

#[test]
fn untag_without_names_removes_all_of_them() {
    let r = Rctl::new();
    let img = busybox(&r);
    r.ok(["tag", "busybox", "one", "two"]);
    r.ok(["untag", "busybox"]);
    // The image is still there, without names.
    assert_eq!(names(&r, &img.id()), Vec::<String>::new());
    let row = r.ok(["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"]);
    assert_eq!(row, format!("<none>:<none> {}\n", &img.id()[..12]));
    assert_eq!(r.fails(["image", "exists", "busybox"]).0, 1);
}

#[test]
fn untag_of_a_name_the_image_does_not_have_fails() {
    let r = Rctl::new();
    busybox(&r);
    let before = r.store_files();
    let (code, err) = r.fails(["untag", "busybox", "notitsname"]);
    assert_eq!(code, 125);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("Error: ") && err.contains("notitsname"),
        "{err}"
    );
    assert_eq!(r.store_files(), before);
}

#[test]
fn rmi_by_one_of_several_names_only_untags() {
    let r = Rctl::new();
    let img = busybox(&r);
    r.ok(["tag", "busybox", "mybox"]);
    let out = r.ok(["rmi", "mybox"]);
    assert_eq!(out, "Untagged: localhost/mybox:latest\n");
    assert_eq!(names(&r, &img.id()), ["docker.io/library/busybox:latest"]);
    assert_eq!(layer_dirs(&r), [hex(&img.layers[0].1)]);
}

#[test]
fn rmi_by_the_last_name_removes_the_image() {
    let r = Rctl::new();
    let img = busybox(&r);
    let out = r.ok(["rmi", "busybox"]);
    assert_eq!(
        out,
        format!(
            "Untagged: docker.io/library/busybox:latest\nDeleted: {}\n",
            img.id()
        )
    );
    assert_eq!(r.ok(["images", "-q"]), "");
    assert!(layer_dirs(&r).is_empty());
    assert_eq!(
        std::fs::read_dir(r.root().join("blobs/sha256"))
            .unwrap()
            .count(),
        0
    );
    assert_eq!(
        std::fs::read_dir(r.root().join("images")).unwrap().count(),
        0
    );
    r.ok(["system", "check"]);
}

#[test]
fn rmi_by_id_removes_the_image() {
    let r = Rctl::new();
    let img = busybox(&r);
    let out = r.ok(["rmi", &img.id()[..12]]);
    assert_eq!(
        out,
        format!(
            "Untagged: docker.io/library/busybox:latest\nDeleted: {}\n",
            img.id()
        )
    );
    assert_eq!(r.fails(["image", "exists", &img.id()]).0, 1);
    // `image rm` and `image remove` are rmi.
    r.load(&img);
    assert!(
        r.ok(["image", "rm", &img.id()])
            .ends_with(&format!("Deleted: {}\n", img.id()))
    );
    r.load(&img);
    assert!(
        r.ok(["image", "remove", "busybox"])
            .ends_with(&format!("Deleted: {}\n", img.id()))
    );
}

#[test]
fn rmi_by_id_of_an_image_with_several_names_needs_force() {
    // podman: "unable to delete image ... by ID with more than one tag ...: please force removal"
    let r = Rctl::new();
    let img = busybox(&r);
    r.ok(["tag", "busybox", "mybox"]);
    let before = r.store_files();
    let (code, err) = r.fails(["rmi", &img.id()]);
    assert_eq!(code, 125);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("Error: ") && err.contains(&img.id()) && err.contains("force"),
        "{err}"
    );
    assert_eq!(r.store_files(), before);
    let out = r.ok(["rmi", "-f", &img.id()]);
    let mut lines: Vec<&str> = out.lines().collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            format!("Deleted: {}", img.id()).as_str(),
            "Untagged: docker.io/library/busybox:latest",
            "Untagged: localhost/mybox:latest",
        ]
    );
    assert_eq!(r.ok(["images", "-q"]), "");
}

#[test]
fn rmi_of_a_missing_image_exits_1() {
    let r = Rctl::new();
    busybox(&r);
    let (code, err) = r.fails(["rmi", "nosuchimage"]);
    assert_eq!(code, 1);
    assert_eq!(err, "Error: nosuchimage: image not known\n");
    // The others named are still removed, and the exit code still says 1.
    let out = r.run(["rmi", "nosuchimage", "busybox"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Deleted: "));
    assert_eq!(r.ok(["images", "-q"]), "");
    // --ignore: a missing image is no error.
    assert_eq!(r.ok(["rmi", "--ignore", "nosuchimage"]), "");
}

#[test]
fn rmi_all_removes_every_image_and_layer() {
    let r = Rctl::new();
    let bb = busybox(&r);
    let other = fixtures::Image::new(
        vec![fixtures::LayerBuilder::new().file("x", 0o644, b"x").build()],
        json!({}),
        &["localhost/other:1"],
    );
    r.load(&other);
    r.ok(["tag", "busybox", "second"]);
    let out = r.ok(["rmi", "-a"]);
    let deleted: Vec<&str> = out.lines().filter(|l| l.starts_with("Deleted: ")).collect();
    assert_eq!(deleted.len(), 2, "{out}");
    assert!(
        out.contains(&format!("Deleted: {}", bb.id()))
            && out.contains(&format!("Deleted: {}", other.id()))
    );
    assert!(out.contains("Untagged: localhost/second:latest"), "{out}");
    assert_eq!(r.ok(["images", "-qa"]), "");
    assert!(layer_dirs(&r).is_empty());
    assert_eq!(
        std::fs::read_to_string(r.root().join("names.json"))
            .unwrap()
            .trim(),
        "{}"
    );
    // On an empty store: nothing to do, no error.
    assert_eq!(r.ok(["rmi", "--all"]), "");
}

#[test]
fn shared_layers_survive_until_the_last_image_using_them_goes() {
    let r = Rctl::new();
    let base = fixtures::LayerBuilder::new()
        .dir("etc", 0o755)
        .file("etc/base", 0o644, b"base")
        .build();
    let top_a = fixtures::LayerBuilder::new().file("a", 0o644, b"a").build();
    let top_b = fixtures::LayerBuilder::new().file("b", 0o644, b"b").build();
    let a = fixtures::Image::new(
        vec![base.clone(), top_a.clone()],
        json!({}),
        &["localhost/a:1"],
    );
    let b = fixtures::Image::new(
        vec![base.clone(), top_b.clone()],
        json!({}),
        &["localhost/b:1"],
    );
    r.load(&a);
    r.load(&b);
    let mut all = vec![hex(&base), hex(&top_a), hex(&top_b)];
    all.sort();
    assert_eq!(layer_dirs(&r), all, "the shared base is stored once");

    r.ok(["rmi", "localhost/a:1"]);
    let mut left = vec![hex(&base), hex(&top_b)];
    left.sort();
    assert_eq!(
        layer_dirs(&r),
        left,
        "a's own layer went, the shared one stayed"
    );
    // b is whole: it saves and checks.
    r.ok(["system", "check"]);
    let path = r.dir().join("b.tar");
    r.ok(["save", "-o", path.to_str().unwrap(), "localhost/b:1"]);

    r.ok(["rmi", "localhost/b:1"]);
    assert!(layer_dirs(&r).is_empty());
    // Nothing lingers in staging either.
    assert_eq!(std::fs::read_dir(r.root().join("tmp")).unwrap().count(), 0);
}

#[test]
fn tag_with_a_bad_name_fails_with_one_line() {
    let r = Rctl::new();
    busybox(&r);
    let before = r.store_files();
    for bad in [
        "Bad:Name",
        "UPPER",
        "a b",
        "name:bad tag",
        "x@sha256:123",
        ":tag",
        "repo:",
    ] {
        let (code, err) = r.fails(["tag", "busybox", bad]);
        assert_eq!(code, 125, "{bad}");
        assert_eq!(err.lines().count(), 1, "{bad}: {err}");
        assert!(err.starts_with("Error: "), "{bad}: {err}");
        assert_eq!(r.store_files(), before, "{bad}");
    }
}
