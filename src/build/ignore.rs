//! `.containerignore` / `.dockerignore`: which paths of the build context
//! a build leaves out, with docker's pattern rules (moby's patternmatcher):
//! one pattern a line, lines starting with `#` are comments, patterns are
//! trimmed and cleaned (`./a//b/` is `a/b`, a leading `/` is dropped); `*`
//! and `?` do not cross `/`, `[...]` is a character class, `**` spans any
//! number of directories, `\` escapes; `!pattern` re-includes what an earlier
//! line excluded, and the last matching line wins. A pattern that matches a
//! directory excludes everything under it.
//!
//! Which file is read follows podman (buildah): `<Containerfile>.dockerignore`
//! or `<Containerfile>.containerignore` beside the Containerfile first, then
//! `.containerignore`, then `.dockerignore` in the context directory.
//! This module decides; walking the context and copying is the executor's.

use std::io;
use std::path::{Path, PathBuf};

use regex::Regex;

/// An ignore file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum IgnoreError {
    /// The file exists but could not be read.
    #[error("reading {path}: {source}")]
    Read {
        /// The ignore file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A line is not a valid pattern.
    #[error("{path}: invalid pattern {pattern:?}: {why}")]
    Pattern {
        /// The ignore file.
        path: PathBuf,
        /// The pattern as written.
        pattern: String,
        /// Why.
        why: String,
    },
}

/// The patterns of one ignore file, ready to match context paths.
#[derive(Debug, Default)]
pub struct Ignore {
    patterns: Vec<Pattern>,
    source: Option<PathBuf>,
}

#[derive(Debug)]
struct Pattern {
    /// The cleaned pattern, without `!`.
    text: String,
    /// A `!` line: re-includes.
    exception: bool,
    matcher: Matcher,
}

#[derive(Debug)]
enum Matcher {
    /// `**` then literal text: any path ending in it (patternmatcher's
    /// shortcut, which also lets `**foo` match `barfoo`).
    Suffix(String),
    Regex(Regex),
}

impl Ignore {
    /// Reads the ignore file that applies to a build of `context` with the
    /// Containerfile at `containerfile` (podman's order, see the module
    /// doc). No file at all means nothing is ignored.
    pub fn load(context: &Path, containerfile: Option<&Path>) -> Result<Ignore, IgnoreError> {
        let mut candidates = Vec::new();
        if let Some(file) = containerfile {
            let file = context.join(file);
            let name = file.as_os_str().to_owned();
            // buildah checks .containerignore, then lets .dockerignore win.
            for suffix in [".dockerignore", ".containerignore"] {
                let mut n = name.clone();
                n.push(suffix);
                candidates.push(PathBuf::from(n));
            }
        }
        candidates.push(context.join(".containerignore"));
        candidates.push(context.join(".dockerignore"));
        for path in candidates {
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    let mut ignore =
                        Ignore::parse(&text).map_err(|(pattern, why)| IgnoreError::Pattern {
                            path: path.clone(),
                            pattern,
                            why,
                        })?;
                    ignore.source = Some(path);
                    return Ok(ignore);
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(source) => return Err(IgnoreError::Read { path, source }),
            }
        }
        Ok(Ignore::default())
    }

    /// Parses the text of an ignore file; a bad line gives the line and why.
    pub fn parse(text: &str) -> Result<Ignore, (String, String)> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut patterns = Vec::new();
        for line in text.lines() {
            // A comment only when `#` is the very first character.
            if line.starts_with('#') {
                continue;
            }
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let (exception, rest) = match line.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, line),
            };
            if rest.is_empty() {
                return Err((line.to_string(), "a lone \"!\" excludes nothing".into()));
            }
            let mut text = clean(rest);
            if text.len() > 1 && text.starts_with('/') {
                text.remove(0);
            }
            let matcher = Matcher::new(&text).map_err(|why| (line.to_string(), why))?;
            patterns.push(Pattern {
                text,
                exception,
                matcher,
            });
        }
        Ok(Ignore {
            patterns,
            source: None,
        })
    }

    /// The file the patterns came from, if one was found.
    pub fn source(&self) -> Option<&Path> {
        self.source.as_deref()
    }

    /// Whether there are no patterns (nothing is excluded).
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Whether `rel_path` (relative to the context, `/`-separated) is left
    /// out of the context: the last pattern that matches it or one of its
    /// parent directories decides. Files and directories follow the same
    /// rules (docker's patterns have no directory-only form).
    pub fn excluded(&self, rel_path: &Path) -> bool {
        let file = clean(&rel_path.to_string_lossy());
        let file = file.trim_start_matches('/');
        if file.is_empty() || file == "." {
            return false;
        }
        let parents: Vec<&str> = match file.rfind('/') {
            Some(i) => file[..i].split('/').collect(),
            None => Vec::new(),
        };
        let mut excluded = false;
        for p in &self.patterns {
            // Only an exception can change an excluded path, and only an
            // exclusion one that is not.
            if p.exception != excluded {
                continue;
            }
            let hit = p.matcher.matches(file)
                || (1..=parents.len()).any(|n| p.matcher.matches(&parents[..n].join("/")));
            if hit {
                excluded = !p.exception;
            }
        }
        excluded
    }

    /// Whether a directory must still be walked: false only when it is
    /// excluded and no exception (`!` line) could re-include anything under
    /// it. Conservative: it may say true for a directory that ends up giving
    /// nothing, never false for one that has a re-included path.
    pub fn needs_walk(&self, rel_dir: &Path) -> bool {
        if !self.excluded(rel_dir) {
            return true;
        }
        let dir = clean(&rel_dir.to_string_lossy());
        let dir: Vec<&str> = dir.trim_start_matches('/').split('/').collect();
        self.patterns
            .iter()
            .filter(|p| p.exception)
            .any(|p| could_match_under(&p.text, &dir))
    }
}

impl Matcher {
    /// Builds the matcher for a cleaned pattern, as patternmatcher compiles
    /// it.
    fn new(pattern: &str) -> Result<Matcher, String> {
        if let Some(rest) = pattern.strip_prefix("**")
            && !rest.contains(['*', '?', '[', ']', '\\'])
        {
            return Ok(Matcher::Suffix(rest.to_string()));
        }
        let mut re = String::from("^");
        let mut chars = pattern.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '*' if chars.peek() == Some(&'*') => {
                    chars.next();
                    if chars.peek() == Some(&'/') {
                        chars.next();
                    }
                    if chars.peek().is_none() {
                        re.push_str(".*");
                    } else {
                        re.push_str("(.*/)?");
                    }
                }
                '*' => re.push_str("[^/]*"),
                '?' => re.push_str("[^/]"),
                '.' | '+' | '(' | ')' | '|' | '{' | '}' | '$' => {
                    re.push('\\');
                    re.push(c);
                }
                '\\' => match chars.next() {
                    Some(n) => re.push_str(&regex::escape(&n.to_string())),
                    None => re.push_str("\\\\"),
                },
                c => re.push(c),
            }
        }
        re.push('$');
        Regex::new(&re)
            .map(Matcher::Regex)
            .map_err(|_| "syntax error in pattern".to_string())
    }

    fn matches(&self, path: &str) -> bool {
        match self {
            Matcher::Suffix(suffix) => {
                path.ends_with(suffix.as_str())
                    || suffix.strip_prefix('/').is_some_and(|s| path == s)
            }
            Matcher::Regex(re) => re.is_match(path),
        }
    }
}

/// Whether `pattern` could match `dir` itself, one of its parents, or a path
/// under it, judged component by component (`**` could match anything).
fn could_match_under(pattern: &str, dir: &[&str]) -> bool {
    let parts: Vec<&str> = pattern.split('/').collect();
    for (i, component) in dir.iter().enumerate() {
        let Some(p) = parts.get(i) else {
            return true;
        };
        if p.contains("**") {
            return true;
        }
        match Matcher::new(p) {
            Ok(m) if m.matches(component) => {}
            _ => return false,
        }
    }
    true
}

/// Go's `filepath.Clean` for `/`-separated paths.
fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." => {
                    parts.pop();
                }
                _ if rooted => {}
                _ => parts.push(".."),
            },
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ig(text: &str) -> Ignore {
        Ignore::parse(text).unwrap()
    }

    fn ex(i: &Ignore, p: &str) -> bool {
        i.excluded(Path::new(p))
    }

    #[test]
    fn cleans_paths_as_go() {
        assert_eq!(clean("./a//b/"), "a/b");
        assert_eq!(clean("a/../../b"), "../b");
        assert_eq!(clean("/../a"), "/a");
        assert_eq!(clean(""), ".");
        assert_eq!(clean("/"), "/");
    }

    #[test]
    fn basic_patterns() {
        let i = ig("# comment\n  *.log  \n/tmp\n./build/\n \n?.txt\n[ab].c\n");
        assert!(ex(&i, "x.log"));
        assert!(!ex(&i, "dir/x.log"), "* does not cross directories");
        assert!(ex(&i, "tmp"));
        assert!(ex(&i, "tmp/a/b"), "a directory excludes what is under it");
        assert!(ex(&i, "build/out"));
        assert!(ex(&i, "a.txt"));
        assert!(!ex(&i, "ab.txt"));
        assert!(ex(&i, "b.c"));
        assert!(!ex(&i, "c.c"));
        assert!(!ex(&i, "# comment"));
        assert!(!ex(&i, "."));
    }

    #[test]
    fn comment_only_at_column_one() {
        let i = ig(" #keep\n");
        assert!(ex(&i, "#keep"));
    }

    #[test]
    fn double_star() {
        let i = ig("**/*.go\nvendor/**\n**/node_modules\n");
        assert!(ex(&i, "main.go"));
        assert!(ex(&i, "a/b/c.go"));
        assert!(ex(&i, "vendor/x/y"));
        assert!(
            !ex(&i, "vendor"),
            "vendor/** needs something after the slash"
        );
        assert!(ex(&i, "node_modules"));
        assert!(ex(&i, "web/app/node_modules/x.js"));
        let j = ig("a/**/b\n**foo\n");
        assert!(ex(&j, "a/b"));
        assert!(ex(&j, "a/x/y/b"));
        assert!(ex(&j, "barfoo"), "patternmatcher's suffix shortcut");
        let all = ig("**\n");
        assert!(ex(&all, "anything/at/all"));
    }

    #[test]
    fn escapes_and_regex_characters() {
        let i = ig("a\\*b\nc.d\n(x)+\n");
        assert!(ex(&i, "a*b"));
        assert!(!ex(&i, "axxb"));
        assert!(ex(&i, "c.d"));
        assert!(!ex(&i, "cxd"));
        assert!(ex(&i, "(x)+"));
    }

    #[test]
    fn exceptions_and_last_line_wins() {
        let i = ig("*.md\n!README.md\n");
        assert!(ex(&i, "CHANGES.md"));
        assert!(!ex(&i, "README.md"));
        let j = ig("!README.md\n*.md\n");
        assert!(ex(&j, "README.md"), "a later line wins");
        let k = ig("docs\n!docs/keep\n");
        assert!(ex(&k, "docs"));
        assert!(ex(&k, "docs/other"));
        assert!(!ex(&k, "docs/keep"));
        assert!(!ex(&k, "docs/keep/inner"), "under a re-included dir");
    }

    #[test]
    fn walking_excluded_directories() {
        let i = ig("docs\n!docs/keep\nsecret\n");
        assert!(i.needs_walk(Path::new("docs")));
        assert!(!i.needs_walk(Path::new("secret")));
        assert!(i.needs_walk(Path::new("src")), "not excluded at all");
        let j = ig("*\n!**/*.go\n");
        assert!(j.needs_walk(Path::new("pkg/sub")));
        let k = ig("a\n!b/c\n");
        assert!(!k.needs_walk(Path::new("a")));
    }

    #[test]
    fn bad_patterns() {
        assert!(Ignore::parse("!\n").is_err());
        assert!(Ignore::parse("[a\n").is_err());
    }

    #[test]
    fn load_follows_podman_order() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert!(Ignore::load(d, None).unwrap().is_empty());
        std::fs::write(d.join(".dockerignore"), "docker\n").unwrap();
        let i = Ignore::load(d, None).unwrap();
        assert!(ex(&i, "docker"));
        std::fs::write(d.join(".containerignore"), "container\n").unwrap();
        let i = Ignore::load(d, Some(Path::new("Containerfile"))).unwrap();
        assert!(ex(&i, "container") && !ex(&i, "docker"));
        assert_eq!(i.source(), Some(d.join(".containerignore").as_path()));
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/App.containerfile.containerignore"), "beside\n").unwrap();
        let i = Ignore::load(d, Some(Path::new("sub/App.containerfile"))).unwrap();
        assert!(ex(&i, "beside"));
        std::fs::write(
            d.join("sub/App.containerfile.dockerignore"),
            "dockerbeside\n",
        )
        .unwrap();
        let i = Ignore::load(d, Some(Path::new("sub/App.containerfile"))).unwrap();
        assert!(
            ex(&i, "dockerbeside"),
            "buildah lets <file>.dockerignore win"
        );
        std::fs::write(d.join(".dockerignore"), "[bad\n").unwrap();
        std::fs::remove_file(d.join(".containerignore")).unwrap();
        let e = Ignore::load(d, None).unwrap_err().to_string();
        assert!(e.contains(".dockerignore") && e.contains("[bad"), "{e}");
    }
}
