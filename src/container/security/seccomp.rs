//! seccomp: rctl's default filter and docker's JSON profiles, compiled to
//! classic BPF by `seccompiler` (pure Rust: no libseccomp in the static
//! binary), and installed in the container's process before exec.
//!
//! A profile becomes a [`Policy`]: a default action and rules, each a system
//! call, conditions on its arguments, and an action. `seccompiler` builds
//! filters with one action for all matches, so a policy with several actions
//! becomes several filters. The kernel runs every filter and takes the most
//! restrictive answer, so: one filter per non-allow action that returns the
//! action for its rules and "allow" otherwise; then a last one that allows
//! every listed call (whatever its action) and returns the default action
//! for the rest. A call listed with action A ends as A, any other as the
//! default.
//!
//! Only the native architecture is filtered (x86-64 or aarch64); calls made
//! through another ABI (32-bit x86 `int 0x80`) kill the process, as
//! `seccompiler` builds its filters.

use std::collections::BTreeMap;
use std::str::FromStr;

use seccompiler::{
    BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
    SeccompRule, TargetArch,
};
use serde::Deserialize;

use super::{Seccomp, SecurityError, seccomp_table};
use crate::container::caps;

/// A seccomp policy: what each listed call gets, and the default.
#[derive(Clone, Debug)]
pub struct Policy {
    /// The action for calls no rule matches.
    pub default: SeccompAction,
    /// The rules.
    pub rules: Vec<Rule>,
}

/// One call, optionally only when its arguments match, and its action.
#[derive(Clone, Debug)]
pub struct Rule {
    /// The call's number on this architecture.
    pub nr: i64,
    /// Conditions that must all hold (none: always).
    pub conditions: Vec<SeccompCondition>,
    /// What the call gets.
    pub action: SeccompAction,
}

fn arch() -> TargetArch {
    TargetArch::try_from(std::env::consts::ARCH).expect("rctl builds for x86_64 and aarch64 only")
}

/// The call named `name` on this architecture, if it has one.
pub fn number(name: &str) -> Option<i64> {
    syscalls::Sysno::from_str(name).ok().map(|s| s.id() as i64)
}

/// Rules per call: `None` matches always, else any of the rules.
type Chains = BTreeMap<i64, Option<Vec<SeccompRule>>>;

fn add_rule(chains: &mut Chains, nr: i64, rule: &Option<SeccompRule>) {
    let chain = chains.entry(nr).or_insert_with(|| Some(Vec::new()));
    match (chain.as_mut(), rule) {
        // An unconditional rule makes the call match always.
        (_, None) => *chain = None,
        (Some(rules), Some(r)) => rules.push(r.clone()),
        (None, Some(_)) => {}
    }
}

/// seccompiler's form: an empty chain matches always.
fn filter_rules(chains: Chains) -> BTreeMap<i64, Vec<SeccompRule>> {
    chains
        .into_iter()
        .map(|(nr, c)| (nr, c.unwrap_or_default()))
        .collect()
}

impl Policy {
    /// The filters enforcing the policy, to install in order.
    pub fn compile(&self) -> Result<Vec<BpfProgram>, seccompiler::BackendError> {
        let mut by_action: Vec<(SeccompAction, Chains)> = Vec::new();
        let mut listed = Chains::new();
        for r in &self.rules {
            // A call listed with the default action is as good as unlisted.
            if r.action == self.default {
                continue;
            }
            let rule = (!r.conditions.is_empty())
                .then(|| SeccompRule::new(r.conditions.clone()))
                .transpose()?;
            add_rule(&mut listed, r.nr, &rule);
            if r.action == SeccompAction::Allow {
                continue;
            }
            let i = match by_action.iter().position(|(a, _)| *a == r.action) {
                Some(i) => i,
                None => {
                    by_action.push((r.action.clone(), Chains::new()));
                    by_action.len() - 1
                }
            };
            add_rule(&mut by_action[i].1, r.nr, &rule);
        }
        let mut out = Vec::new();
        for (action, chains) in by_action {
            let f = SeccompFilter::new(filter_rules(chains), SeccompAction::Allow, action, arch())?;
            out.push(f.try_into()?);
        }
        if self.default != SeccompAction::Allow {
            let f = SeccompFilter::new(
                filter_rules(listed),
                self.default.clone(),
                SeccompAction::Allow,
                arch(),
            )?;
            out.push(f.try_into()?);
        }
        Ok(out)
    }
}

/// The filters for `choice` when the process has capabilities `caps`.
pub fn programs(choice: &Seccomp, caps: &[u32]) -> Result<Vec<BpfProgram>, SecurityError> {
    let policy = match choice {
        Seccomp::Unconfined => return Ok(Vec::new()),
        Seccomp::Default => seccomp_table::default_policy(caps),
        Seccomp::Profile { path, json } => {
            let bad = |why: String| SecurityError::Profile {
                path: path.clone(),
                why,
            };
            let profile: Profile = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
            profile.policy(caps, kernel_version()).map_err(bad)?
        }
    };
    policy.compile().map_err(|e| SecurityError::Profile {
        path: match choice {
            Seccomp::Profile { path, .. } => path.clone(),
            _ => "(default)".into(),
        },
        why: e.to_string(),
    })
}

/// Installs `filters` on this thread. Without no_new_privs the caller needs
/// CAP_SYS_ADMIN (in its user namespace): call it before dropping to the
/// container's user.
pub fn install(filters: &[BpfProgram]) -> std::io::Result<()> {
    for f in filters {
        let prog = libc::sock_fprog {
            len: f.len() as u16,
            // seccompiler's sock_filter has the kernel's layout.
            filter: f.as_ptr() as *mut libc::sock_filter,
        };
        // SAFETY: the kernel copies the program; `f` outlives the call.
        let rc = unsafe {
            libc::syscall(
                libc::SYS_seccomp,
                libc::SECCOMP_SET_MODE_FILTER,
                0,
                &prog as *const libc::sock_fprog,
            )
        };
        if rc != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// This kernel's version (major, minor), for `minKernel`.
fn kernel_version() -> (u32, u32) {
    let release = nix::sys::utsname::uname()
        .map(|u| u.release().to_string_lossy().into_owned())
        .unwrap_or_default();
    parse_version(&release).unwrap_or((0, 0))
}

fn parse_version(s: &str) -> Option<(u32, u32)> {
    let mut parts = s.split(|c: char| !c.is_ascii_digit());
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// A profile in docker's (and the OCI runtime spec's) JSON format.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Profile {
    default_action: String,
    #[serde(default)]
    default_errno_ret: Option<u32>,
    #[serde(default)]
    syscalls: Vec<SyscallEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SyscallEntry {
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    name: Option<String>,
    action: String,
    #[serde(default)]
    errno_ret: Option<u32>,
    #[serde(default)]
    args: Option<Vec<Arg>>,
    #[serde(default)]
    includes: Option<When>,
    #[serde(default)]
    excludes: Option<When>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Arg {
    index: u8,
    value: u64,
    #[serde(default)]
    value_two: u64,
    op: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct When {
    #[serde(default)]
    caps: Vec<String>,
    #[serde(default)]
    arches: Vec<String>,
    #[serde(default)]
    min_kernel: Option<String>,
}

/// Our architecture's names in profiles (Go's and libseccomp's).
fn our_arch(name: &str) -> bool {
    let ours: &[&str] = match std::env::consts::ARCH {
        "x86_64" => &["amd64", "x86_64", "SCMP_ARCH_X86_64"],
        _ => &["arm64", "aarch64", "SCMP_ARCH_AARCH64"],
    };
    ours.contains(&name)
}

fn action(name: &str, errno: Option<u32>, default_errno: u32) -> Result<SeccompAction, String> {
    Ok(match name {
        "SCMP_ACT_ALLOW" => SeccompAction::Allow,
        "SCMP_ACT_ERRNO" => SeccompAction::Errno(errno.unwrap_or(default_errno)),
        "SCMP_ACT_KILL" | "SCMP_ACT_KILL_THREAD" => SeccompAction::KillThread,
        "SCMP_ACT_KILL_PROCESS" => SeccompAction::KillProcess,
        "SCMP_ACT_TRAP" => SeccompAction::Trap,
        "SCMP_ACT_TRACE" => SeccompAction::Trace(errno.unwrap_or(default_errno)),
        "SCMP_ACT_LOG" => SeccompAction::Log,
        other => return Err(format!("unsupported action {other}")),
    })
}

fn condition(a: &Arg) -> Result<SeccompCondition, String> {
    let (op, value) = match a.op.as_str() {
        "SCMP_CMP_EQ" => (SeccompCmpOp::Eq, a.value),
        "SCMP_CMP_NE" => (SeccompCmpOp::Ne, a.value),
        "SCMP_CMP_LT" => (SeccompCmpOp::Lt, a.value),
        "SCMP_CMP_LE" => (SeccompCmpOp::Le, a.value),
        "SCMP_CMP_GT" => (SeccompCmpOp::Gt, a.value),
        "SCMP_CMP_GE" => (SeccompCmpOp::Ge, a.value),
        // libseccomp: (arg & value) == valueTwo.
        "SCMP_CMP_MASKED_EQ" => (SeccompCmpOp::MaskedEq(a.value), a.value_two),
        other => return Err(format!("unsupported argument comparison {other}")),
    };
    SeccompCondition::new(a.index, SeccompCmpArgLen::Qword, op, value).map_err(|e| e.to_string())
}

impl Profile {
    /// The policy for a process with capabilities `caps` on kernel `kernel`.
    fn policy(&self, caps: &[u32], kernel: (u32, u32)) -> Result<Policy, String> {
        let default_errno = self.default_errno_ret.unwrap_or(libc::EPERM as u32);
        let mut rules = Vec::new();
        for e in &self.syscalls {
            if !e.applies(caps, kernel) {
                continue;
            }
            let act = action(&e.action, e.errno_ret, libc::EPERM as u32)?;
            let conditions = e
                .args
                .iter()
                .flatten()
                .map(condition)
                .collect::<Result<Vec<_>, _>>()?;
            // Names of other architectures' calls are skipped, as libseccomp does.
            for nr in e.names.iter().chain(&e.name).filter_map(|n| number(n)) {
                rules.push(Rule {
                    nr,
                    conditions: conditions.clone(),
                    action: act.clone(),
                });
            }
        }
        Ok(Policy {
            default: action(&self.default_action, None, default_errno)?,
            rules,
        })
    }
}

impl SyscallEntry {
    /// Whether the entry's `includes` and `excludes` select it.
    fn applies(&self, caps: &[u32], kernel: (u32, u32)) -> bool {
        let has = |c: &String| caps::number(c).is_some_and(|n| caps.contains(&n));
        if let Some(inc) = &self.includes {
            if !inc.caps.iter().all(has) {
                return false;
            }
            if !inc.arches.is_empty() && !inc.arches.iter().any(|a| our_arch(a)) {
                return false;
            }
            if let Some(min) = inc.min_kernel.as_deref().and_then(parse_version)
                && kernel < min
            {
                return false;
            }
        }
        if let Some(exc) = &self.excludes
            && (exc.caps.iter().any(has) || exc.arches.iter().any(|a| our_arch(a)))
        {
            return false;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_json() {
        let json = r#"{
            "defaultAction": "SCMP_ACT_ALLOW",
            "architectures": ["SCMP_ARCH_X86_64"],
            "syscalls": [
                {"names": ["mkdir", "mkdirat", "no_such_call"], "action": "SCMP_ACT_ERRNO"},
                {"names": ["unshare"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38,
                 "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
                {"names": ["clone"], "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]},
                {"names": ["personality"], "action": "SCMP_ACT_ERRNO",
                 "includes": {"minKernel": "99.0"}}
            ]
        }"#;
        let p: Profile = serde_json::from_str(json).unwrap();
        let pol = p.policy(&caps::default_set(), (6, 1)).unwrap();
        assert_eq!(pol.default, SeccompAction::Allow);
        // mkdir, mkdirat, unshare, clone; no_such_call and personality skipped.
        assert_eq!(pol.rules.len(), 4);
        assert!(
            pol.rules
                .iter()
                .any(|r| r.action == SeccompAction::Errno(38))
        );
        let filters = pol.compile().unwrap();
        assert_eq!(filters.len(), 2, "one filter per blocking action");
        let admin = p.policy(&caps::all(), (6, 1)).unwrap();
        assert_eq!(admin.rules.len(), 3, "unshare excluded with CAP_SYS_ADMIN");
        let bad: Profile = serde_json::from_str(r#"{"defaultAction": "SCMP_ACT_NOPE"}"#).unwrap();
        assert!(bad.policy(&[], (6, 1)).is_err());
    }

    #[test]
    fn versions() {
        assert_eq!(parse_version("6.1.0-18-amd64"), Some((6, 1)));
        assert_eq!(parse_version("4.8"), Some((4, 8)));
        assert_eq!(parse_version("x"), None);
    }
}
