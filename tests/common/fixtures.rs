//! Test and benchmark images, built in code with no network: a busybox image
//! from Debian's busybox-static, synthetic multi-layer images, and malicious
//! layers. Written as docker-archive or oci-archive by our own code, so the
//! tests do not depend on the tool under test to make their inputs.
#![allow(dead_code)]

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// A fixed date for reproducible fixtures (busybox's image ids never change).
pub const EPOCH: u64 = 1_700_000_000;

/// `sha256:<hex>` of `data`.
pub fn digest(data: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(data)))
}

/// Builds a layer tar in memory.
pub struct LayerBuilder {
    tar: tar::Builder<Vec<u8>>,
}

impl Default for LayerBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl LayerBuilder {
    /// An empty layer.
    pub fn new() -> LayerBuilder {
        let mut tar = tar::Builder::new(Vec::new());
        tar.mode(tar::HeaderMode::Deterministic);
        LayerBuilder { tar }
    }

    fn header(kind: tar::EntryType, mode: u32, size: u64) -> tar::Header {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_size(size);
        h.set_mtime(EPOCH);
        h.set_uid(0);
        h.set_gid(0);
        h
    }

    /// A directory.
    pub fn dir(mut self, path: &str, mode: u32) -> Self {
        let mut h = Self::header(tar::EntryType::Directory, mode, 0);
        self.tar.append_data(&mut h, path, io::empty()).unwrap();
        self
    }

    /// A regular file.
    pub fn file(self, path: &str, mode: u32, data: &[u8]) -> Self {
        self.file_owned(path, mode, 0, 0, data)
    }

    /// A regular file with an owner.
    pub fn file_owned(mut self, path: &str, mode: u32, uid: u64, gid: u64, data: &[u8]) -> Self {
        let mut h = Self::header(tar::EntryType::Regular, mode, data.len() as u64);
        h.set_uid(uid);
        h.set_gid(gid);
        self.tar.append_data(&mut h, path, data).unwrap();
        self
    }

    /// A character device node (what a malicious image may carry).
    pub fn char_device(mut self, path: &str, mode: u32, major: u32, minor: u32) -> Self {
        let mut h = Self::header(tar::EntryType::Char, mode, 0);
        h.set_device_major(major).unwrap();
        h.set_device_minor(minor).unwrap();
        self.tar.append_data(&mut h, path, io::empty()).unwrap();
        self
    }

    /// A symlink.
    pub fn symlink(mut self, path: &str, target: &str) -> Self {
        let mut h = Self::header(tar::EntryType::Symlink, 0o777, 0);
        self.tar.append_link(&mut h, path, target).unwrap();
        self
    }

    /// A hard link to `target` (a path in the layer).
    pub fn hardlink(mut self, path: &str, target: &str) -> Self {
        let mut h = Self::header(tar::EntryType::Link, 0o644, 0);
        self.tar.append_link(&mut h, path, target).unwrap();
        self
    }

    /// PAX extended attributes for the next entry (`SCHILY.xattr.NAME`, `uid`, ...).
    pub fn pax(mut self, records: &[(&str, &[u8])]) -> Self {
        let mut data = Vec::new();
        for (k, v) in records {
            // "LEN KEY=VALUE\n", where LEN counts the whole record, itself included.
            let body = k.len() + v.len() + 3;
            let mut len = body + 1;
            while len != body + len.to_string().len() {
                len = body + len.to_string().len();
            }
            data.extend_from_slice(format!("{len} {k}=").as_bytes());
            data.extend_from_slice(v);
            data.push(b'\n');
        }
        let mut h = Self::header(tar::EntryType::XHeader, 0o644, data.len() as u64);
        self.tar
            .append_data(&mut h, "PaxHeader", &data[..])
            .unwrap();
        self
    }

    /// An entry with a raw name and link name, bypassing the tar crate's
    /// checks: how malicious archives are made.
    pub fn raw(mut self, kind: tar::EntryType, name: &str, link: &str, data: &[u8]) -> Self {
        let mut h = Self::header(kind, 0o644, data.len() as u64);
        {
            let old = h.as_old_mut();
            old.name = [0; 100];
            old.name[..name.len()].copy_from_slice(name.as_bytes());
            old.linkname = [0; 100];
            old.linkname[..link.len()].copy_from_slice(link.as_bytes());
        }
        h.set_cksum();
        self.tar.append(&h, data).unwrap();
        self
    }

    /// The finished tar.
    pub fn build(self) -> Vec<u8> {
        self.tar.into_inner().unwrap()
    }
}

/// The busybox root filesystem: /bin/busybox from busybox-static, a symlink per
/// applet, /etc/passwd and /etc/group with root and nobody, /tmp and /root.
pub fn busybox_layer() -> Vec<u8> {
    let bin = std::fs::read("/bin/busybox").expect("busybox-static is installed (/bin/busybox)");
    let list = std::process::Command::new("/bin/busybox")
        .arg("--list")
        .output()
        .unwrap();
    let mut applets: Vec<String> = String::from_utf8(list.stdout)
        .unwrap()
        .lines()
        .filter(|a| *a != "busybox")
        .map(str::to_string)
        .collect();
    applets.sort();
    let mut b = LayerBuilder::new()
        .dir("bin", 0o755)
        .file("bin/busybox", 0o755, &bin);
    for a in applets {
        b = b.symlink(&format!("bin/{a}"), "busybox");
    }
    b.dir("etc", 0o755)
        .file(
            "etc/passwd",
            0o644,
            b"root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
        )
        .file("etc/group", 0o644, b"root:x:0:\nnogroup:x:65534:\n")
        .file("etc/shadow", 0o640, b"root:*:19000:0:99999:7:::\n")
        .dir("tmp", 0o1777)
        .dir("root", 0o700)
        .dir("proc", 0o755)
        .dir("sys", 0o755)
        .dir("dev", 0o755)
        .build()
}

/// An image: layer blobs (as they go in the archive), config, names.
pub struct Image {
    /// Layer blobs (plain, gzip or zstd) and their uncompressed tars.
    pub layers: Vec<(Vec<u8>, Vec<u8>)>,
    /// The config bytes.
    pub config: Vec<u8>,
    /// Names for the archive.
    pub names: Vec<String>,
}

impl Image {
    /// An image of plain layers with a config made by [`config`].
    pub fn new(layers: Vec<Vec<u8>>, extra: Value, names: &[&str]) -> Image {
        let config = config(&layers, extra);
        Image {
            layers: layers.into_iter().map(|l| (l.clone(), l)).collect(),
            config,
            names: names.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The image id rctl must compute: the config digest.
    pub fn id(&self) -> String {
        digest(&self.config)["sha256:".len()..].to_string()
    }

    /// The same image with its layer blobs gzip-compressed.
    pub fn gzipped(mut self) -> Image {
        for (blob, tar) in &mut self.layers {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(tar).unwrap();
            *blob = enc.finish().unwrap();
        }
        self
    }

    /// The same image with its layer blobs zstd-compressed.
    pub fn zstd(mut self) -> Image {
        for (blob, tar) in &mut self.layers {
            *blob = zstd::encode_all(&tar[..], 3).unwrap();
        }
        self
    }
}

/// A config for `layers`, with `extra` merged into its `config` object.
pub fn config(layers: &[Vec<u8>], extra: Value) -> Vec<u8> {
    let diff_ids: Vec<String> = layers.iter().map(|l| digest(l)).collect();
    let mut cfg = json!({
        "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        "Cmd": ["sh"],
    });
    if let (Some(c), Some(e)) = (cfg.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            c.insert(k.clone(), v.clone());
        }
    }
    let history: Vec<Value> = (0..layers.len())
        .map(|i| json!({"created": "2023-11-14T22:13:20Z", "created_by": format!("layer {i}")}))
        .chain(std::iter::once(json!({
            "created": "2023-11-14T22:13:20Z",
            "created_by": "/bin/sh -c #(nop)  CMD [\"sh\"]",
            "empty_layer": true
        })))
        .collect();
    serde_json::to_vec(&json!({
        "architecture": "amd64",
        "os": "linux",
        "created": "2023-11-14T22:13:20Z",
        "config": cfg,
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": history,
    }))
    .unwrap()
}

/// The busybox image.
pub fn busybox(names: &[&str]) -> Image {
    Image::new(vec![busybox_layer()], json!({}), names)
}

fn add(tar: &mut tar::Builder<File>, name: &str, data: &[u8]) {
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_mtime(EPOCH);
    h.set_entry_type(tar::EntryType::Regular);
    tar.append_data(&mut h, name, data).unwrap();
}

/// Writes `images` as a docker-archive (docker's `save` layout).
pub fn docker_archive(path: &Path, images: &[&Image]) {
    let mut tar = tar::Builder::new(File::create(path).unwrap());
    let mut manifest = Vec::new();
    for img in images {
        let config_name = format!("{}.json", img.id());
        add(&mut tar, &config_name, &img.config);
        let mut layers = Vec::new();
        for (blob, _) in &img.layers {
            let name = format!("{}/layer.tar", &digest(blob)["sha256:".len()..]);
            add(&mut tar, &name, blob);
            layers.push(name);
        }
        manifest.push(json!({"Config": config_name, "RepoTags": img.names, "Layers": layers}));
    }
    add(
        &mut tar,
        "manifest.json",
        &serde_json::to_vec(&manifest).unwrap(),
    );
    tar.finish().unwrap();
}

/// Media type of a layer blob, from its first bytes.
fn layer_media_type(blob: &[u8]) -> &'static str {
    if blob.starts_with(&[0x1f, 0x8b]) {
        "application/vnd.oci.image.layer.v1.tar+gzip"
    } else if blob.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        "application/vnd.oci.image.layer.v1.tar+zstd"
    } else {
        "application/vnd.oci.image.layer.v1.tar"
    }
}

/// The OCI manifest of `img`.
pub fn oci_manifest(img: &Image) -> Vec<u8> {
    let layers: Vec<Value> = img
        .layers
        .iter()
        .map(|(b, _)| json!({"mediaType": layer_media_type(b), "digest": digest(b), "size": b.len()}))
        .collect();
    serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": digest(&img.config), "size": img.config.len()},
        "layers": layers,
    }))
    .unwrap()
}

/// Writes `images` as an oci-archive (an OCI layout in a tar), each manifest
/// annotated with its image's first name.
pub fn oci_archive(path: &Path, images: &[&Image]) {
    let mut tar = tar::Builder::new(File::create(path).unwrap());
    add(&mut tar, "oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#);
    let mut manifests = Vec::new();
    let mut written = std::collections::BTreeSet::new();
    let mut blob = |tar: &mut tar::Builder<File>, data: &[u8]| {
        let d = digest(data);
        if written.insert(d.clone()) {
            add(
                tar,
                &format!("blobs/sha256/{}", &d["sha256:".len()..]),
                data,
            );
        }
        d
    };
    for img in images {
        for (b, _) in &img.layers {
            blob(&mut tar, b);
        }
        blob(&mut tar, &img.config);
        let m = oci_manifest(img);
        let d = blob(&mut tar, &m);
        let mut desc = json!({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": d, "size": m.len()});
        if let Some(n) = img.names.first() {
            desc["annotations"] = json!({"org.opencontainers.image.ref.name": n});
        }
        manifests.push(desc);
    }
    let index = json!({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": manifests});
    add(&mut tar, "index.json", &serde_json::to_vec(&index).unwrap());
    tar.finish().unwrap();
}

/// A synthetic image for benchmarks: `layers` layers of `files` files each,
/// `bytes` bytes in all, of incompressible-ish content.
pub fn synthetic(layers: usize, files: usize, bytes: usize, names: &[&str]) -> Image {
    let per_file = bytes / (layers * files).max(1);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut noise = |n: usize| {
        let mut v = Vec::with_capacity(n);
        while v.len() < n {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            v.extend_from_slice(&seed.to_le_bytes());
        }
        v.truncate(n);
        // Half text-like, half random: compresses about as real files do.
        for b in v.iter_mut().take(n / 2) {
            *b = b'a' + (*b % 26);
        }
        v
    };
    let tars = (0..layers)
        .map(|l| {
            let mut b = LayerBuilder::new().dir(&format!("data{l}"), 0o755);
            for d in 0..(files / 100).max(1) {
                b = b.dir(&format!("data{l}/d{d}"), 0o755);
            }
            for f in 0..files {
                let dir = f % (files / 100).max(1);
                b = b.file(&format!("data{l}/d{dir}/f{f}"), 0o644, &noise(per_file));
            }
            b.build()
        })
        .collect();
    Image::new(tars, json!({}), names)
}

// ---- Registry tests' helpers (tests/registry.rs) ----

impl Image {
    /// The same image built for another platform: its config's
    /// `architecture` (and `variant`, if given) changed, so it has an id of
    /// its own.
    pub fn for_platform(mut self, arch: &str, variant: Option<&str>) -> Image {
        let mut cfg: Value = serde_json::from_slice(&self.config).unwrap();
        cfg["architecture"] = json!(arch);
        if let Some(v) = variant {
            cfg["variant"] = json!(v);
        }
        self.config = serde_json::to_vec(&cfg).unwrap();
        self
    }
}

/// A layer holding `path` (in a directory of its own), `size` random bytes:
/// incompressible, so its blob stays as big compressed.
pub fn random_layer(path: &str, size: usize) -> Vec<u8> {
    let mut data = vec![0u8; size];
    File::open("/dev/urandom")
        .and_then(|mut f| io::Read::read_exact(&mut f, &mut data))
        .unwrap();
    let dir = path.rsplit_once('/').map(|(d, _)| d);
    let mut b = LayerBuilder::new();
    if let Some(d) = dir {
        b = b.dir(d, 0o755);
    }
    b.file(path, 0o644, &data).build()
}

/// A small layer with one text file.
pub fn text_layer(path: &str, text: &str) -> Vec<u8> {
    let dir = path.rsplit_once('/').map(|(d, _)| d);
    let mut b = LayerBuilder::new();
    if let Some(d) = dir {
        b = b.dir(d, 0o755);
    }
    b.file(path, 0o644, text.as_bytes()).build()
}
