//! TCP flows: host connects in progress (with the container's SYN held back),
//! and established pairs of (smoltcp socket, host socket) with the copying
//! between them. See the module doc of `slirp` for the life of a connection.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::time::Instant;

use rustix::net::{AddressFamily, SocketFlags, SocketType};
use smoltcp::iface::{SocketHandle, SocketSet};
use smoltcp::socket::tcp;
use smoltcp::wire::IpListenEndpoint;

use super::frame::FlowKey;

/// Beyond this many connections (pending and established) new SYNs are
/// refused: a bound on what a container can make its parent hold.
pub const MAX_FLOWS: usize = 4096;

/// A host connect in progress for a container SYN.
pub struct Pending {
    pub sock: OwnedFd,
    pub syn: Vec<u8>,
    pub started: Instant,
}

/// An established relay.
pub struct Flow {
    pub handle: SocketHandle,
    pub host: TcpStream,
    /// The host sent EOF; the container got (or will get) our FIN.
    host_eof: bool,
    /// We shut down the host's write side after the container's FIN.
    host_shut: bool,
    /// The host socket would block on write: poll it for POLLOUT.
    pub want_write: bool,
}

#[derive(Default)]
pub struct TcpFlows {
    pub pending: HashMap<FlowKey, Pending>,
    pub flows: HashMap<FlowKey, Flow>,
}

/// Start a non-blocking connect to `target`.
pub fn start_connect(target: SocketAddr) -> io::Result<OwnedFd> {
    let family = match target {
        SocketAddr::V4(_) => AddressFamily::INET,
        SocketAddr::V6(_) => AddressFamily::INET6,
    };
    let sock = rustix::net::socket_with(
        family,
        SocketType::STREAM,
        SocketFlags::NONBLOCK | SocketFlags::CLOEXEC,
        None,
    )?;
    match rustix::net::connect(&sock, &target) {
        Ok(()) | Err(rustix::io::Errno::INPROGRESS) => Ok(sock),
        Err(e) => Err(e.into()),
    }
}

/// The outcome of a connect that polled writable (or failed).
pub fn finish_connect(sock: &OwnedFd) -> io::Result<()> {
    match rustix::net::sockopt::socket_error(sock)? {
        Ok(()) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

impl TcpFlows {
    pub fn len(&self) -> usize {
        self.pending.len() + self.flows.len()
    }

    /// The host connect for `key` succeeded: make the smoltcp socket that
    /// will accept the held SYN.
    pub fn establish(
        &mut self,
        key: FlowKey,
        host: OwnedFd,
        sockets: &mut SocketSet<'static>,
        buffer: usize,
    ) {
        let mut sock = tcp::Socket::new(
            tcp::SocketBuffer::new(vec![0; buffer]),
            tcp::SocketBuffer::new(vec![0; buffer]),
        );
        let ep = IpListenEndpoint {
            addr: Some((*key.dst.ip()).into()),
            port: key.dst.port(),
        };
        sock.listen(ep).expect("port is never 0: refused by policy");
        sock.set_nagle_enabled(false);
        // A container that vanishes without RST must not pin the flow.
        sock.set_timeout(Some(smoltcp::time::Duration::from_secs(120)));
        let handle = sockets.add(sock);
        let host = TcpStream::from(host);
        let _ = host.set_nodelay(true);
        self.flows.insert(
            key,
            Flow {
                handle,
                host,
                host_eof: false,
                host_shut: false,
                want_write: false,
            },
        );
    }

    /// Descriptors to poll: (fd, events) for pending connects and relays.
    pub fn poll_interest(&self, sockets: &SocketSet<'static>, out: &mut Vec<(RawFd, i16)>) {
        for p in self.pending.values() {
            out.push((p.sock.as_raw_fd(), libc::POLLOUT));
        }
        for f in self.flows.values() {
            let s = sockets.get::<tcp::Socket>(f.handle);
            let mut ev = 0;
            if !f.host_eof && s.can_send() {
                ev |= libc::POLLIN;
            }
            if f.want_write {
                ev |= libc::POLLOUT;
            }
            out.push((f.host.as_raw_fd(), ev));
        }
    }

    /// Copy what can be copied both ways for every flow and drop finished
    /// flows. Returns whether anything moved (smoltcp should be polled again).
    pub fn relay(&mut self, sockets: &mut SocketSet<'static>) -> bool {
        let mut moved = false;
        let mut done = Vec::new();
        for (key, f) in self.flows.iter_mut() {
            let s = sockets.get_mut::<tcp::Socket>(f.handle);
            let (m, finished) = relay_one(f, s);
            moved |= m;
            if finished {
                done.push(*key);
            }
        }
        for key in done {
            if let Some(f) = self.flows.remove(&key) {
                sockets.remove(f.handle);
            }
        }
        moved
    }
}

fn relay_one(f: &mut Flow, s: &mut tcp::Socket<'static>) -> (bool, bool) {
    use tcp::State;
    let mut moved = false;
    let state = s.state();
    match state {
        // The held SYN was handed to smoltcp before this pass: a socket still
        // listening did not get it and must not wait for another flow's SYN.
        State::Listen => return (false, true),
        State::SynReceived => return (false, false),
        // Closed: wait until smoltcp has sent its RST (the tuple is cleared
        // then), or the socket is already fully closed.
        State::Closed => {
            let gone = s.remote_endpoint().is_none();
            if gone && !(f.host_shut && f.host_eof) {
                // Reset by the container or timed out: reset the host too.
                let linger = Some(std::time::Duration::ZERO);
                let _ = rustix::net::sockopt::set_socket_linger(&f.host, linger);
            }
            return (false, gone);
        }
        _ => {}
    }
    // Container -> host.
    f.want_write = false;
    while s.can_recv() {
        let r = s.recv(|buf| match f.host.write(buf) {
            Ok(n) => (n, Ok(n)),
            Err(e) => (0, Err(e)),
        });
        match r {
            Ok(Ok(0)) => break,
            Ok(Ok(_)) => moved = true,
            Ok(Err(e)) if e.kind() == io::ErrorKind::WouldBlock => {
                f.want_write = true;
                break;
            }
            Ok(Err(e)) if e.kind() == io::ErrorKind::Interrupted => {}
            Ok(Err(_)) | Err(_) => {
                // The host reset or went away: so does the container's side.
                s.abort();
                f.host_shut = true;
                f.host_eof = true;
                return (true, false);
            }
        }
    }
    // The container's FIN, once its data is all written: half-close the host.
    let fin_seen = matches!(
        state,
        State::CloseWait | State::LastAck | State::Closing | State::TimeWait
    );
    if fin_seen && !f.host_shut && s.recv_queue() == 0 {
        let _ = f.host.shutdown(Shutdown::Write);
        f.host_shut = true;
        moved = true;
    }
    // Host -> container, only while the socket has room (back-pressure).
    while !f.host_eof && s.can_send() {
        let r = s.send(|buf| match f.host.read(buf) {
            Ok(0) => (0, Ok(0)),
            Ok(n) => (n, Ok(n)),
            Err(e) => (0, Err(e)),
        });
        match r {
            Ok(Ok(0)) => {
                f.host_eof = true;
                s.close(); // FIN after the queued data
                moved = true;
            }
            Ok(Ok(_)) => moved = true,
            Ok(Err(e)) if e.kind() == io::ErrorKind::WouldBlock => break,
            Ok(Err(e)) if e.kind() == io::ErrorKind::Interrupted => {}
            Ok(Err(_)) | Err(_) => {
                s.abort();
                f.host_shut = true;
                f.host_eof = true;
                return (true, false);
            }
        }
    }
    // Only TIME-WAIT left: it needs no host socket, and a late duplicate FIN
    // from the container is answered with RST, which is harmless.
    let finished = s.state() == State::TimeWait && f.host_shut && f.host_eof;
    (moved, finished)
}

/// Connects still pending after this long are given up (the host's own
/// connect timeout is minutes; a container retries on its own).
pub const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);
