//! Image configs and manifests: reading them into store records, writing the
//! manifests rctl generates, and `--change` instructions (`CMD ...`, `ENV ...`)
//! applied to a config.
//!
//! Configs are kept as the bytes that arrived (their digest is the image id);
//! typed reads go through oci-spec. Edits work on the JSON document so that
//! docker's own fields (OnBuild, Healthcheck, Shell), which the OCI types do
//! not carry, survive them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use oci_spec::image::{DescriptorBuilder, ImageConfiguration, ImageManifestBuilder, MediaType};
use serde_json::{Map, Value, json};

use super::digest::Digest;
use crate::storage::images::ImageRecord;
use crate::storage::layers::LayerRecord;

/// Errors reading or editing a config.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The config is not valid JSON of the expected shape.
    #[error("invalid image config: {0}")]
    Invalid(String),
    /// A `--change` instruction could not be applied.
    #[error("invalid change {line:?}: {why}")]
    Change {
        /// The instruction as given.
        line: String,
        /// What is wrong with it.
        why: String,
    },
}

/// Parses a config.
pub fn parse(bytes: &[u8]) -> Result<ImageConfiguration, ConfigError> {
    serde_json::from_slice(bytes).map_err(|e| ConfigError::Invalid(e.to_string()))
}

/// The DiffIDs a config lists, base layer first.
pub fn diff_ids(config: &ImageConfiguration) -> Result<Vec<Digest>, ConfigError> {
    config
        .rootfs()
        .diff_ids()
        .iter()
        .map(|d| {
            d.parse::<Digest>()
                .map_err(|e| ConfigError::Invalid(e.to_string()))
        })
        .collect()
}

/// The store record for an image with config `config` (whose digest is `id`)
/// and layers `layers`, stored with manifest `manifest` of type `media_type`.
pub fn record(
    id: Digest,
    manifest: Digest,
    media_type: &str,
    config: &ImageConfiguration,
    layers: &[LayerRecord],
) -> ImageRecord {
    let created = config
        .created()
        .as_deref()
        .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
        .map(|c| c.with_timezone(&Utc));
    let labels: BTreeMap<String, String> = config
        .config()
        .as_ref()
        .and_then(|c| c.labels().clone())
        .map(|l| l.into_iter().collect())
        .unwrap_or_default();
    ImageRecord {
        id,
        digests: vec![manifest],
        manifest_media_type: media_type.to_string(),
        layers: layers.iter().map(|l| l.diff_id.clone()).collect(),
        size: layers.iter().map(|l| l.size).sum(),
        created,
        architecture: config.architecture().to_string(),
        os: config.os().to_string(),
        labels,
        added: Utc::now(),
        repositories: Vec::new(),
    }
}

/// An OCI manifest for `config` (of `config_size` bytes) with the layers as
/// uncompressed tars, which is how rctl stores and saves them.
pub fn oci_manifest(config: &Digest, config_size: u64, layers: &[LayerRecord]) -> Vec<u8> {
    let desc = |media: MediaType, digest: &Digest, size: u64| {
        DescriptorBuilder::default()
            .media_type(media)
            .digest(
                oci_spec::image::Digest::try_from(digest.clone())
                    .expect("sha256 digests are valid"),
            )
            .size(size)
            .build()
            .expect("all descriptor fields are set")
    };
    let manifest = ImageManifestBuilder::default()
        .schema_version(2u32)
        .media_type(MediaType::ImageManifest)
        .config(desc(MediaType::ImageConfig, config, config_size))
        .layers(
            layers
                .iter()
                .map(|l| desc(MediaType::ImageLayer, &l.diff_id, l.size))
                .collect::<Vec<_>>(),
        )
        .build()
        .expect("all manifest fields are set");
    serde_json::to_vec(&manifest).expect("manifests serialise")
}

/// The instructions `--change` accepts.
pub const CHANGE_INSTRUCTIONS: &[&str] = &[
    "CMD",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "LABEL",
    "ONBUILD",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// Applies one Dockerfile-style instruction (`CMD ["sh"]`, `ENV A=b`, ...) to
/// the `config` object of an image config document.
pub fn apply_change(doc: &mut Value, line: &str) -> Result<(), ConfigError> {
    let err = |why: &str| ConfigError::Change {
        line: line.to_string(),
        why: why.to_string(),
    };
    let trimmed = line.trim();
    let (word, args) = trimmed
        .split_once(char::is_whitespace)
        .unwrap_or((trimmed, ""));
    let args = args.trim();
    let instruction = word.to_ascii_uppercase();
    if !CHANGE_INSTRUCTIONS.contains(&instruction.as_str()) {
        return Err(err(&format!(
            "unknown instruction {word:?} (valid: {})",
            CHANGE_INSTRUCTIONS.join(", ")
        )));
    }
    if args.is_empty() && instruction != "CMD" && instruction != "ENTRYPOINT" {
        return Err(err("missing arguments"));
    }
    let root = doc
        .as_object_mut()
        .ok_or_else(|| err("config is not an object"))?;
    let cfg = root
        .entry("config")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .ok_or_else(|| err("config.config is not an object"))?;
    match instruction.as_str() {
        "CMD" | "ENTRYPOINT" => {
            let key = if instruction == "CMD" {
                "Cmd"
            } else {
                "Entrypoint"
            };
            let argv = exec_or_shell(args);
            if instruction == "ENTRYPOINT" {
                // Docker: a new entrypoint resets the command.
                cfg.remove("Cmd");
            }
            cfg.insert(key.into(), json!(argv));
        }
        "ENV" => {
            let env = cfg.entry("Env").or_insert_with(|| json!([]));
            let list = env.as_array_mut().ok_or_else(|| err("Env is not a list"))?;
            for (k, v) in key_values(args).map_err(|e| err(&e))? {
                let prefix = format!("{k}=");
                list.retain(|e| !e.as_str().is_some_and(|s| s.starts_with(&prefix)));
                list.push(json!(format!("{k}={v}")));
            }
        }
        "LABEL" => {
            let labels = cfg.entry("Labels").or_insert_with(|| json!({}));
            let map = labels
                .as_object_mut()
                .ok_or_else(|| err("Labels is not an object"))?;
            for (k, v) in key_values(args).map_err(|e| err(&e))? {
                map.insert(k, json!(v));
            }
        }
        "EXPOSE" => {
            let ports = cfg.entry("ExposedPorts").or_insert_with(|| json!({}));
            let map = ports
                .as_object_mut()
                .ok_or_else(|| err("ExposedPorts is not an object"))?;
            for p in split_words(args).map_err(|e| err(&e))? {
                map.insert(normalize_port(&p).map_err(|e| err(&e))?, json!({}));
            }
        }
        "VOLUME" => {
            let vols = cfg.entry("Volumes").or_insert_with(|| json!({}));
            let map = vols
                .as_object_mut()
                .ok_or_else(|| err("Volumes is not an object"))?;
            let paths = match serde_json::from_str::<Vec<String>>(args) {
                Ok(v) => v,
                Err(_) => split_words(args).map_err(|e| err(&e))?,
            };
            for p in paths {
                map.insert(p, json!({}));
            }
        }
        "USER" => {
            cfg.insert("User".into(), json!(args));
        }
        "STOPSIGNAL" => {
            cfg.insert("StopSignal".into(), json!(args));
        }
        "WORKDIR" => {
            let dir = if args.starts_with('/') {
                args.to_string()
            } else {
                let base = cfg.get("WorkingDir").and_then(Value::as_str).unwrap_or("/");
                format!("{}/{args}", base.trim_end_matches('/'))
            };
            cfg.insert("WorkingDir".into(), json!(dir));
        }
        "ONBUILD" => {
            let list = cfg.entry("OnBuild").or_insert_with(|| json!([]));
            list.as_array_mut()
                .ok_or_else(|| err("OnBuild is not a list"))?
                .push(json!(args));
        }
        _ => unreachable!("checked against CHANGE_INSTRUCTIONS"),
    }
    Ok(())
}

/// The exec form (`["a", "b"]`) as is; anything else in `/bin/sh -c`.
fn exec_or_shell(args: &str) -> Vec<String> {
    if args.is_empty() {
        return Vec::new();
    }
    if args.starts_with('[')
        && let Ok(v) = serde_json::from_str::<Vec<String>>(args)
    {
        return v;
    }
    vec!["/bin/sh".into(), "-c".into(), args.into()]
}

/// `80` -> `80/tcp`; `53/udp` stays; a range or junk is an error.
fn normalize_port(p: &str) -> Result<String, String> {
    let (port, proto) = p.split_once('/').unwrap_or((p, "tcp"));
    let proto = proto.to_ascii_lowercase();
    if port.parse::<u16>().is_err() || !["tcp", "udp", "sctp"].contains(&proto.as_str()) {
        return Err(format!("invalid port {p:?}"));
    }
    Ok(format!("{port}/{proto}"))
}

/// `K=V K2="v 2"` pairs, or the legacy single `K some value`.
fn key_values(args: &str) -> Result<Vec<(String, String)>, String> {
    let words = split_words(args)?;
    let first_has_eq = words.first().is_some_and(|w| w.contains('='));
    if !first_has_eq {
        let (k, v) = args
            .split_once(char::is_whitespace)
            .ok_or("expected KEY=VALUE")?;
        return Ok(vec![(k.to_string(), v.trim().to_string())]);
    }
    words
        .into_iter()
        .map(|w| {
            w.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .ok_or_else(|| format!("{w:?} is not KEY=VALUE"))
        })
        .collect()
}

/// Splits on blanks outside quotes, removing quotes; a backslash escapes the
/// next character outside single quotes (Dockerfile word rules).
pub fn split_words(s: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('\''), c) => cur.push(c),
            (_, '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
                in_word = true;
            }
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            (None, c) => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if quote.is_some() {
        return Err("unterminated quote".into());
    }
    if in_word {
        words.push(cur);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(lines: &[&str]) -> Value {
        let mut doc = json!({"config": {"WorkingDir": "/srv"}});
        for l in lines {
            apply_change(&mut doc, l).unwrap();
        }
        doc["config"].clone()
    }

    #[test]
    fn applies_changes() {
        let c = applied(&[
            "CMD [\"/bin/sh\", \"-c\", \"echo hi\"]",
            "ENV A=1 B=\"two words\"",
            "ENV A 3",
            "LABEL org.x=y",
            "EXPOSE 80 53/udp",
            "VOLUME /data",
            "WORKDIR app",
            "USER nobody",
            "STOPSIGNAL SIGINT",
            "ONBUILD RUN true",
        ]);
        assert_eq!(c["Cmd"], json!(["/bin/sh", "-c", "echo hi"]));
        assert_eq!(c["Env"], json!(["B=two words", "A=3"]));
        assert_eq!(c["Labels"]["org.x"], "y");
        assert_eq!(c["ExposedPorts"], json!({"80/tcp": {}, "53/udp": {}}));
        assert_eq!(c["Volumes"], json!({"/data": {}}));
        assert_eq!(c["WorkingDir"], "/srv/app");
        assert_eq!(c["User"], "nobody");
        assert_eq!(c["StopSignal"], "SIGINT");
        assert_eq!(c["OnBuild"], json!(["RUN true"]));
        let c = applied(&["CMD echo hi"]);
        assert_eq!(c["Cmd"], json!(["/bin/sh", "-c", "echo hi"]));
    }

    #[test]
    fn rejects_bad_changes() {
        let mut doc = json!({});
        assert!(apply_change(&mut doc, "FROM busybox").is_err());
        assert!(apply_change(&mut doc, "EXPOSE http").is_err());
        assert!(apply_change(&mut doc, "ENV").is_err());
        assert!(apply_change(&mut doc, "LABEL a=\"b").is_err());
    }
}
