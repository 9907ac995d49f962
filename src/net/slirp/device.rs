//! smoltcp's view of tap0: received frames come from a queue the event loop
//! fills (after classifying them), transmitted frames are written straight to
//! the tap descriptor.

use std::collections::VecDeque;
use std::os::fd::{AsRawFd, OwnedFd};

use smoltcp::phy::{self, Checksum, ChecksumCapabilities, DeviceCapabilities, Medium};
use smoltcp::time::Instant;

pub struct TapDevice {
    pub fd: OwnedFd,
    /// Frames for smoltcp, in arrival order.
    pub rx: VecDeque<Vec<u8>>,
    tx_buf: Vec<u8>,
}

impl TapDevice {
    pub fn new(fd: OwnedFd) -> Self {
        TapDevice {
            fd,
            rx: VecDeque::new(),
            tx_buf: vec![0; super::MTU + 14],
        }
    }

    /// Write one frame to the container. A full tap queue drops it, as a
    /// wire would; TCP retransmits and UDP is unreliable anyway.
    pub fn send(&self, frame: &[u8]) {
        // SAFETY: writing an initialised buffer to our own descriptor.
        unsafe { libc::write(self.fd.as_raw_fd(), frame.as_ptr().cast(), frame.len()) };
    }
}

pub struct RxToken(Vec<u8>);

impl phy::RxToken for RxToken {
    fn consume<R, F: FnOnce(&[u8]) -> R>(self, f: F) -> R {
        f(&self.0)
    }
}

pub struct TxToken<'a> {
    fd: &'a OwnedFd,
    buf: &'a mut Vec<u8>,
}

impl phy::TxToken for TxToken<'_> {
    fn consume<R, F: FnOnce(&mut [u8]) -> R>(self, len: usize, f: F) -> R {
        if self.buf.len() < len {
            self.buf.resize(len, 0);
        }
        let r = f(&mut self.buf[..len]);
        // SAFETY: writing an initialised buffer to our own descriptor.
        unsafe { libc::write(self.fd.as_raw_fd(), self.buf.as_ptr().cast(), len) };
        r
    }
}

impl phy::Device for TapDevice {
    type RxToken<'a> = RxToken;
    type TxToken<'a> = TxToken<'a>;

    fn receive(&mut self, _: Instant) -> Option<(RxToken, TxToken<'_>)> {
        let frame = self.rx.pop_front()?;
        Some((
            RxToken(frame),
            TxToken {
                fd: &self.fd,
                buf: &mut self.tx_buf,
            },
        ))
    }

    fn transmit(&mut self, _: Instant) -> Option<TxToken<'_>> {
        Some(TxToken {
            fd: &self.fd,
            buf: &mut self.tx_buf,
        })
    }

    fn capabilities(&self) -> DeviceCapabilities {
        let mut caps = DeviceCapabilities::default();
        caps.medium = Medium::Ethernet;
        caps.max_transmission_unit = super::MTU + 14;
        // The container's kernel fills in full checksums on tap0 (no offload
        // was negotiated), so verifying them again only costs time.
        let mut sums = ChecksumCapabilities::default();
        sums.ipv4 = Checksum::Tx;
        sums.tcp = Checksum::Tx;
        sums.udp = Checksum::Tx;
        sums.icmpv4 = Checksum::Tx;
        caps.checksum = sums;
        caps
    }
}
