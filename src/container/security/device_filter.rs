//! The device allow list on cgroup v2: an eBPF program of type
//! `BPF_PROG_TYPE_CGROUP_DEVICE` attached to the container's cgroup, which
//! the kernel runs on every open and mknod of a device node by a process in
//! it (the v2 form of the v1 `devices` controller, as runc installs it).
//!
//! [`program`] turns the rules into instructions (pure, unit-tested);
//! [`attach`] loads them with `bpf(2)` and attaches them to a cgroup
//! directory. No libbpf: the program is a straight list of comparisons,
//! which is simpler to emit by hand than to compile. What the rules are and
//! why every rootful container has them: [`super::devices`].

use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd};

use super::devices::Rule;

/// One eBPF instruction, as the kernel's `struct bpf_insn`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Insn {
    /// Operation.
    pub code: u8,
    /// Destination register (low 4 bits) and source register (high 4 bits).
    pub regs: u8,
    /// Jump offset, in instructions after the next one, or a memory offset.
    pub off: i16,
    /// Immediate operand.
    pub imm: i32,
}

// Opcodes: class | operation | source.
const LDX_MEM_W: u8 = 0x61; // BPF_LDX | BPF_MEM | BPF_W
const ALU32_AND_K: u8 = 0x54; // BPF_ALU | BPF_AND | BPF_K
const ALU32_RSH_K: u8 = 0x74; // BPF_ALU | BPF_RSH | BPF_K
const ALU32_MOV_K: u8 = 0xb4; // BPF_ALU | BPF_MOV | BPF_K
const ALU32_MOV_X: u8 = 0xbc; // BPF_ALU | BPF_MOV | BPF_X
const JMP_JNE_K: u8 = 0x55; // BPF_JMP | BPF_JNE | BPF_K
const JMP_JNE_X: u8 = 0x5d; // BPF_JMP | BPF_JNE | BPF_X
const JMP_EXIT: u8 = 0x95; // BPF_JMP | BPF_EXIT

// Registers: R0 the result, R1 the context on entry, then scratch.
const R0: u8 = 0;
const R1: u8 = 1;
/// The device's type (`BPF_DEVCG_DEV_BLOCK` 1, `BPF_DEVCG_DEV_CHAR` 2).
const TYPE: u8 = 2;
/// The access asked for (`BPF_DEVCG_ACC_MKNOD` 1, `_READ` 2, `_WRITE` 4).
const ACCESS: u8 = 3;
const MAJOR: u8 = 4;
const MINOR: u8 = 5;

fn insn(code: u8, dst: u8, src: u8, off: i16, imm: i32) -> Insn {
    Insn {
        code,
        regs: dst | (src << 4),
        off,
        imm,
    }
}

/// A rule's access letters as the context's bits.
fn access_bits(access: &str) -> i32 {
    access.chars().fold(0, |bits, c| {
        bits | match c {
            'm' => 1,
            'r' => 2,
            'w' => 4,
            _ => 0,
        }
    })
}

/// The program for `rules`: allow (return 1) an access that a rule allows,
/// deny (return 0) any other. Its context is `struct bpf_cgroup_dev_ctx`
/// { u32 access_type (access << 16 | type); u32 major; u32 minor; }; each
/// rule is a block of tests that jump past it on a mismatch (type, access
/// asked not within the rule's, major and minor unless any), ending in
/// `return 1`.
pub fn program(rules: &[Rule]) -> Vec<Insn> {
    let mut out = vec![
        insn(LDX_MEM_W, TYPE, R1, 0, 0),
        insn(ALU32_AND_K, TYPE, 0, 0, 0xffff),
        insn(LDX_MEM_W, ACCESS, R1, 0, 0),
        insn(ALU32_RSH_K, ACCESS, 0, 0, 16),
        insn(LDX_MEM_W, MAJOR, R1, 4, 0),
        insn(LDX_MEM_W, MINOR, R1, 8, 0),
    ];
    for rule in rules {
        let kind = match rule.kind {
            'b' => Some(1),
            'c' => Some(2),
            _ => None,
        };
        let access = access_bits(&rule.access);
        // Each test ends in a jump to the instruction after the block; its
        // offset is what follows it in the block, so the tests come first.
        let mut tests: Vec<Vec<Insn>> = Vec::new();
        if let Some(kind) = kind {
            tests.push(vec![insn(JMP_JNE_K, TYPE, 0, 0, kind)]);
        }
        if access != 7 {
            // R1 = asked & allowed; asked is within allowed when that is asked.
            tests.push(vec![
                insn(ALU32_MOV_X, R1, ACCESS, 0, 0),
                insn(ALU32_AND_K, R1, 0, 0, access),
                insn(JMP_JNE_X, R1, ACCESS, 0, 0),
            ]);
        }
        for (reg, n) in [(MAJOR, rule.major), (MINOR, rule.minor)] {
            if let Some(n) = n {
                // Major and minor numbers have 12 and 20 bits: they fit.
                tests.push(vec![insn(JMP_JNE_K, reg, 0, 0, n as i32)]);
            }
        }
        let mut block: Vec<Insn> = tests.into_iter().flatten().collect();
        block.extend([insn(ALU32_MOV_K, R0, 0, 0, 1), insn(JMP_EXIT, 0, 0, 0, 0)]);
        let len = block.len();
        for (i, ins) in block.iter_mut().enumerate() {
            if ins.code == JMP_JNE_K || ins.code == JMP_JNE_X {
                ins.off = (len - i - 1) as i16;
            }
        }
        out.extend(block);
    }
    out.extend([insn(ALU32_MOV_K, R0, 0, 0, 0), insn(JMP_EXIT, 0, 0, 0, 0)]);
    out
}

/// Why the device filter could not be installed.
#[derive(Debug, thiserror::Error)]
pub enum DeviceFilterError {
    /// The kernel refused the program; `log` is its verifier's account.
    #[error("loading the device filter: {source}{log}")]
    Load {
        /// The error of `bpf(BPF_PROG_LOAD)`.
        source: io::Error,
        /// The verifier's log, with a leading separator, or empty.
        log: String,
    },
    /// It could not be attached to the cgroup.
    #[error("attaching the device filter to the cgroup: {0}")]
    Attach(io::Error),
}

/// `union bpf_attr` for `BPF_PROG_LOAD`, as far as rctl fills it.
#[repr(C)]
#[derive(Default)]
struct ProgLoad {
    prog_type: u32,
    insn_cnt: u32,
    insns: u64,
    license: u64,
    log_level: u32,
    log_size: u32,
    log_buf: u64,
    kern_version: u32,
    prog_flags: u32,
    prog_name: [u8; 16],
}

/// `union bpf_attr` for `BPF_PROG_ATTACH`, as far as rctl fills it.
#[repr(C)]
struct ProgAttach {
    target_fd: u32,
    attach_bpf_fd: u32,
    attach_type: u32,
    attach_flags: u32,
}

const BPF_PROG_LOAD: libc::c_int = 5;
const BPF_PROG_ATTACH: libc::c_int = 8;
const BPF_PROG_TYPE_CGROUP_DEVICE: u32 = 15;
const BPF_CGROUP_DEVICE: u32 = 6;
/// Other programs (a parent cgroup's) keep running beside this one.
const BPF_F_ALLOW_MULTI: u32 = 2;

/// `bpf(cmd, attr)`, where `attr` is one of the `bpf_attr` structs above.
fn bpf<T>(cmd: libc::c_int, attr: &T) -> io::Result<libc::c_long> {
    // SAFETY: `attr` is a fully initialised `#[repr(C)]` prefix of `union
    // bpf_attr` of the size given (the kernel zero-fills the rest); the
    // buffers its fields point to outlive the call.
    let r = unsafe {
        libc::syscall(
            libc::SYS_bpf,
            cmd,
            attr as *const T,
            std::mem::size_of::<T>(),
        )
    };
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(r)
    }
}

/// Loads `insns` as a device program; `log`: a buffer for the verifier's
/// messages.
fn load(insns: &[Insn], log: Option<&mut [u8]>) -> io::Result<OwnedFd> {
    let license = c"Apache-2.0";
    let mut attr = ProgLoad {
        prog_type: BPF_PROG_TYPE_CGROUP_DEVICE,
        insn_cnt: insns.len() as u32,
        insns: insns.as_ptr() as u64,
        license: license.as_ptr() as u64,
        ..Default::default()
    };
    attr.prog_name[..12].copy_from_slice(b"rctl_devices");
    if let Some(log) = log {
        attr.log_level = 1;
        attr.log_size = log.len() as u32;
        attr.log_buf = log.as_mut_ptr() as u64;
    }
    let fd = bpf(BPF_PROG_LOAD, &attr)?;
    // SAFETY: BPF_PROG_LOAD returned a new descriptor that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as i32) })
}

/// Installs the allow list `rules` on the cgroup whose directory is open as
/// `cgroup`: every process in it (and in cgroups below it) may then open or
/// make only the device nodes a rule allows. The program stays attached
/// until the cgroup is removed.
pub fn attach(cgroup: BorrowedFd<'_>, rules: &[Rule]) -> Result<(), DeviceFilterError> {
    let insns = program(rules);
    let prog = load(&insns, None).or_else(|source| {
        // Load again with a log only now: the kernel's account of why.
        let mut buf = vec![0u8; 64 * 1024];
        load(&insns, Some(&mut buf)).map_err(|_| {
            let text = String::from_utf8_lossy(&buf);
            let text = text.trim_end_matches('\0').trim();
            DeviceFilterError::Load {
                source,
                log: if text.is_empty() {
                    String::new()
                } else {
                    format!(": {}", text.replace('\n', "; "))
                },
            }
        })
    })?;
    let attr = ProgAttach {
        target_fd: cgroup.as_raw_fd() as u32,
        attach_bpf_fd: prog.as_raw_fd() as u32,
        attach_type: BPF_CGROUP_DEVICE,
        attach_flags: BPF_F_ALLOW_MULTI,
    };
    bpf(BPF_PROG_ATTACH, &attr).map_err(DeviceFilterError::Attach)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(s: &str) -> Rule {
        let (kind, rest) = s.split_once(' ').unwrap();
        let (numbers, access) = rest.split_once(' ').unwrap();
        let (major, minor) = numbers.split_once(':').unwrap();
        Rule {
            kind: kind.chars().next().unwrap(),
            major: major.parse().ok(),
            minor: minor.parse().ok(),
            access: access.into(),
        }
    }

    /// Runs `prog` as the kernel would on a device access: `kind` 1 block,
    /// 2 char; `access` bits m 1, r 2, w 4. Only what [`program`] emits.
    fn run(prog: &[Insn], kind: u32, access: u32, major: u32, minor: u32) -> u64 {
        let ctx = [access << 16 | kind, major, minor];
        let mut reg = [0u64; 11];
        let mut pc = 0;
        loop {
            let i = prog[pc];
            let (dst, src) = ((i.regs & 0xf) as usize, (i.regs >> 4) as usize);
            let imm = i.imm as i64 as u64;
            pc += 1;
            match i.code {
                LDX_MEM_W => {
                    assert_eq!(src, 1, "loads only from the context");
                    reg[dst] = ctx[i.off as usize / 4] as u64;
                }
                ALU32_AND_K => reg[dst] = (reg[dst] as u32 & i.imm as u32) as u64,
                ALU32_RSH_K => reg[dst] = (reg[dst] as u32 >> i.imm) as u64,
                ALU32_MOV_K => reg[dst] = i.imm as u32 as u64,
                ALU32_MOV_X => reg[dst] = reg[src] as u32 as u64,
                JMP_JNE_K if reg[dst] != imm => pc += i.off as usize,
                JMP_JNE_X if reg[dst] != reg[src] => pc += i.off as usize,
                JMP_JNE_K | JMP_JNE_X => {}
                JMP_EXIT => return reg[0],
                c => panic!("unexpected opcode {c:#x}"),
            }
        }
    }

    #[test]
    fn each_rule_is_a_block_of_tests_then_return_1() {
        // Prelude 6; `c *:* m` type + access + return = 6; `c 1:3 rwm`
        // type + major + minor + return = 5; `c 136:* rwm` 4; end 2.
        let rules = ["c *:* m", "c 1:3 rwm", "c 136:* rwm"].map(rule);
        assert_eq!(program(&rules).len(), 6 + 6 + 5 + 4 + 2);
        // runc's default list: 2 x 6, 8 x 5, 1 x 4.
        let defaults = super::super::devices::cgroup_rules(&[], |_| None);
        assert_eq!(program(&defaults).len(), 6 + 12 + 40 + 4 + 2);
    }

    #[test]
    fn the_encoding_of_a_read_only_rule() {
        let prog = program(&[rule("c 10:229 r")]);
        let block: Vec<(u8, u8, i16, i32)> = prog[6..]
            .iter()
            .map(|i| (i.code, i.regs, i.off, i.imm))
            .collect();
        assert_eq!(
            block,
            [
                (0x55, 0x02, 7, 2),   // if r2 != 2 (char) goto next
                (0xbc, 0x31, 0, 0),   // w1 = w3
                (0x54, 0x01, 0, 2),   // w1 &= 2 (read)
                (0x5d, 0x31, 4, 0),   // if r1 != r3 goto next
                (0x55, 0x04, 3, 10),  // if r4 != 10 goto next
                (0x55, 0x05, 2, 229), // if r5 != 229 goto next
                (0xb4, 0x00, 0, 1),   // w0 = 1
                (0x95, 0x00, 0, 0),   // exit
                (0xb4, 0x00, 0, 0),   // next: w0 = 0
                (0x95, 0x00, 0, 0),   // exit
            ]
        );
        // The prelude: type, access, major and minor from the context.
        assert_eq!((prog[0].code, prog[0].regs, prog[0].off), (0x61, 0x12, 0));
        assert_eq!((prog[3].code, prog[3].imm), (0x74, 16));
        assert_eq!((prog[5].regs, prog[5].off), (0x15, 8));
    }

    #[test]
    fn the_program_allows_what_the_rules_allow() {
        let mut rules = super::super::devices::cgroup_rules(&[], |_| None);
        rules.push(rule("c 10:229 r"));
        let prog = program(&rules);
        let (block, char) = (1, 2);
        let (m, r, w) = (1, 2, 4);
        // Standard nodes: anything.
        assert_eq!(run(&prog, char, r | w, 1, 3), 1);
        assert_eq!(run(&prog, char, r | w, 136, 7), 1);
        // Making any node, but not opening it.
        assert_eq!(run(&prog, block, m, 8, 0), 1);
        assert_eq!(run(&prog, block, r, 8, 0), 0);
        assert_eq!(run(&prog, char, r, 10, 237), 0);
        // The read-only device: read, not written.
        assert_eq!(run(&prog, char, r, 10, 229), 1);
        assert_eq!(run(&prog, char, r | w, 10, 229), 0);
        assert_eq!(run(&prog, char, w, 10, 229), 0);
        // A block device with the numbers of an allowed char device.
        assert_eq!(run(&prog, block, r, 1, 3), 0);
        // No rules: nothing.
        assert_eq!(run(&program(&[]), char, r, 1, 3), 0);
    }
}
