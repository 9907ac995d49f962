//! `rctl build` (and `image build`): an image from a Containerfile.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::Args;

use super::pull::{self, PullPolicy, PullRequest};
use crate::build::context::Context;
use crate::build::executor::{BuildOptions, Builder};
use crate::cmd::Ctx;
use crate::cmd::registry::{PlatformArgs, RegistryArgs};
use crate::storage::images::local_name;

/// Flags of `build`.
#[derive(Args, Debug)]
pub struct BuildArgs {
    /// Name (and tag) for the image; repeatable
    #[arg(short, long = "tag", value_name = "NAME[:TAG]")]
    tags: Vec<String>,
    /// The Containerfile (default: Containerfile, then Dockerfile, in the context); `-` reads standard input
    #[arg(short, long, value_name = "FILE")]
    file: Option<String>,
    /// A build argument; `NAME` alone takes the value from the environment
    #[arg(long = "build-arg", value_name = "NAME[=VALUE]")]
    build_args: Vec<String>,
    /// Build up to this stage
    #[arg(long)]
    target: Option<String>,
    /// Run every step, using no cached step
    #[arg(long)]
    no_cache: bool,
    /// When to pull base images: always (also `--pull` alone), missing, never, newer
    #[arg(long, value_name = "POLICY", num_args = 0..=1, default_missing_value = "always", require_equals = true, default_value = "missing")]
    pull: PullPolicy,
    /// A label for the image; repeatable
    #[arg(long = "label", value_name = "KEY=VALUE")]
    labels: Vec<String>,
    /// Keep each step's image to reuse in later builds (default true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true, default_value = "true")]
    layers: bool,
    /// The new layers as one
    #[arg(long)]
    squash: bool,
    /// Set every created time, and the time of every file in new layers, to these seconds since the epoch (reproducible builds)
    #[arg(long, value_name = "SECONDS")]
    timestamp: Option<i64>,
    /// The network of RUN steps (default as `run`'s)
    #[arg(long)]
    network: Option<String>,
    /// A secret for `RUN --mount=type=secret`: id=ID,src=PATH
    #[arg(long, value_name = "id=ID,src=PATH")]
    secret: Vec<String>,
    /// Write the image id to this file
    #[arg(long, value_name = "FILE")]
    iidfile: Option<PathBuf>,
    /// Print only the image id
    #[arg(short, long)]
    quiet: bool,
    /// Image format (oci or docker; rctl writes OCI either way)
    #[arg(long, value_parser = ["oci", "docker"])]
    format: Option<String>,
    /// Remove the step containers (always done)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    rm: Option<bool>,
    #[command(flatten)]
    platform: PlatformArgs,
    #[command(flatten)]
    registry: RegistryArgs,
    /// The build context: a directory or a tar archive
    #[arg(default_value = ".")]
    context: PathBuf,
}

/// Runs `build`: prints each step, then the image id; exits with a failed
/// RUN's code, 125 for other errors.
pub fn run(ctx: &Ctx, a: BuildArgs) -> Result<i32> {
    let host = crate::image::platform::Platform::host();
    let wanted = a.platform.platform()?;
    if wanted.os != host.os || wanted.arch != host.arch {
        bail!(
            "--platform {}/{}: rctl builds only for this host's platform ({}/{})",
            wanted.os,
            wanted.arch,
            host.os,
            host.arch
        );
    }
    ctx.userns()?;
    let store = ctx.store()?;
    let tags = a
        .tags
        .iter()
        .map(|t| local_name(t).with_context(|| format!("invalid tag {t:?}")))
        .collect::<Result<Vec<_>>>()?;
    let opts = BuildOptions {
        tags,
        build_args: build_args(&a.build_args)?,
        target: a.target.clone(),
        no_cache: a.no_cache,
        layers: a.layers,
        squash: a.squash,
        labels: a
            .labels
            .iter()
            .map(|l| {
                l.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .unwrap_or((l.clone(), String::new()))
            })
            .collect(),
        timestamp: a.timestamp,
        network: a
            .network
            .clone()
            .unwrap_or_else(|| crate::cmd::container::create::default_network(ctx.rootless())),
        secrets: secrets(&a.secret)?,
        quiet: a.quiet,
        file_name: a.file.clone().unwrap_or_default(),
    };
    let (text, file_path) = containerfile(&a)?;
    let context = Context::open(&store, &a.context, file_path.as_deref())?;
    let (text, file_name) = match text {
        Some(t) => (t, a.file.clone().unwrap_or_else(|| "-".into())),
        None => {
            let found = find_in(context.dir(), a.file.as_deref())?;
            let name = found
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            (
                std::fs::read_to_string(&found)
                    .with_context(|| format!("reading {}", found.display()))?,
                name,
            )
        }
    };
    let opts = BuildOptions {
        file_name: file_name.clone(),
        ..opts
    };
    let file = crate::build::parse::parse(&text, &file_name)?;
    let request = PullRequest {
        policy: a.pull,
        platform: &a.platform,
        registry: &a.registry,
        quiet: a.quiet,
    };
    let resolve = |image: &str| -> Result<crate::image::digest::Digest, String> {
        pull::ensure(ctx, &store, image, &request).map_err(|e| format!("{e:#}"))?;
        store
            .resolve(image)
            .map(|r| r.id)
            .map_err(|e| e.to_string())
    };
    let out: Box<dyn std::io::Write> = Box::new(std::io::stdout());
    let builder = Builder::new(&store, &context, &opts, &resolve, out);
    let id = match builder.build(&file) {
        Ok(id) => id,
        Err(e) => {
            eprintln!("Error: {e}");
            return Ok(e.exit_code());
        }
    };
    if let Some(f) = &a.iidfile {
        std::fs::write(f, id.to_string()).with_context(|| format!("writing {}", f.display()))?;
    }
    println!("{}", id.hex());
    Ok(0)
}

/// The Containerfile's text when it is not in the context (`-f FILE`
/// outside it, or `-f -`), and its path for the ignore file next to it.
fn containerfile(a: &BuildArgs) -> Result<(Option<String>, Option<PathBuf>)> {
    match a.file.as_deref() {
        Some("-") => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                bail!("-f -: standard input is a terminal; pipe the Containerfile in");
            }
            let mut text = String::new();
            stdin
                .lock()
                .read_to_string(&mut text)
                .context("reading the Containerfile from standard input")?;
            Ok((Some(text), None))
        }
        // A file in a tar context is read from the unpacked context.
        Some(f) if Path::new(f).is_file() => {
            let text = std::fs::read_to_string(f).with_context(|| format!("reading {f}"))?;
            Ok((Some(text), Some(PathBuf::from(f))))
        }
        _ => Ok((None, None)),
    }
}

/// `name`, or Containerfile, then Dockerfile, in the context directory.
fn find_in(dir: &Path, name: Option<&str>) -> Result<PathBuf> {
    if let Some(n) = name {
        let p = dir.join(n);
        return if p.is_file() {
            Ok(p)
        } else {
            bail!("{n}: no such Containerfile (neither here nor in the build context)")
        };
    }
    ["Containerfile", "Dockerfile"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
        .with_context(|| {
            format!(
                "no Containerfile or Dockerfile in {}: give one with -f",
                dir.display()
            )
        })
}

/// `--build-arg NAME=VALUE`, or `NAME` taken from the environment (left out
/// when unset, as docker).
fn build_args(args: &[String]) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for a in args {
        match a.split_once('=') {
            Some((k, v)) if !k.is_empty() => {
                out.insert(k.to_string(), v.to_string());
            }
            Some(_) => bail!("invalid --build-arg {a:?}: expected NAME=VALUE"),
            None => {
                if let Ok(v) = std::env::var(a) {
                    out.insert(a.clone(), v);
                }
            }
        }
    }
    Ok(out)
}

/// `--secret id=ID,src=PATH` (also `source=`); the file must exist.
fn secrets(args: &[String]) -> Result<BTreeMap<String, PathBuf>> {
    let mut out = BTreeMap::new();
    for a in args {
        let mut id = None;
        let mut src = None;
        for part in a.split(',') {
            match part.split_once('=') {
                Some(("id", v)) => id = Some(v.to_string()),
                Some(("src" | "source", v)) => src = Some(PathBuf::from(v)),
                Some(("type", "file")) => {}
                _ => bail!("invalid --secret {a:?}: expected id=ID,src=PATH"),
            }
        }
        let (Some(id), Some(src)) = (id, src) else {
            bail!("invalid --secret {a:?}: expected id=ID,src=PATH");
        };
        if !src.is_file() {
            bail!("--secret {a:?}: {} is not a file", src.display());
        }
        let src = std::fs::canonicalize(&src)?;
        out.insert(id, src);
    }
    Ok(out)
}
