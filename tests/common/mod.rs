//! The harness every integration test uses: the real `rctl` binary run with a
//! store of its own in a temporary directory, removed afterwards.
#![allow(dead_code)]

pub mod fixtures;
pub mod netns;
pub mod probe;
pub mod registry;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_rctl")
}

/// One private store (root and runroot) for a test.
pub struct Rctl {
    dir: tempfile::TempDir,
    /// Run rctl as this (uid, gid) instead of root.
    user: Option<(u32, u32)>,
}

impl Default for Rctl {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Rctl {
    /// Containers a test left behind (it failed before removing them) go
    /// with its store, so no monitor or container process outlives the test.
    fn drop(&mut self) {
        let made_some =
            std::fs::read_dir(self.root().join("containers")).is_ok_and(|mut d| d.next().is_some());
        if made_some {
            let _ = self.cmd(["rm", "-f", "-a"]).output();
        }
    }
}

impl Rctl {
    /// A fresh, empty store.
    pub fn new() -> Rctl {
        let dir = tempfile::Builder::new()
            .prefix("rctl-test-")
            .tempdir()
            .unwrap();
        Rctl { dir, user: None }
    }

    /// The temporary directory holding the store; tests may put files here.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The store root.
    pub fn root(&self) -> PathBuf {
        self.dir.path().join("root")
    }

    /// A command for `rctl ARGS` on this store.
    pub fn cmd<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut c = Command::new(bin());
        c.arg("--root")
            .arg(self.root())
            .arg("--runroot")
            .arg(self.dir.path().join("run"))
            .args(args)
            .stdin(Stdio::null());
        // The test's own registries.conf and auth file, never the host's:
        // an empty registries.conf unless the test wrote one.
        let conf = self.dir.path().join("registries.conf");
        if !conf.exists() {
            std::fs::write(&conf, "").unwrap();
        }
        c.env("CONTAINERS_REGISTRIES_CONF", &conf)
            .env("REGISTRY_AUTH_FILE", self.dir.path().join("auth.json"));
        if let Some((uid, gid)) = self.user {
            use std::os::unix::process::CommandExt;
            // Supplementary groups: Command::uid drops them (setgroups(0)) when
            // the parent is root.
            c.uid(uid)
                .gid(gid)
                .env("HOME", self.dir.path())
                .env("XDG_RUNTIME_DIR", self.dir.path().join("xdg-run"))
                .env("USER", ROOTLESS_USER);
        }
        c
    }

    /// Runs `rctl ARGS` and returns what happened.
    pub fn run<I, S>(&self, args: I) -> Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.cmd(args).output().unwrap()
    }

    /// Runs `rctl ARGS`, which must succeed; returns its standard output.
    pub fn ok<I, S>(&self, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let args: Vec<_> = args
            .into_iter()
            .map(|a| a.as_ref().to_os_string())
            .collect();
        let out = self.run(&args);
        assert!(
            out.status.success(),
            "rctl {:?} failed ({}): {}{}",
            args,
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs `rctl ARGS`, which must fail; returns (exit code, standard error).
    pub fn fails<I, S>(&self, args: I) -> (i32, String)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let args: Vec<_> = args
            .into_iter()
            .map(|a| a.as_ref().to_os_string())
            .collect();
        let out = self.run(&args);
        assert!(
            !out.status.success(),
            "rctl {:?} should have failed: {}",
            args,
            String::from_utf8_lossy(&out.stdout)
        );
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    /// Writes `img` as a docker-archive in the test directory and loads it.
    pub fn load(&self, img: &fixtures::Image) -> String {
        let path = self.dir.path().join(format!("load-{}.tar", img.id()));
        fixtures::docker_archive(&path, &[img]);
        self.ok(["load", "-i", path.to_str().unwrap()])
    }

    /// Every file under the store root, relative, sorted: to compare a store
    /// before and after a failed operation.
    pub fn store_files(&self) -> Vec<String> {
        let mut out = Vec::new();
        walk(&self.root(), &self.root(), &mut out);
        out.retain(|p| p != "store.lock");
        out.sort();
        out
    }
}

fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        out.push(p.strip_prefix(base).unwrap().display().to_string());
        if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
            walk(base, &p, out);
        }
    }
}

impl Rctl {
    /// Runs `rctl ARGS` with `input` written to its standard input (from a
    /// thread, so a large input cannot deadlock against the output).
    pub fn run_stdin<I, S>(&self, args: I, input: &[u8]) -> Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        use std::io::Write;
        let mut child = self
            .cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let input = input.to_vec();
        let writer = std::thread::spawn(move || {
            // The command may stop reading early (an error); that is its answer.
            let _ = stdin.write_all(&input);
        });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        out
    }
}

/// The unprivileged user the rootless tests run rctl as (tests/run creates it).
pub const ROOTLESS_USER: &str = "rctltest";

/// uid and gid of [`ROOTLESS_USER`], from /etc/passwd.
pub fn rootless_ids() -> (u32, u32) {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap();
    passwd
        .lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f[0] == ROOTLESS_USER).then(|| (f[2].parse().unwrap(), f[3].parse().unwrap()))
        })
        .unwrap_or_else(|| panic!("user {ROOTLESS_USER} is missing: run the tests with tests/run"))
}

impl Rctl {
    /// A fresh store for rctl run as the unprivileged [`ROOTLESS_USER`]
    /// (rootless: user namespace with its subordinate ids). Commands made by
    /// [`Rctl::cmd`] then run as that user.
    pub fn rootless() -> Rctl {
        let r = Rctl::new();
        let (uid, gid) = rootless_ids();
        std::os::unix::fs::chown(r.dir(), Some(uid), Some(gid)).unwrap();
        std::fs::create_dir(r.dir().join("xdg-run")).unwrap();
        std::os::unix::fs::chown(r.dir().join("xdg-run"), Some(uid), Some(gid)).unwrap();
        let mut r = r;
        r.user = Some((uid, gid));
        r
    }
}

// ---- Rootless tests' helpers (tests/rootless_*.rs) ----

impl Rctl {
    /// Runs `rctl ARGS` like [`Rctl::run`], but fails the test if it has not
    /// finished after `secs` seconds (that rctl process, and only it, is
    /// killed first): a hang becomes a failure instead of a stuck suite.
    pub fn run_within<I, S>(&self, secs: u64, args: I) -> Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let args: Vec<_> = args
            .into_iter()
            .map(|a| a.as_ref().to_os_string())
            .collect();
        let mut cmd = self.cmd(&args);
        let (out, timed_out) = output_within(&mut cmd, secs);
        assert!(
            !timed_out,
            "rctl {args:?} did not finish within {secs}s; it said: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Runs `rctl ARGS` as [`Rctl::run_within`], which must succeed; returns
    /// its standard output.
    pub fn ok_within(&self, secs: u64, args: &[&str]) -> String {
        let out = self.run_within(secs, args);
        assert!(
            out.status.success(),
            "rctl {args:?} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// Runs `cmd` with its output collected, for at most `secs` seconds; past
/// that its process (by pid, nothing else) is killed. Returns the output and
/// whether it timed out.
pub fn output_within(cmd: &mut Command, secs: u64) -> (Output, bool) {
    use std::io::Read;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    let mut timed_out = false;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if std::time::Instant::now() > deadline {
            timed_out = true;
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    // A process the command left behind may still hold the pipes: do not
    // wait for them forever.
    let join = |t: std::thread::JoinHandle<Vec<u8>>| {
        let end = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !t.is_finished() && std::time::Instant::now() < end {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        if t.is_finished() {
            t.join().unwrap()
        } else {
            b"(output still held open by another process)".to_vec()
        }
    };
    let stdout = join(t_out);
    let stderr = join(t_err);
    (
        Output {
            status,
            stdout,
            stderr,
        },
        timed_out,
    )
}

/// A store with the busybox image (`busybox:latest`) loaded, whose containers
/// are all removed (running ones killed) when it is dropped, also when the
/// test fails: no container process outlives its test.
pub struct Busybox(pub Rctl);

impl Busybox {
    /// A fresh store with busybox loaded.
    pub fn new() -> Busybox {
        let r = Rctl::new();
        r.load(&fixtures::busybox(&["busybox:latest"]));
        Busybox(r)
    }
}

impl Default for Busybox {
    fn default() -> Self {
        Self::new()
    }
}

impl std::ops::Deref for Busybox {
    type Target = Rctl;
    fn deref(&self) -> &Rctl {
        &self.0
    }
}

impl Drop for Busybox {
    fn drop(&mut self) {
        let _ = self.0.run(["rm", "-a", "-f"]);
    }
}

/// (exit code, standard output, standard error) of a finished command.
pub fn parts(out: &Output) -> (i32, String, String) {
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Polls `f` until it returns `Some` (every 20 ms); panics after a minute,
/// naming `what`: a guard against hanging, not a time limit being tested.
pub fn eventually<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// `cmd` as one shell word list (each word single-quoted), for `script -c`.
pub fn shell_line(cmd: &Command) -> String {
    let quote = |s: &OsStr| format!("'{}'", s.to_string_lossy().replace('\'', r"'\''"));
    std::iter::once(quote(cmd.get_program()))
        .chain(cmd.get_args().map(quote))
        .collect::<Vec<_>>()
        .join(" ")
}
