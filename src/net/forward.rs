//! rctl's own port forwarder: listens on the host for each published port
//! and carries every connection (TCP) or flow (UDP) into the container.
//!
//! The listeners are bound before the container starts, so a port already in
//! use is an error before anything runs, and a host port left as 0 gets a
//! free one. Serving starts after the container process exists (the threads
//! it needs must not exist when rctl forks). Each port's thread holds its
//! host socket and then joins the container's network namespace, so the
//! sockets it makes for each client connect to the port on the container's
//! loopback: this works the same rootless, without a route from the host to
//! the container, and with no hand-off between threads per connection. TCP bytes
//! move with splice(2) through a pipe, never through user memory. The
//! forwarder lives in the container's parent (foreground rctl or monitor)
//! and so exactly as long as the container.

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::os::fd::{AsFd, OwnedFd};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use super::ports::{PortMapping, Protocol};

/// How long a UDP flow lives without traffic.
const UDP_IDLE: Duration = Duration::from_secs(60);

/// Why forwarding could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum ForwardError {
    /// A host port could not be bound.
    #[error("publishing {mapping}: {source}")]
    Bind {
        /// The mapping.
        mapping: String,
        /// The cause (in use, no permission for ports below 1024, ...).
        source: io::Error,
    },
    /// The container's network namespace could not be joined.
    #[error("joining the network namespace of process {pid}: {source}")]
    Netns {
        /// The container's process.
        pid: i32,
        /// The cause.
        source: io::Error,
    },
}

enum Socket {
    Tcp(TcpListener),
    Udp(UdpSocket),
}

/// Host sockets bound for a container's published ports, not yet serving.
pub struct Listeners {
    bound: Vec<(PortMapping, Socket)>,
}

/// Binds every mapping; returns the listeners and the mappings with the
/// host ports that were chosen for those left as 0.
pub fn bind(mappings: &[PortMapping]) -> Result<(Listeners, Vec<PortMapping>), ForwardError> {
    let mut bound = Vec::new();
    let mut chosen = Vec::new();
    for m in mappings {
        let ip = m.host_ip.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let addr = SocketAddr::new(ip, m.host_port);
        let fail = |source| ForwardError::Bind {
            mapping: m.to_string(),
            source,
        };
        let (socket, port) = match m.protocol {
            Protocol::Tcp => {
                let l = TcpListener::bind(addr).map_err(fail)?;
                let port = l.local_addr().map_err(fail)?.port();
                (Socket::Tcp(l), port)
            }
            Protocol::Udp => {
                let s = UdpSocket::bind(addr).map_err(fail)?;
                let port = s.local_addr().map_err(fail)?.port();
                (Socket::Udp(s), port)
            }
        };
        let mut m = m.clone();
        m.host_port = port;
        chosen.push(m.clone());
        bound.push((m, socket));
    }
    Ok((Listeners { bound }, chosen))
}

/// Moves the calling thread into the network namespace `netns`: sockets it
/// makes from then on are the container's, while those it already holds
/// (the host listeners) stay on the host.
fn enter(netns: &OwnedFd) -> io::Result<()> {
    nix::sched::setns(netns.as_fd(), nix::sched::CloneFlags::CLONE_NEWNET).map_err(io::Error::from)
}

impl Listeners {
    /// Whether there is anything to forward.
    pub fn is_empty(&self) -> bool {
        self.bound.is_empty()
    }

    /// Starts forwarding into the network namespace of process `pid` (the
    /// container's). Threads run until the process exits.
    pub fn serve(self, pid: i32) -> Result<(), ForwardError> {
        if self.bound.is_empty() {
            return Ok(());
        }
        let netns = std::fs::File::open(format!("/proc/{pid}/ns/net"))
            .map(OwnedFd::from)
            .map_err(|source| ForwardError::Netns { pid, source })?;
        // Each port's thread joins the container's namespace once, at its
        // start; a failure to join is reported before the container runs.
        let netns = Arc::new(netns);
        for (m, socket) in self.bound {
            let (netns, port) = (netns.clone(), m.container_port);
            let (joined_tx, joined_rx) = mpsc::channel();
            std::thread::Builder::new()
                .name(format!("rctl-port-{}", m.host_port))
                .spawn(move || {
                    let joined = enter(&netns);
                    let ok = joined.is_ok();
                    let _ = joined_tx.send(joined);
                    if ok {
                        match socket {
                            Socket::Tcp(l) => serve_tcp(l, port),
                            Socket::Udp(s) => serve_udp(s, port),
                        }
                    }
                })
                .map_err(|source| ForwardError::Netns { pid, source })?;
            joined_rx
                .recv()
                .unwrap_or_else(|_| Err(io::Error::other("the port thread died")))
                .map_err(|source| ForwardError::Netns { pid, source })?;
        }
        Ok(())
    }
}

/// Accepts on the host listener; this thread is in the container's network
/// namespace, so the connection it makes for each client is the container's.
fn serve_tcp(listener: TcpListener, port: u16) {
    for client in listener.incoming() {
        let Ok(client) = client else { continue };
        match TcpStream::connect((Ipv4Addr::LOCALHOST, port)) {
            Ok(server) => {
                std::thread::spawn(move || relay(client, server));
            }
            // Nothing listens in the container: the client sees the close.
            Err(e) => tracing::debug!("forwarding to container port {port}: {e}"),
        }
    }
}

/// Copies both ways until each side has closed its sending half.
fn relay(client: TcpStream, server: TcpStream) {
    let (c2, s2) = match (client.try_clone(), server.try_clone()) {
        (Ok(c), Ok(s)) => (c, s),
        _ => return,
    };
    let back = std::thread::spawn(move || splice_all(&s2, &c2));
    splice_all(&client, &server);
    let _ = back.join();
}

/// Moves bytes from `from` to `to` through a pipe with splice(2); at the end
/// of `from`, shuts down `to`'s sending half.
fn splice_all(from: &TcpStream, to: &TcpStream) {
    use rustix::pipe::{SpliceFlags, pipe, splice};
    if let Ok((rd, wr)) = pipe() {
        loop {
            match splice(from, None, &wr, None, 1 << 16, SpliceFlags::MOVE) {
                Ok(0) | Err(_) => break,
                Ok(mut n) => {
                    while n > 0 {
                        match splice(&rd, None, to, None, n, SpliceFlags::MOVE) {
                            Ok(0) | Err(_) => {
                                n = usize::MAX;
                                break;
                            }
                            Ok(m) => n -= m,
                        }
                    }
                    if n == usize::MAX {
                        break;
                    }
                }
            }
        }
    }
    let _ = to.shutdown(std::net::Shutdown::Write);
    let _ = from.shutdown(std::net::Shutdown::Read);
}

/// Relays datagrams; like [`serve_tcp`], this thread is in the container's
/// network namespace and makes one inner socket per client.
fn serve_udp(socket: UdpSocket, port: u16) {
    let socket = Arc::new(socket);
    let flows: Arc<Mutex<std::collections::HashMap<SocketAddr, Arc<UdpSocket>>>> = Arc::default();
    let mut buf = vec![0u8; 65536];
    loop {
        let Ok((n, client)) = socket.recv_from(&mut buf) else {
            continue;
        };
        let existing = flows.lock().expect("lock").get(&client).cloned();
        let flow = match existing {
            Some(f) => f,
            None => {
                let inner = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))
                    .and_then(|s| s.connect((Ipv4Addr::LOCALHOST, port)).map(|()| s));
                let Ok(s) = inner else {
                    continue;
                };
                let s = Arc::new(s);
                let _ = s.set_read_timeout(Some(UDP_IDLE));
                flows.lock().expect("lock").insert(client, s.clone());
                let (outer, flows, inner) = (socket.clone(), flows.clone(), s.clone());
                std::thread::spawn(move || {
                    let mut buf = vec![0u8; 65536];
                    // Replies go back to the client until the flow is idle.
                    while let Ok(n) = inner.recv(&mut buf) {
                        let _ = outer.send_to(&buf[..n], client);
                    }
                    flows.lock().expect("lock").remove(&client);
                });
                s
            }
        };
        let _ = flow.send(&buf[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn binds_free_ports_and_reports_them() {
        let m = super::super::ports::parse("127.0.0.1::80").unwrap();
        let (l, chosen) = bind(&m).unwrap();
        assert!(!l.is_empty());
        assert_ne!(chosen[0].host_port, 0);
        // The port is really held.
        assert!(TcpListener::bind(("127.0.0.1", chosen[0].host_port)).is_err());
    }

    #[test]
    fn a_port_in_use_is_an_error_naming_it() {
        let held = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = held.local_addr().unwrap().port();
        let m = super::super::ports::parse(&format!("127.0.0.1:{port}:80")).unwrap();
        let e = bind(&m).err().unwrap().to_string();
        assert!(e.contains(&format!("{port}")), "{e}");
    }

    #[test]
    fn splice_relays_both_ways() {
        // Two socket pairs: a <-> b relayed to c <-> d.
        let l1 = TcpListener::bind("127.0.0.1:0").unwrap();
        let l2 = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut a = TcpStream::connect(l1.local_addr().unwrap()).unwrap();
        let b = l1.accept().unwrap().0;
        let c = TcpStream::connect(l2.local_addr().unwrap()).unwrap();
        let mut d = l2.accept().unwrap().0;
        let t = std::thread::spawn(move || relay(b, c));
        let data = vec![7u8; 300_000];
        let expect = data.clone();
        let writer = std::thread::spawn(move || {
            a.write_all(&data).unwrap();
            a.shutdown(std::net::Shutdown::Write).unwrap();
            let mut back = Vec::new();
            a.read_to_end(&mut back).unwrap();
            back
        });
        let mut got = Vec::new();
        d.read_to_end(&mut got).unwrap();
        assert_eq!(got, expect);
        d.write_all(b"reply").unwrap();
        d.shutdown(std::net::Shutdown::Write).unwrap();
        assert_eq!(writer.join().unwrap(), b"reply");
        t.join().unwrap();
    }

    #[test]
    fn forwards_tcp_and_udp_into_a_namespace() {
        // The "container" is this process's own network namespace (the
        // tests run as root inside the private one tests/run makes).
        let tcp_server = TcpListener::bind("127.0.0.1:0").unwrap();
        let tcp_port = tcp_server.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for c in tcp_server.incoming().flatten() {
                let mut c = c;
                let _ = c.write_all(b"tcp-hello");
            }
        });
        let udp_server = UdpSocket::bind("127.0.0.1:0").unwrap();
        let udp_port = udp_server.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let mut buf = [0u8; 64];
            while let Ok((n, from)) = udp_server.recv_from(&mut buf) {
                let mut reply = b"udp:".to_vec();
                reply.extend_from_slice(&buf[..n]);
                let _ = udp_server.send_to(&reply, from);
            }
        });
        let mut maps = super::super::ports::parse(&format!("127.0.0.1::{tcp_port}")).unwrap();
        maps.extend(super::super::ports::parse(&format!("127.0.0.1::{udp_port}/udp")).unwrap());
        let (l, chosen) = bind(&maps).unwrap();
        l.serve(std::process::id() as i32).unwrap();

        let mut c = TcpStream::connect(("127.0.0.1", chosen[0].host_port)).unwrap();
        let mut got = String::new();
        c.read_to_string(&mut got).unwrap();
        assert_eq!(got, "tcp-hello");

        let client = UdpSocket::bind("127.0.0.1:0").unwrap();
        client
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        client
            .send_to(b"ping", ("127.0.0.1", chosen[1].host_port))
            .unwrap();
        let mut buf = [0u8; 64];
        let n = client.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"udp:ping");
    }
}
