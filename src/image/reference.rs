//! Image references (`[domain/]path[:tag][@digest]`), parsed with docker's grammar.
//!
//! A reference is parsed once at the edge and then trusted. Whether a short name
//! (no domain) means Docker Hub or `localhost` is the caller's choice: names that
//! come from docker archives follow docker (`busybox` is
//! `docker.io/library/busybox`), names the user gives to `tag` or `import` follow
//! podman (`myapp` is `localhost/myapp`). Resolving short names against registries
//! is the registry module's job, not this one's.

use std::fmt;
use std::str::FromStr;

use super::digest::Digest;

/// Docker Hub's canonical domain.
pub const DOCKER_DOMAIN: &str = "docker.io";
/// The domain podman gives to names that were made locally.
pub const LOCAL_DOMAIN: &str = "localhost";
/// The tag a reference without tag or digest gets.
pub const DEFAULT_TAG: &str = "latest";

/// A parsed image reference; `domain` is `None` for a short name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    domain: Option<String>,
    path: String,
    tag: Option<String>,
    digest: Option<Digest>,
}

/// Why a string is not a valid image reference.
#[derive(Debug, thiserror::Error)]
#[error("invalid reference {input:?}: {why}")]
pub struct ReferenceError {
    input: String,
    why: String,
}

impl Reference {
    /// Parses `s` with docker's grammar, leaving a short name short.
    pub fn parse(s: &str) -> Result<Reference, ReferenceError> {
        let err = |why: &str| ReferenceError {
            input: s.to_string(),
            why: why.to_string(),
        };
        if s.is_empty() {
            return Err(err("empty"));
        }
        if s.len() > 255 + 72 {
            return Err(err("too long"));
        }
        let (rest, digest) = match s.split_once('@') {
            Some((r, d)) => (
                r,
                Some(d.parse::<Digest>().map_err(|e| err(&e.to_string()))?),
            ),
            None => (s, None),
        };
        let slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match rest[slash..].rfind(':') {
            Some(i) => (&rest[..slash + i], Some(&rest[slash + i + 1..])),
            None => (rest, None),
        };
        if let Some(tag) = tag {
            validate_tag(tag).map_err(err)?;
        }
        let (domain, path) = split_domain(name);
        if let Some(d) = domain {
            validate_domain(d).map_err(err)?;
        }
        if path.is_empty() {
            return Err(err("missing repository name"));
        }
        if path.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(err("repository name must be lowercase"));
        }
        for component in path.split('/') {
            validate_component(component).map_err(err)?;
        }
        if name.len() > 255 {
            return Err(err("repository name longer than 255 characters"));
        }
        Ok(Reference {
            domain: domain.map(str::to_string),
            path: path.to_string(),
            tag: tag.map(str::to_string),
            digest,
        })
    }

    /// Docker's normalisation: a short name is on Docker Hub, single-component
    /// Hub names are under `library/`, and a missing tag is `latest`.
    pub fn docker_normalized(mut self) -> Reference {
        if self.domain.is_none() {
            self.domain = Some(DOCKER_DOMAIN.to_string());
        }
        if self.domain.as_deref() == Some(DOCKER_DOMAIN) && !self.path.contains('/') {
            self.path = format!("library/{}", self.path);
        }
        self.with_default_tag()
    }

    /// Podman's normalisation for names made locally: a short name is under
    /// `localhost/`, and a missing tag is `latest`.
    pub fn local_normalized(mut self) -> Reference {
        if self.domain.is_none() {
            self.domain = Some(LOCAL_DOMAIN.to_string());
        }
        self.with_default_tag()
    }

    fn with_default_tag(mut self) -> Reference {
        if self.tag.is_none() && self.digest.is_none() {
            self.tag = Some(DEFAULT_TAG.to_string());
        }
        self
    }

    /// The domain, if the reference names one.
    pub fn domain(&self) -> Option<&str> {
        self.domain.as_deref()
    }

    /// The repository path after the domain.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The tag, if any.
    pub fn tag(&self) -> Option<&str> {
        self.tag.as_deref()
    }

    /// The digest, if any.
    pub fn digest(&self) -> Option<&Digest> {
        self.digest.as_ref()
    }

    /// `domain/path` (or just `path` for a short name): the repository.
    pub fn repository(&self) -> String {
        match &self.domain {
            Some(d) => format!("{d}/{}", self.path),
            None => self.path.clone(),
        }
    }

    /// The same repository with `tag` and no digest.
    pub fn with_tag(&self, tag: &str) -> Reference {
        Reference {
            domain: self.domain.clone(),
            path: self.path.clone(),
            tag: Some(tag.to_string()),
            digest: None,
        }
    }
}

impl FromStr for Reference {
    type Err = ReferenceError;
    fn from_str(s: &str) -> Result<Reference, ReferenceError> {
        Reference::parse(s)
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repository())?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// Docker's rule: the first component is a domain if it has a dot or a port,
/// is `localhost`, or has upper-case letters (which a path may not).
fn split_domain(name: &str) -> (Option<&str>, &str) {
    match name.split_once('/') {
        Some((first, rest))
            if first.contains(['.', ':'])
                || first == LOCAL_DOMAIN
                || first.bytes().any(|b| b.is_ascii_uppercase()) =>
        {
            (Some(first), rest)
        }
        _ => (None, name),
    }
}

fn validate_tag(tag: &str) -> Result<(), &'static str> {
    let ok_first = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let ok = |b: u8| ok_first(b) || b == b'.' || b == b'-';
    match tag.as_bytes() {
        [] => Err("empty tag"),
        t if t.len() > 128 => Err("tag longer than 128 characters"),
        [first, rest @ ..] if ok_first(*first) && rest.iter().all(|b| ok(*b)) => Ok(()),
        _ => Err("tag may hold only letters, digits, '_', '.' and '-', not first '.' or '-'"),
    }
}

fn validate_domain(domain: &str) -> Result<(), &'static str> {
    let (host, port) = match domain.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || domain.starts_with('[') => (h, Some(p)),
        _ => (domain, None),
    };
    if let Some(p) = port
        && (p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err("port must be a number");
    }
    if host.starts_with('[') && host.ends_with(']') {
        return Ok(());
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if host.split('.').all(label_ok) {
        Ok(())
    } else {
        Err("invalid registry host")
    }
}

/// A path component: lower-case alphanumerics joined by `.`, `_`, `__` or runs of `-`.
fn validate_component(c: &str) -> Result<(), &'static str> {
    const MSG: &str = "repository path components are lower-case letters and digits joined by '.', '_', '__' or '-'";
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return Err(MSG);
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        let valid = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-');
        if !valid {
            return Err(MSG);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docker(s: &str) -> String {
        Reference::parse(s).unwrap().docker_normalized().to_string()
    }

    #[test]
    fn docker_normalisation() {
        assert_eq!(docker("busybox"), "docker.io/library/busybox:latest");
        assert_eq!(docker("user/app:1.0"), "docker.io/user/app:1.0");
        assert_eq!(docker("quay.io/a/b"), "quay.io/a/b:latest");
        assert_eq!(docker("localhost:5000/x:y"), "localhost:5000/x:y");
        assert_eq!(
            docker("127.0.0.1:5001/bench/busybox:zstd"),
            "127.0.0.1:5001/bench/busybox:zstd"
        );
        let d = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(
            docker(&format!("busybox@{d}")),
            format!("docker.io/library/busybox@{d}")
        );
    }

    #[test]
    fn local_normalisation() {
        let r = Reference::parse("myapp").unwrap().local_normalized();
        assert_eq!(r.to_string(), "localhost/myapp:latest");
        assert_eq!(r.repository(), "localhost/myapp");
    }

    #[test]
    fn rejects_bad_references() {
        for bad in [
            "",
            "Busybox",
            "a:b:c",
            "a/:x",
            "a@sha256:1",
            "a//b",
            "-a",
            "a:.x",
            "host:xx/a",
            "a__-b",
        ] {
            assert!(Reference::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn accepts_separators() {
        for good in ["a.b", "a_b", "a__b", "a---b", "my-org/my.app_x:v1.2-rc"] {
            assert!(Reference::parse(good).is_ok(), "{good} should parse");
        }
    }
}
