//! The client side of attach: relays the user's terminal or pipes to a
//! container's monitor, puts the terminal in raw mode (and back), passes on
//! window size changes and signals, and watches for the detach keys.

use std::io::{self, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::termios::{self, SetArg, Termios};

use super::attach::{self, Frame};

/// How to attach.
#[derive(Clone, Debug)]
pub struct SessionOptions {
    /// The container has a terminal.
    pub tty: bool,
    /// Send our standard input.
    pub stdin: bool,
    /// Print the container's standard output.
    pub stdout: bool,
    /// Print the container's standard error.
    pub stderr: bool,
    /// Key sequence that detaches (empty: none).
    pub detach_keys: Vec<u8>,
}

/// How a session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The container exited with this code.
    Exited(i32),
    /// The user detached; the container runs on.
    Detached,
    /// The container did not start.
    Failed(i32, String),
    /// The monitor went away without telling.
    Lost,
}

/// Puts a terminal in raw mode for as long as it lives.
struct RawMode {
    fd: OwnedFd,
    saved: Termios,
}

impl RawMode {
    fn enter(fd: BorrowedFd<'_>) -> Option<RawMode> {
        let saved = termios::tcgetattr(fd).ok()?;
        let mut raw = saved.clone();
        termios::cfmakeraw(&mut raw);
        termios::tcsetattr(fd, SetArg::TCSANOW, &raw).ok()?;
        Some(RawMode {
            fd: fd.try_clone_to_owned().ok()?,
            saved,
        })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = termios::tcsetattr(&self.fd, SetArg::TCSANOW, &self.saved);
    }
}

/// The size of the terminal on `fd`, if it is one.
pub fn window_size(fd: BorrowedFd<'_>) -> Option<(u16, u16)> {
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes a winsize into the struct we own.
    let rc = unsafe { libc::ioctl(fd.as_raw_fd(), libc::TIOCGWINSZ, &mut ws) };
    (rc == 0 && ws.ws_row > 0).then_some((ws.ws_row, ws.ws_col))
}

/// The size of our terminal (standard input's, else standard output's).
pub fn our_window_size() -> Option<(u16, u16)> {
    window_size(io::stdin().as_fd()).or_else(|| window_size(io::stdout().as_fd()))
}

/// Signals a non-terminal session passes on (through `on_signal`).
fn proxied() -> SigSet {
    let mut s = super::lifecycle::forwarded_signals();
    s.add(Signal::SIGWINCH);
    s
}

/// Relays between our standard streams and the monitor on `sock` until the
/// container exits or the user detaches. `on_signal` is called with signals
/// rctl receives (to send them to the container).
pub fn run(
    sock: OwnedFd,
    opts: &SessionOptions,
    on_signal: &dyn Fn(Signal),
) -> io::Result<Outcome> {
    let stdin = io::stdin();
    let stdin_fd = stdin.as_fd();
    let _raw = if opts.tty && opts.stdin {
        RawMode::enter(stdin_fd)
    } else {
        None
    };
    if opts.tty
        && let Some((rows, cols)) =
            window_size(stdin_fd).or_else(|| window_size(io::stdout().as_fd()))
    {
        attach::send_frame(&sock, &Frame::Resize { rows, cols })?;
    }
    let signals = proxied();
    signals.thread_block().map_err(io::Error::from)?;
    let sfd = SignalFd::with_flags(&signals, SfdFlags::SFD_CLOEXEC)?;
    let result = relay(&sock, opts, &sfd, on_signal);
    let _ = signals.thread_unblock();
    result
}

fn relay(
    sock: &OwnedFd,
    opts: &SessionOptions,
    sfd: &SignalFd,
    on_signal: &dyn Fn(Signal),
) -> io::Result<Outcome> {
    let stdin = io::stdin();
    let mut stdin_open = opts.stdin;
    let mut held: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; attach::MAX_FRAME];
    loop {
        let mut fds = vec![
            PollFd::new(sock.as_fd(), PollFlags::POLLIN),
            PollFd::new(sfd.as_fd(), PollFlags::POLLIN),
        ];
        if stdin_open {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        match poll(&mut fds, PollTimeout::NONE) {
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(e.into()),
            Ok(_) => {}
        }
        let ready = |i: usize| {
            fds.get(i)
                .and_then(|f| f.revents())
                .is_some_and(|r| !r.is_empty())
        };
        let (sock_ready, sig_ready, in_ready) = (ready(0), ready(1), ready(2));
        drop(fds);
        if sock_ready {
            match attach::recv_frame(sock)? {
                None => return Ok(Outcome::Lost),
                Some(Frame::Stdout(d)) if opts.stdout => write_out(&mut io::stdout(), &d)?,
                Some(Frame::Stderr(d)) if opts.stderr => write_out(&mut io::stderr(), &d)?,
                Some(Frame::Exit(c)) => return Ok(Outcome::Exited(c)),
                Some(Frame::Failed { code, message }) => return Ok(Outcome::Failed(code, message)),
                Some(_) => {}
            }
        }
        if sig_ready && let Ok(Some(info)) = sfd.read_signal() {
            match Signal::try_from(info.ssi_signo as i32) {
                Ok(Signal::SIGWINCH) => {
                    if let Some((rows, cols)) = window_size(stdin.as_fd()) {
                        attach::send_frame(sock, &Frame::Resize { rows, cols })?;
                    }
                }
                Ok(s) => on_signal(s),
                Err(_) => {}
            }
        }
        if in_ready {
            match nix::unistd::read(stdin.as_fd(), &mut buf) {
                Ok(0) | Err(nix::errno::Errno::EIO) => {
                    stdin_open = false;
                    // The monitor may be gone already: its last frames are
                    // still to be read, so a failed send is not the end.
                    let _ = attach::send_frame(sock, &Frame::StdinClose);
                }
                Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => {}
                Err(e) => return Err(e.into()),
                Ok(n) => {
                    let (data, detach) = scan_detach(&opts.detach_keys, &mut held, &buf[..n]);
                    if !data.is_empty() && attach::send_frame(sock, &Frame::Stdin(data)).is_err() {
                        // Nobody takes input any more (see StdinClose above).
                        stdin_open = false;
                    }
                    if detach {
                        return Ok(Outcome::Detached);
                    }
                }
            }
        }
    }
}

/// Relays our terminal to a process's terminal `master` (for `exec -t`,
/// where rctl is the process's parent) until the process behind `pidfd`
/// exits and its output is drained.
pub fn relay_pty(master: &OwnedFd, pidfd: &OwnedFd, stdin_open: bool) -> io::Result<()> {
    let stdin = io::stdin();
    let _raw = if stdin_open {
        RawMode::enter(stdin.as_fd())
    } else {
        None
    };
    if let Some((rows, cols)) =
        window_size(stdin.as_fd()).or_else(|| window_size(io::stdout().as_fd()))
    {
        super::monitor::set_winsize(master, rows, cols);
    }
    let mut winch = SigSet::empty();
    winch.add(Signal::SIGWINCH);
    winch.thread_block().map_err(io::Error::from)?;
    let sfd = SignalFd::with_flags(&winch, SfdFlags::SFD_CLOEXEC)?;
    let mut stdin_open = stdin_open;
    let mut exited = false;
    let mut buf = vec![0u8; attach::MAX_FRAME];
    let result = loop {
        let mut fds = vec![
            PollFd::new(master.as_fd(), PollFlags::POLLIN),
            PollFd::new(sfd.as_fd(), PollFlags::POLLIN),
            PollFd::new(pidfd.as_fd(), PollFlags::POLLIN),
        ];
        if stdin_open {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        // Once the process is gone, only what is left in the terminal is read.
        let timeout = if exited {
            PollTimeout::ZERO
        } else {
            PollTimeout::NONE
        };
        match poll(&mut fds, timeout) {
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => break Err(e.into()),
            Ok(0) => break Ok(()),
            Ok(_) => {}
        }
        let ready = |i: usize| {
            fds.get(i)
                .and_then(|f| f.revents())
                .is_some_and(|r| !r.is_empty())
        };
        let (out_ready, sig_ready, exit_ready, in_ready) = (ready(0), ready(1), ready(2), ready(3));
        drop(fds);
        if out_ready {
            match nix::unistd::read(master, &mut buf) {
                Ok(0) | Err(nix::errno::Errno::EIO) => break Ok(()),
                Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => {}
                Err(e) => break Err(e.into()),
                Ok(n) => write_out(&mut io::stdout(), &buf[..n])?,
            }
        }
        if sig_ready
            && sfd.read_signal().is_ok()
            && let Some((rows, cols)) = window_size(stdin.as_fd())
        {
            super::monitor::set_winsize(master, rows, cols);
        }
        if exit_ready {
            exited = true;
        }
        if in_ready {
            match nix::unistd::read(stdin.as_fd(), &mut buf) {
                Ok(0) | Err(nix::errno::Errno::EIO) => stdin_open = false,
                Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => {}
                Err(e) => break Err(e.into()),
                Ok(n) => {
                    let _ = nix::unistd::write(master, &buf[..n]);
                }
            }
        }
    };
    let _ = winch.thread_unblock();
    result
}

/// Relays our standard streams to the pipes of `p` (our child, started with
/// pipes because our streams are a terminal it must not have), passing on
/// `signals` (blocked by the caller), until its output ends and it exits.
pub fn relay_pipes(p: &mut super::launch::Process, signals: &SigSet) -> io::Result<()> {
    let sfd = SignalFd::with_flags(signals, SfdFlags::SFD_CLOEXEC)?;
    let stdin = io::stdin();
    let mut input = p.stdin.take();
    let mut outputs: Vec<(OwnedFd, bool)> = Vec::new();
    outputs.extend(p.stdout.take().map(|f| (f, false)));
    outputs.extend(p.stderr.take().map(|f| (f, true)));
    let mut buf = vec![0u8; attach::MAX_FRAME];
    while !outputs.is_empty() {
        let mut fds: Vec<PollFd> = outputs
            .iter()
            .map(|(f, _)| PollFd::new(f.as_fd(), PollFlags::POLLIN))
            .collect();
        fds.push(PollFd::new(sfd.as_fd(), PollFlags::POLLIN));
        if input.is_some() {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        match poll(&mut fds, PollTimeout::NONE) {
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(e.into()),
            Ok(_) => {}
        }
        let ready: Vec<bool> = fds
            .iter()
            .map(|f| f.revents().is_some_and(|r| !r.is_empty()))
            .collect();
        drop(fds);
        let n_out = outputs.len();
        let mut closed = Vec::new();
        for i in 0..n_out {
            if !ready[i] {
                continue;
            }
            match nix::unistd::read(&outputs[i].0, &mut buf) {
                Ok(0) => closed.push(i),
                Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => {}
                Err(e) => return Err(e.into()),
                Ok(n) if outputs[i].1 => write_out(&mut io::stderr(), &buf[..n])?,
                Ok(n) => write_out(&mut io::stdout(), &buf[..n])?,
            }
        }
        for i in closed.into_iter().rev() {
            outputs.remove(i);
        }
        if ready[n_out]
            && let Ok(Some(info)) = sfd.read_signal()
            && let Ok(sig) = Signal::try_from(info.ssi_signo as i32)
        {
            let _ = nix::sys::signal::kill(p.pid, sig);
        }
        if ready.get(n_out + 1).copied().unwrap_or(false) {
            match nix::unistd::read(stdin.as_fd(), &mut buf) {
                Ok(0) | Err(nix::errno::Errno::EIO) => input = None,
                Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => {}
                Err(e) => return Err(e.into()),
                Ok(n) => {
                    if let Some(w) = &input
                        && nix::unistd::write(w, &buf[..n]).is_err()
                    {
                        input = None;
                    }
                }
            }
        }
    }
    Ok(())
}

fn write_out(w: &mut impl Write, d: &[u8]) -> io::Result<()> {
    w.write_all(d)?;
    w.flush()
}

/// Passes `input` through, holding back a possible start of the detach
/// sequence `keys` in `held`; returns what to send and whether the whole
/// sequence was typed.
fn scan_detach(keys: &[u8], held: &mut Vec<u8>, input: &[u8]) -> (Vec<u8>, bool) {
    if keys.is_empty() {
        return (input.to_vec(), false);
    }
    let mut out = Vec::with_capacity(input.len());
    for &b in input {
        if b == keys[held.len()] {
            held.push(b);
            if held.len() == keys.len() {
                held.clear();
                return (out, true);
            }
        } else {
            out.append(held);
            if b == keys[0] {
                held.push(b);
            } else {
                out.push(b);
            }
        }
    }
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detach_sequence() {
        let keys = [16, 17];
        let mut held = Vec::new();
        assert_eq!(
            scan_detach(&keys, &mut held, b"ab"),
            (b"ab".to_vec(), false)
        );
        assert_eq!(
            scan_detach(&keys, &mut held, &[b'x', 16]),
            (b"x".to_vec(), false)
        );
        assert_eq!(
            scan_detach(&keys, &mut held, &[17, b'z']),
            (Vec::new(), true)
        );
        let mut held = Vec::new();
        assert_eq!(
            scan_detach(&keys, &mut held, &[16, b'a']),
            (vec![16, b'a'], false)
        );
        assert_eq!(
            scan_detach(&[], &mut held, &[16, 17]),
            (vec![16, 17], false)
        );
    }
}
