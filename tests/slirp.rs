//! The user-mode network stack (src/net/slirp) against the real kernel: a
//! child process in a new network namespace plays the container; tap0 is
//! made in it, the stack serves it from this process, and servers listen on
//! this (test) namespace's loopback. Needs root, and runs inside the private
//! network namespace that tests/run makes, so nothing leaves the machine.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use rctl::net::slirp::{self, Config, Stack};

mod common;
use common::netns::Netns;

fn start(ns: &Netns, config: Config) -> Stack {
    let tap = slirp::open_tap(ns.pid()).expect("open_tap");
    Stack::start(tap, config).expect("start stack")
}

fn allowed() -> Config {
    Config {
        allow_host_loopback: true,
        ..Config::default()
    }
}

/// A TCP echo server on 127.0.0.1: echoes each connection until EOF, then
/// closes its side.
fn echo_server() -> SocketAddr {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    thread::spawn(move || {
        for c in l.incoming() {
            let Ok(mut c) = c else { return };
            thread::spawn(move || {
                let mut r = c.try_clone().unwrap();
                let _ = std::io::copy(&mut r, &mut c);
                let _ = c.shutdown(Shutdown::Write);
            });
        }
    });
    addr
}

fn pattern(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i * 7 + i / 251) as u8).collect()
}

fn gateway(port: u16) -> SocketAddr {
    SocketAddr::from((slirp::GATEWAY_IP, port))
}

#[test]
fn tcp_echo_through_gateway_when_host_loopback_allowed() {
    let Some(ns) = Netns::new() else { return };
    let stack = start(&ns, allowed());
    let port = echo_server().port();
    let sent = pattern(300 * 1024);
    let data = sent.clone();
    let got = ns.run(move || {
        let c = TcpStream::connect_timeout(&gateway(port), Duration::from_secs(10)).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        // Write and read at once: the echo fills both windows.
        let mut w = c.try_clone().unwrap();
        let writer = thread::spawn(move || {
            w.write_all(&data).unwrap();
            w.shutdown(Shutdown::Write).unwrap();
        });
        let mut got = Vec::new();
        (&c).read_to_end(&mut got).expect("read to a clean EOF");
        writer.join().unwrap();
        got
    });
    assert_eq!(got.len(), sent.len());
    assert!(got == sent, "echoed bytes differ");
    stack.stop().unwrap();
}

#[test]
fn several_connections_at_once_to_one_destination() {
    let Some(ns) = Netns::new() else { return };
    let stack = start(&ns, allowed());
    let port = echo_server().port();
    let ok = ns.run(move || {
        let conns: Vec<_> = (0..8)
            .map(|_| TcpStream::connect_timeout(&gateway(port), Duration::from_secs(10)).unwrap())
            .collect();
        conns.iter().enumerate().all(|(i, mut c)| {
            let msg = format!("hello {i}");
            c.write_all(msg.as_bytes()).unwrap();
            c.shutdown(Shutdown::Write).unwrap();
            let mut got = String::new();
            c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            c.read_to_string(&mut got).unwrap();
            got == msg
        })
    });
    assert!(ok);
    stack.stop().unwrap();
}

#[test]
fn host_closes_first_and_container_still_sends() {
    let Some(ns) = Netns::new() else { return };
    let stack = start(&ns, allowed());
    // The server says hello, closes its writing side, then reads to EOF.
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let server = thread::spawn(move || {
        let (mut c, _) = l.accept().unwrap();
        c.write_all(b"hello").unwrap();
        c.shutdown(Shutdown::Write).unwrap();
        let mut got = Vec::new();
        c.read_to_end(&mut got).unwrap();
        got
    });
    let greeting = ns.run(move || {
        let mut c = TcpStream::connect_timeout(&gateway(port), Duration::from_secs(10)).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut greeting = Vec::new();
        c.read_to_end(&mut greeting).unwrap();
        c.write_all(b"after your FIN").unwrap();
        c.shutdown(Shutdown::Write).unwrap();
        greeting
    });
    assert_eq!(greeting, b"hello");
    assert_eq!(server.join().unwrap(), b"after your FIN");
    stack.stop().unwrap();
}

#[test]
fn tcp_to_gateway_refused_without_host_loopback() {
    let Some(ns) = Netns::new() else { return };
    let stack = start(&ns, Config::default());
    let port = echo_server().port();
    let err = ns.run(move || {
        TcpStream::connect_timeout(&gateway(port), Duration::from_secs(10)).unwrap_err()
    });
    assert_eq!(err.kind(), std::io::ErrorKind::ConnectionRefused, "{err}");
    stack.stop().unwrap();
}

#[test]
fn tcp_to_closed_port_is_refused() {
    let Some(ns) = Netns::new() else { return };
    let stack = start(&ns, allowed());
    // A port nobody listens on: bind, note, close.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let err = ns.run(move || {
        TcpStream::connect_timeout(&gateway(port), Duration::from_secs(10)).unwrap_err()
    });
    assert_eq!(err.kind(), std::io::ErrorKind::ConnectionRefused, "{err}");
    stack.stop().unwrap();
}

fn udp_exchange(to: SocketAddr, query: Vec<u8>) -> Option<Vec<u8>> {
    let s = UdpSocket::bind("0.0.0.0:0").unwrap();
    s.set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let mut buf = [0u8; 2048];
    for _ in 0..10 {
        s.send_to(&query, to).unwrap();
        if let Ok((n, from)) = s.recv_from(&mut buf) {
            assert_eq!(from, to, "reply from the address the query went to");
            return Some(buf[..n].to_vec());
        }
    }
    None
}

#[test]
fn udp_echo_through_gateway() {
    let Some(ns) = Netns::new() else { return };
    let stack = start(&ns, allowed());
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = server.local_addr().unwrap().port();
    thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok((n, from)) = server.recv_from(&mut buf) {
            let _ = server.send_to(&buf[..n], from);
        }
    });
    let big = pattern(1400);
    let payload = big.clone();
    let got = ns.run(move || udp_exchange(gateway(port), payload));
    assert_eq!(got.as_deref(), Some(&big[..]));
    stack.stop().unwrap();
}

#[test]
fn dns_to_10_0_2_3_reaches_the_upstream() {
    let Some(ns) = Netns::new() else { return };
    // A fake resolver on this namespace's loopback answers every query with
    // an A record 192.0.2.7.
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    let upstream = server.local_addr().unwrap();
    thread::spawn(move || {
        let mut buf = [0u8; 512];
        while let Ok((n, from)) = server.recv_from(&mut buf) {
            let mut r = buf[..n].to_vec();
            r[2] = 0x81; // QR, RD
            r[3] = 0x80; // RA, NOERROR
            r[6..8].copy_from_slice(&1u16.to_be_bytes()); // ANCOUNT
            r.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 7]);
            let _ = server.send_to(&r, from);
        }
    });
    // Loopback stays closed: DNS forwarding does not depend on it.
    let stack = start(
        &ns,
        Config {
            dns_upstreams: vec![upstream],
            ..Config::default()
        },
    );
    let mut query = vec![0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    query.extend_from_slice(b"\x07example\x03com\x00\x00\x01\x00\x01");
    let to = SocketAddr::from((slirp::DNS_IP, 53));
    let reply = ns
        .run(move || udp_exchange(to, query))
        .expect("a DNS reply");
    assert_eq!(&reply[..2], &[0x12, 0x34], "same query id");
    assert_eq!(&reply[reply.len() - 4..], &[192, 0, 2, 7]);
    stack.stop().unwrap();
}

#[test]
fn open_tap_configures_the_container_side() {
    let Some(ns) = Netns::new() else { return };
    let _tap = slirp::open_tap(ns.pid()).expect("open_tap");
    let out = Command::new("nsenter")
        .args(["-t", &ns.pid().to_string(), "-n", "ip", "-4", "-o", "addr"])
        .output()
        .expect("nsenter ip addr");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("tap0") && text.contains("10.0.2.100/24"),
        "{text}"
    );
    assert!(
        text.contains("lo") && text.contains("127.0.0.1/8"),
        "{text}"
    );
    let out = Command::new("nsenter")
        .args(["-t", &ns.pid().to_string(), "-n", "ip", "route"])
        .output()
        .expect("nsenter ip route");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("default via 10.0.2.2 dev tap0"), "{text}");
}

#[test]
fn open_tap_of_a_missing_process_names_it() {
    let err = slirp::open_tap(i32::MAX).unwrap_err().to_string();
    assert!(err.contains(&i32::MAX.to_string()), "{err}");
}

/// Container -> host throughput through the stack: printed, never asserted.
#[test]
fn throughput_container_to_host() {
    let Some(ns) = Netns::new() else { return };
    let stack = start(&ns, allowed());
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let sink = thread::spawn(move || {
        let (mut c, _) = l.accept().unwrap();
        std::io::copy(&mut c, &mut std::io::sink()).unwrap()
    });
    const TOTAL: usize = 256 << 20;
    let secs = ns.run(move || {
        let mut c = TcpStream::connect_timeout(&gateway(port), Duration::from_secs(10)).unwrap();
        let chunk = vec![0x5au8; 256 << 10];
        let t = Instant::now();
        for _ in 0..TOTAL / chunk.len() {
            c.write_all(&chunk).unwrap();
        }
        c.shutdown(Shutdown::Write).unwrap();
        t
    });
    let received = sink.join().unwrap();
    let elapsed = secs.elapsed().as_secs_f64();
    assert_eq!(received as usize, TOTAL);
    eprintln!(
        "slirp throughput container->host: {} MiB in {:.2} s = {:.0} MiB/s",
        TOTAL >> 20,
        elapsed,
        (TOTAL >> 20) as f64 / elapsed
    );
    stack.stop().unwrap();
}

#[test]
fn ping_to_gateway_is_answered() {
    let Some(ns) = Netns::new() else { return };
    let stack = start(&ns, Config::default());
    let pid = ns.pid().to_string();
    let out = Command::new("nsenter")
        .args([
            "-t", &pid, "-n", "busybox", "ping", "-c", "1", "-W", "5", "10.0.2.2",
        ])
        .output()
        .expect("nsenter busybox ping");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    stack.stop().unwrap();
}

/// Host -> container throughput through the stack: printed, never asserted.
#[test]
fn throughput_host_to_container() {
    let Some(ns) = Netns::new() else { return };
    let stack = start(&ns, allowed());
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    const TOTAL: usize = 256 << 20;
    thread::spawn(move || {
        let (mut c, _) = l.accept().unwrap();
        let chunk = vec![0xa5u8; 256 << 10];
        for _ in 0..TOTAL / chunk.len() {
            c.write_all(&chunk).unwrap();
        }
    });
    let (received, elapsed) = ns.run(move || {
        let mut c = TcpStream::connect_timeout(&gateway(port), Duration::from_secs(10)).unwrap();
        let t = Instant::now();
        let n = std::io::copy(&mut c, &mut std::io::sink()).unwrap();
        (n, t.elapsed().as_secs_f64())
    });
    assert_eq!(received as usize, TOTAL);
    eprintln!(
        "slirp throughput host->container: {} MiB in {:.2} s = {:.0} MiB/s",
        TOTAL >> 20,
        elapsed,
        (TOTAL >> 20) as f64 / elapsed
    );
    stack.stop().unwrap();
}
