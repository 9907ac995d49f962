//! Bridge networks, rootful: `network create/ls/inspect/rm/prune/exists`,
//! containers with an address on a bridge, reaching each other by name and
//! alias. Runs inside the private network namespace tests/run makes; each
//! test names its own bridge and subnet, so parallel tests never share one.

mod common;

use common::netns::{Killed, Netns, nft_ruleset};
use common::{Busybox, Rctl, eventually, parts};
use serde_json::Value;

fn inspect(r: &Rctl, what: &[&str]) -> Value {
    let mut args = vec!["inspect"];
    args.extend_from_slice(what);
    let v: Value = serde_json::from_str(&r.ok(args)).unwrap();
    v[0].clone()
}

fn network_inspect(r: &Rctl, name: &str) -> Value {
    let v: Value = serde_json::from_str(&r.ok(["network", "inspect", name])).unwrap();
    v[0].clone()
}

/// `network create` with a bridge and subnet of the test's own.
fn create_net(r: &Rctl, name: &str, bridge: &str, third_octet: u8) {
    let subnet = format!("10.123.{third_octet}.0/24");
    r.ok([
        "network",
        "create",
        "--subnet",
        &subnet,
        "--interface-name",
        bridge,
        name,
    ]);
}

fn ip_of(r: &Rctl, container: &str, net: &str) -> String {
    inspect(r, &[container])["NetworkSettings"]["Networks"][net]["IPAddress"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn network_create_ls_inspect_rm_prune_round_trip() {
    let r = Rctl::new();
    // The default network is there with nothing created.
    assert_eq!(r.ok(["network", "ls", "-q"]), "podman\n");
    let d = network_inspect(&r, "podman");
    assert_eq!(d["network_interface"], "podman0");
    assert_eq!(d["subnets"][0]["subnet"], "10.88.0.0/16");
    assert_eq!(d["subnets"][0]["gateway"], "10.88.0.1");

    assert_eq!(r.ok(["network", "create", "one"]), "one\n");
    assert_eq!(
        r.ok([
            "network",
            "create",
            "--subnet",
            "10.99.0.0/16",
            "--gateway",
            "10.99.0.254",
            "--internal",
            "two"
        ]),
        "two\n"
    );
    assert_eq!(r.ok(["network", "ls", "-q"]), "podman\none\ntwo\n");
    let one = network_inspect(&r, "one");
    assert_eq!(one["name"], "one");
    assert_eq!(one["driver"], "bridge");
    assert_eq!(one["network_interface"], "podman1");
    assert_eq!(one["subnets"][0]["subnet"], "10.89.0.0/24");
    assert_eq!(one["subnets"][0]["gateway"], "10.89.0.1");
    assert_eq!(one["internal"], false);
    assert_eq!(one["id"].as_str().unwrap().len(), 64);
    let two = network_inspect(&r, "two");
    assert_eq!(two["network_interface"], "podman2");
    assert_eq!(two["subnets"][0]["gateway"], "10.99.0.254");
    assert_eq!(two["internal"], true);
    // The next automatic subnet skips the one taken.
    r.ok(["network", "create", "three"]);
    assert_eq!(
        network_inspect(&r, "three")["subnets"][0]["subnet"],
        "10.89.1.0/24"
    );

    let table = r.ok(["network", "ls"]);
    assert!(table.starts_with("NETWORK ID"), "{table}");
    assert!(
        table.contains(" one ") || table.contains(" one\t") || table.contains("one "),
        "{table}"
    );
    assert_eq!(
        r.ok([
            "network",
            "ls",
            "--format",
            "{{.Name}} {{.Driver}} {{.NetworkInterface}}"
        ]),
        "podman bridge podman0\none bridge podman1\nthree bridge podman3\ntwo bridge podman2\n"
    );
    assert_eq!(
        r.ok(["network", "inspect", "--format", "{{.Name}}", "two"]),
        "two\n"
    );

    assert_eq!(parts(&r.run(["network", "exists", "one"])).0, 0);
    assert_eq!(parts(&r.run(["network", "exists", "nope"])).0, 1);

    assert_eq!(r.ok(["network", "rm", "one"]), "one\n");
    assert_eq!(parts(&r.run(["network", "exists", "one"])).0, 1);
    let (code, err) = r.fails(["network", "rm", "one"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("network not found"), "{err}");
    let (code, err) = r.fails(["network", "rm", "podman"]);
    assert_eq!(code, 125, "{err}");

    assert_eq!(r.ok(["network", "prune", "-f"]), "three\ntwo\n");
    assert_eq!(r.ok(["network", "ls", "-q"]), "podman\n");
}

#[test]
fn network_create_refuses_bad_requests() {
    let r = Rctl::new();
    r.ok(["network", "create", "--subnet", "10.124.0.0/24", "a"]);
    let (code, err) = r.fails(["network", "create", "a"]);
    assert_eq!(code, 125);
    assert!(err.contains("already exists"), "{err}");
    let (_, err) = r.fails(["network", "create", "--subnet", "10.124.0.128/25", "b"]);
    assert!(err.contains("already used by network a"), "{err}");
    let (_, err) = r.fails(["network", "create", "--subnet", "nonsense", "b"]);
    assert!(err.contains("invalid subnet"), "{err}");
    let (_, err) = r.fails([
        "network",
        "create",
        "--subnet",
        "10.125.0.0/24",
        "--gateway",
        "10.126.0.1",
        "b",
    ]);
    assert!(err.contains("not a host address"), "{err}");
    let (_, err) = r.fails(["network", "create", "-d", "macvlan", "b"]);
    assert!(err.contains("unsupported driver"), "{err}");
    let (_, err) = r.fails(["network", "create", "bad/name"]);
    assert!(err.contains("invalid network name"), "{err}");
    assert_eq!(r.ok(["network", "ls", "-q"]), "podman\na\n");
}

#[test]
fn network_rm_of_network_in_use_refused() {
    let r = Busybox::new();
    create_net(&r, "used", "rctlt-used", 1);
    let (code, err) = r.fails(["create", "--network", "missing", "busybox", "true"]);
    assert_eq!(code, 125);
    assert!(err.contains("network not found"), "{err}");
    let id = r.ok([
        "create",
        "--name",
        "c1",
        "--network",
        "used",
        "busybox",
        "true",
    ]);
    let (code, err) = r.fails(["network", "rm", "used"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("has associated containers"), "{err}");
    assert_eq!(
        r.ok(["network", "prune", "-f"]),
        "",
        "prune leaves a network in use"
    );
    assert_eq!(parts(&r.run(["network", "exists", "used"])).0, 0);
    assert!(network_inspect(&r, "used")["containers"][id.trim()].is_object());
    // -f removes the containers with it.
    assert_eq!(r.ok(["network", "rm", "-f", "used"]), "used\n");
    assert_eq!(parts(&r.run(["container", "exists", "c1"])).0, 1);
}

#[test]
fn container_has_eth0_with_the_address_inspect_shows() {
    let r = Busybox::new();
    create_net(&r, "addr", "rctlt-addr", 2);
    r.ok([
        "run",
        "-d",
        "--name",
        "s",
        "--network",
        "addr",
        "busybox",
        "sleep",
        "600",
    ]);
    let s = inspect(&r, &["s"]);
    let net = &s["NetworkSettings"]["Networks"]["addr"];
    assert_eq!(net["IPAddress"], "10.123.2.2");
    assert_eq!(net["Gateway"], "10.123.2.1");
    assert_eq!(net["IPPrefixLen"], 24);
    assert_eq!(s["NetworkSettings"]["IPAddress"], "10.123.2.2");
    assert_eq!(s["HostConfig"]["NetworkMode"], "addr");
    let mac = net["MacAddress"].as_str().unwrap().to_string();
    let out = r.ok(["exec", "s", "ip", "-4", "addr", "show", "eth0"]);
    assert!(out.contains("inet 10.123.2.2/24"), "{out}");
    let out = r.ok(["exec", "s", "cat", "/sys/class/net/eth0/address"]);
    assert_eq!(out.trim(), mac);
    let out = r.ok(["exec", "s", "ip", "route"]);
    assert!(out.contains("default via 10.123.2.1"), "{out}");
    let out = r.ok(["exec", "s", "ip", "link", "show", "lo"]);
    assert!(out.contains("UP"), "{out}");
    // The host side: the bridge has the gateway's address.
    let host = std::process::Command::new("/bin/busybox")
        .args(["ip", "-4", "addr", "show", "rctlt-addr"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&host.stdout).contains("10.123.2.1/24"));
    r.ok(["rm", "-f", "s"]);
    r.ok(["network", "rm", "addr"]);
}

#[test]
fn bridge_means_the_default_network() {
    let r = Busybox::new();
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "bridge",
        "busybox",
        "ip",
        "-4",
        "addr",
        "show",
        "eth0",
    ]);
    assert!(out.contains("inet 10.88.0.2/16"), "{out}");
    r.ok([
        "create",
        "--name",
        "c",
        "--network",
        "bridge",
        "busybox",
        "true",
    ]);
    let c = inspect(&r, &["c"]);
    assert_eq!(
        c["NetworkSettings"]["Networks"]["podman"]["IPAddress"],
        "10.88.0.2"
    );
}

#[test]
fn containers_reach_each_other_by_name_and_alias() {
    let r = Busybox::new();
    create_net(&r, "talk", "rctlt-talk", 3);
    r.ok([
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        "talk",
        "--network-alias",
        "www",
        "busybox",
        "sh",
        "-c",
        "mkdir -p /srv && echo hello from web > /srv/index.html && exec httpd -f -p 8080 -h /srv",
    ]);
    r.ok([
        "run",
        "-d",
        "--name",
        "client",
        "--network",
        "talk",
        "busybox",
        "sleep",
        "600",
    ]);
    let web_ip = ip_of(&r, "web", "talk");
    let hosts = r.ok(["exec", "client", "cat", "/etc/hosts"]);
    assert!(hosts.contains(&format!("{web_ip}\tweb www")), "{hosts}");
    for name in ["web", "www"] {
        let url = format!("http://{name}:8080/");
        let body = eventually(&format!("wget {url}"), || {
            let out = r.run(["exec", "client", "wget", "-q", "-O", "-", &url]);
            out.status
                .success()
                .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
        });
        assert_eq!(body, "hello from web\n");
    }
    // A container started later sees both.
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "talk",
        "busybox",
        "wget",
        "-q",
        "-O",
        "-",
        "http://www:8080/",
    ]);
    assert_eq!(out, "hello from web\n");
    // Gone from the network: no longer in the client's /etc/hosts.
    r.ok(["rm", "-f", "web"]);
    let hosts = r.ok(["exec", "client", "cat", "/etc/hosts"]);
    assert!(!hosts.contains("web"), "{hosts}");
    r.ok(["rm", "-f", "client"]);
    r.ok(["network", "rm", "talk"]);
}

#[test]
fn stopped_container_leaves_its_peers_hosts() {
    let r = Busybox::new();
    create_net(&r, "stops", "rctlt-stops", 4);
    r.ok([
        "run",
        "-d",
        "--name",
        "a",
        "--network",
        "stops",
        "busybox",
        "sleep",
        "600",
    ]);
    r.ok([
        "run",
        "-d",
        "--name",
        "b",
        "--network",
        "stops",
        "busybox",
        "sleep",
        "600",
    ]);
    assert!(r.ok(["exec", "a", "cat", "/etc/hosts"]).contains("\tb\n"));
    r.ok(["stop", "-t", "0", "b"]);
    let hosts = r.ok(["exec", "a", "cat", "/etc/hosts"]);
    assert!(!hosts.contains("\tb\n"), "{hosts}");
    // Started again: back, with the same address, and its interface works.
    let ip = ip_of(&r, "b", "stops");
    r.ok(["start", "b"]);
    assert!(
        r.ok(["exec", "a", "cat", "/etc/hosts"])
            .contains(&format!("{ip}\tb\n"))
    );
    let out = r.ok(["exec", "b", "ip", "-4", "addr", "show", "eth0"]);
    assert!(out.contains(&format!("inet {ip}/24")), "{out}");
    r.ok(["rm", "-f", "a", "b"]);
    r.ok(["network", "rm", "stops"]);
}

#[test]
fn addresses_are_released_on_rm() {
    let r = Busybox::new();
    create_net(&r, "pool", "rctlt-pool", 5);
    r.ok([
        "create",
        "--name",
        "a",
        "--network",
        "pool",
        "busybox",
        "true",
    ]);
    r.ok([
        "create",
        "--name",
        "b",
        "--network",
        "pool",
        "busybox",
        "true",
    ]);
    assert_eq!(ip_of(&r, "a", "pool"), "10.123.5.2");
    assert_eq!(ip_of(&r, "b", "pool"), "10.123.5.3");
    r.ok(["rm", "a"]);
    r.ok([
        "create",
        "--name",
        "c",
        "--network",
        "pool",
        "busybox",
        "true",
    ]);
    assert_eq!(ip_of(&r, "c", "pool"), "10.123.5.2");
    // A container that ran and exited with --rm frees its address too.
    r.ok(["run", "--rm", "--network", "pool", "busybox", "true"]);
    r.ok([
        "create",
        "--name",
        "d",
        "--network",
        "pool",
        "busybox",
        "true",
    ]);
    assert_eq!(ip_of(&r, "d", "pool"), "10.123.5.4");
    r.ok(["rm", "-a"]);
    r.ok(["network", "rm", "pool"]);
}

#[test]
fn rootless_bridge_networks_refused() {
    let r = Rctl::rootless();
    r.load(&common::fixtures::busybox(&["busybox:latest"]));
    let (code, err) = r.fails(["create", "--network", "bridge", "busybox", "true"]);
    assert_eq!(code, 125);
    assert!(err.contains("bridge networks need root"), "{err}");
}

#[test]
fn ip_and_mac_address_can_be_chosen() {
    let r = Busybox::new();
    create_net(&r, "fixed", "rctlt-fixed", 6);
    r.ok([
        "run",
        "-d",
        "--name",
        "pinned",
        "--network",
        "fixed",
        "--ip",
        "10.123.6.50",
        "--mac-address",
        "02:42:0a:7b:06:32",
        "busybox",
        "sleep",
        "600",
    ]);
    let net = &inspect(&r, &["pinned"])["NetworkSettings"]["Networks"]["fixed"];
    assert_eq!(net["IPAddress"], "10.123.6.50");
    assert_eq!(net["MacAddress"], "02:42:0a:7b:06:32");
    let out = r.ok(["exec", "pinned", "ip", "-4", "addr", "show", "eth0"]);
    assert!(out.contains("inet 10.123.6.50/24"), "{out}");
    let out = r.ok(["exec", "pinned", "cat", "/sys/class/net/eth0/address"]);
    assert_eq!(out.trim(), "02:42:0a:7b:06:32");
    // Refusals: the address taken, outside the subnet, the gateway, a
    // multicast MAC, and --ip without a bridge network.
    for (args, says) in [
        (
            vec!["--network", "fixed", "--ip", "10.123.6.50"],
            "already in use",
        ),
        (
            vec!["--network", "fixed", "--ip", "10.99.0.5"],
            "not a free host address",
        ),
        (
            vec!["--network", "fixed", "--ip", "10.123.6.1"],
            "not a free host address",
        ),
        (
            vec!["--network", "fixed", "--mac-address", "01:00:5e:00:00:01"],
            "invalid MAC",
        ),
        (
            vec!["--network", "none", "--ip", "10.123.6.60"],
            "need a bridge network",
        ),
    ] {
        let mut all = vec!["create"];
        all.extend(args.iter().copied());
        all.extend(["busybox", "true"]);
        let (code, err) = r.fails(&all);
        assert_eq!(code, 125, "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(
        r.ok(["ps", "-aq"]).lines().count(),
        1,
        "nothing else was made"
    );
    r.ok(["rm", "-f", "pinned"]);
    r.ok(["network", "rm", "fixed"]);
}

#[test]
fn network_container_shares_another_containers_network() {
    let r = Busybox::new();
    create_net(&r, "shared", "rctlt-shared", 7);
    r.ok([
        "run",
        "-d",
        "--name",
        "svc",
        "--network",
        "shared",
        "busybox",
        "sh",
        "-c",
        "mkdir -p /w && echo from-svc > /w/index.html && exec httpd -f -p 8080 -h /w",
    ]);
    // The sidecar sees svc's interface and reaches its server on loopback.
    let out = r.ok([
        "run",
        "--rm",
        "--network",
        "container:svc",
        "busybox",
        "sh",
        "-c",
        "ip -4 addr show eth0; for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O - http://127.0.0.1:8080/ && break; sleep 0.2; done",
    ]);
    assert!(out.contains("inet 10.123.7.2/24"), "{out}");
    assert!(out.contains("from-svc"), "{out}");
    let id = r.ok(["inspect", "--format", "{{.Id}}", "svc"]);
    let c = r.ok(["create", "--network", "container:svc", "busybox", "true"]);
    assert_eq!(
        r.ok([
            "inspect",
            "--format",
            "{{.HostConfig.NetworkMode}}",
            c.trim()
        ])
        .trim(),
        format!("container:{}", id.trim())
    );
    // Refusals: an unknown container, ports, and a stopped one at start.
    let (code, err) = r.fails(["create", "--network", "container:nosuch", "busybox", "true"]);
    assert_eq!(code, 125, "{err}");
    assert!(err.contains("nosuch"), "{err}");
    let (code, err) = r.fails([
        "create",
        "--network",
        "container:svc",
        "-p",
        "8080",
        "busybox",
        "true",
    ]);
    assert_eq!(code, 125, "{err}");
    assert!(err.contains("port mappings"), "{err}");
    r.ok(["stop", "-t", "0", "svc"]);
    let (code, _, err) = parts(&r.run(["start", "-a", c.trim()]));
    assert_eq!(code, 125, "{err}");
    assert!(err.contains("not running"), "{err}");
    r.ok(["rm", "-f", c.trim(), "svc"]);
    r.ok(["network", "rm", "shared"]);
}

#[test]
fn bridge_containers_reach_beyond_the_host_through_nat() {
    let r = Busybox::new();
    create_net(&r, "outward", "rctlt-out", 6);
    r.ok([
        "network",
        "create",
        "--internal",
        "--subnet",
        "10.123.7.0/24",
        "--interface-name",
        "rctlt-in",
        "inward",
    ]);
    // "The world": a namespace of its own that knows no route back to the
    // containers' subnets, so only masqueraded packets get answers.
    let world = Netns::new().expect("root");
    world.link("rctlt-world", "192.0.2.1", "192.0.2.2");
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("index.html"), "hello from outside\n").unwrap();
    let httpd = world
        .command(&[
            "busybox",
            "httpd",
            "-f",
            "-v",
            "-p",
            "192.0.2.2:8080",
            "-h",
            site.path().to_str().unwrap(),
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map(Killed::new)
        .expect("httpd in the world namespace");
    let url = "http://192.0.2.2:8080/";
    let body = eventually("the world's httpd", || {
        let out = r.run([
            "run",
            "--rm",
            "--network",
            "outward",
            "busybox",
            "wget",
            "-q",
            "-O",
            "-",
            url,
        ]);
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    });
    assert_eq!(body, "hello from outside\n");
    // An internal network has no way out.
    let (code, _, err) = parts(&r.run([
        "run",
        "--rm",
        "--network",
        "inward",
        "busybox",
        "wget",
        "-q",
        "-O",
        "-",
        url,
    ]));
    assert_ne!(code, 0);
    assert!(err.contains("unreachable"), "{err}");
    // The rules are rctl's own table, one masquerade per outbound network;
    // removing the network removes its rule.
    let table = nft_ruleset();
    assert!(
        table.contains("ip saddr 10.123.6.0/24 ip daddr != 10.123.6.0/24 masquerade"),
        "{table}"
    );
    assert!(!table.contains("ip saddr 10.123.7.0/24"), "{table}");
    r.ok(["network", "rm", "outward", "inward"]);
    let table = nft_ruleset();
    assert!(!table.contains("10.123.6.0"), "{table}");
    let out = httpd.finish();
    // The world saw the host's address, not the container's.
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(log.contains("192.0.2.1"), "{log}");
    assert!(!log.contains("10.123.6."), "{log}");
}

#[test]
fn network_connect_and_disconnect_change_who_is_reachable() {
    let r = Busybox::new();
    create_net(&r, "front", "rctlt-front", 8);
    create_net(&r, "back", "rctlt-back", 9);
    r.ok([
        "run",
        "-d",
        "--name",
        "db",
        "--network",
        "back",
        "busybox",
        "sh",
        "-c",
        "mkdir -p /srv && echo rows > /srv/index.html && exec httpd -f -p 8080 -h /srv",
    ]);
    r.ok([
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        "front",
        "busybox",
        "sleep",
        "600",
    ]);
    let fetch = |name: &str| {
        let url = format!("http://{name}:8080/");
        r.run(["exec", "web", "wget", "-q", "-O", "-", &url])
    };
    // (Host names are hex: "db" alone could be part of one.)
    assert!(!r.ok(["exec", "web", "cat", "/etc/hosts"]).contains("\tdb"));
    assert!(!fetch("db").status.success());

    // Connected while both run: web gets eth1 on back and finds db by name,
    // and db finds web by its alias there.
    r.ok(["network", "connect", "--alias", "app", "back", "web"]);
    let out = r.ok(["exec", "web", "ip", "-4", "addr", "show", "eth1"]);
    assert!(out.contains("inet 10.123.9."), "{out}");
    let nets = inspect(&r, &["web"])["NetworkSettings"]["Networks"].clone();
    assert!(
        nets["front"].is_object() && nets["back"].is_object(),
        "{nets}"
    );
    let body = eventually("db by name after connect", || {
        let out = fetch("db");
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    });
    assert_eq!(body, "rows\n");
    let web_back_ip = ip_of(&r, "web", "back");
    let db_hosts = r.ok(["exec", "db", "cat", "/etc/hosts"]);
    assert!(
        db_hosts.contains(&format!("{web_back_ip}\tweb app\n")),
        "{db_hosts}"
    );

    let (code, err) = r.fails(["network", "connect", "back", "web"]);
    assert_eq!(code, 125);
    assert!(err.contains("already connected to network back"), "{err}");

    // Disconnected: gone from db's hosts, the interface gone, db unreachable.
    r.ok(["network", "disconnect", "back", "web"]);
    let db_hosts = r.ok(["exec", "db", "cat", "/etc/hosts"]);
    assert!(!db_hosts.contains("web"), "{db_hosts}");
    assert!(!r.ok(["exec", "web", "cat", "/etc/hosts"]).contains("\tdb"));
    assert!(!r.ok(["exec", "web", "ip", "link"]).contains("eth1"));
    assert!(!fetch("db").status.success());
    let (code, err) = r.fails(["network", "disconnect", "back", "web"]);
    assert_eq!(code, 125);
    assert!(err.contains("not connected to network back"), "{err}");

    // A stopped container is connected in its record and comes up on both.
    r.ok([
        "create",
        "--name",
        "later",
        "--network",
        "front",
        "busybox",
        "sleep",
        "600",
    ]);
    r.ok(["network", "connect", "back", "later"]);
    r.ok(["start", "later"]);
    let out = r.ok(["exec", "later", "ip", "-4", "-o", "addr"]);
    assert!(
        out.contains("eth0") && out.contains("inet 10.123.8."),
        "{out}"
    );
    assert!(
        out.contains("eth1") && out.contains("inet 10.123.9."),
        "{out}"
    );
    let out = r.ok(["exec", "later", "wget", "-q", "-O", "-", "http://db:8080/"]);
    assert_eq!(out, "rows\n");

    // Only bridge-network containers can be connected.
    r.ok([
        "create",
        "--name",
        "alone",
        "--network",
        "none",
        "busybox",
        "true",
    ]);
    let (code, err) = r.fails(["network", "connect", "back", "alone"]);
    assert_eq!(code, 125);
    assert!(err.contains("--network none"), "{err}");
    r.ok(["rm", "-f", "db", "web", "later", "alone"]);
    r.ok(["network", "rm", "front", "back"]);
}
