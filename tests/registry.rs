//! Registries: pull, push, login and logout, registries.conf (mirrors, short
//! names, aliases, blocked registries), platforms, verified digests and
//! interrupted pulls, against a real registry (Debian's docker-registry) on
//! 127.0.0.1. Images are put in the registry either by `rctl push` or by the
//! harness itself (tests/common/registry.rs), so a pull test does not depend
//! on push.

mod common;

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use common::fixtures::{self, Image};
use common::registry::{self, Registry, StallingProxy, insecure_conf};
use common::{Busybox, Rctl, eventually, parts};
use serde_json::{Value, json};

// ---- helpers ----

/// A fresh store whose registries.conf marks `regs` insecure (plain HTTP).
fn store_for(addrs: &[&str]) -> Rctl {
    let r = Rctl::new();
    r.registries_conf(&insecure_conf(addrs));
    r
}

/// A store with busybox loaded, set up like [`store_for`].
fn busybox_for(addrs: &[&str]) -> Busybox {
    let b = Busybox::new();
    b.registries_conf(&insecure_conf(addrs));
    b
}

/// `rctl image inspect NAME` as JSON (its one element).
fn inspect(r: &Rctl, name: &str) -> Value {
    let doc: Value = serde_json::from_str(&r.ok(["image", "inspect", name])).unwrap();
    assert_eq!(doc.as_array().unwrap().len(), 1, "{doc}");
    doc[0].clone()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// `rctl system check` must pass.
fn check(r: &Rctl) {
    r.ok(["system", "check"]);
}

/// A three-layer image: busybox, a layer adding a file, a layer replacing it
/// and adding another.
fn three_layers(names: &[&str]) -> Image {
    Image::new(
        vec![
            fixtures::busybox_layer(),
            fixtures::text_layer("srv/one", "first\n"),
            fixtures::LayerBuilder::new()
                .dir("srv", 0o755)
                .file("srv/one", 0o644, b"replaced\n")
                .file("srv/two", 0o644, b"second\n")
                .build(),
        ],
        json!({"Env": ["PATH=/bin", "LAYERS=3"]}),
        names,
    )
}

/// busybox whose config says `MARKER=<marker>`: the same layer, another id.
fn marked(marker: &str) -> Image {
    Image::new(
        vec![fixtures::busybox_layer()],
        json!({"Env": ["PATH=/bin", format!("MARKER={marker}")]}),
        &[],
    )
    .gzipped()
}

/// The lines of `text` that contain `what`.
fn lines_with<'a>(text: &'a str, what: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(what)).collect()
}

/// The error of a failed command: one `Error: ...` line, the last one
/// (progress lines such as "Trying to pull ..." may come before it).
fn error_line(stderr: &str) -> &str {
    let errors = lines_with(stderr, "Error: ");
    assert_eq!(errors.len(), 1, "one error line: {stderr}");
    let last = stderr.trim_end().lines().last().unwrap_or("");
    assert!(
        last.starts_with("Error: "),
        "the error comes last: {stderr}"
    );
    last
}

fn hex(digest: &str) -> &str {
    digest.strip_prefix("sha256:").unwrap_or(digest)
}

// ---- the harness itself ----

#[test]
fn harness_starts_registries_and_stores_manifests() {
    let open = Registry::start();
    let authed = Registry::start_with_auth("alice", "s3cret");
    assert_ne!(open.addr(), authed.addr());
    let d = open.upload_blob("harness/x", b"hello");
    assert_eq!(open.blob("harness/x", &d), b"hello");
    assert_eq!(std::fs::read(open.blob_data_path(&d)).unwrap(), b"hello");
    let d = authed.upload_blob("harness/y", b"hello");
    assert_eq!(authed.blob("harness/y", &d), b"hello");
    // Without credentials the auth registry says 401.
    let plain = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .build()
        .new_agent();
    let resp = plain
        .get(authed.url("/v2/harness/y/tags/list"))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);

    let img = fixtures::busybox(&[]).gzipped();
    let m = open.push_docker("harness/bb", "v1", &img);
    let (ct, bytes) = open.manifest("harness/bb", "v1");
    assert_eq!(ct, registry::DOCKER_MANIFEST);
    assert_eq!(fixtures::digest(&bytes), m);
    assert_eq!(open.tags("harness/bb"), ["v1"]);
    // The harness's own requests are in the log but not counted as a client's.
    assert!(open.log().contains("GET /v2/harness/bb/manifests/v1"));
    assert!(!open.saw_repo("harness/bb"));

    let s1 = registry::schema1_manifest("harness/old", "v1", &fixtures::digest(b"x"));
    open.inject_manifest("harness/old", "v1", &s1);
    // Served as schema 1, signed by the registry on the way out.
    let (ct, bytes) = open.manifest("harness/old", "v1");
    assert_eq!(ct, registry::SCHEMA1_SIGNED);
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(doc["schemaVersion"], 1);
    assert!(doc["signatures"].is_array(), "{doc}");
}

// ---- push and pull ----

#[test]
fn push_then_pull_round_trips_busybox() {
    let reg = Registry::start();
    let img = fixtures::busybox(&["busybox:latest"]);
    let b = busybox_for(&[&reg.addr()]);
    let dest = format!("{}/rt/busybox:v1", reg.addr());
    let out = b.run(["push", "busybox:latest", &dest]);
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 0, "push: {stdout}{stderr}");
    assert!(stderr.contains("Writing manifest"), "{stderr}");

    // What the registry got: an OCI manifest, the config unchanged, a gzip layer.
    let (ct, bytes) = reg.manifest("rt/busybox", "v1");
    assert_eq!(ct, registry::OCI_MANIFEST);
    let m: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(m["config"]["digest"], format!("sha256:{}", img.id()));
    assert_eq!(m["layers"].as_array().unwrap().len(), 1);
    assert_eq!(
        m["layers"][0]["mediaType"],
        "application/vnd.oci.image.layer.v1.tar+gzip"
    );
    let layer = reg.blob("rt/busybox", m["layers"][0]["digest"].as_str().unwrap());
    assert!(layer.starts_with(&[0x1f, 0x8b]), "gzip layer");

    // Into a fresh store: the same image id, and it runs.
    let r = store_for(&[&reg.addr()]);
    let out = r.ok(["pull", &dest]);
    assert_eq!(out, format!("{}\n", img.id()));
    assert_eq!(
        r.ok(["image", "inspect", "--format", "{{.Id}}", &dest])
            .trim(),
        img.id()
    );
    let d = inspect(&r, &dest);
    assert_eq!(strings(&d["RepoTags"]), [dest.as_str()]);
    assert_eq!(
        r.ok(["run", "--rm", &dest, "echo", "round", "trip"]),
        "round trip\n"
    );
    check(&r);
}

#[test]
fn push_then_pull_round_trips_a_three_layer_image() {
    let reg = Registry::start();
    let img = three_layers(&["localhost/multi:1"]);
    let r1 = store_for(&[&reg.addr()]);
    r1.load(&img);
    let dest = format!("{}/multi/app:1", reg.addr());
    r1.ok(["push", "localhost/multi:1", &dest]);
    let m = reg.manifest_json("multi/app", "1");
    assert_eq!(m["layers"].as_array().unwrap().len(), 3, "{m}");
    assert_eq!(m["config"]["digest"], format!("sha256:{}", img.id()));

    let r2 = store_for(&[&reg.addr()]);
    assert_eq!(r2.ok(["pull", &dest]).trim(), img.id());
    let d = inspect(&r2, &dest);
    assert_eq!(d["RootFS"]["Layers"].as_array().unwrap().len(), 3, "{d}");
    assert_eq!(
        r2.ok([
            "run",
            "--rm",
            &dest,
            "sh",
            "-c",
            "cat /srv/one /srv/two; echo $LAYERS"
        ]),
        "replaced\nsecond\n3\n"
    );
    check(&r2);
}

#[test]
fn push_compresses_layers_with_gzip_or_zstd() {
    let reg = Registry::start();
    let img = three_layers(&["localhost/comp:1"]);
    let r = store_for(&[&reg.addr()]);
    r.load(&img);
    for (format, media_type, magic) in [
        (
            "gzip",
            "application/vnd.oci.image.layer.v1.tar+gzip",
            &[0x1f_u8, 0x8b][..],
        ),
        (
            "zstd",
            "application/vnd.oci.image.layer.v1.tar+zstd",
            &[0x28, 0xb5, 0x2f, 0xfd][..],
        ),
    ] {
        let repo = format!("comp/{format}");
        let dest = format!("{}/{repo}:1", reg.addr());
        r.ok([
            "push",
            "--compression-format",
            format,
            "localhost/comp:1",
            &dest,
        ]);
        let m = reg.manifest_json(&repo, "1");
        let layers = m["layers"].as_array().unwrap();
        assert_eq!(layers.len(), 3);
        for l in layers {
            assert_eq!(l["mediaType"], media_type, "{format}: {m}");
            let blob = reg.blob(&repo, l["digest"].as_str().unwrap());
            assert!(blob.starts_with(magic), "{format} layer's magic");
            assert_eq!(l["size"], json!(blob.len()));
        }
        // Pulled back into a fresh store: the same image, the same files.
        let p = store_for(&[&reg.addr()]);
        assert_eq!(p.ok(["pull", &dest]).trim(), img.id(), "{format}");
        assert_eq!(
            p.ok(["run", "--rm", &dest, "cat", "/srv/one", "/srv/two"]),
            "replaced\nsecond\n"
        );
        check(&p);
    }
}

#[test]
fn push_skips_blobs_the_registry_has_and_writes_the_digest_file() {
    let reg = Registry::start();
    let b = busybox_for(&[&reg.addr()]);
    let first = format!("{}/skip/bb:one", reg.addr());
    let second = format!("{}/skip/bb:two", reg.addr());
    let (_, _, err1) = parts(&b.run(["push", "busybox:latest", &first]));
    assert!(!err1.contains("skipped"), "nothing there yet: {err1}");
    let digestfile = b.dir().join("digest");
    let out = b.run([
        "push",
        "--digestfile",
        digestfile.to_str().unwrap(),
        "busybox:latest",
        &second,
    ]);
    let (code, _, err2) = parts(&out);
    assert_eq!(code, 0, "{err2}");
    assert!(
        lines_with(&err2, "Copying blob")
            .iter()
            .all(|l| l.contains("skipped: already exists")),
        "every layer is already there: {err2}"
    );
    assert!(!lines_with(&err2, "skipped: already exists").is_empty());
    // The digest file names the manifest the registry now has.
    let (_, bytes) = reg.manifest("skip/bb", "two");
    assert_eq!(
        std::fs::read_to_string(&digestfile).unwrap().trim(),
        fixtures::digest(&bytes)
    );
    // No blob was uploaded twice: one upload per blob in the access log.
    let uploads = reg
        .requests_for("/v2/skip/bb/blobs/uploads/")
        .iter()
        .filter(|l| l.contains("\"PUT "))
        .count();
    assert_eq!(uploads, 2, "a layer and a config:\n{}", reg.log());
}

#[test]
fn push_accepts_docker_transport_and_no_destination() {
    let reg = Registry::start();
    let b = busybox_for(&[&reg.addr()]);
    let img = fixtures::busybox(&[]);
    // docker://HOST/REPO:TAG
    b.ok([
        "push",
        "busybox:latest",
        &format!("docker://{}/dest/transport:1", reg.addr()),
    ]);
    assert_eq!(
        reg.manifest_json("dest/transport", "1")["config"]["digest"],
        format!("sha256:{}", img.id())
    );
    // No destination: the image's own name says where.
    let name = format!("{}/dest/self:2", reg.addr());
    b.ok(["tag", "busybox:latest", &name]);
    b.ok(["push", &name]);
    assert_eq!(reg.tags("dest/self"), ["2"]);
    // --tls-verify=false instead of registries.conf.
    let other = Registry::start();
    b.ok([
        "push",
        "--tls-verify=false",
        "busybox:latest",
        &format!("{}/dest/flag:3", other.addr()),
    ]);
    assert_eq!(other.tags("dest/flag"), ["3"]);
}

#[test]
fn pull_quiet_prints_only_the_id() {
    let reg = Registry::start();
    let img = fixtures::busybox(&[]).gzipped();
    reg.push_oci("quiet/bb", "latest", &img);
    let r = store_for(&[&reg.addr()]);
    let out = r.run(["pull", "-q", &format!("{}/quiet/bb", reg.addr())]);
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, format!("{}\n", img.id()));
    assert_eq!(stderr, "", "-q is silent");
    // The tag defaults to latest.
    assert_eq!(
        strings(&inspect(&r, &format!("{}/quiet/bb:latest", reg.addr()))["RepoTags"]),
        [format!("{}/quiet/bb:latest", reg.addr())]
    );
}

#[test]
fn pull_reports_progress_on_stderr_and_skips_what_it_has() {
    let reg = Registry::start();
    let img = three_layers(&[]).gzipped();
    reg.push_oci("progress/app", "1", &img);
    let r = store_for(&[&reg.addr()]);
    let name = format!("{}/progress/app:1", reg.addr());
    let (code, stdout, stderr) = parts(&r.run(["pull", &name]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, format!("{}\n", img.id()), "stdout is the id alone");
    assert!(stderr.contains("Trying to pull"), "{stderr}");
    assert!(stderr.contains(&name), "{stderr}");
    for (blob, _) in &img.layers {
        let d = fixtures::digest(blob);
        assert!(
            lines_with(&stderr, "Copying blob")
                .iter()
                .any(|l| l.contains(&hex(&d)[..12]) && l.contains("done")),
            "a done line for {d}: {stderr}"
        );
    }
    assert!(stderr.contains("Copying config"), "{stderr}");
    assert!(
        stderr.contains("Writing manifest to image destination"),
        "{stderr}"
    );

    // An image sharing the first two layers: those are skipped.
    let other = Image::new(
        vec![
            img.layers[0].1.clone(),
            img.layers[1].1.clone(),
            fixtures::text_layer("srv/three", "third\n"),
        ],
        json!({}),
        &[],
    )
    .gzipped();
    reg.push_oci("progress/other", "1", &other);
    let other_name = format!("{}/progress/other:1", reg.addr());
    let (code, stdout, stderr) = parts(&r.run(["pull", &other_name]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), other.id());
    for (i, (blob, _)) in other.layers.iter().enumerate() {
        let d = fixtures::digest(blob);
        let short = &hex(&d)[..12];
        let skipped = lines_with(&stderr, short)
            .iter()
            .any(|l| l.contains("skipped: already exists"));
        assert_eq!(skipped, i < 2, "layer {i}: {stderr}");
    }
    // The same pull again: everything already there, same id.
    let (code, stdout, stderr) = parts(&r.run(["pull", &other_name]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), other.id());
    check(&r);
}

#[test]
fn pull_from_plain_http_needs_insecure() {
    let reg = Registry::start();
    reg.push_oci("plain/bb", "1", &fixtures::busybox(&[]).gzipped());
    let r = Rctl::new();
    let name = format!("{}/plain/bb:1", reg.addr());
    let (code, err) = r.fails(["pull", &name]);
    assert_eq!(code, 125, "{err}");
    assert!(err.contains(&reg.addr()), "{err}");
    assert_eq!(r.ok(["images", "-q"]), "");
    // The flag alone is enough.
    let img = fixtures::busybox(&[]);
    assert_eq!(r.ok(["pull", "--tls-verify=false", &name]).trim(), img.id());
}

#[test]
fn pull_of_a_missing_tag_fails_naming_it() {
    let reg = Registry::start();
    reg.push_oci("missing/bb", "1", &fixtures::busybox(&[]).gzipped());
    let r = store_for(&[&reg.addr()]);
    for name in [
        format!("{}/missing/bb:2", reg.addr()),
        format!("{}/missing/none:1", reg.addr()),
    ] {
        let (code, err) = r.fails(["pull", &name]);
        assert_eq!(code, 125, "{err}");
        let line = error_line(&err);
        assert!(line.contains(&name), "{err}");
    }
    assert_eq!(r.ok(["images", "-q"]), "");
}

// ---- manifests of every kind ----

#[test]
fn pulls_a_docker_v2_schema2_manifest() {
    let reg = Registry::start();
    let img = three_layers(&[]).gzipped();
    let manifest_digest = reg.push_docker("v2s2/app", "1", &img);
    let r = store_for(&[&reg.addr()]);
    let name = format!("{}/v2s2/app:1", reg.addr());
    assert_eq!(r.ok(["pull", &name]).trim(), img.id());
    let d = inspect(&r, &name);
    assert!(
        strings(&d["RepoDigests"]).contains(&format!("{}/v2s2/app@{manifest_digest}", reg.addr())),
        "{d}"
    );
    assert_eq!(
        r.ok(["run", "--rm", &name, "cat", "/srv/one"]),
        "replaced\n"
    );
    check(&r);
}

fn amd64() -> Value {
    json!({"os": "linux", "architecture": "amd64"})
}

fn arm64() -> Value {
    json!({"os": "linux", "architecture": "arm64", "variant": "v8"})
}

#[test]
fn pull_picks_the_platform_from_an_oci_index() {
    let reg = Registry::start();
    let x86 = fixtures::busybox(&[]).gzipped();
    let arm = Image::new(
        vec![
            fixtures::busybox_layer(),
            fixtures::text_layer("etc/arch", "arm64\n"),
        ],
        json!({}),
        &[],
    )
    .for_platform("arm64", Some("v8"))
    .gzipped();
    assert_ne!(x86.id(), arm.id());
    reg.push_index("multi/arch", "1", &[(&arm, arm64()), (&x86, amd64())]);
    let name = format!("{}/multi/arch:1", reg.addr());

    // The host's platform by default (these tests run on linux/amd64).
    let r = store_for(&[&reg.addr()]);
    assert_eq!(r.ok(["pull", &name]).trim(), x86.id());
    assert_eq!(inspect(&r, &name)["Architecture"], "amd64");
    assert_eq!(r.ok(["run", "--rm", &name, "echo", "native"]), "native\n");

    for flags in [
        &["--platform", "linux/arm64"][..],
        &["--platform", "linux/arm64/v8"][..],
        &["--arch", "arm64"][..],
        &["--os", "linux", "--arch", "arm64"][..],
    ] {
        let r = store_for(&[&reg.addr()]);
        let mut args = vec!["pull"];
        args.extend_from_slice(flags);
        args.push(&name);
        assert_eq!(r.ok(&args).trim(), arm.id(), "{flags:?}");
        assert_eq!(inspect(&r, &name)["Architecture"], "arm64", "{flags:?}");
    }

    // A platform the index does not have.
    let r = store_for(&[&reg.addr()]);
    let (code, err) = r.fails(["pull", "--platform", "linux/s390x", &name]);
    assert_eq!(code, 125, "{err}");
    assert!(
        error_line(&err).contains("s390x"),
        "names the platform: {err}"
    );
    assert_eq!(r.ok(["images", "-q"]), "");
}

#[test]
fn pull_picks_the_platform_from_a_docker_manifest_list() {
    let reg = Registry::start();
    let x86 = fixtures::busybox(&[]).gzipped();
    let arm = fixtures::busybox(&[])
        .for_platform("arm64", Some("v8"))
        .gzipped();
    reg.push_manifest_list("list/bb", "1", &[(&arm, arm64()), (&x86, amd64())]);
    let name = format!("{}/list/bb:1", reg.addr());
    let r = store_for(&[&reg.addr()]);
    assert_eq!(r.ok(["pull", &name]).trim(), x86.id());
    let r = store_for(&[&reg.addr()]);
    assert_eq!(
        r.ok(["pull", "--platform", "linux/arm64", &name]).trim(),
        arm.id()
    );
}

#[test]
fn schema1_manifests_are_refused() {
    let reg = Registry::start();
    let layer = fixtures::busybox(&[]).gzipped().layers[0].0.clone();
    let layer_digest = reg.upload_blob("old/bb", &layer);
    let m = registry::schema1_manifest("old/bb", "1", &layer_digest);
    reg.inject_manifest("old/bb", "1", &m);
    let r = store_for(&[&reg.addr()]);
    let (code, err) = r.fails(["pull", &format!("{}/old/bb:1", reg.addr())]);
    assert_eq!(code, 125, "{err}");
    assert!(
        error_line(&err).to_lowercase().contains("schema 1"),
        "{err}"
    );
    assert_eq!(r.ok(["images", "-q"]), "");
}

// ---- digests and tags ----

#[test]
fn pull_by_digest_pins_the_manifest_and_records_repo_digests() {
    let reg = Registry::start();
    let img = fixtures::busybox(&[]).gzipped();
    let d = reg.push_oci("pin/bb", "v1", &img);
    // The tag moves on; the digest still names the first image.
    reg.push_oci("pin/bb", "v1", &marked("moved"));
    let by_digest = format!("{}/pin/bb@{d}", reg.addr());
    let r = store_for(&[&reg.addr()]);
    assert_eq!(r.ok(["pull", &by_digest]).trim(), img.id());
    let doc = inspect(&r, &img.id());
    assert_eq!(doc["RepoTags"], json!([]), "no tag from a digest: {doc}");
    assert!(strings(&doc["RepoDigests"]).contains(&by_digest), "{doc}");
    assert_eq!(
        r.ok(["run", "--rm", &by_digest, "echo", "pinned"]),
        "pinned\n"
    );

    // A tagged pull records its manifest's digest too.
    let moved = marked("moved");
    let tagged = format!("{}/pin/bb:v1", reg.addr());
    assert_eq!(r.ok(["pull", &tagged]).trim(), moved.id());
    let (_, bytes) = reg.manifest("pin/bb", "v1");
    let doc = inspect(&r, &tagged);
    assert_eq!(strings(&doc["RepoTags"]), [tagged.as_str()]);
    assert!(
        strings(&doc["RepoDigests"]).contains(&format!(
            "{}/pin/bb@{}",
            reg.addr(),
            fixtures::digest(&bytes)
        )),
        "{doc}"
    );

    // A digest the registry does not have.
    let (code, err) = r.fails([
        "pull",
        &format!("{}/pin/bb@{}", reg.addr(), fixtures::digest(b"nothing")),
    ]);
    assert_eq!(code, 125, "{err}");
    check(&r);
}

#[test]
fn pull_all_tags_pulls_every_tag() {
    let reg = Registry::start();
    let imgs: Vec<Image> = ["a", "b", "c"].iter().map(|m| marked(m)).collect();
    for (tag, img) in ["a", "b", "c"].iter().zip(&imgs) {
        reg.push_oci("all/bb", tag, img);
    }
    let r = store_for(&[&reg.addr()]);
    let repo = format!("{}/all/bb", reg.addr());
    let out = r.ok(["pull", "--all-tags", &repo]);
    let mut got: Vec<&str> = out.lines().collect();
    got.sort();
    let mut want: Vec<String> = imgs.iter().map(Image::id).collect();
    want.sort();
    assert_eq!(got, want);
    for (tag, img) in ["a", "b", "c"].iter().zip(&imgs) {
        let name = format!("{repo}:{tag}");
        assert_eq!(inspect(&r, &name)["Id"], img.id(), "{name}");
    }
    // -a with a tag is a usage error.
    let (code, _) = r.fails(["pull", "-a", &format!("{repo}:a")]);
    assert_eq!(code, 125);
}

// ---- credentials ----

const USER: &str = "alice";
const PASS: &str = "Pa55-w0rd-zq7";

fn basic(user: &str, pass: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
}

#[test]
fn login_writes_podmans_auth_file_and_logout_removes_it() {
    let reg = Registry::start_with_auth(USER, PASS);
    let b = busybox_for(&[&reg.addr()]);
    let out = b.ok(["login", "-u", USER, "-p", PASS, &reg.addr()]);
    assert_eq!(out.trim(), "Login Succeeded!");
    let auth = b.auth_file();
    let meta = std::fs::metadata(&auth).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let doc: Value = serde_json::from_slice(&std::fs::read(&auth).unwrap()).unwrap();
    assert_eq!(
        doc,
        json!({"auths": {reg.addr(): {"auth": basic(USER, PASS)}}})
    );

    // The stored credentials push and pull.
    let name = format!("{}/secure/bb:1", reg.addr());
    b.ok(["push", "busybox:latest", &name]);
    assert_eq!(reg.tags("secure/bb"), ["1"]);
    b.ok(["rmi", "busybox:latest"]);
    assert_eq!(b.ok(["pull", &name]).trim(), fixtures::busybox(&[]).id());

    let out = b.ok(["logout", &reg.addr()]);
    assert_eq!(
        out.trim(),
        format!("Removed login credentials for {}", reg.addr())
    );
    let doc: Value = serde_json::from_slice(&std::fs::read(&auth).unwrap()).unwrap();
    assert!(doc["auths"].get(reg.addr()).is_none(), "{doc}");
    // Logged out: the registry refuses.
    b.ok(["rmi", "-a", "-f"]);
    let (code, err) = b.fails(["pull", &name]);
    assert_eq!(code, 125, "{err}");
    assert!(err.to_lowercase().contains("auth"), "{err}");
    // Logging out again: nothing to remove is an error, as in podman.
    let (code, _) = b.fails(["logout", &reg.addr()]);
    assert_eq!(code, 125);
}

#[test]
fn login_with_a_wrong_password_fails_clearly() {
    let reg = Registry::start_with_auth(USER, PASS);
    let r = store_for(&[&reg.addr()]);
    let (code, err) = r.fails(["login", "-u", USER, "-p", "wrong-one", &reg.addr()]);
    assert_eq!(code, 125, "{err}");
    assert!(err.contains("invalid username/password"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(!err.contains("wrong-one"), "{err}");
    let written = std::fs::read_to_string(r.auth_file()).unwrap_or_default();
    assert!(!written.contains(&reg.addr()), "{written}");
}

#[test]
fn login_reads_the_password_from_stdin_and_honours_authfile() {
    let reg = Registry::start_with_auth(USER, PASS);
    let r = store_for(&[&reg.addr()]);
    let custom = r.dir().join("elsewhere.json");
    let out = r.run_stdin(
        [
            "login",
            "--authfile",
            custom.to_str().unwrap(),
            "-u",
            USER,
            "--password-stdin",
            &reg.addr(),
        ],
        format!("{PASS}\n").as_bytes(),
    );
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), "Login Succeeded!");
    assert!(!r.auth_file().exists(), "the default file is untouched");
    let doc: Value = serde_json::from_slice(&std::fs::read(&custom).unwrap()).unwrap();
    assert_eq!(doc["auths"][reg.addr()]["auth"], basic(USER, PASS));
    assert_eq!(
        std::fs::metadata(&custom).unwrap().permissions().mode() & 0o777,
        0o600
    );

    // Pull with that file.
    let img = fixtures::busybox(&[]).gzipped();
    reg.push_oci("stdin/bb", "1", &img);
    let name = format!("{}/stdin/bb:1", reg.addr());
    let (code, _) = r.fails(["pull", &name]);
    assert_eq!(code, 125, "no credentials in the default file");
    assert_eq!(
        r.ok(["pull", "--authfile", custom.to_str().unwrap(), &name])
            .trim(),
        img.id()
    );
    // A wrong password on standard input fails like -p.
    let out = r.run_stdin(
        ["login", "-u", USER, "--password-stdin", &reg.addr()],
        b"nope\n",
    );
    let (code, _, stderr) = parts(&out);
    assert_eq!(code, 125);
    assert!(stderr.contains("invalid username/password"), "{stderr}");
}

#[test]
fn logout_all_forgets_every_registry() {
    let one = Registry::start_with_auth(USER, PASS);
    let two = Registry::start_with_auth("bob", "another-pass");
    let r = store_for(&[&one.addr(), &two.addr()]);
    r.ok(["login", "-u", USER, "-p", PASS, &one.addr()]);
    r.ok(["login", "-u", "bob", "-p", "another-pass", &two.addr()]);
    let doc: Value = serde_json::from_slice(&std::fs::read(r.auth_file()).unwrap()).unwrap();
    assert_eq!(doc["auths"].as_object().unwrap().len(), 2, "{doc}");
    let out = r.ok(["logout", "-a"]);
    assert_eq!(out.trim(), "Removed login credentials for all registries");
    let doc: Value = serde_json::from_slice(&std::fs::read(r.auth_file()).unwrap()).unwrap();
    assert!(
        doc["auths"].as_object().is_none_or(|a| a.is_empty()),
        "{doc}"
    );
}

#[test]
fn creds_flag_authenticates_a_single_command() {
    let reg = Registry::start_with_auth(USER, PASS);
    let img = fixtures::busybox(&[]).gzipped();
    reg.push_oci("creds/bb", "1", &img);
    let name = format!("{}/creds/bb:1", reg.addr());
    let r = store_for(&[&reg.addr()]);
    // Without credentials: a clear refusal, nothing stored.
    let (code, err) = r.fails(["pull", &name]);
    assert_eq!(code, 125, "{err}");
    let lower = err.to_lowercase();
    assert!(
        lower.contains("unauthorized") || lower.contains("authentication"),
        "{err}"
    );
    assert!(err.contains(&reg.addr()), "{err}");
    assert_eq!(r.ok(["images", "-q"]), "");
    // With --creds.
    let creds = format!("{USER}:{PASS}");
    assert_eq!(r.ok(["pull", "--creds", &creds, &name]).trim(), img.id());
    assert!(!r.auth_file().exists(), "--creds stores nothing");
    // And push with them.
    r.ok([
        "push",
        "--creds",
        &creds,
        &name,
        &format!("{}/creds/copy:1", reg.addr()),
    ]);
    assert_eq!(reg.tags("creds/copy"), ["1"]);
    // Wrong --creds.
    let (code, _) = r.fails([
        "pull",
        "--creds",
        &format!("{USER}:bad"),
        &format!("{}/creds/copy:1", reg.addr()),
    ]);
    assert_eq!(code, 125);
}

#[test]
fn passwords_are_never_printed() {
    let reg = Registry::start_with_auth(USER, PASS);
    let img = fixtures::busybox(&[]).gzipped();
    reg.push_oci("secret/bb", "1", &img);
    let name = format!("{}/secret/bb:1", reg.addr());
    let r = store_for(&[&reg.addr()]);
    let creds = format!("{USER}:{PASS}");
    let runs = [
        r.run([
            "--log-level",
            "debug",
            "login",
            "-u",
            USER,
            "-p",
            PASS,
            &reg.addr(),
        ]),
        r.run([
            "--log-level",
            "debug",
            "login",
            "-u",
            USER,
            "-p",
            "wrong-Pa55",
            &reg.addr(),
        ]),
        r.run(["--log-level", "debug", "pull", "--creds", &creds, &name]),
        r.run(["--log-level", "debug", "pull", &name]),
        r.run([
            "--log-level",
            "debug",
            "push",
            "--creds",
            &creds,
            &name,
            &format!("{}/secret/copy:1", reg.addr()),
        ]),
        r.run(["--log-level", "debug", "logout", &reg.addr()]),
        r.run([
            "--log-level",
            "debug",
            "pull",
            "--creds",
            &format!("{USER}:wrong-Pa55"),
            &name,
        ]),
    ];
    let encoded = basic(USER, PASS);
    for out in &runs {
        let (_, stdout, stderr) = parts(out);
        for text in [&stdout, &stderr] {
            assert!(!text.contains(PASS), "password printed: {text}");
            assert!(!text.contains("wrong-Pa55"), "password printed: {text}");
            assert!(!text.contains(&encoded), "credentials printed: {text}");
        }
    }
    assert!(runs[0].status.success() && runs[2].status.success());
}

// ---- registries.conf ----

#[test]
fn a_mirror_that_is_down_falls_back_to_the_registry() {
    let reg = Registry::start();
    let img = fixtures::busybox(&[]).gzipped();
    reg.push_oci("mirrored/bb", "1", &img);
    let down = registry::closed_addr();
    let r = Rctl::new();
    r.registries_conf(&format!(
        "[[registry]]\nlocation = \"{}\"\ninsecure = true\n\n[[registry.mirror]]\nlocation = \"{down}\"\ninsecure = true\n",
        reg.addr()
    ));
    let name = format!("{}/mirrored/bb:1", reg.addr());
    let (code, stdout, stderr) = parts(&r.run(["pull", &name]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), img.id());
    assert!(
        stderr.contains(&down),
        "a warning names the mirror: {stderr}"
    );
    assert!(reg.saw_repo("mirrored/bb"));
    assert_eq!(strings(&inspect(&r, &name)["RepoTags"]), [name.as_str()]);
}

#[test]
fn a_mirror_that_is_up_is_used_instead_of_the_registry() {
    let main = Registry::start();
    let mirror = Registry::start();
    let img = fixtures::busybox(&[]).gzipped();
    // Only the mirror has it.
    mirror.push_oci("mirrored/bb", "1", &img);
    let r = Rctl::new();
    r.registries_conf(&format!(
        "[[registry]]\nprefix = \"{main}\"\nlocation = \"{main}\"\ninsecure = true\n\n[[registry.mirror]]\nlocation = \"{mirror}\"\ninsecure = true\n",
        main = main.addr(),
        mirror = mirror.addr()
    ));
    let name = format!("{}/mirrored/bb:1", main.addr());
    let (code, stdout, stderr) = parts(&r.run(["pull", &name]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), img.id());
    assert!(
        !mirror
            .requests_for("/v2/mirrored/bb/manifests/1")
            .is_empty(),
        "{}",
        mirror.log()
    );
    assert!(
        mirror.saw_repo("mirrored/bb") && !mirror.requests_for("/blobs/sha256:").is_empty(),
        "blobs came from the mirror: {}",
        mirror.log()
    );
    assert!(!main.saw_repo("mirrored/bb"), "{}", main.log());
    // The image keeps the name asked for.
    assert_eq!(strings(&inspect(&r, &name)["RepoTags"]), [name.as_str()]);
}

/// registries.conf with `search` as the unqualified search registries (all
/// insecure) and `extra` after.
fn search_conf(search: &[&str], extra: &str) -> String {
    let list: Vec<String> = search.iter().map(|s| format!("\"{s}\"")).collect();
    format!(
        "unqualified-search-registries = [{}]\nshort-name-mode = \"permissive\"\n\n{}{extra}",
        list.join(", "),
        insecure_conf(search)
    )
}

#[test]
fn a_short_name_tries_the_search_registries_in_order() {
    let first = Registry::start();
    let second = Registry::start();
    let img = fixtures::busybox(&[]).gzipped();
    second.push_oci("sbb", "1", &img);
    let r = Rctl::new();
    r.registries_conf(&search_conf(&[&first.addr(), &second.addr()], ""));
    let (code, stdout, stderr) = parts(&r.run(["pull", "sbb:1"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), img.id());
    assert!(first.saw_repo("sbb"), "the first was tried first");
    let full = format!("{}/sbb:1", second.addr());
    assert_eq!(strings(&inspect(&r, &full)["RepoTags"]), [full.as_str()]);
    // Where both have it, the first wins.
    let other = marked("first");
    first.push_oci("sbb", "1", &other);
    let r = Rctl::new();
    r.registries_conf(&search_conf(&[&first.addr(), &second.addr()], ""));
    assert_eq!(r.ok(["pull", "sbb:1"]).trim(), other.id());
}

#[test]
fn a_short_name_found_nowhere_lists_every_registry_tried() {
    let first = Registry::start();
    let second = Registry::start();
    let r = Rctl::new();
    r.registries_conf(&search_conf(&[&first.addr(), &second.addr()], ""));
    let (code, err) = r.fails(["pull", "nowhere:1"]);
    assert_eq!(code, 125, "{err}");
    assert!(
        err.contains(&format!("{}/nowhere:1", first.addr())),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}/nowhere:1", second.addr())),
        "{err}"
    );
    assert!(first.saw_repo("nowhere") && second.saw_repo("nowhere"));
    // No search registries at all: a clear error, no registry contacted.
    let r = Rctl::new();
    let (code, err) = r.fails(["pull", "nowhere:1"]);
    assert_eq!(code, 125, "{err}");
    assert!(err.contains("nowhere"), "{err}");
}

#[test]
fn a_short_name_alias_names_its_registry() {
    let first = Registry::start();
    let second = Registry::start();
    let img = fixtures::busybox(&[]).gzipped();
    second.push_oci("aliased/bb", "latest", &img);
    let r = Rctl::new();
    r.registries_conf(&search_conf(
        &[&first.addr(), &second.addr()],
        &format!(
            "[aliases]\n\"myalias\" = \"{}/aliased/bb\"\n",
            second.addr()
        ),
    ));
    assert_eq!(r.ok(["pull", "myalias"]).trim(), img.id());
    assert!(!first.saw_repo("myalias") && !first.saw_repo("aliased/bb"));
    let full = format!("{}/aliased/bb:latest", second.addr());
    assert_eq!(strings(&inspect(&r, &full)["RepoTags"]), [full.as_str()]);
}

#[test]
fn a_blocked_registry_is_refused() {
    let reg = Registry::start();
    reg.push_oci("blocked/bb", "1", &fixtures::busybox(&[]).gzipped());
    let r = Rctl::new();
    r.registries_conf(&format!(
        "[[registry]]\nlocation = \"{}\"\ninsecure = true\nblocked = true\n",
        reg.addr()
    ));
    let (code, err) = r.fails(["pull", &format!("{}/blocked/bb:1", reg.addr())]);
    assert_eq!(code, 125, "{err}");
    assert!(err.contains(&reg.addr()), "{err}");
    assert!(err.to_lowercase().contains("blocked"), "{err}");
    assert!(!reg.saw_repo("blocked/bb"), "not contacted: {}", reg.log());
    assert_eq!(r.ok(["images", "-q"]), "");
}

// ---- integrity ----

#[test]
fn a_corrupted_blob_fails_the_pull_naming_it_and_changes_nothing() {
    let reg = Registry::start();
    let img = three_layers(&[]).gzipped();
    reg.push_oci("corrupt/app", "1", &img);
    let bad = fixtures::digest(&img.layers[2].0);
    let path = reg.blob_data_path(&bad);
    let len = std::fs::metadata(&path).unwrap().len() as usize;
    let mut garbage = vec![0u8; len];
    std::fs::File::open("/dev/urandom")
        .unwrap()
        .read_exact(&mut garbage)
        .unwrap();
    std::fs::write(&path, &garbage).unwrap();

    let r = busybox_for(&[&reg.addr()]);
    let before = r.ok(["images", "-q", "--no-trunc"]);
    let (code, err) = r.fails(["pull", &format!("{}/corrupt/app:1", reg.addr())]);
    assert_eq!(code, 125, "{err}");
    assert!(error_line(&err).contains(hex(&bad)), "names {bad}: {err}");
    assert_eq!(r.ok(["images", "-q", "--no-trunc"]), before);
    check(&r);
    // The other layers were fine: with the blob repaired the pull completes.
    std::fs::write(&path, &img.layers[2].0).unwrap();
    assert_eq!(
        r.ok(["pull", &format!("{}/corrupt/app:1", reg.addr())])
            .trim(),
        img.id()
    );
    check(&r);
}

#[test]
fn sigkill_mid_pull_leaves_a_store_the_next_pull_completes() {
    const BIG: usize = 64 << 20;
    let reg = Registry::start();
    let img = Image::new(
        vec![
            fixtures::busybox_layer(),
            fixtures::text_layer("srv/small", "small\n"),
            fixtures::random_layer("big/data", BIG),
        ],
        json!({}),
        &[],
    )
    .gzipped();
    reg.push_oci("big/app", "1", &img);
    // The relay holds the big blob's connection after 16 MiB.
    let proxy = StallingProxy::start(&reg.addr(), 16 << 20);
    let r = store_for(&[&proxy.addr()]);
    let name = format!("{}/big/app:1", proxy.addr());

    let mut child = r
        .cmd(["pull", &name])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = Arc::new(Mutex::new(String::new()));
    let mut pipe = child.stderr.take().unwrap();
    let sink = stderr.clone();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    eventually("the big layer's download to be held", || {
        proxy.stalled().then_some(())
    });
    // Give the small layers, which are not held, the chance to finish (so
    // the second pull can show it reuses them); whether they did is read
    // from the output below, not assumed.
    let small: Vec<String> = img.layers[..2]
        .iter()
        .map(|(b, _)| hex(&fixtures::digest(b))[..12].to_string())
        .collect();
    let done = |s: &str| -> Vec<String> {
        small
            .iter()
            .filter(|h| {
                lines_with(s, "Copying blob")
                    .iter()
                    .any(|l| l.contains(h.as_str()) && l.contains("done"))
            })
            .cloned()
            .collect()
    };
    let until = Instant::now() + Duration::from_secs(10);
    while done(&stderr.lock().unwrap()).len() < small.len() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());
    reader.join().unwrap();
    let first = stderr.lock().unwrap().clone();
    let finished = done(&first);

    // No image record from the killed pull.
    assert_eq!(r.ok(["images", "-q"]), "", "{first}");

    proxy.release();
    let (code, stdout, second) = parts(&r.run(["pull", &name]));
    assert_eq!(code, 0, "{second}");
    assert_eq!(stdout.trim(), img.id());
    for h in &finished {
        assert!(
            lines_with(&second, h)
                .iter()
                .any(|l| l.contains("skipped: already exists")),
            "layer {h} finished in the first pull is reused: {second}"
        );
    }
    assert_eq!(
        r.ok([
            "run",
            "--rm",
            &name,
            "sh",
            "-c",
            "wc -c < /big/data; cat /srv/small"
        ]),
        format!("{BIG}\nsmall\n")
    );
    check(&r);
}

// ---- run pulls what it lacks ----

#[test]
fn run_pulls_a_missing_image() {
    let reg = Registry::start();
    let img = fixtures::busybox(&[]).gzipped();
    reg.push_oci("auto/bb", "1", &img);
    let r = store_for(&[&reg.addr()]);
    let name = format!("{}/auto/bb:1", reg.addr());
    let (code, stdout, stderr) = parts(&r.run(["run", "--rm", &name, "echo", "hi"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "hi\n", "pull progress goes to stderr");
    assert_eq!(
        r.ok(["images", "-q", "--no-trunc"]).trim(),
        format!("sha256:{}", img.id())
    );
    // create pulls too.
    let r2 = store_for(&[&reg.addr()]);
    let id = r2.ok(["create", &name, "true"]);
    assert!(!id.trim().is_empty());
    r2.ok(["rm", id.trim()]);
    assert_eq!(inspect(&r2, &name)["Id"], img.id());
}

#[test]
fn run_with_pull_never_does_not_pull() {
    let reg = Registry::start();
    reg.push_oci("never/bb", "1", &fixtures::busybox(&[]).gzipped());
    let r = store_for(&[&reg.addr()]);
    let name = format!("{}/never/bb:1", reg.addr());
    let (code, err) = r.fails(["run", "--rm", "--pull=never", &name, "echo", "hi"]);
    assert_eq!(code, 125, "{err}");
    assert!(!reg.saw_repo("never/bb"), "not contacted");
    assert_eq!(r.ok(["images", "-q"]), "");
}

#[test]
fn run_with_pull_always_pulls_again() {
    let reg = Registry::start();
    reg.push_oci("always/bb", "1", &marked("one"));
    let r = store_for(&[&reg.addr()]);
    let name = format!("{}/always/bb:1", reg.addr());
    let show = ["sh", "-c", "echo $MARKER"];
    let run = |pull: Option<&str>| {
        let mut args = vec!["run", "--rm"];
        args.extend(pull);
        args.push(&name);
        args.extend(show);
        r.ok(args)
    };
    assert_eq!(run(None), "one\n");
    reg.push_oci("always/bb", "1", &marked("two"));
    assert_eq!(run(None), "one\n", "missing: the stored image is used");
    assert_eq!(run(Some("--pull=missing")), "one\n");
    assert_eq!(run(Some("--pull=always")), "two\n");
    assert_eq!(run(Some("--pull=never")), "two\n");
}

#[test]
fn a_connection_lost_mid_layer_fails_the_pull_and_leaves_nothing_half_written() {
    const BIG: usize = 32 << 20;
    let reg = Registry::start();
    let img = Image::new(
        vec![
            fixtures::busybox_layer(),
            fixtures::random_layer("big/data", BIG),
        ],
        json!({}),
        &[],
    )
    .gzipped();
    reg.push_oci("lost/app", "1", &img);
    let proxy = StallingProxy::start(&reg.addr(), 8 << 20);
    let r = store_for(&[&proxy.addr(), &reg.addr()]);
    let child = r
        .cmd(["pull", &format!("{}/lost/app:1", proxy.addr())])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    eventually("the big layer's download to be held", || {
        proxy.stalled().then_some(())
    });
    proxy.cut();
    let out = child.wait_with_output().unwrap();
    let (code, _, stderr) = parts(&out);
    assert_eq!(code, 125, "{stderr}");
    let big = fixtures::digest(&img.layers[1].0);
    assert!(
        error_line(&stderr).contains(&big),
        "names the layer: {stderr}"
    );
    assert_eq!(r.ok(["images", "-q"]), "");
    // No staging area is left behind, and what the store holds is sound.
    let tmp = r.root().join("tmp");
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "staging left: {left:?}");
    check(&r);
    // The registry itself, reached directly, completes the pull.
    let id = r.ok(["pull", "-q", &format!("{}/lost/app:1", reg.addr())]);
    assert_eq!(id.trim(), img.id());
    check(&r);
}

#[test]
fn run_with_pull_newer_pulls_only_when_the_registry_changed() {
    let reg = Registry::start();
    reg.push_oci("newer/bb", "1", &marked("one"));
    let r = store_for(&[&reg.addr()]);
    let name = format!("{}/newer/bb:1", reg.addr());
    let run = || {
        let (code, out, err) = parts(&r.run([
            "run",
            "--rm",
            "--pull=newer",
            &name,
            "sh",
            "-c",
            "echo $MARKER",
        ]));
        assert_eq!(code, 0, "{err}");
        (out, err)
    };
    assert_eq!(run().0, "one\n", "missing: pulled");
    let blobs = reg.requests_for("/v2/newer/bb/blobs/").len();
    assert_eq!(run().0, "one\n");
    assert_eq!(
        reg.requests_for("/v2/newer/bb/blobs/").len(),
        blobs,
        "unchanged in the registry: nothing fetched but the manifest's digest"
    );
    reg.push_oci("newer/bb", "1", &marked("two"));
    assert_eq!(run().0, "two\n", "changed in the registry: pulled again");
    // With the registry gone, the stored image serves, with a warning.
    drop(reg);
    let (out, err) = run();
    assert_eq!(out, "two\n");
    assert!(err.contains("using the local image"), "{err}");
}
