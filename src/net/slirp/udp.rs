//! UDP flows: one connected, non-blocking host socket per (container port,
//! destination), closed after an idle time. Replies are handed back with the
//! flow's key so the event loop can build the frame to the container.

use std::collections::HashMap;
use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::os::fd::{AsRawFd, RawFd};
use std::time::{Duration, Instant};

use super::frame::FlowKey;

/// Beyond this many flows a new one is refused (the oldest stay): a bound on
/// descriptors a container can make its parent hold.
pub const MAX_FLOWS: usize = 1024;

struct Flow {
    sock: UdpSocket,
    last: Instant,
}

#[derive(Default)]
pub struct UdpFlows {
    flows: HashMap<FlowKey, Flow>,
}

impl UdpFlows {
    /// Send `payload` for `key` to `target`, opening the flow's socket first
    /// if it is new. Errors of a single datagram are not the stack's problem:
    /// they are dropped, as a router would.
    pub fn send(&mut self, key: FlowKey, target: SocketAddr, payload: &[u8], now: Instant) {
        if !self.flows.contains_key(&key) {
            if self.flows.len() >= MAX_FLOWS {
                return;
            }
            let Ok(sock) = open(target) else { return };
            self.flows.insert(key, Flow { sock, last: now });
        }
        let flow = self.flows.get_mut(&key).expect("inserted above");
        flow.last = now;
        let _ = flow.sock.send(payload);
    }

    /// Descriptors to poll for readability, with their keys.
    pub fn fds(&self) -> impl Iterator<Item = (FlowKey, RawFd)> + '_ {
        self.flows.iter().map(|(k, f)| (*k, f.sock.as_raw_fd()))
    }

    /// Read every datagram waiting on `key`'s socket, calling `deliver` for each.
    pub fn receive(
        &mut self,
        key: FlowKey,
        buf: &mut [u8],
        now: Instant,
        mut deliver: impl FnMut(&[u8]),
    ) {
        let Some(flow) = self.flows.get_mut(&key) else {
            return;
        };
        // Errors (EAGAIN, or ECONNREFUSED from an ICMP error of the
        // destination) end the batch; a dead flow idles out.
        while let Ok(n) = flow.sock.recv(buf) {
            flow.last = now;
            deliver(&buf[..n]);
        }
    }

    /// Close flows idle for `idle` or longer.
    pub fn expire(&mut self, now: Instant, idle: Duration) {
        self.flows.retain(|_, f| now.duration_since(f.last) < idle);
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.flows.len()
    }
}

fn open(target: SocketAddr) -> io::Result<UdpSocket> {
    let bind: SocketAddr = match target {
        SocketAddr::V4(_) => "0.0.0.0:0".parse().unwrap(),
        SocketAddr::V6(_) => "[::]:0".parse().unwrap(),
    };
    let sock = UdpSocket::bind(bind)?;
    sock.connect(target)?;
    sock.set_nonblocking(true)?;
    Ok(sock)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, SocketAddrV4};

    fn key(port: u16) -> FlowKey {
        FlowKey {
            src: SocketAddrV4::new(Ipv4Addr::new(10, 0, 2, 100), port),
            dst: SocketAddrV4::new(Ipv4Addr::new(10, 0, 2, 2), 9),
        }
    }

    #[test]
    fn flows_relay_and_expire() {
        let server = UdpSocket::bind("127.0.0.1:0").unwrap();
        let target = server.local_addr().unwrap();
        let mut flows = UdpFlows::default();
        let t0 = Instant::now();
        flows.send(key(1000), target, b"one", t0);
        flows.send(key(1000), target, b"two", t0);
        flows.send(key(1001), target, b"three", t0);
        assert_eq!(flows.len(), 2);
        let mut buf = [0u8; 64];
        let (n, from) = server.recv_from(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"one");
        server.send_to(b"reply", from).unwrap();
        let _ = server.recv_from(&mut buf).unwrap();
        let _ = server.recv_from(&mut buf).unwrap();
        std::thread::sleep(Duration::from_millis(50));
        let mut got = Vec::new();
        let keys: Vec<_> = flows.fds().map(|(k, _)| k).collect();
        for k in keys {
            flows.receive(k, &mut buf, t0, |d| got.push((k, d.to_vec())));
        }
        assert_eq!(got, vec![(key(1000), b"reply".to_vec())]);
        flows.expire(t0 + Duration::from_secs(59), Duration::from_secs(60));
        assert_eq!(flows.len(), 2);
        flows.expire(t0 + Duration::from_secs(60), Duration::from_secs(60));
        assert_eq!(flows.len(), 0);
    }
}
