//! Content-addressed small blobs (`ROOT/blobs/sha256/<hex>`): image manifests
//! and configs, kept byte for byte as they arrived so their digests hold.

use std::fs;
use std::io;
use std::path::PathBuf;

use super::{Store, atomic};
use crate::image::digest::Digest;

impl Store {
    /// Where blob `digest` lives.
    pub fn blob_path(&self, digest: &Digest) -> PathBuf {
        self.root().join("blobs/sha256").join(digest.hex())
    }

    /// Stores `data` (atomically; a blob already present is left alone) and
    /// returns its digest. Needs no lock: the name is the content.
    pub fn put_blob(&self, data: &[u8]) -> io::Result<Digest> {
        let digest = Digest::of(data);
        let path = self.blob_path(&digest);
        if !path.exists() {
            atomic::write(&path, data)?;
        }
        Ok(digest)
    }

    /// Reads blob `digest`.
    pub fn blob(&self, digest: &Digest) -> io::Result<Vec<u8>> {
        fs::read(self.blob_path(digest))
    }

    /// Removes blob `digest`; a missing blob is not an error.
    pub fn remove_blob(&self, digest: &Digest) -> io::Result<()> {
        match fs::remove_file(self.blob_path(digest)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}
