//! `--userns=keep-id` (rootless, as podman): the test user's own uid and gid
//! are the same numbers inside the container (or those of `uid=`/`gid=`),
//! its process runs as that user with an /etc/passwd entry naming it, files
//! the user shares with a bind mount are that user's inside and writable,
//! and the image's files keep their owners. Root is refused.

mod common;

use std::os::unix::fs::MetadataExt;

use common::fixtures::{self, Image, LayerBuilder};
use common::{Rctl, rootless_ids};
use serde_json::json;

/// Seconds a container may take before the test calls it a hang.
const LIMIT: u64 = 60;

/// Runs `args` (must succeed) and returns standard output.
fn ok(r: &Rctl, args: &[&str]) -> String {
    r.ok_within(LIMIT, args)
}

/// Removes every container of the store when dropped, even when the test
/// fails: no container outlives its test.
struct RmAll<'a>(&'a Rctl);

impl Drop for RmAll<'_> {
    fn drop(&mut self) {
        let _ = common::output_within(&mut self.0.cmd(["rm", "-af"]), 30);
    }
}

/// The name of group `gid` in the host's /etc/group.
fn group_name(gid: u32) -> String {
    std::fs::read_to_string("/etc/group")
        .unwrap()
        .lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() > 2 && f[2] == gid.to_string()).then(|| f[0].to_string())
        })
        .unwrap()
}

/// A rootless store with an image whose files belong to root and to users
/// 1000, the test user's uid, and 2000.
fn store() -> Rctl {
    let r = Rctl::rootless();
    let (uid, gid) = rootless_ids();
    let owned = LayerBuilder::new()
        .dir("home", 0o755)
        .file_owned("home/a1000", 0o644, 1000, 1000, b"a\n")
        .file_owned("home/mine", 0o644, uid.into(), gid.into(), b"m\n")
        .file_owned("home/a2000", 0o644, 2000, 2000, b"b\n")
        .build();
    r.load(&Image::new(
        vec![fixtures::busybox_layer(), owned],
        json!({}),
        &["owned:1"],
    ));
    r
}

/// A directory of the test user's with a file it owns, to bind-mount.
fn shared_dir(r: &Rctl) -> std::path::PathBuf {
    let (uid, gid) = rootless_ids();
    let dir = r.dir().join("shared");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes"), "host\n").unwrap();
    for p in [&dir, &dir.join("notes")] {
        std::os::unix::fs::chown(p, Some(uid), Some(gid)).unwrap();
    }
    dir
}

#[test]
fn the_user_is_itself_inside_and_image_owners_stay() {
    let r = store();
    let (uid, gid) = rootless_ids();
    let out = ok(
        &r,
        &[
            "run",
            "--rm",
            "--userns",
            "keep-id",
            "owned:1",
            "sh",
            "-c",
            "id -u; id -g; id -un; id -gn; echo $HOME; \
             stat -c '%u:%g' /etc/passwd /bin/busybox /home/a1000 /home/mine /home/a2000; \
             grep rctltest /etc/passwd",
        ],
    );
    let group = group_name(gid);
    assert_eq!(
        out,
        format!(
            "{uid}\n{gid}\nrctltest\n{group}\n/\n0:0\n0:0\n1000:1000\n{uid}:{gid}\n2000:2000\n\
             rctltest:*:{uid}:{gid}::/:/bin/sh\n"
        )
    );
    // The image's root still is the container's root.
    assert_eq!(
        ok(
            &r,
            &[
                "run",
                "--rm",
                "--userns",
                "keep-id",
                "--user",
                "0",
                "owned:1",
                "sh",
                "-c",
                "id -u; echo x > /etc/written && stat -c '%u' /etc/written",
            ],
        ),
        "0\n0\n"
    );
}

#[test]
fn bind_mounted_files_of_the_user_are_its_own_and_writable() {
    let r = store();
    let (uid, gid) = rootless_ids();
    let dir = shared_dir(&r);
    let volume = format!("{}:/data", dir.display());
    let out = ok(
        &r,
        &[
            "run",
            "--rm",
            "--userns",
            "keep-id",
            "-v",
            &volume,
            "owned:1",
            "sh",
            "-c",
            "stat -c '%u:%g' /data/notes; echo container >> /data/notes && echo new > /data/made && echo wrote",
        ],
    );
    assert_eq!(out, format!("{uid}:{gid}\nwrote\n"));
    assert_eq!(
        std::fs::read_to_string(dir.join("notes")).unwrap(),
        "host\ncontainer\n"
    );
    let made = std::fs::metadata(dir.join("made")).unwrap();
    assert_eq!(
        (made.uid(), made.gid()),
        (uid, gid),
        "the user's own on the host"
    );
}

#[test]
fn other_ids_inside_with_uid_and_gid_options() {
    let r = store();
    let (uid, gid) = rootless_ids();
    let dir = shared_dir(&r);
    let volume = format!("{}:/data", dir.display());
    let out = ok(
        &r,
        &[
            "run",
            "--rm",
            "--userns",
            "keep-id:uid=1000,gid=1000",
            "-v",
            &volume,
            "owned:1",
            "sh",
            "-c",
            "id -u; id -g; stat -c '%u:%g' /data/notes /home/a1000 /etc/passwd; touch /data/by1000 && echo wrote",
        ],
    );
    // The image's 1000 is the user now (podman's map puts the user there).
    assert_eq!(out, "1000\n1000\n1000:1000\n1000:1000\n0:0\nwrote\n");
    let made = std::fs::metadata(dir.join("by1000")).unwrap();
    assert_eq!((made.uid(), made.gid()), (uid, gid));
}

#[test]
fn home_is_the_users_when_mounted_and_exec_runs_as_the_user() {
    let r = store();
    let _rm = RmAll(&r);
    let dir = shared_dir(&r);
    // The test user's home in the host's /etc/passwd.
    let home = std::fs::read_to_string("/etc/passwd")
        .unwrap()
        .lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f[0] == common::ROOTLESS_USER).then(|| f[5].to_string())
        })
        .unwrap();
    let volume = format!("{}:{home}", dir.display());
    ok(
        &r,
        &[
            "run",
            "-d",
            "--name",
            "k",
            "--userns",
            "keep-id",
            // rctl's own network stack: the parent opens the namespaces of
            // a process that became another user in its new namespace.
            "--network",
            "private",
            "-v",
            &volume,
            "owned:1",
            "sleep",
            "100",
        ],
    );
    let (uid, _) = rootless_ids();
    assert_eq!(
        ok(&r, &["exec", "k", "sh", "-c", "id -u; id -un; echo $HOME"]),
        format!("{uid}\nrctltest\n{home}\n")
    );
    assert_eq!(ok(&r, &["exec", "-u", "0", "k", "id", "-u"]), "0\n");
    ok(&r, &["rm", "-f", "k"]);
}

#[test]
fn root_is_refused() {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let (code, err) = r.fails(["run", "--rm", "--userns", "keep-id", "busybox", "true"]);
    assert_eq!(code, 125);
    assert!(err.contains("keep-id") && err.contains("rootless"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
}
