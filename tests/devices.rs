//! The device allow list every rootful container gets (runc's defaults and
//! its `--device` nodes): a device node that comes with the image, or one
//! the container makes with CAP_MKNOD, cannot be opened, so an image cannot
//! reach the host's devices by their numbers. On this host it is an eBPF
//! program on the container's cgroup v2 (tests/devices_v1.rs drives the v1
//! controller). /dev/fuse (10:229) stands for "a host device": not a
//! standard node, and opening it does nothing by itself.

mod common;

use common::fixtures::{self, Image, LayerBuilder};
use common::{Busybox, Rctl, parts};
use serde_json::json;

/// busybox with a character node for /dev/fuse's numbers at /imgdev.
fn image_with_node() -> Image {
    let node = LayerBuilder::new()
        .char_device("imgdev", 0o666, 10, 229)
        .build();
    Image::new(
        vec![fixtures::busybox_layer(), node],
        json!({}),
        &["nodes:latest"],
    )
}

/// `run --rm FLAGS IMAGE sh -c SCRIPT`: (code, stdout, stderr).
fn sh(r: &Rctl, flags: &[&str], image: &str, script: &str) -> (i32, String, String) {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&[image, "sh", "-c", script]);
    parts(&r.run(&args))
}

/// Opens `path` for reading, then for writing: what each gave.
const OPEN_RW: &str = "(: < $P) 2>/dev/null && echo read-ok || echo read-refused; \
                       (: > $P) 2>/dev/null && echo write-ok || echo write-refused";

fn open_rw(path: &str) -> String {
    OPEN_RW.replace("$P", path)
}

#[test]
fn a_node_from_the_image_cannot_be_opened() {
    let r = Busybox::new();
    r.load(&image_with_node());
    let script = format!("[ -c /imgdev ] && echo is-a-node; {}", open_rw("/imgdev"));
    let (code, out, err) = sh(&r, &[], "nodes", &script);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "is-a-node\nread-refused\nwrite-refused\n");
    // The refusal is the kernel's EPERM, as with runc.
    let (code, _, err) = sh(&r, &[], "nodes", "cat /imgdev");
    assert_ne!(code, 0);
    assert!(err.contains("Operation not permitted"), "{err}");
    // All capabilities do not lift it; --privileged does.
    let (_, out, _) = sh(&r, &["--cap-add", "ALL"], "nodes", &open_rw("/imgdev"));
    assert_eq!(out, "read-refused\nwrite-refused\n");
    let (_, out, _) = sh(&r, &["--privileged"], "nodes", &open_rw("/imgdev"));
    assert_eq!(out, "read-ok\nwrite-ok\n");
}

#[test]
fn a_node_made_with_cap_mknod_cannot_be_opened() {
    let r = Busybox::new();
    let script = format!(
        "mknod /tmp/dev c 10 229 && echo made; {}",
        open_rw("/tmp/dev")
    );
    let (code, out, err) = sh(&r, &["--cap-add", "MKNOD"], "busybox", &script);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "made\nread-refused\nwrite-refused\n");
}

#[test]
fn the_standard_nodes_and_devices_given_still_work() {
    let r = Busybox::new();
    let script = "echo x > /dev/null && echo null; head -c 3 /dev/zero | wc -c; \
                  head -c 4 /dev/urandom | wc -c; head -c 2 /dev/random | wc -c; \
                  (echo x > /dev/full) 2>&1 | grep -q 'No space' && echo full";
    let (code, out, err) = sh(&r, &[], "busybox", script);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "null\n3\n4\n2\nfull\n");
    // A terminal: /dev/ptmx and the pts nodes.
    let (code, out, err) = sh(&r, &["-t"], "busybox", "tty; echo x > $(tty) && echo pts");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("/dev/pts/") && out.contains("pts"), "{out}");
    // --device: with every permission, and read-only.
    let (_, out, _) = sh(
        &r,
        &["--device", "/dev/fuse"],
        "busybox",
        &open_rw("/dev/fuse"),
    );
    assert_eq!(out, "read-ok\nwrite-ok\n");
    let (_, out, _) = sh(
        &r,
        &["--device", "/dev/fuse:/dev/myfuse:r"],
        "busybox",
        &open_rw("/dev/myfuse"),
    );
    assert_eq!(out, "read-ok\nwrite-refused\n");
}

#[test]
fn exec_is_held_by_the_same_list() {
    let r = Busybox::new();
    r.load(&image_with_node());
    let id = r
        .ok(["run", "-d", "nodes", "sleep", "60"])
        .trim()
        .to_string();
    let (code, out, err) = parts(&r.run(["exec", &id, "sh", "-c", &open_rw("/imgdev")]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "read-refused\nwrite-refused\n");
    r.ok(["rm", "-f", "-t", "0", &id]);
}

#[test]
fn rootless_images_carry_no_device_nodes() {
    // A user cannot make device nodes: the unpacker leaves the entry out
    // or as a plain file, and host nodes open with the user's own rights.
    let r = Rctl::rootless();
    r.load(&image_with_node());
    let out = r.ok_within(
        60,
        &[
            "run",
            "--rm",
            "nodes",
            "sh",
            "-c",
            "[ -c /imgdev ] && echo node || echo no-node",
        ],
    );
    assert_eq!(out, "no-node\n");
}
