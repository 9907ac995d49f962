//! The v1 `devices` controller, which holds the device allow list where a
//! container has no cgroup v2 directory (a pure v1 host). This host gives
//! every rootful container a v2 cgroup, so rctl takes the eBPF path here
//! (tests/devices.rs); this test drives the v1 path with rctl's own library:
//! the allow list written to a container's v1 devices cgroup, a process
//! placed in it as the container's process places itself, and the cgroup
//! removed as `rm` removes it.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use rctl::container::cgroup::{Cgroup, join_v1};
use rctl::container::security::devices::{Device, cgroup_rules, host_node};

const MOUNT: &str = "/sys/fs/cgroup/devices";

#[test]
fn the_v1_devices_cgroup_holds_the_allow_list() {
    // Where no v1 devices controller is mounted (a pure v2 host) there is
    // nothing to test.
    if !Path::new(MOUNT).join("cgroup.procs").exists() {
        return;
    }
    let id = format!("devices-v1-test-{}", std::process::id());
    let cg = Cgroup {
        dir: None,
        v1: Some(PathBuf::from("rctl").join(&id)),
    };
    // /dev/fuse given read-only, as `--device /dev/fuse:/dev/myfuse:r`.
    let fuse = Device {
        host: "/dev/fuse".into(),
        container: "/dev/myfuse".into(),
        permissions: "r".into(),
    };
    let procs = cg
        .allow_devices(&cgroup_rules(&[fuse], host_node))
        .unwrap()
        .expect("a v1 devices cgroup");
    let dir = Path::new(MOUNT).join("rctl").join(&id);
    let list = std::fs::read_to_string(dir.join("devices.list")).unwrap();
    assert!(list.lines().any(|l| l == "c 10:229 r"), "{list}");
    assert!(list.lines().any(|l| l == "c 1:3 rwm"), "{list}");
    assert!(
        !list.contains("a *:* rwm"),
        "everything else denied: {list}"
    );

    // A process in that cgroup (the host's root, so only the cgroup stands
    // in its way): /dev/fuse read but not written, /dev/loop-control not
    // opened, /dev/null written.
    let script = "(: < /dev/fuse) 2>/dev/null && echo read || echo read-refused; \
                  (: > /dev/fuse) 2>/dev/null && echo wrote || echo write-refused; \
                  (: < /dev/loop-control) 2>/dev/null && echo other || echo other-refused; \
                  echo x > /dev/null && echo null";
    let mut cmd = Command::new("sh");
    cmd.args(["-c", script]);
    // SAFETY: only a write(2) to an open descriptor between fork and exec.
    unsafe {
        cmd.pre_exec(move || join_v1(std::slice::from_ref(&procs)));
    }
    let out = cmd.output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "read\nwrite-refused\nother-refused\nnull\n"
    );

    cg.remove().unwrap();
    assert!(!dir.exists(), "removed with the container");
}
