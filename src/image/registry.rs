//! The registry client: one repository at one registry endpoint, spoken to
//! with the oci-client crate (OCI distribution v2 over rustls, so the binary
//! stays static; anonymous, basic and bearer-token auth; redirects followed).
//!
//! Async stays in here. A [`Remote`] owns a small tokio runtime for one
//! command's registry work, and is dropped (its threads joined) before
//! anything forks (DESIGN: fork only from a single-threaded process). Its
//! methods block; blob downloads are read as a plain [`Read`] that pulls bytes
//! off the connection as they are asked for, so a layer is never held whole
//! in memory.

use std::collections::HashMap;
use std::io::{self, Read};
use std::sync::Mutex;
use std::time::Duration;

use bytes::Bytes;
use oci_client::client::{ClientConfig, ClientProtocol, SizedStream};
use oci_client::errors::{OciDistributionError, OciErrorCode};
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, RegistryOperation};
use tokio_util::io::{StreamReader, SyncIoBridge};

use super::auth::{AuthFiles, Credentials};
use super::digest::Digest;
use super::registries::Endpoint;

/// OCI image manifest.
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
/// OCI image index.
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
/// Docker image manifest, schema 2.
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
/// Docker manifest list.
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
/// Docker schema 1, asked for only to refuse it by name.
const SCHEMA1: [&str; 2] = [
    "application/vnd.docker.distribution.manifest.v1+prettyjws",
    "application/vnd.docker.distribution.manifest.v1+json",
];
/// The largest manifest or config rctl reads into memory.
const SMALL_BLOB_LIMIT: u64 = 32 << 20;
const USER_AGENT: &str = concat!("rctl/", env!("CARGO_PKG_VERSION"));

/// Errors talking to a registry. Each names what was being fetched or sent.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// Nothing answers at the registry's address.
    #[error("{what}: cannot connect to {registry}: {why}")]
    Unreachable {
        /// What was being fetched or sent.
        what: String,
        /// The registry.
        registry: String,
        /// The cause.
        why: String,
    },
    /// The registry has no such repository, manifest or blob.
    #[error("{what}: {why}")]
    NotFound {
        /// What was asked for.
        what: String,
        /// The registry's words.
        why: String,
    },
    /// The registry wants credentials, or refused the ones given.
    #[error(
        "{what}: authentication required or access denied (log in with `rctl login {registry}` or pass --creds)"
    )]
    Unauthorized {
        /// What was asked for.
        what: String,
        /// The registry.
        registry: String,
    },
    /// `login` was given credentials the registry refuses.
    #[error("logging into {registry:?}: invalid username/password")]
    BadCredentials {
        /// The registry.
        registry: String,
    },
    /// What the registry sent is not something rctl can use.
    #[error("{what}: {why}")]
    Invalid {
        /// What was fetched.
        what: String,
        /// What is wrong with it.
        why: String,
    },
    /// Any other failure the registry reported.
    #[error("{what}: {why}")]
    Failed {
        /// What was being fetched or sent.
        what: String,
        /// The cause.
        why: String,
    },
    /// The I/O runtime could not start.
    #[error("starting the registry client: {0}")]
    Runtime(io::Error),
}

impl RegistryError {
    /// Whether another place (a further search registry, the location
    /// behind a mirror) may still have what this one did not give.
    pub fn try_elsewhere(&self) -> bool {
        matches!(
            self,
            RegistryError::NotFound { .. }
                | RegistryError::Unauthorized { .. }
                | RegistryError::Unreachable { .. }
        )
    }
}

/// What a manifest turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManifestKind {
    /// One image (OCI manifest or Docker schema 2).
    Image,
    /// Several images by platform (OCI index or Docker manifest list).
    Index,
}

/// A manifest as fetched: its bytes, their digest, what it is.
#[derive(Clone, Debug)]
pub struct Manifest {
    /// The bytes as the registry sent them (digests cover these).
    pub bytes: Vec<u8>,
    /// Their digest.
    pub digest: Digest,
    /// Its media type.
    pub media_type: String,
    /// Image or index.
    pub kind: ManifestKind,
}

/// Where a command's credentials come from.
#[derive(Clone, Debug)]
pub struct CredentialSource {
    /// `--creds`, used for every registry when given.
    pub explicit: Option<Credentials>,
    /// The credential files (`login`'s auth.json, docker's config.json).
    pub files: AuthFiles,
}

impl CredentialSource {
    /// The credentials for `repository` (`host/path`), if any.
    pub fn lookup(&self, repository: &str) -> Option<Credentials> {
        self.explicit
            .clone()
            .or_else(|| self.files.lookup(repository))
    }
}

/// The registry work of one command: a runtime, connections, credentials.
pub struct Remote {
    rt: tokio::runtime::Runtime,
    creds: CredentialSource,
    /// Per host: the client speaking to it (connections are pooled in it).
    clients: Mutex<HashMap<String, (Client, bool)>>,
}

impl Remote {
    /// Starts the I/O runtime. Call it after any user-namespace change, and
    /// drop the Remote before forking.
    pub fn new(creds: CredentialSource) -> Result<Remote, RegistryError> {
        // rustls without a built-in provider: install ring's (once per process).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("rctl-io")
            .enable_all()
            .build()
            .map_err(RegistryError::Runtime)?;
        Ok(Remote {
            rt,
            creds,
            clients: Mutex::new(HashMap::new()),
        })
    }

    /// The repository `endpoint` names, ready for `op`.
    pub fn open(
        &self,
        endpoint: &Endpoint,
        op: RegistryOperation,
    ) -> Result<Repository<'_>, RegistryError> {
        let r = &endpoint.reference;
        let host = r.domain().unwrap_or(super::reference::DOCKER_DOMAIN);
        let (client, open) = self.client(host, endpoint.insecure)?;
        let auth = match self.creds.lookup(&r.repository()) {
            Some(c) => RegistryAuth::Basic(c.user, c.password.expose().to_string()),
            None => RegistryAuth::Anonymous,
        };
        let name = oci_client::Reference::with_tag(
            host.to_string(),
            r.path().to_string(),
            "latest".to_string(),
        );
        self.rt.block_on(async {
            // oci-client asks /v2/ again before each request to a registry
            // it holds credentials for until it has a token, and an open
            // registry never gives one: told of none, pushes skip that.
            // (Its manifest and tag calls record anonymous access anyway,
            // so a pull from an open registry still pays one loopback-cheap
            // GET per request; token registries are asked once.)
            if !(open && matches!(auth, RegistryAuth::Anonymous)) {
                client
                    .store_auth_if_needed(name.resolve_registry(), &auth)
                    .await;
            }
            // Ask for a token up front so that a bad password is reported as
            // such, not as a 404 of an anonymous request.
            if !matches!(auth, RegistryAuth::Anonymous) {
                client
                    .auth(&name, &auth, op)
                    .await
                    .map_err(|e| classify(e, &r.repository(), host))?;
            }
            Ok::<(), RegistryError>(())
        })?;
        Ok(Repository {
            remote: self,
            client,
            name,
            repository: r.repository(),
            host: host.to_string(),
        })
    }

    /// The client for `host`, and whether the registry is open (needs no
    /// credentials); for an insecure registry, HTTPS without certificate
    /// checks if it answers that way, else plain HTTP.
    fn client(&self, host: &str, insecure: bool) -> Result<(Client, bool), RegistryError> {
        let key = format!("{host}|{insecure}");
        if let Some(c) = self.clients.lock().expect("lock").get(&key) {
            return Ok(c.clone());
        }
        let (https, open) = match self.rt.block_on(probe(host, "https", insecure)) {
            Some(open) => (true, open),
            None if insecure => (
                false,
                self.rt.block_on(probe(host, "http", true)) == Some(true),
            ),
            None => (true, false),
        };
        let protocol = if https {
            ClientProtocol::Https
        } else {
            tracing::debug!("{host}: no HTTPS, using plain HTTP (insecure registry)");
            ClientProtocol::Http
        };
        let config = ClientConfig {
            protocol,
            accept_invalid_certificates: insecure,
            use_monolithic_push: true,
            platform_resolver: None,
            connect_timeout: Some(Duration::from_secs(30)),
            read_timeout: Some(Duration::from_secs(120)),
            user_agent: USER_AGENT,
            ..ClientConfig::default()
        };
        let client = Client::try_from(config).map_err(|e| RegistryError::Failed {
            what: host.to_string(),
            why: chain(&e),
        })?;
        self.clients
            .lock()
            .expect("lock")
            .insert(key, (client.clone(), open));
        Ok((client, open))
    }

    /// Checks `creds` against the registry `host` as `login` does: the
    /// registry's own challenge decides between basic auth and a token.
    pub fn check_login(
        &self,
        host: &str,
        insecure: bool,
        creds: &Credentials,
    ) -> Result<(), RegistryError> {
        self.rt.block_on(check_login(host, insecure, creds))
    }
}

/// Asks `scheme://host/v2/`: `None` if nothing answers that way, else
/// whether the registry is open (answers without asking for credentials).
async fn probe(host: &str, scheme: &str, insecure: bool) -> Option<bool> {
    let client = reqwest::Client::builder()
        .danger_accept_invalid_certs(insecure)
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(20))
        .user_agent(USER_AGENT)
        .build()
        .ok()?;
    let resp = client
        .get(format!("{scheme}://{}/v2/", api_host(host)))
        .send()
        .await
        .ok()?;
    Some(resp.status().is_success())
}

/// The host that serves the API of registry `host` (Docker Hub's differs).
fn api_host(host: &str) -> &str {
    if host == super::reference::DOCKER_DOMAIN {
        "registry-1.docker.io"
    } else {
        host
    }
}

async fn check_login(host: &str, insecure: bool, creds: &Credentials) -> Result<(), RegistryError> {
    let what = format!("logging into {host:?}");
    let fail = |e: reqwest::Error| {
        if e.is_connect() || e.is_timeout() {
            RegistryError::Unreachable {
                what: what.clone(),
                registry: host.to_string(),
                why: chain(&e),
            }
        } else {
            RegistryError::Failed {
                what: what.clone(),
                why: chain(&e),
            }
        }
    };
    let client = reqwest::Client::builder()
        .danger_accept_invalid_certs(insecure)
        .connect_timeout(Duration::from_secs(30))
        .timeout(Duration::from_secs(60))
        .user_agent(USER_AGENT)
        .build()
        .map_err(fail)?;
    let scheme = if insecure && probe(host, "https", true).await.is_none() {
        "http"
    } else {
        "https"
    };
    let url = format!("{scheme}://{}/v2/", api_host(host));
    let resp = client.get(&url).send().await.map_err(fail)?;
    let status = resp.status();
    if status.is_success() {
        // The registry needs no credentials; podman accepts the login.
        return Ok(());
    }
    if status != reqwest::StatusCode::UNAUTHORIZED {
        return Err(RegistryError::Failed {
            what,
            why: format!("{url} answered {status}"),
        });
    }
    let header = resp
        .headers()
        .get(reqwest::header::WWW_AUTHENTICATE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let check = match bearer_challenge(&header) {
        Some((realm, service)) => {
            let mut query = vec![("account", creds.user.clone())];
            if let Some(s) = service {
                query.push(("service", s));
            }
            client.get(realm).query(&query)
        }
        None => client.get(&url),
    };
    let resp = check
        .basic_auth(&creds.user, Some(creds.password.expose()))
        .send()
        .await
        .map_err(fail)?;
    match resp.status() {
        s if s.is_success() => Ok(()),
        reqwest::StatusCode::UNAUTHORIZED | reqwest::StatusCode::FORBIDDEN => {
            Err(RegistryError::BadCredentials {
                registry: host.to_string(),
            })
        }
        s => Err(RegistryError::Failed {
            what,
            why: format!("the registry answered {s}"),
        }),
    }
}

/// The realm and service of a `WWW-Authenticate: Bearer ...` challenge.
fn bearer_challenge(header: &str) -> Option<(String, Option<String>)> {
    for challenge in http_auth::ChallengeParser::new(header).flatten() {
        if !challenge.scheme.eq_ignore_ascii_case("bearer") {
            continue;
        }
        let param = |name: &str| {
            challenge
                .params
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.to_unescaped())
        };
        return param("realm").map(|realm| (realm, param("service")));
    }
    None
}

/// One repository at one registry.
pub struct Repository<'r> {
    remote: &'r Remote,
    client: Client,
    name: oci_client::Reference,
    repository: String,
    host: String,
}

impl Repository<'_> {
    /// `host/path`, as users write it.
    pub fn name(&self) -> &str {
        &self.repository
    }

    fn at(&self, tag_or_digest: &str) -> oci_client::Reference {
        let (registry, repo) = (
            self.name.registry().to_string(),
            self.name.repository().to_string(),
        );
        if tag_or_digest.contains(':') {
            oci_client::Reference::with_digest(registry, repo, tag_or_digest.to_string())
        } else {
            oci_client::Reference::with_tag(registry, repo, tag_or_digest.to_string())
        }
    }

    fn fail(&self, what: &str) -> impl Fn(OciDistributionError) -> RegistryError + '_ {
        let what = what.to_string();
        move |e| classify(e, &what, &self.host)
    }

    /// The manifest `tag_or_digest`; a digest is verified against the bytes.
    pub fn manifest(&self, tag_or_digest: &str) -> Result<Manifest, RegistryError> {
        let what = self.describe(tag_or_digest);
        let accept = [OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST]
            .into_iter()
            .chain(SCHEMA1)
            .collect::<Vec<_>>();
        let (bytes, digest) = self
            .remote
            .rt
            .block_on(self.client.pull_manifest_raw(
                &self.at(tag_or_digest),
                &RegistryAuth::Anonymous,
                &accept,
            ))
            .map_err(self.fail(&what))?;
        let digest: Digest = digest.parse().map_err(|e| RegistryError::Invalid {
            what: what.clone(),
            why: format!("bad digest from the registry: {e}"),
        })?;
        let (kind, media_type) =
            manifest_kind(&bytes).map_err(|why| RegistryError::Invalid { what, why })?;
        Ok(Manifest {
            bytes: bytes.to_vec(),
            digest,
            media_type,
            kind,
        })
    }

    /// The digest of manifest `tag` (a HEAD request; for `--pull=newer`).
    pub fn manifest_digest(&self, tag: &str) -> Result<Digest, RegistryError> {
        let what = self.describe(tag);
        let d = self
            .remote
            .rt
            .block_on(
                self.client
                    .fetch_manifest_digest(&self.at(tag), &RegistryAuth::Anonymous),
            )
            .map_err(self.fail(&what))?;
        d.parse().map_err(|e| RegistryError::Invalid {
            what,
            why: format!("bad digest from the registry: {e}"),
        })
    }

    /// A small blob (a config), read whole and verified.
    pub fn small_blob(&self, digest: &Digest, size: u64) -> Result<Vec<u8>, RegistryError> {
        let what = format!("blob {digest}");
        if size > SMALL_BLOB_LIMIT {
            return Err(RegistryError::Invalid {
                what,
                why: format!("{size} bytes is too large for a config"),
            });
        }
        let mut data = Vec::new();
        self.blob(digest)?
            .take(size + 1)
            .read_to_end(&mut data)
            .map_err(|e| RegistryError::Invalid {
                what: what.clone(),
                why: e.to_string(),
            })?;
        let got = Digest::of(&data);
        if data.len() as u64 != size || &got != digest {
            return Err(RegistryError::Invalid {
                what,
                why: format!("got {} bytes with digest {got}", data.len()),
            });
        }
        Ok(data)
    }

    /// Blob `digest`, read as it arrives. The caller verifies what it reads
    /// (the layer store checks digest and size before keeping anything).
    pub fn blob(&self, digest: &Digest) -> Result<BlobReader, RegistryError> {
        let what = format!("blob {digest}");
        let stream = self
            .remote
            .rt
            .block_on(
                self.client
                    .pull_blob_stream(&self.at("latest"), digest.to_string().as_str()),
            )
            .map_err(self.fail(&what))?;
        Ok(BlobReader(SyncIoBridge::new_with_handle(
            StreamReader::new(stream),
            self.remote.rt.handle().clone(),
        )))
    }

    /// The repository's tags.
    pub fn tags(&self) -> Result<Vec<String>, RegistryError> {
        let what = format!("listing tags of {}", self.repository);
        let r = self
            .remote
            .rt
            .block_on(self.client.list_tags(
                &self.at("latest"),
                &RegistryAuth::Anonymous,
                None,
                None,
            ))
            .map_err(self.fail(&what))?;
        Ok(r.tags)
    }

    /// Whether the registry has blob `digest` in this repository.
    pub fn has_blob(&self, digest: &Digest) -> Result<bool, RegistryError> {
        let what = format!("checking blob {digest}");
        self.remote
            .rt
            .block_on(
                self.client
                    .blob_exists(&self.at("latest"), &digest.to_string()),
            )
            .map_err(self.fail(&what))
    }

    /// Uploads blob `digest` of `size` bytes, read from `data` (one PUT,
    /// streamed; the registry verifies the digest).
    pub fn push_blob(
        &self,
        digest: &Digest,
        size: u64,
        data: impl Read + Send + 'static,
    ) -> Result<(), RegistryError> {
        let what = format!("uploading blob {digest}");
        let chunks = futures_util::stream::unfold(data, |mut data| async move {
            let mut buf = vec![0u8; 1 << 20];
            match data.read(&mut buf) {
                Ok(0) => None,
                Ok(n) => {
                    buf.truncate(n);
                    Some((Ok(Bytes::from(buf)), data))
                }
                Err(e) => Some((Err(OciDistributionError::IoError(e)), data)),
            }
        });
        self.remote
            .rt
            .block_on(self.client.push_blob_stream(
                &self.at("latest"),
                chunks,
                &digest.to_string(),
                Some(size),
            ))
            .map(drop)
            .map_err(self.fail(&what))
    }

    /// Uploads a manifest under `tag_or_digest`.
    pub fn put_manifest(
        &self,
        tag_or_digest: &str,
        bytes: Vec<u8>,
        media_type: &str,
    ) -> Result<(), RegistryError> {
        let what = format!("writing manifest {}", self.describe(tag_or_digest));
        let content_type =
            http::HeaderValue::from_str(media_type).map_err(|e| RegistryError::Invalid {
                what: what.clone(),
                why: e.to_string(),
            })?;
        self.remote
            .rt
            .block_on(
                self.client
                    .push_manifest_raw(&self.at(tag_or_digest), bytes, content_type),
            )
            .map(drop)
            .map_err(self.fail(&what))
    }

    fn describe(&self, tag_or_digest: &str) -> String {
        let sep = if tag_or_digest.contains(':') {
            '@'
        } else {
            ':'
        };
        format!("{}{sep}{tag_or_digest}", self.repository)
    }
}

/// A blob being downloaded; reading blocks until bytes arrive.
pub struct BlobReader(SyncIoBridge<StreamReader<SizedStream, Bytes>>);

impl Read for BlobReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

/// What a manifest's bytes are: image or index, and its media type. Schema 1
/// and anything that is not an image are refused with the reason.
pub fn manifest_kind(bytes: &[u8]) -> Result<(ManifestKind, String), String> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Shape {
        schema_version: Option<i64>,
        media_type: Option<String>,
        manifests: Option<serde_json::Value>,
        config: Option<serde_json::Value>,
    }
    let s: Shape =
        serde_json::from_slice(bytes).map_err(|e| format!("manifest is not valid JSON: {e}"))?;
    if s.schema_version == Some(1)
        || s.media_type
            .as_deref()
            .is_some_and(|t| SCHEMA1.contains(&t))
    {
        return Err(
            "Docker schema 1 manifests are not supported (the image is from before 2017: \
             push it again with a current tool)"
                .into(),
        );
    }
    match s.media_type.as_deref() {
        Some(t @ (OCI_INDEX | DOCKER_LIST)) => Ok((ManifestKind::Index, t.into())),
        Some(t @ (OCI_MANIFEST | DOCKER_MANIFEST)) => Ok((ManifestKind::Image, t.into())),
        Some(t) => Err(format!("unsupported manifest type {t}")),
        None if s.manifests.is_some() => Ok((ManifestKind::Index, OCI_INDEX.into())),
        None if s.config.is_some() => Ok((ManifestKind::Image, OCI_MANIFEST.into())),
        None => Err("manifest is neither an image nor an index".into()),
    }
}

/// Turns an oci-client error into one of ours, keeping the registry's words.
fn classify(e: OciDistributionError, what: &str, registry: &str) -> RegistryError {
    let what = what.to_string();
    let unauthorized = || RegistryError::Unauthorized {
        what: what.clone(),
        registry: registry.to_string(),
    };
    match e {
        OciDistributionError::RegistryError { envelope, .. } => {
            let codes: Vec<&OciErrorCode> = envelope.errors.iter().map(|e| &e.code).collect();
            let why = envelope
                .errors
                .iter()
                .map(|e| e.message.clone())
                .filter(|m| !m.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            if codes.iter().any(|c| {
                matches!(
                    c,
                    OciErrorCode::ManifestUnknown
                        | OciErrorCode::NameUnknown
                        | OciErrorCode::BlobUnknown
                        | OciErrorCode::NotFound
                )
            }) {
                RegistryError::NotFound { what, why }
            } else if codes
                .iter()
                .any(|c| matches!(c, OciErrorCode::Unauthorized | OciErrorCode::Denied))
            {
                unauthorized()
            } else {
                RegistryError::Failed { what, why }
            }
        }
        // The digest the registry announces for a manifest is not that of
        // the bytes it sent. A signed Docker schema 1 manifest does exactly
        // this (its digest covers the payload without the signature), and
        // the client checks before rctl sees the media type.
        OciDistributionError::DigestError(oci_client::errors::DigestError::VerificationError {
            expected,
            actual,
        }) => RegistryError::Invalid {
            what,
            why: format!(
                "the registry announced digest {expected} but sent content with digest {actual}: \
                 a corrupt manifest, or a signed Docker schema 1 manifest, which is not \
                 supported (push the image again with a current tool)"
            ),
        },
        OciDistributionError::ServerError { code: 404, .. } => RegistryError::NotFound {
            what,
            why: "not found".into(),
        },
        OciDistributionError::ServerError {
            code: 401 | 403, ..
        }
        | OciDistributionError::UnauthorizedError { .. }
        | OciDistributionError::AuthenticationFailure(_) => unauthorized(),
        OciDistributionError::ServerError { code, message, .. } => RegistryError::Failed {
            what,
            why: format!(
                "the registry answered {code}: {}",
                message.lines().next().unwrap_or("").trim()
            ),
        },
        OciDistributionError::RequestError(r) if r.is_connect() || r.is_timeout() => {
            RegistryError::Unreachable {
                what,
                registry: registry.to_string(),
                why: chain(&r),
            }
        }
        OciDistributionError::DigestError(d) => RegistryError::Invalid {
            what,
            why: d.to_string(),
        },
        other => RegistryError::Failed {
            what,
            why: chain(&other),
        },
    }
}

/// An error and its causes on one line, repeats dropped.
fn chain(e: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        cur = s.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        let k = |s: &str| manifest_kind(s.as_bytes());
        assert_eq!(
            k(r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#)
                .unwrap()
                .0,
            ManifestKind::Index
        );
        assert_eq!(
            k(r#"{"schemaVersion":2,"config":{}}"#).unwrap(),
            (ManifestKind::Image, OCI_MANIFEST.to_string())
        );
        assert_eq!(
            k(&format!(
                r#"{{"schemaVersion":2,"mediaType":"{DOCKER_LIST}","manifests":[]}}"#
            ))
            .unwrap()
            .0,
            ManifestKind::Index
        );
        let e = k(r#"{"schemaVersion":1,"name":"x","fsLayers":[]}"#).unwrap_err();
        assert!(e.contains("schema 1"), "{e}");
        let e =
            k(r#"{"schemaVersion":2,"mediaType":"application/vnd.cncf.helm.chart"}"#).unwrap_err();
        assert!(e.contains("unsupported manifest type"), "{e}");
    }

    #[test]
    fn challenges() {
        assert_eq!(
            bearer_challenge(
                r#"Bearer realm="https://auth.example/token",service="registry.example",scope="x""#
            ),
            Some((
                "https://auth.example/token".to_string(),
                Some("registry.example".to_string())
            ))
        );
        assert_eq!(bearer_challenge(r#"Basic realm="Registry Realm""#), None);
    }
}
