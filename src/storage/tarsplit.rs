//! Bit-exact layer tarballs from unpacked layers ("tar-split").
//!
//! While a layer is unpacked, every byte of its uncompressed tar stream that is
//! not the content of a regular file (headers, padding, link names, the end
//! marker) is recorded in a small zstd-compressed "skeleton", and each file's
//! content is replaced by a reference to the file in the layer. Reading the
//! skeleton back while splicing in the files from disk reproduces the original
//! stream byte for byte, so its sha256 is the layer's DiffID again: `save` and
//! `push` keep image ids and digests stable, and `system check` can verify a
//! layer's content against its DiffID without keeping a second copy of it.
//!
//! Skeleton records: `0, u32 len, bytes` (raw stream bytes) and
//! `1, u64 size, u32 len, path` (a file's content, read from `path` under the
//! layer directory). Both integers are little-endian.
//!
//! A tar may replace a file it wrote earlier (the same path twice, or a file
//! later turned into a directory). The unpacker then moves the earlier file
//! aside instead of deleting it and records the move ([`Recorder::relocate`]):
//! for each such path, the places its earlier contents went, in order. The
//! rebuild gives the n-th record of a path its n-th move, and the last record
//! the path itself. Only these rare moves are remembered, so unpacking takes
//! the same memory whatever the number of files.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::{atomic, beneath};

const RAW: u8 = 0;
const FILE: u8 = 1;
const RAW_CHUNK: usize = 64 * 1024;

/// Records a tar stream's skeleton; shared between the [`Recording`] reader the
/// tar parser reads through and the unpacker that marks file contents.
pub struct Recorder {
    out: zstd::Encoder<'static, File>,
    moves_path: PathBuf,
    /// Path of a file record -> where its earlier contents were moved, in order.
    moves: BTreeMap<Vec<u8>, Vec<Vec<u8>>>,
    raw: Vec<u8>,
    /// Stream offset of the next byte the tar parser will read.
    pos: u64,
    /// Stream range `[start, end)` holding the file content being skipped.
    skip: (u64, u64),
}

/// A shared handle to a [`Recorder`].
pub type SharedRecorder = Rc<RefCell<Recorder>>;

impl Recorder {
    /// Starts a skeleton written to `skeleton`; moves go to `moves_path`.
    pub fn create(skeleton: &Path, moves_path: &Path) -> io::Result<SharedRecorder> {
        Ok(Rc::new(RefCell::new(Recorder {
            out: zstd::Encoder::new(File::create(skeleton)?, 3)?,
            moves_path: moves_path.to_path_buf(),
            moves: BTreeMap::new(),
            raw: Vec::with_capacity(RAW_CHUNK),
            pos: 0,
            skip: (0, 0),
        })))
    }

    /// Declares that the `size` bytes at stream offset `start` are the content
    /// of the file stored at `path` (relative to the layer directory).
    pub fn mark_file(&mut self, start: u64, size: u64, path: &Path) -> io::Result<()> {
        debug_assert_eq!(start, self.pos, "file content must follow its header");
        self.flush_raw()?;
        let path = path.as_os_str().as_encoded_bytes();
        self.out.write_all(&[FILE])?;
        self.out.write_all(&size.to_le_bytes())?;
        self.out.write_all(&(path.len() as u32).to_le_bytes())?;
        self.out.write_all(path)?;
        self.skip = (start, start + size);
        Ok(())
    }

    /// Records that the content last written at `path` now lives at `moved_to`
    /// (both relative to the layer directory).
    pub fn relocate(&mut self, path: &Path, moved_to: &Path) {
        self.moves
            .entry(path.as_os_str().as_encoded_bytes().to_vec())
            .or_default()
            .push(moved_to.as_os_str().as_encoded_bytes().to_vec());
    }

    fn record(&mut self, data: &[u8]) -> io::Result<()> {
        let start = self.pos;
        self.pos += data.len() as u64;
        // Keep only the part of `data` outside the skipped file content.
        let (s, e) = self.skip;
        let lo = s.saturating_sub(start).min(data.len() as u64) as usize;
        let hi = e.saturating_sub(start).min(data.len() as u64) as usize;
        self.push_raw(&data[..lo])?;
        self.push_raw(&data[hi.max(lo)..])
    }

    fn push_raw(&mut self, data: &[u8]) -> io::Result<()> {
        if self.raw.len() + data.len() > RAW_CHUNK {
            self.flush_raw()?;
        }
        if data.len() > RAW_CHUNK {
            return self.write_raw(data);
        }
        self.raw.extend_from_slice(data);
        Ok(())
    }

    fn flush_raw(&mut self) -> io::Result<()> {
        if !self.raw.is_empty() {
            let raw = std::mem::take(&mut self.raw);
            self.write_raw(&raw)?;
            self.raw = raw;
            self.raw.clear();
        }
        Ok(())
    }

    fn write_raw(&mut self, data: &[u8]) -> io::Result<()> {
        self.out.write_all(&[RAW])?;
        self.out.write_all(&(data.len() as u32).to_le_bytes())?;
        self.out.write_all(data)
    }

    /// Writes what is pending and closes the skeleton, durably.
    pub fn finish(&mut self) -> io::Result<()> {
        self.flush_raw()?;
        self.out.do_finish()?;
        self.out.get_ref().sync_all()?;
        if !self.moves.is_empty() {
            let list: Vec<(&Vec<u8>, &Vec<Vec<u8>>)> = self.moves.iter().collect();
            atomic::write_json(&self.moves_path, &list)?;
        }
        Ok(())
    }
}

/// A reader that records everything read through it into a [`Recorder`].
pub struct Recording<R> {
    inner: R,
    recorder: SharedRecorder,
}

impl<R> Recording<R> {
    /// Wraps `inner`.
    pub fn new(inner: R, recorder: SharedRecorder) -> Recording<R> {
        Recording { inner, recorder }
    }

    /// The wrapped reader.
    pub fn into_inner(self) -> R {
        self.inner
    }
}

impl<R: Read> Read for Recording<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.recorder.borrow_mut().record(&buf[..n])?;
        Ok(n)
    }
}

/// Reproduces a layer's tar stream from its skeleton and its directory.
pub struct Reassembler {
    skeleton: BufReader<zstd::Decoder<'static, BufReader<File>>>,
    layer_dir: OwnedFd,
    moves: HashMap<Vec<u8>, VecDeque<Vec<u8>>>,
    state: State,
}

enum State {
    Next,
    Raw(u32),
    File {
        file: File,
        left: u64,
        path: PathBuf,
    },
    Done,
}

impl Reassembler {
    /// Opens the skeleton `skeleton` and moves file `moves_path` recorded for
    /// the layer directory `layer_dir`.
    pub fn open(skeleton: &Path, moves_path: &Path, layer_dir: &Path) -> io::Result<Reassembler> {
        let f = File::open(skeleton)?;
        let moves: Vec<(Vec<u8>, VecDeque<Vec<u8>>)> = match atomic::read_json(moves_path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            r => r?,
        };
        Ok(Reassembler {
            skeleton: BufReader::new(zstd::Decoder::new(f)?),
            layer_dir: beneath::open_dir(layer_dir)?,
            moves: moves.into_iter().collect(),
            state: State::Next,
        })
    }

    fn next_record(&mut self) -> io::Result<()> {
        if self.skeleton.fill_buf()?.is_empty() {
            self.state = State::Done;
            return Ok(());
        }
        let mut tag = [0u8; 1];
        self.skeleton.read_exact(&mut tag)?;
        match tag[0] {
            RAW => {
                let mut len = [0u8; 4];
                self.skeleton.read_exact(&mut len)?;
                self.state = State::Raw(u32::from_le_bytes(len));
            }
            FILE => {
                let mut size = [0u8; 8];
                let mut len = [0u8; 4];
                self.skeleton.read_exact(&mut size)?;
                self.skeleton.read_exact(&mut len)?;
                let mut path = vec![0u8; u32::from_le_bytes(len) as usize];
                self.skeleton.read_exact(&mut path)?;
                if let Some(moved) = self.moves.get_mut(&path).and_then(VecDeque::pop_front) {
                    path = moved;
                }
                let path = PathBuf::from(OsString::from_vec(path));
                let size = u64::from_le_bytes(size);
                let file = beneath::open_file(self.layer_dir.as_fd(), &path)
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
                // Only `size` bytes are spliced in, so a file that grew would
                // still rebuild the right tar: compare the length as well.
                let len = file.metadata()?.len();
                if len != size {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!(
                            "{} is {len} bytes, the layer recorded {size}",
                            path.display()
                        ),
                    ));
                }
                self.state = State::File {
                    file,
                    left: size,
                    path,
                };
            }
            t => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("corrupt tar-split record type {t}"),
                ));
            }
        }
        Ok(())
    }
}

impl Read for Reassembler {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match &mut self.state {
                State::Done => return Ok(0),
                State::Next => self.next_record()?,
                State::Raw(0) | State::File { left: 0, .. } => self.state = State::Next,
                State::Raw(left) => {
                    let want = buf.len().min(*left as usize);
                    let n = self.skeleton.read(&mut buf[..want])?;
                    if n == 0 {
                        return Err(io::ErrorKind::UnexpectedEof.into());
                    }
                    *left -= n as u32;
                    return Ok(n);
                }
                State::File { file, left, path } => {
                    let want = buf.len().min(usize::try_from(*left).unwrap_or(usize::MAX));
                    let n = file.read(&mut buf[..want])?;
                    if n == 0 {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("{} is shorter than the layer recorded", path.display()),
                        ));
                    }
                    *left -= n as u64;
                    return Ok(n);
                }
            }
        }
    }
}
