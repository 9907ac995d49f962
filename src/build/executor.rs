//! Running a parsed Containerfile: each stage from its base, each step
//! in order, each step's result an image in the store.
//!
//! A step that changes files (RUN, COPY, ADD, a WORKDIR that must be made)
//! runs in a real container made from the image so far, with the runtime
//! `run` uses (rootless too); what the container changed becomes one layer
//! ([`crate::container::commit::changes_layer`]). Other steps change only
//! the config. Either way the step's result is recorded as an untagged
//! image: `images -a` lists these intermediate images, and the next build
//! starts from them.
//!
//! The layer cache: a step's key is the digest of its parent's key, its
//! text after expansion, the build args it uses (RUN: every ARG in scope,
//! as those are its environment), the digest of what COPY/ADD copies, and
//! the image a `--from` names. `ROOT/build-cache/KEY` holds the image the
//! step made; a later build with the same key reuses that image if it is
//! still in the store (`--> Using cache ID`). The first changed step changes
//! every key after it, so every later step runs again.

use std::collections::BTreeMap;
use std::io::Write;
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, TimeZone, Utc};
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

use super::config_steps;
use super::context::{Context, Stamp};
use super::expand::Expander;
use super::parse::{
    CommandLine, Containerfile, FileCopy, Instruction, MountKind, Run, RunNetwork, Stage, Step,
};
use crate::container::copy;
use crate::container::launch::Stdio;
use crate::container::spec::CreateOptions;
use crate::container::{commit, inroot, lifecycle, mountspec, passwd};
use crate::image::compose;
use crate::image::digest::Digest;
use crate::storage::Store;
use crate::storage::containers::ContainerRecord;
use crate::storage::layers::LayerRecord;

/// What the user asked of the build.
#[derive(Debug, Default)]
pub struct BuildOptions {
    /// Names for the final image, normalised.
    pub tags: Vec<String>,
    /// `--build-arg`s.
    pub build_args: BTreeMap<String, String>,
    /// `--target`: the stage to stop at (default the last).
    pub target: Option<String>,
    /// `--no-cache`: run every step.
    pub no_cache: bool,
    /// `--layers` (default on): keep each step's image and use the cache.
    pub layers: bool,
    /// `--squash`: the new layers as one.
    pub squash: bool,
    /// `--label`s for the final image.
    pub labels: Vec<(String, String)>,
    /// `--timestamp`: created time of the image and its history, and
    /// modification time of every file in the new layers.
    pub timestamp: Option<i64>,
    /// `--network` for RUN.
    pub network: String,
    /// `--secret id=ID,src=PATH`s.
    pub secrets: BTreeMap<String, PathBuf>,
    /// `-q`: print nothing but the id.
    pub quiet: bool,
    /// The Containerfile's name, for messages.
    pub file_name: String,
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A step is wrong (a bad argument, a missing stage or source).
    #[error("{file}:{line}: {message}")]
    Step {
        /// The Containerfile.
        file: String,
        /// The step's line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A RUN exited non-zero.
    #[error("building at STEP \"{step}\": the command exited with {code}")]
    Failed {
        /// The step as written.
        step: String,
        /// Its exit code.
        code: i32,
    },
    /// No stage is named by `--target`.
    #[error("the target stage {0:?} is not in the Containerfile")]
    NoTarget(String),
    /// The store failed.
    #[error("{0}")]
    Store(String),
}

impl BuildError {
    /// The exit code of `rctl build` for this error: a failed RUN's own code
    /// (as podman), 125 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            BuildError::Failed { code, .. } if *code != 0 => *code,
            _ => 125,
        }
    }
}

fn store_err(e: impl std::fmt::Display) -> BuildError {
    BuildError::Store(e.to_string())
}

/// Finds (pulling when needed) the image a FROM or `--from` names; returns
/// its id.
pub type BaseResolver<'a> = dyn Fn(&str) -> Result<Digest, String> + 'a;

/// The state of a stage between steps.
struct StageState {
    /// The image so far (`None`: `scratch`, nothing recorded yet).
    image: Option<Digest>,
    /// Its config document.
    doc: Value,
    /// Its layers, base first.
    layers: Vec<LayerRecord>,
    /// How many layers came from the base image.
    base_layers: usize,
    /// ARG values in scope.
    args: BTreeMap<String, String>,
    /// Whether this stage set CMD.
    cmd_set: bool,
    /// The cache key of the image so far.
    key: String,
}

/// A build in progress.
pub struct Builder<'a> {
    store: &'a Store,
    context: &'a Context,
    opts: &'a BuildOptions,
    resolve: &'a BaseResolver<'a>,
    out: Box<dyn Write + 'a>,
    /// Images this build recorded (removed at the end with `--layers=false`).
    made: Vec<Digest>,
    /// Build args some step used.
    consumed: std::collections::BTreeSet<String>,
    /// How many layers the last stage built took from its base.
    last_base_layers: usize,
}

impl<'a> Builder<'a> {
    /// A builder writing its progress to `out`.
    pub fn new(
        store: &'a Store,
        context: &'a Context,
        opts: &'a BuildOptions,
        resolve: &'a BaseResolver<'a>,
        out: Box<dyn Write + 'a>,
    ) -> Builder<'a> {
        Builder {
            store,
            context,
            opts,
            resolve,
            out,
            made: Vec::new(),
            consumed: Default::default(),
            last_base_layers: 0,
        }
    }

    /// Builds `file`; returns the final image's id.
    pub fn build(mut self, file: &Containerfile) -> Result<Digest, BuildError> {
        let target = match &self.opts.target {
            Some(t) => file
                .stages
                .iter()
                .position(|s| s.name.as_deref() == Some(t.to_lowercase().as_str()))
                .ok_or_else(|| BuildError::NoTarget(t.clone()))?,
            None => file.stages.len().saturating_sub(1),
        };
        let global = self.global_args(file);
        let needed = needed_stages(file, target);
        let total: usize = needed.iter().map(|&i| file.stages[i].steps.len() + 1).sum();
        let mut step_no = 0;
        let mut results: Vec<Option<Digest>> = vec![None; file.stages.len()];
        let mut last = None;
        for &i in &needed {
            let stage = &file.stages[i];
            let image = self.stage(file, stage, &global, &results, &mut step_no, total)?;
            results[i] = Some(image.clone());
            last = Some(image);
        }
        let mut image = last.ok_or_else(|| BuildError::Store("no stage to build".into()))?;
        image = self.finish(&image)?;
        let unused: Vec<&String> = self
            .opts
            .build_args
            .keys()
            .filter(|k| !self.consumed.contains(*k))
            .collect();
        if !unused.is_empty() && !self.opts.quiet {
            let _ = writeln!(
                self.out,
                "[Warning] one or more build args were not consumed: {unused:?}"
            );
        }
        if !self.opts.tags.is_empty() {
            self.store
                .tag_image(&image, &self.opts.tags)
                .map_err(store_err)?;
        }
        if !self.opts.layers {
            for id in &self.made {
                if *id != image {
                    let _ = self.store.remove_image(id);
                }
            }
        }
        if !self.opts.quiet {
            for t in &self.opts.tags {
                let _ = writeln!(self.out, "Successfully tagged {t}");
            }
        }
        Ok(image)
    }

    /// The global ARGs (before the first FROM) with their values.
    fn global_args(&mut self, file: &Containerfile) -> BTreeMap<String, String> {
        let platform = crate::image::platform::Platform::host();
        let mut vars = super::args::platform_args(&platform);
        for a in &file.global_args {
            let value = self.opts.build_args.get(&a.name).cloned().or_else(|| {
                a.default.as_ref().map(|d| {
                    Expander::new(file.escape, &vars)
                        .word(d)
                        .unwrap_or_default()
                })
            });
            if self.opts.build_args.contains_key(&a.name) {
                self.consumed.insert(a.name.clone());
            }
            vars.insert(a.name.clone(), value.unwrap_or_default());
        }
        vars
    }

    /// Builds one stage; returns its image.
    fn stage(
        &mut self,
        file: &Containerfile,
        stage: &Stage,
        global: &BTreeMap<String, String>,
        results: &[Option<Digest>],
        step_no: &mut usize,
        total: usize,
    ) -> Result<Digest, BuildError> {
        let step_err = |line: usize, message: String| BuildError::Step {
            file: self.opts.file_name.clone(),
            line,
            message,
        };
        *step_no += 1;
        self.say(format!("STEP {step_no}/{total}: {}", stage.original));
        let (base, platform) = Expander::new(file.escape, global)
            .stage_base(stage)
            .map_err(|e| step_err(stage.line, e.to_string()))?;
        // Steps run here, so a stage can only be for this host's platform
        // (`FROM --platform=$BUILDPLATFORM` and the like are this host).
        if let Some(p) = platform {
            let wanted = crate::image::platform::Platform::from_flags(Some(&p), None, None)
                .map_err(|e| step_err(stage.line, e))?;
            let host = crate::image::platform::Platform::host();
            if (wanted.os.as_str(), wanted.arch.as_str()) != (host.os.as_str(), host.arch.as_str())
            {
                return Err(step_err(
                    stage.line,
                    format!(
                        "FROM --platform={p}: rctl builds only for this host ({}/{})",
                        host.os, host.arch
                    ),
                ));
            }
        }
        let mut state = self.base(file, &base, results, stage.line)?;
        self.last_base_layers = state.base_layers;
        // ONBUILD triggers of the base run first, and are not inherited.
        let triggers: Vec<String> = state.doc["config"]["OnBuild"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|t| t.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(cfg) = state.doc["config"].as_object_mut() {
            cfg.remove("OnBuild");
        }
        for trigger in &triggers {
            let instruction = super::parse::parse_instruction_line(trigger)
                .map_err(|e| step_err(stage.line, format!("ONBUILD {trigger}: {e}")))?;
            let step = Step {
                line: stage.line,
                end_line: stage.line,
                original: trigger.clone(),
                instruction,
            };
            self.step(file, &step, &mut state, results, global)?;
        }
        for step in &stage.steps {
            *step_no += 1;
            self.say(format!("STEP {step_no}/{total}: {}", step.original));
            self.step(file, step, &mut state, results, global)?;
        }
        match state.image {
            Some(id) => Ok(id),
            None => self.record(&mut state, None, "", true),
        }
    }

    /// The state a stage starts from: `scratch`, an earlier stage, or an image.
    fn base(
        &mut self,
        file: &Containerfile,
        base: &str,
        results: &[Option<Digest>],
        line: usize,
    ) -> Result<StageState, BuildError> {
        let mut state = StageState {
            image: None,
            doc: json!({
                "architecture": crate::image::platform::host_arch(),
                "os": crate::image::platform::host_os(),
                "config": {},
                "rootfs": {"type": "layers", "diff_ids": []},
                "history": [],
            }),
            layers: Vec::new(),
            base_layers: 0,
            args: BTreeMap::new(),
            cmd_set: false,
            key: String::new(),
        };
        if base == "scratch" {
            state.key = key_of(&["FROM scratch"]);
            return Ok(state);
        }
        let id = match self.stage_result(file, base, results) {
            Some(id) => id,
            None => (self.resolve)(base).map_err(|message| BuildError::Step {
                file: self.opts.file_name.clone(),
                line,
                message,
            })?,
        };
        self.load(&mut state, &id)?;
        state.base_layers = state.layers.len();
        state.key = key_of(&["FROM", &id.to_string()]);
        Ok(state)
    }

    /// The image of an earlier stage named (or numbered) `name`.
    fn stage_result(
        &self,
        file: &Containerfile,
        name: &str,
        results: &[Option<Digest>],
    ) -> Option<Digest> {
        stage_index(file, name).and_then(|i| results.get(i).cloned().flatten())
    }

    /// Makes `state` image `id` as it is in the store.
    fn load(&self, state: &mut StageState, id: &Digest) -> Result<(), BuildError> {
        let doc = crate::image::inspect::config_doc(self.store, id).map_err(store_err)?;
        let rec = self.store.image(id).map_err(store_err)?;
        let mut layers = Vec::new();
        for l in &rec.layers {
            layers.push(self.store.layer(l).map_err(store_err)?);
        }
        state.image = Some(id.clone());
        state.doc = doc;
        state.layers = layers;
        Ok(())
    }

    /// One step: from the cache, or run.
    fn step(
        &mut self,
        file: &Containerfile,
        step: &Step,
        state: &mut StageState,
        results: &[Option<Digest>],
        global: &BTreeMap<String, String>,
    ) -> Result<(), BuildError> {
        let step_err = |message: String| BuildError::Step {
            file: self.opts.file_name.clone(),
            line: step.line,
            message,
        };
        // ARG takes its value now, so later steps (and their keys) see it.
        if let Instruction::Arg(defs) = &step.instruction {
            for d in defs {
                let value = if let Some(v) = self.opts.build_args.get(&d.name) {
                    self.consumed.insert(d.name.clone());
                    Some(v.clone())
                } else if let Some(def) = &d.default {
                    let vars = self.vars(state);
                    Some(
                        Expander::new(file.escape, &vars)
                            .word(def)
                            .map_err(|e| step_err(e.to_string()))?,
                    )
                } else {
                    global.get(&d.name).cloned()
                };
                state.args.insert(d.name.clone(), value.unwrap_or_default());
            }
        }
        let vars = self.vars(state);
        let mut expander = Expander::new(file.escape, &vars);
        let instruction = expander
            .instruction(&step.instruction)
            .map_err(|e| step_err(e.to_string()))?;
        let mut used: Vec<String> = expander.used().iter().cloned().collect();
        if matches!(instruction, Instruction::Run(_)) {
            used.extend(state.args.keys().cloned());
        }
        let used_values: Vec<String> = used
            .iter()
            .map(|k| format!("{k}={}", vars.get(k).map(String::as_str).unwrap_or("")))
            .collect();
        // What COPY/ADD copies, and from where.
        let copy_plan = match &instruction {
            Instruction::Copy(c) | Instruction::Add(c) => {
                Some(self.copy_plan(file, c, state, results).map_err(step_err)?)
            }
            _ => None,
        };
        let key = key_of(&[
            &state.key,
            &format!("{instruction:?}"),
            &used_values.join("\n"),
            copy_plan.as_ref().map_or("", |p| p.digest.as_str()),
            &format!("{:?}", self.opts.timestamp),
        ]);
        if self.opts.layers
            && !self.opts.no_cache
            && let Some(id) = self.cached(&key)
        {
            self.say(format!("--> Using cache {}", id.hex()));
            self.load(state, &id)?;
            state.key = key;
            if let Instruction::Cmd(_) = instruction {
                state.cmd_set = true;
            }
            self.say(format!("--> {}", &id.hex()[..11]));
            return Ok(());
        }
        let created_by = match &instruction {
            Instruction::Run(r) => run_created_by(r, &config_steps::shell(&state.doc)),
            Instruction::Copy(_) | Instruction::Add(_) => {
                let p = copy_plan.as_ref().expect("planned above");
                format!(
                    "/bin/sh -c #(nop) {} {}:{} in {} ",
                    if matches!(instruction, Instruction::Add(_)) {
                        "ADD"
                    } else {
                        "COPY"
                    },
                    if p.dir { "dir" } else { "file" },
                    p.digest,
                    p.dest
                )
            }
            _ => format!("/bin/sh -c #(nop) {}", step.original.trim()),
        };
        let layer = if config_steps::apply(&mut state.doc, &instruction, &mut state.cmd_set) {
            None
        } else {
            match &instruction {
                Instruction::Run(r) => Some(self.run(step, r, state)?),
                Instruction::Workdir(dir) => {
                    let abs = absolute(&state.doc, dir);
                    state.doc["config"]["WorkingDir"] = json!(abs);
                    self.workdir(state, &abs).map_err(step_err)?
                }
                Instruction::Copy(c) | Instruction::Add(c) => {
                    let plan = copy_plan.expect("planned above");
                    Some(self.copy(state, c, plan).map_err(step_err)?)
                }
                _ => None,
            }
        };
        let id = self.record(state, layer, &created_by, false)?;
        if self.opts.layers {
            self.remember(&key, &id);
        }
        state.key = key;
        self.say(format!("--> {}", &id.hex()[..11]));
        Ok(())
    }

    /// Variables a step's expansion sees: the image's ENV, then the ARGs in
    /// scope (ENV wins over ARG, as docker).
    fn vars(&self, state: &StageState) -> BTreeMap<String, String> {
        let mut vars = state.args.clone();
        for (k, v) in config_steps::env(&state.doc) {
            vars.insert(k, v);
        }
        vars
    }

    /// Records `state` plus `layer` as an image with a history entry.
    fn record(
        &mut self,
        state: &mut StageState,
        layer: Option<LayerRecord>,
        created_by: &str,
        silent: bool,
    ) -> Result<Digest, BuildError> {
        let created = self.created();
        let empty = layer.is_none();
        if let Some(l) = layer {
            state.layers.push(l);
        }
        if !silent {
            let mut entry = json!({ "created": created, "created_by": created_by });
            if empty {
                entry["empty_layer"] = json!(true);
            }
            if !state.doc["history"].is_array() {
                state.doc["history"] = json!([]);
            }
            state.doc["history"]
                .as_array_mut()
                .expect("made a list above")
                .push(entry);
        }
        state.doc["created"] = json!(created);
        let id = compose::record_image(self.store, &mut state.doc, &state.layers, &[])
            .map_err(store_err)?;
        self.made.push(id.clone());
        state.image = Some(id.clone());
        Ok(id)
    }

    /// The created time of what this build records.
    fn created(&self) -> String {
        let t = match self.opts.timestamp {
            Some(s) => Utc.timestamp_opt(s, 0).single().unwrap_or_else(Utc::now),
            None => Utc::now(),
        };
        let precision = if self.opts.timestamp.is_some() {
            SecondsFormat::Secs
        } else {
            SecondsFormat::Nanos
        };
        t.to_rfc3339_opts(precision, true)
    }

    /// The image the cache holds for `key`, if it is still in the store.
    fn cached(&self, key: &str) -> Option<Digest> {
        let text = std::fs::read_to_string(self.cache_dir().join(key)).ok()?;
        let id = Digest::from_hex(text.trim()).ok()?;
        self.store.image(&id).ok().map(|_| id)
    }

    /// Notes that `key` gave image `id`.
    fn remember(&self, key: &str, id: &Digest) {
        let dir = self.cache_dir();
        let done = std::fs::create_dir_all(&dir)
            .and_then(|()| crate::storage::atomic::write(&dir.join(key), id.hex().as_bytes()));
        if let Err(e) = done {
            tracing::warn!("cannot record the build cache entry: {e}");
        }
    }

    fn cache_dir(&self) -> PathBuf {
        self.store.root().join("build-cache")
    }

    fn say(&mut self, line: String) {
        if !self.opts.quiet {
            let _ = writeln!(self.out, "{line}");
            let _ = self.out.flush();
        }
    }

    /// A container made from the image so far, for a step to change.
    fn container(
        &mut self,
        state: &mut StageState,
        opts: &CreateOptions,
    ) -> Result<ContainerRecord, BuildError> {
        let image = match &state.image {
            Some(id) => id.clone(),
            None => self.record(state, None, "", true)?,
        };
        lifecycle::create(self.store, &image, &image.hex()[..12], None, opts).map_err(store_err)
    }

    /// RUN: the command in a container; its changes as a layer.
    fn run(
        &mut self,
        step: &Step,
        r: &Run,
        state: &mut StageState,
    ) -> Result<LayerRecord, BuildError> {
        let shell = config_steps::shell(&state.doc);
        let command = run_argv(r, &shell);
        let mut env: Vec<String> = state.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
        // Proxy args reach RUN without an ARG line, outside the cache key.
        for k in super::args::PROXY_ARGS {
            if let (Some(v), false) = (self.opts.build_args.get(k), state.args.contains_key(k)) {
                env.push(format!("{k}={v}"));
                self.consumed.insert(k.to_string());
            }
        }
        // The image's ENV wins over an ARG of the same name.
        let image_env: Vec<String> = config_steps::env(&state.doc)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        env.retain(|e| !image_env.iter().any(|k| e.starts_with(&format!("{k}="))));
        let network = match r.network {
            RunNetwork::None => "none".to_string(),
            RunNetwork::Host => "host".to_string(),
            RunNetwork::Default => self.opts.network.clone(),
        };
        let mut opts = CreateOptions {
            command,
            entrypoint: Some(String::new()),
            env,
            network,
            log_driver: "none".into(),
            ..Default::default()
        };
        for m in &r.mounts {
            let spec = self.run_mount(m).map_err(|message| BuildError::Step {
                file: self.opts.file_name.clone(),
                line: step.line,
                message,
            })?;
            opts.volumes.specs.push(spec);
        }
        let rec = self.container(state, &opts)?;
        let out = if self.opts.quiet {
            Stdio::Inherit(2)
        } else {
            Stdio::Inherit(1)
        };
        let code = lifecycle::run_direct(self.store, &rec, [Stdio::Null, out, Stdio::Inherit(2)]);
        let code = match code {
            Ok(c) => c,
            Err(e) => {
                lifecycle::discard(self.store, &rec);
                return Err(store_err(e));
            }
        };
        if code != 0 {
            lifecycle::discard(self.store, &rec);
            return Err(BuildError::Failed {
                step: step.original.lines().next().unwrap_or("").to_string(),
                code,
            });
        }
        let targets: Vec<PathBuf> = opts
            .volumes
            .specs
            .iter()
            .map(|m| m.destination.clone())
            .collect();
        let layer = commit::changes_layer(self.store, &rec, self.opts.timestamp, &targets);
        lifecycle::discard(self.store, &rec);
        layer.map_err(store_err)
    }

    /// A `RUN --mount` as a mount of the step's container.
    fn run_mount(&self, m: &super::parse::RunMount) -> Result<mountspec::MountSpec, String> {
        let target = m
            .target
            .clone()
            .or_else(|| {
                (m.kind == MountKind::Secret)
                    .then(|| format!("/run/secrets/{}", m.id.clone().unwrap_or_default()))
            })
            .ok_or("RUN --mount needs target=")?;
        let ro = if m.readonly { ",readonly" } else { "" };
        let spec = match m.kind {
            MountKind::Bind => {
                if m.from.is_some() {
                    return Err("RUN --mount=type=bind,from= is not supported yet".into());
                }
                let rel = super::context::clean_relative(m.source.as_deref().unwrap_or("."))
                    .ok_or("RUN --mount source is outside the build context")?;
                let source = self.context.dir().join(rel);
                format!("type=bind,source={},target={target}{ro}", source.display())
            }
            MountKind::Cache => {
                let id = m.id.clone().unwrap_or_else(|| target.clone());
                let dir = self
                    .store
                    .root()
                    .join("build-cache-mounts")
                    .join(hex::encode(Sha256::digest(id.as_bytes())));
                std::fs::create_dir_all(&dir).map_err(|e| format!("cache mount {id}: {e}"))?;
                format!("type=bind,source={},target={target}{ro}", dir.display())
            }
            MountKind::Tmpfs => format!("type=tmpfs,target={target}"),
            MountKind::Secret => {
                let id = m.id.clone().ok_or("RUN --mount=type=secret needs id=")?;
                match self.opts.secrets.get(&id) {
                    Some(src) => format!(
                        "type=bind,source={},target={target},readonly",
                        src.display()
                    ),
                    None if m.required => {
                        return Err(format!(
                            "secret {id} is required but was not given with --secret"
                        ));
                    }
                    None => format!("type=tmpfs,target={target}"),
                }
            }
            MountKind::Ssh => return Err("RUN --mount=type=ssh is not supported".into()),
        };
        mountspec::parse_mount(&spec).map_err(|e| e.to_string())
    }

    /// WORKDIR: the directory is made when missing; a layer only then.
    fn workdir(
        &mut self,
        state: &mut StageState,
        dir: &str,
    ) -> Result<Option<LayerRecord>, String> {
        let rec = self
            .container(state, &file_step_options())
            .map_err(|e| e.to_string())?;
        let done = with_root(self.store, &rec, |root| {
            inroot::mkdir_all(root, Path::new(dir)).map(drop)
        });
        let result = done.map_err(|e| e.to_string()).and_then(|()| {
            let c = crate::container::diff::of_container(self.store, &rec);
            if c.changes.is_empty() {
                Ok(None)
            } else {
                commit::changes_layer(self.store, &rec, self.opts.timestamp, &[])
                    .map(Some)
                    .map_err(|e| e.to_string())
            }
        });
        lifecycle::discard(self.store, &rec);
        result.map_err(|e| format!("WORKDIR {dir}: {e}"))
    }

    /// What a COPY/ADD step copies: its sources named as in the copy, and
    /// their digest.
    fn copy_plan(
        &self,
        file: &Containerfile,
        c: &FileCopy,
        state: &StageState,
        results: &[Option<Digest>],
    ) -> Result<CopyPlan, String> {
        let dest = absolute(&state.doc, &c.dest);
        let into_dir = c.dest.ends_with('/') || c.sources.len() + c.heredocs.len() > 1;
        if let Some(from) = &c.from {
            let image = match self.stage_result(file, from, results) {
                Some(id) => id,
                None => (self.resolve)(from)?,
            };
            return Ok(CopyPlan {
                digest: key_of(&[&image.to_string(), &c.sources.join("\n")]),
                dest,
                into_dir,
                dir: false,
                from: Some(image),
                sources: Vec::new(),
            });
        }
        if let Some(url) = c.sources.iter().find(|s| s.contains("://")) {
            return Err(format!(
                "ADD {url}: downloading URLs is not supported (fetch it into the context first)"
            ));
        }
        let mut sources = Vec::new();
        let mut dir = c.sources.len() > 1;
        for s in &c.sources {
            for rel in self.context.sources(s).map_err(|e| e.to_string())? {
                let is_dir = self.context.dir().join(&rel).is_dir();
                dir |= is_dir;
                let name = if is_dir {
                    PathBuf::new()
                } else {
                    PathBuf::from(rel.file_name().unwrap_or_default())
                };
                sources.push((rel, name));
            }
        }
        let into_dir = into_dir || sources.len() > 1;
        let digest = self.context.digest(&sources).map_err(|e| e.to_string())?;
        let mut h = Sha256::new();
        h.update(digest.as_bytes());
        for d in &c.heredocs {
            h.update(d.name.as_bytes());
            h.update(d.content.as_bytes());
        }
        Ok(CopyPlan {
            digest: hex::encode(h.finalize()),
            dest,
            into_dir,
            dir,
            from: None,
            sources,
        })
    }

    /// COPY/ADD into a container made from the image so far.
    fn copy(
        &mut self,
        state: &mut StageState,
        c: &FileCopy,
        plan: CopyPlan,
    ) -> Result<LayerRecord, String> {
        let rec = self
            .container(state, &file_step_options())
            .map_err(|e| e.to_string())?;
        let from_root = match &plan.from {
            Some(image) => {
                let other = lifecycle::create(
                    self.store,
                    image,
                    &image.hex()[..12],
                    None,
                    &file_step_options(),
                )
                .map_err(|e| e.to_string())?;
                Some(other)
            }
            None => None,
        };
        let result = self.copy_into(&rec, from_root.as_ref(), c, &plan);
        let layer = result.and_then(|()| {
            commit::changes_layer(self.store, &rec, self.opts.timestamp, &[])
                .map_err(|e| e.to_string())
        });
        lifecycle::discard(self.store, &rec);
        if let Some(o) = &from_root {
            unmount_root(self.store, o);
            lifecycle::discard(self.store, o);
        }
        layer
    }

    fn copy_into(
        &self,
        rec: &ContainerRecord,
        from: Option<&ContainerRecord>,
        c: &FileCopy,
        plan: &CopyPlan,
    ) -> Result<(), String> {
        let store = self.store;
        let timestamp = self.opts.timestamp;
        let is_add = c.from.is_none() && plan.from.is_none();
        with_root(store, rec, |root| {
            let owner = match &c.chown {
                Some(spec) => Some(owner_in(root, spec)?),
                None => None,
            };
            let mode = match &c.chmod {
                Some(m) => Some(u32::from_str_radix(m, 8).map_err(|_| {
                    std::io::Error::other(format!("--chmod={m}: not an octal mode"))
                })?),
                None => None,
            };
            let stamp = Stamp {
                owner,
                mode,
                mtime: timestamp,
            };
            let dest = Path::new(&plan.dest);
            let existing_dir = inroot::open(
                root,
                dest,
                nix::fcntl::OFlag::O_PATH | nix::fcntl::OFlag::O_DIRECTORY,
            )
            .is_ok();
            let archive = |src: &PathBuf| {
                let host = self.context.dir().join(src);
                is_add && host.is_file() && is_archive(&host)
            };
            let has_archive = plan.sources.iter().any(|(s, _)| archive(s));
            let into_dir = plan.into_dir || plan.dir || existing_dir || has_archive;
            let (target, rename) = if into_dir {
                (dest.to_path_buf(), None)
            } else {
                (
                    dest.parent().unwrap_or(Path::new("/")).to_path_buf(),
                    dest.file_name().map(PathBuf::from),
                )
            };
            if let Some(other) = from {
                return copy_from_container(
                    store,
                    other,
                    root,
                    &c.sources,
                    dest,
                    plan.into_dir,
                    stamp,
                );
            }
            let target_dir = open_dir(root, &target)?;
            // ADD: a local tar archive is unpacked into the destination.
            let mut plain = Vec::new();
            for (src, name) in &plan.sources {
                if archive(src) {
                    let f = std::fs::File::open(self.context.dir().join(src))?;
                    let mut input = std::io::BufReader::new(f);
                    let tar = super::archive::decoder(&mut input)?;
                    crate::storage::unpack::extract_plain(
                        std::io::BufReader::new(tar),
                        target_dir.try_clone()?,
                        copy::plain_options(true),
                    )
                    .map_err(std::io::Error::other)?;
                } else {
                    let name = match &rename {
                        Some(r) if plan.sources.len() == 1 => r.clone(),
                        _ => name.clone(),
                    };
                    plain.push((src.clone(), name));
                }
            }
            let bytes = self
                .context
                .write_tar(&plain, stamp, Vec::new())
                .map_err(std::io::Error::other)?;
            unpack_into(&target_dir, &bytes)?;
            // Inline files of `COPY <<EOF /dest`.
            if !c.heredocs.is_empty() {
                unpack_into(&target_dir, &heredoc_tar(c, rename.as_deref(), stamp)?)?;
            }
            Ok(())
        })
        .map_err(|e| e.to_string())
    }

    /// The image the build ends with: the target stage's, with `--label`s
    /// and `--squash` applied.
    fn finish(&mut self, image: &Digest) -> Result<Digest, BuildError> {
        let mut state = StageState {
            image: None,
            doc: Value::Null,
            layers: Vec::new(),
            base_layers: 0,
            args: BTreeMap::new(),
            cmd_set: true,
            key: String::new(),
        };
        self.load(&mut state, image)?;
        let mut changed = false;
        if !self.opts.labels.is_empty() {
            let cfg = &mut state.doc["config"];
            if !cfg["Labels"].is_object() {
                cfg["Labels"] = json!({});
            }
            for (k, v) in &self.opts.labels {
                cfg["Labels"][k] = json!(v);
            }
            changed = true;
        }
        if self.opts.squash {
            let base = self.last_base_layers.min(state.layers.len());
            let above: Vec<PathBuf> = state.layers[base..]
                .iter()
                .map(|l| self.store.layer_dir(&l.diff_id).join("diff"))
                .collect();
            let base_ids: Vec<Digest> = state.layers[..base]
                .iter()
                .map(|l| l.diff_id.clone())
                .collect();
            let layer = commit::merged_layer(self.store, &base_ids, &above, self.opts.timestamp)
                .map_err(store_err)?;
            state.layers.truncate(base);
            if let Some(h) = state.doc["history"].as_array_mut() {
                // The squashed steps' entries stay, but their layers are in the one.
                let keep = h
                    .iter()
                    .filter(|e| e["empty_layer"] != json!(true))
                    .count()
                    .min(base);
                let mut seen = 0;
                for e in h.iter_mut() {
                    if e["empty_layer"] != json!(true) {
                        seen += 1;
                        if seen > keep {
                            e["empty_layer"] = json!(true);
                        }
                    }
                }
            }
            let created = self.created();
            state.layers.push(layer);
            if let Some(h) = state.doc["history"].as_array_mut() {
                h.push(
                    json!({"created": created, "created_by": "/bin/sh -c #(nop) squashed layers"}),
                );
            }
            changed = true;
        }
        if !changed {
            return Ok(image.clone());
        }
        state.doc["created"] = json!(self.created());
        let id = compose::record_image(self.store, &mut state.doc, &state.layers, &[])
            .map_err(store_err)?;
        self.made.push(id.clone());
        Ok(id)
    }
}

/// What a COPY/ADD step copies.
struct CopyPlan {
    /// Digest of the content (the step's part of the cache key).
    digest: String,
    /// The absolute destination.
    dest: String,
    /// The destination is a directory (a trailing `/`, several sources).
    into_dir: bool,
    /// A source is a directory (its contents go into the destination).
    dir: bool,
    /// `--from`'s image.
    from: Option<Digest>,
    /// Context sources with their names in the copy.
    sources: Vec<(PathBuf, PathBuf)>,
}

/// The container of a step that only changes files (COPY, ADD, WORKDIR):
/// never started, so it needs no network.
fn file_step_options() -> CreateOptions {
    CreateOptions {
        network: "none".into(),
        ..Default::default()
    }
}

/// The digest of `parts`, a cache key.
fn key_of(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    hex::encode(h.finalize())
}

/// The stage `name` (an `AS` name, any case, or a number) stands for.
fn stage_index(file: &Containerfile, name: &str) -> Option<usize> {
    let lower = name.to_lowercase();
    file.stages
        .iter()
        .position(|s| s.name.as_deref() == Some(lower.as_str()))
        .or_else(|| {
            name.parse::<usize>()
                .ok()
                .filter(|&i| i < file.stages.len())
        })
}

/// The stages the target needs, in order: itself and every stage it takes
/// from (FROM, COPY --from, RUN --mount from=), transitively.
fn needed_stages(file: &Containerfile, target: usize) -> Vec<usize> {
    let index_of = |name: &str| stage_index(file, name);
    let mut needed = vec![false; file.stages.len()];
    let mut todo = vec![target];
    while let Some(i) = todo.pop() {
        if needed[i] {
            continue;
        }
        needed[i] = true;
        let stage = &file.stages[i];
        let mut refs = vec![stage.base.clone()];
        for step in &stage.steps {
            match &step.instruction {
                Instruction::Copy(c) | Instruction::Add(c) => refs.extend(c.from.clone()),
                Instruction::Run(r) => refs.extend(r.mounts.iter().filter_map(|m| m.from.clone())),
                _ => {}
            }
        }
        for r in refs {
            if let Some(j) = index_of(&r).filter(|&j| j < i) {
                todo.push(j);
            }
        }
    }
    (0..file.stages.len()).filter(|&i| needed[i]).collect()
}

/// `path` made absolute against the image's working directory.
fn absolute(doc: &Value, path: &str) -> String {
    if path.starts_with('/') {
        return path.to_string();
    }
    let base = doc["config"]["WorkingDir"].as_str().unwrap_or("/");
    let joined = Path::new(if base.is_empty() { "/" } else { base }).join(path);
    let mut out = joined.display().to_string();
    if path.ends_with('/') && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// The argv of a RUN. Heredocs: a command that is only a heredoc runs its
/// body as a script; otherwise the shell gets the command with the heredoc
/// bodies after it, and does the redirections itself (as BuildKit).
fn run_argv(r: &Run, shell: &[String]) -> Vec<String> {
    let text = match &r.command {
        CommandLine::Exec(v) => return v.clone(),
        CommandLine::Shell(text) => text,
    };
    let script = if r.heredocs.is_empty() {
        text.clone()
    } else if r.heredocs.len() == 1
        && text.trim().starts_with("<<")
        && !text.trim().contains(char::is_whitespace)
    {
        r.heredocs[0].content.clone()
    } else {
        let mut s = format!("{text}\n");
        for h in &r.heredocs {
            s.push_str(&h.content);
            s.push_str(&h.name);
            s.push('\n');
        }
        s
    };
    let mut argv = shell.to_vec();
    argv.push(script);
    argv
}

/// The history line of a RUN, as podman writes it.
fn run_created_by(r: &Run, shell: &[String]) -> String {
    match &r.command {
        CommandLine::Exec(v) => v.join(" "),
        CommandLine::Shell(text) => format!("{} {text}", shell.join(" ")),
    }
}

/// Calls `f` with the root of stopped container `rec` mounted, then unmounts it.
fn with_root<T>(
    store: &Store,
    rec: &ContainerRecord,
    f: impl FnOnce(std::os::fd::BorrowedFd<'_>) -> std::io::Result<T>,
) -> std::io::Result<T> {
    let root = copy::rootfs(store, rec).map_err(std::io::Error::other)?;
    let result = f(root.as_fd());
    drop(root);
    unmount_root(store, rec);
    result
}

/// Unmounts the root `copy::rootfs` mounted for `rec` in our namespace.
fn unmount_root(store: &Store, rec: &ContainerRecord) {
    let target = lifecycle::plan(store, rec).rootfs.target;
    let _ = nix::mount::umount2(&target, nix::mount::MntFlags::MNT_DETACH);
}

/// Opens directory `path` in `root`, making it (and its parents) when missing.
fn open_dir(
    root: std::os::fd::BorrowedFd<'_>,
    path: &Path,
) -> std::io::Result<std::os::fd::OwnedFd> {
    drop(inroot::mkdir_all(root, path)?);
    inroot::open(
        root,
        path,
        nix::fcntl::OFlag::O_RDONLY | nix::fcntl::OFlag::O_DIRECTORY,
    )
}

/// Unpacks the tar `bytes` into directory `dir`, owners as the tar says.
fn unpack_into(dir: &std::os::fd::OwnedFd, bytes: &[u8]) -> std::io::Result<()> {
    crate::storage::unpack::extract_plain(bytes, dir.try_clone()?, copy::plain_options(true))
        .map(drop)
        .map_err(std::io::Error::other)
}

/// The ids `--chown=SPEC` names, looked up in the container's own
/// /etc/passwd and /etc/group; a user alone gives its id as the group too,
/// as docker.
fn owner_in(root: std::os::fd::BorrowedFd<'_>, spec: &str) -> std::io::Result<(u32, u32)> {
    let read = |p: &str| -> String {
        inroot::open(root, Path::new(p), nix::fcntl::OFlag::O_RDONLY)
            .ok()
            .and_then(|fd| std::io::read_to_string(std::fs::File::from(fd)).ok())
            .unwrap_or_default()
    };
    let (pw, gr) = (read("/etc/passwd"), read("/etc/group"));
    let bad = |e: passwd::UserError| std::io::Error::other(format!("--chown={spec}: {e}"));
    match spec.split_once(':') {
        Some((_, g)) => {
            let u = passwd::resolve(spec, &pw, &gr).map_err(bad)?;
            let gid = passwd::group_id(g, &gr).map_err(bad)?;
            Ok((u.uid, gid))
        }
        None => {
            let u = passwd::resolve(spec, &pw, &gr).map_err(bad)?;
            Ok((u.uid, u.uid))
        }
    }
}

/// COPY --from: each source, read inside the other image's root, written
/// to `dest` in `root` with docker's rules.
fn copy_from_container(
    store: &Store,
    other: &ContainerRecord,
    root: std::os::fd::BorrowedFd<'_>,
    sources: &[String],
    dest: &Path,
    into_dir: bool,
    stamp: Stamp,
) -> std::io::Result<()> {
    let from_root = copy::rootfs(store, other).map_err(std::io::Error::other)?;
    let into_dir = into_dir || sources.len() > 1;
    for src in sources {
        let src_path = Path::new(src);
        let st = inroot::open(from_root.as_fd(), src_path, nix::fcntl::OFlag::O_PATH)
            .and_then(|fd| nix::sys::stat::fstat(&fd).map_err(std::io::Error::from))
            .map_err(|e| std::io::Error::new(e.kind(), format!("{src}: {e}")))?;
        let is_dir = st.st_mode & libc::S_IFMT == libc::S_IFDIR;
        let existing_dir = inroot::open(
            root,
            dest,
            nix::fcntl::OFlag::O_PATH | nix::fcntl::OFlag::O_DIRECTORY,
        )
        .is_ok();
        let mut tar = tar::Builder::new(Vec::new());
        let out_dir = if is_dir {
            let dir = inroot::open(
                from_root.as_fd(),
                src_path,
                nix::fcntl::OFlag::O_RDONLY | nix::fcntl::OFlag::O_DIRECTORY,
            )?;
            copy::archive(
                dir.as_fd(),
                std::ffi::OsStr::new("."),
                Path::new("."),
                &mut tar,
                true,
            )?;
            dest.to_path_buf()
        } else {
            let parent = src_path.parent().unwrap_or(Path::new("/"));
            let base = src_path.file_name().unwrap_or_default();
            let pdir = inroot::open(
                from_root.as_fd(),
                parent,
                nix::fcntl::OFlag::O_RDONLY | nix::fcntl::OFlag::O_DIRECTORY,
            )?;
            if into_dir || existing_dir {
                copy::archive(pdir.as_fd(), base, Path::new(base), &mut tar, true)?;
                dest.to_path_buf()
            } else {
                let name = dest.file_name().unwrap_or(base);
                copy::archive(pdir.as_fd(), base, Path::new(name), &mut tar, true)?;
                dest.parent().unwrap_or(Path::new("/")).to_path_buf()
            }
        };
        let bytes = restamp(&tar.into_inner()?, stamp)?;
        unpack_into(&open_dir(root, &out_dir)?, &bytes)?;
    }
    drop(from_root);
    unmount_root(store, other);
    Ok(())
}

/// The tar `bytes` with every entry's owner, mode and time set as `stamp`
/// says (root's owner when it names none).
fn restamp(bytes: &[u8], stamp: Stamp) -> std::io::Result<Vec<u8>> {
    let mut out = tar::Builder::new(Vec::new());
    let mut archive = tar::Archive::new(bytes);
    for e in archive.entries()? {
        let mut e = e?;
        let mut h = e.header().clone();
        let (uid, gid) = stamp.owner.unwrap_or((0, 0));
        h.set_uid(uid.into());
        h.set_gid(gid.into());
        if let Some(m) = stamp.mode {
            h.set_mode(m);
        }
        if let Some(t) = stamp.mtime {
            h.set_mtime(t.max(0) as u64);
        }
        let path = e.path()?.into_owned();
        match h.entry_type() {
            tar::EntryType::Symlink | tar::EntryType::Link => {
                let target = e.link_name()?.unwrap_or_default().into_owned();
                out.append_link(&mut h, &path, target)?;
            }
            _ => {
                let mut data = Vec::new();
                std::io::Read::read_to_end(&mut e, &mut data)?;
                out.append_data(&mut h, &path, data.as_slice())?;
            }
        }
    }
    out.into_inner()
}

/// The inline files of `COPY <<EOF /dest` as a tar stream.
fn heredoc_tar(c: &FileCopy, rename: Option<&Path>, stamp: Stamp) -> std::io::Result<Vec<u8>> {
    let mut tar = tar::Builder::new(Vec::new());
    for d in &c.heredocs {
        let name = match rename {
            Some(r) if c.heredocs.len() == 1 => r.to_path_buf(),
            _ => PathBuf::from(&d.name),
        };
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Regular);
        h.set_mode(stamp.mode.unwrap_or(0o644));
        let (uid, gid) = stamp.owner.unwrap_or((0, 0));
        h.set_uid(uid.into());
        h.set_gid(gid.into());
        h.set_mtime(stamp.mtime.unwrap_or_else(|| Utc::now().timestamp()).max(0) as u64);
        h.set_size(d.content.len() as u64);
        tar.append_data(&mut h, &name, d.content.as_bytes())?;
    }
    tar.into_inner()
}

/// Whether `path` is an archive ADD unpacks: a tar, plain or compressed.
fn is_archive(path: &Path) -> bool {
    super::archive::is_archive(path).unwrap_or(false)
}
