/* The security tests' probe: makes one system call named on the command
 * line, the way an escape attempt would, and prints "ok" or the errno's
 * name. Built with gcc -static at test time and copied into a container. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

static const char *name(int e) {
    switch (e) {
    case EPERM: return "EPERM";
    case ENOSYS: return "ENOSYS";
    case EACCES: return "EACCES";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    default: return strerror(e);
    }
}

#ifdef __x86_64__
/* A call through the 32-bit i386 ABI (`int $0x80`), as a 32-bit program
 * in an i386 image makes it: the kernel and seccomp see the i386 call
 * numbers and AUDIT_ARCH_I386. Returns the result or -errno. */
static long i386_call(long nr, long a, long b) {
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b) : "memory");
    return r;
}
#endif

/* A child made by fork or clone leaves at once; the parent reaps it. */
static long reaped(long pid) {
    if (pid == 0) _exit(0);
    if (pid > 0) waitpid(pid, NULL, 0);
    return pid < 0 ? -1 : 0;
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    const char *w = argv[1];
    long r;
    if (!strcmp(w, "keyctl")) {
        r = syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3 /* session */, 0);
    } else if (!strcmp(w, "add_key")) {
        r = syscall(SYS_add_key, "user", "rctl-probe", "x", 1, -3);
    } else if (!strcmp(w, "unshare_user")) {
        r = syscall(SYS_unshare, CLONE_NEWUSER);
    } else if (!strcmp(w, "clone_newns")) {
        r = reaped(syscall(SYS_clone, CLONE_NEWNS | SIGCHLD, 0, 0, 0, 0));
    } else if (!strcmp(w, "clone3")) {
        struct clone_args a;
        memset(&a, 0, sizeof a);
        a.exit_signal = SIGCHLD;
        r = reaped(syscall(SYS_clone3, &a, sizeof a));
    } else if (!strcmp(w, "fork")) {
        r = reaped(fork());
    } else if (!strcmp(w, "finit_module")) {
        /* An invalid descriptor: nothing is ever loaded. */
        r = syscall(SYS_finit_module, -1, "", 0);
    } else if (!strcmp(w, "raw_socket")) {
        r = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    } else if (!strcmp(w, "vsock")) {
        r = socket(40 /* AF_VSOCK */, SOCK_STREAM, 0);
#ifdef __x86_64__
    } else if (!strcmp(w, "i386_umask")) {
        /* umask 27 then 22: the second returns the first (8 bits of it). */
        i386_call(60 /* i386 umask */, 027, 0);
        r = i386_call(60, 022, 0);
        if (r == 027) r = 0;
        else if (r < 0) errno = -r, r = -1;
    } else if (!strcmp(w, "i386_personality")) {
        /* READ_IMPLIES_EXEC: not among the personalities allowed. */
        r = i386_call(136 /* i386 personality */, 0x0400000, 0);
        if (r < 0) errno = -r, r = -1;
#endif
    } else {
        fprintf(stderr, "unknown probe %s\n", w);
        return 2;
    }
    if (r < 0) {
        printf("%s\n", name(errno));
        return 1;
    }
    printf("ok\n");
    return 0;
}
