//! Volumes and mounts, rootless: rctl run as the unprivileged test user.
//! A volume's files belong to the ids the container's users map to (its
//! root is the user; others are subordinate ids), the container's root sees
//! them as its own, and the user can remove them again.

mod common;

use std::os::unix::fs::MetadataExt;

use common::fixtures::{self, LayerBuilder};
use common::{ROOTLESS_USER, Rctl, rootless_ids};
use serde_json::json;

/// Seconds a command may take before the test calls it a hang.
const LIMIT: u64 = 60;

/// Removes every container of the store when dropped, also when the test
/// fails.
struct RmAll<'a>(&'a Rctl);

impl Drop for RmAll<'_> {
    fn drop(&mut self) {
        let _ = common::output_within(&mut self.0.cmd(["rm", "-af"]), 30);
    }
}

/// A rootless store with busybox and `volimg` (busybox plus
/// /srv/data/seed.txt owned by 1000:1000).
fn store() -> Rctl {
    let r = Rctl::rootless();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let layer = LayerBuilder::new()
        .dir("srv", 0o755)
        .dir("srv/data", 0o755)
        .file_owned("srv/data/seed.txt", 0o640, 1000, 1000, b"seeded\n")
        .build();
    r.load(&fixtures::Image::new(
        vec![fixtures::busybox_layer(), layer],
        json!({}),
        &["volimg:latest"],
    ));
    r
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs `args` (must succeed) and returns standard output.
fn ok(r: &Rctl, args: &[&str]) -> String {
    r.ok_within(LIMIT, args)
}

/// The first subordinate uid of the test user.
fn first_subuid() -> u32 {
    let (uid, _) = rootless_ids();
    let subuid = std::fs::read_to_string("/etc/subuid").unwrap();
    subuid
        .lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f[0] == ROOTLESS_USER || f[0] == uid.to_string()).then(|| f[1].parse().unwrap())
        })
        .expect("the test user has subordinate uids")
}

#[test]
fn volume_files_belong_to_the_mapped_users() {
    let r = store();
    let _rm = RmAll(&r);
    let (uid, _) = rootless_ids();
    let out = ok(
        &r,
        &[
            "run",
            "--rm",
            "-v",
            "data:/data",
            "busybox",
            "sh",
            "-c",
            "echo kept > /data/f; touch /data/g; chown 1000:1000 /data/g; stat -c '%u' /data /data/f",
        ],
    );
    assert_eq!(out, "0\n0\n", "the container's root owns its volume");
    let data = r.root().join("volumes/data/_data");
    assert_eq!(
        std::fs::metadata(&data).unwrap().uid(),
        uid,
        "the user on the host"
    );
    assert_eq!(std::fs::metadata(data.join("f")).unwrap().uid(), uid);
    assert_eq!(
        std::fs::metadata(data.join("g")).unwrap().uid(),
        first_subuid() + 999,
        "container uid 1000 is a subordinate id"
    );
    let out = ok(
        &r,
        &["run", "--rm", "-v", "data:/d", "busybox", "cat", "/d/f"],
    );
    assert_eq!(out, "kept\n", "it outlives the container");
    // The image's files keep their owners when copied into a new volume.
    let out = ok(
        &r,
        &[
            "run",
            "--rm",
            "-v",
            "seeded:/srv/data",
            "volimg",
            "stat",
            "-c",
            "%u:%g",
            "/srv/data/seed.txt",
        ],
    );
    assert_eq!(out, "1000:1000\n");
    let seed = r.root().join("volumes/seeded/_data/seed.txt");
    assert_eq!(std::fs::metadata(seed).unwrap().uid(), first_subuid() + 999);
    // In use by a running container: refused (2), then -f removes it too.
    let id = ok(
        &r,
        &["run", "-d", "-v", "seeded:/s", "busybox", "sleep", "600"],
    );
    let out = r.run_within(LIMIT, ["volume", "rm", "seeded"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(ok(&r, &["volume", "rm", "-f", "seeded"]), "seeded\n");
    assert!(
        ok(&r, &["ps", "-aq"]).is_empty(),
        "{} went with it",
        id.trim()
    );
    // `o=uid=` names an id of the container's world.
    ok(
        &r,
        &["volume", "create", "--opt", "o=uid=1000,gid=1000", "owned"],
    );
    let owned = r.root().join("volumes/owned/_data");
    assert_eq!(
        std::fs::metadata(owned).unwrap().uid(),
        first_subuid() + 999
    );
    let out = ok(
        &r,
        &[
            "run", "--rm", "-v", "owned:/o", "busybox", "stat", "-c", "%u", "/o",
        ],
    );
    assert_eq!(out, "1000\n");
    ok(&r, &["volume", "rm", "owned"]);
    // The user removes them, subordinate-owned files and all.
    assert_eq!(ok(&r, &["volume", "rm", "data"]), "data\n");
    assert!(!r.root().join("volumes/data").exists());
    assert!(!r.root().join("volumes/seeded").exists());
}

#[test]
fn rootless_mounts_tmpfs_binds_and_anonymous_volumes() {
    let r = store();
    let _rm = RmAll(&r);
    let (uid, gid) = rootless_ids();
    let host = r.dir().join("shared");
    std::fs::create_dir(&host).unwrap();
    std::os::unix::fs::chown(&host, Some(uid), Some(gid)).unwrap();
    let bind = format!("{}:/h", host.display());
    let bind_ro = format!("{}:/r:ro", host.display());
    let out = ok(
        &r,
        &[
            "run",
            "--rm",
            "-v",
            &bind,
            "-v",
            &bind_ro,
            "--tmpfs",
            "/t:size=256k",
            "-v",
            "/anon",
            "busybox",
            "sh",
            "-c",
            "echo w > /h/f; touch /r/x 2>/dev/null && echo wrote || echo refused; \
             grep ' /t ' /proc/mounts | cut -d' ' -f1,3; echo a > /anon/f",
        ],
    );
    assert_eq!(out, "refused\ntmpfs tmpfs\n");
    assert_eq!(std::fs::read_to_string(host.join("f")).unwrap(), "w\n");
    assert_eq!(std::fs::metadata(host.join("f")).unwrap().uid(), uid);
    assert_eq!(
        ok(&r, &["volume", "ls", "-q"]),
        "",
        "the anonymous volume went with --rm"
    );
    let id = ok(&r, &["create", "-v", "/anon", "busybox", "true"]);
    assert_eq!(ok(&r, &["volume", "ls", "-q"]).lines().count(), 1);
    ok(&r, &["rm", "-v", id.trim()]);
    assert_eq!(ok(&r, &["volume", "ls", "-q"]), "", "rm -v");
}
