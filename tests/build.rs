//! `build`: a Containerfile with every instruction makes an image that
//! behaves as written; the layer cache reuses steps and stops at the first
//! change; multi-stage, .dockerignore, `--timestamp`, stdin and tar
//! contexts, rootless builds, and clear failures.

mod common;

use std::path::Path;

use common::{Busybox, Rctl, parts};

/// A build context directory with `files` (path, content).
fn context(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, content) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
    dir
}

/// Runs `rctl build ARGS` (RUN steps without a network) and returns it.
fn build(r: &Rctl, args: &[&str]) -> std::process::Output {
    let mut all = vec!["build", "--network", "none"];
    all.extend_from_slice(args);
    r.run(&all)
}

/// Builds, which must succeed; returns standard output.
fn build_ok(r: &Rctl, args: &[&str]) -> String {
    let out = build(r, args);
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 0, "build {args:?} failed: {stdout}{stderr}");
    stdout
}

/// The last line of a build's output: the image id.
fn id_of(out: &str) -> String {
    out.lines().last().unwrap_or("").to_string()
}

fn run_sh(r: &Rctl, image: &str, script: &str) -> String {
    r.ok([
        "run",
        "--rm",
        "--network",
        "none",
        "--user",
        "0",
        "--entrypoint",
        "/bin/sh",
        image,
        "-c",
        script,
    ])
}

/// The context of tests/data/Containerfile.all: hello.txt and an
/// archive.tar.gz holding archive/inside.txt.
fn all_context() -> tempfile::TempDir {
    let dir = context(&[("hello.txt", "hello from the context\n")]);
    let gz = std::fs::File::create(dir.path().join("archive.tar.gz")).unwrap();
    let enc = flate2::write::GzEncoder::new(gz, flate2::Compression::default());
    let mut tar = tar::Builder::new(enc);
    let mut h = tar::Header::new_gnu();
    let body = b"inside the archive\n";
    h.set_size(body.len() as u64);
    h.set_mode(0o644);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(1_700_000_000);
    h.set_entry_type(tar::EntryType::Regular);
    tar.append_data(&mut h, "archive/inside.txt", &body[..])
        .unwrap();
    tar.into_inner().unwrap().finish().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/Containerfile.all"),
        dir.path().join("Containerfile"),
    )
    .unwrap();
    dir
}

#[test]
fn every_instruction_builds_and_the_image_behaves_as_written() {
    let r = Busybox::new();
    let ctx = all_context();
    let out = build_ok(
        &r,
        &[
            "-t",
            "all",
            "--build-arg",
            "VERSION=2.5",
            ctx.path().to_str().unwrap(),
        ],
    );
    assert!(out.contains("STEP 1/"), "{out}");
    // ENTRYPOINT with CMD as its default arguments, replaced by run's.
    assert_eq!(
        r.ok(["run", "--rm", "--network", "none", "all"]),
        "entrypoint: default args\n"
    );
    assert_eq!(
        r.ok(["run", "--rm", "--network", "none", "all", "x"]),
        "entrypoint: x\n"
    );
    let got = run_sh(
        &r,
        "all",
        "echo \"$GREETING|$APP_HOME|$APP_USER\"; pwd; cat greeting.txt; \
         stat -c '%u:%g %a' /app/hello.txt; cat /opt/archive/inside.txt; \
         cat /app/built/version.txt /app/built/heredoc.txt /app/built/inline.txt; \
         cat '/app/json form.txt'",
    );
    let expected = "hello world|/app|app user\n/app/sub\nhello world\napp user\n\
                    1000:1000 640\ninside the archive\nbuilt 2.5\nfrom a heredoc\n\
                    inline file, version 2.5\nhello from the context\n";
    assert_eq!(got, expected);
    let fmt = "{{.Config.User}}|{{.Config.StopSignal}}|{{.Author}}|{{json .Config.Labels}}|\
               {{json .Config.ExposedPorts}}|{{json .Config.Volumes}}";
    let got = r.ok(["inspect", "--format", fmt, "all"]);
    assert!(
        got.starts_with("1000:1000|SIGINT|rctl tests <tests@example.org>|"),
        "{got}"
    );
    for want in [
        "\"org.example.title\":\"rctl all\"",
        "\"org.example.version\":\"2.5\"",
        "8080/tcp",
        "53/udp",
        "9000/tcp",
        "9001/tcp",
        "\"/data\"",
        "\"/cache\"",
        "\"/logs\"",
    ] {
        assert!(got.contains(want), "{want} missing: {got}");
    }
    let doc: serde_json::Value = serde_json::from_str(&r.ok(["image", "inspect", "all"])).unwrap();
    let cfg = &doc[0]["Config"];
    assert_eq!(cfg["Healthcheck"]["Test"][0], "CMD-SHELL", "{cfg}");
    assert_eq!(cfg["Healthcheck"]["Retries"], 3, "{cfg}");
    assert_eq!(
        cfg["OnBuild"][0], "RUN echo \"triggered by a child build\"",
        "{cfg}"
    );
    // One history entry per instruction of the final stage (FROM aside).
    let history = r.ok(["history", "-q", "all"]);
    let steps = 25;
    assert!(history.lines().count() > steps, "{history}");

    // ONBUILD runs in a child build, and is not inherited further.
    let child = context(&[(
        "Containerfile",
        "FROM all\nUSER 0\nRUN test -e /app/hello.txt\n",
    )]);
    let out = build_ok(&r, &["-t", "child", child.path().to_str().unwrap()]);
    assert!(out.contains("triggered by a child build"), "{out}");
    let on = r.ok(["inspect", "--format", "{{json .Config.OnBuild}}", "child"]);
    assert!(!on.contains("triggered"), "{on}");
}

#[test]
fn a_second_build_is_all_cache_and_one_changed_file_rebuilds_from_its_step() {
    let r = Busybox::new();
    let ctx = context(&[
        (
            "Containerfile",
            "FROM busybox\nRUN echo one > /one\nCOPY f.txt /f.txt\nRUN cat /f.txt > /g.txt\nENV X=1\n",
        ),
        ("f.txt", "first\n"),
    ]);
    let dir = ctx.path().to_str().unwrap();
    let first = build_ok(&r, &["-t", "c", dir]);
    assert!(!first.contains("Using cache"), "{first}");
    let second = build_ok(&r, &["-t", "c", dir]);
    assert_eq!(second.matches("--> Using cache").count(), 4, "{second}");
    assert_eq!(id_of(&first), id_of(&second));

    std::fs::write(ctx.path().join("f.txt"), "second\n").unwrap();
    let third = build_ok(&r, &["-t", "c", dir]);
    // RUN echo one is reused; COPY and everything after it run again.
    assert_eq!(third.matches("--> Using cache").count(), 1, "{third}");
    let steps: Vec<&str> = third
        .lines()
        .filter(|l| l.starts_with("STEP ") || l.starts_with("--> Using"))
        .collect();
    assert!(
        steps[1].starts_with("STEP 2/5: RUN echo one") && steps[2].starts_with("--> Using cache"),
        "{third}"
    );
    assert_ne!(id_of(&third), id_of(&first));
    assert_eq!(run_sh(&r, "c", "cat /g.txt /one"), "second\none\n");

    // --no-cache runs every step.
    let out = build_ok(&r, &["--no-cache", "-t", "c", dir]);
    assert!(!out.contains("Using cache"), "{out}");
    // Intermediate images are listed by images -a only.
    let all = r.ok(["images", "-a", "-q"]).lines().count();
    let shown = r.ok(["images", "-q"]).lines().count();
    assert!(all > shown, "images -a {all}, images {shown}");
}

#[test]
fn multi_stage_target_and_copy_from() {
    let r = Busybox::new();
    let file = "FROM busybox AS base\nRUN echo base > /b\n\
                FROM base AS second\nRUN echo second > /s\n\
                FROM busybox\nCOPY --from=second /s /copied/s\nCOPY --from=0 /b /copied/\n";
    let ctx = context(&[("Containerfile", file)]);
    let dir = ctx.path().to_str().unwrap();
    build_ok(&r, &["-t", "final", dir]);
    assert_eq!(
        run_sh(
            &r,
            "final",
            "cat /copied/s /copied/b; test -e /s || echo no-s"
        ),
        "second\nbase\nno-s\n"
    );
    build_ok(&r, &["-t", "mid", "--target", "second", dir]);
    assert_eq!(run_sh(&r, "mid", "cat /b /s"), "base\nsecond\n");
    let (code, err) = r.fails(["build", "--target", "nosuch", dir]);
    assert_eq!(code, 125);
    assert!(err.contains("nosuch"), "{err}");
}

#[test]
fn dockerignore_excludes_and_reincludes() {
    let r = Busybox::new();
    let ctx = context(&[
        ("Containerfile", "FROM busybox\nCOPY . /ctx/\n"),
        (".dockerignore", "secret*\nlogs\n!logs/keep.log\n**/*.tmp\n"),
        ("secret.key", "no"),
        ("app.txt", "yes"),
        ("logs/keep.log", "kept"),
        ("logs/drop.log", "no"),
        ("deep/er/x.tmp", "no"),
        ("deep/er/y.txt", "yes"),
    ]);
    build_ok(&r, &["-t", "ign", ctx.path().to_str().unwrap()]);
    let got = run_sh(&r, "ign", "cd /ctx && find . -type f | sort");
    assert_eq!(
        got,
        "./.dockerignore\n./Containerfile\n./app.txt\n./deep/er/y.txt\n./logs/keep.log\n"
    );
}

#[test]
fn timestamp_gives_the_same_id_twice() {
    let r = Busybox::new();
    let ctx = context(&[
        (
            "Containerfile",
            "FROM busybox\nCOPY a /a\nRUN echo made > /made\nCMD [\"cat\", \"/made\"]\n",
        ),
        ("a", "content"),
    ]);
    let dir = ctx.path().to_str().unwrap();
    let one = id_of(&build_ok(
        &r,
        &["--no-cache", "--timestamp", "1700000000", "-q", dir],
    ));
    let two = id_of(&build_ok(
        &r,
        &["--no-cache", "--timestamp", "1700000000", "-q", dir],
    ));
    assert_eq!(one.len(), 64, "{one}");
    assert_eq!(one, two);
    let created = r.ok(["inspect", "--format", "{{.Created}}", &one]);
    assert!(created.starts_with("2023-11-14"), "{created}");
}

#[test]
fn a_file_deleted_in_run_is_gone_and_changes_become_layers() {
    let r = Busybox::new();
    let ctx = context(&[(
        "Containerfile",
        "FROM busybox\nRUN rm /etc/shadow && mkdir /d && echo x > /d/f\nRUN rm -r /d\n",
    )]);
    build_ok(&r, &["-t", "del", ctx.path().to_str().unwrap()]);
    assert_eq!(
        run_sh(
            &r,
            "del",
            "test -e /etc/shadow || echo no-shadow; test -e /d || echo no-d"
        ),
        "no-shadow\nno-d\n"
    );
    let busybox_layers: usize = r
        .ok(["inspect", "--format", "{{len .RootFS.Layers}}", "busybox"])
        .trim()
        .parse()
        .unwrap();
    let layers: usize = r
        .ok(["inspect", "--format", "{{len .RootFS.Layers}}", "del"])
        .trim()
        .parse()
        .unwrap();
    assert_eq!(layers, busybox_layers + 2);
    // --squash: the new layers as one.
    build_ok(
        &r,
        &["--squash", "-t", "flat", ctx.path().to_str().unwrap()],
    );
    let layers: usize = r
        .ok(["inspect", "--format", "{{len .RootFS.Layers}}", "flat"])
        .trim()
        .parse()
        .unwrap();
    assert_eq!(layers, busybox_layers + 1);
    assert_eq!(
        run_sh(&r, "flat", "test -e /etc/shadow || echo no-shadow"),
        "no-shadow\n"
    );
}

#[test]
fn stdin_tar_context_iidfile_and_quiet() {
    let r = Busybox::new();
    let ctx = context(&[("f", "from the tar\n")]);
    // -f - with a directory context.
    let out = r.run_stdin(
        [
            "build",
            "--network",
            "none",
            "-q",
            "-t",
            "s",
            "-f",
            "-",
            ctx.path().to_str().unwrap(),
        ],
        b"FROM busybox\nCOPY f /f\n",
    );
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 1, "-q prints only the id: {stdout}");
    // A tar archive as the context, its Containerfile inside.
    std::fs::write(
        ctx.path().join("Containerfile"),
        "FROM busybox\nCOPY f /f\n",
    )
    .unwrap();
    let tarball = r.dir().join("ctx.tar");
    let status = std::process::Command::new("tar")
        .args([
            "-C",
            ctx.path().to_str().unwrap(),
            "-cf",
            tarball.to_str().unwrap(),
            ".",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let iid = r.dir().join("iid");
    let out = build_ok(
        &r,
        &[
            "-t",
            "fromtar",
            "--iidfile",
            iid.to_str().unwrap(),
            tarball.to_str().unwrap(),
        ],
    );
    let written = std::fs::read_to_string(&iid).unwrap();
    assert_eq!(written, format!("sha256:{}", id_of(&out)));
    assert_eq!(run_sh(&r, "fromtar", "cat /f"), "from the tar\n");
}

#[test]
fn failures_are_one_clear_line_and_tag_nothing() {
    let r = Busybox::new();
    let bad = context(&[("Containerfile", "FROM busybox\nFROBNICATE x\n")]);
    let (code, err) = r.fails(["build", "-t", "bad", bad.path().to_str().unwrap()]);
    assert_eq!(code, 125);
    assert!(
        err.contains(":2:") && err.to_lowercase().contains("frobnicate"),
        "{err}"
    );

    let failing = context(&[("Containerfile", "FROM busybox\nRUN exit 3\n")]);
    let out = build(&r, &["-t", "bad", failing.path().to_str().unwrap()]);
    let (code, _, err) = parts(&out);
    assert_eq!(code, 3, "a failed RUN's exit code: {err}");
    assert!(err.contains("RUN exit 3"), "{err}");
    let (code, _) = r.fails(["image", "exists", "bad"]);
    assert_eq!(code, 1, "a failed build tags nothing");
    assert_eq!(r.ok(["ps", "-a", "-q"]), "", "no step container is left");

    let missing = context(&[("Containerfile", "FROM busybox\nCOPY nothere /x\n")]);
    let (code, err) = r.fails(["build", missing.path().to_str().unwrap()]);
    assert_eq!(code, 125);
    assert!(err.contains("nothere"), "{err}");

    let url = context(&[(
        "Containerfile",
        "FROM busybox\nADD http://127.0.0.1:9/x /x\n",
    )]);
    let (code, err) = r.fails(["build", url.path().to_str().unwrap()]);
    assert_eq!(code, 125);
    assert!(err.contains("http://127.0.0.1:9/x"), "{err}");

    let arm = context(&[(
        "Containerfile",
        "FROM --platform=linux/arm64 busybox\nRUN true\n",
    )]);
    let (code, err) = r.fails(["build", arm.path().to_str().unwrap()]);
    assert_eq!(code, 125);
    assert!(err.contains("--platform=linux/arm64"), "{err}");
    let host = context(&[(
        "Containerfile",
        "FROM --platform=$BUILDPLATFORM busybox\nRUN true\n",
    )]);
    build_ok(&r, &[host.path().to_str().unwrap()]);

    let outside = context(&[("Containerfile", "FROM busybox\nCOPY ../../etc/passwd /x\n")]);
    let (code, err) = r.fails(["build", outside.path().to_str().unwrap()]);
    assert_eq!(code, 125);
    assert!(err.contains("outside"), "{err}");
}

#[test]
fn rootless_build_runs_steps_in_the_users_namespace() {
    let r = Rctl::rootless();
    r.load(&common::fixtures::busybox(&["busybox:latest"]));
    let ctx = context(&[
        (
            "Containerfile",
            "FROM busybox\nCOPY --chown=1000:1000 f /home/f\nRUN echo built > /built && chown 2000:2000 /built\n",
        ),
        ("f", "mine\n"),
    ]);
    // The rootless user must be able to read the context.
    let (uid, gid) = common::rootless_ids();
    for p in [
        ctx.path().to_path_buf(),
        ctx.path().join("f"),
        ctx.path().join("Containerfile"),
    ] {
        std::os::unix::fs::chown(&p, Some(uid), Some(gid)).unwrap();
    }
    let out = build_ok(&r, &["-t", "rl", ctx.path().to_str().unwrap()]);
    assert!(out.contains("STEP 3/3"), "{out}");
    assert_eq!(
        run_sh(
            &r,
            "rl",
            "stat -c '%u:%g' /home/f /built; cat /home/f /built"
        ),
        "1000:1000\n2000:2000\nmine\nbuilt\n"
    );
    let again = build_ok(&r, &["-t", "rl", ctx.path().to_str().unwrap()]);
    assert_eq!(id_of(&again), id_of(&out));
}

#[test]
fn run_mounts_cache_and_secret() {
    let r = Busybox::new();
    let secret = r.dir().join("token");
    std::fs::write(&secret, "s3cret\n").unwrap();
    let ctx = context(&[
        (
            "Containerfile",
            "FROM busybox\n\
         RUN --mount=type=cache,target=/cache echo run >> /cache/log && wc -l < /cache/log > /count\n\
         RUN --mount=type=secret,id=tok cat /run/secrets/tok > /seen\n\
         RUN --mount=type=bind,target=/ctx cat /ctx/data > /bound\n",
        ),
        ("data", "from the context\n"),
    ]);
    let dir = ctx.path().to_str().unwrap();
    let sec = format!("id=tok,src={}", secret.display());
    build_ok(&r, &["--no-cache", "--secret", &sec, "-t", "m", dir]);
    build_ok(&r, &["--no-cache", "--secret", &sec, "-t", "m", dir]);
    // The cache directory outlived the first build; the secret was readable
    // during the step and is not in the image; the bind mount is not either.
    assert_eq!(
        run_sh(
            &r,
            "m",
            "cat /count /seen /bound; ls /run/secrets 2>/dev/null | wc -l; test -e /cache/log || echo no-log"
        ),
        "2\ns3cret\nfrom the context\n0\nno-log\n"
    );
    let (code, err) = r.fails(["build", "--network", "none", "--secret", "id=tok", dir]);
    assert_eq!(code, 125);
    assert!(err.contains("--secret"), "{err}");
}

#[test]
fn steps_that_change_nothing_give_equal_layers_and_later_steps_still_run() {
    let r = Busybox::new();
    let ctx = context(&[(
        "Containerfile",
        "FROM busybox\nRUN true\nRUN true\nRUN echo after > /after\n",
    )]);
    build_ok(&r, &["-t", "same", ctx.path().to_str().unwrap()]);
    let layers = r.ok(["inspect", "--format", "{{json .RootFS.Layers}}", "same"]);
    let list: Vec<String> = serde_json::from_str(&layers).unwrap();
    let n = list.len();
    assert_eq!(
        list[n - 2],
        list[n - 3],
        "the two empty steps' layers are one: {layers}"
    );
    assert_eq!(run_sh(&r, "same", "cat /after"), "after\n");
}
