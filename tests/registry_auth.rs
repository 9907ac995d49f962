//! Registries that authenticate with bearer tokens (the flow of Docker Hub,
//! Harbor and quay) and registries that redirect blob downloads to other
//! storage (as S3-backed ones do). Everything is real and on 127.0.0.1: a
//! Debian docker-registry with `auth: token:` trusting a certificate made at
//! test time, a token server of the harness's (tests/common/registry.rs)
//! signing ES256 JWTs with that certificate's key, and an HTTP front that
//! answers blob GETs with `307` to the registry's own URL.

mod common;

use base64::Engine;
use common::fixtures::{self, Image};
use common::registry::{BlobRedirector, Registry, TokenIssuer, TokenServer, insecure_conf};
use common::{Busybox, Rctl, parts};
use serde_json::{Value, json};

const USER: &str = "alice";
const PASS: &str = "Tok3n-Pa55-kx9";

// ---- helpers ----

/// A fresh store whose registries.conf marks `addrs` insecure (plain HTTP).
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

/// A token server for `USER`/`PASS` and a registry trusting its tokens.
fn token_registry() -> (TokenServer, Registry) {
    let tokens = TokenServer::start(USER, PASS);
    let reg = Registry::start_with_token_auth(&tokens);
    (tokens, reg)
}

/// The error of a failed command: one `Error: ...` line, the last one.
fn error_line(stderr: &str) -> &str {
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("Error: ")).collect();
    assert_eq!(errors.len(), 1, "one error line: {stderr}");
    let last = stderr.trim_end().lines().last().unwrap_or("");
    assert!(
        last.starts_with("Error: "),
        "the error comes last: {stderr}"
    );
    last
}

/// Whether the token server was asked for `repo` with (at least) `actions`,
/// by `USER` with the right password (`authenticated`) or anonymously.
fn asked(tokens: &TokenServer, repo: &str, actions: &[&str], authenticated: bool) -> bool {
    tokens.requests().iter().any(|r| {
        r.status == 200
            && r.authenticated == authenticated
            && (r.user.is_some() == authenticated)
            && r.scopes.iter().any(|s| {
                s.strip_prefix(&format!("repository:{repo}:"))
                    .is_some_and(|a| actions.iter().all(|x| a.split(',').any(|y| y == *x)))
            })
    })
}

/// A three-layer image, gzip.
fn three_layers() -> Image {
    Image::new(
        vec![
            fixtures::busybox_layer(),
            fixtures::text_layer("srv/one", "first\n"),
            fixtures::text_layer("srv/two", "second\n"),
        ],
        json!({"Env": ["PATH=/bin", "LAYERS=3"]}),
        &[],
    )
    .gzipped()
}

fn basic(user: &str, pass: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .max_redirects(0)
        .build()
        .new_agent()
}

// ---- the harness itself ----

#[test]
fn harness_token_server_signs_tokens_the_registry_accepts() {
    let (tokens, reg) = token_registry();
    let http = agent();
    // Without a token: 401 and a challenge naming the token server.
    let resp = http.get(reg.url("/v2/")).call().unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let challenge = resp
        .headers()
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(challenge.starts_with("Bearer "), "{challenge}");
    assert!(challenge.contains(&tokens.realm()), "{challenge}");
    assert!(challenge.contains("rctl-test-registry"), "{challenge}");

    // The harness's helpers sign their own tokens.
    let d = reg.upload_blob("harness/t", b"hello");
    assert_eq!(reg.blob("harness/t", &d), b"hello");

    // A token from the server, with the right password, opens the repository.
    let token_for = |scope: &str, auth: Option<(&str, &str)>| {
        let mut req = http.get(format!(
            "{}?service=rctl-test-registry&scope={}",
            tokens.realm(),
            scope.replace(':', "%3A").replace('/', "%2F")
        ));
        if let Some((u, p)) = auth {
            req = req.header("Authorization", format!("Basic {}", basic(u, p)));
        }
        let mut resp = req.call().unwrap();
        let status = resp.status().as_u16();
        let body: Value =
            serde_json::from_slice(&resp.body_mut().read_to_vec().unwrap_or_default())
                .unwrap_or(Value::Null);
        (status, body)
    };
    let (status, body) = token_for("repository:harness/t:pull", Some((USER, PASS)));
    assert_eq!(status, 200, "{body}");
    let token = body["token"].as_str().unwrap().to_string();
    assert_eq!(body["access_token"], body["token"]);
    // Its claims.
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(token.split('.').nth(1).unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["iss"], "rctl-test-issuer");
    assert_eq!(claims["aud"], "rctl-test-registry");
    assert_eq!(claims["sub"], USER);
    assert_eq!(
        claims["access"],
        json!([{"type": "repository", "name": "harness/t", "actions": ["pull"]}])
    );
    let resp = http
        .get(reg.url(&format!("/v2/harness/t/blobs/{d}")))
        .header("Authorization", format!("Bearer {token}"))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);

    // The registry checks the signature: the same claims signed by another
    // key (with its own certificate in x5c) are refused.
    let forged =
        TokenIssuer::new().token(USER, &[("harness/t".to_string(), vec!["*".to_string()])]);
    let resp = http
        .get(reg.url(&format!("/v2/harness/t/blobs/{d}")))
        .header("Authorization", format!("Bearer {forged}"))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);

    // A wrong password: 401. Anonymous: a token without that repository.
    let (status, _) = token_for("repository:harness/t:pull", Some((USER, "wrong")));
    assert_eq!(status, 401);
    let (status, body) = token_for("repository:harness/t:pull", None);
    assert_eq!(status, 200);
    let anon = body["token"].as_str().unwrap();
    let resp = http
        .get(reg.url(&format!("/v2/harness/t/blobs/{d}")))
        .header("Authorization", format!("Bearer {anon}"))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let log = tokens.log();
    assert!(log.contains("401 user=alice authenticated=false"), "{log}");
    assert!(
        log.contains("200 user=- authenticated=false service=rctl-test-registry scope=repository:harness/t:pull granted=\n"),
        "{log}"
    );
}

// ---- login ----

#[test]
fn login_to_a_token_registry_checks_the_password_at_the_token_server() {
    let (tokens, reg) = token_registry();
    let r = store_for(&[&reg.addr()]);
    let out = r.ok(["login", "-u", USER, "-p", PASS, &reg.addr()]);
    assert_eq!(out.trim(), "Login Succeeded!");
    let doc: Value = serde_json::from_slice(&std::fs::read(r.auth_file()).unwrap()).unwrap();
    assert_eq!(
        doc,
        json!({"auths": {reg.addr(): {"auth": basic(USER, PASS)}}})
    );
    let ok: Vec<_> = tokens
        .requests()
        .into_iter()
        .filter(|t| t.authenticated)
        .collect();
    assert!(!ok.is_empty(), "{}", tokens.log());
    assert_eq!(
        ok[0].service.as_deref(),
        Some("rctl-test-registry"),
        "{}",
        tokens.log()
    );

    // A wrong password: refused by the token server, one clear line.
    let other = store_for(&[&reg.addr()]);
    let (code, err) = other.fails(["login", "-u", USER, "-p", "wrong-Tok3n", &reg.addr()]);
    assert_eq!(code, 125, "{err}");
    assert!(err.contains("invalid username/password"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(!err.contains("wrong-Tok3n"), "{err}");
    assert!(
        tokens
            .requests()
            .iter()
            .any(|t| t.status == 401 && t.user.as_deref() == Some(USER)),
        "{}",
        tokens.log()
    );
    let written = std::fs::read_to_string(other.auth_file()).unwrap_or_default();
    assert!(!written.contains(&reg.addr()), "{written}");
}

// ---- push and pull ----

#[test]
fn push_and_pull_with_a_token_after_login() {
    let (tokens, reg) = token_registry();
    let b = busybox_for(&[&reg.addr()]);
    let id = fixtures::busybox(&[]).id();
    b.ok(["login", "-u", USER, "-p", PASS, &reg.addr()]);
    let name = format!("{}/tok/bb:1", reg.addr());
    let out = b.run(["push", "busybox:latest", &name]);
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(
        code,
        0,
        "push: {stdout}{stderr}\ntoken server:\n{}",
        tokens.log()
    );
    assert!(
        asked(&tokens, "tok/bb", &["pull", "push"], true),
        "push asks for pull,push: {}",
        tokens.log()
    );
    // What the registry got.
    assert_eq!(reg.tags("tok/bb"), ["1"]);
    let m = reg.manifest_json("tok/bb", "1");
    assert_eq!(m["config"]["digest"], format!("sha256:{id}"));

    // Pulled back, with the stored login.
    b.ok(["rmi", "busybox:latest"]);
    assert_eq!(b.ok(["images", "-q"]), "");
    assert_eq!(b.ok(["pull", &name]).trim(), id);
    assert!(
        asked(&tokens, "tok/bb", &["pull"], true),
        "{}",
        tokens.log()
    );
    assert_eq!(
        b.ok(["run", "--rm", &name, "echo", "via", "token"]),
        "via token\n"
    );
    b.ok(["system", "check"]);
}

#[test]
fn push_and_pull_with_a_token_using_creds() {
    let (tokens, reg) = token_registry();
    let img = three_layers();
    reg.push_oci("tok/three", "1", &img);
    let name = format!("{}/tok/three:1", reg.addr());
    let r = store_for(&[&reg.addr()]);
    let creds = format!("{USER}:{PASS}");
    assert_eq!(r.ok(["pull", "--creds", &creds, &name]).trim(), img.id());
    assert!(
        asked(&tokens, "tok/three", &["pull"], true),
        "{}",
        tokens.log()
    );
    assert!(!r.auth_file().exists(), "--creds stores nothing");
    assert_eq!(
        r.ok([
            "run",
            "--rm",
            &name,
            "sh",
            "-c",
            "cat /srv/one /srv/two; echo $LAYERS"
        ]),
        "first\nsecond\n3\n"
    );

    // Pushed elsewhere with them (the blobs go up again into a new
    // repository), and pulled into another store.
    let copy = format!("{}/tok/copy:2", reg.addr());
    r.ok(["push", "--creds", &creds, &name, &copy]);
    assert!(
        asked(&tokens, "tok/copy", &["pull", "push"], true),
        "{}",
        tokens.log()
    );
    assert_eq!(reg.tags("tok/copy"), ["2"]);
    let r2 = store_for(&[&reg.addr()]);
    assert_eq!(r2.ok(["pull", "--creds", &creds, &copy]).trim(), img.id());

    // Wrong --creds: refused.
    let r3 = store_for(&[&reg.addr()]);
    let (code, err) = r3.fails(["pull", "--creds", &format!("{USER}:bad-one"), &copy]);
    assert_eq!(code, 125, "{err}");
    let line = error_line(&err).to_lowercase();
    assert!(
        line.contains("auth") || line.contains("invalid username/password"),
        "{err}"
    );
    assert!(!err.contains("bad-one"), "{err}");
    assert_eq!(r3.ok(["images", "-q"]), "");
}

#[test]
fn anonymous_pull_of_a_private_repository_fails_naming_authentication() {
    let (tokens, reg) = token_registry();
    let img = fixtures::busybox(&[]).gzipped();
    reg.push_oci("private/bb", "1", &img);
    let name = format!("{}/private/bb:1", reg.addr());
    let r = store_for(&[&reg.addr()]);
    let (code, err) = r.fails(["pull", &name]);
    assert_eq!(code, 125, "{err}");
    let line = error_line(&err);
    assert!(line.to_lowercase().contains("authentication"), "{err}");
    assert!(line.contains(&reg.addr()), "{err}");
    assert_eq!(r.ok(["images", "-q"]), "");
    // It asked for the repository anonymously and was granted nothing.
    let anon: Vec<_> = tokens
        .requests()
        .into_iter()
        .filter(|t| t.user.is_none() && t.scopes.iter().any(|s| s.contains("private/bb")))
        .collect();
    assert!(!anon.is_empty(), "{}", tokens.log());
    assert!(
        anon.iter().all(|t| t.granted.is_empty()),
        "{}",
        tokens.log()
    );
}

#[test]
fn anonymous_pull_of_a_public_repository_gets_a_pull_only_token() {
    let (tokens, reg) = token_registry();
    let img = fixtures::busybox(&[]).gzipped();
    reg.push_oci("public/bb", "1", &img);
    let name = format!("{}/public/bb:1", reg.addr());
    let r = store_for(&[&reg.addr()]);
    assert_eq!(r.ok(["pull", &name]).trim(), img.id());
    assert!(
        asked(&tokens, "public/bb", &["pull"], false),
        "{}",
        tokens.log()
    );
    assert!(
        tokens.requests().iter().any(|t| t.user.is_none()
            && t.granted == [("public/bb".to_string(), vec!["pull".to_string()])]),
        "{}",
        tokens.log()
    );
    // Pull-only: an anonymous push is refused.
    let (code, err) = r.fails(["push", &name, &format!("{}/public/other:1", reg.addr())]);
    assert_eq!(code, 125, "{err}");
    let line = error_line(&err).to_lowercase();
    assert!(
        line.contains("authentication") || line.contains("denied"),
        "{err}"
    );
    assert!(reg.tags("public/other").is_empty());
}

// ---- redirects ----

#[test]
fn pull_follows_blob_redirects_to_other_storage() {
    let reg = Registry::start();
    let img = three_layers();
    let m = reg.push_oci("redir/app", "1", &img);
    let front = BlobRedirector::start(&reg.addr());
    let name = format!("{}/redir/app:1", front.addr());
    let r = store_for(&[&front.addr(), &reg.addr()]);
    let out = r.run(["pull", &name]);
    let (code, stdout, stderr) = parts(&out);
    assert_eq!(
        code,
        0,
        "pull: {stdout}{stderr}\nredirected: {:?}\nrelayed: {:?}",
        front.redirected(),
        front.relayed()
    );
    assert_eq!(stdout.trim(), img.id());

    // Every blob (layers and config) was redirected, and fetched from the
    // registry itself at the redirect's address.
    let mut blobs: Vec<String> = img
        .layers
        .iter()
        .map(|(b, _)| fixtures::digest(b))
        .collect();
    blobs.push(fixtures::digest(&img.config));
    blobs.sort();
    assert_eq!(front.redirected_digests(), blobs, "{:?}", front.relayed());
    for d in &blobs {
        assert!(
            !reg.requests_for(&format!("/v2/redir/app/blobs/{d}"))
                .is_empty(),
            "{d} not fetched from the registry: {}",
            reg.log()
        );
    }
    // The manifest came through the front.
    assert!(
        front
            .relayed()
            .iter()
            .any(|l| l.starts_with("GET /v2/redir/app/manifests/")),
        "{:?}",
        front.relayed()
    );

    let doc: Value = serde_json::from_str(&r.ok(["image", "inspect", &name])).unwrap();
    let digests = doc[0]["RepoDigests"].to_string();
    assert!(
        digests.contains(&format!("{}/redir/app@{m}", front.addr())),
        "{digests}"
    );
    assert_eq!(r.ok(["run", "--rm", &name, "cat", "/srv/two"]), "second\n");
    r.ok(["system", "check"]);
}
