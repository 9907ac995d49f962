//! What a pull or a push reports while it works. The library calls these;
//! the command line draws them (bars on a terminal, a line per blob in logs,
//! nothing with `-q`).

use std::io::{self, Read};
use std::sync::Arc;

use super::digest::Digest;

/// A blob's role, for the words of its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlobKind {
    /// A layer.
    Layer,
    /// An image config.
    Config,
}

/// Hears of a transfer's steps. Called from several threads at once.
pub trait Progress: Send + Sync {
    /// A step worth a line of its own ("Trying to pull ...").
    fn note(&self, line: &str);
    /// Blob `digest` of `size` bytes starts moving.
    fn started(&self, kind: BlobKind, digest: &Digest, size: u64);
    /// `bytes` more of blob `digest` moved.
    fn advanced(&self, digest: &Digest, bytes: u64);
    /// Blob `digest` moved in whole and was verified.
    fn finished(&self, kind: BlobKind, digest: &Digest);
    /// Blob `digest` is there already and was not moved.
    fn skipped(&self, kind: BlobKind, digest: &Digest);
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {
    fn note(&self, _: &str) {}
    fn started(&self, _: BlobKind, _: &Digest, _: u64) {}
    fn advanced(&self, _: &Digest, _: u64) {}
    fn finished(&self, _: BlobKind, _: &Digest) {}
    fn skipped(&self, _: BlobKind, _: &Digest) {}
}

/// A reader that reports the bytes read through it as progress of `digest`.
pub struct Counting<R> {
    inner: R,
    digest: Digest,
    progress: Arc<dyn Progress>,
}

impl<R> Counting<R> {
    /// Wraps `inner`, reporting to `progress` under `digest`.
    pub fn new(inner: R, digest: Digest, progress: Arc<dyn Progress>) -> Counting<R> {
        Counting {
            inner,
            digest,
            progress,
        }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 {
            self.progress.advanced(&self.digest, n as u64);
        }
        Ok(n)
    }
}
