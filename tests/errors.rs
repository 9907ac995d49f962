//! Errors as podman gives them: rctl's own errors are one line, `Error: ...`,
//! naming what is involved, exit 125; bad flags and arguments exit 125 too.

mod common;

use common::{Rctl, fixtures};
use serde_json::json;

/// Asserts a one-line `Error: ...` naming `what`, lower case after the prefix
/// is not required (names may be upper case) but no final period is.
fn one_line(err: &str, what: &str) {
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.starts_with("Error: "), "{err:?}");
    assert!(err.contains(what), "names {what:?}: {err:?}");
    assert!(!err.trim_end().ends_with('.'), "no final period: {err:?}");
}

fn with_busybox() -> Rctl {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    r
}

#[test]
fn tag_with_an_invalid_reference() {
    let r = with_busybox();
    let before = r.store_files();
    let (code, err) = r.fails(["tag", "busybox", "Bad:Name"]);
    assert_eq!(code, 125);
    one_line(&err, "Bad:Name");
    assert!(err.contains("lowercase"), "{err}");
    assert_eq!(r.store_files(), before);
}

#[test]
fn image_inspect_of_an_upper_case_name() {
    let r = with_busybox();
    let out = r.run(["image", "inspect", "UPPER"]);
    assert_eq!(out.status.code(), Some(125));
    one_line(&String::from_utf8(out.stderr).unwrap(), "UPPER");
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "[]");
}

#[test]
fn references_that_do_not_parse_are_one_line_errors() {
    let r = with_busybox();
    for bad in [
        "a b",
        "busybox:",
        "UPPER/case:tag",
        "busybox@sha256:123",
        "host:port:too/many",
    ] {
        for cmd in [
            &["image", "inspect"][..],
            &["history"][..],
            &["save", "-o", "/dev/null"][..],
        ] {
            let mut args = cmd.to_vec();
            args.push(bad);
            let out = r.run(&args);
            assert_eq!(out.status.code(), Some(125), "{args:?}");
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
            assert!(err.starts_with("Error: "), "{args:?}: {err}");
        }
    }
}

#[test]
fn unknown_images_are_named() {
    let r = with_busybox();
    for cmd in [
        &["image", "inspect"][..],
        &["history"][..],
        &["tag"][..],
        &["untag"][..],
        &["save", "-o", "/dev/null"][..],
    ] {
        let mut args = cmd.to_vec();
        args.push("ghost:1");
        if args[0] == "tag" {
            args.push("newname");
        }
        let out = r.run(&args);
        assert_eq!(out.status.code(), Some(125), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        one_line(&err, "ghost:1");
        assert!(err.contains("image not known"), "{args:?}: {err}");
    }
}

#[test]
fn an_ambiguous_id_prefix_is_an_error_naming_the_candidates() {
    let r = Rctl::new();
    // Two images whose ids start with the same hex digit.
    let layer = fixtures::LayerBuilder::new().file("f", 0o644, b"f").build();
    let first = fixtures::Image::new(
        vec![layer.clone()],
        json!({"Labels": {"n": "0"}}),
        &["localhost/first:1"],
    );
    let second = (1..200)
        .map(|i| {
            fixtures::Image::new(
                vec![layer.clone()],
                json!({"Labels": {"n": i.to_string()}}),
                &["localhost/second:1"],
            )
        })
        .find(|img| img.id()[..1] == first.id()[..1])
        .unwrap();
    r.load(&first);
    r.load(&second);
    let prefix = &first.id()[..1];
    let (code, err) = r.fails(["image", "inspect", prefix]);
    assert_eq!(code, 125);
    one_line(&err, "ambiguous");
    assert!(
        err.contains(&first.id()[..12]) && err.contains(&second.id()[..12]),
        "{err}"
    );
    // A longer prefix that tells them apart works.
    let n = (1..64)
        .find(|&n| first.id()[..n] != second.id()[..n])
        .unwrap();
    assert_eq!(
        r.ok(["image", "inspect", "--format", "{{.Id}}", &first.id()[..n]])
            .trim(),
        first.id()
    );
}

#[test]
fn bad_flags_exit_125() {
    let r = with_busybox();
    for args in [
        &["images", "--bogus"][..],
        &["rmi", "--nope", "busybox"],
        &["save", "--format", "tarball", "busybox"],
        &["system", "check", "--deep"],
        &["--log-level", "shout", "images"],
        &["image", "frobnicate"],
        &["frobnicate"],
        &["history", "--human=maybe", "busybox"],
        &["images", "--sort", "colour"],
    ] {
        let out = r.run(args);
        assert_eq!(out.status.code(), Some(125), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?} says why");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn missing_arguments_exit_125() {
    let r = with_busybox();
    for args in [
        &["tag", "busybox"][..],
        &["tag"],
        &["save"],
        &["image", "inspect"],
        &["inspect"],
        &["history"],
        &["rmi"],
        &["import"],
        &["image", "exists"],
    ] {
        let out = r.run(args);
        assert_eq!(out.status.code(), Some(125), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("required"),
            "{args:?}"
        );
    }
}

#[test]
fn help_and_version_succeed() {
    let r = Rctl::new();
    let help = r.ok(["--help"]);
    for cmd in [
        "images", "load", "save", "import", "tag", "untag", "rmi", "history", "inspect", "system",
    ] {
        assert!(help.contains(cmd), "--help lists {cmd}");
    }
    assert!(r.ok(["--version"]).starts_with("rctl "));
    assert!(r.ok(["images", "--help"]).contains("--no-trunc"));
}

#[test]
fn load_of_a_missing_file_names_it() {
    let r = Rctl::new();
    let path = r.dir().join("not-here.tar");
    let (code, err) = r.fails(["load", "-i", path.to_str().unwrap()]);
    assert_eq!(code, 125);
    one_line(&err, "not-here.tar");
}

#[test]
fn load_of_garbage_fails_and_leaves_the_store_unchanged() {
    let r = with_busybox();
    let path = r.dir().join("garbage.tar");
    std::fs::write(&path, vec![0x5a; 10_000]).unwrap();
    let before = r.store_files();
    let (code, err) = r.fails(["load", "-i", path.to_str().unwrap()]);
    assert_eq!(code, 125);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("Error: "), "{err}");
    assert_eq!(r.store_files(), before);
}

#[test]
fn errors_do_not_leave_staging_behind() {
    let r = with_busybox();
    let path = r.dir().join("junk.tar");
    std::fs::write(&path, vec![0x42; 5000]).unwrap();
    r.fails(["import", path.to_str().unwrap()]);
    r.fails(["load", "-i", path.to_str().unwrap()]);
    assert_eq!(std::fs::read_dir(r.root().join("tmp")).unwrap().count(), 0);
}
