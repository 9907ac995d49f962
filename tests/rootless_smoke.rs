//! The rootless harness works: rctl runs as the unprivileged test user.

mod common;

use common::{Rctl, fixtures};

#[test]
fn rootless_run_sees_root_owned_files_as_root() {
    let r = Rctl::rootless();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let out = r.ok([
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "id -u; ls -ln /etc/shadow",
    ]);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("0"));
    let shadow: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!((shadow[2], shadow[3]), ("0", "0"), "{out}");
}
