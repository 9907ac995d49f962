//! Variable expansion in Containerfile instructions, with the rules of
//! docker's builder (BuildKit's shell lexer): `$VAR`, `${VAR}`,
//! `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}`, `${VAR+word}`,
//! `${VAR:?msg}`, `${VAR?msg}`, `${VAR#pat}`, `${VAR##pat}`, `${VAR%pat}`,
//! `${VAR%%pat}` and `${VAR/pat/repl}`, `${VAR//pat/repl}`; the escape
//! character escapes the next character; single quotes keep their text
//! literal; double quotes group but still expand.
//!
//! Which parts of which instruction are expanded is docker's choice, kept in
//! [`Expander::instruction`] and [`Expander::stage_base`]: ADD, COPY, ENV,
//! EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR, the mount options of RUN,
//! and FROM (with the global ARGs only). RUN, CMD, ENTRYPOINT, SHELL,
//! HEALTHCHECK, MAINTAINER and ONBUILD are left alone: the shell in the
//! container expands those, or a later build does.
//!
//! This module only computes strings; it knows nothing of the store, and the
//! executor decides which variables are in scope (build args, ENV, ARG).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasher;

use super::parse::{FileCopy, Instruction, KeyValue, Run, RunMount, Stage};

/// An expansion that failed: the word and why (`missing '}'`, `FOO: is not
/// allowed to be unset`, ...).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("failed to expand {word:?}: {why}")]
pub struct ExpandError {
    /// The word as written.
    pub word: String,
    /// What is wrong with it.
    pub why: String,
}

/// The variables an expansion can see.
pub trait Vars {
    /// The value of `name`, `None` when it is not set.
    fn var(&self, name: &str) -> Option<&str>;
}

impl<S: BuildHasher> Vars for HashMap<String, String, S> {
    fn var(&self, name: &str) -> Option<&str> {
        self.get(name).map(String::as_str)
    }
}

impl Vars for BTreeMap<String, String> {
    fn var(&self, name: &str) -> Option<&str> {
        self.get(name).map(String::as_str)
    }
}

/// No variables at all.
impl Vars for () {
    fn var(&self, _: &str) -> Option<&str> {
        None
    }
}

/// Expands words with one set of variables and one escape character, and
/// records every variable name it looked up (set or not), which is what a
/// step "uses" for its cache key.
pub struct Expander<'a> {
    escape: char,
    vars: &'a dyn Vars,
    used: BTreeSet<String>,
}

impl<'a> Expander<'a> {
    /// An expander for a Containerfile whose escape character is `escape`.
    pub fn new(escape: char, vars: &'a dyn Vars) -> Expander<'a> {
        Expander {
            escape,
            vars,
            used: BTreeSet::new(),
        }
    }

    /// The names looked up so far, whether they were set or not.
    pub fn used(&self) -> &BTreeSet<String> {
        &self.used
    }

    /// One word, quotes removed and variables replaced; whitespace is kept
    /// (`ENV A "x  y"` gives `x  y`).
    pub fn word(&mut self, word: &str) -> Result<String, ExpandError> {
        Ok(self.run(word, Mode::default())?.0)
    }

    /// Expands `text` and splits it into words at unquoted whitespace,
    /// including whitespace that came from a variable's value (as EXPOSE).
    pub fn words(&mut self, text: &str) -> Result<Vec<String>, ExpandError> {
        Ok(self.run(text, Mode::default())?.1)
    }

    /// Replaces variables only: quotes are ordinary characters, a backslash
    /// still escapes. This is how the content of an unquoted heredoc of
    /// ADD/COPY is expanded.
    pub fn raw(&mut self, text: &str) -> Result<String, ExpandError> {
        let mode = Mode {
            skip_quotes: true,
            ..Mode::default()
        };
        let saved = self.escape;
        // The heredoc body is expanded with the backslash whatever the
        // escape directive says, as docker does.
        self.escape = '\\';
        let out = self.run(text, mode);
        self.escape = saved;
        Ok(out?.0)
    }

    /// The base image and `--platform` of a stage, expanded as docker does:
    /// the expander should hold the global ARGs (those before the first FROM)
    /// only.
    pub fn stage_base(&mut self, stage: &Stage) -> Result<(String, Option<String>), ExpandError> {
        let base = self.word(&stage.base)?;
        let platform = stage
            .platform
            .as_deref()
            .map(|p| self.word(p))
            .transpose()?;
        Ok((base, platform))
    }

    /// The instruction with docker's expansion applied to the parts docker
    /// expands. ARG defaults are left as written: each must be expanded with
    /// [`Expander::word`] after the previous name of the same ARG line took
    /// its value (a `--build-arg` may replace it).
    pub fn instruction(&mut self, instr: &Instruction) -> Result<Instruction, ExpandError> {
        Ok(match instr {
            Instruction::Env(kvs) => Instruction::Env(self.key_values(kvs)?),
            Instruction::Label(kvs) => Instruction::Label(self.key_values(kvs)?),
            Instruction::Expose(ports) => {
                let mut out = Vec::new();
                for p in ports {
                    out.extend(self.words(p)?);
                }
                Instruction::Expose(out)
            }
            Instruction::StopSignal(s) => Instruction::StopSignal(self.word(s)?),
            Instruction::User(s) => Instruction::User(self.word(s)?),
            Instruction::Workdir(s) => Instruction::Workdir(self.word(s)?),
            Instruction::Volume(v) => Instruction::Volume(self.list(v)?),
            Instruction::Add(c) => Instruction::Add(self.file_copy(c)?),
            Instruction::Copy(c) => Instruction::Copy(self.file_copy(c)?),
            Instruction::Run(r) => Instruction::Run(Run {
                mounts: r
                    .mounts
                    .iter()
                    .map(|m| self.mount(m))
                    .collect::<Result<_, _>>()?,
                ..r.clone()
            }),
            other => other.clone(),
        })
    }

    fn list(&mut self, words: &[String]) -> Result<Vec<String>, ExpandError> {
        words.iter().map(|w| self.word(w)).collect()
    }

    fn key_values(&mut self, kvs: &[KeyValue]) -> Result<Vec<KeyValue>, ExpandError> {
        kvs.iter()
            .map(|kv| {
                Ok(KeyValue {
                    key: self.word(&kv.key)?,
                    value: self.word(&kv.value)?,
                })
            })
            .collect()
    }

    fn file_copy(&mut self, c: &FileCopy) -> Result<FileCopy, ExpandError> {
        let opt = |e: &mut Self, v: &Option<String>| v.as_deref().map(|s| e.word(s)).transpose();
        let mut heredocs = c.heredocs.clone();
        for h in &mut heredocs {
            if h.expand {
                h.content = self.raw(&h.content)?;
            }
        }
        Ok(FileCopy {
            // docker refuses variables in --from; it is kept as written.
            from: c.from.clone(),
            chown: opt(self, &c.chown)?,
            chmod: opt(self, &c.chmod)?,
            link: c.link,
            sources: self.list(&c.sources)?,
            heredocs,
            dest: self.word(&c.dest)?,
        })
    }

    fn mount(&mut self, m: &RunMount) -> Result<RunMount, ExpandError> {
        let opt = |e: &mut Self, v: &Option<String>| v.as_deref().map(|s| e.word(s)).transpose();
        Ok(RunMount {
            target: opt(self, &m.target)?,
            source: opt(self, &m.source)?,
            from: opt(self, &m.from)?,
            id: opt(self, &m.id)?,
            env: opt(self, &m.env)?,
            ..m.clone()
        })
    }

    fn run(&mut self, word: &str, mode: Mode) -> Result<(String, Vec<String>), ExpandError> {
        let mut lexer = Lexer {
            chars: word.chars().collect(),
            pos: 0,
            escape: self.escape,
            mode,
            vars: self.vars,
            used: &mut self.used,
        };
        lexer.stop_on(None).map_err(|why| ExpandError {
            word: word.to_string(),
            why,
        })
    }
}

/// The words of `line` as docker's heredoc detection sees them: quotes and
/// escapes kept, unset variables left as written.
pub(crate) fn raw_words(line: &str) -> Vec<String> {
    let mut used = BTreeSet::new();
    let mut lexer = Lexer {
        chars: line.chars().collect(),
        pos: 0,
        escape: '\\',
        mode: Mode {
            raw_quotes: true,
            raw_escapes: true,
            skip_unset: true,
            skip_quotes: false,
        },
        vars: &(),
        used: &mut used,
    };
    lexer.stop_on(None).map(|r| r.1).unwrap_or_default()
}

/// `word` with its quotes removed and unset variables left as written (for
/// heredoc names), and whether it was free of quotes.
pub(crate) fn unquote(word: &str) -> Option<(String, bool)> {
    let mut used = BTreeSet::new();
    let mut lexer = Lexer {
        chars: word.chars().collect(),
        pos: 0,
        escape: '\\',
        mode: Mode {
            skip_unset: true,
            ..Mode::default()
        },
        vars: &(),
        used: &mut used,
    };
    let words = lexer.stop_on(None).ok()?.1;
    let [name] = words.as_slice() else {
        return None;
    };
    let quotes = |s: &str| s.chars().filter(|c| *c == '\'' || *c == '"').count();
    Some((name.clone(), quotes(name) == quotes(word)))
}

#[derive(Clone, Copy, Default)]
struct Mode {
    /// Keep quote characters in the output.
    raw_quotes: bool,
    /// Keep escape characters in the output.
    raw_escapes: bool,
    /// Leave `$NAME` as written when NAME is not set.
    skip_unset: bool,
    /// Quotes are ordinary characters.
    skip_quotes: bool,
}

/// The word being built while splitting at unquoted whitespace.
#[derive(Default)]
struct Words {
    buf: String,
    words: Vec<String>,
    in_word: bool,
}

impl Words {
    fn add_char(&mut self, ch: char) {
        if !ch.is_whitespace() {
            self.add_raw_char(ch);
        } else if self.in_word && !self.buf.is_empty() {
            self.words.push(std::mem::take(&mut self.buf));
            self.in_word = false;
        }
    }

    fn add_raw_char(&mut self, ch: char) {
        self.buf.push(ch);
        self.in_word = true;
    }

    fn add_str(&mut self, s: &str) {
        s.chars().for_each(|c| self.add_char(c));
    }

    fn add_raw_str(&mut self, s: &str) {
        self.buf.push_str(s);
        self.in_word = true;
    }

    fn finish(mut self) -> Vec<String> {
        if !self.buf.is_empty() {
            self.words.push(self.buf);
        }
        self.words
    }
}

struct Lexer<'v, 'u> {
    chars: Vec<char>,
    pos: usize,
    escape: char,
    mode: Mode,
    vars: &'v dyn Vars,
    used: &'u mut BTreeSet<String>,
}

type LexResult<T> = Result<T, String>;

impl Lexer<'_, '_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn get(&mut self, name: &str) -> Option<String> {
        self.used.insert(name.to_string());
        self.vars.var(name).map(str::to_string)
    }

    /// Processes up to `stop` (consumed) or the end, returning the text and
    /// its words.
    fn stop_on(&mut self, stop: Option<char>) -> LexResult<(String, Vec<String>)> {
        let mut result = String::new();
        let mut words = Words::default();
        while let Some(ch) = self.peek() {
            if Some(ch) == stop {
                self.next();
                return Ok((result, words.finish()));
            }
            let special = match ch {
                '$' => Some(self.dollar()?),
                '<' => Some(self.maybe_heredoc()),
                '\'' if !self.mode.skip_quotes => Some(self.single_quote()?),
                '"' if !self.mode.skip_quotes => Some(self.double_quote()?),
                _ => None,
            };
            if let Some(text) = special {
                result.push_str(&text);
                if ch == '$' {
                    words.add_str(&text);
                } else {
                    words.add_raw_str(&text);
                }
                continue;
            }
            let mut ch = self.next().unwrap_or_default();
            if ch == self.escape {
                if self.mode.raw_escapes {
                    words.add_raw_char(ch);
                    result.push(ch);
                }
                // A lone escape at the end is dropped.
                let Some(next) = self.next() else { break };
                ch = next;
                words.add_raw_char(ch);
            } else {
                words.add_char(ch);
            }
            result.push(ch);
        }
        if let Some(stop) = stop {
            return Err(format!(
                "unexpected end of statement while looking for matching {stop}"
            ));
        }
        Ok((result, words.finish()))
    }

    /// Like [`Lexer::stop_on`] with escapes kept as written (patterns).
    fn stop_on_raw(&mut self, stop: char, raw: bool) -> LexResult<String> {
        let saved = self.mode.raw_escapes;
        self.mode.raw_escapes = raw;
        let out = self.stop_on(Some(stop));
        self.mode.raw_escapes = saved;
        Ok(out?.0)
    }

    fn single_quote(&mut self) -> LexResult<String> {
        let mut out = String::new();
        let q = self.next().unwrap_or('\'');
        if self.mode.raw_quotes {
            out.push(q);
        }
        loop {
            match self.next() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching single-quote"
                            .into(),
                    );
                }
                Some('\'') => {
                    if self.mode.raw_quotes {
                        out.push('\'');
                    }
                    return Ok(out);
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn double_quote(&mut self) -> LexResult<String> {
        let mut out = String::new();
        let q = self.next().unwrap_or('"');
        if self.mode.raw_quotes {
            out.push(q);
        }
        loop {
            match self.peek() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching double-quote"
                            .into(),
                    );
                }
                Some('"') => {
                    self.next();
                    if self.mode.raw_quotes {
                        out.push('"');
                    }
                    return Ok(out);
                }
                Some('$') => out.push_str(&self.dollar()?),
                Some(_) => {
                    let mut ch = self.next().unwrap_or_default();
                    if ch == self.escape {
                        if self.mode.raw_escapes {
                            out.push(ch);
                        }
                        match self.peek() {
                            None => continue,
                            // Only these can be escaped inside double quotes.
                            Some(c) if c == '"' || c == '$' || c == self.escape => {
                                self.next();
                                ch = c;
                            }
                            Some(_) => {}
                        }
                    }
                    out.push(ch);
                }
            }
        }
    }

    fn maybe_heredoc(&mut self) -> String {
        self.next();
        if self.peek() != Some('<') {
            return "<".into();
        }
        self.next();
        let mut out = String::from("<<");
        while let Some(c @ (' ' | '\t' | '\r')) = self.peek() {
            out.push(c);
            self.next();
        }
        out
    }

    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.peek() {
            if name.is_empty() && ch.is_ascii_digit() {
                while let Some(d) = self.peek().filter(char::is_ascii_digit) {
                    name.push(d);
                    self.next();
                }
                return name;
            }
            if name.is_empty() && "@*#?-$!0".contains(ch) {
                self.next();
                return ch.to_string();
            }
            if !ch.is_alphanumeric() && ch != '_' {
                break;
            }
            name.push(ch);
            self.next();
        }
        name
    }

    fn dollar(&mut self) -> LexResult<String> {
        self.next();
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Ok("$".into());
            }
            return Ok(match self.get(&name) {
                Some(v) => v,
                None if self.mode.skip_unset => format!("${name}"),
                None => String::new(),
            });
        }
        self.next();
        match self.peek() {
            None => return Err("syntax error: missing '}'".into()),
            Some('{' | '}' | ':') => return Err("syntax error: bad substitution".into()),
            _ => {}
        }
        let name = self.name();
        let Some(ch) = self.next() else {
            return Err("syntax error: missing '}'".into());
        };
        match ch {
            '}' => Ok(match self.get(&name) {
                Some(v) => v,
                None if self.mode.skip_unset => format!("${{{name}}}"),
                None => String::new(),
            }),
            ':' | '+' | '-' | '?' | '#' | '%' => self.modifier(&name, ch),
            '/' => self.replace(&name),
            _ => Err(format!("unsupported modifier ({ch}) in substitution")),
        }
    }

    fn modifier(&mut self, name: &str, first: char) -> LexResult<String> {
        let colon = first == ':';
        let op = if colon { self.next() } else { Some(first) };
        let shown: String = [Some(first), op.filter(|_| colon)]
            .into_iter()
            .flatten()
            .collect();
        let pattern_op = matches!(op, Some('#' | '%'));
        if colon && pattern_op {
            return Err(format!("unsupported modifier ({shown}) in substitution"));
        }
        let word = self.stop_on_raw('}', pattern_op).map_err(|e| {
            if self.peek().is_none() {
                "syntax error: missing '}'".to_string()
            } else {
                e
            }
        })?;
        let value = self.get(name);
        if value.is_none() && self.mode.skip_unset {
            return Ok(format!("${{{name}{shown}{word}}}"));
        }
        let empty = value.as_deref().is_none_or(str::is_empty);
        let unset = value.is_none() || (colon && empty);
        match op {
            Some('-') => Ok(if unset {
                word
            } else {
                value.unwrap_or_default()
            }),
            Some('+') => Ok(if unset { String::new() } else { word }),
            Some('?') => match value {
                Some(v) if !(colon && v.is_empty()) => Ok(v),
                v => {
                    let default = if v.is_none() {
                        "is not allowed to be unset"
                    } else {
                        "is not allowed to be empty"
                    };
                    let msg = if word.is_empty() { default } else { &word };
                    Err(format!("{name}: {msg}"))
                }
            },
            Some(op @ ('#' | '%')) => {
                let (greedy, pat) = match word.strip_prefix(op) {
                    Some(rest) => (true, rest),
                    None => (false, word.as_str()),
                };
                let pat = pattern(pat);
                let value: Vec<char> = value.unwrap_or_default().chars().collect();
                Ok(if op == '#' {
                    trim_prefix(&pat, &value, greedy)
                } else {
                    trim_suffix(&pat, &value, greedy)
                })
            }
            _ => Err(format!("unsupported modifier ({shown}) in substitution")),
        }
    }

    fn replace(&mut self, name: &str) -> LexResult<String> {
        let all = self.peek() == Some('/');
        if all {
            self.next();
        }
        let pat = self.stop_on_raw('/', true).map_err(|e| {
            if self.peek().is_none() {
                "syntax error: missing '/' in ${}".to_string()
            } else {
                e
            }
        })?;
        let repl = self.stop_on_raw('}', true).map_err(|e| {
            if self.peek().is_none() {
                "syntax error: missing '}'".to_string()
            } else {
                e
            }
        })?;
        let value = self.get(name);
        let Some(value) = value else {
            if self.mode.skip_unset {
                return Ok(format!("${{{name}/{pat}/{repl}}}"));
            }
            return Ok(String::new());
        };
        Ok(replace(&pattern(&pat), &value, &repl, all))
    }
}

/// One element of a `${VAR#pattern}` pattern.
#[derive(Clone, Copy, PartialEq)]
enum Pat {
    Any,
    One,
    Lit(char),
}

/// A shell pattern (`*`, `?`, backslash escapes) as elements.
fn pattern(s: &str) -> Vec<Pat> {
    let mut out = Vec::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        out.push(match c {
            '*' => Pat::Any,
            '?' => Pat::One,
            '\\' => match chars.next() {
                Some(n) => Pat::Lit(n),
                None => Pat::Lit('\\'),
            },
            c => Pat::Lit(c),
        });
    }
    out
}

/// Whether all of `s` matches `pat`.
fn matches(pat: &[Pat], s: &[char]) -> bool {
    match pat.split_first() {
        None => s.is_empty(),
        Some((Pat::Any, rest)) => (0..=s.len()).any(|i| matches(rest, &s[i..])),
        Some((Pat::One, rest)) => !s.is_empty() && matches(rest, &s[1..]),
        Some((Pat::Lit(c), rest)) => s.first() == Some(c) && matches(rest, &s[1..]),
    }
}

fn trim_prefix(pat: &[Pat], value: &[char], greedy: bool) -> String {
    let mut ends: Vec<usize> = (0..=value.len()).collect();
    if greedy {
        ends.reverse();
    }
    match ends.into_iter().find(|&i| matches(pat, &value[..i])) {
        Some(i) => value[i..].iter().collect(),
        None => value.iter().collect(),
    }
}

fn trim_suffix(pat: &[Pat], value: &[char], greedy: bool) -> String {
    let mut starts: Vec<usize> = (0..=value.len()).collect();
    if !greedy {
        starts.reverse();
    }
    match starts.into_iter().find(|&i| matches(pat, &value[i..])) {
        Some(i) => value[..i].iter().collect(),
        None => value.iter().collect(),
    }
}

/// Replaces the first (or every) leftmost-longest match of `pat` in `value`.
fn replace(pat: &[Pat], value: &str, repl: &str, all: bool) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut replaced = false;
    while i <= chars.len() {
        let hit = if replaced && !all {
            None
        } else {
            (i..=chars.len())
                .rev()
                .find(|&end| matches(pat, &chars[i..end]))
        };
        match hit {
            Some(end) => {
                out.push_str(repl);
                replaced = true;
                if end > i {
                    i = end;
                    continue;
                }
                if let Some(c) = chars.get(i) {
                    out.push(*c);
                }
                i += 1;
            }
            None => {
                if let Some(c) = chars.get(i) {
                    out.push(*c);
                }
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> HashMap<String, String> {
        [
            ("A", "a"),
            ("EMPTY", ""),
            ("SP", "x  y"),
            ("PATHV", "/usr/local/bin/app.tar.gz"),
            ("V", "1.2.3"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn w(s: &str) -> String {
        let e = env();
        Expander::new('\\', &e).word(s).unwrap()
    }

    fn err(s: &str) -> String {
        let e = env();
        Expander::new('\\', &e).word(s).unwrap_err().why
    }

    #[test]
    fn plain_and_braced() {
        assert_eq!(w("$A"), "a");
        assert_eq!(w("${A}"), "a");
        assert_eq!(w("x$A.y"), "xa.y");
        assert_eq!(w("${A}b"), "ab");
        assert_eq!(w("$Ab"), "");
        assert_eq!(w("$UNSET"), "");
        assert_eq!(w("a$"), "a$");
        assert_eq!(w("$ A"), "$ A");
        assert_eq!(w("$1x"), "x");
    }

    #[test]
    fn defaults_and_alternatives() {
        assert_eq!(w("${UNSET:-def}"), "def");
        assert_eq!(w("${EMPTY:-def}"), "def");
        assert_eq!(w("${EMPTY-def}"), "");
        assert_eq!(w("${UNSET-def}"), "def");
        assert_eq!(w("${A:-def}"), "a");
        assert_eq!(w("${A:+alt}"), "alt");
        assert_eq!(w("${EMPTY:+alt}"), "");
        assert_eq!(w("${EMPTY+alt}"), "alt");
        assert_eq!(w("${UNSET+alt}"), "");
        assert_eq!(w("${UNSET:-$A-x}"), "a-x");
        assert_eq!(w("${UNSET:-${A}}"), "a");
    }

    #[test]
    fn required() {
        assert_eq!(w("${A?}"), "a");
        assert_eq!(err("${UNSET?}"), "UNSET: is not allowed to be unset");
        assert_eq!(err("${EMPTY:?need it}"), "EMPTY: need it");
        assert_eq!(w("${EMPTY?}"), "");
    }

    #[test]
    fn patterns() {
        assert_eq!(w("${PATHV#*/}"), "usr/local/bin/app.tar.gz");
        assert_eq!(w("${PATHV##*/}"), "app.tar.gz");
        assert_eq!(w("${PATHV%.*}"), "/usr/local/bin/app.tar");
        assert_eq!(w("${PATHV%%.*}"), "/usr/local/bin/app");
        assert_eq!(w("${V%.?}"), "1.2");
        assert_eq!(w("${V#nomatch}"), "1.2.3");
        assert_eq!(w("${V/./-}"), "1-2.3");
        assert_eq!(w("${V//./-}"), "1-2-3");
        assert_eq!(err("${V:#x}"), "unsupported modifier (:#) in substitution");
    }

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(w("'$A'"), "$A");
        assert_eq!(w("\"$A b\""), "a b");
        assert_eq!(w("\\$A"), "$A");
        assert_eq!(w("\"\\$A\""), "$A");
        assert_eq!(w("\"a\\b\""), "a\\b");
        assert_eq!(w("\"q\\\"q\""), "q\"q");
        assert_eq!(w("a\\ b"), "a b");
        assert_eq!(w("x\\"), "x");
        assert_eq!(w("hello   world"), "hello   world");
        let e = env();
        assert_eq!(Expander::new('`', &e).word("`$A\\").unwrap(), "$A\\");
    }

    #[test]
    fn syntax_errors() {
        assert_eq!(err("${A"), "syntax error: missing '}'");
        assert_eq!(err("${A:-x"), "syntax error: missing '}'");
        assert_eq!(err("${}"), "syntax error: bad substitution");
        assert_eq!(err("${:x}"), "syntax error: bad substitution");
        assert!(err("'abc").contains("single-quote"));
        assert!(err("\"abc").contains("double-quote"));
        assert_eq!(err("${A!x}"), "unsupported modifier (!) in substitution");
    }

    #[test]
    fn word_splitting() {
        let e = env();
        let mut x = Expander::new('\\', &e);
        assert_eq!(
            x.words("80 $SP \"a  b\"").unwrap(),
            ["80", "x", "y", "a  b"]
        );
        assert_eq!(x.words("  ").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn records_used_names() {
        let e = env();
        let mut x = Expander::new('\\', &e);
        x.word("$A ${UNSET:-x} '$NOT' \\$NOPE").unwrap();
        let used: Vec<_> = x.used().iter().cloned().collect();
        assert_eq!(used, ["A", "UNSET"]);
    }

    #[test]
    fn raw_keeps_quotes() {
        let e = env();
        let mut x = Expander::new('`', &e);
        assert_eq!(x.raw("echo '$A' \"\\$A\"\n").unwrap(), "echo 'a' \"$A\"\n");
    }

    #[test]
    fn heredoc_helpers() {
        assert_eq!(
            raw_words("RUN cat <<EOF >\"x y\""),
            ["RUN", "cat", "<<EOF", ">\"x y\""]
        );
        assert_eq!(raw_words("RUN <<  'E F' $X"), ["RUN", "<<  'E F'", "$X"]);
        assert_eq!(unquote("EOF"), Some(("EOF".into(), true)));
        assert_eq!(unquote("'EOF'"), Some(("EOF".into(), false)));
        assert_eq!(unquote("\"E\"OF"), Some(("EOF".into(), false)));
    }

    #[test]
    fn instructions_expand_as_docker() {
        use crate::build::parse::{CommandLine, Instruction, parse};
        let cf = parse(
            "ARG BASE=busybox\nFROM --platform=$P ${BASE}:1\n\
             ENV A=$X B=\"$X y\"\nLABEL l='$X'\nEXPOSE $PORTS\nWORKDIR /w/$X\nUSER $X:$X\n\
             VOLUME /v/$X\nSTOPSIGNAL $SIG\nCOPY --chown=$X --from=$X src/$X /d/$X\n\
             COPY <<EOF <<'RAW' /d/\n$X\nEOF\n$X\nRAW\n\
             RUN --mount=type=cache,target=/c/$X echo $X\nCMD echo $X\nMAINTAINER $X\n",
            "Containerfile",
        )
        .unwrap();
        let vars: HashMap<String, String> = [("X", "x"), ("PORTS", "80 53/udp"), ("SIG", "SIGINT")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let globals: HashMap<String, String> = [("BASE".to_string(), "busybox".to_string())]
            .into_iter()
            .collect();
        let mut g = Expander::new('\\', &globals);
        assert_eq!(
            g.stage_base(&cf.stages[0]).unwrap(),
            ("busybox:1".into(), Some(String::new()))
        );
        assert_eq!(g.used().iter().collect::<Vec<_>>(), ["BASE", "P"]);

        let got: Vec<Instruction> = cf.stages[0]
            .steps
            .iter()
            .map(|s| {
                Expander::new('\\', &vars)
                    .instruction(&s.instruction)
                    .unwrap()
            })
            .collect();
        let Instruction::Env(env) = &got[0] else {
            panic!()
        };
        assert_eq!((env[0].value.as_str(), env[1].value.as_str()), ("x", "x y"));
        let Instruction::Label(l) = &got[1] else {
            panic!()
        };
        assert_eq!(l[0].value, "$X", "single quotes keep the text");
        assert_eq!(
            got[2],
            Instruction::Expose(vec!["80".into(), "53/udp".into()])
        );
        assert_eq!(got[3], Instruction::Workdir("/w/x".into()));
        assert_eq!(got[4], Instruction::User("x:x".into()));
        assert_eq!(got[5], Instruction::Volume(vec!["/v/x".into()]));
        assert_eq!(got[6], Instruction::StopSignal("SIGINT".into()));
        let Instruction::Copy(c) = &got[7] else {
            panic!()
        };
        assert_eq!(c.chown.as_deref(), Some("x"));
        assert_eq!(
            c.from.as_deref(),
            Some("$X"),
            "docker does not expand --from"
        );
        assert_eq!((c.sources[0].as_str(), c.dest.as_str()), ("src/x", "/d/x"));
        let Instruction::Copy(c) = &got[8] else {
            panic!()
        };
        assert_eq!(c.heredocs[0].content, "x\n");
        assert_eq!(
            c.heredocs[1].content, "$X\n",
            "a quoted heredoc name keeps the body"
        );
        let Instruction::Run(r) = &got[9] else {
            panic!()
        };
        assert_eq!(r.mounts[0].target.as_deref(), Some("/c/x"));
        assert_eq!(
            r.command,
            CommandLine::Shell("echo $X".into()),
            "the shell expands RUN"
        );
        assert_eq!(
            got[10],
            Instruction::Cmd(CommandLine::Shell("echo $X".into()))
        );
        assert_eq!(got[11], Instruction::Maintainer("$X".into()));

        let mut x = Expander::new('\\', &vars);
        x.instruction(&cf.stages[0].steps[0].instruction).unwrap();
        assert_eq!(x.used().iter().collect::<Vec<_>>(), ["X"]);
    }
}
