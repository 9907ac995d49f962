//! A seccomp policy compiled to one classic BPF program: a binary search
//! over call numbers, per architecture.
//!
//! Why rctl has its own compiler rather than `seccompiler`: that crate emits
//! a linear chain of comparisons, one after another for every listed call
//! (1,500 instructions for the default policy). Since Linux 5.11 the kernel
//! runs a new filter once for every call number of every architecture when
//! it is installed, to learn which calls it may allow without running the
//! filter again (its action cache). Over such a chain that took 1.2 ms, the
//! whole start cost of the security profile. Here the call numbers are cut
//! into runs that get the same rules (allowed calls come in long runs) and
//! the runs are searched by halves: the default policy is 425 instructions
//! for both architectures, any call is answered in under twenty, and
//! installing it took about 0.2 ms on the same machine (with the kernel's
//! JIT compiling it). Each later call that still runs the filter is cheaper
//! too.
//!
//! The program checks the architecture first. The native one (x86-64,
//! aarch64) and its 32-bit compatibility ABI (i386 on x86-64, arm on
//! aarch64: what docker's profiles call sub-architectures) each get their
//! own tree, the policy's call names looked up in that architecture's
//! table. x32 calls on x86-64 get the default action; any other
//! architecture kills the process, as libseccomp does.
//!
//! Within one call, rules are tried most restrictive action first (the
//! kernel's order: kill, trap, errno, trace, log, allow) and the first whose
//! conditions all hold decides; no rule holding gives the default. That is
//! what the kernel's "most restrictive filter wins" gives when a policy is
//! split into several filters, in one program.

use libc::sock_filter;

#[cfg(target_endian = "big")]
compile_error!("seccomp argument offsets assume a little-endian machine");

/// A compiled filter, ready for `seccomp(SECCOMP_SET_MODE_FILTER)`; empty:
/// no filter.
#[derive(Clone, Default)]
pub struct Program(Vec<sock_filter>);

impl Program {
    /// Its instructions, in the kernel's layout.
    pub fn instructions(&self) -> &[sock_filter] {
        &self.0
    }
}

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Program({} instructions)", self.0.len())
    }
}

/// What a call gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// It runs.
    Allow,
    /// It fails with this errno.
    Errno(u32),
    /// The thread is killed.
    KillThread,
    /// The process is killed.
    KillProcess,
    /// SIGSYS is sent.
    Trap,
    /// A tracer is told (with this value); without one the call fails.
    Trace(u32),
    /// It runs and is logged.
    Log,
}

impl Action {
    /// The filter's return value.
    pub fn ret(self) -> u32 {
        let data = |v: u32| v & libc::SECCOMP_RET_DATA;
        match self {
            Action::Allow => libc::SECCOMP_RET_ALLOW,
            Action::Errno(e) => libc::SECCOMP_RET_ERRNO | data(e),
            Action::KillThread => libc::SECCOMP_RET_KILL_THREAD,
            Action::KillProcess => libc::SECCOMP_RET_KILL_PROCESS,
            Action::Trap => libc::SECCOMP_RET_TRAP,
            Action::Trace(v) => libc::SECCOMP_RET_TRACE | data(v),
            Action::Log => libc::SECCOMP_RET_LOG,
        }
    }

    /// The kernel's order: lower is more restrictive.
    fn severity(self) -> i32 {
        (self.ret() & libc::SECCOMP_RET_ACTION_FULL) as i32
    }
}

/// How much of an argument a condition compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// The low 32 bits: an `int` argument, whose upper half the kernel
    /// ignores, so a filter must too.
    Low32,
    /// All 64 bits.
    Full64,
}

/// A comparison of an argument with a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    /// `arg == value`.
    Eq,
    /// `arg != value`.
    Ne,
    /// `arg < value`, unsigned.
    Lt,
    /// `arg <= value`.
    Le,
    /// `arg > value`.
    Gt,
    /// `arg >= value`.
    Ge,
    /// `arg & mask == value`.
    MaskedEq(u64),
}

/// A condition on one of a call's six arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Condition {
    /// Which argument, 0 to 5.
    pub arg: u8,
    /// How much of it.
    pub width: Width,
    /// The comparison.
    pub op: Cmp,
    /// The value compared with.
    pub value: u64,
}

/// One rule on one architecture: the call's number there, conditions that
/// must all hold (none: always), and the action.
pub type ArchRule<'a> = (u32, &'a [Condition], Action);

/// What one architecture's tree is built from.
pub struct ArchRules<'a> {
    /// Its `AUDIT_ARCH_*` value.
    pub audit_arch: u32,
    /// Its rules, in any order.
    pub rules: Vec<ArchRule<'a>>,
}

/// Compiles the rules of each architecture in `arches` (others are killed)
/// and `default` for calls no rule decides.
pub fn compile(arches: &mut [ArchRules], default: Action) -> Program {
    let mut asm = Asm::default();
    let mut next_arch = asm.ret(Action::KillProcess);
    for arch in arches.iter_mut().rev() {
        // By call, most restrictive first; a stable sort keeps the given
        // order between equals.
        arch.rules.sort_by_key(|(nr, _, a)| (*nr, a.severity()));
        asm.arch_tree(&arch.rules, default);
        let start = asm.load(NR);
        next_arch = asm.jump(libc::BPF_JEQ, arch.audit_arch, start, next_arch);
    }
    asm.load(ARCH);
    asm.finish()
}

/// Whether two calls' rules (sorted) are the same.
fn same_rules(a: &[ArchRule], b: &[ArchRule]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.1 == y.1 && x.2 == y.2)
}

/// Offsets in `struct seccomp_data`.
const NR: u32 = 0;
const ARCH: u32 = 4;
fn arg_low(i: u8) -> u32 {
    16 + 8 * u32::from(i)
}
fn arg_high(i: u8) -> u32 {
    arg_low(i) + 4
}

/// Where an instruction is: how many instructions there are from it to the
/// end of the program (the program is built backwards, so that every jump's
/// target is known when the jump is written).
type Label = usize;

/// A program under construction, last instruction first.
#[derive(Default)]
struct Asm {
    reversed: Vec<sock_filter>,
}

impl Asm {
    fn push(&mut self, code: u32, jt: u8, jf: u8, k: u32) -> Label {
        self.reversed.push(sock_filter {
            code: code as u16,
            jt,
            jf,
            k,
        });
        self.reversed.len()
    }

    /// How far a new instruction would jump to reach `to`.
    fn distance(&self, to: Label) -> usize {
        self.reversed.len() - to
    }

    fn ret(&mut self, a: Action) -> Label {
        self.push(libc::BPF_RET | libc::BPF_K, 0, 0, a.ret())
    }

    fn load(&mut self, offset: u32) -> Label {
        self.push(libc::BPF_LD | libc::BPF_W | libc::BPF_ABS, 0, 0, offset)
    }

    fn and(&mut self, mask: u32) -> Label {
        self.push(libc::BPF_ALU | libc::BPF_AND | libc::BPF_K, 0, 0, mask)
    }

    fn always(&mut self, to: Label) -> Label {
        let d = self.distance(to) as u32;
        self.push(libc::BPF_JMP | libc::BPF_JA, 0, 0, d)
    }

    /// `if A <op> k goto yes else goto no`. A conditional jump reaches 255
    /// instructions; a target further away gets an unconditional jump next
    /// to it.
    fn jump(&mut self, op: u32, k: u32, mut yes: Label, mut no: Label) -> Label {
        const FAR: usize = u8::MAX as usize;
        if self.distance(yes) > FAR {
            yes = self.always(yes);
        }
        if self.distance(no) > FAR {
            no = self.always(no);
        }
        if self.distance(yes) > FAR {
            yes = self.always(yes);
        }
        let (jt, jf) = (self.distance(yes) as u8, self.distance(no) as u8);
        self.push(libc::BPF_JMP | op | libc::BPF_K, jt, jf, k)
    }

    fn finish(self) -> Program {
        Program(self.reversed.into_iter().rev().collect())
    }

    /// The tree of one architecture (the call number loaded): the numbers
    /// cut into runs that get the same rules (runs of allowed calls are
    /// long), searched by halves.
    fn arch_tree(&mut self, rules: &[ArchRule], default: Action) -> Label {
        let mut runs: Vec<(u32, &[ArchRule])> = Vec::new();
        let mut next = 0;
        for call in rules.chunk_by(|a, b| a.0 == b.0) {
            let nr = call[0].0;
            if nr > next {
                runs.push((next, &[]));
            }
            runs.push((nr, call));
            next = nr + 1;
        }
        runs.push((next, &[]));
        runs.dedup_by(|later, earlier| same_rules(later.1, earlier.1));
        self.tree(&runs, default)
    }

    fn tree(&mut self, runs: &[(u32, &[ArchRule])], default: Action) -> Label {
        if let [(_, rules)] = runs {
            return self.rules(rules, default);
        }
        let mid = runs.len() / 2;
        let high = self.tree(&runs[mid..], default);
        let low = self.tree(&runs[..mid], default);
        self.jump(libc::BPF_JGE, runs[mid].0, high, low)
    }

    /// One call's rules (most restrictive first); then the default.
    fn rules(&mut self, rules: &[ArchRule], default: Action) -> Label {
        // An unconditional rule decides: nothing after it is reached.
        let (tried, last) = match rules.iter().position(|(_, c, _)| c.is_empty()) {
            Some(i) => (&rules[..i], rules[i].2),
            None => (rules, default),
        };
        let mut next = self.ret(last);
        for (_, conditions, action) in tried.iter().rev() {
            next = self.rule(conditions, *action, next);
        }
        next
    }

    /// `if all conditions hold: return action; else goto next`.
    fn rule(&mut self, conditions: &[Condition], action: Action, next: Label) -> Label {
        let mut pass = self.ret(action);
        for c in conditions.iter().rev() {
            pass = self.condition(c, pass, next);
        }
        pass
    }

    /// Loads the argument and compares: on to `pass` or `fail`.
    fn condition(&mut self, c: &Condition, pass: Label, fail: Label) -> Label {
        use libc::{BPF_JEQ, BPF_JGE, BPF_JGT};
        let (high, low) = ((c.value >> 32) as u32, c.value as u32);
        let i = c.arg;
        if c.width == Width::Low32 {
            match c.op {
                Cmp::Eq => self.jump(BPF_JEQ, low, pass, fail),
                Cmp::Ne => self.jump(BPF_JEQ, low, fail, pass),
                Cmp::Gt => self.jump(BPF_JGT, low, pass, fail),
                Cmp::Ge => self.jump(BPF_JGE, low, pass, fail),
                Cmp::Lt => self.jump(BPF_JGE, low, fail, pass),
                Cmp::Le => self.jump(BPF_JGT, low, fail, pass),
                Cmp::MaskedEq(m) => {
                    self.jump(BPF_JEQ, low, pass, fail);
                    self.and(m as u32)
                }
            };
            return self.load(arg_low(i));
        }
        // 64 bits: the high words decide unless they are equal.
        let (on_high_eq, high_gt, high_lt) = match c.op {
            Cmp::Eq => (self.low_then(BPF_JEQ, low, pass, fail, i), fail, fail),
            Cmp::Ne => (self.low_then(BPF_JEQ, low, fail, pass, i), pass, pass),
            Cmp::Gt => (self.low_then(BPF_JGT, low, pass, fail, i), pass, fail),
            Cmp::Ge => (self.low_then(BPF_JGE, low, pass, fail, i), pass, fail),
            Cmp::Lt => (self.low_then(BPF_JGE, low, fail, pass, i), fail, pass),
            Cmp::Le => (self.low_then(BPF_JGT, low, fail, pass, i), fail, pass),
            Cmp::MaskedEq(m) => {
                self.jump(BPF_JEQ, low, pass, fail);
                self.and(m as u32);
                let on_low = self.load(arg_low(i));
                self.jump(BPF_JEQ, high, on_low, fail);
                self.and((m >> 32) as u32);
                return self.load(arg_high(i));
            }
        };
        let not_gt = self.jump(BPF_JEQ, high, on_high_eq, high_lt);
        self.jump(BPF_JGT, high, high_gt, not_gt);
        self.load(arg_high(i))
    }

    /// Loads the low word and jumps on `op`.
    fn low_then(&mut self, op: u32, k: u32, yes: Label, no: Label, i: u8) -> Label {
        self.jump(op, k, yes, no);
        self.load(arg_low(i))
    }
}

/// Runs `prog` on one call as the kernel would: its return value (tests).
#[cfg(test)]
pub(crate) fn run(prog: &Program, arch: u32, nr: u32, args: [u64; 6]) -> u32 {
    steps(prog, arch, nr, args).0
}

/// What `prog` returns for one call, and how many instructions it ran.
#[cfg(test)]
fn steps(prog: &Program, arch: u32, nr: u32, args: [u64; 6]) -> (u32, usize) {
    let word = |off: u32| -> u32 {
        match off {
            0 => nr,
            4 => arch,
            o if o >= 16 => {
                let a = args[((o - 16) / 8) as usize];
                if (o - 16) % 8 == 0 {
                    a as u32
                } else {
                    (a >> 32) as u32
                }
            }
            _ => 0,
        }
    };
    let (mut pc, mut acc, mut ran) = (0usize, 0u32, 0usize);
    loop {
        let i = prog.0[pc];
        let code = u32::from(i.code);
        pc += 1;
        ran += 1;
        match code & 0x07 {
            c if c == libc::BPF_LD => acc = word(i.k),
            c if c == libc::BPF_ALU => acc &= i.k,
            c if c == libc::BPF_RET => return (i.k, ran),
            c if c == libc::BPF_JMP => {
                let taken = match code & 0xf0 {
                    o if o == libc::BPF_JA => {
                        pc += i.k as usize;
                        continue;
                    }
                    o if o == libc::BPF_JEQ => acc == i.k,
                    o if o == libc::BPF_JGT => acc > i.k,
                    o if o == libc::BPF_JGE => acc >= i.k,
                    _ => unreachable!(),
                };
                pc += usize::from(if taken { i.jt } else { i.jf });
            }
            _ => unreachable!(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    const X86_64: u32 = 0xc000_003e;
    const I386: u32 = 0x4000_0003;

    fn cond(arg: u8, width: Width, op: Cmp, value: u64) -> Condition {
        Condition {
            arg,
            width,
            op,
            value,
        }
    }

    type Rules = Vec<(Vec<Condition>, Action)>;

    fn compile_for(arches: &[(u32, &BTreeMap<u32, Rules>)], default: Action) -> Program {
        let mut arches: Vec<ArchRules> = arches
            .iter()
            .map(|(audit_arch, calls)| ArchRules {
                audit_arch: *audit_arch,
                rules: calls
                    .iter()
                    .flat_map(|(nr, rules)| rules.iter().map(|(c, a)| (*nr, &c[..], *a)))
                    .collect(),
            })
            .collect();
        compile(&mut arches, default)
    }

    const DENY: Action = Action::Errno(1);

    #[test]
    fn many_calls_each_get_their_action_and_the_rest_the_default() {
        // Enough calls that jumps need the far form.
        let calls: BTreeMap<u32, Rules> = (0..600)
            .filter(|n| n % 3 != 0)
            .map(|n| (n, vec![(Vec::new(), Action::Allow)]))
            .collect();
        let prog = compile_for(&[(X86_64, &calls)], DENY);
        for nr in 0..700 {
            let want = if nr < 600 && nr % 3 != 0 {
                Action::Allow
            } else {
                DENY
            };
            assert_eq!(run(&prog, X86_64, nr, [0; 6]), want.ret(), "call {nr}");
        }
        assert_eq!(run(&prog, X86_64, 0x4000_0001, [0; 6]), DENY.ret(), "x32");
        assert_eq!(run(&prog, I386, 1, [0; 6]), Action::KillProcess.ret());
        // A search, not a chain: log2(400) comparisons, a leaf and the far
        // jumps, where a chain would run hundreds.
        let longest = (0..700)
            .map(|nr| steps(&prog, X86_64, nr, [0; 6]).1)
            .max()
            .unwrap();
        assert!(longest < 30, "{longest} instructions for one call");
    }

    #[test]
    fn each_architecture_has_its_own_numbers() {
        let native = BTreeMap::from([(39, vec![(Vec::new(), Action::Allow)])]);
        let compat = BTreeMap::from([(20, vec![(Vec::new(), Action::Allow)])]);
        let prog = compile_for(&[(X86_64, &native), (I386, &compat)], DENY);
        assert_eq!(run(&prog, X86_64, 39, [0; 6]), Action::Allow.ret());
        assert_eq!(run(&prog, X86_64, 20, [0; 6]), DENY.ret());
        assert_eq!(run(&prog, I386, 20, [0; 6]), Action::Allow.ret());
        assert_eq!(run(&prog, I386, 39, [0; 6]), DENY.ret());
        assert_eq!(
            run(&prog, 0xc000_00b7, 39, [0; 6]),
            Action::KillProcess.ret()
        );
    }

    #[test]
    fn comparisons_of_32_and_64_bits() {
        let big = 0x1_0000_0005u64;
        for (op, hits) in [
            (Cmp::Eq, [false, true, false, false]),
            (Cmp::Ne, [true, false, true, true]),
            (Cmp::Lt, [true, false, false, true]),
            (Cmp::Le, [true, true, false, true]),
            (Cmp::Gt, [false, false, true, false]),
            (Cmp::Ge, [false, true, true, false]),
        ] {
            let calls = BTreeMap::from([(
                7,
                vec![(vec![cond(2, Width::Full64, op, big)], Action::Allow)],
            )]);
            let prog = compile_for(&[(X86_64, &calls)], DENY);
            // Below, equal, above (high word), below (high word smaller, low larger).
            for (v, hit) in [big - 1, big, big + (1 << 32), 0xffff_ffff]
                .iter()
                .zip(hits)
            {
                let want = if hit { Action::Allow } else { DENY };
                let args = [0, 0, *v, 0, 0, 0];
                assert_eq!(run(&prog, X86_64, 7, args), want.ret(), "{op:?} {v:#x}");
            }
        }
        // 32 bits: the upper half is ignored.
        let calls = BTreeMap::from([(
            7,
            vec![(vec![cond(0, Width::Low32, Cmp::Eq, 8)], Action::Allow)],
        )]);
        let prog = compile_for(&[(X86_64, &calls)], DENY);
        assert_eq!(
            run(&prog, X86_64, 7, [0xdead_0000_0008, 0, 0, 0, 0, 0]),
            Action::Allow.ret()
        );
        assert_eq!(run(&prog, X86_64, 7, [9, 0, 0, 0, 0, 0]), DENY.ret());
        // Masks over 64 bits.
        let mask = 0x2_0000_0100u64;
        let calls = BTreeMap::from([(
            7,
            vec![(
                vec![cond(0, Width::Full64, Cmp::MaskedEq(mask), 0)],
                Action::Allow,
            )],
        )]);
        let prog = compile_for(&[(X86_64, &calls)], DENY);
        for (v, ok) in [(0x11, true), (0x100, false), (0x2_0000_0000, false)] {
            let want = if ok { Action::Allow } else { DENY };
            assert_eq!(run(&prog, X86_64, 7, [v, 0, 0, 0, 0, 0]), want.ret());
        }
    }

    #[test]
    fn the_most_restrictive_matching_rule_decides() {
        let is = |v| vec![cond(0, Width::Low32, Cmp::Eq, v)];
        let calls = BTreeMap::from([(
            7,
            vec![
                (is(1), Action::Allow),
                (is(2), Action::Errno(38)),
                (Vec::new(), Action::Log),
                (is(3), Action::KillThread),
            ],
        )]);
        let prog = compile_for(&[(X86_64, &calls)], DENY);
        let on = |v| run(&prog, X86_64, 7, [v, 0, 0, 0, 0, 0]);
        assert_eq!(on(3), Action::KillThread.ret());
        assert_eq!(on(2), Action::Errno(38).ret());
        // The unconditional Log is more restrictive than Allow.
        assert_eq!(on(1), Action::Log.ret());
        assert_eq!(on(9), Action::Log.ret());
    }
}
