//! Platforms (`os/arch[/variant]`) in OCI's vocabulary: the host's, the one a
//! user asks for, and picking an image for one out of an index.

use std::fmt;

use oci_spec::image::{Descriptor, ImageIndex};

/// The host CPU architecture as OCI names it (`amd64`, `arm64`, ...).
pub fn host_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "x86" => "386",
        "aarch64" => "arm64",
        "powerpc64" => "ppc64le",
        other => other,
    }
}

/// The host operating system as OCI names it.
pub fn host_os() -> &'static str {
    std::env::consts::OS
}

/// A platform an image is wanted for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Platform {
    /// Operating system (`linux`).
    pub os: String,
    /// CPU architecture (`amd64`, `arm64`, ...).
    pub arch: String,
    /// CPU variant (`v7`, `v8`), when it matters.
    pub variant: Option<String>,
}

impl Platform {
    /// The host's platform.
    pub fn host() -> Platform {
        Platform {
            os: host_os().into(),
            arch: host_arch().into(),
            variant: None,
        }
    }

    /// The platform from podman's flags: `--platform os/arch[/variant]`, or
    /// `--os` and `--arch` (each defaulting to the host's).
    pub fn from_flags(
        platform: Option<&str>,
        os: Option<&str>,
        arch: Option<&str>,
    ) -> Result<Platform, String> {
        let mut p = Platform::host();
        if let Some(s) = platform {
            let parts: Vec<&str> = s.split('/').collect();
            match parts.as_slice() {
                [o, a] | [o, a, _] if !o.is_empty() && !a.is_empty() => {
                    p.os = (*o).into();
                    p.arch = (*a).into();
                    p.variant = parts
                        .get(2)
                        .filter(|v| !v.is_empty())
                        .map(|v| v.to_string());
                }
                _ => {
                    return Err(format!(
                        "invalid platform {s:?}: expected OS/ARCH[/VARIANT]"
                    ));
                }
            }
        }
        if let Some(o) = os {
            p.os = o.into();
        }
        if let Some(a) = arch {
            p.arch = a.into();
        }
        Ok(p)
    }

    /// Whether an image for `os`/`arch`/`variant` serves this platform. An
    /// unset variant takes any; arm64's variant v8 is also its default.
    pub fn matches(&self, os: &str, arch: &str, variant: Option<&str>) -> bool {
        let norm = |v: Option<&str>| match (arch, v) {
            ("arm64", Some("v8")) | (_, Some("")) => None,
            (_, v) => v.map(str::to_string),
        };
        self.os == os
            && self.arch == arch
            && (self.variant.is_none() || norm(self.variant.as_deref()) == norm(variant))
    }

    /// From an image index, the manifest for this platform (or the only
    /// one, when the index has one entry that names no platform).
    pub fn choose<'a>(&self, index: &'a ImageIndex) -> Result<&'a Descriptor, String> {
        let manifests = index.manifests();
        let found = manifests.iter().find(|d| {
            d.platform().as_ref().is_some_and(|p| {
                self.matches(
                    &p.os().to_string(),
                    &p.architecture().to_string(),
                    p.variant().as_deref(),
                )
            })
        });
        if let Some(d) = found {
            return Ok(d);
        }
        if let [only] = manifests.as_slice()
            && only.platform().is_none()
        {
            return Ok(only);
        }
        let have: Vec<String> = manifests
            .iter()
            .filter_map(|d| d.platform().as_ref())
            .map(|p| {
                let mut s = format!("{}/{}", p.os(), p.architecture());
                if let Some(v) = p.variant() {
                    s = format!("{s}/{v}");
                }
                s
            })
            .collect();
        Err(format!(
            "no image for {self} in the manifest list (it has {})",
            if have.is_empty() {
                "none".into()
            } else {
                have.join(", ")
            }
        ))
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.os, self.arch)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags() {
        let p = Platform::from_flags(Some("linux/arm64/v8"), None, None).unwrap();
        assert_eq!((p.os.as_str(), p.arch.as_str()), ("linux", "arm64"));
        assert_eq!(p.variant.as_deref(), Some("v8"));
        let p = Platform::from_flags(None, None, Some("arm")).unwrap();
        assert_eq!(p.to_string(), format!("{}/arm", host_os()));
        assert!(Platform::from_flags(Some("linux"), None, None).is_err());
        assert!(Platform::from_flags(Some("/amd64"), None, None).is_err());
    }

    #[test]
    fn variants() {
        let arm64 = Platform::from_flags(Some("linux/arm64"), None, None).unwrap();
        assert!(arm64.matches("linux", "arm64", Some("v8")));
        assert!(arm64.matches("linux", "arm64", None));
        let v8 = Platform::from_flags(Some("linux/arm64/v8"), None, None).unwrap();
        assert!(v8.matches("linux", "arm64", None));
        let v7 = Platform::from_flags(Some("linux/arm/v7"), None, None).unwrap();
        assert!(!v7.matches("linux", "arm", Some("v6")));
        assert!(v7.matches("linux", "arm", Some("v7")));
        assert!(!v7.matches("linux", "arm64", Some("v7")));
    }

    #[test]
    fn choose() {
        let index: ImageIndex = serde_json::from_value(serde_json::json!({
            "schemaVersion": 2,
            "manifests": [
                {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 1,
                 "digest": format!("sha256:{}", "a".repeat(64)),
                 "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"}},
                {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 1,
                 "digest": format!("sha256:{}", "b".repeat(64)),
                 "platform": {"os": "linux", "architecture": "amd64"}}
            ]
        }))
        .unwrap();
        let pick = |s: &str| {
            Platform::from_flags(Some(s), None, None)
                .unwrap()
                .choose(&index)
                .map(|d| d.digest().to_string())
        };
        assert!(pick("linux/amd64").unwrap().ends_with('b'));
        assert!(pick("linux/arm64").unwrap().ends_with('a'));
        let err = pick("linux/s390x").unwrap_err();
        assert!(err.contains("linux/arm64/v8, linux/amd64"), "{err}");
    }
}
