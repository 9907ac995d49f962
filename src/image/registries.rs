//! registries.conf (version 2, the TOML podman reads): which registries a
//! short name is looked up in, aliases, and per registry its real location,
//! mirrors, whether it is insecure (plain HTTP) or blocked.
//!
//! Loading reads the files podman reads, in podman's order; resolving is pure
//! and unit-tested.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::reference::{DOCKER_DOMAIN, Reference};

/// One `[[registry]]` table.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub struct Registry {
    /// What it applies to: a registry, or a registry and a namespace.
    #[serde(default)]
    pub prefix: String,
    /// Where it really is (default: the prefix).
    #[serde(default)]
    pub location: String,
    /// Plain HTTP and unchecked certificates are allowed.
    #[serde(default)]
    pub insecure: bool,
    /// Pulling from it is refused.
    #[serde(default)]
    pub blocked: bool,
    /// Tried in order before the location.
    #[serde(default)]
    pub mirror: Vec<Mirror>,
}

/// One `[[registry.mirror]]` table.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Mirror {
    /// Where the mirror is (it stands in for the prefix).
    pub location: String,
    /// Plain HTTP and unchecked certificates are allowed.
    #[serde(default)]
    pub insecure: bool,
}

/// The file's shape (fields rctl does not use are ignored).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    unqualified_search_registries: Option<Vec<String>>,
    #[serde(default)]
    registry: Vec<Registry>,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
}

/// All registries.conf files, merged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Registries {
    /// Where short names are looked up, in order.
    pub search: Vec<String>,
    /// Registry tables; a later one for the same prefix replaces an earlier one.
    pub registries: Vec<Registry>,
    /// Short name -> full repository.
    pub aliases: BTreeMap<String, String>,
}

/// Where to fetch an image from: a reference at some location, and whether
/// that location may be plain HTTP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The reference rewritten for this location.
    pub reference: Reference,
    /// Plain HTTP and unchecked certificates are allowed.
    pub insecure: bool,
    /// A mirror (a failure there is not final).
    pub mirror: bool,
}

/// Errors of registries.conf.
#[derive(Debug, thiserror::Error)]
pub enum RegistriesError {
    /// A file could not be parsed.
    #[error("{path}: {why}")]
    Parse {
        /// The file.
        path: String,
        /// What is wrong.
        why: String,
    },
    /// The registry is blocked.
    #[error("registry {0} is blocked in registries.conf")]
    Blocked(String),
    /// A reference rewritten for a location is not valid.
    #[error(transparent)]
    Reference(#[from] super::reference::ReferenceError),
}

impl Registries {
    /// Reads the files podman reads: `$CONTAINERS_REGISTRIES_CONF` alone if
    /// set; otherwise the user's `containers/registries.conf` (under
    /// `config_home`) if it exists, else /etc/containers/registries.conf;
    /// then the `registries.conf.d` drop-ins beside each, in name order.
    pub fn load(
        env_file: Option<PathBuf>,
        config_home: Option<PathBuf>,
    ) -> Result<Registries, RegistriesError> {
        let mut files = Vec::new();
        if let Some(f) = env_file {
            files.push(f);
        } else {
            let user = config_home.map(|h| h.join("containers/registries.conf"));
            let system = PathBuf::from("/etc/containers/registries.conf");
            match &user {
                Some(u) if u.exists() => files.push(u.clone()),
                _ => files.push(system),
            }
            for dir in [
                Some(PathBuf::from("/etc/containers/registries.conf.d")),
                user.map(|u| u.with_extension("conf.d")),
            ]
            .into_iter()
            .flatten()
            {
                let mut dropins: Vec<PathBuf> = std::fs::read_dir(&dir)
                    .map(|d| {
                        d.flatten()
                            .map(|e| e.path())
                            .filter(|p| p.extension().is_some_and(|x| x == "conf"))
                            .collect()
                    })
                    .unwrap_or_default();
                dropins.sort();
                files.extend(dropins);
            }
        }
        let mut merged = Registries::default();
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            merged.merge(parse(&text, &f)?);
        }
        Ok(merged)
    }

    fn merge(&mut self, f: File) {
        if let Some(s) = f.unqualified_search_registries {
            self.search = s;
        }
        for mut r in f.registry {
            if r.prefix.is_empty() {
                r.prefix = r.location.clone();
            }
            if r.location.is_empty() {
                r.location = r.prefix.clone();
            }
            self.registries.retain(|x| x.prefix != r.prefix);
            self.registries.push(r);
        }
        self.aliases.extend(f.aliases);
    }

    /// The fully qualified references a user's words may mean, in the order
    /// to try them: a full name is itself; a short name goes through the
    /// aliases, then each search registry (Docker Hub when none is set, as
    /// docker does).
    pub fn candidates(
        &self,
        input: &str,
    ) -> Result<Vec<Reference>, super::reference::ReferenceError> {
        let r = Reference::parse(input)?;
        if r.domain().is_some() {
            return Ok(vec![r.docker_normalized()]);
        }
        if let Some(full) = self.aliases.get(r.path()) {
            let mut s = full.clone();
            if let Some(t) = r.tag() {
                s = format!("{s}:{t}");
            }
            if let Some(d) = r.digest() {
                s = format!("{s}@{d}");
            }
            return Ok(vec![Reference::parse(&s)?.docker_normalized()]);
        }
        let search = if self.search.is_empty() {
            vec![DOCKER_DOMAIN.to_string()]
        } else {
            self.search.clone()
        };
        search
            .iter()
            .map(|reg| {
                Reference::parse(&format!("{reg}/{input}")).map(Reference::docker_normalized)
            })
            .collect()
    }

    /// The table that applies to `r`: the longest prefix matching its
    /// repository at a path boundary.
    pub fn registry_for(&self, r: &Reference) -> Option<&Registry> {
        let repo = r.repository();
        self.registries
            .iter()
            .filter(|x| {
                repo == x.prefix
                    || repo.starts_with(&format!("{}/", x.prefix))
                    || x.prefix.strip_prefix("*.").is_some_and(|suffix| {
                        r.domain()
                            .is_some_and(|d| d.ends_with(&format!(".{suffix}")))
                    })
            })
            .max_by_key(|x| x.prefix.len())
    }

    /// Where to fetch `r` from: its mirrors in order, then its location.
    pub fn endpoints(
        &self,
        r: &Reference,
        force_insecure: bool,
    ) -> Result<Vec<Endpoint>, RegistriesError> {
        let Some(table) = self.registry_for(r) else {
            return Ok(vec![Endpoint {
                reference: r.clone(),
                insecure: force_insecure,
                mirror: false,
            }]);
        };
        if table.blocked {
            return Err(RegistriesError::Blocked(r.repository()));
        }
        let rewrite = |location: &str| -> Result<Reference, RegistriesError> {
            let full = r.to_string();
            let rest = if table.prefix.starts_with("*.") {
                full.split_once('/').map_or("", |(_, p)| p).to_string()
            } else {
                full[table.prefix.len()..]
                    .trim_start_matches('/')
                    .to_string()
            };
            let joined = if rest.starts_with(':') || rest.starts_with('@') {
                format!("{location}{rest}")
            } else {
                format!("{location}/{rest}")
            };
            Ok(Reference::parse(&joined)?)
        };
        let mut out = Vec::new();
        for m in &table.mirror {
            out.push(Endpoint {
                reference: rewrite(&m.location)?,
                insecure: m.insecure || force_insecure,
                mirror: true,
            });
        }
        let location = if table.prefix.starts_with("*.") {
            r.domain().unwrap_or_default().to_string()
        } else {
            table.location.clone()
        };
        out.push(Endpoint {
            reference: rewrite(&location)?,
            insecure: table.insecure || force_insecure,
            mirror: false,
        });
        Ok(out)
    }

    /// Whether the registry `host` (as `host[:port]`) is marked insecure.
    pub fn insecure(&self, host: &str) -> bool {
        self.registries
            .iter()
            .any(|r| r.insecure && (r.location == host || r.prefix == host))
    }
}

fn parse(text: &str, path: &Path) -> Result<File, RegistriesError> {
    toml::from_str(text).map_err(|e| RegistriesError::Parse {
        path: path.display().to_string(),
        why: e.to_string().replace('\n', " "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conf(text: &str) -> Registries {
        let mut r = Registries::default();
        r.merge(parse(text, Path::new("t")).unwrap());
        r
    }

    #[test]
    fn short_names_search_aliases() {
        let r = conf(
            r#"
unqualified-search-registries = ["quay.io", "docker.io"]
[aliases]
"app" = "registry.example.com/team/app"
"#,
        );
        let c: Vec<String> = r
            .candidates("busybox")
            .unwrap()
            .iter()
            .map(|x| x.to_string())
            .collect();
        assert_eq!(
            c,
            ["quay.io/busybox:latest", "docker.io/library/busybox:latest"]
        );
        let c = r.candidates("app:2").unwrap();
        assert_eq!(c[0].to_string(), "registry.example.com/team/app:2");
        assert_eq!(
            Registries::default().candidates("busybox").unwrap()[0].to_string(),
            "docker.io/library/busybox:latest"
        );
        assert_eq!(
            r.candidates("127.0.0.1:5000/x").unwrap()[0].to_string(),
            "127.0.0.1:5000/x:latest"
        );
    }

    #[test]
    fn mirrors_come_first_and_rewrite_the_prefix() {
        let r = conf(
            r#"
[[registry]]
prefix = "docker.io"
location = "docker.io"
[[registry.mirror]]
location = "127.0.0.1:5002"
insecure = true
[[registry.mirror]]
location = "mirror.example.com/hub"

[[registry]]
prefix = "example.com/private"
location = "10.0.0.1:5000/mirror/private"
insecure = true

[[registry]]
prefix = "evil.example.com"
blocked = true
"#,
        );
        let hub = Reference::parse("docker.io/library/busybox:1").unwrap();
        let e = r.endpoints(&hub, false).unwrap();
        let got: Vec<(String, bool, bool)> = e
            .iter()
            .map(|e| (e.reference.to_string(), e.insecure, e.mirror))
            .collect();
        assert_eq!(
            got,
            [
                ("127.0.0.1:5002/library/busybox:1".into(), true, true),
                (
                    "mirror.example.com/hub/library/busybox:1".into(),
                    false,
                    true
                ),
                ("docker.io/library/busybox:1".into(), false, false),
            ]
        );
        let p = Reference::parse("example.com/private/app@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855").unwrap();
        let e = r.endpoints(&p, false).unwrap();
        assert_eq!(
            e[0].reference.repository(),
            "10.0.0.1:5000/mirror/private/app"
        );
        assert!(e[0].insecure);
        // A prefix matches at a path boundary only.
        let other = Reference::parse("example.com/privateer/x:1").unwrap();
        assert_eq!(r.endpoints(&other, false).unwrap()[0].reference, other);
        let evil = Reference::parse("evil.example.com/x:1").unwrap();
        assert!(matches!(
            r.endpoints(&evil, false),
            Err(RegistriesError::Blocked(_))
        ));
    }
}
