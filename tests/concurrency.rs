//! Many rctl processes on one store: no lock is held across long work,
//! parallel loads all land, and a killed load leaves nothing behind.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::fixtures::{Image, LayerBuilder};
use common::{Rctl, fixtures};
use serde_json::json;

#[test]
fn parallel_loads_sharing_a_layer_all_succeed() {
    let r = Rctl::new();
    let base = fixtures::busybox_layer();
    let paths: Vec<_> = (0..8)
        .map(|i| {
            let top = LayerBuilder::new()
                .file(&format!("f{i}"), 0o644, format!("{i}").as_bytes())
                .build();
            let img = Image::new(
                vec![base.clone(), top],
                json!({}),
                &[&format!("par{i}:latest")],
            );
            let p = r.dir().join(format!("p{i}.tar"));
            fixtures::docker_archive(&p, &[&img]);
            p
        })
        .collect();
    let children: Vec<_> = paths
        .iter()
        .map(|p| {
            r.cmd(["load", "-i", p.to_str().unwrap()])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(r.ok(["images", "-q"]).lines().count(), 8);
    // The base layer once, plus one top layer per image.
    assert_eq!(
        std::fs::read_dir(r.root().join("layers")).unwrap().count(),
        9
    );
    assert_eq!(r.ok(["system", "check"]), "");
}

/// Starts `rctl load` reading from a pipe, writes the first half of `archive`
/// and returns the child with its stdin still open.
fn half_fed_load(r: &Rctl, archive: &[u8]) -> std::process::Child {
    let mut child = r
        .cmd(["load"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .as_mut()
        .unwrap()
        .write_all(&archive[..archive.len() / 2])
        .unwrap();
    // Wait until the loader has created its staging area.
    for _ in 0..200 {
        if std::fs::read_dir(r.root().join("tmp"))
            .map(|d| d.count())
            .unwrap_or(0)
            > 0
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child
}

fn archive_bytes(r: &Rctl, img: &Image) -> Vec<u8> {
    let p = r.dir().join("a.tar");
    fixtures::docker_archive(&p, &[img]);
    std::fs::read(p).unwrap()
}

#[test]
fn commands_run_while_a_load_is_in_progress() {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let img = fixtures::synthetic(1, 50, 4 << 20, &["big:latest"]);
    let mut child = half_fed_load(&r, &archive_bytes(&r, &img));
    // The loader holds no store lock while it reads: readers and writers proceed.
    assert!(r.ok(["images"]).contains("busybox"));
    r.ok(["tag", "busybox", "other:1"]);
    r.ok(["untag", "busybox", "other:1"]);
    let mut stdin = child.stdin.take().unwrap();
    let rest = archive_bytes(&r, &img);
    stdin.write_all(&rest[rest.len() / 2..]).unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success());
    assert!(r.ok(["images"]).contains("big"));
}

#[test]
fn a_killed_load_leaves_nothing_behind() {
    let r = Rctl::new();
    r.ok(["images"]);
    let before = r.store_files();
    let img = fixtures::synthetic(2, 50, 4 << 20, &["killed:latest"]);
    let mut child = half_fed_load(&r, &archive_bytes(&r, &img));
    assert!(
        std::fs::read_dir(r.root().join("tmp")).unwrap().count() > 0,
        "staging exists mid-load"
    );
    child.kill().unwrap(); // SIGKILL, by pid, a process this test started
    child.wait().unwrap();
    // The next command removes the dead loader's staging area.
    assert_eq!(r.ok(["images", "-q"]), "");
    assert_eq!(r.store_files(), before);
    assert_eq!(r.ok(["system", "check"]), "");
    // And the same load then works.
    r.load(&img);
    assert!(r.ok(["images"]).contains("killed"));
}
