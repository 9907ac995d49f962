//! The default security profile, rootful: escape attempts fail in a default
//! container (mount, user namespaces, keyrings, modules, /proc/kcore,
//! /proc/sysrq-trigger, raw sockets) and work where a flag allows them;
//! capabilities, seccomp profiles, no-new-privileges, read-only roots,
//! sysctls, devices and groups. Nothing here changes the host: mounts are
//! made in the container's own mount namespace, no module is ever loaded
//! (the module call gets an invalid descriptor), and /proc/sysrq-trigger is
//! written only after checking it is mounted read-only.

mod common;

use common::{Busybox, parts, probe};
use serde_json::Value;

/// podman's default capabilities as /proc/PID/status shows them.
const DEFAULT_CAPS: &str = "00000000800405fb";

/// Runs a `--rm` busybox container with `flags` and `cmd`.
fn run(r: &Busybox, flags: &[&str], cmd: &[&str]) -> (i32, String, String) {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.push("busybox");
    args.extend_from_slice(cmd);
    parts(&r.run(&args))
}

/// Runs `sh -c script` in a `--rm` container with `flags`; must succeed.
fn sh(r: &Busybox, flags: &[&str], script: &str) -> String {
    let (code, out, err) = run(r, flags, &["sh", "-c", script]);
    assert_eq!(code, 0, "{flags:?} {script}: {out}{err}");
    out
}

/// A field of /proc/self/status in a container with `flags`.
fn status_field(r: &Busybox, flags: &[&str], field: &str) -> String {
    let out = sh(r, flags, "cat /proc/self/status");
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .unwrap_or_else(|| panic!("no {field} in {out}"))
        .trim()
        .to_string()
}

/// Runs the probe with `what` in a container made with `flags`: its output.
fn probe(r: &Busybox, flags: &[&str], what: &str) -> String {
    let bin = probe::build_in(r.dir());
    let mut args = vec!["create"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["busybox", "/probe", what]);
    let id = r.ok(&args).trim().to_string();
    r.ok(["cp", bin.to_str().unwrap(), &format!("{id}:/probe")]);
    let (_, out, err) = parts(&r.run(["start", "-a", &id]));
    r.ok(["rm", "-f", &id]);
    assert!(!out.trim().is_empty(), "probe {what} said nothing: {err}");
    out.trim().to_string()
}

#[test]
fn default_capabilities_are_podmans() {
    let r = Busybox::new();
    assert_eq!(status_field(&r, &[], "CapEff"), DEFAULT_CAPS);
    assert_eq!(status_field(&r, &[], "CapBnd"), DEFAULT_CAPS);
    // Not root: no capabilities at all, but those --cap-add names (as
    // podman: effective, permitted, inheritable and ambient).
    assert_eq!(
        status_field(&r, &["-u", "65534"], "CapEff"),
        "0000000000000000"
    );
    let out = sh(
        &r,
        &["-u", "65534", "--cap-add", "NET_RAW"],
        "grep -E '^Cap(Inh|Prm|Eff|Amb):' /proc/self/status",
    );
    assert_eq!(
        out.lines()
            .map(|l| l.split('\t').nth(1).unwrap())
            .collect::<Vec<_>>(),
        ["0000000000002000"; 4],
        "{out}"
    );
}

#[test]
fn cap_add_and_drop_take_any_spelling() {
    let r = Busybox::new();
    assert_eq!(
        status_field(&r, &["--cap-drop", "ALL"], "CapEff"),
        "0000000000000000"
    );
    assert_eq!(
        status_field(&r, &["--cap-drop", "all"], "CapBnd"),
        "0000000000000000"
    );
    // NET_RAW is bit 13; CHOWN bit 0.
    assert_eq!(
        status_field(
            &r,
            &["--cap-add", "net_raw", "--cap-drop", "CAP_CHOWN"],
            "CapEff"
        ),
        "00000000800425fa"
    );
    assert_eq!(
        status_field(
            &r,
            &["--cap-drop", "ALL", "--cap-add", "cap_kill"],
            "CapEff"
        ),
        "0000000000000020"
    );
    let (code, err) = r.fails(["run", "--rm", "--cap-add", "NOPE", "busybox", "true"]);
    assert_eq!(code, 125);
    assert!(err.contains("NOPE"), "{err}");
}

#[test]
fn default_filter_is_on_and_privileged_has_none() {
    let r = Busybox::new();
    // 2: a seccomp filter.
    assert_eq!(status_field(&r, &[], "Seccomp"), "2");
    // --init's PID 1 (rctl's reaper, which never execs) is confined too.
    let out = sh(
        &r,
        &["--init"],
        "grep -E '^(Seccomp|CapBnd):' /proc/1/status",
    );
    assert!(out.contains("Seccomp:\t2"), "{out}");
    assert!(out.contains(&format!("CapBnd:\t{DEFAULT_CAPS}")), "{out}");
    assert_eq!(
        status_field(&r, &["--security-opt", "seccomp=unconfined"], "Seccomp"),
        "0"
    );
    assert_eq!(status_field(&r, &["--privileged"], "Seccomp"), "0");
    // Every capability rctl itself has (this CI host withholds
    // CAP_SYS_RESOURCE from everyone).
    let ours = std::fs::read_to_string("/proc/self/status").unwrap();
    let ours = ours
        .lines()
        .find_map(|l| l.strip_prefix("CapBnd:"))
        .unwrap()
        .trim();
    assert_eq!(status_field(&r, &["--privileged"], "CapEff"), ours);
}

#[test]
fn mount_fails_by_default_and_works_privileged() {
    let r = Busybox::new();
    let (code, _, _) = run(&r, &[], &["mount", "-t", "tmpfs", "none", "/tmp"]);
    assert_ne!(code, 0, "mount worked in a default container");
    // Privileged: a tmpfs in the container's own mount namespace.
    let out = sh(
        &r,
        &["--privileged"],
        "mount -t tmpfs none /tmp && grep ' /tmp tmpfs ' /proc/mounts",
    );
    assert!(out.contains("tmpfs"), "{out}");
}

#[test]
fn user_namespaces_are_blocked_by_the_filter() {
    let r = Busybox::new();
    let (code, _, err) = run(&r, &[], &["unshare", "-U", "true"]);
    assert_ne!(code, 0, "unshare -U worked in a default container");
    assert!(err.contains("Operation not permitted"), "{err}");
    assert_eq!(probe(&r, &[], "unshare_user"), "EPERM");
    // The filter's doing, not the kernel's: without it the same call works.
    assert_eq!(
        probe(
            &r,
            &["--security-opt", "seccomp=unconfined"],
            "unshare_user"
        ),
        "ok"
    );
    sh(
        &r,
        &["--security-opt", "seccomp=unconfined"],
        "unshare -U true",
    );
}

#[test]
fn clone3_says_enosys_so_libc_falls_back_to_clone() {
    let r = Busybox::new();
    assert_eq!(probe(&r, &[], "clone3"), "ENOSYS");
    assert_eq!(probe(&r, &[], "fork"), "ok");
    assert_eq!(probe(&r, &["--cap-add", "SYS_ADMIN"], "clone3"), "ok");
}

/// 32-bit programs (an i386 image on an x86-64 host) run under the same
/// filter, by their own call numbers: allowed calls work, refused ones get
/// EPERM, instead of every such call killing the process.
#[cfg(target_arch = "x86_64")]
#[test]
fn i386_calls_are_filtered_by_the_same_policy() {
    let r = Busybox::new();
    assert_eq!(probe(&r, &[], "i386_umask"), "ok");
    assert_eq!(probe(&r, &[], "i386_personality"), "EPERM");
    let unconfined = ["--security-opt", "seccomp=unconfined"];
    assert_eq!(probe(&r, &unconfined, "i386_personality"), "ok");
    // A profile without the i386 sub-architecture kills such calls, as
    // libseccomp's do.
    let file = r.dir().join("native-only.json");
    std::fs::write(
        &file,
        r#"{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"]}"#,
    )
    .unwrap();
    let opt = format!("seccomp={}", file.display());
    let bin = probe::build_in(r.dir());
    let (code, _, _) = run(
        &r,
        &[
            "--security-opt",
            &opt,
            "-v",
            &format!("{}:/probe:ro", bin.display()),
        ],
        &["/probe", "i386_umask"],
    );
    assert_eq!(code, 128 + libc::SIGSYS, "killed by SIGSYS");
}

#[test]
fn keyrings_modules_and_vsock_are_refused() {
    let r = Busybox::new();
    assert_eq!(probe(&r, &[], "keyctl"), "EPERM");
    assert_eq!(probe(&r, &[], "add_key"), "EPERM");
    assert_eq!(probe(&r, &[], "vsock"), "EPERM");
    // Module loading: refused by the filter; with CAP_SYS_MODULE the filter
    // lets it through and the kernel answers: the invalid descriptor, or
    // (this CI host's kernel has no modules) ENOSYS.
    assert_eq!(probe(&r, &[], "finit_module"), "EPERM");
    let kernel = probe(&r, &["--cap-add", "SYS_MODULE"], "finit_module");
    assert!(["EBADF", "ENOSYS"].contains(&kernel.as_str()), "{kernel}");
    let (code, _, err) = run(
        &r,
        &[],
        &[
            "sh",
            "-c",
            "head -c 64 /dev/zero > /tmp/x.ko && insmod /tmp/x.ko",
        ],
    );
    assert_ne!(code, 0);
    assert!(err.contains("Operation not permitted"), "{err}");
}

#[test]
fn raw_sockets_need_net_raw() {
    let r = Busybox::new();
    assert_eq!(probe(&r, &[], "raw_socket"), "EPERM");
    assert_eq!(probe(&r, &["--cap-add", "NET_RAW"], "raw_socket"), "ok");
    let ping = "ip link set lo up; ping -c 1 -W 2 127.0.0.1";
    let (code, _, _) = run(&r, &["--cap-add", "NET_ADMIN"], &["sh", "-c", ping]);
    assert_ne!(code, 0, "ping worked without NET_RAW");
    let out = sh(
        &r,
        &["--cap-add", "NET_ADMIN", "--cap-add", "NET_RAW"],
        ping,
    );
    assert!(out.contains("1 packets received"), "{out}");
}

#[test]
fn proc_kcore_and_friends_are_masked() {
    let r = Busybox::new();
    // Not a byte of kernel memory: /proc/kcore is masked (or, on kernels
    // built without it, such as this CI host's, absent).
    let out = sh(&r, &[], "head -c 16 /proc/kcore 2>/dev/null | wc -c");
    assert_eq!(out.trim(), "0");
    if std::path::Path::new("/proc/kcore").exists() {
        let out = sh(&r, &[], "stat -c %F /proc/kcore");
        assert_eq!(out.trim(), "character special file");
    }
    let out = sh(
        &r,
        &[],
        "stat -c %F /proc/timer_list /proc/keys; wc -c < /proc/timer_list; ls -A /sys/firmware | wc -l",
    );
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        ["character special file", "character special file", "0", "0"],
        "{out}"
    );
    let out = sh(
        &r,
        &["--security-opt", "unmask=/proc/timer_list"],
        "stat -c %F /proc/timer_list /proc/keys",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("regular"), "{out}");
    assert_eq!(lines[1], "character special file");
    for flags in [&["--security-opt", "unmask=ALL"][..], &["--privileged"]] {
        let out = sh(
            &r,
            flags,
            "stat -c %F /proc/timer_list; ls -A /sys/firmware | wc -l",
        );
        assert!(out.starts_with("regular"), "{flags:?}: {out}");
        assert_ne!(
            out.lines().nth(1),
            Some("0"),
            "{flags:?}: /sys/firmware empty"
        );
    }
    let out = sh(
        &r,
        &["--security-opt", "mask=/etc/shadow"],
        "wc -c < /etc/shadow",
    );
    assert_eq!(out.trim(), "0");
}

#[test]
fn sysrq_trigger_and_proc_sys_are_read_only() {
    let r = Busybox::new();
    // The write below reaches the host's kernel only if the mount is not
    // read-only: check that first, and stop there if it is not. (This CI
    // host's kernel has no sysrq: the file is absent there and here.)
    let mounts = sh(&r, &[], "cat /proc/self/mountinfo");
    let mut read_only = vec!["/proc/sys", "/proc/irq", "/proc/bus"];
    if std::path::Path::new("/proc/sysrq-trigger").exists() {
        read_only.push("/proc/sysrq-trigger");
    } else {
        let (code, _, _) = run(&r, &[], &["test", "-e", "/proc/sysrq-trigger"]);
        assert_ne!(code, 0);
    }
    for p in read_only {
        let line = mounts
            .lines()
            .find(|l| l.split(' ').nth(4) == Some(p))
            .unwrap_or_else(|| panic!("{p} is not a mount of its own: {mounts}"));
        let opts = line.split(' ').nth(5).unwrap();
        assert!(
            opts.split(',').any(|o| o == "ro"),
            "{p} is not read-only: {line}"
        );
    }
    let (code, _, _) = run(&r, &[], &["sh", "-c", "echo h > /proc/sysrq-trigger"]);
    assert_ne!(code, 0, "wrote /proc/sysrq-trigger");
    let (code, _, err) = run(
        &r,
        &[],
        &["sh", "-c", "echo 1 > /proc/sys/kernel/shm_rmid_forced"],
    );
    assert_ne!(code, 0);
    assert!(err.contains("Read-only file system"), "{err}");
}

#[test]
fn custom_profile_blocks_mkdir_and_bad_profiles_fail_create() {
    let r = Busybox::new();
    let file = r.dir().join("no-mkdir.json");
    std::fs::write(
        &file,
        r#"{"defaultAction": "SCMP_ACT_ALLOW",
            "architectures": ["SCMP_ARCH_X86_64"],
            "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]}"#,
    )
    .unwrap();
    let opt = format!("seccomp={}", file.display());
    let (code, _, err) = run(&r, &["--security-opt", &opt], &["mkdir", "/tmp/d"]);
    assert_ne!(code, 0);
    assert!(err.contains("Operation not permitted"), "{err}");
    sh(&r, &["--security-opt", &opt], "touch /tmp/f && rm /tmp/f");
    let bad = r.dir().join("bad.json");
    std::fs::write(&bad, r#"{"defaultAction": "SCMP_ACT_SOMETIMES"}"#).unwrap();
    let (code, err) = r.fails([
        "create",
        "--security-opt",
        &format!("seccomp={}", bad.display()),
        "busybox",
        "true",
    ]);
    assert_eq!(code, 125);
    assert!(err.contains("SCMP_ACT_SOMETIMES"), "{err}");
    let (code, err) = r.fails([
        "create",
        "--security-opt",
        "seccomp=/no/such.json",
        "busybox",
    ]);
    assert_eq!(code, 125);
    assert!(err.contains("/no/such.json"), "{err}");
}

#[test]
fn no_new_privileges() {
    let r = Busybox::new();
    assert_eq!(status_field(&r, &[], "NoNewPrivs"), "0");
    assert_eq!(
        status_field(&r, &["--security-opt", "no-new-privileges"], "NoNewPrivs"),
        "1"
    );
}

#[test]
fn read_only_root_with_tmpfs() {
    let r = Busybox::new();
    let (code, _, err) = run(&r, &["--read-only"], &["touch", "/x"]);
    assert_ne!(code, 0);
    assert!(err.contains("Read-only file system"), "{err}");
    let out = sh(
        &r,
        &["--read-only"],
        "touch /tmp/a /var/tmp/b /run/c && grep -c -E ' /(tmp|var/tmp|run) tmpfs ' /proc/mounts",
    );
    assert_eq!(out.trim(), "3");
    let (code, _, err) = run(
        &r,
        &["--read-only", "--read-only-tmpfs=false"],
        &["touch", "/tmp/a"],
    );
    assert_ne!(code, 0);
    assert!(err.contains("Read-only file system"), "{err}");
}

#[test]
fn namespaced_sysctls_only() {
    let r = Busybox::new();
    let out = sh(
        &r,
        &[
            "--network",
            "none",
            "--sysctl",
            "net.ipv4.ip_forward=1",
            "--sysctl",
            "kernel.shmmni=1234",
        ],
        "cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shmmni",
    );
    assert_eq!(out.lines().collect::<Vec<_>>(), ["1", "1234"]);
    let (code, err) = r.fails([
        "run",
        "--rm",
        "--sysctl",
        "kernel.domainname=example.org",
        "busybox",
        "true",
    ]);
    assert_eq!(code, 125);
    assert!(err.contains("kernel.domainname"), "{err}");
    let (code, err) = r.fails([
        "run",
        "--rm",
        "--network",
        "host",
        "--sysctl",
        "net.ipv4.ip_forward=1",
        "busybox",
        "true",
    ]);
    assert_eq!(code, 125);
    assert!(err.contains("network"), "{err}");
}

#[test]
fn sysctl_of_a_bridge_interface() {
    let r = Busybox::new();
    // Written once eth0 has arrived in the container's namespace.
    let out = sh(
        &r,
        &[
            "--network",
            "bridge",
            "--sysctl",
            "net.ipv4.conf.eth0.forwarding=1",
        ],
        "cat /proc/sys/net/ipv4/conf/eth0/forwarding",
    );
    assert_eq!(out.trim(), "1");
}

#[test]
fn device_and_group_add() {
    let r = Busybox::new();
    let out = sh(
        &r,
        &["--device", "/dev/null:/dev/mynull"],
        "echo hi > /dev/mynull && stat -c '%F %t,%T' /dev/mynull",
    );
    assert_eq!(out.trim(), "character special file 1,3");
    let (code, err) = r.fails(["run", "--rm", "--device", "/etc/passwd", "busybox", "true"]);
    assert_eq!(code, 125);
    assert!(err.contains("not a device"), "{err}");
    let out = sh(&r, &["--group-add", "1234", "--group-add", "nogroup"], "id");
    assert!(out.contains("1234"), "{out}");
    assert!(out.contains("65534(nogroup)"), "{out}");
}

#[test]
fn privileged_sees_host_devices() {
    let r = Busybox::new();
    assert!(std::path::Path::new("/dev/kmsg").exists());
    let (code, _, _) = run(&r, &[], &["test", "-c", "/dev/kmsg"]);
    assert_ne!(code, 0, "a default container has the host's /dev/kmsg");
    sh(&r, &["--privileged"], "test -c /dev/kmsg");
}

#[test]
fn exec_gets_the_containers_profile() {
    let r = Busybox::new();
    r.ok([
        "run",
        "-d",
        "--name",
        "c",
        "--cap-add",
        "NET_RAW",
        "busybox",
        "sleep",
        "60",
    ]);
    let out = r.ok([
        "exec",
        "c",
        "grep",
        "-E",
        "^(Seccomp|CapEff):",
        "/proc/self/status",
    ]);
    assert!(out.contains("Seccomp:\t2"), "{out}");
    assert!(out.contains("CapEff:\t00000000800425fb"), "{out}");
    r.ok(["rm", "-f", "c"]);
}

#[test]
fn inspect_shows_the_profile() {
    let r = Busybox::new();
    r.ok([
        "create",
        "--name",
        "c",
        "--cap-add",
        "net_raw",
        "--cap-drop",
        "CHOWN",
        "--security-opt",
        "no-new-privileges",
        "--security-opt",
        "seccomp=unconfined",
        "--read-only",
        "--device",
        "/dev/null:/dev/mynull:r",
        "--group-add",
        "1234",
        "busybox",
    ]);
    let v: Value = serde_json::from_str(&r.ok(["inspect", "c"])).unwrap();
    let h = &v[0]["HostConfig"];
    assert_eq!(h["CapAdd"], serde_json::json!(["CAP_NET_RAW"]));
    assert_eq!(h["CapDrop"], serde_json::json!(["CAP_CHOWN"]));
    assert_eq!(
        h["SecurityOpt"],
        serde_json::json!(["seccomp=unconfined", "no-new-privileges"])
    );
    assert_eq!(h["Privileged"], false);
    assert_eq!(h["ReadonlyRootfs"], true);
    assert_eq!(h["GroupAdd"], serde_json::json!(["1234"]));
    assert_eq!(h["Devices"][0]["PathInContainer"], "/dev/mynull");
    assert_eq!(h["Devices"][0]["CgroupPermissions"], "r");
    assert!(
        v[0]["EffectiveCaps"]
            .as_array()
            .unwrap()
            .contains(&"CAP_NET_RAW".into())
    );
    r.ok(["rm", "c"]);
}
