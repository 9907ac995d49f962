//! The event loop: one thread that polls tap0, the host sockets and a stop
//! pipe, feeds frames to smoltcp or to the UDP relay, and copies TCP data.

use std::io;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::thread::JoinHandle;
use std::time::Instant;

use smoltcp::iface::{Config as IfaceConfig, Interface, SocketSet};
use smoltcp::wire::{EthernetAddress, HardwareAddress, IpCidr};

use super::device::TapDevice;
use super::frame::{self, FlowKey, Ingress};
use super::tcp::{self, Pending, TcpFlows};
use super::udp::UdpFlows;
use super::{Config, DNS_IP, Error, GATEWAY_IP, GATEWAY_MAC, PREFIX_LEN, policy};

/// A running user-mode network stack. Stopped by [`Stack::stop`] or on drop;
/// every host socket it opened is closed then.
pub struct Stack {
    stop_tx: Option<OwnedFd>,
    thread: Option<JoinHandle<Result<(), io::Error>>>,
}

impl Stack {
    /// Serve the container behind `tap` (from [`super::open_tap`]) in a new
    /// thread, until stopped.
    pub fn start(tap: OwnedFd, config: Config) -> Result<Stack, Error> {
        set_nonblocking(&tap).map_err(Error::Start)?;
        let (stop_rx, stop_tx) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC)
            .map_err(|e| Error::Start(e.into()))?;
        let thread = std::thread::Builder::new()
            .name("rctl-slirp".into())
            .spawn(move || Loop::new(tap, config).run(stop_rx))
            .map_err(Error::Start)?;
        Ok(Stack {
            stop_tx: Some(stop_tx),
            thread: Some(thread),
        })
    }

    /// Stop serving and wait for the thread; reports an error that ended
    /// the loop early, if any.
    pub fn stop(mut self) -> Result<(), Error> {
        self.shutdown()
    }

    /// Whether the loop still runs (false after a fatal tap error).
    pub fn is_running(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }

    fn shutdown(&mut self) -> Result<(), Error> {
        // Closing the write end wakes the loop (POLLHUP on the read end).
        drop(self.stop_tx.take());
        match self.thread.take().map(|t| t.join()) {
            None => Ok(()),
            Some(Ok(r)) => r.map_err(Error::Run),
            Some(Err(_)) => Err(Error::Panicked),
        }
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

fn set_nonblocking(fd: &OwnedFd) -> io::Result<()> {
    let flags = rustix::fs::fcntl_getfl(fd)?;
    rustix::fs::fcntl_setfl(fd, flags | rustix::fs::OFlags::NONBLOCK)?;
    Ok(())
}

/// At most this many frames are read from tap0 per turn, so host sockets get
/// their turn under load.
const READ_BURST: usize = 64;

struct Loop {
    config: Config,
    dev: TapDevice,
    iface: Interface,
    sockets: SocketSet<'static>,
    tcp: TcpFlows,
    udp: UdpFlows,
    /// The container's MAC, learned from its frames; UDP replies go there.
    container_mac: Option<[u8; 6]>,
    epoch: Instant,
    ip_ident: u16,
    buf: Vec<u8>,
}

impl Loop {
    fn new(tap: OwnedFd, config: Config) -> Loop {
        let mut dev = TapDevice::new(tap);
        let mut seed = [0u8; 8];
        let _ = rustix::rand::getrandom(&mut seed, rustix::rand::GetRandomFlags::empty());
        let mut ic = IfaceConfig::new(HardwareAddress::Ethernet(EthernetAddress(GATEWAY_MAC)));
        ic.random_seed = u64::from_ne_bytes(seed);
        let epoch = Instant::now();
        let mut iface = Interface::new(ic, &mut dev, smoltcp::time::Instant::ZERO);
        iface.update_ip_addrs(|a| {
            let _ = a.push(IpCidr::new(GATEWAY_IP.into(), PREFIX_LEN));
        });
        // AnyIP: accept segments for every destination; which ones get a
        // socket is decided in `on_frame`.
        iface.set_any_ip(true);
        Loop {
            config,
            dev,
            iface,
            sockets: SocketSet::new(Vec::new()),
            tcp: TcpFlows::default(),
            udp: UdpFlows::default(),
            container_mac: None,
            epoch,
            ip_ident: 0,
            buf: vec![0; super::MTU + 14],
        }
    }

    fn now(&self) -> smoltcp::time::Instant {
        smoltcp::time::Instant::from_micros(self.epoch.elapsed().as_micros() as i64)
    }

    fn run(mut self, stop: OwnedFd) -> io::Result<()> {
        let mut fds: Vec<libc::pollfd> = Vec::new();
        let mut interest: Vec<(RawFd, i16)> = Vec::new();
        let mut udp_keys: Vec<FlowKey> = Vec::new();
        loop {
            // What to wait for.
            interest.clear();
            interest.push((stop.as_raw_fd(), libc::POLLIN));
            interest.push((self.dev.fd.as_raw_fd(), libc::POLLIN));
            self.tcp.poll_interest(&self.sockets, &mut interest);
            udp_keys.clear();
            for (k, fd) in self.udp.fds() {
                udp_keys.push(k);
                interest.push((fd, libc::POLLIN));
            }
            fds.clear();
            fds.extend(interest.iter().map(|&(fd, events)| libc::pollfd {
                fd,
                events,
                revents: 0,
            }));
            let now = self.now();
            let delay = self
                .iface
                .poll_delay(now, &self.sockets)
                .map(|d| d.total_millis())
                .unwrap_or(1000)
                .min(1000) as libc::c_int;
            // SAFETY: fds is a valid array of pollfd of the given length.
            let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, delay) };
            if n < 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(e);
            }
            if fds[0].revents != 0 {
                return Ok(());
            }
            if fds[1].revents & (libc::POLLERR | libc::POLLHUP | libc::POLLNVAL) != 0 {
                // tap0 is gone: the container's network namespace died.
                return Ok(());
            }
            let wall = Instant::now();
            if fds[1].revents & libc::POLLIN != 0 {
                self.read_tap()?;
            }
            // Host UDP replies.
            let udp_base = fds.len() - udp_keys.len();
            for (i, key) in udp_keys.iter().enumerate() {
                if fds[udp_base + i].revents != 0 {
                    self.udp_replies(*key, wall);
                }
            }
            self.finish_connects(wall);
            // smoltcp, then copy, then smoltcp again to send what was copied
            // and the window updates.
            let now = self.now();
            self.iface.poll(now, &mut self.dev, &mut self.sockets);
            while self.tcp.relay(&mut self.sockets) {
                self.iface
                    .poll(self.now(), &mut self.dev, &mut self.sockets);
            }
            self.iface
                .poll(self.now(), &mut self.dev, &mut self.sockets);
            self.udp.expire(wall, self.config.udp_idle_timeout);
        }
    }

    fn read_tap(&mut self) -> io::Result<()> {
        for _ in 0..READ_BURST {
            // SAFETY: reading into our own buffer of the given length.
            let n = unsafe {
                libc::read(
                    self.dev.fd.as_raw_fd(),
                    self.buf.as_mut_ptr().cast(),
                    self.buf.len(),
                )
            };
            if n < 0 {
                let e = io::Error::last_os_error();
                return match e.kind() {
                    io::ErrorKind::WouldBlock => Ok(()),
                    io::ErrorKind::Interrupted => continue,
                    _ => Err(e),
                };
            }
            if n == 0 {
                return Ok(());
            }
            let frame = self.buf[..n as usize].to_vec();
            self.on_frame(frame);
        }
        Ok(())
    }

    fn on_frame(&mut self, frame: Vec<u8>) {
        if self.container_mac.is_none() {
            self.container_mac = frame::src_mac(&frame);
        }
        match frame::classify(&frame, &[GATEWAY_IP, DNS_IP]) {
            Ingress::Stack => self.dev.rx.push_back(frame),
            Ingress::Drop => {}
            Ingress::TcpSyn(key) => {
                if self.tcp.flows.contains_key(&key) {
                    // A retransmitted SYN of a flow smoltcp already has.
                    self.dev.rx.push_back(frame);
                    return;
                }
                if self.tcp.pending.contains_key(&key) {
                    return; // still connecting; the held SYN will answer
                }
                let target = policy::host_target(&self.config, key.dst);
                let sock = match target {
                    Some(t) if self.tcp.len() < tcp::MAX_FLOWS => tcp::start_connect(t).ok(),
                    _ => None,
                };
                match sock {
                    Some(sock) => {
                        let p = Pending {
                            sock,
                            syn: frame,
                            started: Instant::now(),
                        };
                        self.tcp.pending.insert(key, p);
                    }
                    // No socket listens: smoltcp answers RST.
                    None => self.dev.rx.push_back(frame),
                }
            }
            Ingress::Udp { key, payload } => {
                if let Some(target) = policy::host_target(&self.config, key.dst) {
                    self.udp.send(key, target, payload, Instant::now());
                }
            }
        }
    }

    /// Resolve pending connects that completed, failed or timed out.
    fn finish_connects(&mut self, wall: Instant) {
        let mut ready = Vec::new();
        for (key, p) in &self.tcp.pending {
            let mut pfd = libc::pollfd {
                fd: p.sock.as_raw_fd(),
                events: libc::POLLOUT,
                revents: 0,
            };
            // SAFETY: one valid pollfd, zero timeout.
            unsafe { libc::poll(&mut pfd, 1, 0) };
            let timed_out = wall.duration_since(p.started) >= tcp::CONNECT_TIMEOUT;
            if pfd.revents != 0 || timed_out {
                ready.push((*key, timed_out && pfd.revents == 0));
            }
        }
        for (key, timed_out) in ready {
            let p = self.tcp.pending.remove(&key).expect("listed above");
            if !timed_out && tcp::finish_connect(&p.sock).is_ok() {
                let buffer = self.config.tcp_buffer;
                self.tcp.establish(key, p.sock, &mut self.sockets, buffer);
            }
            // With a socket, smoltcp accepts the SYN; without one, it
            // answers RST: the container sees "connection refused".
            self.dev.rx.push_back(p.syn);
        }
    }

    fn udp_replies(&mut self, key: FlowKey, wall: Instant) {
        let Some(mac) = self.container_mac else {
            return;
        };
        let mut buf = std::mem::take(&mut self.buf);
        let mut frames = Vec::new();
        let ident = &mut self.ip_ident;
        self.udp.receive(key, &mut buf, wall, |data| {
            *ident = ident.wrapping_add(1);
            if let Some(f) = frame::build_udp(mac, GATEWAY_MAC, key.dst, key.src, *ident, data) {
                frames.push(f);
            }
        });
        self.buf = buf;
        for f in frames {
            self.dev.send(&f);
        }
    }
}
