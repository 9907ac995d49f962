//! A real registry for the registry tests: Debian's `docker-registry`
//! (distribution v2) on 127.0.0.1 with a free port and its storage in a
//! temporary directory, open or with htpasswd basic auth. Helpers talk to it
//! over HTTP (ureq) so tests can put Docker v2 schema 2 manifests, OCI indexes
//! and the like in it without rctl, and read back what rctl pushed.
//!
//! Also here: [`StallingProxy`], a TCP relay that stops forwarding part way
//! through a big response, so a test can kill `rctl pull` mid-transfer at a
//! point it knows rather than after a guessed sleep.
//!
//! Every address used is on 127.0.0.1; nothing else is ever contacted. A
//! registry's process, and only it, is killed (by its pid) when it is dropped.
#![allow(dead_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};

use super::Rctl;
use super::fixtures::{self, Image, digest};

/// The registry server the tests run.
pub const REGISTRY_BIN: &str = "/usr/bin/docker-registry";

/// Media types the helpers write.
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
pub const DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
pub const SCHEMA1_SIGNED: &str = "application/vnd.docker.distribution.manifest.v1+prettyjws";

/// One running registry.
pub struct Registry {
    dir: tempfile::TempDir,
    child: Child,
    port: u16,
    auth: Option<(String, String)>,
    /// For a registry with token auth: the issuer whose tokens it trusts;
    /// the helpers sign their own tokens with it.
    bearer: Option<Arc<TokenIssuer>>,
    http: ureq::Agent,
}

/// A port on 127.0.0.1 that was free a moment ago (bound, then released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `127.0.0.1:PORT` where nothing listens: connections are refused.
pub fn closed_addr() -> String {
    format!("127.0.0.1:{}", free_port())
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

impl Registry {
    /// An open registry (anyone may pull and push).
    pub fn start() -> Registry {
        Self::launch(None)
    }

    /// A registry with htpasswd basic auth: only `user`/`pass` may use it.
    pub fn start_with_auth(user: &str, pass: &str) -> Registry {
        Self::launch(Some((user.to_string(), pass.to_string())))
    }

    /// A registry with bearer-token auth (`auth: token:`): it trusts the
    /// tokens of `tokens`'s issuer, and sends clients to `tokens` for them.
    pub fn start_with_token_auth(tokens: &TokenServer) -> Registry {
        Self::launch_with(None, Some(tokens))
    }

    fn launch(auth: Option<(String, String)>) -> Registry {
        Self::launch_with(auth, None)
    }

    fn launch_with(auth: Option<(String, String)>, tokens: Option<&TokenServer>) -> Registry {
        assert!(
            Path::new(REGISTRY_BIN).exists(),
            "{REGISTRY_BIN} is missing: apt-get install docker-registry apache2-utils"
        );
        let dir = tempfile::Builder::new()
            .prefix("rctl-registry-")
            .tempdir()
            .unwrap();
        if let Some((user, pass)) = &auth {
            let out = Command::new("htpasswd")
                .args(["-Bbn", user, pass])
                .output()
                .expect("htpasswd (apache2-utils) is installed");
            assert!(out.status.success(), "htpasswd failed");
            std::fs::write(dir.path().join("htpasswd"), out.stdout).unwrap();
        }
        if let Some(t) = tokens {
            std::fs::write(dir.path().join("token-ca.pem"), t.issuer().cert_pem()).unwrap();
        }
        // Another test may take the port between our probe and the server's
        // bind: then the server exits and we try another port.
        let http = agent();
        for _ in 0..20 {
            let port = free_port();
            let mut config = config_yaml(dir.path(), port, auth.is_some());
            if let Some(t) = tokens {
                config.push_str(&token_auth_yaml(dir.path(), t));
            }
            std::fs::write(dir.path().join("config.yml"), config).unwrap();
            let log = File::create(dir.path().join("registry.log")).unwrap();
            let mut child = Command::new(REGISTRY_BIN)
                .arg("serve")
                .arg(dir.path().join("config.yml"))
                .env_clear()
                .env("PATH", "/usr/bin:/bin")
                .stdin(Stdio::null())
                .stdout(log.try_clone().unwrap())
                .stderr(log)
                .spawn()
                .unwrap();
            if wait_ready(&mut child, &http, dir.path(), port) {
                return Registry {
                    dir,
                    child,
                    port,
                    auth,
                    bearer: tokens.map(|t| t.issuer().clone()),
                    http,
                };
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("docker-registry did not start on any port");
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr(), path)
    }

    /// The registry's temporary directory (config, log, htpasswd, storage).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The filesystem storage's root directory.
    pub fn storage_dir(&self) -> PathBuf {
        self.dir.path().join("storage")
    }

    /// Where the registry keeps blob `sha256:<hex>`.
    pub fn blob_data_path(&self, digest: &str) -> PathBuf {
        let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
        self.storage_dir()
            .join("docker/registry/v2/blobs/sha256")
            .join(&hex[..2])
            .join(hex)
            .join("data")
    }

    /// The server's log so far: its access log and its own messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("registry.log")).unwrap_or_default()
    }

    /// Lines of the access log naming `path` (e.g. `/v2/repo/manifests/tag`),
    /// of requests by clients other than these helpers (whose user agent is
    /// ureq's).
    pub fn requests_for(&self, path: &str) -> Vec<String> {
        self.log()
            .lines()
            .filter(|l| l.contains(" HTTP/1.1\" ") && !l.contains("\"ureq/"))
            .filter(|l| l.contains(path))
            .map(str::to_string)
            .collect()
    }

    /// Whether any client request for repository `repo` reached this server.
    pub fn saw_repo(&self, repo: &str) -> bool {
        !self.requests_for(&format!("/v2/{repo}/")).is_empty()
    }

    fn with_auth<B>(&self, req: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        if let Some(issuer) = &self.bearer {
            // A token of our own for the repository the request names, with
            // every right on it.
            let repo = req
                .uri_ref()
                .and_then(|u| repo_of_path(u.path()))
                .unwrap_or_default();
            let token = issuer.token("rctl-test-harness", &[(repo, vec!["*".to_string()])]);
            return req.header("Authorization", format!("Bearer {token}"));
        }
        match &self.auth {
            Some((u, p)) => {
                let token = base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}"));
                req.header("Authorization", format!("Basic {token}"))
            }
            None => req,
        }
    }

    /// GET `path`: (status, content type, body).
    pub fn get(&self, path: &str, accept: &str) -> (u16, String, Vec<u8>) {
        let req = self.with_auth(self.http.get(self.url(path)).header("Accept", accept));
        let mut resp = req.call().unwrap();
        let ct = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = resp
            .body_mut()
            .with_config()
            .limit(u64::MAX)
            .read_to_vec()
            .unwrap();
        (resp.status().as_u16(), ct, body)
    }

    /// The manifest `repo:reference` (tag or digest) as stored: (content
    /// type, bytes). Panics if there is none.
    pub fn manifest(&self, repo: &str, reference: &str) -> (String, Vec<u8>) {
        let accept = [
            OCI_MANIFEST,
            OCI_INDEX,
            DOCKER_MANIFEST,
            DOCKER_LIST,
            SCHEMA1_SIGNED,
        ]
        .join(", ");
        let (status, ct, body) = self.get(&format!("/v2/{repo}/manifests/{reference}"), &accept);
        assert_eq!(
            status,
            200,
            "manifest {repo}:{reference} in {}: {}",
            self.addr(),
            String::from_utf8_lossy(&body)
        );
        (ct, body)
    }

    /// The manifest as JSON.
    pub fn manifest_json(&self, repo: &str, reference: &str) -> Value {
        serde_json::from_slice(&self.manifest(repo, reference).1).unwrap()
    }

    /// Blob `digest` of `repo`.
    pub fn blob(&self, repo: &str, digest: &str) -> Vec<u8> {
        let (status, _, body) = self.get(&format!("/v2/{repo}/blobs/{digest}"), "*/*");
        assert_eq!(status, 200, "blob {digest} of {repo}");
        body
    }

    /// The tags of `repo` (empty if it does not exist).
    pub fn tags(&self, repo: &str) -> Vec<String> {
        let (status, _, body) = self.get(&format!("/v2/{repo}/tags/list"), "application/json");
        if status != 200 {
            return Vec::new();
        }
        let v: Value = serde_json::from_slice(&body).unwrap();
        let mut tags: Vec<String> = v["tags"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|t| t.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        tags.sort();
        tags
    }

    /// Uploads `bytes` as a blob of `repo` (monolithic: POST, then PUT with
    /// the digest); returns its digest.
    pub fn upload_blob(&self, repo: &str, bytes: &[u8]) -> String {
        let d = digest(bytes);
        let mut resp = self
            .with_auth(
                self.http
                    .post(self.url(&format!("/v2/{repo}/blobs/uploads/"))),
            )
            .send_empty()
            .unwrap();
        assert_eq!(
            resp.status().as_u16(),
            202,
            "start upload to {repo}: {}",
            resp.body_mut().read_to_string().unwrap_or_default()
        );
        let location = resp
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .expect("upload location")
            .to_string();
        let location = if location.starts_with('/') {
            self.url(&location)
        } else {
            location
        };
        let sep = if location.contains('?') { '&' } else { '?' };
        let mut resp = self
            .with_auth(self.http.put(format!("{location}{sep}digest={d}")))
            .header("Content-Type", "application/octet-stream")
            .send(bytes)
            .unwrap();
        assert_eq!(
            resp.status().as_u16(),
            201,
            "finish upload of {d} to {repo}: {}",
            resp.body_mut().read_to_string().unwrap_or_default()
        );
        d
    }

    /// Puts a manifest as `repo:reference`; returns its digest.
    pub fn put_manifest(
        &self,
        repo: &str,
        reference: &str,
        media_type: &str,
        bytes: &[u8],
    ) -> String {
        let mut resp = self
            .with_auth(
                self.http
                    .put(self.url(&format!("/v2/{repo}/manifests/{reference}"))),
            )
            .header("Content-Type", media_type)
            .send(bytes)
            .unwrap();
        assert_eq!(
            resp.status().as_u16(),
            201,
            "put manifest {repo}:{reference}: {}",
            resp.body_mut().read_to_string().unwrap_or_default()
        );
        digest(bytes)
    }

    /// Uploads `img`'s layer blobs (as they are: plain, gzip or zstd) and
    /// config, and tags an OCI manifest for it `repo:tag`; returns the
    /// manifest digest.
    pub fn push_oci(&self, repo: &str, tag: &str, img: &Image) -> String {
        self.upload_image_blobs(repo, img);
        self.put_manifest(repo, tag, OCI_MANIFEST, &fixtures::oci_manifest(img))
    }

    /// The same with a Docker v2 schema 2 manifest (layers must be gzip).
    pub fn push_docker(&self, repo: &str, tag: &str, img: &Image) -> String {
        self.upload_image_blobs(repo, img);
        self.put_manifest(repo, tag, DOCKER_MANIFEST, &docker_manifest(img))
    }

    /// Uploads the blobs of `img`.
    pub fn upload_image_blobs(&self, repo: &str, img: &Image) {
        for (blob, _) in &img.layers {
            self.upload_blob(repo, blob);
        }
        self.upload_blob(repo, &img.config);
    }

    /// Pushes each image by digest and tags an OCI index of them `repo:tag`,
    /// each entry with its platform (`{"os": .., "architecture": ..}`);
    /// returns (index digest, the manifests' digests).
    pub fn push_index(
        &self,
        repo: &str,
        tag: &str,
        images: &[(&Image, Value)],
    ) -> (String, Vec<String>) {
        self.push_list(repo, tag, OCI_INDEX, OCI_MANIFEST, images)
    }

    /// The same as a Docker manifest list of v2 schema 2 manifests (layers
    /// must be gzip).
    pub fn push_manifest_list(
        &self,
        repo: &str,
        tag: &str,
        images: &[(&Image, Value)],
    ) -> (String, Vec<String>) {
        self.push_list(repo, tag, DOCKER_LIST, DOCKER_MANIFEST, images)
    }

    fn push_list(
        &self,
        repo: &str,
        tag: &str,
        list_type: &str,
        manifest_type: &str,
        images: &[(&Image, Value)],
    ) -> (String, Vec<String>) {
        let mut entries = Vec::new();
        let mut digests = Vec::new();
        for (img, platform) in images {
            self.upload_image_blobs(repo, img);
            let m = if manifest_type == DOCKER_MANIFEST {
                docker_manifest(img)
            } else {
                fixtures::oci_manifest(img)
            };
            let d = self.put_manifest(repo, &digest(&m), manifest_type, &m);
            entries.push(json!({
                "mediaType": manifest_type,
                "digest": d,
                "size": m.len(),
                "platform": platform,
            }));
            digests.push(d);
        }
        let list = serde_json::to_vec(&json!({
            "schemaVersion": 2,
            "mediaType": list_type,
            "manifests": entries,
        }))
        .unwrap();
        (self.put_manifest(repo, tag, list_type, &list), digests)
    }

    /// Stores `bytes` as manifest `repo:tag` by writing the registry's
    /// storage directly, bypassing the API's checks (for manifests the API
    /// no longer accepts, such as schema 1). Returns its digest.
    pub fn inject_manifest(&self, repo: &str, tag: &str, bytes: &[u8]) -> String {
        let d = digest(bytes);
        let hex = &d["sha256:".len()..];
        let data = self.blob_data_path(&d);
        std::fs::create_dir_all(data.parent().unwrap()).unwrap();
        std::fs::write(&data, bytes).unwrap();
        let m = self
            .storage_dir()
            .join("docker/registry/v2/repositories")
            .join(repo)
            .join("_manifests");
        let links = [
            m.join("revisions/sha256").join(hex).join("link"),
            m.join("tags").join(tag).join("current/link"),
            m.join("tags")
                .join(tag)
                .join("index/sha256")
                .join(hex)
                .join("link"),
        ];
        for l in links {
            std::fs::create_dir_all(l.parent().unwrap()).unwrap();
            std::fs::write(l, &d).unwrap();
        }
        d
    }
}

/// Waits until `child` (not some other server on the port) answers /v2/;
/// false if it exited (port taken) or never came up.
fn wait_ready(child: &mut Child, http: &ureq::Agent, dir: &Path, port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        let log = std::fs::read_to_string(dir.join("registry.log")).unwrap_or_default();
        if log.contains("listening on")
            && let Ok(resp) = http.get(format!("http://127.0.0.1:{port}/v2/")).call()
            && matches!(resp.status().as_u16(), 200 | 401)
            && child.try_wait().unwrap().is_none()
        {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

impl Drop for Registry {
    fn drop(&mut self) {
        // Our own child, by its pid; nothing else.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn config_yaml(dir: &Path, port: u16, auth: bool) -> String {
    let mut c = format!(
        "version: 0.1
log:
  level: info
  accesslog:
    disabled: false
  fields:
    service: registry
storage:
  filesystem:
    rootdirectory: {root}
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:{port}
  headers:
    X-Content-Type-Options: [nosniff]
compatibility:
  schema1:
    enabled: true
",
        root = dir.join("storage").display()
    );
    if auth {
        c.push_str(&format!(
            "auth:
  htpasswd:
    realm: rctl-test
    path: {}
",
            dir.join("htpasswd").display()
        ));
    }
    c
}

/// A Docker v2 schema 2 manifest for `img` (its layers gzip blobs).
pub fn docker_manifest(img: &Image) -> Vec<u8> {
    let layers: Vec<Value> = img
        .layers
        .iter()
        .map(|(b, _)| json!({"mediaType": DOCKER_LAYER_GZIP, "digest": digest(b), "size": b.len()}))
        .collect();
    serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": DOCKER_MANIFEST,
        "config": {"mediaType": DOCKER_CONFIG, "digest": digest(&img.config), "size": img.config.len()},
        "layers": layers,
    }))
    .unwrap()
}

/// A schema 1 manifest's payload, unsigned: what the registry stores. Put in
/// with [`Registry::inject_manifest`], it is served signed by the registry's
/// own key (so the served bytes differ from the digest, which is the
/// payload's, as on any registry that still serves schema 1).
pub fn schema1_manifest(name: &str, tag: &str, layer_digest: &str) -> Vec<u8> {
    serde_json::to_vec_pretty(&json!({
        "schemaVersion": 1,
        "name": name,
        "tag": tag,
        "architecture": "amd64",
        "fsLayers": [{"blobSum": layer_digest}],
        "history": [{"v1Compatibility": "{\"id\":\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"os\":\"linux\",\"architecture\":\"amd64\"}"}],
    }))
    .unwrap()
}

/// registries.conf text that marks each of `addrs` insecure (plain HTTP).
pub fn insecure_conf(addrs: &[&str]) -> String {
    addrs
        .iter()
        .map(|a| format!("[[registry]]\nlocation = \"{a}\"\ninsecure = true\n\n"))
        .collect()
}

impl Rctl {
    /// Writes this test's registries.conf (what rctl reads through
    /// `$CONTAINERS_REGISTRIES_CONF`).
    pub fn registries_conf(&self, text: &str) {
        std::fs::write(self.dir().join("registries.conf"), text).unwrap();
    }

    /// This test's auth file (`$REGISTRY_AUTH_FILE`).
    pub fn auth_file(&self) -> PathBuf {
        self.dir().join("auth.json")
    }
}

/// A TCP relay on 127.0.0.1 to `target`: forwards both ways until one
/// connection has carried `stall_after` bytes from the server, then holds
/// that connection (forwarding nothing more on it) until [`release`] or
/// drop. Other connections are relayed as usual, so small downloads beside
/// the big one finish.
///
/// [`release`]: StallingProxy::release
pub struct StallingProxy {
    port: u16,
    stalled: Arc<AtomicBool>,
    released: Arc<AtomicBool>,
    cut: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    accept: Option<std::thread::JoinHandle<()>>,
}

impl StallingProxy {
    /// A relay to `target` (`127.0.0.1:PORT`).
    pub fn start(target: &str, stall_after: u64) -> StallingProxy {
        assert!(target.starts_with("127.0.0.1:"), "only loopback: {target}");
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let stalled = Arc::new(AtomicBool::new(false));
        let released = Arc::new(AtomicBool::new(false));
        let cut = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let target = target.to_string();
        let (st, rel, ct, sp) = (stalled.clone(), released.clone(), cut.clone(), stop.clone());
        let accept = std::thread::spawn(move || {
            while !sp.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        client.set_nonblocking(false).unwrap();
                        let Ok(server) = TcpStream::connect(&target) else {
                            continue;
                        };
                        relay(
                            client,
                            server,
                            Hold {
                                after: stall_after,
                                count: Arc::new(AtomicU64::new(0)),
                                stalled: st.clone(),
                                released: rel.clone(),
                                cut: ct.clone(),
                                stop: sp.clone(),
                            },
                        );
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        StallingProxy {
            port,
            stalled,
            released,
            cut,
            stop,
            accept: Some(accept),
        }
    }

    /// `127.0.0.1:PORT` of the relay.
    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Whether a connection is being held.
    pub fn stalled(&self) -> bool {
        self.stalled.load(Ordering::SeqCst)
    }

    /// From now on relays everything, holding nothing.
    pub fn release(&self) {
        self.released.store(true, Ordering::SeqCst);
    }

    /// Closes a held connection, as a network that goes away does.
    pub fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
    }
}

impl Drop for StallingProxy {
    fn drop(&mut self) {
        self.released.store(true, Ordering::SeqCst);
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

fn relay(client: TcpStream, server: TcpStream, hold: Hold) {
    let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
    // Client to server: as is.
    std::thread::spawn(move || pipe(client, server, None));
    // Server to client: counted, and held past the limit.
    std::thread::spawn(move || pipe(s2, c2, Some(hold)));
}

struct Hold {
    after: u64,
    count: Arc<AtomicU64>,
    stalled: Arc<AtomicBool>,
    released: Arc<AtomicBool>,
    cut: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
}

fn pipe(mut from: TcpStream, mut to: TcpStream, hold: Option<Hold>) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if let Some(h) = &hold {
            let total = h.count.fetch_add(n as u64, Ordering::SeqCst) + n as u64;
            if total > h.after && !h.released.load(Ordering::SeqCst) {
                h.stalled.store(true, Ordering::SeqCst);
                while !h.released.load(Ordering::SeqCst) && !h.stop.load(Ordering::SeqCst) {
                    if h.cut.load(Ordering::SeqCst) {
                        let _ = to.shutdown(Shutdown::Both);
                        let _ = from.shutdown(Shutdown::Both);
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(Shutdown::Write);
    let _ = from.shutdown(Shutdown::Read);
}

// ---- bearer-token auth ----

/// The repository a registry API path names (`/v2/<repo>/manifests/..`,
/// `/blobs/..`, `/tags/..`), if any.
pub fn repo_of_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/v2/")?;
    ["/manifests/", "/blobs/", "/tags/"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .map(|i| rest[..i].to_string())
}

fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A token issuer: an ECDSA P-256 key made at test time and a self-signed
/// certificate for it (what the registry's `rootcertbundle` holds). Its
/// tokens are JWTs signed ES256 that carry the certificate in `x5c`, as
/// distribution's token auth expects.
pub struct TokenIssuer {
    /// The `iss` of its tokens (the registry's `issuer`).
    pub issuer: String,
    /// The `aud` of its tokens (the registry's `service`).
    pub service: String,
    key: ring::signature::EcdsaKeyPair,
    rng: ring::rand::SystemRandom,
    cert_der: Vec<u8>,
    cert_pem: String,
}

impl TokenIssuer {
    /// A fresh key and certificate.
    pub fn new() -> Arc<TokenIssuer> {
        use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair};
        let rng = ring::rand::SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
        let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng)
            .unwrap();
        let cert_key = rcgen::KeyPair::try_from(pkcs8.as_ref()).unwrap();
        let mut params =
            rcgen::CertificateParams::new(vec!["rctl-test-token-issuer".to_string()]).unwrap();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "rctl test token issuer");
        let cert = params.self_signed(&cert_key).unwrap();
        Arc::new(TokenIssuer {
            issuer: "rctl-test-issuer".to_string(),
            service: "rctl-test-registry".to_string(),
            key,
            rng,
            cert_der: cert.der().to_vec(),
            cert_pem: cert.pem(),
        })
    }

    /// The certificate, PEM.
    pub fn cert_pem(&self) -> &str {
        &self.cert_pem
    }

    /// A token for `subject` granting, per repository, those actions.
    pub fn token(&self, subject: &str, access: &[(String, Vec<String>)]) -> String {
        let header = json!({
            "typ": "JWT",
            "alg": "ES256",
            "x5c": [base64::engine::general_purpose::STANDARD.encode(&self.cert_der)],
        });
        let mut jti = [0u8; 16];
        ring::rand::SecureRandom::fill(&self.rng, &mut jti).unwrap();
        let now = unix_now();
        let access: Vec<Value> = access
            .iter()
            .map(|(name, actions)| json!({"type": "repository", "name": name, "actions": actions}))
            .collect();
        let claims = json!({
            "iss": self.issuer,
            "sub": subject,
            "aud": self.service,
            "exp": now + 600,
            "nbf": now - 10,
            "iat": now,
            "jti": hex::encode(jti),
            "access": access,
        });
        let signing_input = format!(
            "{}.{}",
            b64url(header.to_string().as_bytes()),
            b64url(claims.to_string().as_bytes())
        );
        let sig = self.key.sign(&self.rng, signing_input.as_bytes()).unwrap();
        format!("{signing_input}.{}", b64url(sig.as_ref()))
    }
}

/// The `auth: token:` section of a registry's config trusting `t`.
fn token_auth_yaml(dir: &Path, t: &TokenServer) -> String {
    format!(
        "auth:
  token:
    realm: {realm}
    service: {service}
    issuer: {issuer}
    rootcertbundle: {bundle}
",
        realm = t.realm(),
        service = t.issuer().service,
        issuer = t.issuer().issuer,
        bundle = dir.join("token-ca.pem").display()
    )
}

/// One request the token server answered.
#[derive(Clone, Debug)]
pub struct TokenRequest {
    /// The user of the request's basic credentials, if it had any.
    pub user: Option<String>,
    /// Whether those credentials were right.
    pub authenticated: bool,
    /// `service=` of the query.
    pub service: Option<String>,
    /// `scope=` of the query, each scope on its own.
    pub scopes: Vec<String>,
    /// What the token granted: (repository, actions).
    pub granted: Vec<(String, Vec<String>)>,
    /// The HTTP status of the answer.
    pub status: u16,
}

/// A token server on 127.0.0.1 (`GET /token`), as Docker Hub's, Harbor's or
/// quay's: with the right basic credentials a token grants what the scope
/// asks; with wrong ones it answers 401; anonymous requests get pull access
/// to repositories under `public/` and nothing else.
pub struct TokenServer {
    port: u16,
    issuer: Arc<TokenIssuer>,
    requests: Arc<std::sync::Mutex<Vec<TokenRequest>>>,
    stop: Arc<AtomicBool>,
    accept: Option<std::thread::JoinHandle<()>>,
}

impl TokenServer {
    /// A server whose one account is `user`/`pass`.
    pub fn start(user: &str, pass: &str) -> TokenServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let issuer = TokenIssuer::new();
        let requests = Arc::new(std::sync::Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (iss, reqs, sp) = (issuer.clone(), requests.clone(), stop.clone());
        let account = (user.to_string(), pass.to_string());
        let accept = std::thread::spawn(move || {
            while !sp.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        client.set_nonblocking(false).unwrap();
                        let (iss, reqs, account) = (iss.clone(), reqs.clone(), account.clone());
                        std::thread::spawn(move || serve_token(client, &iss, &reqs, &account));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        TokenServer {
            port,
            issuer,
            requests,
            stop,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT/token`: the registry's `realm`.
    pub fn realm(&self) -> String {
        format!("http://127.0.0.1:{}/token", self.port)
    }

    /// The issuer whose key signs the tokens.
    pub fn issuer(&self) -> &Arc<TokenIssuer> {
        &self.issuer
    }

    /// The requests answered so far.
    pub fn requests(&self) -> Vec<TokenRequest> {
        self.requests.lock().unwrap().clone()
    }

    /// The requests as text, one a line: status, user, scopes asked for and
    /// granted.
    pub fn log(&self) -> String {
        self.requests()
            .iter()
            .map(|r| {
                let granted: Vec<String> = r
                    .granted
                    .iter()
                    .map(|(n, a)| format!("repository:{n}:{}", a.join(",")))
                    .collect();
                format!(
                    "{} user={} authenticated={} service={} scope={} granted={}\n",
                    r.status,
                    r.user.as_deref().unwrap_or("-"),
                    r.authenticated,
                    r.service.as_deref().unwrap_or("-"),
                    r.scopes.join(" "),
                    granted.join(" ")
                )
            })
            .collect()
    }
}

impl Drop for TokenServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

/// What the token server grants of `scope` (`repository:NAME:ACTIONS`).
fn grant(authenticated: bool, scope: &str) -> Option<(String, Vec<String>)> {
    let (kind, rest) = scope.split_once(':')?;
    let (name, actions) = rest.rsplit_once(':')?;
    if kind != "repository" {
        return None;
    }
    let actions: Vec<String> = actions
        .split(',')
        .filter(|a| authenticated || (*a == "pull" && name.starts_with("public/")))
        .map(str::to_string)
        .collect();
    (!actions.is_empty()).then(|| (name.to_string(), actions))
}

fn serve_token(
    mut client: TcpStream,
    issuer: &TokenIssuer,
    requests: &std::sync::Mutex<Vec<TokenRequest>>,
    account: &(String, String),
) {
    let Some((head, _)) = read_head(&mut client) else {
        return;
    };
    let req = parse_head(&head);
    let (path, query) = req.target.split_once('?').unwrap_or((&req.target, ""));
    if req.method != "GET" || path != "/token" {
        respond(&mut client, 404, "Not Found", &[], b"");
        return;
    }
    let mut service = None;
    let mut scopes = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = percent_decode(v);
        match k {
            "service" => service = Some(v),
            "scope" => scopes.extend(v.split(' ').filter(|s| !s.is_empty()).map(String::from)),
            _ => {}
        }
    }
    let basic = req
        .header("authorization")
        .and_then(|h| {
            h.strip_prefix("Basic ")
                .or_else(|| h.strip_prefix("basic "))
        })
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| {
            s.split_once(':')
                .map(|(u, p)| (u.to_string(), p.to_string()))
        });
    let user = basic.as_ref().map(|(u, _)| u.clone());
    let authenticated = basic.as_ref() == Some(account);
    let mut record = TokenRequest {
        user: user.clone(),
        authenticated,
        service,
        scopes: scopes.clone(),
        granted: Vec::new(),
        status: 200,
    };
    if basic.is_some() && !authenticated {
        record.status = 401;
        requests.lock().unwrap().push(record);
        respond(
            &mut client,
            401,
            "Unauthorized",
            &[
                ("Content-Type", "application/json"),
                ("WWW-Authenticate", "Basic realm=\"rctl-test-token\""),
            ],
            br#"{"details":"incorrect username or password"}"#,
        );
        return;
    }
    record.granted = scopes
        .iter()
        .filter_map(|s| grant(authenticated, s))
        .collect();
    let token = issuer.token(user.as_deref().unwrap_or(""), &record.granted);
    requests.lock().unwrap().push(record);
    let body = json!({"token": token, "access_token": token, "expires_in": 600});
    respond(
        &mut client,
        200,
        "OK",
        &[("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    );
}

// ---- a hand-written HTTP/1.1 server side, one request per connection ----

struct RequestHead {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
}

impl RequestHead {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Reads up to the end of a request's head: (head, bytes read past it).
fn read_head(s: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let rest = buf.split_off(i + 4);
            return Some((String::from_utf8_lossy(&buf).into_owned(), rest));
        }
        if buf.len() > 1 << 20 {
            return None;
        }
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

fn parse_head(head: &str) -> RequestHead {
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("").to_string();
    let target = first.next().unwrap_or("").to_string();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    RequestHead {
        method,
        target,
        headers,
    }
}

fn respond(s: &mut TcpStream, status: u16, reason: &str, headers: &[(&str, &str)], body: &[u8]) {
    let mut out = format!("HTTP/1.1 {status} {reason}\r\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let _ = s.write_all(out.as_bytes());
    let _ = s.write_all(body);
    let _ = s.flush();
    let _ = s.shutdown(Shutdown::Both);
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---- redirects to blob storage ----

/// An HTTP front on 127.0.0.1 for the registry at `target`: it relays every
/// request to it, except blob GETs (`/v2/<name>/blobs/sha256:..`), which it
/// answers `307 Temporary Redirect` to the registry's own URL of that blob,
/// as registries that keep blobs in S3 or a CDN do.
pub struct BlobRedirector {
    port: u16,
    redirected: Arc<std::sync::Mutex<Vec<String>>>,
    relayed: Arc<std::sync::Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    accept: Option<std::thread::JoinHandle<()>>,
}

impl BlobRedirector {
    /// A front for `target` (`127.0.0.1:PORT`).
    pub fn start(target: &str) -> BlobRedirector {
        assert!(target.starts_with("127.0.0.1:"), "only loopback: {target}");
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let redirected = Arc::new(std::sync::Mutex::new(Vec::new()));
        let relayed = Arc::new(std::sync::Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let target = target.to_string();
        let (rd, rl, sp) = (redirected.clone(), relayed.clone(), stop.clone());
        let accept = std::thread::spawn(move || {
            while !sp.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        client.set_nonblocking(false).unwrap();
                        let (target, rd, rl) = (target.clone(), rd.clone(), rl.clone());
                        std::thread::spawn(move || front(client, &target, &rd, &rl));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        BlobRedirector {
            port,
            redirected,
            relayed,
            stop,
            accept: Some(accept),
        }
    }

    /// `127.0.0.1:PORT` of the front.
    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The paths of the blob GETs answered with a redirect, in order.
    pub fn redirected(&self) -> Vec<String> {
        self.redirected.lock().unwrap().clone()
    }

    /// The digests of the redirected blobs, sorted, each once.
    pub fn redirected_digests(&self) -> Vec<String> {
        let mut d: Vec<String> = self
            .redirected()
            .iter()
            .filter_map(|p| p.rsplit_once("/blobs/").map(|(_, d)| d.to_string()))
            .collect();
        d.sort();
        d.dedup();
        d
    }

    /// `METHOD PATH` of each request relayed to the registry.
    pub fn relayed(&self) -> Vec<String> {
        self.relayed.lock().unwrap().clone()
    }
}

impl Drop for BlobRedirector {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

fn front(
    mut client: TcpStream,
    target: &str,
    redirected: &std::sync::Mutex<Vec<String>>,
    relayed: &std::sync::Mutex<Vec<String>>,
) {
    let Some((head, rest)) = read_head(&mut client) else {
        return;
    };
    let req = parse_head(&head);
    let path = req.target.split('?').next().unwrap_or("");
    let is_blob_get = req.method == "GET"
        && path
            .rsplit_once("/blobs/")
            .is_some_and(|(p, d)| p.starts_with("/v2/") && d.starts_with("sha256:"));
    if is_blob_get {
        redirected.lock().unwrap().push(path.to_string());
        let location = format!("http://{target}{}", req.target);
        respond(
            &mut client,
            307,
            "Temporary Redirect",
            &[("Location", &location)],
            b"",
        );
        return;
    }
    relayed
        .lock()
        .unwrap()
        .push(format!("{} {}", req.method, path));
    let Ok(mut server) = TcpStream::connect(target) else {
        respond(&mut client, 502, "Bad Gateway", &[], b"");
        return;
    };
    // The same request, on a connection of its own that the registry closes
    // after answering (and says so to the client).
    let mut out = format!("{} {} HTTP/1.1\r\n", req.method, req.target);
    for (k, v) in &req.headers {
        if !k.eq_ignore_ascii_case("connection") && !k.eq_ignore_ascii_case("keep-alive") {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    out.push_str("Connection: close\r\n\r\n");
    if server.write_all(out.as_bytes()).is_err() || server.write_all(&rest).is_err() {
        return;
    }
    // Any rest of the request body, as it comes; the answer, to its end.
    let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
    std::thread::spawn(move || pipe(c2, s2, None));
    pipe(server, client, None);
}
