//! The data behind `image inspect` and `history`, shaped as podman's so that
//! scripts reading podman's JSON read rctl's.

use std::collections::BTreeSet;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::digest::Digest;
use crate::storage::Store;
use crate::storage::images::{ImageEntry, ImageError};

/// `repo@digest` for each of the image's repositories (those of its names
/// and those it was pulled from) and manifest digests.
pub fn repo_digests(entry: &ImageEntry) -> Vec<String> {
    let repos: BTreeSet<&str> = entry
        .names
        .iter()
        .map(|n| repository_of(n))
        .chain(entry.record.repositories.iter().map(String::as_str))
        .collect();
    let mut out = Vec::new();
    for r in repos {
        for d in &entry.record.digests {
            out.push(format!("{r}@{d}"));
        }
    }
    out
}

/// `domain/path:tag` -> `domain/path`.
pub fn repository_of(name: &str) -> &str {
    match name.rfind(':') {
        Some(i) if !name[i..].contains('/') => &name[..i],
        _ => name,
    }
}

/// `domain/path:tag` -> `tag`.
pub fn tag_of(name: &str) -> &str {
    match name.rfind(':') {
        Some(i) if !name[i..].contains('/') => &name[i + 1..],
        _ => "",
    }
}

fn rfc3339(t: Option<DateTime<Utc>>) -> Value {
    t.map_or(Value::Null, |t| json!(go_rfc3339_nano(t)))
}

/// A time as Go puts it in JSON, and so as podman prints it: RFC 3339 in
/// UTC with the nanoseconds' trailing zeros dropped (`2023-11-14T22:13:20Z`,
/// `2023-11-14T22:13:20.5Z`).
pub fn go_rfc3339_nano(t: DateTime<Utc>) -> String {
    let s = t.to_rfc3339_opts(SecondsFormat::Nanos, true);
    match s.trim_end_matches('Z').split_once('.') {
        Some((secs, frac)) if !frac.trim_end_matches('0').is_empty() => {
            format!("{secs}.{}Z", frac.trim_end_matches('0'))
        }
        Some((secs, _)) => format!("{secs}Z"),
        None => s,
    }
}

/// The config document of image `id`.
pub fn config_doc(store: &Store, id: &Digest) -> Result<Value, ImageError> {
    let path = store.blob_path(id);
    let data = store.blob(id).map_err(|source| ImageError::Io {
        path: path.clone(),
        source,
    })?;
    serde_json::from_slice(&data).map_err(|e| ImageError::Io {
        path,
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
    })
}

/// podman's `image inspect` document for `entry`.
pub fn inspect(store: &Store, entry: &ImageEntry) -> Result<Value, ImageError> {
    let r = &entry.record;
    let doc = config_doc(store, &r.id)?;
    let diffs: Vec<String> = r
        .layers
        .iter()
        .map(|l| store.layer_dir(l).join("diff").display().to_string())
        .collect();
    let (upper, lower) = diffs
        .split_last()
        .map_or((None, &[][..]), |(u, l)| (Some(u), l));
    let mut lower: Vec<&String> = lower.iter().collect();
    lower.reverse();
    let mut data = json!({ "UpperDir": upper });
    if !lower.is_empty() {
        data["LowerDir"] = json!(
            lower
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(":")
        );
    }
    let config = doc.get("config").cloned().unwrap_or_else(|| json!({}));
    Ok(json!({
        "Id": r.id.hex(),
        "Digest": r.digest().to_string(),
        "RepoTags": entry.names,
        "RepoDigests": repo_digests(entry),
        "Parent": "",
        "Comment": doc.get("comment").cloned().unwrap_or(json!("")),
        "Created": rfc3339(r.created),
        "Config": config,
        "Version": doc.get("docker_version").cloned().unwrap_or(json!("")),
        "Author": doc.get("author").cloned().unwrap_or(json!("")),
        "Architecture": r.architecture,
        "Os": r.os,
        "Size": r.size,
        "VirtualSize": r.size,
        "GraphDriver": { "Name": "overlay", "Data": data },
        "RootFS": {
            "Type": "layers",
            "Layers": r.layers.iter().map(|l| l.to_string()).collect::<Vec<_>>(),
        },
        "Labels": if r.labels.is_empty() { Value::Null } else { json!(r.labels) },
        "Annotations": {},
        "ManifestType": r.manifest_media_type,
        "User": config.get("User").cloned().unwrap_or(json!("")),
        "History": doc.get("history").cloned().unwrap_or(json!([])),
        "NamesHistory": entry.names,
    }))
}

/// One line of `history`.
#[derive(Debug)]
pub struct HistoryRow {
    /// The image id on the newest line, `None` (`<missing>`) elsewhere.
    pub id: Option<Digest>,
    /// When the step ran.
    pub created: Option<DateTime<Utc>>,
    /// The instruction.
    pub created_by: String,
    /// Size of the layer the step made (0 for steps that made none).
    pub size: u64,
    /// The step's comment.
    pub comment: String,
}

/// The image's history, newest step first.
pub fn history(store: &Store, entry: &ImageEntry) -> Result<Vec<HistoryRow>, ImageError> {
    let doc = config_doc(store, &entry.record.id)?;
    let steps = doc
        .get("history")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut layers = entry.record.layers.iter();
    let mut rows = Vec::new();
    for step in &steps {
        let empty = step
            .get("empty_layer")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let size = if empty {
            0
        } else {
            layers
                .next()
                .and_then(|l| store.layer(l).ok())
                .map_or(0, |l| l.size)
        };
        let text = |k: &str| {
            step.get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        rows.push(HistoryRow {
            id: None,
            created: step
                .get("created")
                .and_then(Value::as_str)
                .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
                .map(|c| c.with_timezone(&Utc)),
            created_by: text("created_by"),
            size,
            comment: text("comment"),
        });
    }
    // Layers the history does not account for still get a line each.
    for l in layers {
        rows.push(HistoryRow {
            id: None,
            created: entry.record.created,
            created_by: String::new(),
            size: store.layer(l).map_or(0, |l| l.size),
            comment: String::new(),
        });
    }
    rows.reverse();
    if let Some(first) = rows.first_mut() {
        first.id = Some(entry.record.id.clone());
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_as_go_marshals_them() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(
            go_rfc3339_nano(t("2023-11-14T22:13:20Z")),
            "2023-11-14T22:13:20Z"
        );
        assert_eq!(
            go_rfc3339_nano(t("2023-11-14T22:13:20.500Z")),
            "2023-11-14T22:13:20.5Z"
        );
        assert_eq!(
            go_rfc3339_nano(t("2023-11-14T23:13:20.123456789+01:00")),
            "2023-11-14T22:13:20.123456789Z"
        );
    }
}
