//! The data behind `inspect` and `ps` for containers, shaped as podman's.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::{caps, security};
use crate::storage::Store;
use crate::storage::containers::{ContainerRecord, ContainerState, Status};

fn time(t: Option<DateTime<Utc>>) -> Value {
    // Go's zero time, as podman prints for "never".
    json!(t.map_or_else(
        || "0001-01-01T00:00:00Z".to_string(),
        |t| t.to_rfc3339_opts(SecondsFormat::Nanos, true)
    ))
}

/// podman's `inspect` document for a container in state `st`.
pub fn document(store: &Store, rec: &ContainerRecord, st: &ContainerState) -> Value {
    let c = &rec.config;
    let dir = store.container_dir(&rec.id);
    let userdata = dir.join("userdata");
    let argv = c.argv();
    let running = matches!(st.status, Status::Running | Status::Paused);
    let lower: Vec<String> = rec
        .layers
        .iter()
        .rev()
        .map(|l| store.layer_dir(l).join("diff").display().to_string())
        .collect();
    let caps: Vec<String> = security::capabilities(&rec.config.security)
        .into_iter()
        .map(caps::name)
        .collect();
    let log_path = userdata.join("ctr.log");
    let attachments = crate::net::attach::load(store, &rec.id);
    let networks: serde_json::Map<String, Value> = attachments
        .iter()
        .map(|a| {
            (
                a.network.clone(),
                json!({
                    "EndpointID": "",
                    "Gateway": a.gateway.to_string(),
                    "IPAddress": a.ip.to_string(),
                    "IPPrefixLen": a.prefix_len,
                    "IPv6Gateway": "",
                    "GlobalIPv6Address": "",
                    "GlobalIPv6PrefixLen": 0,
                    "MacAddress": a.mac,
                    "NetworkID": a.network_id,
                    "DriverOpts": null,
                    "IPAMConfig": null,
                    "Links": null,
                    "Aliases": a.aliases,
                }),
            )
        })
        .collect();
    // As podman: the first network's address is shown at the top level too.
    let first = attachments.first();
    json!({
        "Id": rec.id,
        "Created": time(Some(rec.created)),
        "Path": argv.first().cloned().unwrap_or_default(),
        "Args": argv.iter().skip(1).collect::<Vec<_>>(),
        "State": {
            "OciVersion": "1.1.0",
            "Status": st.status.as_str(),
            "Running": st.status == Status::Running,
            "Paused": st.status == Status::Paused,
            "Restarting": false,
            "OOMKilled": st.oom_killed,
            "Dead": false,
            "Pid": if running { st.pid } else { 0 },
            "ConmonPid": if running { st.monitor_pid } else { 0 },
            "ExitCode": st.exit_code,
            "Error": st.error,
            "StartedAt": time(st.started_at),
            "FinishedAt": time(st.finished_at),
        },
        "Image": rec.image_id.hex(),
        "ImageDigest": rec.image_id.to_string(),
        "ImageName": rec.image_name,
        "Rootfs": "",
        "Pod": "",
        "ResolvConfPath": userdata.join("resolv.conf"),
        "HostnamePath": userdata.join("hostname"),
        "HostsPath": userdata.join("hosts"),
        "StaticDir": userdata,
        "OCIRuntime": "rctl",
        "Name": rec.name,
        "RestartCount": st.restart_count,
        "Driver": "overlay",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "",
        "EffectiveCaps": caps,
        "BoundingCaps": caps,
        "ExecIDs": [],
        "GraphDriver": {
            "Name": "overlay",
            "Data": {
                "LowerDir": lower.join(":"),
                "UpperDir": dir.join("upper"),
                "WorkDir": dir.join("work"),
                "MergedDir": dir.join("merged"),
            },
        },
        "Mounts": super::volumes::inspect_mounts(store, rec),
        "Dependencies": [],
        "NetworkSettings": {
            "EndpointID": "",
            "Gateway": first.map_or_else(String::new, |a| a.gateway.to_string()),
            "IPAddress": first.map_or_else(String::new, |a| a.ip.to_string()),
            "IPPrefixLen": first.map_or(0, |a| a.prefix_len),
            "MacAddress": first.map_or("", |a| a.mac.as_str()),
            "Ports": port_map(if running { &st.ports } else { &[] }),
            "SandboxKey": if running && c.network != "host" { json!(format!("/proc/{}/ns/net", st.pid)) } else { json!("") },
            "Networks": networks,
        },
        "Namespace": "",
        "IsInfra": false,
        "Config": {
            "Hostname": c.hostname,
            "Domainname": "",
            "User": c.user,
            "AttachStdin": c.open_stdin,
            "AttachStdout": true,
            "AttachStderr": true,
            "Tty": c.tty,
            "OpenStdin": c.open_stdin,
            "StdinOnce": false,
            "Env": c.env,
            "Cmd": c.cmd,
            "Image": rec.image_name,
            "Volumes": null,
            "WorkingDir": c.working_dir,
            "Entrypoint": c.entrypoint,
            "OnBuild": null,
            "Labels": c.labels,
            "Annotations": c.annotations,
            "StopSignal": c.stop_signal,
            "StopTimeout": c.stop_timeout,
        },
        "HostConfig": {
            "Binds": super::volumes::inspect_binds(rec),
            "LogConfig": { "Type": c.log_driver, "Path": log_path },
            "NetworkMode": c.network,
            "ExtraHosts": c.names.add_hosts,
            "Dns": c.names.servers,
            "DnsSearch": c.names.search,
            "DnsOptions": c.names.options,
            "PortBindings": port_map(&c.ports),
            "RestartPolicy": { "Name": "", "MaximumRetryCount": 0 },
            "AutoRemove": c.auto_remove,
            "CapAdd": c.security.cap_add,
            "CapDrop": c.security.cap_drop,
            "Init": c.init,
            "Privileged": c.security.privileged,
            "ReadonlyRootfs": c.read_only,
            "ReadonlyTmpfs": c.read_only && c.security.read_only_tmpfs,
            "SecurityOpt": security::inspect_opts(&c.security),
            "Devices": c.security.devices.iter().map(|d| json!({
                "PathOnHost": d.host,
                "PathInContainer": d.container,
                "CgroupPermissions": d.permissions,
            })).collect::<Vec<_>>(),
            "GroupAdd": c.security.group_add,
            "Sysctls": c.security.sysctls,
            "UsernsMode": "",
            "Memory": c.resources.memory.unwrap_or(0),
            "MemorySwap": c.resources.memory_swap.unwrap_or(0),
            "MemoryReservation": c.resources.memory_reservation.unwrap_or(0),
            "NanoCpus": c.resources.cpus.map_or(0, |n| (n * 1e9).round() as i64),
            "CpuShares": c.resources.cpu_shares.unwrap_or(0),
            "CpusetCpus": c.resources.cpuset_cpus.clone().unwrap_or_default(),
            "PidsLimit": c.resources.pids_limit.unwrap_or(0),
            "OomScoreAdj": c.resources.oom_score_adj.unwrap_or(0),
            "Ulimits": c.resources.ulimits.iter().map(|u| json!({
                "Name": format!("RLIMIT_{}", u.name.to_uppercase()),
                "Soft": u.soft,
                "Hard": u.hard,
            })).collect::<Vec<_>>(),
        },
    })
}

/// Ports as docker's inspect shows them: `{"80/tcp": [{"HostIp": "",
/// "HostPort": "8080"}]}` (a host port of 0, not yet chosen, is "").
fn port_map(ports: &[crate::net::ports::PortMapping]) -> Value {
    let mut map = serde_json::Map::new();
    for p in ports {
        let key = format!("{}/{}", p.container_port, p.protocol);
        let binding = json!({
            "HostIp": p.host_ip.map_or_else(String::new, |ip| ip.to_string()),
            "HostPort": if p.host_port == 0 { String::new() } else { p.host_port.to_string() },
        });
        match map.get_mut(&key).and_then(Value::as_array_mut) {
            Some(list) => list.push(binding),
            None => {
                map.insert(key, json!([binding]));
            }
        }
    }
    Value::Object(map)
}

/// `Up 5 seconds`, `Exited (0) 2 minutes ago`, `Created`: podman's status text.
pub fn status_text(st: &ContainerState, ago: impl Fn(DateTime<Utc>) -> String) -> String {
    match st.status {
        Status::Created => "Created".into(),
        Status::Running => match st.started_at {
            Some(t) => format!("Up {}", ago(t)),
            None => "Up".into(),
        },
        Status::Paused => "Paused".into(),
        Status::Exited => match st.finished_at {
            Some(t) => format!("Exited ({}) {}", st.exit_code, ago(t)),
            None => format!("Exited ({})", st.exit_code),
        },
    }
}
