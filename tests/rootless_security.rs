//! The default security profile, rootless: the same walls inside rctl's
//! user namespace (capabilities, seccomp filter, masked and read-only
//! paths), and the flags that lower or add to them.

mod common;

use common::{Rctl, fixtures, probe};

/// Seconds a foreground container may take before the test calls it a hang.
const LIMIT: u64 = 60;

/// A rootless store with busybox loaded; its containers go when dropped.
struct Store(Rctl);

impl Store {
    fn new() -> Store {
        let r = Rctl::rootless();
        r.load(&fixtures::busybox(&["busybox:latest"]));
        Store(r)
    }

    /// `run --rm FLAGS busybox CMD`: (exit code, stdout, stderr).
    fn run(&self, flags: &[&str], cmd: &[&str]) -> (i32, String, String) {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(flags);
        args.push("busybox");
        args.extend_from_slice(cmd);
        let out = self.0.run_within(LIMIT, &args);
        common::parts(&out)
    }

    /// `sh -c script` that must succeed; its output.
    fn sh(&self, flags: &[&str], script: &str) -> String {
        let (code, out, err) = self.run(flags, &["sh", "-c", script]);
        assert_eq!(code, 0, "{flags:?} {script}: {out}{err}");
        out
    }

    fn status_field(&self, flags: &[&str], field: &str) -> String {
        let out = self.sh(flags, "cat /proc/self/status");
        out.lines()
            .find_map(|l| l.strip_prefix(&format!("{field}:")))
            .unwrap_or_else(|| panic!("no {field} in {out}"))
            .trim()
            .to_string()
    }

    /// The probe's answer to `what` in a container made with `flags`.
    fn probe(&self, flags: &[&str], what: &str) -> String {
        let bin = probe::build_in(self.0.dir());
        let mut args = vec!["create"];
        args.extend_from_slice(flags);
        args.extend_from_slice(&["busybox", "/probe", what]);
        let out = self.0.run_within(LIMIT, &args);
        let (code, id, err) = common::parts(&out);
        assert_eq!(code, 0, "{err}");
        let id = id.trim().to_string();
        let (code, _, err) = common::parts(&self.0.run_within(
            LIMIT,
            ["cp", bin.to_str().unwrap(), &format!("{id}:/probe")],
        ));
        assert_eq!(code, 0, "{err}");
        let (_, out, err) = common::parts(&self.0.run_within(LIMIT, ["start", "-a", &id]));
        let _ = self.0.run_within(LIMIT, ["rm", "-f", &id]);
        assert!(!out.trim().is_empty(), "probe {what} said nothing: {err}");
        out.trim().to_string()
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        let _ = common::output_within(&mut self.0.cmd(["rm", "-af"]), 30);
    }
}

#[test]
fn default_profile_applies_rootless() {
    let s = Store::new();
    assert_eq!(s.status_field(&[], "CapEff"), "00000000800405fb");
    assert_eq!(s.status_field(&[], "Seccomp"), "2");
    let out = s.sh(
        &[],
        "head -c 16 /proc/kcore 2>/dev/null | wc -c; stat -c %F /proc/timer_list; wc -c < /proc/keys",
    );
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        ["0", "character special file", "0"]
    );
    // Read-only /proc/sys (this host's kernel has no sysrq-trigger at all).
    let (code, _, err) = s.run(
        &[],
        &["sh", "-c", "echo 1 > /proc/sys/kernel/shm_rmid_forced"],
    );
    assert_ne!(code, 0);
    assert!(err.contains("Read-only file system"), "{err}");
    let (code, _, _) = s.run(&[], &["sh", "-c", "echo h > /proc/sysrq-trigger"]);
    assert_ne!(code, 0, "wrote /proc/sysrq-trigger");
    let (code, _, _) = s.run(&[], &["mount", "-t", "tmpfs", "none", "/tmp"]);
    assert_ne!(code, 0, "mount worked in a default rootless container");
}

#[test]
fn escape_calls_fail_rootless() {
    let s = Store::new();
    assert_eq!(s.probe(&[], "unshare_user"), "EPERM");
    assert_eq!(s.probe(&[], "keyctl"), "EPERM");
    assert_eq!(s.probe(&[], "finit_module"), "EPERM");
    assert_eq!(s.probe(&[], "raw_socket"), "EPERM");
    assert_eq!(s.probe(&["--cap-add", "NET_RAW"], "raw_socket"), "ok");
    // A non-root user gets what --cap-add names, as with podman.
    assert_eq!(
        s.probe(&["-u", "65534", "--cap-add", "NET_RAW"], "raw_socket"),
        "ok"
    );
    assert_eq!(s.probe(&["-u", "65534"], "raw_socket"), "EPERM");
    let (code, _, err) = s.run(&[], &["unshare", "-U", "true"]);
    assert_ne!(code, 0);
    assert!(err.contains("Operation not permitted"), "{err}");
    // 32-bit calls: the same policy by their own numbers.
    if cfg!(target_arch = "x86_64") {
        assert_eq!(s.probe(&[], "i386_umask"), "ok");
        assert_eq!(s.probe(&[], "i386_personality"), "EPERM");
    }
}

#[test]
fn privileged_and_unconfined_rootless() {
    let s = Store::new();
    assert_eq!(s.status_field(&["--privileged"], "Seccomp"), "0");
    let out = s.sh(
        &["--privileged"],
        "mount -t tmpfs none /tmp && grep ' /tmp tmpfs ' /proc/mounts",
    );
    assert!(out.contains("tmpfs"), "{out}");
    // The host's devices, bound in (the host's permissions still apply).
    s.sh(&["--privileged"], "test -c /dev/kmsg");
    let (code, _, _) = s.run(&[], &["test", "-e", "/dev/kmsg"]);
    assert_ne!(code, 0);
    assert_eq!(
        s.status_field(&["--cap-drop", "all"], "CapEff"),
        "0000000000000000"
    );
    assert_eq!(
        s.status_field(&["--security-opt", "no-new-privileges"], "NoNewPrivs"),
        "1"
    );
}

#[test]
fn read_only_sysctl_device_groups_rootless() {
    let s = Store::new();
    let (code, _, err) = s.run(&["--read-only"], &["touch", "/x"]);
    assert_ne!(code, 0);
    assert!(err.contains("Read-only file system"), "{err}");
    s.sh(&["--read-only"], "touch /tmp/a /var/tmp/b /run/c");
    let out = s.sh(
        &["--network", "none", "--sysctl", "net.ipv4.ip_forward=1"],
        "cat /proc/sys/net/ipv4/ip_forward",
    );
    assert_eq!(out.trim(), "1");
    let out = s.sh(
        &["--device", "/dev/null:/dev/mynull"],
        "echo hi > /dev/mynull && stat -c %F /dev/mynull",
    );
    assert_eq!(out.trim(), "character special file");
    let out = s.sh(&["--group-add", "nogroup"], "id");
    assert!(out.contains("65534(nogroup)"), "{out}");
}
