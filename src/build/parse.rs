//! Containerfile (Dockerfile) parsing into stages of typed steps, with
//! docker's rules: parser directives at the top (`# escape=`, `# syntax=`
//! and `# check=` accepted, only the escape character has an effect),
//! comments, line continuations (comment and empty lines inside one are
//! skipped), case-insensitive keywords, flags (`--name=value`), JSON exec form
//! with the shell form as fallback for anything that is not valid JSON,
//! heredocs (`RUN <<EOF`, `<<-EOF`, quoted names, several on one line,
//! `COPY <<EOF /path`).
//!
//! Values are kept as written: variables are expanded later, by
//! [`super::expand::Expander`], once the executor knows which are in scope.
//! Nothing here reads files or touches the store.

use std::collections::HashMap;
use std::time::Duration;

use super::expand;

/// A parse error: one line naming the file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ParseError {
    /// The name the file was given to the parser with (`Containerfile`).
    pub file: String,
    /// The line (1-based) where the failing instruction starts.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// A parsed Containerfile.
#[derive(Debug, Clone, PartialEq)]
pub struct Containerfile {
    /// The escape character (`\` or, by directive, `` ` ``).
    pub escape: char,
    /// ARGs before the first FROM: the global scope of FROM lines.
    pub global_args: Vec<ArgDef>,
    /// The stages, in order.
    pub stages: Vec<Stage>,
    /// Warnings docker would print too (empty continuation lines).
    pub warnings: Vec<String>,
}

/// One stage: a FROM and the steps after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    /// The base image as written (`busybox`, `$BASE`, an earlier stage's
    /// name, `scratch`).
    pub base: String,
    /// `--platform`, as written.
    pub platform: Option<String>,
    /// The name after `AS`, lowercased.
    pub name: Option<String>,
    /// The line of the FROM.
    pub line: usize,
    /// The FROM line as written (continuations joined).
    pub original: String,
    /// The steps of this stage.
    pub steps: Vec<Step>,
}

/// One instruction with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// First line of the instruction (1-based).
    pub line: usize,
    /// Last line, heredoc bodies included.
    pub end_line: usize,
    /// The text as written: continuation lines joined, then each heredoc body
    /// and terminator on lines of their own. The layer cache key and the
    /// history's "created_by" start from this.
    pub original: String,
    /// What the instruction says.
    pub instruction: Instruction,
}

/// An instruction inside a stage.
#[derive(Debug, Clone, PartialEq)]
pub enum Instruction {
    /// `RUN`.
    Run(Run),
    /// `CMD`.
    Cmd(CommandLine),
    /// `ENTRYPOINT`.
    Entrypoint(CommandLine),
    /// `ENV`: one or more pairs.
    Env(Vec<KeyValue>),
    /// `ARG`: one or more names, with optional defaults.
    Arg(Vec<ArgDef>),
    /// `LABEL`: one or more pairs.
    Label(Vec<KeyValue>),
    /// `MAINTAINER` (the image's author).
    Maintainer(String),
    /// `EXPOSE`: port specs as written (see [`exposed_ports`]).
    Expose(Vec<String>),
    /// `ADD`.
    Add(FileCopy),
    /// `COPY`.
    Copy(FileCopy),
    /// `VOLUME`: paths.
    Volume(Vec<String>),
    /// `WORKDIR`.
    Workdir(String),
    /// `USER` (`user[:group]`).
    User(String),
    /// `SHELL`: always the JSON form.
    Shell(Vec<String>),
    /// `STOPSIGNAL`.
    StopSignal(String),
    /// `HEALTHCHECK`.
    Healthcheck(Healthcheck),
    /// `ONBUILD`: the trigger as written (stored in the image config),
    /// already checked to be a valid instruction.
    Onbuild(String),
}

/// A command in shell form (run by the SHELL, `/bin/sh -c` by default) or
/// exec form (a JSON array).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandLine {
    /// Shell form: the text as written.
    Shell(String),
    /// Exec form: the argv.
    Exec(Vec<String>),
}

/// A heredoc: inline text that follows the instruction's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The terminator word, quotes removed; for COPY/ADD also the file name.
    pub name: String,
    /// The body, every line with its newline; leading tabs already removed
    /// for `<<-`.
    pub content: String,
    /// `<<-`: leading tabs were stripped.
    pub chomp: bool,
    /// False when the name was quoted: the body is taken literally.
    pub expand: bool,
}

/// `RUN`.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The command.
    pub command: CommandLine,
    /// Heredocs the command line refers to.
    pub heredocs: Vec<Heredoc>,
    /// `--mount` options.
    pub mounts: Vec<RunMount>,
    /// `--network`.
    pub network: RunNetwork,
}

/// `RUN --network=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RunNetwork {
    /// The build's network.
    #[default]
    Default,
    /// No network (loopback only).
    None,
    /// The host's network.
    Host,
}

/// The kind of a `RUN --mount`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MountKind {
    /// A directory of the context or of another stage/image (read-only by
    /// default).
    Bind,
    /// A persistent cache directory, kept between builds.
    Cache,
    /// An empty tmpfs.
    Tmpfs,
    /// A secret given with `--secret`, as a file.
    Secret,
    /// An SSH agent socket.
    Ssh,
}

/// How concurrent builds share a cache mount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheSharing {
    /// Used by all at once.
    Shared,
    /// A new instance when it is in use.
    Private,
    /// One user at a time.
    Locked,
}

/// One `RUN --mount=...`. String fields are as written until expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunMount {
    /// `type=` (bind by default).
    pub kind: MountKind,
    /// `target=`/`dst=`/`destination=`.
    pub target: Option<String>,
    /// `source=`/`src=`.
    pub source: Option<String>,
    /// `from=`: a stage or image to take the source from.
    pub from: Option<String>,
    /// `id=`: cache or secret id.
    pub id: Option<String>,
    /// Read-only (docker's default: true for bind, secret and ssh).
    pub readonly: bool,
    /// `sharing=` of a cache mount.
    pub sharing: Option<CacheSharing>,
    /// `required` of a secret or ssh mount.
    pub required: bool,
    /// `mode=` (octal) of a secret, ssh or cache mount.
    pub mode: Option<u32>,
    /// `uid=` of a secret, ssh or cache mount.
    pub uid: Option<u32>,
    /// `gid=` of a secret, ssh or cache mount.
    pub gid: Option<u32>,
    /// `size=` of a tmpfs, in bytes.
    pub size: Option<u64>,
    /// `env=`: the variable a secret is put into.
    pub env: Option<String>,
}

/// A `key=value` of ENV or LABEL, as written (quotes kept until expanded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue {
    /// The name.
    pub key: String,
    /// The value.
    pub value: String,
}

/// One name of an ARG, with its default as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgDef {
    /// The name.
    pub name: String,
    /// The default, if one is given.
    pub default: Option<String>,
}

/// ADD or COPY.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCopy {
    /// `--from=` (COPY only): a stage name or index, or an image.
    pub from: Option<String>,
    /// `--chown=`.
    pub chown: Option<String>,
    /// `--chmod=`.
    pub chmod: Option<String>,
    /// `--link`.
    pub link: bool,
    /// Source paths (or URLs for ADD), in order.
    pub sources: Vec<String>,
    /// Inline files (`COPY <<EOF /dest`): each heredoc's name is its file name.
    pub heredocs: Vec<Heredoc>,
    /// Destination.
    pub dest: String,
}

/// HEALTHCHECK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Healthcheck {
    /// `HEALTHCHECK NONE`: turn off the base image's check.
    None,
    /// `HEALTHCHECK [options] CMD ...`.
    Check {
        /// `["CMD", argv...]` for exec form, `["CMD-SHELL", text]` for shell
        /// form, as the image config stores it.
        test: Vec<String>,
        /// `--interval`.
        interval: Option<Duration>,
        /// `--timeout`.
        timeout: Option<Duration>,
        /// `--start-period`.
        start_period: Option<Duration>,
        /// `--start-interval`.
        start_interval: Option<Duration>,
        /// `--retries`.
        retries: Option<u32>,
    },
}

/// Parses the text of a Containerfile; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Containerfile, ParseError> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut reader = Reader {
        lines,
        next: 0,
        directives: Directives::default(),
        warnings: Vec::new(),
    };
    let mut global_args = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    let err = |line: usize, message: String| ParseError {
        file: file.to_string(),
        line,
        message,
    };
    let mut any = false;
    while let Some(logical) = reader.logical_line().map_err(|(l, m)| err(l, m))? {
        any = true;
        let escape = reader.directives.escape;
        let (keyword, flags, args) = split_command(&logical.text, escape);
        let keyword_lc = keyword.to_ascii_lowercase();
        let heredocs = if can_contain_heredoc(&keyword_lc, &args, escape) {
            reader
                .heredocs(&logical.text)
                .map_err(|m| err(logical.line, m))?
        } else {
            Vec::new()
        };
        let end_line = reader.next;
        let mut original = logical.text.clone();
        for h in &heredocs {
            original.push('\n');
            original.push_str(&h.raw);
            original.push_str(&h.doc.name);
        }
        let heredocs: Vec<Heredoc> = heredocs.into_iter().map(|h| h.doc).collect();
        if keyword_lc == "from" {
            let (base, platform, name) =
                parse_from(&flags, &args).map_err(|m| err(logical.line, m))?;
            stages.push(Stage {
                base,
                platform,
                name,
                line: logical.line,
                original,
                steps: Vec::new(),
            });
            continue;
        }
        let instruction = parse_instruction(&keyword, &flags, &args, heredocs, &original, escape)
            .map_err(|m| err(logical.line, m))?;
        match (stages.last_mut(), instruction) {
            (Some(stage), instruction) => stage.steps.push(Step {
                line: logical.line,
                end_line,
                original,
                instruction,
            }),
            (None, Instruction::Arg(args)) => global_args.extend(args),
            (None, _) => {
                return Err(err(
                    logical.line,
                    format!(
                        "no build stage in current context: {} must come after FROM",
                        keyword.to_ascii_uppercase()
                    ),
                ));
            }
        }
    }
    if !any {
        return Err(err(reader.next, "file with no instructions".into()));
    }
    if stages.is_empty() {
        return Err(err(
            reader.next,
            "no FROM instruction: nothing to build".into(),
        ));
    }
    Ok(Containerfile {
        escape: reader.directives.escape,
        global_args,
        stages,
        warnings: reader.warnings,
    })
}

/// Parses one instruction on its own, as `ONBUILD` triggers and
/// `commit --change` give them (no heredocs, no FROM).
pub fn parse_instruction_line(line: &str) -> Result<Instruction, String> {
    let (keyword, flags, args) = split_command(line, '\\');
    if keyword.eq_ignore_ascii_case("from") {
        return Err("FROM is not allowed here".into());
    }
    parse_instruction(&keyword, &flags, &args, Vec::new(), line, '\\')
}

/// The ports of an (expanded) EXPOSE as the image config keys them:
/// `80` is `80/tcp`, `53/udp` stays, a range `8000-8002/tcp` gives each port.
pub fn exposed_ports(specs: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for spec in specs {
        let (ports, proto) = match spec.split_once('/') {
            Some((p, proto)) => (p, proto.to_ascii_lowercase()),
            None => (spec.as_str(), "tcp".to_string()),
        };
        if !matches!(proto.as_str(), "tcp" | "udp" | "sctp") {
            return Err(format!("invalid protocol {proto:?} in EXPOSE {spec}"));
        }
        let port = |s: &str| {
            s.parse::<u16>()
                .map_err(|_| format!("invalid port {s:?} in EXPOSE {spec}"))
        };
        let (start, end) = match ports.split_once('-') {
            Some((a, b)) => (port(a)?, port(b)?),
            None => (port(ports)?, port(ports)?),
        };
        if end < start {
            return Err(format!("invalid port range in EXPOSE {spec}"));
        }
        out.extend((start..=end).map(|p| format!("{p}/{proto}")));
    }
    Ok(out)
}

/// A logical line: continuation lines joined.
struct Logical {
    line: usize,
    text: String,
}

/// A heredoc with its body as read (before `<<-` stripping).
struct ReadHeredoc {
    doc: Heredoc,
    raw: String,
}

struct Directives {
    escape: char,
    done: bool,
    seen: Vec<String>,
}

impl Default for Directives {
    fn default() -> Self {
        Directives {
            escape: '\\',
            done: false,
            seen: Vec::new(),
        }
    }
}

impl Directives {
    /// Looks at a line for a parser directive while they are still allowed.
    fn look(&mut self, line: &str) -> Result<(), String> {
        if self.done {
            return Ok(());
        }
        let directive = line.strip_prefix('#').and_then(|rest| {
            let (name, value) = rest.trim_start().split_once('=')?;
            let name = name.trim_end();
            let value = value.trim();
            let mut chars = name.chars();
            let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric())
                && !value.is_empty();
            ok.then(|| (name.to_ascii_lowercase(), value.to_string()))
        });
        let Some((name, value)) = directive else {
            self.done = true;
            return Ok(());
        };
        if !matches!(name.as_str(), "escape" | "syntax" | "check") {
            self.done = true;
            return Ok(());
        }
        if self.seen.contains(&name) {
            return Err(format!("only one {name} parser directive can be used"));
        }
        self.seen.push(name.clone());
        if name == "escape" {
            self.escape = match value.as_str() {
                "\\" => '\\',
                "`" => '`',
                _ => {
                    return Err(format!(
                        "invalid escape token '{value}' does not match ` or \\"
                    ));
                }
            };
        }
        Ok(())
    }
}

struct Reader<'a> {
    lines: Vec<&'a str>,
    /// Index of the next line to read; also the number of lines read.
    next: usize,
    directives: Directives,
    warnings: Vec<String>,
}

fn trim_newline(s: &str) -> &str {
    s.trim_end_matches(['\r', '\n'])
}

fn is_comment(s: &str) -> bool {
    s.trim_start().starts_with('#')
}

/// Removes a line continuation (the escape character at the end, then only
/// blanks); `true` when the line does not continue. An escaped escape
/// character at the end is no continuation.
fn trim_continuation(line: &str, escape: char) -> (&str, bool) {
    let trimmed = line.trim_end_matches([' ', '\t']);
    let Some(before) = trimmed.strip_suffix(escape) else {
        return (line, true);
    };
    if before.ends_with(escape) {
        return (line, true);
    }
    (before, false)
}

impl Reader<'_> {
    fn read(&mut self) -> Option<&str> {
        let line = self.lines.get(self.next)?;
        self.next += 1;
        if self.next == 1 {
            return Some(line.strip_prefix('\u{feff}').unwrap_or(line));
        }
        Some(line)
    }

    /// The next instruction's line, or `None` at the end. Errors carry their
    /// line number.
    fn logical_line(&mut self) -> Result<Option<Logical>, (usize, String)> {
        loop {
            let Some(raw) = self.read() else {
                return Ok(None);
            };
            let first = trim_newline(raw).trim_start().to_string();
            let line_no = self.next;
            self.directives.look(&first).map_err(|m| (line_no, m))?;
            if is_comment(&first) {
                continue;
            }
            let escape = self.directives.escape;
            let (text, mut end) = trim_continuation(&first, escape);
            if end && text.is_empty() {
                continue;
            }
            let mut text = text.to_string();
            let mut empty_continuation = false;
            while !end {
                let Some(raw) = self.read() else { break };
                let line = trim_newline(raw).to_string();
                if is_comment(&line) {
                    continue;
                }
                if line.trim_start().is_empty() {
                    empty_continuation = true;
                    continue;
                }
                let (part, e) = trim_continuation(&line, escape);
                text.push_str(part);
                end = e;
            }
            if empty_continuation {
                self.warnings.push(format!(
                    "line {line_no}: empty continuation line found in: {text}"
                ));
            }
            return Ok(Some(Logical {
                line: line_no,
                text,
            }));
        }
    }

    /// Reads the bodies of the heredocs `line` opens.
    fn heredocs(&mut self, line: &str) -> Result<Vec<ReadHeredoc>, String> {
        let mut out = Vec::new();
        for word in expand::raw_words(line) {
            let Some((name, chomp, expand)) = heredoc_word(&word) else {
                continue;
            };
            let mut raw = String::new();
            let mut terminated = false;
            while let Some(body_line) = self.read() {
                let candidate = trim_newline(body_line);
                let candidate = if chomp {
                    candidate.trim_start_matches('\t')
                } else {
                    candidate
                };
                if candidate == name {
                    terminated = true;
                    break;
                }
                raw.push_str(body_line);
            }
            if !terminated {
                return Err(format!("unterminated heredoc {name}"));
            }
            let content = if chomp {
                raw.split_inclusive('\n')
                    .map(|l| l.trim_start_matches('\t'))
                    .collect()
            } else {
                raw.clone()
            };
            out.push(ReadHeredoc {
                doc: Heredoc {
                    name,
                    content,
                    chomp,
                    expand,
                },
                raw,
            });
        }
        Ok(out)
    }
}

/// A word that opens a heredoc (`<<EOF`, `<<-"EOF"`, `3<<EOF`): its name,
/// whether it strips tabs, and whether its body is expanded.
fn heredoc_word(word: &str) -> Option<(String, bool, bool)> {
    let rest = word.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.strip_prefix("<<")?;
    let (chomp, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let rest = rest.trim_start();
    if rest.is_empty() || rest.contains('<') {
        return None;
    }
    let (name, expand) = expand::unquote(rest)?;
    Some((name, chomp, expand))
}

/// Whether the instruction may open heredocs: RUN, COPY, ADD (also as the
/// trigger of ONBUILD), not in JSON form.
fn can_contain_heredoc(keyword_lc: &str, args: &str, escape: char) -> bool {
    let (keyword, args) = if keyword_lc == "onbuild" {
        let (k, _, a) = split_command(args, escape);
        (k.to_ascii_lowercase(), a)
    } else {
        (keyword_lc.to_string(), args.to_string())
    };
    matches!(keyword.as_str(), "run" | "copy" | "add")
        && args.contains("<<")
        && json_array(&args).is_none()
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\x0b' | '\x0c')
}

/// Splits a logical line into keyword, flags (`--x=y` words at the start,
/// quotes removed), and the rest.
fn split_command(line: &str, escape: char) -> (String, Vec<String>, String) {
    let line = line.trim();
    let (keyword, rest) = match line.find(is_blank) {
        Some(i) => (&line[..i], line[i..].trim_start_matches(is_blank)),
        None => (line, ""),
    };
    let (flags, args) = extract_flags(rest, escape);
    (keyword.to_string(), flags, args.trim().to_string())
}

/// The leading `--flag` words of `line` and the text after them. A word
/// `--` ends the flags. Quotes group and are removed; the escape character
/// takes the next character literally.
fn extract_flags(line: &str, escape: char) -> (Vec<String>, &str) {
    let mut flags = Vec::new();
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start();
        if !trimmed.starts_with("--") {
            return (flags, trimmed);
        }
        let mut word = String::new();
        let mut quote: Option<char> = None;
        let mut chars = trimmed.char_indices();
        let mut end = trimmed.len();
        while let Some((i, c)) = chars.next() {
            match quote {
                None if c.is_whitespace() => {
                    end = i;
                    break;
                }
                None if c == '\'' || c == '"' => quote = Some(c),
                Some(q) if c == q => quote = None,
                _ if c == escape => {
                    if let Some((_, n)) = chars.next() {
                        word.push(n);
                    }
                }
                _ => word.push(c),
            }
        }
        rest = &trimmed[end..];
        if word == "--" {
            return (flags, rest.trim_start());
        }
        flags.push(word);
    }
}

/// The kinds of flag an instruction accepts.
#[derive(Clone, Copy, PartialEq)]
enum FlagKind {
    /// `--x` or `--x=true|false`.
    Bool,
    /// `--x=value`, once.
    Value,
    /// `--x=value`, any number of times.
    Values,
}

/// Flags given to one instruction: name to values.
type Flags = HashMap<&'static str, Vec<String>>;

fn parse_flags(given: &[String], allowed: &[(&'static str, FlagKind)]) -> Result<Flags, String> {
    let mut out: Flags = HashMap::new();
    for flag in given {
        let (name, value) = match flag.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (flag.as_str(), None),
        };
        let bare = name.trim_start_matches("--");
        let Some(&(key, kind)) = allowed.iter().find(|(n, _)| *n == bare) else {
            return Err(format!("unknown flag: {name}"));
        };
        if out.contains_key(key) && kind != FlagKind::Values {
            return Err(format!("duplicate flag specified: {name}"));
        }
        let value = match (kind, value) {
            (FlagKind::Bool, None) => "true".to_string(),
            (FlagKind::Bool, Some(v)) => match v.to_ascii_lowercase().as_str() {
                "true" => "true".to_string(),
                "false" => "false".to_string(),
                "" => return Err(format!("missing a value on flag: {name}")),
                _ => return Err(format!("expecting boolean value for flag {name}, not: {v}")),
            },
            (_, None) => return Err(format!("missing a value on flag: {name}")),
            (_, Some(v)) => v.to_string(),
        };
        out.entry(key).or_default().push(value);
    }
    Ok(out)
}

fn flag(flags: &Flags, name: &str) -> Option<String> {
    flags.get(name).and_then(|v| v.last().cloned())
}

fn bool_flag(flags: &Flags, name: &str) -> bool {
    flag(flags, name).as_deref() == Some("true")
}

/// `Some(argv)` when `args` is a JSON array of strings; an error when it is a
/// JSON array of something else; `None` when it is no JSON array at all.
fn json_array(args: &str) -> Option<Result<Vec<String>, String>> {
    let args = args.trim_start();
    if !args.starts_with('[') {
        return None;
    }
    let values: Vec<serde_json::Value> = serde_json::from_str(args).ok()?;
    Some(
        values
            .into_iter()
            .map(|v| match v {
                serde_json::Value::String(s) => Ok(s),
                _ => Err(
                    "when using JSON array syntax, arrays must be comprised of strings only".into(),
                ),
            })
            .collect(),
    )
}

/// Exec form if `args` is a JSON string array, else shell form.
fn command_line(args: &str) -> Result<CommandLine, String> {
    match json_array(args) {
        Some(argv) => Ok(CommandLine::Exec(argv?)),
        None => Ok(CommandLine::Shell(args.to_string())),
    }
}

/// A JSON string array, or the words of `args` split at blanks (ADD, COPY,
/// VOLUME).
fn json_or_words(args: &str) -> Result<Vec<String>, String> {
    match json_array(args) {
        Some(list) => list,
        None => Ok(args
            .split(is_blank)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()),
    }
}

/// Words at whitespace; quotes and escapes are kept (the expansion removes
/// them), but group: `a="x y"` is one word.
fn quoted_words(rest: &str, escape: char) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        if quote.is_none() && c.is_whitespace() {
            if in_word {
                words.push(std::mem::take(&mut word));
                in_word = false;
            }
            continue;
        }
        in_word = true;
        match quote {
            None if c == '\'' || c == '"' => quote = Some(c),
            Some(q) if c == q => quote = None,
            _ => {}
        }
        if c == escape && quote != Some('\'') {
            match chars.next() {
                // An escape at the very end is dropped.
                None => continue,
                Some(n) => {
                    word.push(c);
                    word.push(n);
                    continue;
                }
            }
        }
        word.push(c);
    }
    if in_word {
        words.push(word);
    }
    words
}

/// ENV and LABEL: `KEY name value` (old form) or `KEY a=b c="d e"`.
fn key_values(args: &str, keyword: &str, escape: char) -> Result<Vec<KeyValue>, String> {
    let words = quoted_words(args, escape);
    let Some(first) = words.first() else {
        return Err(format!("{keyword} requires at least one argument"));
    };
    if !first.contains('=') {
        let Some(i) = args.find(is_blank) else {
            return Err(format!("{keyword} must have two arguments"));
        };
        return Ok(vec![KeyValue {
            key: args[..i].to_string(),
            value: args[i..].trim_start_matches(is_blank).to_string(),
        }]);
    }
    words
        .into_iter()
        .map(|w| {
            let Some((key, value)) = w.split_once('=') else {
                return Err(format!(
                    "Syntax error - can't find = in {w:?}. Must be of the form: name=value"
                ));
            };
            if key.is_empty() {
                return Err(format!("{keyword} names can not be blank"));
            }
            Ok(KeyValue {
                key: key.to_string(),
                value: value.to_string(),
            })
        })
        .collect()
}

fn parse_from(
    flags: &[String],
    args: &str,
) -> Result<(String, Option<String>, Option<String>), String> {
    let flags = parse_flags(flags, &[("platform", FlagKind::Value)])?;
    let words: Vec<&str> = args.split(is_blank).filter(|s| !s.is_empty()).collect();
    let name = match words.as_slice() {
        [_] => None,
        [_, as_, name] if as_.eq_ignore_ascii_case("as") => {
            let lower = name.to_ascii_lowercase();
            let mut chars = lower.chars();
            let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
                && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
            if !valid {
                return Err(format!(
                    "invalid name for build stage: {name:?}, name can't start with a number or contain symbols"
                ));
            }
            Some(lower)
        }
        _ => return Err("FROM requires either one or three arguments".into()),
    };
    Ok((words[0].to_string(), flag(&flags, "platform"), name))
}

fn no_flags(flags: &[String]) -> Result<(), String> {
    parse_flags(flags, &[]).map(drop)
}

fn one_argument(keyword: &str, flags: &[String], args: &str) -> Result<String, String> {
    no_flags(flags)?;
    if args.is_empty() {
        return Err(format!("{keyword} requires exactly one argument"));
    }
    Ok(args.to_string())
}

fn parse_instruction(
    keyword: &str,
    flags: &[String],
    args: &str,
    heredocs: Vec<Heredoc>,
    original: &str,
    escape: char,
) -> Result<Instruction, String> {
    let upper = keyword.to_ascii_uppercase();
    let at_least_one = || format!("{upper} requires at least one argument");
    Ok(match upper.as_str() {
        "RUN" => {
            let flags = parse_flags(
                flags,
                &[("mount", FlagKind::Values), ("network", FlagKind::Value)],
            )?;
            if args.is_empty() {
                return Err(at_least_one());
            }
            let mounts = flags
                .get("mount")
                .into_iter()
                .flatten()
                .map(|m| parse_mount(m))
                .collect::<Result<_, _>>()?;
            let network = match flag(&flags, "network").as_deref() {
                None | Some("default") => RunNetwork::Default,
                Some("none") => RunNetwork::None,
                Some("host") => RunNetwork::Host,
                Some(other) => return Err(format!("invalid network mode {other:?}")),
            };
            Instruction::Run(Run {
                command: command_line(args)?,
                heredocs,
                mounts,
                network,
            })
        }
        "CMD" | "ENTRYPOINT" => {
            no_flags(flags)?;
            if args.is_empty() {
                return Err(at_least_one());
            }
            let cmd = command_line(args)?;
            if upper == "CMD" {
                Instruction::Cmd(cmd)
            } else {
                Instruction::Entrypoint(cmd)
            }
        }
        "SHELL" => {
            no_flags(flags)?;
            match json_array(args) {
                Some(argv) => {
                    let argv = argv?;
                    if argv.is_empty() {
                        return Err(at_least_one());
                    }
                    Instruction::Shell(argv)
                }
                None if args.is_empty() => return Err(at_least_one()),
                None => return Err("SHELL requires the arguments to be in JSON form".into()),
            }
        }
        "ENV" => {
            no_flags(flags)?;
            Instruction::Env(key_values(args, "ENV", escape)?)
        }
        "LABEL" => {
            no_flags(flags)?;
            Instruction::Label(key_values(args, "LABEL", escape)?)
        }
        "ARG" => {
            no_flags(flags)?;
            let words = quoted_words(args, escape);
            if words.is_empty() {
                return Err(at_least_one());
            }
            let defs = words
                .into_iter()
                .map(|w| match w.split_once('=') {
                    Some(("", _)) => Err("ARG names can not be blank".to_string()),
                    Some((name, value)) => Ok(ArgDef {
                        name: name.to_string(),
                        default: Some(value.to_string()),
                    }),
                    None => Ok(ArgDef {
                        name: w,
                        default: None,
                    }),
                })
                .collect::<Result<_, _>>()?;
            Instruction::Arg(defs)
        }
        "MAINTAINER" => Instruction::Maintainer(one_argument(&upper, flags, args)?),
        "WORKDIR" => Instruction::Workdir(one_argument(&upper, flags, args)?),
        "USER" => Instruction::User(one_argument(&upper, flags, args)?),
        "STOPSIGNAL" => Instruction::StopSignal(one_argument(&upper, flags, args)?),
        "EXPOSE" => {
            no_flags(flags)?;
            let ports: Vec<String> = args
                .split(is_blank)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            if ports.is_empty() {
                return Err(at_least_one());
            }
            Instruction::Expose(ports)
        }
        "VOLUME" => {
            no_flags(flags)?;
            let list = json_or_words(args)?;
            if list.is_empty() {
                return Err(at_least_one());
            }
            let list = list
                .into_iter()
                .map(|v| {
                    let v = v.trim().to_string();
                    if v.is_empty() {
                        Err("VOLUME specified can not be an empty string".to_string())
                    } else {
                        Ok(v)
                    }
                })
                .collect::<Result<_, _>>()?;
            Instruction::Volume(list)
        }
        "ADD" | "COPY" => {
            let allowed: &[(&'static str, FlagKind)] = if upper == "ADD" {
                &[
                    ("chown", FlagKind::Value),
                    ("chmod", FlagKind::Value),
                    ("link", FlagKind::Bool),
                    // Only meaningful for git sources, which need a network.
                    ("keep-git-dir", FlagKind::Bool),
                ]
            } else {
                &[
                    ("from", FlagKind::Value),
                    ("chown", FlagKind::Value),
                    ("chmod", FlagKind::Value),
                    ("link", FlagKind::Bool),
                ]
            };
            let flags = parse_flags(flags, allowed)?;
            let mut list = json_or_words(args)?;
            if list.len() < 2 {
                return Err(format!(
                    "{upper} requires at least two arguments, but only one was provided. Destination could not be determined"
                ));
            }
            let dest = list.pop().unwrap_or_default();
            if heredoc_word(&dest).is_some() {
                return Err(format!("{upper} cannot accept a heredoc as a destination"));
            }
            let mut sources = Vec::new();
            let mut inline = Vec::new();
            for src in list {
                match heredoc_word(&src)
                    .and_then(|(name, ..)| heredocs.iter().find(|h| h.name == name))
                {
                    Some(h) => inline.push(h.clone()),
                    None => sources.push(src),
                }
            }
            let copy = FileCopy {
                from: flag(&flags, "from"),
                chown: flag(&flags, "chown"),
                chmod: flag(&flags, "chmod"),
                link: bool_flag(&flags, "link"),
                sources,
                heredocs: inline,
                dest,
            };
            if upper == "ADD" {
                Instruction::Add(copy)
            } else {
                Instruction::Copy(copy)
            }
        }
        "HEALTHCHECK" => Instruction::Healthcheck(parse_healthcheck(flags, args)?),
        "ONBUILD" => {
            no_flags(flags)?;
            if args.is_empty() {
                return Err(at_least_one());
            }
            let (trigger, trigger_flags, trigger_args) = split_command(args, escape);
            let trigger = trigger.to_ascii_uppercase();
            match trigger.as_str() {
                "ONBUILD" => {
                    return Err("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed".into());
                }
                "MAINTAINER" | "FROM" => {
                    return Err(format!("{trigger} isn't allowed as an ONBUILD trigger"));
                }
                _ => {}
            }
            parse_instruction(
                &trigger,
                &trigger_flags,
                &trigger_args,
                heredocs,
                original,
                escape,
            )?;
            let expression = original.trim_start();
            let expression = expression[expression.find(is_blank).unwrap_or(expression.len())..]
                .trim_start_matches(is_blank);
            Instruction::Onbuild(expression.to_string())
        }
        _ => return Err(format!("unknown instruction {upper}")),
    })
}

fn parse_healthcheck(flags: &[String], args: &str) -> Result<Healthcheck, String> {
    let (kind, rest) = match args.find(char::is_whitespace) {
        Some(i) => (&args[..i], args[i..].trim_start()),
        None => (args, ""),
    };
    match kind.to_ascii_uppercase().as_str() {
        "" => Err("HEALTHCHECK requires at least one argument".into()),
        "NONE" if rest.is_empty() => Ok(Healthcheck::None),
        "NONE" => Err("HEALTHCHECK NONE takes no arguments".into()),
        "CMD" => {
            let flags = parse_flags(
                flags,
                &[
                    ("interval", FlagKind::Value),
                    ("timeout", FlagKind::Value),
                    ("start-period", FlagKind::Value),
                    ("start-interval", FlagKind::Value),
                    ("retries", FlagKind::Value),
                ],
            )?;
            let test = match command_line(rest)? {
                CommandLine::Exec(argv) if !argv.is_empty() => {
                    std::iter::once("CMD".to_string()).chain(argv).collect()
                }
                CommandLine::Shell(s) if !s.is_empty() => vec!["CMD-SHELL".to_string(), s],
                _ => return Err("Missing command after HEALTHCHECK CMD".into()),
            };
            let duration = |name: &str| -> Result<Option<Duration>, String> {
                let Some(v) = flag(&flags, name) else {
                    return Ok(None);
                };
                let d = parse_duration(&v).map_err(|e| format!("--{name}: {e}"))?;
                if d.is_zero() {
                    return Ok(None);
                }
                if d < Duration::from_millis(1) {
                    return Err(format!("Interval {name:?} cannot be less than 1ms"));
                }
                Ok(Some(d))
            };
            let retries = match flag(&flags, "retries") {
                None => None,
                Some(v) => {
                    let n: i64 = v.parse().map_err(|_| format!("invalid --retries {v:?}"))?;
                    if n < 0 {
                        return Err(format!("--retries cannot be negative ({n})"));
                    }
                    Some(u32::try_from(n).map_err(|_| format!("invalid --retries {v:?}"))?)
                }
            };
            Ok(Healthcheck::Check {
                test,
                interval: duration("interval")?,
                timeout: duration("timeout")?,
                start_period: duration("start-period")?,
                start_interval: duration("start-interval")?,
                retries,
            })
        }
        other => Err(format!("Unknown type {other:?} in HEALTHCHECK (try CMD)")),
    }
}

/// A Go duration (`30s`, `1m30s`, `1.5h`, `500ms`).
fn parse_duration(s: &str) -> Result<Duration, String> {
    let bad = || format!("invalid duration {s:?}");
    if s == "0" {
        return Ok(Duration::ZERO);
    }
    let mut total = 0f64;
    let mut rest = s;
    if rest.is_empty() {
        return Err(bad());
    }
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(bad)?;
        let num: f64 = rest[..num_end].parse().map_err(|_| bad())?;
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_end] {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return Err(bad()),
        };
        total += num * scale;
        rest = &rest[unit_end..];
    }
    Ok(Duration::from_secs_f64(total))
}

/// The fields of a `--mount` value: comma-separated, a field may be quoted
/// with `"` (`""` is a quote inside).
fn csv_fields(s: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    if quoted {
        return Err(format!("invalid mount {s:?}: unterminated quote"));
    }
    fields.push(field);
    Ok(fields)
}

fn parse_mount(spec: &str) -> Result<RunMount, String> {
    let mut m = RunMount {
        kind: MountKind::Bind,
        target: None,
        source: None,
        from: None,
        id: None,
        readonly: true,
        sharing: None,
        required: false,
        mode: None,
        uid: None,
        gid: None,
        size: None,
        env: None,
    };
    let mut ro_given = None;
    let bool_value = |key: &str, v: &str| match v.to_ascii_lowercase().as_str() {
        "1" | "t" | "true" => Ok(true),
        "0" | "f" | "false" => Ok(false),
        _ => Err(format!("invalid value for {key}: {v}")),
    };
    for field in csv_fields(spec)? {
        let (key, value) = match field.split_once('=') {
            Some((k, v)) => (k.to_ascii_lowercase(), Some(v.to_string())),
            None => (field.to_ascii_lowercase(), None),
        };
        let secretish = matches!(m.kind, MountKind::Secret | MountKind::Ssh);
        let Some(value) = value else {
            match key.as_str() {
                "readonly" | "ro" => ro_given = Some(true),
                "readwrite" | "rw" => ro_given = Some(false),
                "required" if secretish => m.required = true,
                "required" => {
                    return Err(format!(
                        "unexpected key '{key}' for mount type '{}'",
                        kind_name(m.kind)
                    ));
                }
                _ => return Err(format!("invalid field '{field}' must be a key=value pair")),
            }
            continue;
        };
        let number = |radix: u32| {
            u32::from_str_radix(&value, radix)
                .map_err(|_| format!("invalid value {value} for {key}"))
        };
        match key.as_str() {
            "type" => {
                m.kind = match value.to_ascii_lowercase().as_str() {
                    "bind" => MountKind::Bind,
                    "cache" => MountKind::Cache,
                    "tmpfs" => MountKind::Tmpfs,
                    "secret" => MountKind::Secret,
                    "ssh" => MountKind::Ssh,
                    _ => return Err(format!("unsupported mount type {value:?}")),
                }
            }
            "from" => m.from = Some(value),
            "source" | "src" => m.source = Some(value),
            "target" | "dst" | "destination" => m.target = Some(value),
            "readonly" | "ro" => ro_given = Some(bool_value(&key, &value)?),
            "readwrite" | "rw" => ro_given = Some(!bool_value(&key, &value)?),
            "required" if secretish => m.required = bool_value(&key, &value)?,
            "size" if m.kind == MountKind::Tmpfs => m.size = Some(parse_size(&value)?),
            "required" | "size" => {
                return Err(format!(
                    "unexpected key '{key}' for mount type '{}'",
                    kind_name(m.kind)
                ));
            }
            "id" => m.id = Some(value),
            "sharing" => {
                m.sharing = Some(match value.to_ascii_lowercase().as_str() {
                    "shared" => CacheSharing::Shared,
                    "private" => CacheSharing::Private,
                    "locked" => CacheSharing::Locked,
                    _ => return Err(format!("unsupported sharing value {value:?}")),
                })
            }
            "mode" => m.mode = Some(number(8)?),
            "uid" => m.uid = Some(number(10)?),
            "gid" => m.gid = Some(number(10)?),
            "env" => m.env = Some(value),
            _ => return Err(format!("unexpected key '{key}' in '{field}'")),
        }
    }
    let kind = kind_name(m.kind);
    if !matches!(
        m.kind,
        MountKind::Secret | MountKind::Ssh | MountKind::Cache
    ) {
        for (name, set) in [
            ("mode", m.mode.is_some()),
            ("uid", m.uid.is_some()),
            ("gid", m.gid.is_some()),
        ] {
            if set {
                return Err(format!("{name} not allowed for {kind:?} type mounts"));
            }
        }
    }
    m.readonly = ro_given.unwrap_or(!matches!(m.kind, MountKind::Cache | MountKind::Tmpfs));
    if m.kind == MountKind::Secret {
        if m.from.is_some() {
            return Err("secret mount should not have a from".into());
        }
        if m.sharing.is_some() {
            return Err("secret mount should not define sharing".into());
        }
        if m.source.is_none() && m.target.is_none() && m.id.is_none() {
            return Err("invalid secret mount. one of source, target required".into());
        }
        if m.source.is_some() && m.id.is_some() {
            return Err("both source and id can't be set".into());
        }
    }
    if m.sharing.is_some() && m.kind != MountKind::Cache {
        return Err(format!("invalid cache sharing set for {kind} mount"));
    }
    Ok(m)
}

fn kind_name(kind: MountKind) -> &'static str {
    match kind {
        MountKind::Bind => "bind",
        MountKind::Cache => "cache",
        MountKind::Tmpfs => "tmpfs",
        MountKind::Secret => "secret",
        MountKind::Ssh => "ssh",
    }
}

/// A size as docker's RAMInBytes reads it: `64m`, `1g`, `512k`, `100`
/// (binary units, optional `b`/`ib`).
fn parse_size(s: &str) -> Result<u64, String> {
    let bad = || format!("invalid value for size: {s}");
    let lower = s.trim().to_ascii_lowercase();
    let lower = lower.trim_end_matches("ib").trim_end_matches('b');
    let (num, mult) = match lower.chars().last() {
        Some('k') => (&lower[..lower.len() - 1], 1u64 << 10),
        Some('m') => (&lower[..lower.len() - 1], 1 << 20),
        Some('g') => (&lower[..lower.len() - 1], 1 << 30),
        Some('t') => (&lower[..lower.len() - 1], 1 << 40),
        _ => (lower, 1),
    };
    let n: f64 = num.trim().parse().map_err(|_| bad())?;
    if n < 0.0 {
        return Err(bad());
    }
    Ok((n * mult as f64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Containerfile {
        parse(text, "Containerfile").unwrap_or_else(|e| panic!("{e}"))
    }

    fn parse_err(text: &str) -> String {
        parse(text, "Containerfile").unwrap_err().to_string()
    }

    /// The instructions of the only (last) stage.
    fn steps(text: &str) -> Vec<Instruction> {
        let cf = parse_ok(text);
        let stage = cf.stages.last().unwrap();
        stage.steps.iter().map(|s| s.instruction.clone()).collect()
    }

    fn one(text: &str) -> Instruction {
        let mut s = steps(&format!("FROM busybox\n{text}\n"));
        assert_eq!(s.len(), 1, "{s:?}");
        s.remove(0)
    }

    fn kv(k: &str, v: &str) -> KeyValue {
        KeyValue {
            key: k.into(),
            value: v.into(),
        }
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_all_instructions_file() {
        let cf = parse(
            include_str!("../../tests/data/Containerfile.all"),
            "Containerfile.all",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cf.escape, '\\');
        assert_eq!(
            cf.global_args,
            [
                ArgDef {
                    name: "BASE".into(),
                    default: Some("busybox".into())
                },
                ArgDef {
                    name: "VERSION".into(),
                    default: Some("1.0".into())
                }
            ]
        );
        assert_eq!(cf.stages.len(), 2);
        let builder = &cf.stages[0];
        assert_eq!(builder.base, "${BASE}");
        assert_eq!(builder.name.as_deref(), Some("builder"));
        let Instruction::Run(run) = &builder.steps[2].instruction else {
            panic!()
        };
        assert_eq!(run.command, CommandLine::Shell("<<EOF".into()));
        assert_eq!(
            run.heredocs[0].content,
            "set -e\necho \"from a heredoc\" > /out/heredoc.txt\n"
        );
        assert_eq!(
            builder.steps[2].original,
            "RUN <<EOF\nset -e\necho \"from a heredoc\" > /out/heredoc.txt\nEOF"
        );
        let Instruction::Copy(copy) = &builder.steps[3].instruction else {
            panic!()
        };
        assert_eq!(copy.heredocs[0].name, "EOT");
        assert_eq!(
            copy.heredocs[0].content,
            "inline file, version ${VERSION}\n"
        );
        assert!(copy.heredocs[0].expand && copy.heredocs[0].chomp);
        assert_eq!(copy.dest, "/out/inline.txt");

        let last = &cf.stages[1];
        assert_eq!(last.base, "$BASE");
        assert_eq!(last.name, None);
        let kinds: Vec<&str> = last
            .steps
            .iter()
            .map(|s| s.original.split_whitespace().next().unwrap())
            .collect();
        assert_eq!(
            kinds,
            [
                "ARG",
                "LABEL",
                "MAINTAINER",
                "ENV",
                "ENV",
                "WORKDIR",
                "WORKDIR",
                "RUN",
                "COPY",
                "COPY",
                "COPY",
                "ADD",
                "RUN",
                "EXPOSE",
                "VOLUME",
                "VOLUME",
                "SHELL",
                "RUN",
                "USER",
                "STOPSIGNAL",
                "HEALTHCHECK",
                "ONBUILD",
                "ENTRYPOINT",
                "CMD"
            ]
        );
        let i = |n: usize| last.steps[n].instruction.clone();
        assert_eq!(
            i(1),
            Instruction::Label(vec![
                kv("org.example.title", "\"rctl all\""),
                kv("org.example.version", "$VERSION")
            ])
        );
        assert_eq!(i(3), Instruction::Env(vec![kv("GREETING", "hello world")]));
        assert_eq!(
            i(4),
            Instruction::Env(vec![kv("APP_HOME", "/app"), kv("APP_USER", "\"app user\"")])
        );
        assert_eq!(
            i(7),
            Instruction::Run(Run {
                command: CommandLine::Shell(
                    "echo \"$GREETING\" > greeting.txt &&     echo \"$APP_USER\" >> greeting.txt"
                        .into()
                ),
                heredocs: vec![],
                mounts: vec![],
                network: RunNetwork::Default,
            })
        );
        assert_eq!(last.steps[7].line, 40);
        assert_eq!(last.steps[7].end_line, 42);
        let Instruction::Copy(c) = i(8) else { panic!() };
        assert_eq!(
            (c.chown.as_deref(), c.chmod.as_deref(), c.from, c.link),
            (Some("1000:1000"), Some("640"), None, false)
        );
        let Instruction::Copy(c) = i(9) else { panic!() };
        assert_eq!(c.from.as_deref(), Some("builder"));
        let Instruction::Copy(c) = i(10) else {
            panic!()
        };
        assert!(c.link);
        assert_eq!(
            (c.sources, c.dest),
            (strings(&["hello.txt"]), "/app/json form.txt".into())
        );
        assert_eq!(
            i(12),
            Instruction::Run(Run {
                command: CommandLine::Exec(strings(&[
                    "/bin/sh",
                    "-c",
                    "test -f /opt/archive/inside.txt"
                ])),
                heredocs: vec![],
                mounts: vec![],
                network: RunNetwork::Default,
            })
        );
        assert_eq!(
            i(13),
            Instruction::Expose(strings(&["8080", "53/udp", "9000-9001/tcp"]))
        );
        assert_eq!(i(15), Instruction::Volume(strings(&["/cache", "/logs"])));
        assert_eq!(i(16), Instruction::Shell(strings(&["/bin/sh", "-e", "-c"])));
        assert_eq!(i(18), Instruction::User("1000:1000".into()));
        assert_eq!(
            i(20),
            Instruction::Healthcheck(Healthcheck::Check {
                test: strings(&["CMD-SHELL", "test -f /app/hello.txt"]),
                interval: Some(Duration::from_secs(30)),
                timeout: Some(Duration::from_secs(5)),
                start_period: Some(Duration::from_secs(1)),
                start_interval: None,
                retries: Some(3),
            })
        );
        assert_eq!(
            i(21),
            Instruction::Onbuild("RUN echo \"triggered by a child build\"".into())
        );
        assert_eq!(
            i(23),
            Instruction::Cmd(CommandLine::Exec(strings(&["default", "args"])))
        );
    }

    #[test]
    fn escape_directive_backtick() {
        let cf = parse_ok("# escape=`\nFROM busybox\nRUN echo a `\n  b\nCOPY a\\b c:\\\n");
        assert_eq!(cf.escape, '`');
        let s = &cf.stages[0].steps;
        assert_eq!(
            s[0].instruction,
            Instruction::Run(Run {
                command: CommandLine::Shell("echo a   b".into()),
                heredocs: vec![],
                mounts: vec![],
                network: RunNetwork::Default,
            })
        );
        let Instruction::Copy(c) = &s[1].instruction else {
            panic!()
        };
        assert_eq!(c.dest, "c:\\", "a backslash is no continuation now");
    }

    #[test]
    fn directives_only_at_the_top() {
        let cf = parse_ok("# hello\n# escape=`\nFROM busybox\nRUN a \\\n b\n");
        assert_eq!(cf.escape, '\\');
        let cf = parse_ok("\n# escape=`\nFROM busybox\n");
        assert_eq!(cf.escape, '\\', "an empty line ends the directives");
        let cf = parse_ok("# syntax=docker/dockerfile:1\n#ESCAPE = `\nFROM busybox\n");
        assert_eq!(cf.escape, '`');
        assert_eq!(
            parse_err("# escape=`\n# escape=\\\nFROM busybox\n"),
            "Containerfile:2: only one escape parser directive can be used"
        );
        assert!(parse_err("# escape=x\nFROM a\n").contains("invalid escape token"));
    }

    #[test]
    fn continuations_comments_and_empty_lines() {
        let cf = parse_ok(
            "FROM busybox\n\n  # indented comment\nRUN a \\\n# comment in it\n\n   b \\  \n c\nrun d\\\\\nRUN e\n",
        );
        let s = &cf.stages[0].steps;
        assert_eq!(s[0].original, "RUN a    b  c");
        assert_eq!((s[0].line, s[0].end_line), (4, 8));
        assert_eq!(
            s[1].original, "run d\\\\",
            "an escaped escape does not continue"
        );
        assert_eq!(s[2].line, 10);
        assert_eq!(cf.warnings.len(), 1);
        assert!(cf.warnings[0].contains("empty continuation line"));
    }

    #[test]
    fn keywords_are_case_insensitive() {
        let s = steps("from busybox as Base\nRuN echo\nexpose 80\n");
        assert_eq!(s.len(), 2);
        let cf = parse_ok("FROM busybox As Base\n");
        assert_eq!(cf.stages[0].name.as_deref(), Some("base"));
    }

    #[test]
    fn exec_and_shell_forms() {
        assert_eq!(
            one("CMD [\"a\", \"b c\"]"),
            Instruction::Cmd(CommandLine::Exec(strings(&["a", "b c"])))
        );
        assert_eq!(
            one("ENTRYPOINT [\"a\", 'b']"),
            Instruction::Entrypoint(CommandLine::Shell("[\"a\", 'b']".into())),
            "invalid JSON falls back to the shell form"
        );
        assert_eq!(
            one("ENTRYPOINT []"),
            Instruction::Entrypoint(CommandLine::Exec(vec![]))
        );
        assert_eq!(
            one("CMD echo [x]"),
            Instruction::Cmd(CommandLine::Shell("echo [x]".into()))
        );
        assert!(
            parse_err("FROM a\nCMD [\"a\", 1]\n").contains("must be comprised of strings only")
        );
        assert!(parse_err("FROM a\nSHELL /bin/sh -c\n").contains("JSON form"));
    }

    #[test]
    fn env_and_label_forms() {
        assert_eq!(
            one("ENV A  b c  d"),
            Instruction::Env(vec![kv("A", "b c  d")])
        );
        assert_eq!(
            one("ENV A=1 B=\"x y\" C='z' D=a\\ b E="),
            Instruction::Env(vec![
                kv("A", "1"),
                kv("B", "\"x y\""),
                kv("C", "'z'"),
                kv("D", "a\\ b"),
                kv("E", "")
            ])
        );
        assert_eq!(
            one("LABEL \"com.example.key\"=\"v\" k=v"),
            Instruction::Label(vec![kv("\"com.example.key\"", "\"v\""), kv("k", "v")])
        );
        assert!(parse_err("FROM a\nENV A=1 B\n").contains("can't find = in \"B\""));
        assert!(parse_err("FROM a\nENV A\n").contains("ENV must have two arguments"));
        assert!(parse_err("FROM a\nLABEL =x\n").contains("LABEL names can not be blank"));
    }

    #[test]
    fn args_global_and_in_stage() {
        let cf = parse_ok("ARG A B=2 C=\"x y\"\nFROM busybox\nARG D\n");
        assert_eq!(cf.global_args.len(), 3);
        assert_eq!(cf.global_args[2].default.as_deref(), Some("\"x y\""));
        assert_eq!(
            cf.stages[0].steps[0].instruction,
            Instruction::Arg(vec![ArgDef {
                name: "D".into(),
                default: None
            }])
        );
        assert_eq!(
            parse_err("ARG A\nRUN x\nFROM a\n"),
            "Containerfile:2: no build stage in current context: RUN must come after FROM"
        );
        assert!(parse_err("ARG A\n").contains("no FROM"));
        assert!(parse_err("# only a comment\n\n").contains("file with no instructions"));
    }

    #[test]
    fn from_forms() {
        let cf = parse_ok(
            "FROM --platform=$BUILDPLATFORM golang:1 AS build\nFROM build\nFROM scratch\n",
        );
        assert_eq!(cf.stages[0].platform.as_deref(), Some("$BUILDPLATFORM"));
        assert_eq!(cf.stages[0].base, "golang:1");
        assert_eq!(cf.stages[1].base, "build");
        assert_eq!(cf.stages[2].original, "FROM scratch");
        assert!(parse_err("FROM a b\n").contains("FROM requires either one or three arguments"));
        assert!(parse_err("FROM a AS 1x\n").contains("invalid name for build stage"));
        assert!(parse_err("FROM --plat=x a\n").contains("unknown flag: --plat"));
    }

    #[test]
    fn unknown_instruction_names_line() {
        assert_eq!(
            parse_err("FROM busybox\n\nRUN true\nFOO bar\n"),
            "Containerfile:4: unknown instruction FOO"
        );
    }

    #[test]
    fn run_flags() {
        let Instruction::Run(r) = one(
            "RUN --mount=type=cache,target=/root/.cache,id=c1,sharing=locked,uid=1000,mode=0755 \
             --mount=type=secret,id=tok,env=TOKEN,required \
             --mount=type=bind,from=build,source=/out,target=/in,rw \
             --mount=type=tmpfs,target=/t,size=64m --network=none make",
        ) else {
            panic!()
        };
        assert_eq!(r.network, RunNetwork::None);
        assert_eq!(r.command, CommandLine::Shell("make".into()));
        let [cache, secret, bind, tmpfs] = r.mounts.as_slice() else {
            panic!("{:?}", r.mounts)
        };
        assert_eq!(cache.kind, MountKind::Cache);
        assert_eq!(cache.target.as_deref(), Some("/root/.cache"));
        assert_eq!(cache.sharing, Some(CacheSharing::Locked));
        assert_eq!(
            (cache.uid, cache.mode, cache.readonly),
            (Some(1000), Some(0o755), false)
        );
        assert_eq!(secret.kind, MountKind::Secret);
        assert!(secret.required && secret.readonly);
        assert_eq!(secret.env.as_deref(), Some("TOKEN"));
        assert_eq!(bind.from.as_deref(), Some("build"));
        assert!(!bind.readonly);
        assert_eq!(tmpfs.size, Some(64 << 20));
        let e = |m: &str| parse_err(&format!("FROM a\nRUN --mount={m} x\n"));
        assert!(e("type=nfs").contains("unsupported mount type"));
        assert!(e("type=bind,uid=1").contains("uid not allowed"));
        assert!(e("type=secret").contains("one of source, target required"));
        assert!(e("type=bind,sharing=locked").contains("invalid cache sharing"));
        assert!(e("target").contains("must be a key=value pair"));
        assert!(parse_err("FROM a\nRUN --network=bridge x\n").contains("invalid network mode"));
        assert!(
            parse_err("FROM a\nRUN --security=insecure x\n").contains("unknown flag: --security")
        );
        assert!(
            parse_err("FROM a\nRUN --network x\n").contains("missing a value on flag: --network")
        );
        assert!(parse_err("FROM a\nRUN\n").contains("RUN requires at least one argument"));
    }

    #[test]
    fn add_and_copy() {
        let Instruction::Add(a) = one("ADD --chown=app:app --keep-git-dir=true a.tar b* /dst/")
        else {
            panic!()
        };
        assert_eq!(
            (a.chown.as_deref(), a.sources, a.dest),
            (Some("app:app"), strings(&["a.tar", "b*"]), "/dst/".into())
        );
        let Instruction::Copy(c) = one("COPY --from=0 --link=false [\"a b\", \"/c\"]") else {
            panic!()
        };
        assert_eq!(
            (c.from.as_deref(), c.link, c.sources),
            (Some("0"), false, strings(&["a b"]))
        );
        assert!(parse_err("FROM a\nCOPY x\n").contains("requires at least two arguments"));
        assert!(parse_err("FROM a\nADD --from=x a b\n").contains("unknown flag: --from"));
        assert!(parse_err("FROM a\nCOPY --link=maybe a b\n").contains("expecting boolean value"));
        assert!(parse_err("FROM a\nCOPY --chown=a --chown=b a b\n").contains("duplicate flag"));
        assert!(parse_err("FROM a\nCOPY a <<EOF\nx\nEOF\n").contains("heredoc as a destination"));
    }

    #[test]
    fn heredocs() {
        let cf = parse_ok(
            "FROM a\nRUN <<A cat - && 3<<-'B' cat <&3\nfirst $X\nA\n\tsecond $X\n\tB\nRUN echo done\n",
        );
        let s = &cf.stages[0].steps;
        let Instruction::Run(r) = &s[0].instruction else {
            panic!()
        };
        assert_eq!(r.heredocs.len(), 2);
        assert_eq!(
            r.heredocs[0],
            Heredoc {
                name: "A".into(),
                content: "first $X\n".into(),
                chomp: false,
                expand: true
            }
        );
        assert_eq!(
            r.heredocs[1],
            Heredoc {
                name: "B".into(),
                content: "second $X\n".into(),
                chomp: true,
                expand: false
            }
        );
        assert_eq!(
            s[0].original,
            "RUN <<A cat - && 3<<-'B' cat <&3\nfirst $X\nA\n\tsecond $X\nB"
        );
        assert_eq!((s[0].line, s[0].end_line), (2, 6));
        assert_eq!(s[1].line, 7);

        let Instruction::Copy(c) = one("COPY <<one <<\"two\" /dst/\n1\none\n2\ntwo") else {
            panic!()
        };
        assert_eq!(c.sources, Vec::<String>::new());
        assert_eq!(
            c.heredocs
                .iter()
                .map(|h| h.name.as_str())
                .collect::<Vec<_>>(),
            ["one", "two"]
        );
        assert!(!c.heredocs[1].expand);

        let Instruction::Run(r) = one("RUN echo '<<EOF' \"<<X\"") else {
            panic!()
        };
        assert!(r.heredocs.is_empty(), "quoted << opens no heredoc");
        let Instruction::Run(r) = one("RUN [\"cat\", \"<<EOF\"]") else {
            panic!()
        };
        assert!(r.heredocs.is_empty(), "no heredocs in exec form");
        assert_eq!(
            parse_err("FROM a\nRUN <<EOF\nno end\n"),
            "Containerfile:2: unterminated heredoc EOF"
        );
    }

    #[test]
    fn onbuild() {
        assert_eq!(
            one("onbuild  add . /app"),
            Instruction::Onbuild("add . /app".into())
        );
        assert_eq!(
            one("ONBUILD RUN <<EOF\necho hi\nEOF"),
            Instruction::Onbuild("RUN <<EOF\necho hi\nEOF".into())
        );
        assert!(parse_err("FROM a\nONBUILD ONBUILD RUN x\n").contains("isn't allowed"));
        assert!(
            parse_err("FROM a\nONBUILD FROM x\n")
                .contains("FROM isn't allowed as an ONBUILD trigger")
        );
        assert!(parse_err("FROM a\nONBUILD MAINTAINER x\n").contains("MAINTAINER isn't allowed"));
        assert!(parse_err("FROM a\nONBUILD BOGUS x\n").contains("unknown instruction BOGUS"));
    }

    #[test]
    fn healthcheck() {
        assert_eq!(
            one("HEALTHCHECK NONE"),
            Instruction::Healthcheck(Healthcheck::None)
        );
        assert_eq!(
            one(
                "HEALTHCHECK --interval=1m30s --start-interval=500ms CMD [\"curl\", \"-f\", \"x\"]"
            ),
            Instruction::Healthcheck(Healthcheck::Check {
                test: strings(&["CMD", "curl", "-f", "x"]),
                interval: Some(Duration::from_secs(90)),
                timeout: None,
                start_period: None,
                start_interval: Some(Duration::from_millis(500)),
                retries: None,
            })
        );
        assert!(parse_err("FROM a\nHEALTHCHECK NONE x\n").contains("takes no arguments"));
        assert!(parse_err("FROM a\nHEALTHCHECK CMD\n").contains("Missing command"));
        assert!(parse_err("FROM a\nHEALTHCHECK RUN x\n").contains("Unknown type"));
        assert!(
            parse_err("FROM a\nHEALTHCHECK --retries=-1 CMD x\n").contains("cannot be negative")
        );
        assert!(parse_err("FROM a\nHEALTHCHECK --interval=1us CMD x\n").contains("less than 1ms"));
        assert!(
            parse_err("FROM a\nHEALTHCHECK --interval=5x CMD x\n").contains("invalid duration")
        );
    }

    #[test]
    fn simple_instructions() {
        assert_eq!(one("USER app:staff"), Instruction::User("app:staff".into()));
        assert_eq!(one("WORKDIR /a b"), Instruction::Workdir("/a b".into()));
        assert_eq!(
            one("STOPSIGNAL SIGTERM"),
            Instruction::StopSignal("SIGTERM".into())
        );
        assert_eq!(
            one("MAINTAINER Me <me@x>"),
            Instruction::Maintainer("Me <me@x>".into())
        );
        assert_eq!(
            one("VOLUME [\"/a\", \"/b c\"]"),
            Instruction::Volume(strings(&["/a", "/b c"]))
        );
        assert!(parse_err("FROM a\nUSER\n").contains("USER requires exactly one argument"));
        assert!(parse_err("FROM a\nVOLUME [\"\"]\n").contains("can not be an empty string"));
        assert!(parse_err("FROM a\nEXPOSE\n").contains("EXPOSE requires at least one argument"));
        assert!(parse_err("FROM a\nCMD --port 80\n").contains("unknown flag: --port"));
    }

    #[test]
    fn exposed_port_specs() {
        assert_eq!(
            exposed_ports(&strings(&["80", "53/udp", "9000-9002/TCP"])).unwrap(),
            ["80/tcp", "53/udp", "9000/tcp", "9001/tcp", "9002/tcp"]
        );
        assert!(exposed_ports(&strings(&["http"])).is_err());
        assert!(exposed_ports(&strings(&["80/icmp"])).is_err());
        assert!(exposed_ports(&strings(&["90-80"])).is_err());
    }

    #[test]
    fn single_instruction_lines() {
        assert_eq!(
            parse_instruction_line("CMD [\"sh\"]"),
            Ok(Instruction::Cmd(CommandLine::Exec(strings(&["sh"]))))
        );
        assert!(parse_instruction_line("FROM x").is_err());
    }

    #[test]
    fn byte_order_mark_and_crlf() {
        let cf = parse_ok("\u{feff}FROM busybox\r\nRUN a \\\r\n  b\r\n");
        assert_eq!(cf.stages[0].steps[0].original, "RUN a   b");
    }
}
