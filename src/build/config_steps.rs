//! The instructions that change only the image config (CMD, ENV, LABEL,
//! USER, ...), applied to a config document with docker's rules: by `build`,
//! and as the `--change` lines of `import` and `commit`.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Map, Value, json};

use super::expand::Expander;
use super::parse::{CommandLine, Healthcheck, Instruction, exposed_ports, parse_instruction_line};
use crate::image::config::ConfigError;

/// The instructions `--change` takes, as docker's.
const CHANGE_INSTRUCTIONS: &[&str] = &[
    "CMD",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "LABEL",
    "ONBUILD",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// Applies one `--change` instruction (`CMD ["sh"]`, `ENV A=b`, ...) to the
/// image config document `doc`, parsed and expanded as a Containerfile line
/// (`$VAR` from the image's environment). A relative WORKDIR is taken from
/// the current one.
pub fn apply_change(doc: &mut Value, line: &str) -> Result<(), ConfigError> {
    let err = |why: String| ConfigError::Change {
        line: line.to_string(),
        why,
    };
    let keyword = line.split_whitespace().next().unwrap_or("");
    if !CHANGE_INSTRUCTIONS.contains(&keyword.to_ascii_uppercase().as_str()) {
        return Err(err(format!(
            "unknown instruction {keyword:?} (valid: {})",
            CHANGE_INSTRUCTIONS.join(", ")
        )));
    }
    // Expanded as a build would, with the image's environment.
    let vars: BTreeMap<String, String> = env(doc).into_iter().collect();
    let instr = parse_instruction_line(line).map_err(err)?;
    let instr = Expander::new('\\', &vars)
        .instruction(&instr)
        .map_err(|e| err(e.to_string()))?;
    match &instr {
        Instruction::Expose(ports) => {
            exposed_ports(ports).map_err(err)?;
        }
        Instruction::Workdir(dir) => {
            let dir = match dir.starts_with('/') {
                true => dir.clone(),
                false => {
                    let base = doc["config"]["WorkingDir"].as_str().unwrap_or("/");
                    format!("{}/{dir}", base.trim_end_matches('/'))
                }
            };
            config(doc).insert("WorkingDir".into(), json!(dir));
            return Ok(());
        }
        _ => {}
    }
    apply(doc, &instr, &mut false);
    Ok(())
}

/// The shell of shell-form commands when the image sets none.
pub const DEFAULT_SHELL: [&str; 2] = ["/bin/sh", "-c"];

/// The image's SHELL, or `/bin/sh -c`.
pub fn shell(doc: &Value) -> Vec<String> {
    doc["config"]["Shell"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .filter(|v: &Vec<String>| !v.is_empty())
        .unwrap_or_else(|| DEFAULT_SHELL.iter().map(|s| s.to_string()).collect())
}

/// `command` as an argv: exec form as it is, shell form through `shell`.
pub fn argv(command: &CommandLine, shell: &[String]) -> Vec<String> {
    match command {
        CommandLine::Exec(v) => v.clone(),
        CommandLine::Shell(text) => {
            let mut v = shell.to_vec();
            v.push(text.clone());
            v
        }
    }
}

/// The `config` object of `doc`, made when missing.
fn config(doc: &mut Value) -> &mut Map<String, Value> {
    if !doc["config"].is_object() {
        doc["config"] = json!({});
    }
    doc["config"].as_object_mut().expect("made an object above")
}

/// The environment of `doc` as (name, value) pairs.
pub fn env(doc: &Value) -> Vec<(String, String)> {
    doc["config"]["Env"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| {
            e.as_str()?
                .split_once('=')
                .map(|(k, v)| (k.into(), v.into()))
        })
        .collect()
}

fn set_env(doc: &mut Value, key: &str, value: &str) {
    let list = config(doc).entry("Env").or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
    }
    let list = list.as_array_mut().expect("made a list above");
    let prefix = format!("{key}=");
    let entry = json!(format!("{key}={value}"));
    match list
        .iter()
        .position(|e| e.as_str().is_some_and(|s| s.starts_with(&prefix)))
    {
        Some(i) => list[i] = entry,
        None => list.push(entry),
    }
}

fn nanos(d: &Option<Duration>) -> Option<Value> {
    d.map(|d| json!(d.as_nanos() as u64))
}

/// Applies a config-only instruction (already expanded) to `doc`.
/// `cmd_set` tracks whether this stage set CMD (ENTRYPOINT drops only an
/// inherited CMD, as docker). Returns false for instructions that are not
/// config-only.
pub fn apply(doc: &mut Value, instr: &Instruction, cmd_set: &mut bool) -> bool {
    let shell = shell(doc);
    match instr {
        Instruction::Cmd(c) => {
            config(doc).insert("Cmd".into(), json!(argv(c, &shell)));
            *cmd_set = true;
        }
        Instruction::Entrypoint(c) => {
            let cfg = config(doc);
            cfg.insert("Entrypoint".into(), json!(argv(c, &shell)));
            if !*cmd_set {
                cfg.insert("Cmd".into(), Value::Null);
            }
        }
        Instruction::Env(kvs) => {
            for kv in kvs {
                set_env(doc, &kv.key, &kv.value);
            }
        }
        Instruction::Label(kvs) => {
            let cfg = config(doc);
            let labels = cfg.entry("Labels").or_insert_with(|| json!({}));
            if !labels.is_object() {
                *labels = json!({});
            }
            for kv in kvs {
                labels[&kv.key] = json!(kv.value);
            }
        }
        Instruction::Maintainer(m) => doc["author"] = json!(m),
        Instruction::Expose(ports) => {
            let cfg = config(doc);
            let exposed = cfg.entry("ExposedPorts").or_insert_with(|| json!({}));
            if !exposed.is_object() {
                *exposed = json!({});
            }
            for p in super::parse::exposed_ports(ports).unwrap_or_else(|_| ports.clone()) {
                exposed[p] = json!({});
            }
        }
        Instruction::Volume(paths) => {
            let cfg = config(doc);
            let volumes = cfg.entry("Volumes").or_insert_with(|| json!({}));
            if !volumes.is_object() {
                *volumes = json!({});
            }
            for p in paths {
                volumes[p] = json!({});
            }
        }
        Instruction::User(u) => {
            config(doc).insert("User".into(), json!(u));
        }
        Instruction::Shell(v) => {
            config(doc).insert("Shell".into(), json!(v));
        }
        Instruction::StopSignal(s) => {
            config(doc).insert("StopSignal".into(), json!(s));
        }
        Instruction::Healthcheck(h) => {
            let value = match h {
                Healthcheck::None => json!({ "Test": ["NONE"] }),
                Healthcheck::Check {
                    test,
                    interval,
                    timeout,
                    start_period,
                    start_interval,
                    retries,
                } => {
                    let mut v = json!({ "Test": test });
                    for (k, d) in [
                        ("Interval", interval),
                        ("Timeout", timeout),
                        ("StartPeriod", start_period),
                        ("StartInterval", start_interval),
                    ] {
                        if let Some(n) = nanos(d) {
                            v[k] = n;
                        }
                    }
                    if let Some(r) = retries {
                        v["Retries"] = json!(r);
                    }
                    v
                }
            };
            config(doc).insert("Healthcheck".into(), value);
        }
        Instruction::Onbuild(trigger) => {
            let cfg = config(doc);
            let list = cfg.entry("OnBuild").or_insert_with(|| json!([]));
            if !list.is_array() {
                *list = json!([]);
            }
            list.as_array_mut()
                .expect("made a list above")
                .push(json!(trigger));
        }
        Instruction::Arg(_) => {}
        Instruction::Run(_)
        | Instruction::Add(_)
        | Instruction::Copy(_)
        | Instruction::Workdir(_) => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::parse::KeyValue;

    fn changed(lines: &[&str]) -> Value {
        let mut doc = json!({"config": {"WorkingDir": "/srv"}});
        for l in lines {
            apply_change(&mut doc, l).unwrap();
        }
        doc["config"].clone()
    }

    #[test]
    fn applies_changes() {
        let c = changed(&[
            "CMD [\"/bin/sh\", \"-c\", \"echo hi\"]",
            "ENV A=1 B=\"two words\"",
            "ENV A 3",
            "ENV C=$B!",
            "LABEL org.x=y",
            "EXPOSE 80 53/udp",
            "VOLUME /data",
            "WORKDIR app",
            "USER nobody",
            "STOPSIGNAL SIGINT",
            "ONBUILD RUN true",
        ]);
        assert_eq!(c["Cmd"], json!(["/bin/sh", "-c", "echo hi"]));
        // Replaced where it was, as docker does.
        assert_eq!(c["Env"], json!(["A=3", "B=two words", "C=two words!"]));
        assert_eq!(c["Labels"]["org.x"], "y");
        assert_eq!(c["ExposedPorts"], json!({"80/tcp": {}, "53/udp": {}}));
        assert_eq!(c["Volumes"], json!({"/data": {}}));
        assert_eq!(c["WorkingDir"], "/srv/app");
        assert_eq!(c["User"], "nobody");
        assert_eq!(c["StopSignal"], "SIGINT");
        assert_eq!(c["OnBuild"], json!(["RUN true"]));
        let c = changed(&["CMD echo hi"]);
        assert_eq!(c["Cmd"], json!(["/bin/sh", "-c", "echo hi"]));
    }

    #[test]
    fn rejects_bad_changes() {
        let mut doc = json!({});
        for bad in [
            "FROM busybox",
            "RUN true",
            "EXPOSE http",
            "ENV",
            "LABEL a=\"b",
        ] {
            assert!(apply_change(&mut doc, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn entrypoint_drops_only_an_inherited_cmd() {
        let mut doc = json!({"config": {"Cmd": ["sh"]}});
        let mut cmd_set = false;
        let ep = Instruction::Entrypoint(CommandLine::Exec(vec!["/bin/echo".into()]));
        apply(&mut doc, &ep, &mut cmd_set);
        assert!(doc["config"]["Cmd"].is_null());
        let cmd = Instruction::Cmd(CommandLine::Shell("echo hi".into()));
        apply(&mut doc, &cmd, &mut cmd_set);
        apply(&mut doc, &ep, &mut cmd_set);
        assert_eq!(doc["config"]["Cmd"], json!(["/bin/sh", "-c", "echo hi"]));
    }

    #[test]
    fn env_replaces_and_appends() {
        let mut doc = json!({"config": {"Env": ["PATH=/bin", "A=1"]}});
        let kv = |k: &str, v: &str| KeyValue {
            key: k.into(),
            value: v.into(),
        };
        apply(
            &mut doc,
            &Instruction::Env(vec![kv("A", "2"), kv("B", "x y")]),
            &mut false,
        );
        assert_eq!(doc["config"]["Env"], json!(["PATH=/bin", "A=2", "B=x y"]));
        assert_eq!(env(&doc)[2], ("B".into(), "x y".into()));
    }
}
