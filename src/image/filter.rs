//! `--filter` for images (`images`, `image prune`): reference, label, dangling,
//! id, before, since, as podman reads them.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::digest::Digest;
use crate::storage::images::ImageEntry;

/// One filter condition.
#[derive(Debug, Clone)]
enum Cond {
    Reference(String),
    Label(String, Option<String>),
    Dangling(bool),
    Id(String),
    Before(DateTime<Utc>),
    Since(DateTime<Utc>),
}

/// A set of filters: different keys must all hold; several `reference=` or
/// `id=` filters match if any of them does.
#[derive(Debug, Default, Clone)]
pub struct ImageFilter {
    conds: Vec<Cond>,
    /// Untagged images with a child image: podman does not call them
    /// dangling (see [`ImageFilter::set_intermediate`]).
    intermediate: BTreeSet<Digest>,
}

/// Why a filter is not understood.
#[derive(Debug, thiserror::Error)]
#[error("invalid filter {0:?}: {1}")]
pub struct FilterError(String, String);

impl ImageFilter {
    /// Parses `key=value` filters; `created_of` gives the creation time of the
    /// image a `before=`/`since=` filter names.
    pub fn parse(
        args: &[String],
        created_of: impl Fn(&str) -> Result<DateTime<Utc>, String>,
    ) -> Result<ImageFilter, FilterError> {
        let mut conds = Vec::new();
        for arg in args {
            let err = |why: &str| FilterError(arg.clone(), why.to_string());
            let (key, value) = arg
                .split_once('=')
                .ok_or_else(|| err("expected KEY=VALUE"))?;
            conds.push(match key {
                "reference" => Cond::Reference(value.to_string()),
                "label" => match value.split_once('=') {
                    Some((k, v)) => Cond::Label(k.to_string(), Some(v.to_string())),
                    None => Cond::Label(value.to_string(), None),
                },
                "dangling" => Cond::Dangling(match value {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => return Err(err("dangling takes true or false")),
                }),
                "id" => Cond::Id(value.trim_start_matches("sha256:").to_string()),
                "before" => Cond::Before(created_of(value).map_err(|e| err(&e))?),
                "since" => Cond::Since(created_of(value).map_err(|e| err(&e))?),
                _ => {
                    return Err(err(
                        "valid keys are reference, label, dangling, id, before, since",
                    ));
                }
            });
        }
        Ok(ImageFilter {
            conds,
            intermediate: BTreeSet::new(),
        })
    }

    /// Tells the filter which images are intermediate ([`intermediate_ids`]):
    /// as in podman, `dangling=true` means no name *and* no child image.
    pub fn set_intermediate(&mut self, ids: BTreeSet<Digest>) {
        self.intermediate = ids;
    }

    /// Whether the filter has any `reference=` condition (those apply per name).
    pub fn has_reference(&self) -> bool {
        self.conds.iter().any(|c| matches!(c, Cond::Reference(_)))
    }

    /// Whether the image passes every condition other than `reference=`.
    pub fn matches_image(&self, e: &ImageEntry) -> bool {
        let r = &e.record;
        let ids: Vec<&String> = self
            .conds
            .iter()
            .filter_map(|c| match c {
                Cond::Id(p) => Some(p),
                _ => None,
            })
            .collect();
        if !ids.is_empty() && !ids.iter().any(|p| r.id.hex().starts_with(p.as_str())) {
            return false;
        }
        self.conds.iter().all(|c| match c {
            Cond::Reference(_) | Cond::Id(_) => true,
            Cond::Label(k, v) => match (r.labels.get(k), v) {
                (Some(have), Some(want)) => have == want,
                (Some(_), None) => true,
                (None, _) => false,
            },
            Cond::Dangling(d) => (e.names.is_empty() && !self.intermediate.contains(&r.id)) == *d,
            Cond::Before(t) => r.created.is_some_and(|c| c < *t),
            Cond::Since(t) => r.created.is_some_and(|c| c > *t),
        })
    }

    /// Whether the name `name` passes the `reference=` conditions (any of them).
    pub fn matches_name(&self, name: &str) -> bool {
        let refs: Vec<&String> = self
            .conds
            .iter()
            .filter_map(|c| match c {
                Cond::Reference(p) => Some(p),
                _ => None,
            })
            .collect();
        refs.is_empty() || refs.iter().any(|p| reference_matches(p, name))
    }
}

/// Whether `pattern` (a glob with `*` and `?`) matches the full name `name`
/// (`domain/path:tag`) in any of the forms a user might type: the full name,
/// without the domain, without `library/`, or just the last path component,
/// each with or without the tag.
pub fn reference_matches(pattern: &str, name: &str) -> bool {
    let (repo, tag) = match name.rfind(':') {
        Some(i) if !name[i..].contains('/') => (&name[..i], &name[i + 1..]),
        _ => (name, ""),
    };
    let path = repo.split_once('/').map_or(repo, |(_, p)| p);
    let short = path.strip_prefix("library/").unwrap_or(path);
    let last = path.rsplit('/').next().unwrap_or(path);
    [repo, path, short, last]
        .iter()
        .any(|r| glob(pattern, r) || (!tag.is_empty() && glob(pattern, &format!("{r}:{tag}"))))
}

/// Untagged images that are the base of another image: build steps, hidden
/// by `images` without `-a`. A base's layers are a prefix of its child's:
/// a strict one, or the same layers when the child is newer (a build step
/// that changed only the config).
pub fn intermediate_ids(entries: &[ImageEntry]) -> BTreeSet<Digest> {
    entries
        .iter()
        .filter(|e| e.names.is_empty())
        .filter(|e| {
            entries.iter().any(|o| {
                o.record.layers.starts_with(&e.record.layers)
                    && (o.record.layers.len() > e.record.layers.len()
                        || (o.record.id != e.record.id && o.record.created > e.record.created))
            })
        })
        .map(|e| e.record.id.clone())
        .collect()
}

/// A shell-style glob: `*` any run of characters, `?` one character.
fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_match_familiar_forms() {
        let n = "docker.io/library/busybox:latest";
        for p in [
            "busybox",
            "busybox:latest",
            "library/busybox",
            "docker.io/library/busybox:latest",
            "busy*",
            "*box:lat*",
        ] {
            assert!(reference_matches(p, n), "{p}");
        }
        for p in ["alpine", "busybox:1", "quay.io/*"] {
            assert!(!reference_matches(p, n), "{p}");
        }
        assert!(reference_matches(
            "bench/*",
            "127.0.0.1:5001/bench/busybox:zstd"
        ));
    }

    #[test]
    fn globs() {
        assert!(glob("a*c", "abbbc"));
        assert!(glob("a?c", "abc"));
        assert!(!glob("a?c", "abbc"));
        assert!(glob("*", ""));
    }

    #[test]
    fn rejects_unknown_keys() {
        let none = |_: &str| Err("no".to_string());
        assert!(ImageFilter::parse(&["color=red".into()], none).is_err());
        assert!(ImageFilter::parse(&["dangling=maybe".into()], none).is_err());
        assert!(ImageFilter::parse(&["dangling=true".into(), "label=a=b".into()], none).is_ok());
    }
}
