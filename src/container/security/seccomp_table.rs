//! rctl's default seccomp policy: docker's and podman's, written as our own
//! table. An allow list; anything else fails with EPERM. Calls that need a
//! capability are allowed only when the container has it, and a few are
//! allowed only with harmless arguments.

use seccompiler::{SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition};

use super::seccomp::{Policy, Rule, number};
use crate::container::caps;

/// Calls every container may make. Names this architecture lacks are
/// skipped (a unit test keeps the list free of typos).
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
    ("SYS_TIME", &["settimeofday", "clock_settime"]),
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

/// A condition on argument `index`. An `int` argument is compared on its
/// low 32 bits only (`Dword`): the kernel ignores the upper half of its
/// register, so a filter must too.
fn arg(index: u8, len: SeccompCmpArgLen, op: SeccompCmpOp, value: u64) -> SeccompCondition {
    SeccompCondition::new(index, len, op, value).expect("argument index below 6")
}

/// The default policy for a container with capabilities `caps`.
pub fn default_policy(caps: &[u32]) -> Policy {
    let has = |c: &str| caps::number(c).is_some_and(|n| caps.contains(&n));
    let mut rules = Vec::new();
    let mut allow = |name: &str, conditions: Vec<SeccompCondition>| {
        if let Some(nr) = number(name) {
            rules.push(Rule {
                nr,
                conditions,
                action: SeccompAction::Allow,
            });
        }
    };
    for name in ALLOWED {
        allow(name, Vec::new());
    }
    for (cap, names) in WITH_CAP {
        if has(cap) {
            for name in *names {
                allow(name, Vec::new());
            }
        }
    }
    for p in PERSONALITIES {
        allow(
            "personality",
            vec![arg(0, SeccompCmpArgLen::Dword, SeccompCmpOp::Eq, *p)],
        );
    }
    allow(
        "socket",
        vec![arg(0, SeccompCmpArgLen::Dword, SeccompCmpOp::Ne, AF_VSOCK)],
    );
    if !has("SYS_ADMIN") {
        // Threads and processes, but no new namespaces.
        allow(
            "clone",
            vec![arg(
                0,
                SeccompCmpArgLen::Qword,
                SeccompCmpOp::MaskedEq(CLONE_NAMESPACES),
                0,
            )],
        );
        // clone3's flags sit in memory the filter cannot read: ENOSYS makes
        // the C library fall back to clone, whose flags it can.
        if let Some(nr) = number("clone3") {
            rules.push(Rule {
                nr,
                conditions: Vec::new(),
                action: SeccompAction::Errno(libc::ENOSYS as u32),
            });
        }
    }
    Policy {
        default: SeccompAction::Errno(libc::EPERM as u32),
        rules,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_a_call_here() {
        let names = ALLOWED
            .iter()
            .chain(WITH_CAP.iter().flat_map(|(_, n)| n.iter()));
        for n in names {
            assert!(number(n).is_some(), "{n} is not a system call here");
        }
        for (cap, _) in WITH_CAP {
            assert!(caps::number(cap).is_some(), "{cap}");
        }
    }

    #[test]
    fn default_policy_compiles() {
        let plain = default_policy(&caps::default_set());
        let mount = number("mount").unwrap();
        assert!(!plain.rules.iter().any(|r| r.nr == mount));
        assert_eq!(
            plain.compile().unwrap().len(),
            2,
            "ENOSYS, then the allow list"
        );
        let admin = default_policy(&caps::all());
        assert!(admin.rules.iter().any(|r| r.nr == mount));
        assert_eq!(admin.compile().unwrap().len(), 1);
    }
}
