//! `save`: docker-archive, oci-archive and oci-dir; to a file and to standard
//! output; several images in one archive; the archives load back into a fresh
//! store as the same images, and their layers carry the configs' DiffIDs.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;

use common::{Rctl, fixtures};
use serde_json::{Value, json};

/// Every regular file of a tar archive, by member name.
fn members(tar: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut ar = tar::Archive::new(tar);
    for e in ar.entries().unwrap() {
        let mut e = e.unwrap();
        if e.header().entry_type() != tar::EntryType::Regular {
            continue;
        }
        let name = e.path().unwrap().display().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut data).unwrap();
        assert!(
            out.insert(name.clone(), data).is_none(),
            "{name} written twice"
        );
    }
    out
}

/// Every file of a directory tree, by path relative to it.
fn dir_members(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(base).unwrap().display().to_string(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn json(data: &[u8]) -> Value {
    serde_json::from_slice(data).unwrap()
}

fn hex(d: &str) -> &str {
    d.strip_prefix("sha256:").unwrap()
}

/// A two-layer image and a one-layer image sharing its base layer.
fn family() -> (fixtures::Image, fixtures::Image) {
    let base = fixtures::LayerBuilder::new()
        .dir("etc", 0o755)
        .file("etc/os-release", 0o644, b"ID=test\n")
        .build();
    let top = fixtures::LayerBuilder::new()
        .dir("app", 0o755)
        .file("app/run.sh", 0o755, b"#!/bin/sh\necho hi\n")
        .symlink("app/link", "run.sh")
        .build();
    let parent = fixtures::Image::new(
        vec![base.clone()],
        json!({"Labels": {"role": "base"}}),
        &["localhost/fam/base:1"],
    );
    let child = fixtures::Image::new(
        vec![base, top],
        json!({"Cmd": ["/app/run.sh"]}),
        &["localhost/fam/app:2"],
    );
    (parent, child)
}

/// Checks an OCI layout (by member name): every manifest the index lists is
/// there, its config is the image's config, and each layer blob's digest is
/// both its manifest digest and the config's DiffID. Returns
/// (ref.name annotation, config digest) per index entry.
fn check_oci_layout(files: &BTreeMap<String, Vec<u8>>) -> Vec<(Option<String>, String)> {
    assert_eq!(json(&files["oci-layout"])["imageLayoutVersion"], "1.0.0");
    for (name, data) in files {
        if let Some(h) = name.strip_prefix("blobs/sha256/") {
            assert_eq!(
                fixtures::digest(data),
                format!("sha256:{h}"),
                "blob {name} is under its digest"
            );
        }
    }
    let index = json(&files["index.json"]);
    assert_eq!(index["schemaVersion"], 2);
    let mut out = Vec::new();
    for desc in index["manifests"].as_array().unwrap() {
        let mdata = &files[&format!("blobs/sha256/{}", hex(desc["digest"].as_str().unwrap()))];
        assert_eq!(desc["size"].as_u64().unwrap(), mdata.len() as u64);
        let manifest = json(mdata);
        assert_eq!(manifest["schemaVersion"], 2);
        let cdesc = &manifest["config"];
        let cdata = &files[&format!("blobs/sha256/{}", hex(cdesc["digest"].as_str().unwrap()))];
        assert_eq!(cdesc["size"].as_u64().unwrap(), cdata.len() as u64);
        let config = json(cdata);
        let diff_ids = config["rootfs"]["diff_ids"].as_array().unwrap();
        let layers = manifest["layers"].as_array().unwrap();
        assert_eq!(layers.len(), diff_ids.len());
        for (l, d) in layers.iter().zip(diff_ids) {
            let blob = &files[&format!("blobs/sha256/{}", hex(l["digest"].as_str().unwrap()))];
            assert_eq!(l["size"].as_u64().unwrap(), blob.len() as u64);
            assert_eq!(
                fixtures::digest(blob),
                d.as_str().unwrap(),
                "layer blob is its DiffID's tar"
            );
        }
        let name = desc["annotations"]["org.opencontainers.image.ref.name"]
            .as_str()
            .map(str::to_string);
        out.push((name, cdesc["digest"].as_str().unwrap().to_string()));
    }
    out
}

#[test]
fn save_defaults_to_docker_archive_and_loads_back_with_same_id_and_names() {
    let r = Rctl::new();
    let img = fixtures::busybox(&["busybox:latest"]);
    r.load(&img);
    let path = r.dir().join("out.tar");
    let out = r.ok(["save", "-o", path.to_str().unwrap(), "busybox"]);
    assert_eq!(out, "", "save -o prints nothing");
    let files = members(&std::fs::read(&path).unwrap());
    let manifest = json(&files["manifest.json"]);
    let entries = manifest.as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0]["RepoTags"],
        json!(["docker.io/library/busybox:latest"])
    );
    let config = &files[entries[0]["Config"].as_str().unwrap()];
    assert_eq!(fixtures::digest(config), format!("sha256:{}", img.id()));
    let diff_ids = json(config)["rootfs"]["diff_ids"].clone();
    let layers = entries[0]["Layers"].as_array().unwrap();
    assert_eq!(layers.len(), 1);
    assert_eq!(
        json!([fixtures::digest(&files[layers[0].as_str().unwrap()])]),
        diff_ids
    );

    let r2 = Rctl::new();
    let out = r2.ok(["load", "-i", path.to_str().unwrap()]);
    assert_eq!(out, "Loaded image: docker.io/library/busybox:latest\n");
    assert_eq!(
        r2.ok(["image", "inspect", "--format", "{{.Id}}", "busybox"])
            .trim(),
        img.id()
    );
    assert_eq!(
        r2.ok(["images", "--format", "{{.Repository}}:{{.Tag}}"]),
        "docker.io/library/busybox:latest\n"
    );
}

#[test]
fn save_docker_archive_layers_are_the_original_uncompressed_tars() {
    // gzip'd on the way in; the saved layer is the tar the DiffID names, bit for bit.
    let r = Rctl::new();
    let (_, child) = family();
    let child = child.gzipped();
    let archive = r.dir().join("in.tar");
    fixtures::docker_archive(&archive, &[&child]);
    r.ok(["load", "-i", archive.to_str().unwrap()]);
    let path = r.dir().join("out.tar");
    r.ok([
        "save",
        "--format",
        "docker-archive",
        "-o",
        path.to_str().unwrap(),
        "localhost/fam/app:2",
    ]);
    let files = members(&std::fs::read(&path).unwrap());
    let manifest = json(&files["manifest.json"]);
    let layers: Vec<&Vec<u8>> = manifest[0]["Layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| &files[l.as_str().unwrap()])
        .collect();
    assert_eq!(layers.len(), 2);
    for (saved, (_, original)) in layers.iter().zip(&child.layers) {
        assert!(
            *saved == original,
            "saved layer differs from the original tar"
        );
    }
}

#[test]
fn save_oci_archive_layer_digests_match_config_diff_ids() {
    let r = Rctl::new();
    let (_, child) = family();
    let child = child.zstd();
    let archive = r.dir().join("in.tar");
    fixtures::oci_archive(&archive, &[&child]);
    r.ok(["load", "-i", archive.to_str().unwrap()]);
    let path = r.dir().join("out.tar");
    r.ok([
        "save",
        "--format",
        "oci-archive",
        "-o",
        path.to_str().unwrap(),
        "localhost/fam/app:2",
    ]);
    let files = members(&std::fs::read(&path).unwrap());
    let images = check_oci_layout(&files);
    assert_eq!(
        images,
        vec![(
            Some("localhost/fam/app:2".to_string()),
            format!("sha256:{}", child.id())
        )]
    );

    // And rctl reads it back into another store as the same image.
    let r2 = Rctl::new();
    let out = r2.ok(["load", "-i", path.to_str().unwrap()]);
    assert_eq!(out, "Loaded image: localhost/fam/app:2\n");
    let doc: Value =
        serde_json::from_str(&r2.ok(["image", "inspect", "localhost/fam/app:2"])).unwrap();
    assert_eq!(doc[0]["Id"], child.id());
    let want: Vec<String> = child
        .layers
        .iter()
        .map(|(_, t)| fixtures::digest(t))
        .collect();
    assert_eq!(doc[0]["RootFS"]["Layers"], json!(want));
    r2.ok(["system", "check"]);
}

#[test]
fn save_oci_dir_writes_a_layout_directory_that_loads_back() {
    let r = Rctl::new();
    let img = fixtures::busybox(&["busybox:latest"]);
    r.load(&img);
    let dir = r.dir().join("layout");
    r.ok([
        "save",
        "--format",
        "oci-dir",
        "-o",
        dir.to_str().unwrap(),
        "busybox",
    ]);
    assert!(dir.join("index.json").is_file());
    let files = dir_members(&dir);
    let images = check_oci_layout(&files);
    assert_eq!(
        images,
        vec![(
            Some("docker.io/library/busybox:latest".to_string()),
            format!("sha256:{}", img.id())
        )]
    );
    let r2 = Rctl::new();
    let out = r2.ok(["load", "-i", dir.to_str().unwrap()]);
    assert_eq!(out, "Loaded image: docker.io/library/busybox:latest\n");
    assert_eq!(
        r2.ok(["images", "-q", "--no-trunc"]).trim(),
        format!("sha256:{}", img.id())
    );
}

#[test]
fn save_oci_dir_refuses_a_non_empty_directory() {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let dir = r.dir().join("layout");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("precious"), b"keep me").unwrap();
    let (code, err) = r.fails([
        "save",
        "--format",
        "oci-dir",
        "-o",
        dir.to_str().unwrap(),
        "busybox",
    ]);
    assert_eq!(code, 125);
    assert!(
        err.starts_with("Error: ") && err.contains("layout"),
        "{err}"
    );
    assert_eq!(std::fs::read(dir.join("precious")).unwrap(), b"keep me");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
}

#[test]
fn save_several_images_in_one_docker_archive() {
    let r = Rctl::new();
    let (parent, child) = family();
    let bb = fixtures::busybox(&["busybox:latest"]);
    r.load(&parent);
    r.load(&child);
    r.load(&bb);
    let path = r.dir().join("multi.tar");
    r.ok([
        "save",
        "-o",
        path.to_str().unwrap(),
        "localhost/fam/base:1",
        "localhost/fam/app:2",
        "busybox",
    ]);
    let files = members(&std::fs::read(&path).unwrap());
    let manifest = json(&files["manifest.json"]);
    let entries = manifest.as_array().unwrap();
    assert_eq!(entries.len(), 3);
    let tags: Vec<&Value> = entries.iter().map(|e| &e["RepoTags"]).collect();
    assert_eq!(
        tags,
        [
            &json!(["localhost/fam/base:1"]),
            &json!(["localhost/fam/app:2"]),
            &json!(["docker.io/library/busybox:latest"])
        ]
    );
    // The shared base layer is in the archive once: 3 configs, 3 distinct layers, the manifest.
    assert_eq!(
        files.len(),
        3 + 3 + 1,
        "{:?}",
        files.keys().collect::<Vec<_>>()
    );
    assert_eq!(entries[0]["Layers"][0], entries[1]["Layers"][0]);

    let r2 = Rctl::new();
    let out = r2.ok(["load", "-i", path.to_str().unwrap()]);
    let mut loaded: Vec<&str> = out.lines().collect();
    loaded.sort();
    assert_eq!(
        loaded,
        [
            "Loaded image: docker.io/library/busybox:latest",
            "Loaded image: localhost/fam/app:2",
            "Loaded image: localhost/fam/base:1",
        ]
    );
    for (name, img) in [
        ("localhost/fam/base:1", &parent),
        ("localhost/fam/app:2", &child),
        ("busybox", &bb),
    ] {
        assert_eq!(
            r2.ok(["image", "inspect", "--format", "{{.Id}}", name])
                .trim(),
            img.id(),
            "{name}"
        );
    }
    assert_eq!(
        std::fs::read_dir(r2.root().join("layers")).unwrap().count(),
        3,
        "shared layer stored once"
    );
}

#[test]
fn save_several_images_in_one_oci_archive() {
    let r = Rctl::new();
    let (parent, child) = family();
    r.load(&parent);
    r.load(&child);
    let path = r.dir().join("multi-oci.tar");
    r.ok([
        "save",
        "--format",
        "oci-archive",
        "-o",
        path.to_str().unwrap(),
        "localhost/fam/base:1",
        "localhost/fam/app:2",
    ]);
    let files = members(&std::fs::read(&path).unwrap());
    let mut images = check_oci_layout(&files);
    images.sort();
    assert_eq!(
        images,
        vec![
            (
                Some("localhost/fam/app:2".to_string()),
                format!("sha256:{}", child.id())
            ),
            (
                Some("localhost/fam/base:1".to_string()),
                format!("sha256:{}", parent.id())
            ),
        ]
    );
    let r2 = Rctl::new();
    r2.ok(["load", "-i", path.to_str().unwrap()]);
    assert_eq!(
        r2.ok([
            "image",
            "inspect",
            "--format",
            "{{.Id}}",
            "localhost/fam/base:1"
        ])
        .trim(),
        parent.id()
    );
    assert_eq!(
        r2.ok([
            "image",
            "inspect",
            "--format",
            "{{.Id}}",
            "localhost/fam/app:2"
        ])
        .trim(),
        child.id()
    );
}

#[test]
fn save_by_one_name_records_only_that_name() {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    r.ok(["tag", "busybox", "mybox:1"]);
    let path = r.dir().join("one-name.tar");
    r.ok(["save", "-o", path.to_str().unwrap(), "mybox:1"]);
    let files = members(&std::fs::read(&path).unwrap());
    assert_eq!(
        json(&files["manifest.json"])[0]["RepoTags"],
        json!(["localhost/mybox:1"])
    );
}

#[test]
fn save_writes_to_standard_output_when_it_is_a_pipe() {
    let r = Rctl::new();
    let img = fixtures::busybox(&["busybox:latest"]);
    r.load(&img);
    let out = r
        .cmd(["save", "busybox"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = members(&out.stdout);
    assert!(files.contains_key("manifest.json"));

    // What went down the pipe is a complete archive.
    let r2 = Rctl::new();
    let loaded = r2.run_stdin(["load"], &out.stdout);
    assert!(
        loaded.status.success(),
        "{}",
        String::from_utf8_lossy(&loaded.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&loaded.stdout),
        "Loaded image: docker.io/library/busybox:latest\n"
    );
    assert_eq!(
        r2.ok(["image", "inspect", "--format", "{{.Id}}", "busybox"])
            .trim(),
        img.id()
    );
}

#[test]
fn save_oci_archive_to_standard_output() {
    let r = Rctl::new();
    let (parent, _) = family();
    r.load(&parent);
    let out = r
        .cmd(["save", "--format", "oci-archive", "localhost/fam/base:1"])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(out.status.success());
    let images = check_oci_layout(&members(&out.stdout));
    assert_eq!(
        images,
        vec![(
            Some("localhost/fam/base:1".to_string()),
            format!("sha256:{}", parent.id())
        )]
    );
}

#[test]
fn save_refuses_to_write_an_archive_to_a_terminal() {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let pty = nix::pty::openpty(None, None).unwrap();
    let out = r
        .cmd(["save", "busybox"])
        .stdout(Stdio::from(pty.slave))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(125));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("Error: ") && err.contains("terminal"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn save_of_an_unknown_image_fails_with_one_line_and_writes_nothing() {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let path = r.dir().join("never.tar");
    let (code, err) = r.fails([
        "save",
        "-o",
        path.to_str().unwrap(),
        "busybox",
        "nosuchimage",
    ]);
    assert_eq!(code, 125);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("Error: ") && err.contains("nosuchimage"),
        "{err}"
    );
    assert!(!path.exists(), "no partial archive is left");
    let leftovers: Vec<_> = std::fs::read_dir(r.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("never"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn save_oci_dir_without_output_is_an_error() {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    let out = r
        .cmd(["save", "--format", "oci-dir", "busybox"])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(125));
    assert!(out.stdout.is_empty());
}

#[test]
fn save_of_a_damaged_layer_fails_instead_of_writing_a_broken_archive() {
    let r = Rctl::new();
    let img = fixtures::busybox(&["busybox:latest"]);
    r.load(&img);
    let layer = hex(&fixtures::digest(&img.layers[0].1)).to_string();
    let passwd = r.root().join("layers").join(&layer).join("diff/etc/passwd");
    let mut data = std::fs::read(&passwd).unwrap();
    data[0] = b'R';
    std::fs::write(&passwd, &data).unwrap();
    let path = r.dir().join("broken.tar");
    let (code, err) = r.fails(["save", "-o", path.to_str().unwrap(), "busybox"]);
    assert_eq!(code, 125);
    assert!(err.contains(&layer) && err.contains("damaged"), "{err}");
    assert!(!path.exists());
}

#[test]
fn save_of_a_layer_whose_file_grew_fails_too() {
    let r = Rctl::new();
    let img = fixtures::busybox(&["busybox:latest"]);
    r.load(&img);
    let layer = hex(&fixtures::digest(&img.layers[0].1)).to_string();
    let passwd = r.root().join("layers").join(&layer).join("diff/etc/passwd");
    let mut data = std::fs::read(&passwd).unwrap();
    data.extend_from_slice(b"evil:x:0:0::/:/bin/sh\n");
    std::fs::write(&passwd, &data).unwrap();
    let path = r.dir().join("broken.tar");
    let (code, err) = r.fails(["save", "-o", path.to_str().unwrap(), "busybox"]);
    assert_eq!(code, 125);
    assert!(err.contains(&layer) && err.contains("damaged"), "{err}");
    assert!(!path.exists());
}
