//! `load`: docker-archive and oci-archive, from a file and from standard input.

mod common;

use common::{Rctl, fixtures};
use std::io::Write;
use std::process::Stdio;

#[test]
fn loads_a_docker_archive_and_lists_it() {
    let r = Rctl::new();
    let img = fixtures::busybox(&["busybox:latest"]);
    let out = r.load(&img);
    assert_eq!(out, "Loaded image: docker.io/library/busybox:latest\n");
    let ids = r.ok(["images", "-q", "--no-trunc"]);
    assert_eq!(ids.trim(), format!("sha256:{}", img.id()));
    let table = r.ok(["images"]);
    let mut lines = table.lines();
    assert!(lines.next().unwrap().starts_with("REPOSITORY"));
    let row = lines.next().unwrap();
    assert!(
        row.starts_with("docker.io/library/busybox  latest"),
        "{row}"
    );
    assert!(row.contains(&img.id()[..12]));
}

#[test]
fn loads_an_oci_archive_with_gzip_and_zstd_layers() {
    for (img, name) in [
        (
            fixtures::busybox(&["localhost/bench/busybox:gz"]).gzipped(),
            "localhost/bench/busybox:gz",
        ),
        (
            fixtures::busybox(&["localhost/bench/busybox:zst"]).zstd(),
            "localhost/bench/busybox:zst",
        ),
    ] {
        let r = Rctl::new();
        let path = r.dir().join("oci.tar");
        fixtures::oci_archive(&path, &[&img]);
        let out = r.ok(["load", "-i", path.to_str().unwrap()]);
        assert_eq!(out, format!("Loaded image: {name}\n"));
        let id = r.ok(["image", "inspect", "--format", "{{.Id}}", name]);
        assert_eq!(id.trim(), img.id());
    }
}

#[test]
fn loads_from_standard_input() {
    let r = Rctl::new();
    let img = fixtures::busybox(&["busybox:stdin"]);
    let path = r.dir().join("a.tar");
    fixtures::docker_archive(&path, &[&img]);
    let mut child = r
        .cmd(["load"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(&path).unwrap())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Loaded image: docker.io/library/busybox:stdin\n"
    );
    assert_eq!(
        std::fs::read_dir(r.root().join("tmp")).unwrap().count(),
        0,
        "staging removed"
    );
}
