//! rctl's default seccomp policy: docker's and podman's, written as our own
//! table. An allow list; anything else fails with EPERM. Calls that need a
//! capability are allowed only when the container has it, and a few are
//! allowed only with harmless arguments. The same names are allowed to
//! 32-bit programs (i386 on x86-64), whose own calls (`mmap2`, `stat64`,
//! `socketcall`, the `_time64` family) are listed too.

use super::seccomp::{Policy, Rule};
use super::seccomp_bpf::{Action, Cmp, Condition, Width};
use crate::container::caps;

/// Calls every container may make. Names an architecture lacks are
/// skipped there (a unit test keeps the list free of typos).
#[rustfmt::skip]
const ALLOWED: &[&str] = &[
    // files and directories
    "access", "faccessat", "faccessat2", "chdir", "fchdir", "chmod", "fchmod", "fchmodat",
    "fchmodat2", "chown", "fchown", "fchownat", "lchown", "close", "close_range", "creat",
    "dup", "dup2", "dup3", "fcntl", "flock", "fsync", "fdatasync", "syncfs", "sync",
    "sync_file_range", "ftruncate", "truncate", "fallocate", "fadvise64", "readahead",
    "getcwd", "getdents", "getdents64", "link", "linkat", "symlink", "symlinkat",
    "readlink", "readlinkat", "mkdir", "mkdirat", "mknod", "mknodat", "rmdir", "rename",
    "renameat", "renameat2", "unlink", "unlinkat", "lseek", "open", "openat", "openat2",
    "stat", "fstat", "lstat", "newfstatat", "statx", "statfs", "fstatfs", "umask",
    "utime", "utimes", "utimensat", "futimesat", "name_to_handle_at", "memfd_create",
    "copy_file_range", "sendfile", "splice", "tee", "vmsplice",
    // extended attributes
    "getxattr", "lgetxattr", "fgetxattr", "setxattr", "lsetxattr", "fsetxattr",
    "listxattr", "llistxattr", "flistxattr", "removexattr", "lremovexattr",
    "fremovexattr",
    // reading and writing
    "read", "readv", "pread64", "preadv", "preadv2", "write", "writev", "pwrite64",
    "pwritev", "pwritev2", "ioctl", "poll", "ppoll", "select", "pselect6",
    "epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait",
    "epoll_pwait2", "eventfd", "eventfd2", "inotify_init", "inotify_init1",
    "inotify_add_watch", "inotify_rm_watch", "fanotify_mark", "pipe", "pipe2",
    "io_setup", "io_destroy", "io_submit", "io_cancel", "io_getevents", "io_pgetevents",
    // memory
    "brk", "mmap", "munmap", "mremap", "mprotect", "madvise", "mincore", "msync",
    "mlock", "mlock2", "mlockall", "munlock", "munlockall", "remap_file_pages",
    "membarrier", "pkey_alloc", "pkey_free", "pkey_mprotect", "map_shadow_stack",
    // processes and threads
    "execve", "execveat", "exit", "exit_group", "fork", "vfork", "wait4", "waitid",
    "kill", "tkill", "tgkill", "pidfd_open", "pidfd_send_signal", "process_mrelease",
    "getpid", "getppid", "gettid", "getpgid", "setpgid", "getpgrp", "getsid", "setsid",
    "getpriority", "setpriority", "ioprio_get", "ioprio_set", "getrlimit", "setrlimit",
    "prlimit64", "getrusage", "times", "prctl", "arch_prctl", "modify_ldt",
    "set_tid_address", "set_robust_list", "get_robust_list", "futex", "futex_waitv",
    "rseq", "restart_syscall", "get_thread_area", "set_thread_area", "capget", "capset",
    "sched_yield", "sched_getaffinity", "sched_setaffinity", "sched_getattr",
    "sched_setattr", "sched_getparam", "sched_setparam", "sched_getscheduler",
    "sched_setscheduler", "sched_get_priority_max", "sched_get_priority_min",
    "sched_rr_get_interval", "getcpu", "seccomp", "landlock_create_ruleset",
    "landlock_add_rule", "landlock_restrict_self", "ptrace",
    // users and groups (the kernel checks the capabilities)
    "getuid", "geteuid", "getgid", "getegid", "getresuid", "getresgid", "getgroups",
    "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid", "setgroups",
    "setfsuid", "setfsgid",
    // signals
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigpending", "rt_sigsuspend",
    "rt_sigtimedwait", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "sigaltstack", "signalfd",
    "signalfd4", "pause",
    // time
    "time", "gettimeofday", "clock_gettime", "clock_getres", "clock_nanosleep",
    "nanosleep", "alarm", "getitimer", "setitimer", "timer_create", "timer_delete",
    "timer_gettime", "timer_settime", "timer_getoverrun", "timerfd_create",
    "timerfd_gettime", "timerfd_settime", "adjtimex", "clock_adjtime",
    // sockets (socket itself is in `conditional`)
    "socketpair", "bind", "listen", "accept", "accept4", "connect", "getsockname",
    "getpeername", "getsockopt", "setsockopt", "sendto", "sendmsg", "sendmmsg",
    "recvfrom", "recvmsg", "recvmmsg", "shutdown",
    // System V IPC and message queues (namespaced)
    "msgget", "msgsnd", "msgrcv", "msgctl", "semget", "semop", "semtimedop", "semctl",
    "shmget", "shmat", "shmdt", "shmctl", "mq_open", "mq_unlink", "mq_timedsend",
    "mq_timedreceive", "mq_notify", "mq_getsetattr",
    // system information
    "uname", "sysinfo", "getrandom",
    // 32-bit programs' own calls and names
    "_llseek", "_newselect", "chown32", "fchown32", "lchown32", "fadvise64_64", "fcntl64",
    "fstat64", "fstatat64", "fstatfs64", "ftruncate64", "lstat64", "stat64", "statfs64",
    "truncate64", "mmap2", "sendfile64", "getuid32", "geteuid32", "getgid32", "getegid32",
    "getgroups32", "getresuid32", "getresgid32", "setuid32", "setgid32", "setreuid32",
    "setregid32", "setresuid32", "setresgid32", "setgroups32", "setfsuid32", "setfsgid32",
    "ugetrlimit", "waitpid", "sigaction", "sigprocmask", "sigreturn", "sigsuspend",
    "sigpending", "signal", "socketcall", "ipc", "recv", "send", "clock_gettime64",
    "clock_getres_time64", "clock_nanosleep_time64", "clock_adjtime64", "futex_time64",
    "ppoll_time64", "pselect6_time64", "io_pgetevents_time64", "recvmmsg_time64",
    "rt_sigtimedwait_time64", "sched_rr_get_interval_time64", "semtimedop_time64",
    "mq_timedsend_time64", "mq_timedreceive_time64", "timer_gettime64", "timer_settime64",
    "timerfd_gettime64", "timerfd_settime64", "utimensat_time64",
];

/// Calls allowed only to a container with a capability.
#[rustfmt::skip]
const WITH_CAP: &[(&str, &[&str])] = &[
    (
        "SYS_ADMIN",
        &[
            "bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount", "fsopen",
            "fspick", "lookup_dcookie", "mount", "mount_setattr", "move_mount", "open_tree",
            "perf_event_open", "quotactl", "quotactl_fd", "setdomainname", "sethostname",
            "setns", "syslog", "umount2", "unshare",
        ],
    ),
    ("SYS_BOOT", &["reboot"]),
    ("SYS_CHROOT", &["chroot"]),
    ("SYS_MODULE", &["init_module", "finit_module", "delete_module"]),
    ("SYS_PACCT", &["acct"]),
    (
        "SYS_PTRACE",
        &[
            "kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv", "process_vm_writev",
        ],
    ),
    ("SYS_RAWIO", &["iopl", "ioperm"]),
    ("SYS_TIME", &["settimeofday", "clock_settime", "clock_settime64", "stime"]),
    ("SYS_TTY_CONFIG", &["vhangup"]),
    (
        "SYS_NICE",
        &["get_mempolicy", "mbind", "set_mempolicy", "set_mempolicy_home_node"],
    ),
    ("SYSLOG", &["syslog"]),
    ("BPF", &["bpf"]),
    ("PERFMON", &["perf_event_open"]),
    ("DAC_READ_SEARCH", &["open_by_handle_at"]),
];

/// The namespace flags of clone(2): a new namespace needs CAP_SYS_ADMIN.
const CLONE_NAMESPACES: u64 = (libc::CLONE_NEWNS
    | libc::CLONE_NEWCGROUP
    | libc::CLONE_NEWUTS
    | libc::CLONE_NEWIPC
    | libc::CLONE_NEWUSER
    | libc::CLONE_NEWPID
    | libc::CLONE_NEWNET) as u64;

/// personality(2) values a container may set: Linux, with
/// UNAME26 and/or ADDR_NO_RANDOMIZE... and the query 0xffffffff.
const PERSONALITIES: &[u64] = &[0x0, 0x8, 0x20000, 0x20008, 0xffff_ffff];

/// The AF_VSOCK address family: sockets to the hypervisor stay closed.
const AF_VSOCK: u64 = 40;

/// A condition on argument `index`: `width` says whether it is an `int`,
/// compared on its low 32 bits (the kernel ignores the upper half of its
/// register, so a filter must too), or a 64-bit value.
fn arg(index: u8, width: Width, op: Cmp, value: u64) -> Condition {
    Condition {
        arg: index,
        width,
        op,
        value,
    }
}

/// The default policy for a container with capabilities `caps`.
pub fn default_policy(caps: &[u32]) -> Policy {
    let has = |c: &str| caps::number(c).is_some_and(|n| caps.contains(&n));
    let mut rules = Vec::new();
    let mut add = |name: &'static str, conditions: Vec<Condition>, action: Action| {
        rules.push(Rule {
            name: name.into(),
            conditions,
            action,
            arch: None,
        });
    };
    for name in ALLOWED {
        add(name, Vec::new(), Action::Allow);
    }
    for (cap, names) in WITH_CAP {
        if has(cap) {
            for name in *names {
                add(name, Vec::new(), Action::Allow);
            }
        }
    }
    for p in PERSONALITIES {
        add(
            "personality",
            vec![arg(0, Width::Low32, Cmp::Eq, *p)],
            Action::Allow,
        );
    }
    add(
        "socket",
        vec![arg(0, Width::Low32, Cmp::Ne, AF_VSOCK)],
        Action::Allow,
    );
    if !has("SYS_ADMIN") {
        // Threads and processes, but no new namespaces.
        add(
            "clone",
            vec![arg(0, Width::Full64, Cmp::MaskedEq(CLONE_NAMESPACES), 0)],
            Action::Allow,
        );
        // clone3's flags sit in memory the filter cannot read: ENOSYS makes
        // the C library fall back to clone, whose flags it can.
        add("clone3", Vec::new(), Action::Errno(libc::ENOSYS as u32));
    }
    Policy {
        default: Action::Errno(libc::EPERM as u32),
        rules,
        compat: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::security::seccomp::Arch;
    use crate::container::security::seccomp::tests::verdict;

    #[test]
    fn every_name_is_a_call_here() {
        let names = ALLOWED
            .iter()
            .chain(WITH_CAP.iter().flat_map(|(_, n)| n.iter()));
        // 32-bit arm's too, the compatibility ABI of aarch64 builds.
        let arm = |n: &str| n.parse::<syscalls::arm::Sysno>().is_ok();
        for n in names {
            assert!(
                Arch::Native.number(n).is_some() || Arch::Compat.number(n).is_some() || arm(n),
                "{n} is not a system call here"
            );
        }
        for (cap, _) in WITH_CAP {
            assert!(caps::number(cap).is_some(), "{cap}");
        }
    }

    #[test]
    fn default_policy_allows_lists_and_refuses() {
        let eperm = Action::Errno(libc::EPERM as u32).ret();
        let allow = Action::Allow.ret();
        let plain = default_policy(&caps::default_set());
        for arch in [Arch::Native, Arch::Compat] {
            assert_eq!(verdict(&plain, arch, "getpid", [0; 6]), allow);
            assert_eq!(verdict(&plain, arch, "mount", [0; 6]), eperm);
            assert_eq!(
                verdict(&plain, arch, "personality", [8, 0, 0, 0, 0, 0]),
                allow
            );
            assert_eq!(
                verdict(&plain, arch, "personality", [1, 0, 0, 0, 0, 0]),
                eperm
            );
            assert_eq!(verdict(&plain, arch, "socket", [2, 0, 0, 0, 0, 0]), allow);
            assert_eq!(
                verdict(&plain, arch, "socket", [AF_VSOCK, 0, 0, 0, 0, 0]),
                eperm
            );
            assert_eq!(
                verdict(&plain, arch, "clone3", [0; 6]),
                Action::Errno(libc::ENOSYS as u32).ret()
            );
        }
        let new_net = [libc::CLONE_NEWNET as u64, 0, 0, 0, 0, 0];
        assert_eq!(verdict(&plain, Arch::Native, "clone", new_net), eperm);
        assert_eq!(
            verdict(&plain, Arch::Native, "clone", [0x11, 0, 0, 0, 0, 0]),
            allow
        );
        assert_eq!(verdict(&plain, Arch::Compat, "mmap2", [0; 6]), allow);
        let admin = default_policy(&caps::all());
        assert_eq!(verdict(&admin, Arch::Native, "mount", [0; 6]), allow);
        assert_eq!(verdict(&admin, Arch::Native, "clone", new_net), allow);
    }
}
