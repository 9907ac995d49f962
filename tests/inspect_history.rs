//! `image inspect`, `inspect` and `history`: podman's fields and formats.

mod common;

use common::{Rctl, fixtures};
use serde_json::{Value, json};

fn parse(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// An image with a full config: every field `image inspect` shows.
fn rich() -> fixtures::Image {
    let l1 = fixtures::LayerBuilder::new()
        .dir("etc", 0o755)
        .file("etc/one", 0o644, b"1")
        .build();
    let l2 = fixtures::LayerBuilder::new()
        .dir("srv", 0o755)
        .file("srv/two", 0o644, b"22")
        .build();
    fixtures::Image::new(
        vec![l1, l2],
        json!({
            "Env": ["PATH=/bin", "MODE=test"],
            "Cmd": ["serve", "--port", "80"],
            "Entrypoint": ["/bin/app"],
            "WorkingDir": "/srv",
            "User": "1000:1000",
            "Labels": {"org.example.team": "infra"},
            "ExposedPorts": {"80/tcp": {}},
            "Volumes": {"/data": {}},
            "StopSignal": "SIGQUIT",
        }),
        &["quay.io/example/rich:1.0"],
    )
}

#[test]
fn image_inspect_shows_podmans_fields() {
    let r = Rctl::new();
    let img = rich();
    r.load(&img);
    let doc = parse(&r.ok(["image", "inspect", "quay.io/example/rich:1.0"]));
    let arr = doc.as_array().unwrap();
    assert_eq!(arr.len(), 1);
    let d = &arr[0];
    assert_eq!(d["Id"], img.id());
    let digest = d["Digest"].as_str().unwrap();
    assert!(
        digest.starts_with("sha256:") && digest.len() == 71,
        "{digest}"
    );
    assert_eq!(d["RepoTags"], json!(["quay.io/example/rich:1.0"]));
    assert_eq!(
        d["RepoDigests"],
        json!([format!("quay.io/example/rich@{digest}")])
    );
    assert_eq!(d["Created"], "2023-11-14T22:13:20Z");
    assert_eq!(d["Architecture"], "amd64");
    assert_eq!(d["Os"], "linux");
    let sizes: usize = img.layers.iter().map(|(_, t)| t.len()).sum();
    assert_eq!(d["Size"], json!(sizes));
    let c = &d["Config"];
    assert_eq!(c["Env"], json!(["PATH=/bin", "MODE=test"]));
    assert_eq!(c["Cmd"], json!(["serve", "--port", "80"]));
    assert_eq!(c["Entrypoint"], json!(["/bin/app"]));
    assert_eq!(c["WorkingDir"], "/srv");
    assert_eq!(c["User"], "1000:1000");
    assert_eq!(c["Labels"], json!({"org.example.team": "infra"}));
    assert_eq!(c["ExposedPorts"], json!({"80/tcp": {}}));
    assert_eq!(c["Volumes"], json!({"/data": {}}));
    assert_eq!(c["StopSignal"], "SIGQUIT");
    assert_eq!(d["Labels"], json!({"org.example.team": "infra"}));
    assert_eq!(d["RootFS"]["Type"], "layers");
    let diff_ids: Vec<String> = img
        .layers
        .iter()
        .map(|(_, t)| fixtures::digest(t))
        .collect();
    assert_eq!(d["RootFS"]["Layers"], json!(diff_ids));
    let history = d["History"].as_array().unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[0]["created_by"], "layer 0");
    assert_eq!(history[2]["empty_layer"], true);
}

#[test]
fn image_inspect_format_template() {
    let r = Rctl::new();
    let img = rich();
    r.load(&img);
    assert_eq!(
        r.ok([
            "image",
            "inspect",
            "--format",
            "{{.Id}}",
            "quay.io/example/rich:1.0"
        ]),
        format!("{}\n", img.id())
    );
    assert_eq!(
        r.ok([
            "image",
            "inspect",
            "-f",
            "{{.Config.WorkingDir}}",
            "quay.io/example/rich:1.0"
        ]),
        "/srv\n"
    );
    assert_eq!(
        r.ok([
            "image",
            "inspect",
            "--format",
            "{{.Os}}/{{.Architecture}}",
            "quay.io/example/rich:1.0"
        ]),
        "linux/amd64\n"
    );
    assert_eq!(
        r.ok([
            "image",
            "inspect",
            "--format",
            "{{json .Config.Cmd}}",
            "quay.io/example/rich:1.0"
        ]),
        "[\"serve\",\"--port\",\"80\"]\n"
    );
    assert_eq!(
        r.ok([
            "image",
            "inspect",
            "--format",
            "{{index .Config.Labels \"org.example.team\"}}",
            "quay.io/example/rich:1.0"
        ]),
        "infra\n"
    );
    assert_eq!(
        r.ok([
            "image",
            "inspect",
            "--format",
            "{{range .RootFS.Layers}}{{.}} {{end}}",
            "quay.io/example/rich:1.0"
        ])
        .split_whitespace()
        .count(),
        2
    );
    assert_eq!(
        r.ok([
            "image",
            "inspect",
            "--format",
            "{{len .History}}",
            "quay.io/example/rich:1.0"
        ]),
        "3\n"
    );
    assert_eq!(
        r.ok([
            "image",
            "inspect",
            "--format",
            "json",
            "quay.io/example/rich:1.0"
        ]),
        r.ok(["image", "inspect", "quay.io/example/rich:1.0"])
    );
}

#[test]
fn image_inspect_format_prints_lists_as_go_does() {
    let r = Rctl::new();
    r.load(&rich());
    assert_eq!(
        r.ok([
            "image",
            "inspect",
            "--format",
            "{{.RepoTags}}",
            "quay.io/example/rich:1.0"
        ]),
        "[quay.io/example/rich:1.0]\n"
    );
    assert_eq!(
        r.ok([
            "image",
            "inspect",
            "--format",
            "{{.Config.Cmd}}",
            "quay.io/example/rich:1.0"
        ]),
        "[serve --port 80]\n"
    );
}

#[test]
fn image_inspect_of_several_images_in_order() {
    let r = Rctl::new();
    let a = rich();
    let b = fixtures::busybox(&["busybox:latest"]);
    r.load(&a);
    r.load(&b);
    let doc = parse(&r.ok(["image", "inspect", "busybox", "quay.io/example/rich:1.0"]));
    let ids: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["Id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [b.id(), a.id()]);
    let out = r.ok([
        "image",
        "inspect",
        "--format",
        "{{.Id}}",
        "quay.io/example/rich:1.0",
        "busybox",
    ]);
    assert_eq!(out, format!("{}\n{}\n", a.id(), b.id()));
}

#[test]
fn image_inspect_of_an_unknown_image_fails_but_prints_the_known_ones() {
    let r = Rctl::new();
    let img = rich();
    r.load(&img);
    let out = r.run([
        "image",
        "inspect",
        "quay.io/example/rich:1.0",
        "nosuchimage",
    ]);
    assert_eq!(out.status.code(), Some(125));
    let doc = parse(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(doc.as_array().unwrap().len(), 1);
    assert_eq!(doc[0]["Id"], img.id());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "Error: nosuchimage: image not known\n"
    );

    let out = r.run([
        "image",
        "inspect",
        "--format",
        "{{.Id}}",
        "nosuchimage",
        "quay.io/example/rich:1.0",
    ]);
    assert_eq!(out.status.code(), Some(125));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{}\n", img.id())
    );

    let (code, err) = r.fails(["image", "inspect", "nosuchimage"]);
    assert_eq!(code, 125);
    assert_eq!(err, "Error: nosuchimage: image not known\n");
}

#[test]
fn image_inspect_by_id_prefix_and_digest() {
    let r = Rctl::new();
    let img = rich();
    r.load(&img);
    let digest = r.ok([
        "image",
        "inspect",
        "--format",
        "{{.Digest}}",
        "quay.io/example/rich:1.0",
    ]);
    let digest = digest.trim();
    for input in [
        img.id(),
        img.id()[..12].to_string(),
        format!("sha256:{}", img.id()),
        format!("quay.io/example/rich@{digest}"),
    ] {
        assert_eq!(
            r.ok(["image", "inspect", "--format", "{{.Id}}", &input])
                .trim(),
            img.id(),
            "{input}"
        );
    }
}

#[test]
fn inspect_finds_images_and_takes_type_image() {
    let r = Rctl::new();
    let img = rich();
    r.load(&img);
    let doc = parse(&r.ok(["inspect", "quay.io/example/rich:1.0"]));
    assert_eq!(doc[0]["Id"], img.id());
    assert_eq!(
        doc,
        parse(&r.ok(["image", "inspect", "quay.io/example/rich:1.0"]))
    );
    assert_eq!(
        r.ok([
            "inspect",
            "--type",
            "image",
            "--format",
            "{{.Id}}",
            "quay.io/example/rich:1.0"
        ]),
        format!("{}\n", img.id())
    );
    assert_eq!(
        r.ok(["inspect", "-t", "image", "-f", "{{.Id}}", &img.id()[..12]]),
        format!("{}\n", img.id())
    );
}

#[test]
fn inspect_of_an_unknown_object_fails_but_prints_the_known_ones() {
    let r = Rctl::new();
    let img = rich();
    r.load(&img);
    let out = r.run([
        "inspect",
        "--format",
        "{{.Id}}",
        "quay.io/example/rich:1.0",
        "nothing",
    ]);
    assert_eq!(out.status.code(), Some(125));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{}\n", img.id())
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "Error: no such object: \"nothing\"\n"
    );
}

#[test]
fn inspect_with_an_unknown_type_fails() {
    let r = Rctl::new();
    r.load(&rich());
    let (code, err) = r.fails(["inspect", "--type", "spaceship", "quay.io/example/rich:1.0"]);
    assert_eq!(code, 125);
    assert!(err.contains("spaceship"), "{err}");
}

#[test]
fn history_lists_steps_newest_first() {
    let r = Rctl::new();
    let img = rich();
    r.load(&img);
    let out = r.ok(["history", "quay.io/example/rich:1.0"]);
    let mut lines = out.lines();
    let header = lines.next().unwrap();
    let cols: Vec<&str> = header
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cols,
        ["ID", "CREATED", "CREATED BY", "SIZE", "COMMENT"],
        "{header}"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert!(rows[0].starts_with(&img.id()[..12]), "{}", rows[0]);
    assert!(
        rows[0].contains("CMD [\"sh\"]") && rows[0].contains("0B"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with("<missing>") && rows[1].contains("layer 1"),
        "{}",
        rows[1]
    );
    assert!(
        rows[2].starts_with("<missing>") && rows[2].contains("layer 0"),
        "{}",
        rows[2]
    );
    assert!(rows.iter().all(|r| r.contains(" ago")), "{out}");
    // `image history` is the same.
    assert_eq!(r.ok(["image", "history", "quay.io/example/rich:1.0"]), out);
}

#[test]
fn history_shows_each_layers_size() {
    let r = Rctl::new();
    let img = rich();
    r.load(&img);
    let out = r.ok([
        "history",
        "--format",
        "{{.Size}}",
        "quay.io/example/rich:1.0",
    ]);
    let (l0, l1) = (img.layers[0].1.len(), img.layers[1].1.len());
    assert_eq!((l0, l1), (2560, 2560));
    assert_eq!(out, "0B\n2.56kB\n2.56kB\n");
    // Busybox: its one layer is the whole image.
    let bb = fixtures::busybox(&["busybox:latest"]);
    r.load(&bb);
    let json = parse(&r.ok(["image", "inspect", "busybox"]));
    let size = json[0]["Size"].as_u64().unwrap();
    let hist = parse(&r.ok(["history", "--format", "json", "busybox"]));
    assert_eq!(hist[1]["size"], json!(size));
    assert_eq!(hist[0]["size"], json!(0));
}

#[test]
fn history_quiet_prints_ids_only() {
    let r = Rctl::new();
    let img = rich();
    r.load(&img);
    let out = r.ok(["history", "-q", "quay.io/example/rich:1.0"]);
    assert_eq!(out, format!("{}\n<missing>\n<missing>\n", &img.id()[..12]));
}

#[test]
fn history_no_trunc_prints_the_full_id_and_instruction() {
    let long = format!("/bin/sh -c echo {} > /etc/motd", "x".repeat(80));
    let layer = fixtures::LayerBuilder::new()
        .file("motd", 0o644, b"m")
        .build();
    let mut config: Value =
        serde_json::from_slice(&fixtures::config(std::slice::from_ref(&layer), json!({}))).unwrap();
    config["history"][0]["created_by"] = json!(long);
    let img = fixtures::Image {
        layers: vec![(layer.clone(), layer)],
        config: serde_json::to_vec(&config).unwrap(),
        names: vec!["localhost/long:1".into()],
    };
    let r = Rctl::new();
    r.load(&img);
    let short = r.ok([
        "history",
        "--format",
        "{{.ID}}|{{.CreatedBy}}",
        "localhost/long:1",
    ]);
    let last = short.lines().last().unwrap();
    assert_eq!(last, format!("<missing>|{}...", &long[..42]));
    let full = r.ok([
        "history",
        "--no-trunc",
        "--format",
        "{{.ID}}|{{.CreatedBy}}",
        "localhost/long:1",
    ]);
    let rows: Vec<&str> = full.lines().collect();
    // podman prints the image id as it stores it: 64 hex digits, no algorithm.
    assert_eq!(
        rows[0],
        format!("{}|/bin/sh -c #(nop)  CMD [\"sh\"]", img.id())
    );
    assert_eq!(rows[1], format!("<missing>|{long}"));
    let table = r.ok(["history", "--no-trunc", "localhost/long:1"]);
    assert!(table.contains(&long), "{table}");
}

#[test]
fn history_format_json_is_podmans() {
    let r = Rctl::new();
    let img = rich();
    r.load(&img);
    let doc = parse(&r.ok(["history", "--format", "json", "quay.io/example/rich:1.0"]));
    let rows = doc.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["id"], img.id());
    assert_eq!(rows[1]["id"], "<missing>");
    assert_eq!(rows[2]["id"], "<missing>");
    assert_eq!(rows[0]["size"], json!(0));
    assert_eq!(rows[1]["size"], json!(2560));
    assert_eq!(rows[2]["CreatedBy"], "layer 0");
    assert_eq!(rows[0]["CreatedBy"], "/bin/sh -c #(nop)  CMD [\"sh\"]");
    assert_eq!(rows[2]["Created"], "2023-11-14T22:13:20Z");
    assert_eq!(rows[2]["created"], "2023-11-14T22:13:20Z");
}

#[test]
fn history_human_false_prints_timestamps() {
    let r = Rctl::new();
    r.load(&rich());
    let out = r.ok([
        "history",
        "--human=false",
        "--format",
        "{{.Created}}",
        "quay.io/example/rich:1.0",
    ]);
    assert_eq!(out, "2023-11-14T22:13:20Z\n".repeat(3));
    let out = r.ok([
        "history",
        "-H=false",
        "--format",
        "{{.Size}}",
        "quay.io/example/rich:1.0",
    ]);
    assert_eq!(
        out, "0B\n2.56kB\n2.56kB\n",
        "podman prints sizes for humans either way"
    );
}

#[test]
fn history_shows_the_import_comment() {
    let r = Rctl::new();
    let tar = fixtures::LayerBuilder::new().file("f", 0o644, b"f").build();
    let path = r.dir().join("rootfs.tar");
    std::fs::write(&path, &tar).unwrap();
    r.ok([
        "import",
        "-m",
        "from a test",
        path.to_str().unwrap(),
        "imported",
    ]);
    let out = r.ok(["history", "--format", "{{.Comment}}", "imported"]);
    assert_eq!(out, "from a test\n");
    let doc = parse(&r.ok(["history", "--format", "json", "imported"]));
    assert_eq!(doc[0]["comment"], "from a test");
    assert_eq!(doc[0]["size"], json!(tar.len()));
}

#[test]
fn history_of_an_unknown_image_fails() {
    let r = Rctl::new();
    let (code, err) = r.fails(["history", "nosuchimage"]);
    assert_eq!(code, 125);
    assert_eq!(err, "Error: nosuchimage: image not known\n");
}
