//! Rootless with users other than the usual test user: one with no
//! subordinate ids at all (rctl falls back to a single-ID mapping, with a
//! warning) and one whose primary group has another name than the user
//! (subordinate gids are the user's, looked up by user name as newgidmap
//! does). Each test makes its user with useradd and removes it with userdel
//! at the end (its /etc/subuid and /etc/subgid lines go with it): the machine
//! is left as it was found.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::fixtures::{self, Image, LayerBuilder};
use serde_json::json;

const LIMIT: u64 = 60;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Lines of `file` that belong to `name`.
fn subid_lines(file: &str, name: &str, uid: u32) -> Vec<String> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter(|l| {
            let who = l.split(':').next().unwrap_or("");
            who == name || who == uid.to_string()
        })
        .map(str::to_string)
        .collect()
}

fn passwd_ids(name: &str) -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap();
    passwd.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f[0] == name).then(|| (f[2].parse().unwrap(), f[3].parse().unwrap()))
    })
}

/// useradd and userdel lock the account files and fail rather than wait:
/// the tests here make and remove their users one at a time.
static ACCOUNTS: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A user made for one test, removed (with its subordinate ids) when dropped;
/// a private store in a temporary home it owns.
struct TempUser {
    name: &'static str,
    uid: u32,
    gid: u32,
    created: bool,
    home: tempfile::TempDir,
}

impl TempUser {
    /// `useradd ARGS NAME` unless the user exists (a run that crashed).
    fn new(name: &'static str, useradd_args: &[&str]) -> TempUser {
        let _serial = ACCOUNTS.lock().unwrap_or_else(|e| e.into_inner());
        let created = if passwd_ids(name).is_none() {
            let out = Command::new("useradd")
                .args(useradd_args)
                .arg(name)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "useradd {name}: {}",
                text(&out.stderr)
            );
            true
        } else {
            false
        };
        let (uid, gid) = passwd_ids(name).unwrap();
        let home = tempfile::Builder::new()
            .prefix("rctl-user-")
            .tempdir()
            .unwrap();
        for d in ["", "xdg-run"] {
            let p = home.path().join(d);
            std::fs::create_dir_all(&p).unwrap();
            std::os::unix::fs::chown(&p, Some(uid), Some(gid)).unwrap();
        }
        TempUser {
            name,
            uid,
            gid,
            created,
            home,
        }
    }

    fn home(&self) -> &Path {
        self.home.path()
    }

    fn root(&self) -> PathBuf {
        self.home().join("root")
    }

    fn cmd(&self, args: &[&str]) -> Command {
        use std::os::unix::process::CommandExt;
        let mut c = Command::new(common::bin());
        c.arg("--root")
            .arg(self.root())
            .arg("--runroot")
            .arg(self.home().join("run"))
            .args(args)
            .stdin(Stdio::null())
            .uid(self.uid)
            .gid(self.gid)
            .env("HOME", self.home())
            .env("XDG_RUNTIME_DIR", self.home().join("xdg-run"))
            .env("USER", self.name)
            .current_dir(self.home());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        let (out, timed_out) = common::output_within(&mut self.cmd(args), LIMIT);
        assert!(!timed_out, "rctl {args:?} hung: {}", text(&out.stderr));
        out
    }

    fn ok(&self, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "rctl {args:?} failed ({}): {}{}",
            out.status,
            text(&out.stdout),
            text(&out.stderr)
        );
        (text(&out.stdout), text(&out.stderr))
    }

    fn load(&self, img: &Image) -> (String, String) {
        let path = self.home().join(format!("{}.tar", img.id()));
        fixtures::docker_archive(&path, &[img]);
        std::os::unix::fs::chown(&path, Some(self.uid), Some(self.gid)).unwrap();
        self.ok(&["load", "-i", path.to_str().unwrap()])
    }
}

impl Drop for TempUser {
    fn drop(&mut self) {
        let _ = common::output_within(&mut self.cmd(&["rm", "-af"]), 30);
        if self.created {
            let _serial = ACCOUNTS.lock().unwrap_or_else(|e| e.into_inner());
            let out = Command::new("userdel").arg(self.name).output().unwrap();
            if !out.status.success() {
                eprintln!("userdel {}: {}", self.name, text(&out.stderr));
            }
            // userdel removes the user's subordinate ids; make sure.
            for file in ["/etc/subuid", "/etc/subgid"] {
                if subid_lines(file, self.name, self.uid).is_empty() {
                    continue;
                }
                let kept: String = std::fs::read_to_string(file)
                    .unwrap()
                    .lines()
                    .filter(|l| l.split(':').next() != Some(self.name))
                    .map(|l| format!("{l}\n"))
                    .collect();
                std::fs::write(file, kept).unwrap();
            }
        }
    }
}

fn owned_image() -> Image {
    let layer = LayerBuilder::new()
        .dir("data", 0o755)
        .file_owned("data/owned", 0o644, 1000, 1000, b"mine\n")
        .file_owned("data/suid", 0o4755, 0, 0, b"#!/bin/sh\n")
        .build();
    Image::new(
        vec![fixtures::busybox_layer(), layer],
        json!({}),
        &["owned:latest"],
    )
}

fn is_single_id_warning(stderr: &str) -> bool {
    stderr.contains("single-ID mapping")
}

#[test]
fn without_subordinate_ids_a_single_id_mapping_with_a_warning() {
    // A system account: useradd gives those no subordinate ids.
    let u = TempUser::new(
        "rctlnosub",
        &[
            "--system",
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
        ],
    );
    assert!(
        subid_lines("/etc/subuid", u.name, u.uid).is_empty()
            && subid_lines("/etc/subgid", u.name, u.uid).is_empty(),
        "{} must have no subordinate ids for this test",
        u.name
    );
    let (out, err) = u.ok(&["unshare", "cat", "/proc/self/uid_map", "/proc/self/gid_map"]);
    let lines: Vec<Vec<String>> = out
        .lines()
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect();
    assert_eq!(
        lines,
        [
            vec!["0".to_string(), u.uid.to_string(), "1".to_string()],
            vec!["0".to_string(), u.gid.to_string(), "1".to_string()],
        ],
        "only the user's own ids: {out}"
    );
    assert!(is_single_id_warning(&err), "a warning: {err:?}");
    assert!(err.contains("/etc/subuid"), "it says why: {err:?}");
    assert_eq!(u.ok(&["unshare", "id", "-u"]).0.trim(), "0");

    // Images load; files of other users belong to root.
    let (_, err) = u.load(&owned_image());
    assert!(is_single_id_warning(&err), "{err:?}");
    let (out, err) = u.ok(&[
        "run",
        "--rm",
        "owned",
        "sh",
        "-c",
        "id -u; ls -ln /etc/shadow /data/owned /data/suid",
    ]);
    assert!(is_single_id_warning(&err), "{err:?}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "0", "{out}");
    for l in &lines[1..] {
        let f: Vec<&str> = l.split_whitespace().collect();
        assert_eq!((f[2], f[3]), ("0", "0"), "{out}");
    }
    let suid = lines.iter().find(|l| l.ends_with("/data/suid")).unwrap();
    assert!(suid.starts_with("-rwsr-xr-x"), "{out}");
    let hex = &fixtures::digest(&owned_image().layers[1].1)["sha256:".len()..];
    let m = std::fs::metadata(u.root().join("layers").join(hex).join("diff/data/owned")).unwrap();
    assert_eq!(
        (m.uid(), m.gid()),
        (u.uid, u.gid),
        "owned by the user on the host"
    );

    // Another user inside cannot exist: a clear error, not a hang or crash.
    let out = u.run(&["run", "--rm", "-u", "nobody", "owned", "true"]);
    assert!(!out.status.success());
    let code = out.status.code().unwrap();
    assert!((125..=127).contains(&code), "{code}: {}", text(&out.stderr));
    assert!(text(&out.stderr).contains("Error"), "{}", text(&out.stderr));

    // Detached containers work: run, exec, logs, stop, rm.
    u.ok(&[
        "run",
        "-d",
        "--name",
        "d",
        "owned",
        "sh",
        "-c",
        "echo up; exec sleep 1000",
    ]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !u.ok(&["logs", "d"]).0.contains("up") {
        assert!(std::time::Instant::now() < deadline, "never logged");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(u.ok(&["exec", "d", "cat", "/data/owned"]).0, "mine\n");
    u.ok(&["stop", "-t", "1", "d"]);
    assert_eq!(
        u.ok(&["inspect", "-f", "{{.State.ExitCode}}", "d"])
            .0
            .trim(),
        "137"
    );
    u.ok(&["rm", "d"]);
    // And the user can remove everything.
    u.ok(&["rmi", "-a"]);
    u.ok(&["system", "reset", "-f"]);
    assert!(!u.root().join("layers").join(hex).exists());
}

#[test]
fn subordinate_gids_are_looked_up_by_user_name_not_group_name() {
    // Primary group `users`: /etc/subgid lists the user's name (newgidmap
    // checks the ranges it is given against the user name), not the group's.
    let u = TempUser::new(
        "rctlgrp",
        &[
            "--no-create-home",
            "--no-user-group",
            "--gid",
            "users",
            "--shell",
            "/usr/sbin/nologin",
        ],
    );
    let subuid = subid_lines("/etc/subuid", u.name, u.uid);
    let subgid = subid_lines("/etc/subgid", u.name, u.uid);
    assert!(
        !subuid.is_empty() && !subgid.is_empty(),
        "useradd gave {} subordinate ids: {subuid:?} {subgid:?}",
        u.name
    );
    let start = |lines: &[String]| -> u32 { lines[0].split(':').nth(1).unwrap().parse().unwrap() };
    let (out, err) = u.ok(&["unshare", "cat", "/proc/self/gid_map"]);
    assert!(!is_single_id_warning(&err), "no fallback: {err}");
    let lines: Vec<Vec<u32>> = out
        .lines()
        .map(|l| l.split_whitespace().map(|f| f.parse().unwrap()).collect())
        .collect();
    assert_eq!(lines[0], [0, u.gid, 1], "{out}");
    assert_eq!(
        lines.get(1).map(|l| l[..2].to_vec()),
        Some(vec![1, start(&subgid)]),
        "{out}"
    );
    // And containers get their users.
    u.load(&fixtures::busybox(&["busybox:latest"]));
    let (out, _) = u.ok(&["run", "--rm", "-u", "nobody", "busybox", "id", "-g"]);
    assert_eq!(out.trim(), "65534");
}

/// Removes a directory tree when dropped (a fixed path the test made).
struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn fallback_run_dir_in_tmp_is_private_and_must_be_the_users_own() {
    use std::os::unix::fs::PermissionsExt;
    let u = TempUser::new(
        "rctlrundir",
        &[
            "--system",
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
        ],
    );
    let fallback = PathBuf::from(format!("/tmp/rctl-{}", u.uid));
    assert!(
        !fallback.exists(),
        "{} exists already: a run that crashed? remove it",
        fallback.display()
    );
    let _cleanup = RemoveOnDrop(fallback.clone());
    let without_xdg = |args: &[&str]| {
        let mut c = Command::new(common::bin());
        {
            use std::os::unix::process::CommandExt;
            c.arg("--root")
                .arg(u.root())
                .args(args)
                .stdin(Stdio::null())
                .uid(u.uid)
                .gid(u.gid)
                .env("HOME", u.home())
                .env_remove("XDG_RUNTIME_DIR")
                .env_remove("RCTL_RUNROOT")
                .current_dir(u.home());
        }
        let (out, timed_out) = common::output_within(&mut c, LIMIT);
        assert!(!timed_out, "{args:?} hung");
        out
    };
    // Someone else made the user's fallback run directory first, open to
    // all: rctl must not put its sockets and state there.
    std::fs::create_dir(&fallback).unwrap();
    std::fs::set_permissions(&fallback, std::fs::Permissions::from_mode(0o777)).unwrap();
    let archive = u.home().join("bb.tar");
    fixtures::docker_archive(&archive, &[&fixtures::busybox(&["busybox:latest"])]);
    std::os::unix::fs::chown(&archive, Some(u.uid), Some(u.gid)).unwrap();
    let out = without_xdg(&["load", "-i", archive.to_str().unwrap()]);
    let out2 = without_xdg(&["run", "-d", "busybox", "sleep", "1000"]);
    let used: Vec<String> = std::fs::read_dir(&fallback)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        used.is_empty() && !out2.status.success(),
        "rctl used a run directory owned by another user ({}): {used:?}; load said {}; run said {}{}",
        fallback.display(),
        text(&out.stderr),
        text(&out2.stdout),
        text(&out2.stderr)
    );
    // Made by rctl itself: the user's alone.
    std::fs::remove_dir_all(&fallback).unwrap();
    let out = without_xdg(&["load", "-i", archive.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = without_xdg(&["run", "-d", "--name", "c", "busybox", "sleep", "1000"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let m = std::fs::metadata(&fallback).unwrap();
    assert_eq!(m.uid(), u.uid);
    assert_eq!(m.mode() & 0o077, 0, "mode {:o}", m.mode() & 0o777);
    let out = without_xdg(&["rm", "-f", "c"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}
