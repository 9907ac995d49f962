//! `ps`, `inspect`, `rename`, `container exists`, `container prune`, and
//! `rmi` of an image containers use, rootful.

mod common;

use common::{Busybox, Rctl, eventually, fixtures, parts};
use serde_json::{Value, json};

fn inspect(r: &Rctl, name: &str) -> Value {
    let v: Value = serde_json::from_str(&r.ok(["inspect", name])).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    v[0].clone()
}

/// A store with: `created` (never started), `exited3` (exited 3), `up`
/// (running, label tier=web); ids in that order.
fn three(r: &Busybox) -> (String, String, String) {
    let c = r.ok(["create", "--name", "created", "busybox", "true"]);
    let e = r.ok([
        "create", "--name", "exited3", "-l", "tier=db", "busybox", "sh", "-c", "exit 3",
    ]);
    r.run(["start", "-a", "exited3"]);
    let u = r.ok([
        "run", "-d", "--name", "up", "-l", "tier=web", "-l", "solo", "busybox", "sleep", "1000",
    ]);
    (
        c.trim().to_string(),
        e.trim().to_string(),
        u.trim().to_string(),
    )
}

fn names(r: &Rctl, args: &[&str]) -> Vec<String> {
    let mut a = vec!["ps", "--format", "{{.Names}}"];
    a.extend(args);
    r.ok(&a).lines().map(str::to_string).collect()
}

#[test]
fn ps_shows_running_and_a_shows_all() {
    let r = Busybox::new();
    let (c, e, u) = three(&r);
    assert_eq!(r.ok(["ps", "-q"]), format!("{}\n", &u[..12]));
    assert_eq!(
        r.ok(["ps", "-a", "-q"]),
        format!("{}\n{}\n{}\n", &u[..12], &e[..12], &c[..12]),
        "newest first"
    );
    assert_eq!(
        r.ok(["ps", "-a", "-q", "--no-trunc"]),
        format!("{u}\n{e}\n{c}\n")
    );
    assert_eq!(names(&r, &["-a"]), ["up", "exited3", "created"]);
    // `container ls` and `container list` are ps.
    assert_eq!(
        r.ok(["container", "ls", "-a", "-q"]),
        r.ok(["ps", "-a", "-q"])
    );
    assert_eq!(r.ok(["container", "list", "-q"]), r.ok(["ps", "-q"]));
}

#[test]
fn ps_table() {
    let r = Busybox::new();
    let (_, _, u) = three(&r);
    let out = r.ok(["ps", "-a"]);
    let mut lines = out.lines();
    let header = lines.next().unwrap();
    for h in [
        "CONTAINER ID",
        "IMAGE",
        "COMMAND",
        "CREATED",
        "STATUS",
        "PORTS",
        "NAMES",
    ] {
        assert!(header.contains(h), "{header}");
    }
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].starts_with(&u[..12]), "{}", rows[0]);
    assert!(rows[0].contains("docker.io/library/busybox:latest"));
    assert!(rows[0].contains("sleep 1000"));
    assert!(rows[0].trim_end().ends_with("up"));
    // Columns line up under the header.
    let status_col = header.find("STATUS").unwrap();
    assert!(rows[0][status_col..].starts_with("Up "), "{}", rows[0]);
    assert!(
        rows[1][status_col..].starts_with("Exited (3) "),
        "{}",
        rows[1]
    );
    assert!(rows[2][status_col..].starts_with("Created"), "{}", rows[2]);
    // --noheading.
    assert_eq!(r.ok(["ps", "-a", "--noheading"]).lines().count(), 3);
}

#[test]
fn ps_statuses() {
    let r = Busybox::new();
    three(&r);
    let out = r.ok(["ps", "-a", "--format", "{{.Names}}|{{.Status}}|{{.State}}"]);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('|').collect()).collect();
    assert_eq!(rows[0][0], "up");
    assert!(rows[0][1].starts_with("Up "), "{:?}", rows[0]);
    assert_eq!(rows[0][2], "running");
    assert_eq!(rows[1][0], "exited3");
    assert!(rows[1][1].starts_with("Exited (3) "), "{:?}", rows[1]);
    assert!(rows[1][1].ends_with(" ago"), "{:?}", rows[1]);
    assert_eq!(rows[1][2], "exited");
    assert_eq!(rows[2][0], "created");
    assert_eq!(rows[2][1], "Created");
    assert_eq!(rows[2][2], "created");
    // After a stop by SIGKILL: Exited (137).
    r.ok(["stop", "-t", "0", "up"]);
    let out = r.ok(["ps", "-a", "--filter", "name=up", "--format", "{{.Status}}"]);
    assert!(out.starts_with("Exited (137) "), "{out}");
}

#[test]
fn ps_last_and_latest() {
    let r = Busybox::new();
    three(&r);
    assert_eq!(names(&r, &["-n", "2"]), ["up", "exited3"]);
    assert_eq!(names(&r, &["--last", "1"]), ["up"]);
    assert_eq!(names(&r, &["-n", "10"]), ["up", "exited3", "created"]);
    assert_eq!(names(&r, &["-l"]), ["up"]);
    assert_eq!(names(&r, &["--latest"]), ["up"]);
    // -n and -l include stopped containers.
    r.ok(["stop", "-t", "0", "up"]);
    assert_eq!(names(&r, &["-l"]), ["up"]);
    assert_eq!(names(&r, &[]), Vec::<String>::new());
    r.ok(["create", "--name", "newest", "busybox", "true"]);
    assert_eq!(names(&r, &["-l"]), ["newest"]);
    assert_eq!(r.ok(["ps", "-l", "-q"]).lines().count(), 1);
}

#[test]
fn ps_size() {
    let r = Busybox::new();
    r.ok([
        "run",
        "--name",
        "big",
        "busybox",
        "sh",
        "-c",
        "head -c 100000 /dev/zero > /root/blob",
    ]);
    r.ok(["run", "--name", "small", "busybox", "true"]);
    let out = r.ok(["ps", "-a", "-s"]);
    let header = out.lines().next().unwrap();
    assert!(header.contains("SIZE"), "{header}");
    let size = |n: &str| {
        r.ok([
            "ps",
            "-a",
            "-s",
            "--filter",
            &format!("name={n}"),
            "--format",
            "{{.Size}}",
        ])
        .trim()
        .to_string()
    };
    let big = size("big");
    assert!(
        big.starts_with("100kB") || big.starts_with("100 kB") || big.starts_with("100.0kB"),
        "{big}"
    );
    assert!(big.contains("virtual"), "{big}");
    let small = size("small");
    assert!(!small.starts_with("100"), "{small}");
}

#[test]
fn ps_filters() {
    let r = Busybox::new();
    let (c, e, _) = three(&r);
    assert_eq!(
        names(&r, &["-a", "--filter", &format!("id={}", &c[..8])]),
        ["created"]
    );
    assert_eq!(
        names(&r, &["-a", "--filter", &format!("id={e}")]),
        ["exited3"]
    );
    assert_eq!(names(&r, &["-a", "-f", "name=exited"]), ["exited3"]);
    assert_eq!(names(&r, &["-a", "--filter", "status=running"]), ["up"]);
    assert_eq!(
        names(&r, &["--filter", "status=exited"]),
        ["exited3"],
        "status implies -a"
    );
    assert_eq!(
        names(&r, &["-a", "--filter", "status=created"]),
        ["created"]
    );
    assert_eq!(
        names(&r, &["-a", "--filter", "label=tier"]),
        ["up", "exited3"]
    );
    assert_eq!(names(&r, &["-a", "--filter", "label=tier=web"]), ["up"]);
    assert_eq!(names(&r, &["-a", "--filter", "label=solo"]), ["up"]);
    assert_eq!(
        names(&r, &["-a", "--filter", "label=tier=nope"]),
        Vec::<String>::new()
    );
    assert_eq!(names(&r, &["-a", "--filter", "exited=3"]), ["exited3"]);
    assert_eq!(
        names(&r, &["-a", "--filter", "exited=0"]),
        Vec::<String>::new()
    );
    for a in [
        "busybox",
        "busybox:latest",
        "docker.io/library/busybox:latest",
    ] {
        assert_eq!(
            names(&r, &["-a", "--filter", &format!("ancestor={a}")]),
            ["up", "exited3", "created"],
            "{a}"
        );
    }
    let img = r.ok(["images", "-q"]);
    assert_eq!(
        names(&r, &["-a", "--filter", &format!("ancestor={}", img.trim())]),
        ["up", "exited3", "created"]
    );
    assert_eq!(
        names(&r, &["-a", "--filter", "ancestor=other"]),
        Vec::<String>::new()
    );
    // Several filters: all must hold.
    assert_eq!(
        names(
            &r,
            &["-a", "--filter", "label=tier", "--filter", "status=exited"]
        ),
        ["exited3"]
    );
    let (code, err) = r.fails(["ps", "--filter", "bogus=1"]);
    assert_eq!(code, 125);
    assert!(err.contains("bogus"), "{err}");
    let (code, _) = r.fails(["ps", "--filter", "noequals"]);
    assert_eq!(code, 125);
}

#[test]
fn ps_format_templates_and_json() {
    let r = Busybox::new();
    let (_, e, u) = three(&r);
    let out = r.ok([
        "ps",
        "--format",
        "{{.ID}} {{.Image}} {{.Command}} {{.Names}} {{.State}}",
    ]);
    assert_eq!(
        out,
        format!(
            "{} docker.io/library/busybox:latest sleep 1000 up running\n",
            &u[..12]
        )
    );
    let out = r.ok(["ps", "--no-trunc", "--format", "{{.ID}}"]);
    assert_eq!(out, format!("{u}\n"));
    let out = r.ok(["ps", "-a", "--format", "table {{.Names}}\t{{.State}}"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0].starts_with("NAMES"), "{out}");
    assert!(lines[0].contains("STATE"), "{out}");
    let out = r.ok([
        "ps",
        "-a",
        "--format",
        "{{.Labels}}",
        "--filter",
        "name=exited3",
    ]);
    assert!(out.contains("tier") && out.contains("db"), "{out}");
    // json: an array of objects with podman's keys.
    let out = r.ok(["ps", "-a", "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 3);
    let up = &arr[0];
    assert_eq!(up["Id"], json!(u));
    assert_eq!(up["Names"], json!(["up"]));
    assert_eq!(up["State"], json!("running"));
    assert_eq!(up["Image"], json!("docker.io/library/busybox:latest"));
    assert_eq!(up["Command"], json!(["sleep", "1000"]));
    assert_eq!(up["Labels"]["tier"], json!("web"));
    assert!(up["Pid"].as_i64().unwrap() > 0);
    assert_eq!(up["Exited"], json!(false));
    assert!(up["Created"].as_i64().unwrap() > 1_600_000_000);
    assert!(up["StartedAt"].as_i64().unwrap() > 1_600_000_000);
    let ex = &arr[1];
    assert_eq!(ex["Id"], json!(e));
    assert_eq!(ex["Exited"], json!(true));
    assert_eq!(ex["ExitCode"], json!(3));
    assert_eq!(ex["State"], json!("exited"));
    assert!(ex["ExitedAt"].as_i64().unwrap() >= ex["StartedAt"].as_i64().unwrap());
    // No containers: an empty array.
    let empty = Busybox::new();
    let v: Value = serde_json::from_str(&empty.ok(["ps", "--format", "json"])).unwrap();
    assert_eq!(v, json!([]));
}

#[test]
fn ps_truncates_long_commands_unless_no_trunc() {
    let r = Busybox::new();
    r.ok([
        "create",
        "--name",
        "long",
        "busybox",
        "sh",
        "-c",
        "echo a very long command line indeed",
    ]);
    let short = r.ok(["ps", "-a", "--format", "{{.Command}}"]);
    assert!(short.trim().chars().count() <= 20, "{short}");
    let long = r.ok(["ps", "-a", "--no-trunc", "--format", "{{.Command}}"]);
    assert_eq!(long, "sh -c echo a very long command line indeed\n");
}

#[test]
fn inspect_a_running_container() {
    let r = Busybox::new();
    let id = r.ok([
        "run",
        "-d",
        "--name",
        "web",
        "-e",
        "A=1",
        "-w",
        "/srv",
        "-u",
        "nobody",
        "-l",
        "k=v",
        "--stop-signal",
        "SIGINT",
        "--hostname",
        "webhost",
        "busybox",
        "sleep",
        "1000",
    ]);
    let id = id.trim();
    let c = inspect(&r, "web");
    assert_eq!(c["Id"], json!(id));
    assert_eq!(c["Name"], json!("web"));
    let created = chrono::DateTime::parse_from_rfc3339(c["Created"].as_str().unwrap()).unwrap();
    assert!(created.timestamp() > 1_600_000_000);
    assert_eq!(c["Path"], json!("sleep"));
    assert_eq!(c["Args"], json!(["1000"]));
    let st = &c["State"];
    assert_eq!(st["Status"], json!("running"));
    assert_eq!(st["Running"], json!(true));
    assert_eq!(st["Paused"], json!(false));
    assert_eq!(st["Restarting"], json!(false));
    assert_eq!(st["OOMKilled"], json!(false));
    assert_eq!(st["Dead"], json!(false));
    assert_eq!(st["ExitCode"], json!(0));
    let pid = st["Pid"].as_i64().unwrap();
    assert!(pid > 0);
    assert!(std::path::Path::new(&format!("/proc/{pid}")).exists());
    let started = chrono::DateTime::parse_from_rfc3339(st["StartedAt"].as_str().unwrap()).unwrap();
    assert!(started >= created);
    assert_eq!(st["FinishedAt"], json!("0001-01-01T00:00:00Z"));
    let img = r.ok(["images", "-q", "--no-trunc"]);
    assert_eq!(c["Image"], json!(img.trim().trim_start_matches("sha256:")));
    assert_eq!(c["ImageName"], json!("docker.io/library/busybox:latest"));
    let cfg = &c["Config"];
    assert_eq!(cfg["Hostname"], json!("webhost"));
    assert!(cfg["Env"].as_array().unwrap().contains(&json!("A=1")));
    assert_eq!(cfg["Cmd"], json!(["sleep", "1000"]));
    assert_eq!(cfg["WorkingDir"], json!("/srv"));
    assert_eq!(cfg["User"], json!("nobody"));
    assert_eq!(cfg["Labels"], json!({"k": "v"}));
    assert_eq!(cfg["Tty"], json!(false));
    assert_eq!(cfg["OpenStdin"], json!(false));
    assert_eq!(cfg["StopSignal"], json!("SIGINT"));
    assert!(c["HostConfig"].is_object());
    assert_eq!(c["HostConfig"]["NetworkMode"], json!("bridge"));
    assert_eq!(c["HostConfig"]["AutoRemove"], json!(false));
    assert!(c["Mounts"].is_array());
    assert!(c["NetworkSettings"].is_object());
    // Formats.
    assert_eq!(
        r.ok(["inspect", "--format", "{{.State.Pid}}", "web"]),
        format!("{pid}\n")
    );
    assert_eq!(
        r.ok([
            "container",
            "inspect",
            "-f",
            "{{.Name}} {{.Config.User}}",
            id
        ]),
        "web nobody\n"
    );
}

#[test]
fn inspect_tty_and_stdin_flags() {
    let r = Busybox::new();
    r.ok(["create", "--name", "it", "-i", "-t", "busybox", "sh"]);
    let c = inspect(&r, "it");
    assert_eq!(c["Config"]["Tty"], json!(true));
    assert_eq!(c["Config"]["OpenStdin"], json!(true));
    assert_eq!(c["Config"]["Cmd"], json!(["sh"]));
    r.ok(["create", "--name", "rm", "--rm", "busybox", "true"]);
    assert_eq!(inspect(&r, "rm")["HostConfig"]["AutoRemove"], json!(true));
}

#[test]
fn inspect_an_exited_container() {
    let r = Busybox::new();
    r.run(["run", "--name", "x", "busybox", "sh", "-c", "exit 12"]);
    let c = inspect(&r, "x");
    let st = &c["State"];
    assert_eq!(st["Status"], json!("exited"));
    assert_eq!(st["Running"], json!(false));
    assert_eq!(st["Pid"], json!(0));
    assert_eq!(st["ExitCode"], json!(12));
    let started = chrono::DateTime::parse_from_rfc3339(st["StartedAt"].as_str().unwrap()).unwrap();
    let finished =
        chrono::DateTime::parse_from_rfc3339(st["FinishedAt"].as_str().unwrap()).unwrap();
    assert!(finished >= started);
    assert_eq!(st["OOMKilled"], json!(false));
}

#[test]
fn inspect_several_and_missing() {
    let r = Busybox::new();
    r.ok(["create", "--name", "a", "busybox", "true"]);
    r.ok(["create", "--name", "b", "busybox", "true"]);
    let v: Value = serde_json::from_str(&r.ok(["container", "inspect", "a", "b"])).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["Name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["a", "b"]);
    let out = r.run(["container", "inspect", "a", "missing"]);
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 125);
    assert!(stderr.contains("missing"), "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "the ones found are printed");
}

#[test]
fn inspect_prefers_the_container_and_type_chooses() {
    let r = Busybox::new();
    // A container and an image both named "both".
    r.ok(["tag", "busybox", "both"]);
    let id = r.ok(["create", "--name", "both", "busybox", "true"]);
    let id = id.trim();
    assert_eq!(
        r.ok(["inspect", "--format", "{{.Id}}", "both"]),
        format!("{id}\n")
    );
    let img = r.ok(["images", "-q", "--no-trunc"]);
    let img_id = img.lines().next().unwrap().trim_start_matches("sha256:");
    assert_eq!(
        r.ok(["inspect", "--type", "image", "--format", "{{.Id}}", "both"]),
        format!("{img_id}\n")
    );
    assert_eq!(
        r.ok([
            "inspect",
            "--type",
            "container",
            "--format",
            "{{.Id}}",
            "both"
        ]),
        format!("{id}\n")
    );
    // Only an image by that name: found as an image; --type container fails.
    assert_eq!(
        r.ok(["inspect", "--format", "{{.Id}}", "busybox"]),
        format!("{img_id}\n")
    );
    let (code, _) = r.fails(["inspect", "--type", "container", "busybox"]);
    assert_eq!(code, 125);
    // Only a container: --type image fails.
    r.ok(["create", "--name", "only-ctr", "busybox", "true"]);
    let (code, _) = r.fails(["inspect", "--type", "image", "only-ctr"]);
    assert_eq!(code, 125);
}

#[test]
fn rename_a_container() {
    let r = Busybox::new();
    let id = r.ok(["run", "-d", "--name", "old", "busybox", "sleep", "1000"]);
    let id = id.trim();
    r.ok(["rename", "old", "new"]);
    assert_eq!(r.ok(["inspect", "--format", "{{.Name}}", id]), "new\n");
    assert_eq!(r.run(["container", "exists", "old"]).status.code(), Some(1));
    assert_eq!(r.run(["container", "exists", "new"]).status.code(), Some(0));
    // The old name is free again; the new one is taken.
    r.ok(["create", "--name", "old", "busybox", "true"]);
    let (code, err) = r.fails(["rename", id, "old"]);
    assert_eq!(code, 125);
    assert!(err.contains("old"), "{err}");
    // By id, and `container rename`.
    r.ok(["container", "rename", &id[..12], "newer"]);
    assert_eq!(names_all(&r), ["old", "newer"]);
    let (code, _) = r.fails(["rename", "no-such", "x"]);
    assert_eq!(code, 125);
    // Commands work on the new name.
    assert_eq!(r.ok(["exec", "newer", "echo", "hi"]), "hi\n");
}

fn names_all(r: &Rctl) -> Vec<String> {
    r.ok(["ps", "-a", "--format", "{{.Names}}"])
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn container_exists() {
    let r = Busybox::new();
    let id = r.ok(["create", "--name", "here", "busybox", "true"]);
    let code = |n: &str| r.run(["container", "exists", n]).status.code();
    assert_eq!(code("here"), Some(0));
    assert_eq!(code(id.trim()), Some(0));
    assert_eq!(code(&id[..12]), Some(0));
    assert_eq!(code("nowhere"), Some(1));
    // An image is not a container.
    assert_eq!(code("busybox"), Some(1));
    let out = r.run(["container", "exists", "nowhere"]);
    assert_eq!(parts(&out), (1, String::new(), String::new()));
}

#[test]
fn container_prune() {
    let r = Busybox::new();
    let (c, e, u) = three(&r);
    let out = r.ok(["container", "prune", "-f"]);
    let mut removed: Vec<&str> = out.lines().collect();
    removed.sort();
    let mut want = vec![c.as_str(), e.as_str()];
    want.sort();
    assert_eq!(removed, want);
    assert_eq!(names_all(&r), ["up"]);
    assert!(!r.root().join("containers").join(&c).exists());
    assert!(r.root().join("containers").join(&u).exists());
    // Nothing to prune: nothing printed.
    assert_eq!(r.ok(["container", "prune", "--force"]), "");
    // Without -f it asks; "n" (or no answer) keeps everything.
    r.ok(["create", "busybox", "true"]);
    let out = r.run_stdin(["container", "prune"], b"n\n");
    assert!(out.status.success());
    assert_eq!(names_all(&r).len(), 2);
    let out = r.run_stdin(["container", "prune"], b"y\n");
    assert!(out.status.success());
    assert_eq!(names_all(&r), ["up"]);
}

#[test]
fn rmi_of_an_image_in_use_needs_force() {
    let r = Busybox::new();
    let id = r.ok(["create", "--name", "user", "busybox", "true"]);
    let id = id.trim();
    // As podman: exit 2, naming the container.
    let out = r.run(["rmi", "busybox"]);
    let (code, _, err) = parts(&out);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(id) || err.contains(&id[..12]), "{err}");
    assert!(err.contains("in use"), "{err}");
    assert_eq!(r.ok(["images", "-q"]).lines().count(), 1, "image kept");
    assert_eq!(
        r.run(["container", "exists", "user"]).status.code(),
        Some(0)
    );
    // The container still runs from it.
    r.ok(["start", "-a", "user"]);
    // rmi -f removes the containers too, then the image.
    let running = r.ok(["run", "-d", "busybox", "sleep", "1000"]);
    r.ok(["rmi", "-f", "busybox"]);
    assert_eq!(r.ok(["images", "-q"]), "");
    assert_eq!(r.ok(["ps", "-a", "-q"]), "");
    assert!(!r.root().join("containers").join(id).exists());
    assert!(!r.root().join("containers").join(running.trim()).exists());
    // Its layers are gone too.
    eventually("layers removed", || {
        (std::fs::read_dir(r.root().join("layers")).map_or(0, |d| d.count()) == 0).then_some(())
    });
}

#[test]
fn rmi_of_an_image_used_by_a_container_of_another_name() {
    let r = Rctl::new();
    r.load(&fixtures::busybox(&["busybox:latest"]));
    r.ok(["tag", "busybox", "alias:1"]);
    r.ok(["create", "--name", "c", "alias:1", "true"]);
    // Removing one name of several only untags: allowed.
    r.ok(["rmi", "busybox"]);
    assert_eq!(r.run(["container", "exists", "c"]).status.code(), Some(0));
    // The last name: the image would go, and a container uses it.
    let (code, _) = r.fails(["rmi", "alias:1"]);
    assert_eq!(code, 2);
    r.ok(["rm", "c"]);
    r.ok(["rmi", "alias:1"]);
}
