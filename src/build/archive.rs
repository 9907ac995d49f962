//! The archives ADD unpacks: tar, plain or compressed with gzip, bzip2,
//! xz or zstd (docker's list, and zstd as podman). Layers accept only
//! plain, gzip and zstd ([`crate::storage::compression`]); ADD takes what
//! users keep in their source trees.

use std::io::{self, BufRead, Read};
use std::path::Path;

const BZIP2_MAGIC: &[u8] = b"BZh";
const XZ_MAGIC: &[u8] = &[0xfd, b'7', b'z', b'X', b'Z', 0x00];

/// Wraps `r` in the decoder its first bytes call for.
pub fn decoder<'a, R: BufRead + 'a>(mut r: R) -> io::Result<Box<dyn Read + 'a>> {
    let head = r.fill_buf()?;
    if head.starts_with(BZIP2_MAGIC) {
        return Ok(Box::new(bzip2::read::MultiBzDecoder::new(r)));
    }
    if head.starts_with(XZ_MAGIC) {
        // lzma-rs decodes into a writer, not as a reader: the archive is
        // decoded whole (no thread may outlive this, the build unshares
        // its mount namespace later).
        let mut decoded = Vec::new();
        lzma_rs::xz_decompress(&mut r, &mut decoded)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("xz: {e}")))?;
        return Ok(Box::new(io::Cursor::new(decoded)));
    }
    crate::storage::compression::decoder(r)
}

/// Whether the file at `path` is a tar archive, plain or compressed: its
/// first decoded block carries the `ustar` magic.
pub fn is_archive(path: &Path) -> io::Result<bool> {
    let f = std::fs::File::open(path)?;
    let mut input = io::BufReader::new(f);
    let Ok(mut decoded) = decoder(&mut input) else {
        return Ok(false);
    };
    let mut block = vec![0u8; 512];
    let mut filled = 0;
    while filled < block.len() {
        match decoded.read(&mut block[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(_) => return Ok(false),
        }
    }
    Ok(filled == 512 && &block[257..262] == b"ustar")
}
