//! Bringing `lo` up in a new network namespace: every mode with a namespace
//! of its own has a working 127.0.0.1, as in podman (`none` included).

use std::io;

/// Sets `lo` up in the calling thread's network namespace. Only syscalls on
/// stack data: safe in a freshly forked child.
pub fn up() -> io::Result<()> {
    // SAFETY: a socket, two ioctls on a zeroed ifreq naming "lo", a close.
    unsafe {
        let s = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
        if s < 0 {
            return Err(io::Error::last_os_error());
        }
        let mut req: libc::ifreq = std::mem::zeroed();
        req.ifr_name[..2].copy_from_slice(&[b'l' as libc::c_char, b'o' as libc::c_char]);
        let mut rc = libc::ioctl(s, libc::SIOCGIFFLAGS, &mut req);
        if rc == 0 {
            req.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
            rc = libc::ioctl(s, libc::SIOCSIFFLAGS, &req);
        }
        let err = io::Error::last_os_error();
        libc::close(s);
        if rc != 0 { Err(err) } else { Ok(()) }
    }
}
