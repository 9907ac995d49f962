//! Rootless registries: rctl run as the unprivileged test user pulls into its
//! own store (layers unpacked in its user namespace, file owners kept there),
//! runs what it pulled, pushes, and logs in with an auth file of its own.

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};

use common::fixtures::{self, Image, LayerBuilder};
use common::registry::{Registry, insecure_conf};
use common::{Rctl, rootless_ids};
use serde_json::{Value, json};

/// Seconds a rootless command may take before the test calls it a hang.
const LIMIT: u64 = 120;

/// A rootless store whose registries.conf marks `addr` insecure.
fn store_for(addr: &str) -> Rctl {
    let r = Rctl::rootless();
    r.registries_conf(&insecure_conf(&[addr]));
    r
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs `args` (must succeed) and returns standard output.
fn ok(r: &Rctl, args: &[&str]) -> String {
    r.ok_within(LIMIT, args)
}

/// busybox plus a layer of files owned by users other than root.
fn owned_image() -> Image {
    Image::new(
        vec![
            fixtures::busybox_layer(),
            LayerBuilder::new()
                .dir("data", 0o755)
                .file_owned("data/owned", 0o644, 1000, 1000, b"mine\n")
                .file_owned("data/nobody", 0o600, 65534, 65534, b"nobody's\n")
                .file_owned("data/suid", 0o4755, 0, 0, b"#!/bin/sh\n")
                .build(),
        ],
        json!({}),
        &[],
    )
    .gzipped()
}

#[test]
fn rootless_pull_then_run() {
    let reg = Registry::start();
    let img = owned_image();
    reg.push_oci("rootless/owned", "1", &img);
    let r = store_for(&reg.addr());
    let name = format!("{}/rootless/owned:1", reg.addr());
    assert_eq!(ok(&r, &["pull", &name]).trim(), img.id());
    assert_eq!(
        ok(&r, &["image", "inspect", "--format", "{{.Id}}", &name]).trim(),
        img.id()
    );
    // Owners and modes as the image says, inside the user namespace.
    assert_eq!(
        ok(
            &r,
            &[
                "run",
                "--rm",
                &name,
                "stat",
                "-c",
                "%n %u:%g %a",
                "/data/owned",
                "/data/nobody",
                "/data/suid",
                "/etc/passwd",
            ]
        ),
        "/data/owned 1000:1000 644\n/data/nobody 65534:65534 600\n/data/suid 0:0 4755\n/etc/passwd 0:0 644\n"
    );
    ok(&r, &["system", "check"]);
    // The store belongs to the test user, not to root.
    let (uid, _) = rootless_ids();
    assert_eq!(std::fs::metadata(r.root()).unwrap().uid(), uid);
}

#[test]
fn rootless_run_pulls_a_missing_image() {
    let reg = Registry::start();
    let img = fixtures::busybox(&[]).gzipped();
    reg.push_oci("rootless/auto", "1", &img);
    let r = store_for(&reg.addr());
    let name = format!("{}/rootless/auto:1", reg.addr());
    let out = r.run_within(LIMIT, ["run", "--rm", &name, "echo", "pulled"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "pulled\n");
    assert_eq!(
        ok(&r, &["images", "-q", "--no-trunc"]).trim(),
        format!("sha256:{}", img.id())
    );
}

#[test]
fn rootless_push_then_pull_round_trip() {
    let reg = Registry::start();
    let img = fixtures::busybox(&["busybox:latest"]);
    let r = store_for(&reg.addr());
    r.load(&img);
    let name = format!("{}/rootless/bb:1", reg.addr());
    ok(&r, &["push", "busybox:latest", &name]);
    let m = reg.manifest_json("rootless/bb", "1");
    assert_eq!(m["config"]["digest"], format!("sha256:{}", img.id()));
    let p = store_for(&reg.addr());
    assert_eq!(ok(&p, &["pull", "-q", &name]), format!("{}\n", img.id()));
    assert_eq!(
        ok(&p, &["run", "--rm", &name, "echo", "round", "trip"]),
        "round trip\n"
    );
}

#[test]
fn rootless_login_writes_an_auth_file_of_its_own() {
    let reg = Registry::start_with_auth("alice", "rootless-pass");
    let img = fixtures::busybox(&[]).gzipped();
    reg.push_oci("rootless/secure", "1", &img);
    let r = store_for(&reg.addr());
    let out = ok(
        &r,
        &["login", "-u", "alice", "-p", "rootless-pass", &reg.addr()],
    );
    assert_eq!(out.trim(), "Login Succeeded!");
    let meta = std::fs::metadata(r.auth_file()).unwrap();
    let (uid, _) = rootless_ids();
    assert_eq!(meta.uid(), uid, "written by the user");
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let doc: Value = serde_json::from_slice(&std::fs::read(r.auth_file()).unwrap()).unwrap();
    assert!(doc["auths"][reg.addr()]["auth"].is_string(), "{doc}");
    let name = format!("{}/rootless/secure:1", reg.addr());
    assert_eq!(ok(&r, &["pull", &name]).trim(), img.id());
    ok(&r, &["logout", &reg.addr()]);
}
