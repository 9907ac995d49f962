//! The v1 freezer, which `pause` uses where cgroup v2's `cgroup.freeze` is
//! missing (a pure v1 host, or a kernel before 5.2). This host's unified
//! hierarchy has `cgroup.freeze`, so `rctl pause` takes v2 here (tests/
//! resources.rs); this test freezes a real container through the v1 freezer
//! with rctl's own library: its cgroup as a pure v1 host has it, with no v2
//! directory. `rm` then removes the freezer cgroup with the container.

mod common;

use std::path::{Path, PathBuf};

use common::{Busybox, eventually};
use rctl::container::cgroup::{Cgroup, Freezer};

const MOUNT: &str = "/sys/fs/cgroup/freezer";

#[test]
fn the_v1_freezer_freezes_and_thaws_a_container() {
    // Where no v1 freezer is mounted (a pure v2 host) there is nothing to test.
    if !Path::new(MOUNT).join("cgroup.procs").exists() {
        return;
    }
    let r = Busybox::new();
    r.ok([
        "run",
        "-d",
        "--name",
        "counter",
        "busybox",
        "sh",
        "-c",
        "i=0; while true; do i=$((i+1)); echo $i > /tmp/n; sleep 0.01; done",
    ]);
    let id = r
        .ok(["inspect", "--format", "{{.Id}}", "counter"])
        .trim()
        .to_string();
    let pid: i32 = r
        .ok(["inspect", "--format", "{{.State.Pid}}", "counter"])
        .trim()
        .parse()
        .unwrap();
    let file = format!("/proc/{pid}/root/tmp/n");
    let read = || std::fs::read_to_string(&file).unwrap_or_default();
    eventually("the counter to start", || {
        (!read().trim().is_empty()).then_some(())
    });
    let cg = Cgroup {
        dir: None,
        v1: Some(PathBuf::from("rctl").join(&id)),
    };
    let dir = Path::new(MOUNT).join("rctl").join(&id);
    assert_eq!(cg.freezer(Path::exists), Some(Freezer::V1(dir.clone())));

    cg.freeze(true, pid).unwrap();
    let state = || std::fs::read_to_string(dir.join("freezer.state")).unwrap();
    assert_eq!(state().trim(), "FROZEN");
    let own = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap();
    assert!(
        own.lines()
            .any(|l| l.ends_with(&format!(":freezer:/rctl/{id}"))),
        "{own}"
    );
    let frozen = read();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(read(), frozen, "the counter moved while frozen");

    cg.freeze(false, pid).unwrap();
    assert_eq!(state().trim(), "THAWED");
    eventually("the counter to move again", || {
        (read() != frozen).then_some(())
    });
    r.ok(["rm", "-f", "counter"]);
    assert!(!dir.exists(), "rm removes the freezer cgroup");
}
