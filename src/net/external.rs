//! `--network slirp4netns` and `--network pasta`: the user-mode network
//! programs podman uses, started by the container's parent when asked for by
//! name and installed. rctl's own stack ([`super::private`]) needs neither;
//! these are for users who depend on one's behaviour (pasta copies the
//! host's addresses and routes; slirp4netns has its API socket, IPv6).
//!
//! `slirp4netns` not installed is served by rctl's own stack, which takes
//! the same options, so podman scripts keep working; `pasta` not installed
//! is an error, as nothing else behaves like it.
//!
//! The program lives as long as the [`Helper`]: slirp4netns ends when its
//! exit pipe closes, pasta (which puts itself in the background once the
//! namespace is configured) is killed by its pid, through a pidfd.

use std::io::{self, Read};
use std::net::Ipv4Addr;
use std::os::fd::{AsRawFd, OwnedFd};
use std::process::{Child, Command, Stdio};

use super::network::NetError;

/// A helper program a network mode names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum External {
    /// slirp4netns, with the flags its options give.
    Slirp4netns {
        /// 10.0.2.2 reaches the host's loopback.
        allow_host_loopback: bool,
        /// `--mtu`.
        mtu: u32,
        /// `--cidr`, when not 10.0.2.0/24.
        cidr: Option<String>,
        /// `--enable-ipv6`.
        enable_ipv6: bool,
    },
    /// pasta, with these extra arguments (podman's `pasta:ARG,ARG`).
    Pasta(Vec<String>),
}

impl External {
    /// The container's, the gateway's and the DNS forwarder's addresses
    /// (slirp4netns: .100, .2 and .3 of its network); `None` for pasta,
    /// which copies the host's.
    pub fn slirp_addresses(&self) -> Option<(Ipv4Addr, Ipv4Addr, Ipv4Addr)> {
        let External::Slirp4netns { cidr, .. } = self else {
            return None;
        };
        let base = cidr
            .as_deref()
            .and_then(|c| c.parse::<ipnetwork::Ipv4Network>().ok())
            .map_or(Ipv4Addr::new(10, 0, 2, 0), |n| n.network());
        let at = |k: u32| Ipv4Addr::from(u32::from(base) + k);
        Some((at(100), at(2), at(3)))
    }
}

/// Whether `program` is on PATH.
pub fn installed(program: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|d| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(d.join(program))
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    })
}

/// The helper `mode` names, if it names one (`None` for other modes, and
/// for `slirp4netns` when it is not installed: rctl's own stack serves).
pub fn parse(mode: &str) -> Option<Result<External, NetError>> {
    let (name, options) = mode.split_once(':').unwrap_or((mode, ""));
    let options = options.split(',').filter(|s| !s.is_empty());
    match name {
        "pasta" => Some(if installed("pasta") {
            Ok(External::Pasta(options.map(String::from).collect()))
        } else {
            Err(NetError::Invalid(
                "--network pasta: pasta is not installed (Debian: apt install passt); --network private needs no helper".into(),
            ))
        }),
        "slirp4netns" if installed("slirp4netns") => Some(slirp4netns(mode, options)),
        _ => None,
    }
}

fn slirp4netns<'a>(
    mode: &str,
    options: impl Iterator<Item = &'a str>,
) -> Result<External, NetError> {
    let mut allow_host_loopback = false;
    let mut mtu = 65520;
    let mut cidr = None;
    let mut enable_ipv6 = false;
    let bad = |opt: &str| {
        NetError::Invalid(format!(
            "network mode {mode:?}: unknown or invalid option {opt:?} \
             (allow_host_loopback=, enable_ipv6=, mtu=, cidr=)"
        ))
    };
    for opt in options {
        match opt.split_once('=') {
            Some(("allow_host_loopback", v @ ("true" | "false"))) => {
                allow_host_loopback = v == "true";
            }
            Some(("enable_ipv6", v @ ("true" | "false"))) => enable_ipv6 = v == "true",
            Some(("mtu", v)) => mtu = v.parse().map_err(|_| bad(opt))?,
            Some(("cidr", v)) if v.parse::<ipnetwork::Ipv4Network>().is_ok() => {
                cidr = Some(v.to_string());
            }
            // podman's port handler choice: rctl's forwarder serves either way.
            Some(("port_handler", "rootlesskit" | "slirp4netns")) => {}
            _ => return Err(bad(opt)),
        }
    }
    Ok(External::Slirp4netns {
        allow_host_loopback,
        mtu,
        cidr,
        enable_ipv6,
    })
}

/// A running helper; dropping it ends the program.
#[derive(Debug)]
pub struct Helper {
    child: Option<Child>,
    /// slirp4netns's exit pipe: closing it ends the program.
    exit: Option<OwnedFd>,
    /// The backgrounded pasta.
    pidfd: Option<OwnedFd>,
}

impl Drop for Helper {
    fn drop(&mut self) {
        self.exit.take();
        if let Some(fd) = &self.pidfd {
            // pasta blocks SIGTERM (it reads signals it cares about from a
            // signalfd) and keeps running: only SIGKILL ends it.
            let _ = crate::container::ops::send(fd, nix::sys::signal::Signal::SIGKILL);
        }
        if let Some(mut c) = self.child.take() {
            let _ = c.wait();
        }
    }
}

fn failed(program: &str, what: String) -> NetError {
    NetError::Invalid(format!("{program}: {what}"))
}

/// What `child` wrote on standard error, for an error message.
fn stderr_of(child: &mut Child) -> String {
    let mut s = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut s);
    }
    s.trim().replace('\n', "; ")
}

/// Starts the helper `x` for the container whose first process is `pid`
/// (in a network namespace of its own); returns once its interface is up.
pub fn start(pid: i32, x: &External) -> Result<Helper, NetError> {
    match x {
        External::Slirp4netns { .. } => start_slirp4netns(pid, x),
        External::Pasta(args) => start_pasta(pid, args),
    }
}

fn start_slirp4netns(pid: i32, x: &External) -> Result<Helper, NetError> {
    let External::Slirp4netns {
        allow_host_loopback,
        mtu,
        cidr,
        enable_ipv6,
    } = x
    else {
        unreachable!("called for slirp4netns only")
    };
    let io_err = |what: &str| {
        let what = what.to_string();
        move |e: io::Error| failed("slirp4netns", format!("{what}: {e}"))
    };
    // Both pipes are close-on-exec; the child gets its ends as fds 3 and 4.
    let (ready_r, ready_w) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC)
        .map_err(|e| io_err("pipe")(e.into()))?;
    let (exit_r, exit_w) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC)
        .map_err(|e| io_err("pipe")(e.into()))?;
    let mut cmd = Command::new("slirp4netns");
    cmd.args(["--configure", "--ready-fd=3", "--exit-fd=4"])
        .arg(format!("--mtu={mtu}"));
    if !allow_host_loopback {
        cmd.arg("--disable-host-loopback");
    }
    if let Some(c) = cidr {
        cmd.arg(format!("--cidr={c}"));
    }
    if *enable_ipv6 {
        cmd.arg("--enable-ipv6");
    }
    cmd.arg(pid.to_string())
        .arg("tap0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let (ready_fd, exit_fd) = (ready_w.as_raw_fd(), exit_r.as_raw_fd());
    // SAFETY: between fork and exec only dup2, which is async-signal-safe;
    // dup2 onto 3 and 4 clears close-on-exec on the copies alone.
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(move || {
            if libc::dup2(ready_fd, 3) < 0 || libc::dup2(exit_fd, 4) < 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().map_err(io_err("starting it"))?;
    drop(ready_w);
    drop(exit_r);
    // "1" once tap0 is configured; end of file if it failed first.
    let mut ready = std::fs::File::from(ready_r);
    let mut byte = [0u8; 1];
    let n = ready.read(&mut byte).map_err(io_err("waiting for it"))?;
    if n == 0 {
        drop(exit_w);
        let _ = child.wait();
        let why = stderr_of(&mut child);
        return Err(failed(
            "slirp4netns",
            format!("it exited before configuring tap0: {why}"),
        ));
    }
    // Its later messages are not read: nothing may block it on a full pipe.
    drop(child.stderr.take());
    Ok(Helper {
        child: Some(child),
        exit: Some(exit_w),
        pidfd: None,
    })
}

fn start_pasta(pid: i32, args: &[String]) -> Result<Helper, NetError> {
    let dir = tempfile_dir().map_err(|e| failed("pasta", format!("a pid file: {e}")))?;
    let pidfile = dir.join("pasta.pid");
    // pasta started as root changes to nobody before it joins the
    // namespace, and nobody may not open another user's /proc/PID/ns/net:
    // it is given the namespace open, as its fd 3, and joins only that (this
    // process already is in the container's user namespace).
    let netns = std::fs::File::open(format!("/proc/{pid}/ns/net")).map_err(|e| {
        failed(
            "pasta",
            format!("opening the container's network namespace: {e}"),
        )
    })?;
    let netns_fd = netns.as_raw_fd();
    let mut cmd = Command::new("pasta");
    // Ports are rctl's forwarder's; pasta forwards none of its own unless
    // the user's arguments ask it to.
    cmd.args([
        "--config-net",
        "--quiet",
        "--netns",
        "/proc/self/fd/3",
        "--netns-only",
    ]);
    for (flag, default) in [
        ("-t", "none"),
        ("-u", "none"),
        ("-T", "none"),
        ("-U", "none"),
    ] {
        if !args.iter().any(|a| a == flag) {
            cmd.args([flag, default]);
        }
    }
    cmd.args(args)
        .arg("--pid")
        .arg(&pidfile)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // SAFETY: between fork and exec only dup2, which is async-signal-safe.
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(move || {
            if libc::dup2(netns_fd, 3) < 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
    // pasta configures the namespace, then goes to the background: the
    // program we started exits, and the pid file names the one that serves.
    let mut child = cmd
        .spawn()
        .map_err(|e| failed("pasta", format!("starting it: {e}")))?;
    drop(netns);
    let status = child
        .wait()
        .map_err(|e| failed("pasta", format!("waiting for it: {e}")))?;
    if !status.success() {
        let why = stderr_of(&mut child);
        let _ = std::fs::remove_dir_all(&dir);
        // Run by root, pasta (Debian's of 2023, at least) sandboxes itself
        // in a user namespace of its own before it joins the container's,
        // from which the host's root-owned namespaces are out of reach.
        let hint = if crate::rootless::in_userns() || !nix::unistd::geteuid().is_root() {
            ""
        } else {
            " (pasta serves rootless containers; as root use --network bridge, the default, or private)"
        };
        return Err(failed("pasta", format!("{status}: {why}{hint}")));
    }
    let text = std::fs::read_to_string(&pidfile);
    let _ = std::fs::remove_dir_all(&dir);
    let served = text
        .ok()
        .and_then(|t| t.trim().parse::<i32>().ok())
        .ok_or_else(|| failed("pasta", "it wrote no pid file".into()))?;
    let start = crate::storage::containers::process_start(served).unwrap_or(0);
    let pidfd = crate::container::ops::pidfd_for(served, start)
        .ok_or_else(|| failed("pasta", "it exited right after starting".into()))?;
    Ok(Helper {
        child: None,
        exit: None,
        pidfd: Some(pidfd),
    })
}

/// A private directory for pasta's pid file.
fn tempfile_dir() -> io::Result<std::path::PathBuf> {
    let base = std::env::var_os("XDG_RUNTIME_DIR")
        .map(std::path::PathBuf::from)
        .filter(|p| p.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    let d = base.join(format!("rctl-pasta-{}", std::process::id()));
    std::fs::create_dir_all(&d)?;
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slirp4netns_options() {
        let x = slirp4netns(
            "m",
            "allow_host_loopback=true,mtu=1500,cidr=10.5.0.0/24".split(','),
        )
        .unwrap();
        assert_eq!(
            x,
            External::Slirp4netns {
                allow_host_loopback: true,
                mtu: 1500,
                cidr: Some("10.5.0.0/24".into()),
                enable_ipv6: false
            }
        );
        let e = slirp4netns("m", ["mtu=big"].into_iter())
            .unwrap_err()
            .to_string();
        assert!(e.contains("mtu=big"), "{e}");
    }
}
