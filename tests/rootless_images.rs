//! Rootless images and store: rctl run as the unprivileged test user unpacks
//! layers inside its user namespace, so files keep their image owners there
//! and belong to the user's subordinate ids on the host; `rctl unshare`
//! enters that namespace; the store lives where the user's environment says;
//! and the user can remove what it unpacked.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::fixtures::{self, Image, LayerBuilder};
use common::{ROOTLESS_USER, Rctl, rootless_ids};
use serde_json::json;

/// The first subordinate range of the test user in `file` (/etc/subuid or
/// /etc/subgid), looked up by name or by `id`: what rctl maps to id 1.
fn first_subid(file: &str, id: u32) -> u32 {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .find_map(|l| {
            let f: Vec<&str> = l.trim().split(':').collect();
            (f.len() == 3 && (f[0] == ROOTLESS_USER || f[0] == id.to_string()))
                .then(|| f[1].parse().unwrap())
        })
        .unwrap_or_else(|| panic!("{ROOTLESS_USER} has no range in {file}"))
}

/// The host uid and gid that id `inside` (of the container) maps to, given
/// rctl's mapping: 0 -> the user, 1.. -> the first subordinate range.
fn host_ids(inside: u32) -> (u32, u32) {
    let (uid, gid) = rootless_ids();
    if inside == 0 {
        return (uid, gid);
    }
    (
        first_subid("/etc/subuid", uid) + inside - 1,
        first_subid("/etc/subgid", gid) + inside - 1,
    )
}

/// The layer of the owned image: a file of user 1000, setuid and setgid
/// files, and a directory of user 1000.
fn owned_layer() -> Vec<u8> {
    LayerBuilder::new()
        .dir("data", 0o755)
        .file_owned("data/owned", 0o644, 1000, 1000, b"mine\n")
        .file_owned("data/suid-root", 0o4755, 0, 0, b"#!/bin/sh\necho suid\n")
        .file_owned("data/suid-user", 0o6755, 1000, 1000, b"#!/bin/sh\n")
        .file_owned("data/nobody", 0o600, 65534, 65534, b"nobody's\n")
        .build()
}

/// A layer with a directory of user 1000 that nobody may write (mode 0500)
/// and a read-only file in it: only root in the namespace can remove them.
fn locked_layer() -> Vec<u8> {
    let mut tar = tar::Builder::new(Vec::new());
    let mut entry = |path: &str, kind: tar::EntryType, mode: u32, data: &[u8]| {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_size(data.len() as u64);
        h.set_uid(1000);
        h.set_gid(1000);
        h.set_mtime(fixtures::EPOCH);
        tar.append_data(&mut h, path, data).unwrap();
    };
    entry("locked", tar::EntryType::Directory, 0o500, b"");
    entry("locked/file", tar::EntryType::Regular, 0o400, b"locked\n");
    entry("locked/sub", tar::EntryType::Directory, 0o000, b"");
    tar.into_inner().unwrap()
}

/// busybox plus [`owned_layer`] and [`locked_layer`].
fn owned_image() -> Image {
    Image::new(
        vec![fixtures::busybox_layer(), owned_layer(), locked_layer()],
        json!({}),
        &["owned:latest"],
    )
}

/// `ROOT/layers/<diffid hex>/diff` of layer tar `layer`.
fn layer_diff(r: &Rctl, layer: &[u8]) -> PathBuf {
    let hex = &fixtures::digest(layer)["sha256:".len()..];
    r.root().join("layers").join(hex).join("diff")
}

/// `ls -ln` fields of one line: (mode, uid, gid).
fn ls_fields(line: &str) -> (String, String, String) {
    let f: Vec<&str> = line.split_whitespace().collect();
    assert!(f.len() >= 4, "not an ls -ln line: {line:?}");
    (f[0].to_string(), f[2].to_string(), f[3].to_string())
}

#[test]
fn load_as_user_unpacks_busybox_with_root_files_owned_by_the_user() {
    let r = Rctl::rootless();
    let out = r.load(&fixtures::busybox(&["busybox:latest"]));
    assert!(out.contains("busybox:latest"), "{out}");
    let diff = layer_diff(&r, &fixtures::busybox_layer());
    let (uid, gid) = rootless_ids();
    for f in ["etc/shadow", "bin/busybox", "etc", "tmp", "root"] {
        let m = std::fs::symlink_metadata(diff.join(f)).unwrap();
        assert_eq!(
            (m.uid(), m.gid()),
            (uid, gid),
            "{f}: root in the namespace is the user on the host"
        );
    }
    let shadow = std::fs::metadata(diff.join("etc/shadow")).unwrap();
    assert_eq!(shadow.mode() & 0o7777, 0o640);
    let tmp = std::fs::metadata(diff.join("tmp")).unwrap();
    assert_eq!(tmp.mode() & 0o7777, 0o1777, "sticky bit kept");
    assert_eq!(r.ok(["images", "-q"]).lines().count(), 1);
}

#[test]
fn container_sees_image_owners_and_host_sees_subordinate_ids() {
    let r = Rctl::rootless();
    r.load(&owned_image());
    let out = r.ok([
        "run",
        "--rm",
        "owned",
        "sh",
        "-c",
        "ls -ln /etc/shadow; ls -ln /data/owned; ls -ln /data/suid-root; ls -ln /data/suid-user; ls -ln /data/nobody; ls -lnd /data",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    let shadow = ls_fields(lines[0]);
    assert_eq!((&shadow.1[..], &shadow.2[..]), ("0", "0"), "{out}");
    assert_eq!(shadow.0, "-rw-r-----", "{out}");
    let owned = ls_fields(lines[1]);
    assert_eq!((&owned.1[..], &owned.2[..]), ("1000", "1000"), "{out}");
    let suid = ls_fields(lines[2]);
    assert_eq!(suid, ("-rwsr-xr-x".into(), "0".into(), "0".into()), "{out}");
    let suid_user = ls_fields(lines[3]);
    assert_eq!(
        suid_user,
        ("-rwsr-sr-x".into(), "1000".into(), "1000".into()),
        "setuid and setgid kept after the chown: {out}"
    );
    let nobody = ls_fields(lines[4]);
    assert_eq!(
        nobody,
        ("-rw-------".into(), "65534".into(), "65534".into()),
        "{out}"
    );
    let data = ls_fields(lines[5]);
    assert_eq!((&data.1[..], &data.2[..]), ("0", "0"), "{out}");

    // On the host: the subordinate ids.
    let diff = layer_diff(&r, &owned_layer());
    let owned = std::fs::metadata(diff.join("data/owned")).unwrap();
    assert_eq!((owned.uid(), owned.gid()), host_ids(1000));
    let nobody = std::fs::metadata(diff.join("data/nobody")).unwrap();
    assert_eq!((nobody.uid(), nobody.gid()), host_ids(65534));
    let suid_user = std::fs::metadata(diff.join("data/suid-user")).unwrap();
    assert_eq!((suid_user.uid(), suid_user.gid()), host_ids(1000));
    assert_eq!(suid_user.mode() & 0o7777, 0o6755);
    let suid_root = std::fs::metadata(diff.join("data/suid-root")).unwrap();
    assert_eq!((suid_root.uid(), suid_root.gid()), host_ids(0));
    assert_eq!(suid_root.mode() & 0o7777, 0o4755);
    let shadow =
        std::fs::metadata(layer_diff(&r, &fixtures::busybox_layer()).join("etc/shadow")).unwrap();
    assert_eq!((shadow.uid(), shadow.gid()), host_ids(0));
}

#[test]
fn file_written_by_a_non_root_container_user_belongs_to_its_subordinate_id() {
    let r = Rctl::rootless();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let out = r.ok([
        "run",
        "--name",
        "w",
        "-u",
        "65534:65534",
        "busybox",
        "sh",
        "-c",
        "echo hi > /tmp/by-nobody; ls -ln /tmp/by-nobody",
    ]);
    let f = ls_fields(out.lines().next().unwrap());
    assert_eq!((&f.1[..], &f.2[..]), ("65534", "65534"), "{out}");
    let id = r.ok(["inspect", "-f", "{{.Id}}", "w"]).trim().to_string();
    let upper = r.root().join("containers").join(&id).join("upper");
    let path = if upper.exists() {
        upper.join("tmp/by-nobody")
    } else {
        // The vfs driver keeps the whole root in the container's directory.
        find_file(&r.root().join("containers").join(&id), "by-nobody")
            .expect("the written file is in the container's directory")
    };
    let m = std::fs::metadata(&path).unwrap();
    assert_eq!((m.uid(), m.gid()), host_ids(65534), "{}", path.display());
    r.ok(["rm", "w"]);
}

fn find_file(dir: &Path, name: &str) -> Option<PathBuf> {
    for e in std::fs::read_dir(dir).ok()?.flatten() {
        let p = e.path();
        if e.file_name() == name {
            return Some(p);
        }
        if e.file_type().ok()?.is_dir()
            && let Some(f) = find_file(&p, name)
        {
            return Some(f);
        }
    }
    None
}

#[test]
fn unshare_shows_the_subordinate_mapping() {
    let r = Rctl::rootless();
    let (uid, gid) = rootless_ids();
    let parse = |out: &str| -> Vec<Vec<u64>> {
        out.lines()
            .map(|l| l.split_whitespace().map(|f| f.parse().unwrap()).collect())
            .collect()
    };
    let uid_map = parse(&r.ok(["unshare", "cat", "/proc/self/uid_map"]));
    assert!(uid_map.len() >= 2, "{uid_map:?}");
    assert_eq!(uid_map[0], [0, uid as u64, 1]);
    assert_eq!(uid_map[1][0], 1);
    assert_eq!(uid_map[1][1], first_subid("/etc/subuid", uid) as u64);
    assert!(uid_map[1][2] >= 65536, "{uid_map:?}");
    let gid_map = parse(&r.ok(["unshare", "cat", "/proc/self/gid_map"]));
    assert_eq!(gid_map[0], [0, gid as u64, 1]);
    assert_eq!(gid_map[1][..2], [1, first_subid("/etc/subgid", gid) as u64]);
    assert_eq!(r.ok(["unshare", "id", "-u"]).trim(), "0");
    assert_eq!(r.ok(["unshare", "id", "-g"]).trim(), "0");
}

#[test]
fn unshare_sees_store_files_with_their_container_owners() {
    let r = Rctl::rootless();
    r.load(&owned_image());
    let diff = layer_diff(&r, &owned_layer());
    let out = r.ok([
        "unshare",
        "stat",
        "-c",
        "%u:%g %n",
        diff.join("data/owned").to_str().unwrap(),
        diff.join("data/suid-root").to_str().unwrap(),
    ]);
    let owners: Vec<&str> = out
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(owners, ["1000:1000", "0:0"], "{out}");
}

#[test]
fn unshare_exit_codes_and_default_shell() {
    let r = Rctl::rootless();
    let out = r.run(["unshare", "sh", "-c", "exit 7"]);
    assert_eq!(out.status.code(), Some(7));
    let (code, err) = r.fails(["unshare", "/no/such/command"]);
    assert_eq!(code, 127, "{err}");
    // No command: $SHELL (here /bin/sh) reads its commands from stdin.
    let out = r.run_stdin(["unshare"], b"id -u\n");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
}

#[test]
fn rootless_store_is_where_root_says() {
    let r = Rctl::rootless();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    assert!(r.root().join("layers").is_dir());
    let (uid, _) = rootless_ids();
    assert_eq!(std::fs::metadata(r.root()).unwrap().uid(), uid);
    // Nothing of this store in the user's default places.
    assert!(!r.dir().join(".local/share/rctl").exists());
    struct RmAll<'a>(&'a Rctl);
    impl Drop for RmAll<'_> {
        fn drop(&mut self) {
            let _ = common::output_within(&mut self.0.cmd(["rm", "-af"]), 30);
        }
    }
    let _rm = RmAll(&r);
    r.ok(["run", "-d", "--name", "c", "busybox", "sleep", "1000"]);
    let id = r.ok(["inspect", "-f", "{{.Id}}", "c"]).trim().to_string();
    assert!(r.root().join("containers").join(&id).is_dir());
    assert!(
        r.dir().join("run/containers").join(&id).is_dir(),
        "run dir under --runroot"
    );
    assert!(!r.dir().join("xdg-run/rctl").exists());
    r.ok(["rm", "-f", "c"]);
}

/// A home for the test user, and commands of rctl run as that user with no
/// --root or --runroot: the user's defaults apply.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::Builder::new()
            .prefix("rctl-home-")
            .tempdir()
            .unwrap();
        let (uid, gid) = rootless_ids();
        for d in ["", "xdg-run"] {
            let p = dir.path().join(d);
            std::fs::create_dir_all(&p).unwrap();
            std::os::unix::fs::chown(&p, Some(uid), Some(gid)).unwrap();
        }
        Home { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn cmd(&self, args: &[&str]) -> Command {
        use std::os::unix::process::CommandExt;
        let (uid, gid) = rootless_ids();
        let mut c = Command::new(common::bin());
        c.args(args)
            .stdin(Stdio::null())
            .uid(uid)
            .gid(gid)
            .env_remove("RCTL_ROOT")
            .env_remove("RCTL_RUNROOT")
            .env_remove("XDG_DATA_HOME")
            .env("HOME", self.path())
            .env("XDG_RUNTIME_DIR", self.path().join("xdg-run"))
            .env("USER", ROOTLESS_USER)
            .current_dir(self.path());
        c
    }

    fn ok(&self, mut c: impl std::borrow::BorrowMut<Command>) -> String {
        let c = c.borrow_mut();
        let out = c.output().unwrap();
        assert!(
            out.status.success(),
            "{c:?} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn archive(&self) -> PathBuf {
        let p = self.path().join("busybox.tar");
        fixtures::docker_archive(&p, &[&fixtures::busybox(&["busybox:latest"])]);
        p
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        // Best effort: no container may outlive the test.
        let _ = self.cmd(&["rm", "-af"]).output();
    }
}

#[test]
fn default_store_is_under_home_and_run_dir_under_xdg_runtime_dir() {
    let h = Home::new();
    let archive = h.archive();
    h.ok(h.cmd(&["load", "-i", archive.to_str().unwrap()]));
    let root = h.path().join(".local/share/rctl");
    let hex = &fixtures::digest(&fixtures::busybox_layer())["sha256:".len()..];
    let shadow = root.join("layers").join(hex).join("diff/etc/shadow");
    assert!(shadow.is_file(), "layers under ~/.local/share/rctl");
    assert_eq!(std::fs::metadata(&shadow).unwrap().uid(), rootless_ids().0);
    let out = h.ok(h.cmd(&["run", "--rm", "busybox", "sh", "-c", "ls -ln /etc/shadow"]));
    let f = ls_fields(out.trim());
    assert_eq!((&f.1[..], &f.2[..]), ("0", "0"), "{out}");
    let id = h
        .ok(h.cmd(&["run", "-d", "busybox", "sleep", "1000"]))
        .trim()
        .to_string();
    assert!(root.join("containers").join(&id).is_dir());
    assert!(
        h.path().join("xdg-run/rctl/containers").join(&id).is_dir(),
        "run dir under $XDG_RUNTIME_DIR/rctl"
    );
    let ps = h.ok(h.cmd(&["ps", "-q", "--no-trunc"]));
    assert_eq!(ps.trim(), id);
    h.ok(h.cmd(&["rm", "-f", &id]));
    // Nothing went to root's default places.
    assert!(!Path::new("/var/lib/rctl/containers").join(&id).exists());
    assert!(!Path::new("/run/rctl/containers").join(&id).exists());
}

#[test]
fn default_store_honours_xdg_data_home() {
    let h = Home::new();
    let archive = h.archive();
    let data = h.path().join("data-home");
    h.ok(h
        .cmd(&["load", "-i", archive.to_str().unwrap()])
        .env("XDG_DATA_HOME", &data));
    assert!(data.join("rctl/layers").is_dir());
    assert!(!h.path().join(".local/share/rctl").exists());
    let images = h.ok(h
        .cmd(&["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .env("XDG_DATA_HOME", &data));
    assert!(images.contains("busybox:latest"), "{images}");
    // Without it, the store under ~/.local/share is a different, empty one.
    let images = h.ok(h.cmd(&["images", "-q"]));
    assert_eq!(images.trim(), "");
}

#[test]
fn rmi_as_user_removes_layers_owned_by_subordinate_ids() {
    let r = Rctl::rootless();
    r.load(&owned_image());
    let diff = layer_diff(&r, &owned_layer());
    assert_eq!(
        std::fs::metadata(diff.join("data/owned")).unwrap().uid(),
        host_ids(1000).0
    );
    let locked = std::fs::metadata(layer_diff(&r, &locked_layer()).join("locked")).unwrap();
    assert_eq!(
        (locked.uid(), locked.mode() & 0o777),
        (host_ids(1000).0, 0o500)
    );
    // A container of the image writes files of its own users, then goes.
    r.ok([
        "run",
        "--name",
        "c",
        "-u",
        "1000:1000",
        "owned",
        "sh",
        "-c",
        "mkdir /tmp/d && echo x > /tmp/d/f && chmod 500 /tmp/d",
    ]);
    r.ok(["rm", "c"]);
    let out = r.run(["rmi", "owned"]);
    assert!(
        out.status.success(),
        "rmi failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("ermission denied"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!diff.exists(), "the layer directory is gone");
    assert!(
        !layer_diff(&r, &locked_layer()).exists(),
        "the locked layer too"
    );
    assert!(
        !layer_diff(&r, &fixtures::busybox_layer()).exists(),
        "busybox's layer too"
    );
    assert_eq!(r.ok(["images", "-q"]).trim(), "");
    let check = r.run(["system", "check"]);
    assert!(
        check.status.success(),
        "system check: {}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn system_reset_as_user_removes_everything() {
    let r = Rctl::rootless();
    r.load(&owned_image());
    r.ok([
        "run",
        "--name",
        "c",
        "-u",
        "1000:1000",
        "owned",
        "sh",
        "-c",
        "mkdir /tmp/d && echo x > /tmp/d/f && chmod 500 /tmp/d",
    ]);
    let out = r.run(["system", "reset", "-f"]);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "system reset: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !r.root()
            .join("layers")
            .join(&fixtures::digest(&owned_layer())["sha256:".len()..])
            .exists()
    );
    // Whatever is left of the root holds no image, layer or container.
    let left: Vec<String> = r
        .store_files()
        .into_iter()
        .filter(|f| {
            f.starts_with("layers/") || f.starts_with("containers/") || f.starts_with("images/")
        })
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert_eq!(r.ok(["ps", "-aq"]).trim(), "");
    assert_eq!(r.ok(["images", "-q"]).trim(), "");
    // The store works again afterwards.
    r.load(&fixtures::busybox(&["busybox:latest"]));
    assert_eq!(r.ok(["run", "--rm", "busybox", "id", "-u"]).trim(), "0");
}

/// busybox, then a layer that deletes /etc/group (a whiteout), hides /root's
/// content (an opaque directory) and adds files of other users.
fn layered_image() -> Image {
    let top = LayerBuilder::new()
        .dir("etc", 0o755)
        .file("etc/.wh.group", 0o644, b"")
        .dir("root", 0o700)
        .file("root/.wh..wh..opq", 0o644, b"")
        .file_owned("root/new", 0o600, 0, 0, b"new\n")
        .dir("data", 0o755)
        .file_owned("data/owned", 0o644, 1000, 1000, b"mine\n")
        .file_owned("data/suid", 0o4755, 0, 0, b"#!/bin/sh\n")
        .build();
    Image::new(
        vec![fixtures::busybox_layer(), top],
        json!({}),
        &["layered:latest"],
    )
}

/// Runs the layered image with `driver` and checks what the container sees.
fn layered_container_is_right(driver: &str) {
    let r = Rctl::rootless();
    r.load(&layered_image());
    let out = r.ok([
        "--storage-driver",
        driver,
        "run",
        "--name",
        "c",
        "layered",
        "sh",
        "-c",
        "test -e /etc/group && echo group; ls /root; ls -ln /data/owned /data/suid; echo w > /data/written; chown 1000:1000 /data/written",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0], "new",
        "whiteout and opaque directory applied: {out}"
    );
    let owned = ls_fields(lines[1]);
    assert_eq!(
        (&owned.1[..], &owned.2[..]),
        ("1000", "1000"),
        "{driver}: {out}"
    );
    assert_eq!(ls_fields(lines[2]).0, "-rwsr-xr-x", "{driver}: {out}");
    // What the container wrote belongs to the subordinate ids on the host.
    let id = r.ok(["inspect", "-f", "{{.Id}}", "c"]).trim().to_string();
    let written = find_file(&r.root().join("containers").join(&id), "written")
        .expect("the written file is in the container's directory");
    let m = std::fs::metadata(&written).unwrap();
    assert_eq!((m.uid(), m.gid()), host_ids(1000), "{}", written.display());
    // It keeps its files for the next start.
    let out = r.ok(["start", "-a", "c"]);
    assert!(out.starts_with("new\n"), "{out}");
    r.ok(["rm", "c"]);
    assert!(!r.root().join("containers").join(&id).exists());
    r.ok(["rmi", "layered"]);
    assert_eq!(r.ok(["images", "-q"]).trim(), "");
}

#[test]
fn overlay_driver_rootless_layers_whiteouts_and_owners() {
    layered_container_is_right("overlay");
}

#[test]
fn vfs_driver_rootless_layers_whiteouts_and_owners() {
    layered_container_is_right("vfs");
}
