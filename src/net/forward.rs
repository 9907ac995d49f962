//! rctl's own port forwarder: listens on the host for each published port
//! and carries every connection (TCP) or flow (UDP) into the container.
//!
//! The listeners are bound before the container starts, so a port already in
//! use is an error before anything runs, and a host port left as 0 gets a
//! free one. Serving starts after the container process exists (the threads
//! it needs must not exist when rctl forks). Inside the container, sockets
//! are made by one thread that has joined the container's network namespace
//! and connects to the port on the container's loopback, so this works the
//! same rootless, without a route from the host to the container. TCP bytes
//! move with splice(2) through a pipe, never through user memory. The
//! forwarder lives in the container's parent (foreground rctl or monitor)
//! and so exactly as long as the container.

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::os::fd::{AsFd, OwnedFd};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
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

/// Makes sockets inside the container's network namespace.
#[derive(Clone)]
struct Inside {
    requests: mpsc::Sender<(Request, mpsc::Sender<io::Result<Made>>)>,
}

enum Request {
    Tcp(u16),
    Udp(u16),
}

enum Made {
    Tcp(TcpStream),
    Udp(UdpSocket),
}

impl Inside {
    /// A thread in the network namespace `netns`, serving socket requests.
    fn start(netns: OwnedFd, pid: i32) -> Result<Inside, ForwardError> {
        let (tx, rx) = mpsc::channel::<(Request, mpsc::Sender<io::Result<Made>>)>();
        let (ready_tx, ready_rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("rctl-ports-netns".into())
            .spawn(move || {
                let joined = nix::sched::setns(netns.as_fd(), nix::sched::CloneFlags::CLONE_NEWNET)
                    .map_err(io::Error::from);
                let failed = joined.is_err();
                let _ = ready_tx.send(joined);
                if failed {
                    return;
                }
                for (req, reply) in rx {
                    let loopback = Ipv4Addr::LOCALHOST;
                    let made = match req {
                        Request::Tcp(port) => TcpStream::connect((loopback, port)).map(Made::Tcp),
                        Request::Udp(port) => UdpSocket::bind((loopback, 0))
                            .and_then(|s| s.connect((loopback, port)).map(|()| s))
                            .map(Made::Udp),
                    };
                    let _ = reply.send(made);
                }
            })
            .map_err(|source| ForwardError::Netns { pid, source })?;
        ready_rx
            .recv()
            .unwrap_or_else(|_| Err(io::Error::other("the namespace thread died")))
            .map_err(|source| ForwardError::Netns { pid, source })?;
        Ok(Inside { requests: tx })
    }

    fn make(&self, req: Request) -> io::Result<Made> {
        let (tx, rx) = mpsc::channel();
        self.requests
            .send((req, tx))
            .map_err(|_| io::Error::other("the namespace thread is gone"))?;
        rx.recv()
            .map_err(|_| io::Error::other("the namespace thread is gone"))?
    }
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
        let inside = Inside::start(netns, pid)?;
        for (m, socket) in self.bound {
            let inside = inside.clone();
            let port = m.container_port;
            match socket {
                Socket::Tcp(l) => {
                    std::thread::spawn(move || serve_tcp(l, port, inside));
                }
                Socket::Udp(s) => {
                    std::thread::spawn(move || serve_udp(s, port, inside));
                }
            }
        }
        Ok(())
    }
}

fn serve_tcp(listener: TcpListener, port: u16, inside: Inside) {
    for client in listener.incoming() {
        let Ok(client) = client else { continue };
        let inside = inside.clone();
        std::thread::spawn(move || match inside.make(Request::Tcp(port)) {
            Ok(Made::Tcp(server)) => relay(client, server),
            Ok(Made::Udp(_)) => {}
            // Nothing listens in the container: the client sees the close.
            Err(e) => tracing::debug!("forwarding to container port {port}: {e}"),
        });
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

fn serve_udp(socket: UdpSocket, port: u16, inside: Inside) {
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
                let Ok(Made::Udp(s)) = inside.make(Request::Udp(port)) else {
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
}
