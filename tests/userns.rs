//! `--userns=auto` (root): a user namespace per container, with a range of
//! host ids of its own from the subordinate ids of the user `containers`
//! (tests/run adds them), and the image's layers through idmapped mounts.

mod common;

use common::fixtures::{Image, LayerBuilder};
use common::{Rctl, fixtures};
use serde_json::json;

fn uid_map(r: &Rctl, name: &str) -> Vec<u64> {
    r.ok(["exec", name, "cat", "/proc/self/uid_map"])
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect()
}

#[test]
fn containers_get_their_own_id_ranges_and_see_image_owners() {
    let r = Rctl::new();
    let owned = LayerBuilder::new()
        .dir("home", 0o755)
        .file_owned("home/app.txt", 0o644, 1000, 1000, b"app\n")
        .build();
    r.load(&Image::new(
        vec![fixtures::busybox_layer(), owned],
        json!({}),
        &["owned:1"],
    ));
    let out = r.ok([
        "run",
        "--rm",
        "--userns",
        "auto",
        "owned:1",
        "sh",
        "-c",
        "id -u; ls -ln /etc/shadow /home/app.txt | awk '{print $3, $4}'; echo w > /w && echo wrote",
    ]);
    assert_eq!(
        out, "0\n0 0\n1000 1000\nwrote\n",
        "image owners as the image says"
    );
    r.ok([
        "run", "-d", "--name", "a", "--userns", "auto", "owned:1", "sleep", "100",
    ]);
    r.ok([
        "run",
        "-d",
        "--name",
        "b",
        "--userns",
        "auto:size=1024",
        "owned:1",
        "sleep",
        "100",
    ]);
    let (a, b) = (uid_map(&r, "a"), uid_map(&r, "b"));
    assert_eq!((a[0], a[2], b[0], b[2]), (0, 65536, 0, 1024));
    let (a_start, b_start) = (a[1], b[1]);
    assert!(a_start >= 1 && b_start >= 1, "not the host's root");
    assert!(
        b_start >= a_start + 65536 || a_start >= b_start + 1024,
        "ranges do not overlap"
    );
    // exec joins the container's namespace; its users map inside it.
    assert_eq!(r.ok(["exec", "-u", "nobody", "a", "id", "-u"]), "65534\n");
    // What the container writes lands with its host ids.
    r.ok(["exec", "a", "sh", "-c", "echo x > /written"]);
    let id = r
        .ok(["inspect", "--format", "{{.Id}}", "a"])
        .trim()
        .to_string();
    let meta =
        std::fs::metadata(r.root().join("containers").join(&id).join("upper/written")).unwrap();
    assert_eq!(std::os::unix::fs::MetadataExt::uid(&meta) as u64, a_start);
    r.ok(["rm", "-f", "a", "b"]);
}

#[test]
fn unknown_userns_modes_are_refused() {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let (code, err) = r.fails([
        "run",
        "--rm",
        "--userns",
        "private-magic",
        "busybox",
        "true",
    ]);
    assert_eq!(code, 125);
    assert!(err.contains("--userns"), "{err}");
}
