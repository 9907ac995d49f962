//! The attach protocol between a container's monitor and its clients (`run`
//! in the foreground, `attach`, `start -a`), over a `SOCK_SEQPACKET` unix
//! socket: one message is one frame, a tag byte then its payload, so no
//! framing of our own is needed.

use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;

use nix::sys::socket::{AddressFamily, MsgFlags, SockFlag, SockType, UnixAddr, recv, send};

/// Largest payload of one frame.
pub const MAX_FRAME: usize = 32 * 1024;

/// One message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Frame {
    /// Client -> monitor: bytes for the container's standard input.
    Stdin(Vec<u8>),
    /// Client -> monitor: the client's input ended; close the container's.
    StdinClose,
    /// Client -> monitor: the client's terminal size.
    Resize {
        /// Rows.
        rows: u16,
        /// Columns.
        cols: u16,
    },
    /// Monitor -> client: the container wrote to standard output (or its terminal).
    Stdout(Vec<u8>),
    /// Monitor -> client: the container wrote to standard error.
    Stderr(Vec<u8>),
    /// Monitor -> client: the container started.
    Started,
    /// Monitor -> client: the container could not start.
    Failed {
        /// The exit code to give (125, 126, 127).
        code: i32,
        /// What went wrong.
        message: String,
    },
    /// Monitor -> client: the container exited with this code.
    Exit(i32),
}

const STDIN: u8 = 0;
const STDIN_CLOSE: u8 = 1;
const RESIZE: u8 = 2;
const STDOUT: u8 = 3;
const STDERR: u8 = 4;
const STARTED: u8 = 5;
const FAILED: u8 = 6;
const EXIT: u8 = 7;

impl Frame {
    /// The frame as bytes.
    pub fn encode(&self) -> Vec<u8> {
        let (tag, body): (u8, Vec<u8>) = match self {
            Frame::Stdin(d) => (STDIN, d.clone()),
            Frame::StdinClose => (STDIN_CLOSE, Vec::new()),
            Frame::Resize { rows, cols } => {
                (RESIZE, [rows.to_le_bytes(), cols.to_le_bytes()].concat())
            }
            Frame::Stdout(d) => (STDOUT, d.clone()),
            Frame::Stderr(d) => (STDERR, d.clone()),
            Frame::Started => (STARTED, Vec::new()),
            Frame::Failed { code, message } => (
                FAILED,
                [&code.to_le_bytes()[..], message.as_bytes()].concat(),
            ),
            Frame::Exit(c) => (EXIT, c.to_le_bytes().to_vec()),
        };
        let mut out = Vec::with_capacity(body.len() + 1);
        out.push(tag);
        out.extend_from_slice(&body);
        out
    }

    /// Parses a frame; `None` for an unknown or short one.
    pub fn decode(b: &[u8]) -> Option<Frame> {
        let (tag, body) = b.split_first()?;
        let i32_at = |s: &[u8]| {
            s.get(..4)
                .map(|x| i32::from_le_bytes(x.try_into().expect("four bytes")))
        };
        Some(match *tag {
            STDIN => Frame::Stdin(body.to_vec()),
            STDIN_CLOSE => Frame::StdinClose,
            RESIZE if body.len() >= 4 => Frame::Resize {
                rows: u16::from_le_bytes([body[0], body[1]]),
                cols: u16::from_le_bytes([body[2], body[3]]),
            },
            STDOUT => Frame::Stdout(body.to_vec()),
            STDERR => Frame::Stderr(body.to_vec()),
            STARTED => Frame::Started,
            FAILED => Frame::Failed {
                code: i32_at(body)?,
                message: String::from_utf8_lossy(&body[4..]).into_owned(),
            },
            EXIT => Frame::Exit(i32_at(body)?),
            _ => return None,
        })
    }
}

/// Sends `f` on `sock`.
pub fn send_frame(sock: &OwnedFd, f: &Frame) -> io::Result<()> {
    loop {
        match send(sock.as_raw_fd(), &f.encode(), MsgFlags::MSG_NOSIGNAL) {
            Err(nix::errno::Errno::EINTR) => continue,
            r => return r.map(drop).map_err(io::Error::from),
        }
    }
}

/// Receives a frame; `Ok(None)` when the peer closed the socket.
pub fn recv_frame(sock: &OwnedFd) -> io::Result<Option<Frame>> {
    let mut buf = vec![0u8; MAX_FRAME + 16];
    loop {
        match recv(sock.as_raw_fd(), &mut buf, MsgFlags::empty()) {
            // A peer that closed with frames of ours unread leaves a pending
            // ECONNRESET, reported (once) before the frames it sent last:
            // read on, those frames (its exit code) still matter.
            Err(nix::errno::Errno::EINTR | nix::errno::Errno::ECONNRESET) => continue,
            Err(e) => return Err(e.into()),
            Ok(0) => return Ok(None),
            Ok(n) => {
                return Frame::decode(&buf[..n])
                    .map(Some)
                    .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "bad attach frame"));
            }
        }
    }
}

/// A socket address for `path`, even when the path is longer than a socket
/// address can hold: the directory is opened and named through /proc.
fn address(dir: &OwnedFd, name: &str) -> io::Result<UnixAddr> {
    UnixAddr::new(format!("/proc/self/fd/{}/{name}", dir.as_raw_fd()).as_str())
        .map_err(io::Error::from)
}

/// Listens on the socket `name` in directory `dir`.
pub fn listen(dir: &Path, name: &str) -> io::Result<OwnedFd> {
    let d: OwnedFd = std::fs::File::open(dir)?.into();
    let _ = std::fs::remove_file(dir.join(name));
    let sock = nix::sys::socket::socket(
        AddressFamily::Unix,
        SockType::SeqPacket,
        SockFlag::SOCK_CLOEXEC | SockFlag::SOCK_NONBLOCK,
        None,
    )?;
    nix::sys::socket::bind(sock.as_raw_fd(), &address(&d, name)?)?;
    nix::sys::socket::listen(
        &sock,
        nix::sys::socket::Backlog::new(16).expect("small backlog"),
    )?;
    Ok(sock)
}

/// Connects to the socket `name` in directory `dir`.
pub fn connect(dir: &Path, name: &str) -> io::Result<OwnedFd> {
    let d: OwnedFd = std::fs::File::open(dir)?.into();
    let sock = nix::sys::socket::socket(
        AddressFamily::Unix,
        SockType::SeqPacket,
        SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    nix::sys::socket::connect(sock.as_raw_fd(), &address(&d, name)?)?;
    Ok(sock)
}

/// Parses `--detach-keys` (`ctrl-p,ctrl-q`, `a,ctrl-@`) into bytes; an empty
/// string turns detaching off.
pub fn parse_detach_keys(s: &str) -> Result<Vec<u8>, String> {
    if s.is_empty() {
        return Ok(Vec::new());
    }
    s.split(',')
        .map(|k| {
            if let Some(c) = k.strip_prefix("ctrl-") {
                match c.as_bytes() {
                    [b'@'] => Ok(0),
                    [ch] if ch.is_ascii_alphabetic() => Ok(ch.to_ascii_lowercase() - b'a' + 1),
                    [b'['] => Ok(27),
                    [b'\\'] => Ok(28),
                    [b']'] => Ok(29),
                    [b'^'] => Ok(30),
                    [b'_'] => Ok(31),
                    _ => Err(format!("invalid detach key {k:?}")),
                }
            } else if k.len() == 1 {
                Ok(k.as_bytes()[0])
            } else {
                Err(format!("invalid detach key {k:?}"))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip() {
        for f in [
            Frame::Stdin(b"abc".to_vec()),
            Frame::StdinClose,
            Frame::Resize { rows: 24, cols: 80 },
            Frame::Stdout(vec![0, 1, 2]),
            Frame::Stderr(Vec::new()),
            Frame::Started,
            Frame::Failed {
                code: 127,
                message: "nope".into(),
            },
            Frame::Exit(-3),
        ] {
            assert_eq!(Frame::decode(&f.encode()), Some(f));
        }
        assert_eq!(Frame::decode(&[99]), None);
        assert_eq!(Frame::decode(&[]), None);
    }

    #[test]
    fn detach_keys() {
        assert_eq!(parse_detach_keys("ctrl-p,ctrl-q").unwrap(), [16, 17]);
        assert_eq!(parse_detach_keys("a,ctrl-@").unwrap(), [b'a', 0]);
        assert!(parse_detach_keys("ctrl-pp").is_err());
        assert!(parse_detach_keys("").unwrap().is_empty());
    }
}
