//! A network namespace of a test's own: a `sleep` child made by
//! `unshare --net`, killed by its pid when dropped, which takes the namespace
//! and every interface in it away. Made inside the namespace tests/run
//! provides, so nothing here touches the host's own network.

use std::os::fd::AsRawFd;
use std::process::{Child, Command, Output, Stdio};

use std::thread;
use std::time::{Duration, Instant};

/// A process in a new network namespace.
pub struct Netns {
    child: Child,
}

impl Netns {
    /// A new namespace; `None` (with a note) when not root.
    pub fn new() -> Option<Netns> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            eprintln!("skipped: needs root (run through tests/run)");
            return None;
        }
        let child = Command::new("unshare")
            .args(["--net", "sleep", "600"])
            .stdin(Stdio::null())
            .spawn()
            .expect("spawn unshare --net sleep 600");
        let ns = Netns { child };
        // unshare execs sleep after entering the namespace: wait for that.
        let ours = std::fs::read_link("/proc/self/ns/net").unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        while std::fs::read_link(format!("/proc/{}/ns/net", ns.pid())).ok() == Some(ours.clone()) {
            assert!(Instant::now() < deadline, "child never entered a new netns");
            thread::sleep(Duration::from_millis(5));
        }
        Some(ns)
    }

    /// The pid of the process holding the namespace.
    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// Runs `f` on a thread that has joined the namespace.
    pub fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> T {
        let path = format!("/proc/{}/ns/net", self.pid());
        thread::spawn(move || {
            let ns = std::fs::File::open(path).unwrap();
            // SAFETY: setns on an open namespace fd affects this thread only.
            assert_eq!(
                unsafe { libc::setns(ns.as_raw_fd(), libc::CLONE_NEWNET) },
                0
            );
            f()
        })
        .join()
        .expect("thread in the namespace panicked")
    }

    /// A command that runs `args` inside the namespace (through nsenter).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new("nsenter");
        c.args(["-t", &self.pid().to_string(), "-n", "--"])
            .args(args);
        c
    }

    /// Runs `args` inside the namespace; panics unless it succeeds.
    pub fn ok(&self, args: &[&str]) -> Output {
        let out = self.command(args).output().expect("run nsenter");
        assert!(
            out.status.success(),
            "{args:?} in the namespace: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Links this namespace to the caller's with a veth pair: `host_end`
    /// (here, `HOST_IP/24`) and `eth0` there (`NS_IP/24`), both up, with
    /// loopback up inside. The pair goes with the namespace.
    pub fn link(&self, host_end: &str, host_ip: &str, ns_ip: &str) {
        let pid = self.pid().to_string();
        let ip = |args: &[&str]| {
            let out = Command::new("ip").args(args).output().expect("run ip");
            assert!(
                out.status.success(),
                "ip {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        ip(&[
            "link", "add", host_end, "type", "veth", "peer", "name", "eth0", "netns", &pid,
        ]);
        ip(&["addr", "add", &format!("{host_ip}/24"), "dev", host_end]);
        ip(&["link", "set", host_end, "up"]);
        self.ok(&["ip", "addr", "add", &format!("{ns_ip}/24"), "dev", "eth0"]);
        self.ok(&["ip", "link", "set", "eth0", "up"]);
        self.ok(&["ip", "link", "set", "lo", "up"]);
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A child process (a server a test started) killed by its pid and reaped
/// when dropped, also when the test fails.
pub struct Killed(Option<Child>);

impl Killed {
    /// Takes charge of `child`.
    pub fn new(child: Child) -> Killed {
        Killed(Some(child))
    }

    /// Kills it now; returns what it wrote (its piped streams).
    pub fn finish(mut self) -> Output {
        let mut c = self.0.take().expect("not finished yet");
        let _ = c.kill();
        c.wait_with_output().expect("reaping the child")
    }
}

impl Drop for Killed {
    fn drop(&mut self) {
        if let Some(c) = &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Every nftables rule of this (the test's) network namespace, as `nft`
/// lists them.
pub fn nft_ruleset() -> String {
    let out = Command::new("nft")
        .args(["list", "ruleset"])
        .output()
        .expect("run nft");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
