//! Many containers at once in one store, rootful: all succeed, and nothing
//! is left behind (records, cgroups, mounts) once they are gone.

mod common;

use common::{Busybox, Rctl, parts};
use std::path::PathBuf;

/// Where container `id`'s cgroup would be (v2 alone, or v1 hybrid).
fn cgroup_paths(id: &str) -> [PathBuf; 2] {
    [
        PathBuf::from(format!("/sys/fs/cgroup/rctl/{id}")),
        PathBuf::from(format!("/sys/fs/cgroup/unified/rctl/{id}")),
    ]
}

/// No cgroup and no mount of container `id` is left.
fn assert_nothing_left_of(id: &str) {
    for p in cgroup_paths(id) {
        assert!(!p.exists(), "cgroup left: {}", p.display());
    }
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    assert!(!mounts.contains(id), "mount of {id} left");
}

/// Runs `rctl ARGS` `n` times at once (one thread each); returns the outputs.
fn at_once(
    r: &Rctl,
    n: usize,
    args: impl Fn(usize) -> Vec<String> + Sync,
) -> Vec<std::process::Output> {
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .map(|i| {
                let a = args(i);
                s.spawn(move || r.run(&a))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn twenty_run_rm_and_twenty_run_d_at_once() {
    let r = Busybox::new();
    let cids = r.dir().join("cids");
    std::fs::create_dir(&cids).unwrap();
    let outs = at_once(&r, 40, |i| {
        if i % 2 == 0 {
            let cid = cids.join(format!("rm-{i}")).display().to_string();
            strings(&["run", "--rm", "--cidfile", &cid, "busybox", "true"])
        } else {
            strings(&["run", "-d", "busybox", "sleep", "1"])
        }
    });
    let mut detached = Vec::new();
    for (i, out) in outs.iter().enumerate() {
        let (code, stdout, stderr) = parts(out);
        assert_eq!(code, 0, "run {i} failed: {stderr}");
        if i % 2 == 1 {
            let id = stdout.trim().to_string();
            assert_eq!(id.len(), 64, "{stdout:?}");
            detached.push(id);
        } else {
            assert_eq!(stdout, "");
        }
    }
    // Each detached container exits 0.
    let mut wait = vec!["wait".to_string()];
    wait.extend(detached.iter().cloned());
    assert_eq!(r.ok(&wait), "0\n".repeat(20));
    // The --rm ones are gone, the others exited.
    let all = r.ok(["ps", "-a", "-q", "--no-trunc"]);
    let mut listed: Vec<&str> = all.lines().collect();
    listed.sort();
    let mut want: Vec<&str> = detached.iter().map(String::as_str).collect();
    want.sort();
    assert_eq!(listed, want);
    assert_eq!(
        r.ok(["ps", "-a", "--filter", "status=exited", "-q"])
            .lines()
            .count(),
        20
    );
    // The store is consistent.
    let check = r.run(["system", "check"]);
    let (code, stdout, stderr) = parts(&check);
    assert_eq!(code, 0, "system check: {stdout}{stderr}");
    // Nothing left of any of them: cgroups and mounts.
    for f in std::fs::read_dir(&cids).unwrap().flatten() {
        let id = std::fs::read_to_string(f.path()).unwrap();
        assert_eq!(id.len(), 64);
        assert!(!r.root().join("containers").join(&id).exists());
        assert_nothing_left_of(&id);
    }
    assert_eq!(std::fs::read_dir(&cids).unwrap().count(), 20);
    for id in &detached {
        assert_nothing_left_of(id);
    }
    // And removing them all leaves an empty container store.
    r.ok(["rm", "-a"]);
    assert_eq!(
        std::fs::read_dir(r.root().join("containers"))
            .unwrap()
            .count(),
        0
    );
    let check = r.run(["system", "check"]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
}

#[test]
fn thirty_two_run_rm_sleep_at_once() {
    let r = Busybox::new();
    let outs = at_once(&r, 32, |_| {
        strings(&["run", "--rm", "busybox", "sleep", "1"])
    });
    for (i, out) in outs.iter().enumerate() {
        let (code, _, stderr) = parts(out);
        assert_eq!(code, 0, "run {i} failed: {stderr}");
    }
    assert_eq!(r.ok(["ps", "-a", "-q"]), "");
    let check = r.run(["system", "check"]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
}

#[test]
fn parallel_named_creates_one_wins() {
    let r = Busybox::new();
    let outs = at_once(&r, 10, |_| {
        strings(&["create", "--name", "only", "busybox", "true"])
    });
    let ok = outs.iter().filter(|o| o.status.success()).count();
    assert_eq!(ok, 1, "exactly one create of a name succeeds");
    for o in outs.iter().filter(|o| !o.status.success()) {
        let (code, _, err) = parts(o);
        assert_eq!(code, 125);
        assert!(err.contains("already in use"), "{err}");
    }
    assert_eq!(r.ok(["ps", "-a", "-q"]).lines().count(), 1);
    let check = r.run(["system", "check"]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
}

#[test]
fn parallel_exec_into_one_container() {
    let r = Busybox::new();
    let id = r.ok(["run", "-d", "busybox", "sleep", "1000"]);
    let id = id.trim().to_string();
    let outs = at_once(&r, 20, |i| {
        strings(&[
            "exec",
            &id,
            "sh",
            "-c",
            &format!("echo {i}; exit {}", i % 4),
        ])
    });
    for (i, out) in outs.iter().enumerate() {
        let (code, stdout, stderr) = parts(out);
        assert_eq!(code, (i % 4) as i32, "{stderr}");
        assert_eq!(stdout, format!("{i}\n"));
    }
}

#[test]
fn parallel_stop_and_rm_of_many() {
    let r = Busybox::new();
    let outs = at_once(&r, 10, |_| {
        strings(&["run", "-d", "busybox", "sleep", "1000"])
    });
    let ids: Vec<String> = outs
        .iter()
        .map(|o| {
            assert!(o.status.success(), "{o:?}");
            String::from_utf8_lossy(&o.stdout).trim().to_string()
        })
        .collect();
    let outs = at_once(&r, 10, |i| strings(&["rm", "-f", &ids[i]]));
    for o in &outs {
        assert!(o.status.success(), "{o:?}");
    }
    assert_eq!(r.ok(["ps", "-a", "-q"]), "");
    for id in &ids {
        assert!(!r.root().join("containers").join(id).exists());
        assert_nothing_left_of(id);
    }
    let check = r.run(["system", "check"]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
}
