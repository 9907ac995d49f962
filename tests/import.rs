//! `import`: a root filesystem tarball (file or standard input, plain or
//! gzip'd) becomes a one-layer image; `--change` and `-m` shape its config.

mod common;

use std::io::Write;

use common::{Rctl, fixtures};
use serde_json::{Value, json};

/// A small root filesystem tarball.
fn rootfs() -> Vec<u8> {
    fixtures::LayerBuilder::new()
        .dir("bin", 0o755)
        .file("bin/hello", 0o755, b"#!/bin/sh\necho hello\n")
        .dir("etc", 0o755)
        .file("etc/hostname", 0o644, b"imported\n")
        .symlink("etc/alias", "hostname")
        .build()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn write(r: &Rctl, name: &str, data: &[u8]) -> String {
    let p = r.dir().join(name);
    std::fs::write(&p, data).unwrap();
    p.to_str().unwrap().to_string()
}

fn inspect(r: &Rctl, name: &str) -> Value {
    let doc: Value = serde_json::from_str(&r.ok(["image", "inspect", name])).unwrap();
    assert_eq!(doc.as_array().unwrap().len(), 1);
    doc[0].clone()
}

fn host_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    }
}

/// The id `import` printed: one line, 64 hex digits.
fn printed_id(out: &str) -> String {
    let id = out.trim_end_matches('\n');
    assert_eq!(out.lines().count(), 1, "{out:?}");
    assert_eq!(id.len(), 64, "{out:?}");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{out:?}");
    id.to_string()
}

#[test]
fn import_of_a_tar_file_makes_a_one_layer_image() {
    let r = Rctl::new();
    let tar = rootfs();
    let path = write(&r, "rootfs.tar", &tar);
    let id = printed_id(&r.ok(["import", &path]));
    let doc = inspect(&r, &id);
    assert_eq!(doc["Id"], id);
    assert_eq!(doc["RootFS"]["Type"], "layers");
    assert_eq!(doc["RootFS"]["Layers"], json!([fixtures::digest(&tar)]));
    assert_eq!(doc["Size"], tar.len());
    assert_eq!(doc["Architecture"], host_arch());
    assert_eq!(doc["Os"], "linux");
    assert_eq!(doc["RepoTags"], json!([]));
    let history = doc["History"].as_array().unwrap();
    assert_eq!(history.len(), 1);
    assert!(
        history[0]["created_by"]
            .as_str()
            .unwrap()
            .contains("ADD file:"),
        "{history:?}"
    );
    // The layer's files are in the store.
    let layer = &fixtures::digest(&tar)["sha256:".len()..];
    let hello = r.root().join("layers").join(layer).join("diff/bin/hello");
    assert_eq!(std::fs::read(hello).unwrap(), b"#!/bin/sh\necho hello\n");
    // Unnamed: listed as <none>.
    let row = r.ok([
        "images",
        "--noheading",
        "--format",
        "{{.Repository}} {{.Tag}} {{.ID}}",
    ]);
    assert_eq!(row, format!("<none> <none> {}\n", &id[..12]));
    r.ok(["system", "check"]);
}

#[test]
fn import_from_standard_input() {
    let r = Rctl::new();
    let tar = rootfs();
    let out = r.run_stdin(["import", "-", "fromstdin"], &tar);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = printed_id(&String::from_utf8(out.stdout).unwrap());
    let doc = inspect(&r, "fromstdin");
    assert_eq!(doc["Id"], id);
    assert_eq!(doc["RepoTags"], json!(["localhost/fromstdin:latest"]));
    assert_eq!(doc["RootFS"]["Layers"], json!([fixtures::digest(&tar)]));
}

#[test]
fn import_of_a_gzipped_tar_from_a_file_and_from_standard_input() {
    let r = Rctl::new();
    let tar = rootfs();
    let gz = gzip(&tar);
    let path = write(&r, "rootfs.tar.gz", &gz);
    r.ok(["import", &path, "gzfile"]);
    let out = r.run_stdin(["import", "-", "gzstdin"], &gz);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in ["gzfile", "gzstdin"] {
        let doc = inspect(&r, name);
        // The layer is the uncompressed tar.
        assert_eq!(
            doc["RootFS"]["Layers"],
            json!([fixtures::digest(&tar)]),
            "{name}"
        );
        assert_eq!(doc["Size"], tar.len(), "{name}");
    }
    // Same content, one layer in the store.
    assert_eq!(
        std::fs::read_dir(r.root().join("layers")).unwrap().count(),
        1
    );
}

#[test]
fn import_changes_and_message_show_up_in_inspect() {
    let r = Rctl::new();
    let path = write(&r, "rootfs.tar", &rootfs());
    r.ok([
        "import",
        "--change",
        r#"CMD ["/bin/sh"]"#,
        "--change",
        "ENV A=b",
        "--change",
        "WORKDIR /x",
        "-m",
        "imported for a test",
        &path,
        "changed",
    ]);
    let doc = inspect(&r, "changed");
    let cfg = &doc["Config"];
    assert_eq!(cfg["Cmd"], json!(["/bin/sh"]));
    assert!(
        cfg["Env"].as_array().unwrap().contains(&json!("A=b")),
        "{cfg}"
    );
    assert_eq!(cfg["WorkingDir"], "/x");
    let history = doc["History"].as_array().unwrap();
    assert_eq!(history.last().unwrap()["comment"], "imported for a test");
    // The same through a template.
    let out = r.ok([
        "image",
        "inspect",
        "--format",
        "{{.Config.WorkingDir}} {{json .Config.Cmd}}",
        "changed",
    ]);
    assert_eq!(out, "/x [\"/bin/sh\"]\n");
}

#[test]
fn import_applies_every_kind_of_change() {
    let r = Rctl::new();
    let path = write(&r, "rootfs.tar", &rootfs());
    r.ok([
        "import",
        "-c",
        "ENTRYPOINT /bin/hello",
        "-c",
        "USER nobody",
        "-c",
        "EXPOSE 8080 53/udp",
        "-c",
        "VOLUME /data",
        "-c",
        "LABEL team=infra tier=\"back end\"",
        "-c",
        "STOPSIGNAL SIGINT",
        "-c",
        "ENV X=1 Y=2",
        &path,
        "every",
    ]);
    let cfg = inspect(&r, "every")["Config"].clone();
    assert_eq!(cfg["Entrypoint"], json!(["/bin/sh", "-c", "/bin/hello"]));
    assert_eq!(cfg["User"], "nobody");
    assert_eq!(cfg["ExposedPorts"], json!({"8080/tcp": {}, "53/udp": {}}));
    assert_eq!(cfg["Volumes"], json!({"/data": {}}));
    assert_eq!(cfg["Labels"], json!({"team": "infra", "tier": "back end"}));
    assert_eq!(cfg["StopSignal"], "SIGINT");
    let env = cfg["Env"].as_array().unwrap();
    assert!(
        env.contains(&json!("X=1")) && env.contains(&json!("Y=2")),
        "{env:?}"
    );
    // Labels are what `images --filter label=` sees.
    let out = r.ok(["images", "-q", "--filter", "label=team=infra"]);
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn import_names_short_names_under_localhost() {
    let r = Rctl::new();
    let path = write(&r, "rootfs.tar", &rootfs());
    r.ok(["import", &path, "plain"]);
    r.ok(["import", &path, "tagged:v1"]);
    r.ok(["import", &path, "quay.io/team/full:2"]);
    let mut names: Vec<String> = r
        .ok(["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .lines()
        .map(str::to_string)
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "localhost/plain:latest",
            "localhost/tagged:v1",
            "quay.io/team/full:2"
        ]
    );
    assert_eq!(
        inspect(&r, "plain")["RepoTags"],
        json!(["localhost/plain:latest"])
    );
}

#[test]
fn import_records_the_architecture_and_os_asked_for() {
    let r = Rctl::new();
    let path = write(&r, "rootfs.tar", &rootfs());
    r.ok([
        "import",
        "--arch",
        "arm64",
        "--variant",
        "v8",
        "--os",
        "linux",
        &path,
        "arm",
    ]);
    let doc = inspect(&r, "arm");
    assert_eq!(doc["Architecture"], "arm64");
    assert_eq!(doc["Os"], "linux");
}

#[test]
fn import_with_an_invalid_change_fails_and_leaves_the_store_unchanged() {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let path = write(&r, "rootfs.tar", &rootfs());
    let before = r.store_files();
    for change in ["FROB something", "ENV", "EXPOSE notaport", "RUN echo hi"] {
        let (code, err) = r.fails(["import", "--change", change, &path, "bad"]);
        assert_eq!(code, 125, "{change}");
        assert_eq!(err.lines().count(), 1, "{change}: {err}");
        assert!(
            err.starts_with("Error: ") && err.contains("change"),
            "{change}: {err}"
        );
        assert_eq!(r.store_files(), before, "{change}");
    }
}

#[test]
fn import_with_an_invalid_name_fails_and_leaves_the_store_unchanged() {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let path = write(&r, "rootfs.tar", &rootfs());
    let before = r.store_files();
    let (code, err) = r.fails(["import", &path, "Bad:Name"]);
    assert_eq!(code, 125);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("Error: ") && err.contains("Bad:Name"),
        "{err}"
    );
    assert_eq!(r.store_files(), before);
}

#[test]
fn import_of_something_that_is_not_a_tarball_fails_and_leaves_the_store_unchanged() {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let path = write(&r, "junk.tar", &[0x42u8; 3000]);
    let before = r.store_files();
    let (code, err) = r.fails(["import", &path, "junk"]);
    assert_eq!(code, 125);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(r.store_files(), before);
    let (code, _) = r.fails(["image", "exists", "junk"]);
    assert_eq!(code, 1);
}

#[test]
fn import_from_a_url_is_a_clear_error() {
    let r = Rctl::new();
    for url in [
        "http://127.0.0.1:9/rootfs.tar",
        "https://example.invalid/rootfs.tar.gz",
    ] {
        let (code, err) = r.fails(["import", url, "fromurl"]);
        assert_eq!(code, 125);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("Error: ") && err.contains("URL") && err.contains(url),
            "{err}"
        );
    }
    assert_eq!(r.ok(["images", "-q"]), "");
}

#[test]
fn import_of_a_missing_file_names_it() {
    let r = Rctl::new();
    let path = r.dir().join("nowhere.tar");
    let (code, err) = r.fails(["import", path.to_str().unwrap()]);
    assert_eq!(code, 125);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nowhere.tar"), "{err}");
}

#[test]
fn import_of_the_same_tarball_twice_gives_two_images_sharing_one_layer() {
    let r = Rctl::new();
    let path = write(&r, "rootfs.tar", &rootfs());
    let a = printed_id(&r.ok(["import", &path, "first"]));
    std::thread::sleep(std::time::Duration::from_millis(5));
    let b = printed_id(&r.ok(["import", &path, "second"]));
    assert_ne!(a, b, "each import records its own creation time");
    assert_eq!(
        std::fs::read_dir(r.root().join("layers")).unwrap().count(),
        1
    );
    r.ok(["rmi", "first"]);
    assert_eq!(
        std::fs::read_dir(r.root().join("layers")).unwrap().count(),
        1,
        "still used by second"
    );
    r.ok(["rmi", "second"]);
    assert_eq!(
        std::fs::read_dir(r.root().join("layers")).unwrap().count(),
        0
    );
}
