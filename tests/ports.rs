//! Published ports (`-p`, `-P`, `port`): DNAT rules for rootful bridge
//! containers, rctl's own forwarder for everything else; and
//! `--network private` (rctl's user-mode stack): reaching the host's
//! loopback through 10.0.2.2 only when allowed, UDP, the names it writes.
//! Rootful and rootless. Everything stays inside the private network
//! namespace tests/run makes: servers on its 127.0.0.1, containers in
//! namespaces rctl makes.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::time::Duration;

use common::netns::{Netns, nft_ruleset};
use common::{Busybox, Rctl, eventually, fixtures, parts};
use serde_json::{Value, json};

/// A port nothing listens on now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A detached busybox httpd serving `body` on container port 8080.
fn httpd(r: &Rctl, extra: &[&str], body: &str) -> String {
    let script =
        format!("mkdir -p /w && echo {body} > /w/index.html && exec httpd -f -p 8080 -h /w");
    let mut args = vec!["run", "-d"];
    args.extend_from_slice(extra);
    args.extend(["busybox", "sh", "-c", &script]);
    r.ok(args).trim().to_string()
}

/// The body of `GET /` at `addr`, once it answers.
fn fetch(addr: &str) -> String {
    eventually(&format!("http://{addr}/ to answer"), || {
        let mut s = TcpStream::connect(addr).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
        s.write_all(b"GET / HTTP/1.0\r\n\r\n").ok()?;
        let mut out = String::new();
        s.read_to_string(&mut out).ok()?;
        let (_, body) = out.split_once("\r\n\r\n")?;
        (!body.is_empty()).then(|| body.to_string())
    })
}

fn inspect(r: &Rctl, c: &str) -> Value {
    let v: Value = serde_json::from_str(&r.ok(["inspect", c])).unwrap();
    v[0].clone()
}

/// The host port is free again (the forwarder went with the container).
fn freed(port: u16) {
    eventually(&format!("port {port} to be free"), || {
        TcpListener::bind(("127.0.0.1", port)).ok().map(drop)
    });
}

#[test]
fn publish_reaches_httpd_on_a_bridge_network_and_on_private() {
    let r = Busybox::new();
    r.ok([
        "network",
        "create",
        "--subnet",
        "10.124.1.0/24",
        "--interface-name",
        "rctlt-ports",
        "pub",
    ]);
    for net in ["pub", "private"] {
        let port = free_port();
        let publish = format!("127.0.0.1:{port}:8080");
        let id = httpd(
            &r,
            &["--network", net, "-p", &publish],
            &format!("hello-{net}"),
        );
        assert_eq!(
            fetch(&format!("127.0.0.1:{port}")),
            format!("hello-{net}\n")
        );
        assert_eq!(
            r.ok(["port", &id]),
            format!("8080/tcp -> 127.0.0.1:{port}\n"),
            "{net}"
        );
        assert_eq!(
            r.ok(["port", &id, "8080/tcp"]),
            format!("127.0.0.1:{port}\n")
        );
        let v = inspect(&r, &id);
        assert_eq!(
            v["NetworkSettings"]["Ports"],
            json!({"8080/tcp": [{"HostIp": "127.0.0.1", "HostPort": port.to_string()}]}),
            "{net}"
        );
        assert!(
            r.ok(["ps", "--format", "{{.Ports}}"])
                .contains(&format!("127.0.0.1:{port}->8080/tcp")),
            "{net}"
        );
        r.ok(["stop", "-t", "0", &id]);
        freed(port);
        assert_eq!(
            r.ok(["port", &id]),
            "",
            "a stopped container publishes nothing"
        );
        r.ok(["rm", &id]);
    }
    r.ok(["network", "rm", "pub"]);
}

#[test]
fn a_port_left_out_gets_a_free_one_and_dash_p_publishes_exposed_ports() {
    let r = Rctl::new();
    r.load(&fixtures::Image::new(
        vec![fixtures::busybox_layer()],
        json!({"Env": ["PATH=/bin"], "ExposedPorts": {"8080/tcp": {}}}),
        &["localhost/exposing:1"],
    ));
    let id = r
        .ok([
            "run",
            "-d",
            "--network",
            "private",
            "-P",
            "exposing:1",
            "sh",
            "-c",
            "mkdir -p /w && echo exposed > /w/index.html && exec httpd -f -p 8080 -h /w",
        ])
        .trim()
        .to_string();
    let addr = r.ok(["port", &id, "8080"]).trim().to_string();
    let port: u16 = addr.rsplit(':').next().unwrap().parse().unwrap();
    assert_ne!(port, 0, "{addr}");
    assert_eq!(fetch(&format!("127.0.0.1:{port}")), "exposed\n");
    r.ok(["rm", "-f", &id]);
    freed(port);
}

#[test]
fn a_port_in_use_fails_clearly_before_anything_runs() {
    let r = Busybox::new();
    let held = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = held.local_addr().unwrap().port();
    let publish = format!("127.0.0.1:{port}:80");
    let (code, _, err) = parts(&r.run([
        "run",
        "--rm",
        "--network",
        "private",
        "-p",
        &publish,
        "busybox",
        "true",
    ]));
    assert_eq!(code, 125, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&port.to_string()) && err.contains("in use"),
        "{err}"
    );
    assert_eq!(r.ok(["ps", "-aq"]), "");
}

#[test]
fn ports_need_a_network_and_bad_mappings_are_refused() {
    let r = Busybox::new();
    let (code, err) = r.fails([
        "run",
        "--rm",
        "--network",
        "none",
        "-p",
        "80",
        "busybox",
        "true",
    ]);
    assert_eq!(code, 125);
    assert!(err.contains("port mappings need a network"), "{err}");
    for bad in ["0", "80/sctp", "1.2.3:80:80", "9-1:80"] {
        let (code, err) = r.fails(["create", "-p", bad, "busybox", "true"]);
        assert_eq!(code, 125, "{bad}: {err}");
        assert!(err.contains(bad), "{err}");
    }
    let (code, err) = r.fails([
        "run",
        "--rm",
        "--network",
        "private:mtu=1",
        "busybox",
        "true",
    ]);
    assert_eq!(code, 125);
    assert!(err.contains("mtu=1"), "{err}");
    assert_eq!(r.ok(["ps", "-aq"]), "");
}

#[test]
fn network_none_has_only_loopback() {
    let r = Busybox::new();
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "ls",
        "/sys/class/net",
    ]);
    assert_eq!(out, "lo\n");
}

/// A TCP server on the test's loopback answering each connection with
/// "pong:" and what it read.
fn echo_server() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for c in l.incoming().flatten() {
            std::thread::spawn(move || {
                let mut c = c;
                let mut buf = [0u8; 256];
                let n = c.read(&mut buf).unwrap_or(0);
                let _ = c.write_all(b"pong:");
                let _ = c.write_all(&buf[..n]);
            });
        }
    });
    port
}

#[test]
fn private_reaches_the_hosts_loopback_only_when_allowed() {
    let r = Busybox::new();
    let port = echo_server();
    let script = format!("echo ping | nc 10.0.2.2 {port}");
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "private:allow_host_loopback=true",
        "busybox",
        "sh",
        "-c",
        &script,
    ]);
    assert_eq!(out, "pong:ping\n");
    let (code, out, err) = parts(&r.run([
        "run",
        "--rm",
        "--network",
        "private",
        "busybox",
        "sh",
        "-c",
        &script,
    ]));
    assert_ne!(code, 0, "refused without allow_host_loopback: {out}{err}");
    assert!(!out.contains("pong"), "{out}");
}

/// A DNS server on the test's 127.0.0.1:53 (UDP) that answers every A
/// query with 10.11.12.13: a real UDP exchange for busybox's nslookup.
fn dns_server() {
    let udp = UdpSocket::bind("127.0.0.1:53").unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 512];
        while let Ok((n, from)) = udp.recv_from(&mut buf) {
            if n < 12 {
                continue;
            }
            let q = &buf[..n];
            // Header: same id, response + recursion available, one question
            // and (for A queries) one answer.
            let qtype = &q[n - 4..n - 2];
            let is_a = qtype == [0, 1];
            let mut r = Vec::with_capacity(n + 16);
            r.extend_from_slice(&q[..2]);
            r.extend_from_slice(&[0x81, 0x80, 0, 1, 0, u8::from(is_a), 0, 0, 0, 0]);
            r.extend_from_slice(&q[12..]);
            if is_a {
                r.extend_from_slice(&[0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 11, 12, 13]);
            }
            let _ = udp.send_to(&r, from);
        }
    });
}

#[test]
fn private_carries_udp_and_names_the_host() {
    let r = Busybox::new();
    dns_server();
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "private:allow_host_loopback=true",
        "busybox",
        "sh",
        "-c",
        "cat /etc/hosts /etc/resolv.conf; echo ---; nslookup -type=a web.test host.containers.internal",
    ]);
    let (files, answer) = out.split_once("---\n").unwrap();
    assert!(
        files.contains("10.0.2.2\thost.containers.internal"),
        "{files}"
    );
    assert!(files.contains("nameserver 10.0.2.3"), "{files}");
    assert!(
        answer.contains("10.11.12.13"),
        "the UDP query and its answer crossed: {answer}"
    );
}

#[test]
fn rootless_publish_through_the_private_stack() {
    let r = Rctl::rootless();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let port = free_port();
    let publish = format!("127.0.0.1:{port}:8080");
    // No --network: rootless with -p means private, as podman's default.
    let id = httpd(&r, &["-p", &publish], "rootless");
    assert_eq!(fetch(&format!("127.0.0.1:{port}")), "rootless\n");
    assert_eq!(
        inspect(&r, &id)["HostConfig"]["NetworkMode"],
        json!("private")
    );
    let host_port = echo_server();
    let out = r.ok([
        "exec",
        &id,
        "sh",
        "-c",
        &format!("echo ping | nc 10.0.2.2 {host_port} || echo refused"),
    ]);
    assert_eq!(out, "refused\n", "no host loopback unless allowed");
    // A sidecar sharing its network (and so, rootless, its user namespace)
    // reaches the server on the shared loopback.
    let net = format!("container:{id}");
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        &net,
        "busybox",
        "sh",
        "-c",
        "ls /sys/class/net; wget -q -O - http://127.0.0.1:8080/",
    ]);
    assert!(out.contains("tap0") && out.contains("rootless"), "{out}");
    // Made first and started later, it joins the same way.
    r.ok([
        "create",
        "--name",
        "sidecar",
        "--network",
        &net,
        "busybox",
        "sh",
        "-c",
        "wget -q -O - http://127.0.0.1:8080/ > /tmp/got; sleep 600",
    ]);
    r.ok(["start", "sidecar"]);
    let got = eventually("the sidecar's fetch", || {
        let out = r.run(["exec", "sidecar", "cat", "/tmp/got"]);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        (!text.is_empty()).then_some(text)
    });
    assert_eq!(got, "rootless\n");
    r.ok(["rm", "-f", "sidecar", &id]);
    freed(port);
}

#[test]
fn bridge_ports_are_dnat_rules_that_keep_the_clients_address() {
    let r = Busybox::new();
    r.ok([
        "network",
        "create",
        "--subnet",
        "10.123.20.0/24",
        "--interface-name",
        "rctlt-dnat",
        "dnat",
    ]);
    let port = free_port();
    let publish = format!("{port}:8080");
    let id = r
        .ok([
            "run",
            "-d",
            "--network",
            "dnat",
            "-p",
            &publish,
            "busybox",
            "sh",
            "-c",
            "mkdir -p /w && echo kernel > /w/index.html && exec httpd -f -v -p 8080 -h /w",
        ])
        .trim()
        .to_string();
    let table = nft_ruleset();
    assert!(
        table.contains(&format!("dport {port} dnat to 10.123.20.2:8080")),
        "{table}"
    );
    // The port is held, unused, while the container runs.
    assert!(TcpListener::bind(("0.0.0.0", port)).is_err());
    // From this host's loopback.
    assert_eq!(fetch(&format!("127.0.0.1:{port}")), "kernel\n");
    // From another machine (a namespace linked to this one): the server
    // sees that client's own address.
    let client = Netns::new().expect("root");
    client.link("rctlt-dnatc", "198.51.100.1", "198.51.100.2");
    let url = format!("http://198.51.100.1:{port}/");
    let out = client.ok(&["busybox", "wget", "-q", "-O", "-", &url]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "kernel\n");
    // httpd -v logs each request on its standard error.
    eventually("httpd's log of the client", || {
        let (_, _, err) = parts(&r.run(["logs", &id]));
        err.contains("198.51.100.2").then_some(())
    });
    // Gone with the container: rule and port.
    r.ok(["rm", "-f", &id]);
    let table = nft_ruleset();
    assert!(!table.contains(&format!("dport {port}")), "{table}");
    freed(port);
    r.ok(["network", "rm", "dnat"]);
}
