//! Registry credentials in the files users already have: podman's auth.json
//! (written by `login`) and docker's ~/.docker/config.json (read too). Both
//! are `{"auths": {"registry[/namespace]": {"auth": base64("user:pass")}}}`.
//!
//! A password is held in [`Secret`], whose Debug and Display never show it,
//! so it cannot end up in a log line or an error message.

use std::fmt;
use std::path::{Path, PathBuf};

use base64::Engine;
use serde_json::{Value, json};

use crate::storage::atomic;

/// A password: never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a password.
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }

    /// The password itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<secret>")
    }
}

/// A user name and password for a registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    /// User name.
    pub user: String,
    /// Password (or token).
    pub password: Secret,
}

impl Credentials {
    /// Parses `--creds user:pass`.
    pub fn parse(s: &str) -> Result<Credentials, String> {
        match s.split_once(':') {
            Some((u, p)) if !u.is_empty() => Ok(Credentials {
                user: u.into(),
                password: Secret::new(p),
            }),
            _ => Err("--creds takes USERNAME:PASSWORD".into()),
        }
    }
}

/// Errors of the credential files.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {why}")]
pub struct AuthError {
    path: String,
    why: String,
}

/// The credential files to read, in order, and the one `login` writes.
#[derive(Clone, Debug)]
pub struct AuthFiles {
    /// Written by `login`, read first.
    pub primary: PathBuf,
    /// Also read: docker's config.
    pub docker: Option<PathBuf>,
}

impl AuthFiles {
    /// The files for this user: `authfile` (`--authfile`, or
    /// `$REGISTRY_AUTH_FILE` through the flag's env), else
    /// podman's (`$XDG_RUNTIME_DIR/containers/auth.json`, for root
    /// `/run/containers/0/auth.json`); and `~/.docker/config.json`.
    pub fn locate(
        authfile: Option<PathBuf>,
        runtime_dir: Option<PathBuf>,
        home: Option<PathBuf>,
        rootless: bool,
        uid: u32,
    ) -> AuthFiles {
        let primary = authfile.unwrap_or_else(|| {
            if rootless {
                runtime_dir
                    .unwrap_or_else(|| PathBuf::from(format!("/run/user/{uid}")))
                    .join("containers/auth.json")
            } else {
                PathBuf::from("/run/containers/0/auth.json")
            }
        });
        AuthFiles {
            primary,
            docker: home.map(|h| h.join(".docker/config.json")),
        }
    }

    /// Credentials for `repository` (`host/path`): the entry with the longest
    /// matching key (`host`, `host/namespace`, ...), first file first.
    pub fn lookup(&self, repository: &str) -> Option<Credentials> {
        for f in std::iter::once(&self.primary).chain(self.docker.as_ref()) {
            let Ok(text) = std::fs::read_to_string(f) else {
                continue;
            };
            let Ok(doc) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            if let Some(c) = find(&doc, repository) {
                return Some(c);
            }
        }
        None
    }

    /// Records credentials for `key` in the primary file (mode 0600).
    pub fn store(&self, key: &str, c: &Credentials) -> Result<(), AuthError> {
        let mut doc = read(&self.primary)?;
        let encoded = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            c.user,
            c.password.expose()
        ));
        doc["auths"][key] = json!({ "auth": encoded });
        write(&self.primary, &doc)
    }

    /// Forgets `key` (every key with `all`); returns whether anything went.
    pub fn remove(&self, key: Option<&str>) -> Result<bool, AuthError> {
        let mut doc = read(&self.primary)?;
        let Some(auths) = doc.get_mut("auths").and_then(Value::as_object_mut) else {
            return Ok(false);
        };
        let removed = match key {
            Some(k) => auths.remove(k).is_some(),
            None => {
                let any = !auths.is_empty();
                auths.clear();
                any
            }
        };
        if removed {
            write(&self.primary, &doc)?;
        }
        Ok(removed)
    }
}

/// The key docker and podman use for `host`: Docker Hub has a legacy one.
fn keys_for(host: &str) -> Vec<String> {
    if host == "docker.io" {
        vec![
            "docker.io".into(),
            "https://index.docker.io/v1/".into(),
            "index.docker.io".into(),
        ]
    } else {
        vec![
            host.to_string(),
            format!("https://{host}"),
            format!("http://{host}"),
        ]
    }
}

fn find(doc: &Value, repository: &str) -> Option<Credentials> {
    let auths = doc.get("auths")?.as_object()?;
    let (host, path) = repository.split_once('/').unwrap_or((repository, ""));
    // Longest first: host/ns/repo, host/ns, host.
    let mut scopes: Vec<String> = Vec::new();
    let parts: Vec<&str> = if path.is_empty() {
        Vec::new()
    } else {
        path.split('/').collect()
    };
    for n in (1..=parts.len()).rev() {
        scopes.push(format!("{host}/{}", parts[..n].join("/")));
    }
    scopes.extend(keys_for(host));
    for s in scopes {
        if let Some(c) = auths.get(&s).and_then(decode) {
            return Some(c);
        }
    }
    None
}

fn decode(entry: &Value) -> Option<Credentials> {
    if let Some(a) = entry.get("auth").and_then(Value::as_str) {
        let raw = base64::engine::general_purpose::STANDARD.decode(a).ok()?;
        let text = String::from_utf8(raw).ok()?;
        let (u, p) = text.split_once(':')?;
        return Some(Credentials {
            user: u.into(),
            password: Secret::new(p),
        });
    }
    Some(Credentials {
        user: entry.get("username")?.as_str()?.into(),
        password: Secret::new(entry.get("password")?.as_str()?),
    })
}

fn read(path: &Path) -> Result<Value, AuthError> {
    match std::fs::read_to_string(path) {
        Ok(t) if t.trim().is_empty() => Ok(json!({"auths": {}})),
        Ok(t) => serde_json::from_str(&t).map_err(|e| AuthError {
            path: path.display().to_string(),
            why: e.to_string(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(json!({"auths": {}})),
        Err(e) => Err(AuthError {
            path: path.display().to_string(),
            why: e.to_string(),
        }),
    }
}

fn write(path: &Path, doc: &Value) -> Result<(), AuthError> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    let err = |why: String| AuthError {
        path: path.display().to_string(),
        why,
    };
    if let Some(dir) = path.parent()
        && !dir.exists()
    {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| err(e.to_string()))?;
    }
    let data = serde_json::to_vec_pretty(doc).map_err(|e| err(e.to_string()))?;
    atomic::write_with(path, |f| {
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        std::io::Write::write_all(f, &data)
    })
    .map_err(|e| err(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_longest_key_and_never_shows_passwords() {
        let b = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let doc = json!({"auths": {
            "reg.example.com": {"auth": b("a:1")},
            "reg.example.com/team": {"auth": b("b:2")},
            "https://index.docker.io/v1/": {"auth": b("hub:3")},
        }});
        assert_eq!(find(&doc, "reg.example.com/other/x").unwrap().user, "a");
        assert_eq!(find(&doc, "reg.example.com/team/x").unwrap().user, "b");
        let hub = find(&doc, "docker.io/library/busybox").unwrap();
        assert_eq!((hub.user.as_str(), hub.password.expose()), ("hub", "3"));
        assert!(find(&doc, "nowhere.io/x").is_none());
        assert!(!format!("{hub:?}").contains('3'));
        assert!(Credentials::parse("nopass").is_err());
    }

    #[test]
    fn stores_and_removes() {
        let d = tempfile::tempdir().unwrap();
        let files = AuthFiles {
            primary: d.path().join("c/auth.json"),
            docker: None,
        };
        let c = Credentials::parse("u:p:w").unwrap();
        files.store("127.0.0.1:5000", &c).unwrap();
        assert_eq!(files.lookup("127.0.0.1:5000/x").unwrap(), c);
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&files.primary)
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
        assert!(files.remove(Some("127.0.0.1:5000")).unwrap());
        assert!(files.lookup("127.0.0.1:5000/x").is_none());
    }
}
