//! The host's platform in OCI's vocabulary.

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
