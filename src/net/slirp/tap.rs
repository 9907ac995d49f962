//! Creating tap0 inside the container's network namespace and bringing its
//! file descriptor out.
//!
//! A short-lived forked child joins the container's user namespace (when it
//! is not ours: rootless) and network namespace, opens /dev/net/tun, makes
//! tap0, gives it 10.0.2.100/24, MTU 65520 and the default route via 10.0.2.2,
//! brings tap0 and lo up, and sends the descriptor back over a socketpair
//! (SCM_RIGHTS). A fork rather than a thread because setns(CLONE_NEWUSER) is
//! refused to a multi-threaded process; the child only makes syscalls on data
//! prepared before the fork, so this is safe from a multi-threaded caller too.
//! The descriptor stays bound to tap0 after the child is gone.
//!
//! The interface is configured with the classic ioctls (SIOCSIF*, SIOCADDRT):
//! five fixed requests do not need a netlink library.

use std::fs::File;
use std::io;
use std::mem::{size_of, zeroed};
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::fs::MetadataExt;

use super::{CONTAINER_IP, Error, GATEWAY_IP, MTU, PREFIX_LEN, TAP_NAME};

/// The steps of the child, in order; a failure reports its index.
const STEPS: [&str; 11] = [
    "join the container's user namespace",
    "join the container's network namespace",
    "open /dev/net/tun",
    "create the tap device (TUNSETIFF on /dev/net/tun)",
    "open a configuration socket",
    "set the MTU",
    "set the address",
    "set the netmask",
    "bring the tap device up",
    "bring lo up",
    "add the default route",
];

/// `struct ifreq`: a name and a 24-byte union.
#[repr(C, align(8))]
#[derive(Clone, Copy)]
struct IfReq {
    name: [u8; libc::IFNAMSIZ],
    data: [u8; 24],
}

impl IfReq {
    fn new(name: &str) -> Self {
        // SAFETY: all-zero bytes are a valid IfReq (plain arrays).
        let mut r: IfReq = unsafe { zeroed() };
        r.name[..name.len()].copy_from_slice(name.as_bytes());
        r
    }
    fn with_short(name: &str, v: libc::c_short) -> Self {
        let mut r = Self::new(name);
        r.data[..2].copy_from_slice(&v.to_ne_bytes());
        r
    }
    fn with_int(name: &str, v: libc::c_int) -> Self {
        let mut r = Self::new(name);
        r.data[..4].copy_from_slice(&v.to_ne_bytes());
        r
    }
    fn with_addr(name: &str, ip: std::net::Ipv4Addr) -> Self {
        let mut r = Self::new(name);
        r.data[..16].copy_from_slice(&sockaddr_in(ip));
        r
    }
}

/// A `struct sockaddr_in` as bytes.
fn sockaddr_in(ip: std::net::Ipv4Addr) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[..2].copy_from_slice(&(libc::AF_INET as u16).to_ne_bytes());
    b[4..8].copy_from_slice(&ip.octets());
    b
}

/// `struct rtentry` from <net/route.h>; the libc crate has it only for musl.
#[repr(C)]
struct RtEntry {
    rt_pad1: libc::c_ulong,
    rt_dst: [u8; 16],
    rt_gateway: [u8; 16],
    rt_genmask: [u8; 16],
    rt_flags: libc::c_ushort,
    rt_pad2: libc::c_short,
    rt_pad3: libc::c_ulong,
    rt_pad4: *mut libc::c_void,
    rt_metric: libc::c_short,
    rt_dev: *mut libc::c_char,
    rt_mtu: libc::c_ulong,
    rt_window: libc::c_ulong,
    rt_irtt: libc::c_ushort,
}

/// Everything the child needs, prepared before the fork.
struct Plan {
    userns: Option<RawFd>,
    netns: RawFd,
    sock: RawFd,
    tun: IfReq,
    mtu: IfReq,
    addr: IfReq,
    mask: IfReq,
    tap_up: IfReq,
    route: RtEntry,
}

/// Create and configure tap0 in the network namespace of process `pid` and
/// return its descriptor.
///
/// The caller must be able to open `/proc/PID/ns/*` of that process: call it
/// before the container process drops its dumpable flag, or open the
/// namespaces another way and use [`open_tap_in`].
pub fn open_tap(pid: i32) -> Result<OwnedFd, Error> {
    let ns_err = |source| Error::Namespace { pid, source };
    let netns = File::open(format!("/proc/{pid}/ns/net")).map_err(ns_err)?;
    let user_path = format!("/proc/{pid}/ns/user");
    let theirs = std::fs::metadata(&user_path).map_err(ns_err)?;
    let ours = std::fs::metadata("/proc/self/ns/user").map_err(ns_err)?;
    let userns = if (theirs.dev(), theirs.ino()) != (ours.dev(), ours.ino()) {
        Some(File::open(&user_path).map_err(ns_err)?)
    } else {
        None
    };
    open_tap_in(netns.as_fd_ref(), userns.as_ref().map(|f| f.as_fd_ref()))
        .map_err(|(step, source)| Error::Tap { pid, step, source })
}

trait AsFdRef {
    fn as_fd_ref(&self) -> BorrowedFd<'_>;
}
impl AsFdRef for File {
    fn as_fd_ref(&self) -> BorrowedFd<'_> {
        std::os::fd::AsFd::as_fd(self)
    }
}

/// Like [`open_tap`], from open namespace descriptors: `netns` is the
/// container's network namespace, `userns` its user namespace when it is not
/// the caller's. Fails with the name of the step that failed.
pub fn open_tap_in(
    netns: BorrowedFd<'_>,
    userns: Option<BorrowedFd<'_>>,
) -> Result<OwnedFd, (&'static str, io::Error)> {
    let mut pair = [0 as RawFd; 2];
    // SAFETY: socketpair writes two descriptors into `pair`.
    if unsafe {
        libc::socketpair(
            libc::AF_UNIX,
            libc::SOCK_SEQPACKET | libc::SOCK_CLOEXEC,
            0,
            pair.as_mut_ptr(),
        )
    } != 0
    {
        return Err(("create a socketpair", io::Error::last_os_error()));
    }
    // SAFETY: socketpair succeeded; we own both descriptors.
    let (ours, theirs) = unsafe { (OwnedFd::from_raw_fd(pair[0]), OwnedFd::from_raw_fd(pair[1])) };

    let mask = std::net::Ipv4Addr::from(u32::MAX << (32 - PREFIX_LEN));
    let plan = Plan {
        userns: userns.map(|f| f.as_raw_fd()),
        netns: netns.as_raw_fd(),
        sock: theirs.as_raw_fd(),
        tun: IfReq::with_short(TAP_NAME, (libc::IFF_TAP | libc::IFF_NO_PI) as libc::c_short),
        mtu: IfReq::with_int(TAP_NAME, MTU as libc::c_int),
        addr: IfReq::with_addr(TAP_NAME, CONTAINER_IP),
        mask: IfReq::with_addr(TAP_NAME, mask),
        tap_up: IfReq::new(TAP_NAME),
        route: RtEntry {
            rt_pad1: 0,
            rt_dst: sockaddr_in(std::net::Ipv4Addr::UNSPECIFIED),
            rt_gateway: sockaddr_in(GATEWAY_IP),
            rt_genmask: sockaddr_in(std::net::Ipv4Addr::UNSPECIFIED),
            rt_flags: libc::RTF_UP | libc::RTF_GATEWAY,
            rt_pad2: 0,
            rt_pad3: 0,
            rt_pad4: std::ptr::null_mut(),
            rt_metric: 0,
            rt_dev: std::ptr::null_mut(),
            rt_mtu: 0,
            rt_window: 0,
            rt_irtt: 0,
        },
    };

    // SAFETY: the child runs only `child`, which makes raw syscalls on `plan`
    // (no allocation, no locks) and ends in _exit.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(("fork", io::Error::last_os_error()));
    }
    if pid == 0 {
        // SAFETY: we are the forked child; see `child`.
        unsafe { child(&plan) }
    }
    drop(theirs);
    let got = receive(&ours);
    let mut status = 0;
    // SAFETY: reap our own child.
    unsafe { libc::waitpid(pid, &mut status, 0) };
    got
}

/// Read the child's report: the tap descriptor, or (step, errno).
fn receive(sock: &OwnedFd) -> Result<OwnedFd, (&'static str, io::Error)> {
    let mut report = [0u8; 8];
    let mut cbuf = [0u64; 8];
    let mut iov = libc::iovec {
        iov_base: report.as_mut_ptr().cast(),
        iov_len: report.len(),
    };
    // SAFETY: a zeroed msghdr is valid; the pointers set below outlive the call.
    let mut msg: libc::msghdr = unsafe { zeroed() };
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = cbuf.as_mut_ptr().cast();
    msg.msg_controllen = size_of::<[u64; 8]>();
    let n = loop {
        // SAFETY: msg points to valid buffers.
        let n = unsafe { libc::recvmsg(sock.as_raw_fd(), &mut msg, libc::MSG_CMSG_CLOEXEC) };
        if n >= 0 || io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            break n;
        }
    };
    if n < 0 {
        return Err(("receive the tap descriptor", io::Error::last_os_error()));
    }
    // SAFETY: msg was filled by recvmsg; CMSG_* walk within msg_control.
    unsafe {
        let cmsg = libc::CMSG_FIRSTHDR(&msg);
        if !cmsg.is_null()
            && (*cmsg).cmsg_level == libc::SOL_SOCKET
            && (*cmsg).cmsg_type == libc::SCM_RIGHTS
        {
            let fd = std::ptr::read_unaligned(libc::CMSG_DATA(cmsg) as *const RawFd);
            return Ok(OwnedFd::from_raw_fd(fd));
        }
    }
    if n == 8 {
        let step = u32::from_ne_bytes(report[..4].try_into().unwrap()) as usize;
        let errno = i32::from_ne_bytes(report[4..].try_into().unwrap());
        let step = STEPS.get(step).copied().unwrap_or("set up the tap device");
        return Err((step, io::Error::from_raw_os_error(errno)));
    }
    Err((
        "set up the tap device",
        io::Error::other("helper process exited without a report"),
    ))
}

/// The forked child: set up tap0 and send its descriptor, or report the step
/// that failed. Never returns.
///
/// # Safety
/// Only to be called in a freshly forked child; uses nothing but syscalls.
unsafe fn child(p: &Plan) -> ! {
    let fail = |step: u32| -> ! {
        // SAFETY: errno location is thread-local and valid.
        let errno = unsafe { *libc::__errno_location() };
        let mut report = [0u8; 8];
        report[..4].copy_from_slice(&step.to_ne_bytes());
        report[4..].copy_from_slice(&errno.to_ne_bytes());
        // SAFETY: plain syscalls on our own socket, then exit.
        unsafe {
            libc::send(p.sock, report.as_ptr().cast(), 8, 0);
            libc::_exit(1)
        }
    };
    // SAFETY (whole block): each call is a syscall on descriptors and
    // structures prepared before the fork.
    unsafe {
        if let Some(userns) = p.userns
            && libc::setns(userns, libc::CLONE_NEWUSER) != 0
        {
            fail(0);
        }
        if libc::setns(p.netns, libc::CLONE_NEWNET) != 0 {
            fail(1);
        }
        let tun = libc::open(c"/dev/net/tun".as_ptr(), libc::O_RDWR | libc::O_CLOEXEC);
        if tun < 0 {
            fail(2);
        }
        if libc::ioctl(tun, libc::TUNSETIFF, &p.tun) != 0 {
            fail(3);
        }
        let s = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
        if s < 0 {
            fail(4);
        }
        let steps: [(u32, libc::c_ulong, &IfReq); 3] = [
            (5, libc::SIOCSIFMTU, &p.mtu),
            (6, libc::SIOCSIFADDR, &p.addr),
            (7, libc::SIOCSIFNETMASK, &p.mask),
        ];
        for (step, req, ifr) in steps {
            if libc::ioctl(s, req, ifr) != 0 {
                fail(step);
            }
        }
        // Up: read the flags, add IFF_UP, write them back.
        let mut req = p.tap_up;
        if libc::ioctl(s, libc::SIOCGIFFLAGS, &mut req) != 0 {
            fail(8);
        }
        let flags = libc::c_short::from_ne_bytes([req.data[0], req.data[1]])
            | libc::IFF_UP as libc::c_short;
        req.data[..2].copy_from_slice(&flags.to_ne_bytes());
        if libc::ioctl(s, libc::SIOCSIFFLAGS, &req) != 0 {
            fail(8);
        }
        if crate::net::loopback::up().is_err() {
            fail(9);
        }
        if libc::ioctl(s, libc::SIOCADDRT, &p.route) != 0
            && *libc::__errno_location() != libc::EEXIST
        {
            fail(10);
        }
        // Send the tap descriptor with one byte of payload.
        let byte = [0u8; 1];
        let mut iov = libc::iovec {
            iov_base: byte.as_ptr() as *mut libc::c_void,
            iov_len: 1,
        };
        let mut cbuf = [0u64; 4];
        let mut msg: libc::msghdr = zeroed();
        msg.msg_iov = &mut iov;
        msg.msg_iovlen = 1;
        msg.msg_control = cbuf.as_mut_ptr().cast();
        msg.msg_controllen = libc::CMSG_SPACE(size_of::<RawFd>() as u32) as usize;
        let cmsg = libc::CMSG_FIRSTHDR(&msg);
        (*cmsg).cmsg_level = libc::SOL_SOCKET;
        (*cmsg).cmsg_type = libc::SCM_RIGHTS;
        (*cmsg).cmsg_len = libc::CMSG_LEN(size_of::<RawFd>() as u32) as usize;
        std::ptr::write_unaligned(libc::CMSG_DATA(cmsg) as *mut RawFd, tun);
        if libc::sendmsg(p.sock, &msg, 0) < 0 {
            libc::_exit(2);
        }
        libc::_exit(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_struct_sizes() {
        assert_eq!(size_of::<IfReq>(), 40);
        assert_eq!(size_of::<RtEntry>(), 120);
    }
}
