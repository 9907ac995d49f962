//! `images` / `image ls`: the table, `-q`, `--no-trunc`, `--digests`, `-a`,
//! `--noheading`, `--filter`, a reference argument, `--format` templates and
//! json, as podman prints them.

mod common;

use common::{Rctl, fixtures};
use serde_json::{Value, json};

/// A store with:
/// - busybox (docker.io/library/busybox:latest),
/// - base: localhost/fam/base:1, one layer, label role=base,
/// - app:  localhost/fam/app:2, base's layer plus one, label role=app tier=web,
/// - a dangling image (a name taken away).
struct Store {
    r: Rctl,
    busybox: fixtures::Image,
    base: fixtures::Image,
    app: fixtures::Image,
    dangling: fixtures::Image,
}

fn base_layer() -> Vec<u8> {
    fixtures::LayerBuilder::new()
        .dir("etc", 0o755)
        .file("etc/os-release", 0o644, b"ID=test\n")
        .build()
}

fn app_layer() -> Vec<u8> {
    fixtures::LayerBuilder::new()
        .dir("app", 0o755)
        .file("app/run.sh", 0o755, b"#!/bin/sh\necho hi\n")
        .build()
}

fn store() -> Store {
    let r = Rctl::new();
    let busybox = fixtures::busybox(&["busybox:latest"]);
    let base = fixtures::Image::new(
        vec![base_layer()],
        json!({"Labels": {"role": "base"}}),
        &["localhost/fam/base:1"],
    );
    let app = fixtures::Image::new(
        vec![base_layer(), app_layer()],
        json!({"Labels": {"role": "app", "tier": "web"}}),
        &["localhost/fam/app:2"],
    );
    let dangling = fixtures::Image::new(
        vec![
            fixtures::LayerBuilder::new()
                .file("orphan", 0o644, b"o")
                .build(),
        ],
        json!({}),
        &["localhost/orphan:old"],
    );
    for img in [&busybox, &base, &app, &dangling] {
        r.load(img);
    }
    r.ok(["untag", "localhost/orphan:old"]);
    Store {
        r,
        busybox,
        base,
        app,
        dangling,
    }
}

fn lines(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s.lines().map(str::to_string).collect();
    v.sort();
    v
}

fn short(id: &str) -> String {
    id[..12].to_string()
}

#[test]
fn images_prints_podmans_table() {
    let s = store();
    let out = s.r.ok(["images"]);
    let mut rows = out.lines();
    let header = rows.next().unwrap();
    let cols: Vec<&str> = header
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cols,
        ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"],
        "{header}"
    );
    let rows: Vec<&str> = rows.collect();
    assert_eq!(rows.len(), 4, "{out}");
    // Columns are aligned: every row has IMAGE ID where the header has it.
    let at = header.find("IMAGE ID").unwrap();
    for row in &rows {
        let id = &row[at..at + 12];
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{row}");
    }
    let base = rows
        .iter()
        .find(|r| r.starts_with("localhost/fam/base "))
        .unwrap();
    let cells: Vec<&str> = base
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(cells[0], "localhost/fam/base");
    assert_eq!(cells[1], "1");
    assert_eq!(cells[2], short(&s.base.id()));
    assert!(cells[3].ends_with(" ago"), "{base}");
    assert_eq!(base_layer().len(), 2560);
    assert_eq!(cells[4], "2.56 kB");
    let none = rows.iter().find(|r| r.starts_with("<none>")).unwrap();
    let cells: Vec<&str> = none
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(&cells[..3], ["<none>", "<none>", &short(&s.dangling.id())]);
}

#[test]
fn image_ls_and_image_list_are_images() {
    let s = store();
    let want =
        s.r.ok(["images", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}"]);
    assert_eq!(
        s.r.ok([
            "image",
            "ls",
            "--format",
            "{{.ID}} {{.Repository}}:{{.Tag}}"
        ]),
        want
    );
    assert_eq!(
        s.r.ok([
            "image",
            "list",
            "--format",
            "{{.ID}} {{.Repository}}:{{.Tag}}"
        ]),
        want
    );
}

#[test]
fn images_on_an_empty_store_prints_the_header_only() {
    let r = Rctl::new();
    let out = r.ok(["images"]);
    assert_eq!(out.lines().count(), 1);
    assert!(out.starts_with("REPOSITORY"));
    assert_eq!(r.ok(["images", "-q"]), "");
    assert_eq!(
        serde_json::from_str::<Value>(&r.ok(["images", "--format", "json"])).unwrap(),
        json!([])
    );
}

#[test]
fn images_quiet_prints_each_short_id_once() {
    let s = store();
    s.r.ok(["tag", "busybox", "second:name", "third:name"]);
    let out = s.r.ok(["images", "-q"]);
    let want: Vec<String> = {
        let mut v: Vec<String> = [&s.busybox, &s.base, &s.app, &s.dangling]
            .iter()
            .map(|i| short(&i.id()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(lines(&out), want);
}

#[test]
fn images_no_trunc_prints_full_ids_with_the_algorithm() {
    let s = store();
    let out = s.r.ok(["images", "-q", "--no-trunc"]);
    assert!(
        lines(&out).contains(&format!("sha256:{}", s.base.id())),
        "{out}"
    );
    let table = s.r.ok(["images", "--no-trunc"]);
    let row = table
        .lines()
        .find(|l| l.starts_with("localhost/fam/base"))
        .unwrap();
    assert!(row.contains(&format!("sha256:{}", s.base.id())), "{row}");
    let id = s.r.ok([
        "images",
        "--no-trunc",
        "--format",
        "{{.ID}}",
        "localhost/fam/base:1",
    ]);
    assert_eq!(id, format!("sha256:{}\n", s.base.id()));
}

#[test]
fn images_digests_adds_the_manifest_digest_column() {
    let s = store();
    let out = s.r.ok(["images", "--digests"]);
    let header = out.lines().next().unwrap();
    let cols: Vec<&str> = header
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cols,
        ["REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"],
        "{header}"
    );
    let digest = s.r.ok([
        "image",
        "inspect",
        "--format",
        "{{.Digest}}",
        "localhost/fam/base:1",
    ]);
    let digest = digest.trim();
    assert!(
        digest.starts_with("sha256:") && digest.len() == 71,
        "{digest}"
    );
    let row = out
        .lines()
        .find(|l| l.starts_with("localhost/fam/base"))
        .unwrap();
    assert!(row.contains(digest), "{row}");
}

#[test]
fn images_noheading_drops_the_header() {
    let s = store();
    for flag in ["-n", "--noheading"] {
        let out = s.r.ok(["images", flag]);
        assert_eq!(out.lines().count(), 4, "{out}");
        assert!(!out.contains("REPOSITORY"), "{out}");
    }
    let out = s.r.ok([
        "images",
        "--noheading",
        "--format",
        "table {{.ID}}\t{{.Size}}",
    ]);
    assert!(!out.contains("IMAGE ID"), "{out}");
    assert_eq!(out.lines().count(), 4);
}

/// An untagged image whose layers another image builds on: podman calls it
/// intermediate and shows it only with `-a`.
fn with_intermediate() -> (Rctl, fixtures::Image, fixtures::Image) {
    let r = Rctl::new();
    let parent = fixtures::Image::new(vec![base_layer()], json!({}), &["localhost/parent:1"]);
    let child = fixtures::Image::new(
        vec![base_layer(), app_layer()],
        json!({}),
        &["localhost/child:1"],
    );
    r.load(&parent);
    r.load(&child);
    r.ok(["untag", "localhost/parent:1"]);
    (r, parent, child)
}

#[test]
fn images_hides_intermediate_images_unless_all() {
    let (r, parent, child) = with_intermediate();
    assert_eq!(lines(&r.ok(["images", "-q"])), [short(&child.id())]);
    assert_eq!(
        lines(&r.ok(["images", "-q", "-a"])),
        lines(&format!(
            "{}\n{}\n",
            short(&parent.id()),
            short(&child.id())
        ))
    );
    let all = r.ok(["images", "--all"]);
    assert!(
        all.lines()
            .any(|l| l.starts_with("<none>") && l.contains(&short(&parent.id()))),
        "{all}"
    );
}

#[test]
fn images_dangling_filter_does_not_count_intermediate_images() {
    // podman: dangling means no name and no child image.
    let (r, parent, child) = with_intermediate();
    assert_eq!(
        r.ok(["images", "-a", "-q", "--filter", "dangling=true"]),
        ""
    );
    let not = lines(&r.ok(["images", "-a", "-q", "--filter", "dangling=false"]));
    assert_eq!(
        not,
        lines(&format!(
            "{}\n{}\n",
            short(&parent.id()),
            short(&child.id())
        ))
    );
    // Once the child is gone the parent is dangling.
    r.ok(["rmi", "localhost/child:1"]);
    assert_eq!(
        r.ok(["images", "-q", "--filter", "dangling=true"]),
        format!("{}\n", short(&parent.id()))
    );
}

#[test]
fn images_filter_dangling() {
    let s = store();
    assert_eq!(
        s.r.ok(["images", "-q", "--filter", "dangling=true"]),
        format!("{}\n", short(&s.dangling.id()))
    );
    let out = lines(&s.r.ok(["images", "-q", "--filter", "dangling=false"]));
    assert_eq!(out.len(), 3);
    assert!(!out.contains(&short(&s.dangling.id())));
    let row = s.r.ok([
        "images",
        "--noheading",
        "--filter",
        "dangling=true",
        "--format",
        "{{.Repository}} {{.Tag}}",
    ]);
    assert_eq!(row, "<none> <none>\n");
}

#[test]
fn images_filter_reference() {
    let s = store();
    let names = |f: &str| {
        lines(&s.r.ok([
            "images",
            "--filter",
            f,
            "--format",
            "{{.Repository}}:{{.Tag}}",
        ]))
    };
    assert_eq!(
        names("reference=busybox"),
        ["docker.io/library/busybox:latest"]
    );
    assert_eq!(
        names("reference=docker.io/library/busybox:latest"),
        ["docker.io/library/busybox:latest"]
    );
    assert_eq!(
        names("reference=localhost/fam/*"),
        ["localhost/fam/app:2", "localhost/fam/base:1"]
    );
    assert_eq!(names("reference=fam/base:1"), ["localhost/fam/base:1"]);
    assert_eq!(names("reference=*:2"), ["localhost/fam/app:2"]);
    assert!(names("reference=nothing-like-it").is_empty());
    // Several reference filters: any of them.
    let out = lines(&s.r.ok([
        "images",
        "--filter",
        "reference=busybox",
        "--filter",
        "reference=localhost/fam/app",
        "--format",
        "{{.Repository}}:{{.Tag}}",
    ]));
    assert_eq!(
        out,
        ["docker.io/library/busybox:latest", "localhost/fam/app:2"]
    );
}

#[test]
fn images_filter_label() {
    let s = store();
    let ids = |f: &str| lines(&s.r.ok(["images", "-q", "--filter", f]));
    assert_eq!(
        ids("label=role"),
        lines(&format!(
            "{}\n{}\n",
            short(&s.base.id()),
            short(&s.app.id())
        ))
    );
    assert_eq!(ids("label=role=app"), [short(&s.app.id())]);
    assert_eq!(ids("label=tier"), [short(&s.app.id())]);
    assert!(ids("label=role=nothing").is_empty());
    // Different keys must all hold.
    let both = lines(&s.r.ok([
        "images",
        "-q",
        "--filter",
        "label=role",
        "--filter",
        "reference=*base*",
    ]));
    assert_eq!(both, [short(&s.base.id())]);
}

#[test]
fn images_filter_id() {
    let s = store();
    let id = s.app.id();
    assert_eq!(
        lines(&s.r.ok(["images", "-q", "--filter", &format!("id={}", &id[..8])])),
        [short(&id)]
    );
    assert_eq!(
        lines(&s.r.ok(["images", "-q", "--filter", &format!("id={id}")])),
        [short(&id)]
    );
    assert_eq!(
        lines(&s.r.ok(["images", "-q", "--filter", &format!("id=sha256:{id}")])),
        [short(&id)]
    );
}

#[test]
fn images_with_a_reference_argument_lists_only_that() {
    let s = store();
    let out = s.r.ok(["images", "busybox"]);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{out}");
    assert!(
        rows[0].starts_with("docker.io/library/busybox")
            && rows[0].contains(&short(&s.busybox.id()))
    );
    let out = s.r.ok([
        "images",
        "--format",
        "{{.Repository}}:{{.Tag}}",
        "localhost/fam/*",
    ]);
    assert_eq!(lines(&out), ["localhost/fam/app:2", "localhost/fam/base:1"]);
    let out = s.r.ok(["images", "-q", "nothing-like-it"]);
    assert_eq!(out, "");
}

#[test]
fn images_format_go_templates() {
    let s = store();
    let out = s.r.ok(["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert_eq!(
        lines(&out),
        [
            "<none>:<none>",
            "docker.io/library/busybox:latest",
            "localhost/fam/app:2",
            "localhost/fam/base:1"
        ]
    );
    let out = s.r.ok(["images", "--format", "{{.ID}}", "busybox"]);
    assert_eq!(out, format!("{}\n", short(&s.busybox.id())));
    let out = s.r.ok([
        "images",
        "--format",
        "{{json .Names}}",
        "localhost/fam/base:1",
    ]);
    assert_eq!(out, "[\"localhost/fam/base:1\"]\n");
    let out =
        s.r.ok(["images", "--format", "{{.Repository}}\t{{.Tag}}", "busybox"]);
    assert_eq!(
        out, "docker.io/library/busybox\tlatest\n",
        "no table: tabs kept, no header"
    );
    let out = s.r.ok([
        "images",
        "--format",
        "{{range .Names}}{{.}};{{end}}",
        "busybox",
    ]);
    assert_eq!(out, "docker.io/library/busybox:latest;\n");
    let out = s.r.ok([
        "images",
        "--format",
        "{{.Labels.role}}",
        "localhost/fam/app:2",
    ]);
    assert_eq!(out, "app\n");
}

#[test]
fn images_format_table_prints_a_header_and_aligns() {
    let s = store();
    let out = s.r.ok(["images", "--format", "table {{.ID}}\t{{.Size}}"]);
    let mut it = out.lines();
    let header = it.next().unwrap();
    assert!(
        header.starts_with("IMAGE ID") && header.trim_end().ends_with("SIZE"),
        "{header}"
    );
    let at = header.find("SIZE").unwrap();
    let rows: Vec<&str> = it.collect();
    assert_eq!(rows.len(), 4);
    for row in rows {
        assert!(row[..12].bytes().all(|b| b.is_ascii_hexdigit()), "{row}");
        assert!(
            row[at..].ends_with("B"),
            "size column aligned under SIZE: {row}"
        );
        assert!(!row.contains('\t'), "{row}");
    }
}

#[test]
fn images_format_json_is_podmans_array() {
    let s = store();
    let doc: Value = serde_json::from_str(&s.r.ok(["images", "--format", "json"])).unwrap();
    let arr = doc.as_array().unwrap();
    assert_eq!(arr.len(), 4);
    let app = arr.iter().find(|e| e["Id"] == s.app.id()).unwrap();
    assert_eq!(app["RepoTags"], json!(["localhost/fam/app:2"]));
    assert_eq!(app["Names"], json!(["localhost/fam/app:2"]));
    assert_eq!(app["Size"], json!(base_layer().len() + app_layer().len()));
    assert_eq!(app["Labels"], json!({"role": "app", "tier": "web"}));
    assert_eq!(app["Created"], json!(fixtures::EPOCH));
    assert_eq!(app["Dangling"], json!(false));
    let digest = app["Digest"].as_str().unwrap();
    assert!(digest.starts_with("sha256:"));
    assert_eq!(
        app["RepoDigests"],
        json!([format!("localhost/fam/app@{digest}")])
    );
    let dangling = arr.iter().find(|e| e["Id"] == s.dangling.id()).unwrap();
    assert_eq!(dangling["Dangling"], json!(true));
    // A reference narrows the json too.
    let doc: Value =
        serde_json::from_str(&s.r.ok(["images", "--format", "json", "busybox"])).unwrap();
    assert_eq!(doc.as_array().unwrap().len(), 1);
    assert_eq!(doc[0]["Id"], s.busybox.id());
}

#[test]
fn images_sorts_by_repository_and_size() {
    let s = store();
    let out = s.r.ok([
        "images",
        "--sort",
        "repository",
        "--format",
        "{{.Repository}}",
    ]);
    let got: Vec<&str> = out.lines().collect();
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(got, sorted);
    let out = s.r.ok([
        "images",
        "--sort",
        "size",
        "--format",
        "{{.ID}}",
        "--filter",
        "dangling=false",
    ]);
    // Largest first: busybox, then app (two layers), then base.
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            short(&s.busybox.id()),
            short(&s.app.id()),
            short(&s.base.id())
        ]
    );
}

#[test]
fn images_with_an_invalid_filter_fails() {
    let s = store();
    for f in [
        "color=red",
        "dangling=maybe",
        "nokeyvalue",
        "before=nosuchimage",
    ] {
        let (code, err) = s.r.fails(["images", "--filter", f]);
        assert_eq!(code, 125, "{f}");
        assert_eq!(err.lines().count(), 1, "{f}: {err}");
        assert!(err.starts_with("Error: "), "{f}: {err}");
    }
}

#[test]
fn images_with_an_unknown_template_field_fails() {
    let s = store();
    let (code, err) = s.r.fails(["images", "--format", "{{.NoSuchField}}"]);
    assert_eq!(code, 125);
    assert!(err.starts_with("Error: "), "{err}");
}
