//! Volumes and mounts, rootful: `volume create/ls/inspect/rm/prune/exists`,
//! `-v`, `--mount`, `--tmpfs`, `--volumes-from`, anonymous volumes, the
//! copy of an image's files into a new volume, and mount targets that an
//! image's symlinks try to lead out of the container.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::fixtures::{self, LayerBuilder};
use common::{Busybox, Rctl, parts};
use serde_json::{Value, json};

/// A store with busybox and `volimg`: busybox plus /srv/data/seed.txt
/// (owner 1000:1000, mode 0640, in a 0750 directory) and `VOLUME /vol`.
fn store() -> Busybox {
    let r = Busybox::new();
    let layer = LayerBuilder::new()
        .dir("srv", 0o755)
        .dir("srv/data", 0o750)
        .file_owned("srv/data/seed.txt", 0o640, 1000, 1000, b"seeded\n")
        .dir("vol", 0o755)
        .file("vol/from-image", 0o644, b"image\n")
        .build();
    r.load(&fixtures::Image::new(
        vec![fixtures::busybox_layer(), layer],
        json!({"Volumes": {"/vol": {}}}),
        &["volimg:latest"],
    ));
    r
}

fn inspect(r: &Rctl, what: &[&str]) -> Value {
    let mut args = vec!["inspect"];
    args.extend_from_slice(what);
    serde_json::from_str::<Value>(&r.ok(&args)).unwrap()[0].clone()
}

fn volume_names(r: &Rctl) -> Vec<String> {
    r.ok(["volume", "ls", "-q"])
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn named_volume_data_outlives_its_container() {
    let r = store();
    r.ok([
        "run",
        "--rm",
        "-v",
        "data:/data",
        "busybox",
        "sh",
        "-c",
        "echo kept > /data/f",
    ]);
    assert_eq!(volume_names(&r), ["data"], "made on first use");
    let host = r.root().join("volumes/data/_data/f");
    assert_eq!(std::fs::read_to_string(&host).unwrap(), "kept\n");
    let out = r.ok([
        "run",
        "--rm",
        "-v",
        "data:/other",
        "busybox",
        "cat",
        "/other/f",
    ]);
    assert_eq!(out, "kept\n", "the next container sees it");
    let out = r.ok([
        "run",
        "--rm",
        "--mount",
        "type=volume,source=data,target=/m",
        "busybox",
        "cat",
        "/m/f",
    ]);
    assert_eq!(out, "kept\n", "--mount type=volume");
}

#[test]
fn read_only_mounts_refuse_writes() {
    let r = store();
    r.ok(["volume", "create", "data"]);
    for args in [
        &["-v", "data:/data:ro"][..],
        &["--mount", "type=volume,src=data,dst=/data,readonly"][..],
        &["--mount", "type=volume,src=data,dst=/data,ro=true"][..],
    ] {
        let mut cmd = vec!["run", "--rm"];
        cmd.extend_from_slice(args);
        cmd.extend_from_slice(&["busybox", "sh", "-c", "touch /data/x"]);
        let (code, stdout, stderr) = parts(&r.run(&cmd));
        assert_ne!(code, 0, "{args:?} wrote: {stdout}");
        assert!(
            stderr.contains("Read-only file system"),
            "{args:?}: {stderr}"
        );
    }
    assert!(
        std::fs::read_dir(r.root().join("volumes/data/_data"))
            .unwrap()
            .next()
            .is_none()
    );
    // The same volume read-write works.
    r.ok([
        "run",
        "--rm",
        "-v",
        "data:/data:rw",
        "busybox",
        "touch",
        "/data/x",
    ]);
    // A read-only host bind.
    let host = r.dir().join("hostdir");
    std::fs::create_dir(&host).unwrap();
    let spec = format!("{}:/h:ro", host.display());
    let (code, _, stderr) = parts(&r.run(["run", "--rm", "-v", &spec, "busybox", "touch", "/h/x"]));
    assert_ne!(code, 0);
    assert!(stderr.contains("Read-only file system"), "{stderr}");
    assert!(!host.join("x").exists());
}

#[test]
fn tmpfs_is_empty_memory_backed_and_sized() {
    let r = store();
    // Over a directory the image has files in: the tmpfs hides them.
    let script = "ls -A /srv/data; grep ' /srv/data ' /proc/mounts; \
                  dd if=/dev/zero of=/srv/data/big bs=1024 count=2048 2>/dev/null && echo fitted || echo full";
    let out = r.ok([
        "run",
        "--rm",
        "--tmpfs",
        "/srv/data:size=1m,mode=1770",
        "volimg",
        "sh",
        "-c",
        script,
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "empty, one mount line, the result: {out}");
    let fields: Vec<&str> = lines[0].split(' ').collect();
    assert_eq!(fields[2], "tmpfs", "memory-backed: {out}");
    assert!(fields[3].contains("size=1024k"), "size= honoured: {out}");
    assert!(fields[3].contains("mode=1770"), "mode= honoured: {out}");
    assert!(fields[3].contains("noexec"), "noexec as podman: {out}");
    assert_eq!(lines[1], "full", "2 MiB does not fit in 1 MiB");
    let out = r.ok([
        "run",
        "--rm",
        "--mount",
        "type=tmpfs,target=/t,tmpfs-size=512k",
        "busybox",
        "sh",
        "-c",
        "grep ' /t ' /proc/mounts",
    ]);
    assert!(
        out.starts_with("tmpfs /t tmpfs ") && out.contains("size=512k"),
        "{out}"
    );
}

#[test]
fn a_new_volume_gets_the_image_files_once() {
    let r = store();
    let out = r.ok([
        "run",
        "--rm",
        "-v",
        "seeded:/srv/data",
        "volimg",
        "sh",
        "-c",
        "cat /srv/data/seed.txt; stat -c '%u:%g %a' /srv/data/seed.txt /srv/data",
    ]);
    assert_eq!(out, "seeded\n1000:1000 640\n0:0 750\n");
    let data = r.root().join("volumes/seeded/_data");
    let meta = std::fs::metadata(data.join("seed.txt")).unwrap();
    assert_eq!(
        (meta.uid(), meta.gid(), meta.mode() & 0o7777),
        (1000, 1000, 0o640)
    );
    // Changed and emptied: the image's files do not come back.
    r.ok([
        "run",
        "--rm",
        "-v",
        "seeded:/srv/data",
        "volimg",
        "rm",
        "/srv/data/seed.txt",
    ]);
    let out = r.ok([
        "run",
        "--rm",
        "-v",
        "seeded:/srv/data",
        "volimg",
        "ls",
        "-A",
        "/srv/data",
    ]);
    assert_eq!(out, "", "copied once, on first use");
    // nocopy: no copy.
    let out = r.ok([
        "run",
        "--rm",
        "-v",
        "bare:/srv/data:nocopy",
        "volimg",
        "ls",
        "-A",
        "/srv/data",
    ]);
    assert_eq!(out, "");
    // The image's VOLUME: its anonymous volume has the image's files.
    let out = r.ok(["run", "--rm", "volimg", "cat", "/vol/from-image"]);
    assert_eq!(out, "image\n");
}

#[test]
fn anonymous_volumes_go_with_rm_v_and_run_rm() {
    let r = store();
    let id = r.ok(["create", "--name", "a", "-v", "/anon", "volimg", "true"]);
    let id = id.trim();
    let doc = inspect(&r, &[id]);
    let mounts = doc["Mounts"].as_array().unwrap();
    assert_eq!(mounts.len(), 2, "/anon and the image's /vol: {mounts:?}");
    let names: Vec<String> = mounts
        .iter()
        .map(|m| m["Name"].as_str().unwrap().to_string())
        .collect();
    for n in &names {
        assert_eq!(n.len(), 64, "random names: {n}");
        let v: Value = serde_json::from_str(&r.ok(["volume", "inspect", n])).unwrap();
        assert_eq!(v[0]["Anonymous"], true);
    }
    let mut listed = volume_names(&r);
    listed.sort();
    let mut want = names.clone();
    want.sort();
    assert_eq!(listed, want);
    // Plain rm keeps them (podman), as dangling volumes.
    r.ok(["rm", "a"]);
    assert_eq!(volume_names(&r).len(), 2);
    r.ok(["volume", "prune", "-f"]);
    assert!(volume_names(&r).is_empty());
    // rm -v removes them; a named volume stays.
    r.ok([
        "create", "--name", "b", "-v", "/anon", "-v", "named:/n", "volimg", "true",
    ]);
    assert_eq!(volume_names(&r).len(), 3);
    r.ok(["rm", "-v", "b"]);
    assert_eq!(volume_names(&r), ["named"]);
    // run --rm removes them.
    r.ok(["run", "--rm", "-v", "/anon", "volimg", "true"]);
    assert_eq!(volume_names(&r), ["named"]);
    // So does a detached --rm container, through its monitor.
    let id = r.ok(["run", "-d", "--rm", "volimg", "true"]);
    r.run(["wait", id.trim()]);
    common::eventually("the --rm container and its volume to go", || {
        (volume_names(&r) == ["named"]).then_some(())
    });
}

#[test]
fn a_missing_host_path_is_a_clear_error() {
    let r = store();
    let missing = r.dir().join("no-such-dir");
    let spec = format!("{}:/x", missing.display());
    let (code, stderr) = r.fails(["run", "--rm", "-v", &spec, "busybox", "true"]);
    assert_eq!(code, 125);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains(&missing.display().to_string()) && stderr.contains("no such file"),
        "{stderr}"
    );
    let spec = format!("type=bind,source={},target=/x", missing.display());
    let (code, _) = r.fails(["create", "--mount", &spec, "busybox", "true"]);
    assert_eq!(code, 125);
    assert!(r.ok(["ps", "-aq"]).is_empty(), "no container left");
    // A host file and a host directory, read-write.
    let dir = r.dir().join("shared");
    std::fs::create_dir(&dir).unwrap();
    let file = r.dir().join("one.conf");
    std::fs::write(&file, "conf\n").unwrap();
    let out = r.ok([
        "run",
        "--rm",
        "-v",
        &format!("{}:/shared", dir.display()),
        "-v",
        &format!("{}:/etc/one.conf:ro", file.display()),
        "busybox",
        "sh",
        "-c",
        "cat /etc/one.conf; echo out > /shared/new",
    ]);
    assert_eq!(out, "conf\n");
    assert_eq!(std::fs::read_to_string(dir.join("new")).unwrap(), "out\n");
    // Bad flags are rctl's errors too.
    let (code, stderr) = r.fails(["run", "--rm", "-v", "data:relative", "busybox", "true"]);
    assert_eq!(code, 125);
    assert!(stderr.contains("absolute"), "{stderr}");
    let (code, _) = r.fails([
        "run", "--rm", "-v", "a:/same", "-v", "b:/same", "busybox", "true",
    ]);
    assert_eq!(code, 125);
    assert!(
        volume_names(&r).is_empty(),
        "nothing made: {:?}",
        volume_names(&r)
    );
}

#[test]
fn a_volume_in_use_is_not_removed_without_force() {
    let r = store();
    let id = r.ok(["create", "-v", "data:/data", "busybox", "true"]);
    let out = r.run(["volume", "rm", "data"]);
    let (code, _, stderr) = parts(&out);
    assert_eq!(code, 2, "podman's code for a volume in use: {stderr}");
    assert!(
        stderr.contains("being used") && stderr.contains(id.trim()),
        "{stderr}"
    );
    assert_eq!(volume_names(&r), ["data"]);
    let (code, _) = r.fails(["volume", "rm", "nope"]);
    assert_eq!(code, 1, "missing volume");
    // -f removes the container (running too) with it.
    r.ok(["rm", id.trim()]);
    let id = r.ok(["run", "-d", "-v", "data:/data", "busybox", "sleep", "600"]);
    assert_eq!(r.ok(["volume", "rm", "-f", "data"]), "data\n");
    assert!(volume_names(&r).is_empty());
    let (code, _) = r.fails(["inspect", id.trim()]);
    assert_ne!(code, 0, "the container went too");
}

#[test]
fn volume_commands_as_podman() {
    let r = Rctl::new();
    let name = r.ok(["volume", "create"]);
    let name = name.trim();
    assert!(name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(
        r.ok([
            "volume", "create", "--label", "app=web", "--label", "tier", "web"
        ]),
        "web\n"
    );
    r.ok(["volume", "create", "--opt", "nocopy", "store"]);
    let (code, stderr) = r.fails(["volume", "create", "web"]);
    assert_eq!(code, 125);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(r.ok(["volume", "create", "--ignore", "web"]), "web\n");
    let (code, _) = r.fails(["volume", "create", "--driver", "nfs", "x"]);
    assert_eq!(code, 125);
    let (code, _) = r.fails(["volume", "create", "--opt", "device=/dev/sda", "x"]);
    assert_eq!(code, 125);

    let table = r.ok(["volume", "ls"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("DRIVER") && lines[0].contains("VOLUME NAME"),
        "{table}"
    );
    assert_eq!(lines.len(), 4);
    assert_eq!(r.ok(["volume", "ls", "-q", "--filter", "name=we"]), "web\n");
    assert_eq!(
        r.ok(["volume", "ls", "-q", "--filter", "label=app=web"]),
        "web\n"
    );
    assert_eq!(
        r.ok(["volume", "ls", "-q", "--filter", "label=tier"]),
        "web\n"
    );
    assert_eq!(r.ok(["volume", "ls", "-q", "--filter", "label=app=db"]), "");
    assert_eq!(
        r.ok([
            "volume",
            "ls",
            "--format",
            "{{.Name}} {{.Driver}} {{.Labels.app}}",
            "--filter",
            "name=web"
        ]),
        "web local web\n"
    );
    let (code, _) = r.fails(["volume", "ls", "--filter", "bogus=1"]);
    assert_eq!(code, 125);

    let v: Value = serde_json::from_str(&r.ok(["volume", "inspect", "web"])).unwrap();
    let v = &v[0];
    assert_eq!(v["Name"], "web");
    assert_eq!(v["Driver"], "local");
    assert_eq!(v["Scope"], "local");
    assert_eq!(v["Labels"], json!({"app": "web", "tier": ""}));
    assert_eq!(v["Options"], json!({}));
    assert_eq!(v["MountCount"], 0);
    let mp = v["Mountpoint"].as_str().unwrap();
    assert_eq!(Path::new(mp), r.root().join("volumes/web/_data"));
    assert!(Path::new(mp).is_dir());
    assert!(chrono::DateTime::parse_from_rfc3339(v["CreatedAt"].as_str().unwrap()).is_ok());
    assert_eq!(
        r.ok(["volume", "inspect", "--format", "{{.Mountpoint}}", "web"])
            .trim(),
        mp
    );
    let (code, _) = r.fails(["volume", "inspect", "nope"]);
    assert_eq!(code, 125);

    assert_eq!(r.run(["volume", "exists", "web"]).status.code(), Some(0));
    assert_eq!(r.run(["volume", "exists", "nope"]).status.code(), Some(1));

    // dangling and prune: a volume a container names stays.
    r.load(&fixtures::busybox(&["busybox:latest"]));
    r.ok([
        "create", "--name", "user", "-v", "web:/w", "busybox", "true",
    ]);
    let dangling = r.ok(["volume", "ls", "-q", "--filter", "dangling=true"]);
    assert!(
        !dangling.contains("web") && dangling.contains("store"),
        "{dangling}"
    );
    assert_eq!(
        r.ok(["volume", "ls", "-q", "--filter", "dangling=false"]),
        "web\n"
    );
    let pruned = r.ok(["volume", "prune", "-f", "--filter", "name=store"]);
    assert_eq!(pruned, "store\n");
    let pruned = r.ok(["volume", "prune", "-f"]);
    assert_eq!(pruned.trim(), name);
    assert_eq!(volume_names(&r), ["web"]);
    r.ok(["rm", "user"]);
    assert_eq!(r.ok(["volume", "rm", "web"]), "web\n");
    assert!(!r.root().join("volumes/web").exists());
}

#[test]
fn symlinks_in_the_image_do_not_lead_mounts_out_of_the_container() {
    let r = Busybox::new();
    // A host directory the image's symlinks point at, with one file.
    let host = r.dir().join("host-target");
    std::fs::create_dir(&host).unwrap();
    std::fs::write(host.join("marker"), "host\n").unwrap();
    let host_rel = host.strip_prefix("/").unwrap().display().to_string();
    let climbing = format!("{}{}", "../".repeat(12), host_rel);
    let layer = LayerBuilder::new()
        .symlink("evil", &host.display().to_string())
        .symlink("climb", &climbing)
        .dir("srv", 0o755)
        .symlink("srv/etc", "/etc")
        .build();
    r.load(&fixtures::Image::new(
        vec![fixtures::busybox_layer(), layer],
        json!({}),
        &["evil:latest"],
    ));
    let bind_src = r.dir().join("bind-src");
    std::fs::create_dir(&bind_src).unwrap();
    let out = r.ok([
        "run",
        "--rm",
        "-v",
        "v1:/evil",
        "-v",
        "v2:/climb/sub",
        "--tmpfs",
        "/srv/etc",
        "-v",
        &format!("{}:/evil/bound", bind_src.display()),
        "evil",
        "sh",
        "-c",
        "echo x > /evil/pwned; echo y > /climb/sub/pwned; ls /evil/bound >/dev/null && echo ok",
    ]);
    assert_eq!(out, "ok\n");
    let entries: Vec<String> = std::fs::read_dir(&host)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries, ["marker"], "nothing written on the host");
    let mountinfo = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    assert!(
        !mountinfo.contains(&host.display().to_string()),
        "nothing mounted on the host: {mountinfo}"
    );
    // The writes landed in the volumes, through the symlinks resolved
    // inside the container.
    assert!(r.root().join("volumes/v1/_data/pwned").is_file());
    assert!(r.root().join("volumes/v2/_data/pwned").is_file());
    // The host's /etc is untouched: the tmpfs went on the container's /etc.
    assert!(Path::new("/etc/passwd").is_file());
}

#[test]
fn volumes_from_shares_another_containers_mounts() {
    let r = store();
    let host = r.dir().join("shared");
    std::fs::create_dir(&host).unwrap();
    r.ok([
        "create",
        "--name",
        "source",
        "-v",
        "data:/data",
        "-v",
        "/anon",
        "-v",
        &format!("{}:/host", host.display()),
        "--tmpfs",
        "/scratch",
        "busybox",
        "true",
    ]);
    let out = r.ok([
        "run",
        "--rm",
        "--volumes-from",
        "source",
        "busybox",
        "sh",
        "-c",
        "echo d > /data/f; echo a > /anon/f; echo h > /host/f; grep -c ' /scratch ' /proc/mounts || true",
    ]);
    assert_eq!(out, "0\n", "tmpfs mounts are not shared");
    assert_eq!(std::fs::read_to_string(host.join("f")).unwrap(), "h\n");
    assert_eq!(
        std::fs::read_to_string(r.root().join("volumes/data/_data/f")).unwrap(),
        "d\n"
    );
    // :ro makes them all read-only.
    let (code, _, stderr) = parts(&r.run([
        "run",
        "--rm",
        "--volumes-from",
        "source:ro",
        "busybox",
        "sh",
        "-c",
        "cat /data/f && touch /data/g",
    ]));
    assert_ne!(code, 0);
    assert!(stderr.contains("Read-only file system"), "{stderr}");
    // The source's anonymous volume survived the --rm container that borrowed it.
    let doc = inspect(&r, &["source"]);
    let anon = doc["Mounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["Destination"] == "/anon")
        .unwrap()["Name"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(volume_names(&r).contains(&anon));
    let (code, _) = r.fails(["run", "--rm", "--volumes-from", "nope", "busybox", "true"]);
    assert_eq!(code, 125);
}

#[test]
fn inspect_shows_mounts_as_podman() {
    let r = store();
    let host = r.dir().join("h");
    std::fs::create_dir(&host).unwrap();
    r.ok([
        "create",
        "--name",
        "c",
        "-v",
        "data:/data:ro",
        "-v",
        &format!("{}:/h", host.display()),
        "busybox",
        "true",
    ]);
    let doc = inspect(&r, &["c"]);
    let mounts = doc["Mounts"].as_array().unwrap();
    let vol = mounts.iter().find(|m| m["Type"] == "volume").unwrap();
    assert_eq!(vol["Name"], "data");
    assert_eq!(
        Path::new(vol["Source"].as_str().unwrap()),
        r.root().join("volumes/data/_data")
    );
    assert_eq!(vol["Destination"], "/data");
    assert_eq!(vol["Driver"], "local");
    assert_eq!(vol["RW"], false);
    assert_eq!(vol["Propagation"], "rprivate");
    assert_eq!(vol["Options"], json!(["nosuid", "nodev", "rbind"]));
    let bind = mounts.iter().find(|m| m["Type"] == "bind").unwrap();
    assert_eq!(bind["Source"], host.display().to_string());
    assert_eq!(bind["Destination"], "/h");
    assert_eq!(bind["RW"], true);
    assert_eq!(bind["Options"], json!(["rbind"]));
    assert_eq!(
        doc["HostConfig"]["Binds"],
        json!([
            "data:/data:ro,rprivate,nosuid,nodev,rbind",
            format!("{}:/h:rw,rprivate,rbind", host.display())
        ])
    );
    let id = r.ok(["run", "-d", "-v", "data:/data", "busybox", "sleep", "600"]);
    let v: Value = serde_json::from_str(&r.ok(["volume", "inspect", "data"])).unwrap();
    assert_eq!(v[0]["MountCount"], 1, "one running container");
    r.ok(["rm", "-f", id.trim()]);
}

#[test]
fn parallel_first_use_makes_one_volume_and_copies_once() {
    let r = store();
    // Eight containers at once, all first users of one new volume that
    // gets the image's files, each adding a file of its own.
    let children: Vec<_> = (0..8)
        .map(|i| {
            r.cmd([
                "run",
                "--rm",
                "-v",
                "shared:/srv/data",
                "volimg",
                "sh",
                "-c",
                &format!("cat /srv/data/seed.txt >/dev/null && touch /srv/data/c{i}"),
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        let (code, _, stderr) = parts(&out);
        assert_eq!(code, 0, "{stderr}");
    }
    assert_eq!(volume_names(&r), ["shared"]);
    let mut files: Vec<String> = std::fs::read_dir(r.root().join("volumes/shared/_data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut want: Vec<String> = (0..8).map(|i| format!("c{i}")).collect();
    want.push("seed.txt".into());
    want.sort();
    assert_eq!(files, want, "no copy-up overwrote another container's work");
    // Two creates of one name: exactly one wins.
    let children: Vec<_> = (0..4)
        .map(|_| {
            r.cmd(["volume", "create", "once"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let won = children
        .into_iter()
        .map(|mut c| c.wait().unwrap().success())
        .filter(|ok| *ok)
        .count();
    assert_eq!(won, 1);
}

#[test]
fn system_check_reports_a_missing_volume() {
    let r = store();
    r.ok([
        "create",
        "--name",
        "c",
        "-v",
        "data:/data",
        "busybox",
        "true",
    ]);
    assert!(!r.ok(["system", "check"]).contains("volume"));
    // Removed behind rctl's back.
    std::fs::remove_dir_all(r.root().join("volumes/data")).unwrap();
    let out = r.run(["system", "check"]);
    let (_, stdout, stderr) = parts(&out);
    let text = format!("{stdout}{stderr}");
    assert!(
        text.contains("volume data: missing, but container"),
        "{text}"
    );
}

#[test]
fn a_volume_made_for_a_userns_auto_container_belongs_to_its_root() {
    let r = store();
    let out = r.ok([
        "run",
        "--rm",
        "--userns",
        "auto",
        "-v",
        "mapped:/srv/data",
        "volimg",
        "sh",
        "-c",
        "stat -c '%u' /srv/data /srv/data/seed.txt; echo w > /srv/data/new && echo wrote",
    ]);
    assert_eq!(
        out, "0\n1000\nwrote\n",
        "its root's, the image's owners kept"
    );
    let data = r.root().join("volumes/mapped/_data");
    let root_uid = std::fs::metadata(&data).unwrap().uid();
    assert_ne!(root_uid, 0, "a host id of the container's range");
    assert_eq!(std::fs::metadata(data.join("new")).unwrap().uid(), root_uid);
    assert_eq!(
        std::fs::metadata(data.join("seed.txt")).unwrap().uid(),
        root_uid + 1000
    );
}

#[test]
fn volume_options_tmpfs_bind_and_owner() {
    let r = store();
    r.ok([
        "volume",
        "create",
        "--opt",
        "type=tmpfs",
        "--opt",
        "device=tmpfs",
        "--opt",
        "o=size=256k",
        "mem",
    ]);
    let out = r.ok([
        "run",
        "--rm",
        "-v",
        "mem:/m",
        "busybox",
        "sh",
        "-c",
        "grep ' /m ' /proc/mounts | cut -d' ' -f3,4",
    ]);
    assert!(
        out.starts_with("tmpfs ") && out.contains("size=256k"),
        "{out}"
    );
    let host = r.dir().join("device");
    std::fs::create_dir(&host).unwrap();
    r.ok([
        "volume",
        "create",
        "--opt",
        "type=none",
        "--opt",
        "o=bind",
        "--opt",
        &format!("device={}", host.display()),
        "hostvol",
    ]);
    r.ok([
        "run",
        "--rm",
        "-v",
        "hostvol:/h",
        "busybox",
        "touch",
        "/h/made",
    ]);
    assert!(
        host.join("made").is_file(),
        "written to the device directory"
    );
    r.ok(["volume", "create", "--opt", "o=uid=1234,gid=99", "owned"]);
    let data = r.root().join("volumes/owned/_data");
    let meta = std::fs::metadata(&data).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (1234, 99));
    let out = r.ok([
        "run", "--rm", "-v", "owned:/o", "busybox", "stat", "-c", "%u:%g", "/o",
    ]);
    assert_eq!(out, "1234:99\n");
    let (code, stderr) = r.fails([
        "volume",
        "create",
        "--opt",
        "type=ext4",
        "--opt",
        "device=/dev/vda",
        "x",
    ]);
    assert_eq!(code, 125);
    assert!(stderr.contains("type="), "{stderr}");
}
