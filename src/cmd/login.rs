//! `rctl login` and `rctl logout`: credentials in podman's auth.json.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;

use super::Ctx;
use super::registry::{self, RegistryArgs};
use crate::image::auth::{Credentials, Secret};
use crate::image::registry::Remote;

/// Flags of `login`.
#[derive(Args, Debug)]
pub struct LoginArgs {
    /// User name
    #[arg(short, long)]
    username: Option<String>,
    /// Password (visible to other users in the process list: prefer --password-stdin)
    #[arg(short, long)]
    password: Option<String>,
    /// Read the password from standard input
    #[arg(long)]
    password_stdin: bool,
    /// Print the user name logged in to the registry, and nothing else
    #[arg(long)]
    get_login: bool,
    #[command(flatten)]
    registry: RegistryArgs,
    /// The registry (HOST[:PORT], or HOST/NAMESPACE for credentials of one namespace)
    server: String,
}

/// Flags of `logout`.
#[derive(Args, Debug)]
pub struct LogoutArgs {
    /// Remove the credentials of every registry
    #[arg(short, long)]
    all: bool,
    /// Credentials file (default: podman's auth.json)
    #[arg(long, env = "REGISTRY_AUTH_FILE", value_name = "FILE")]
    authfile: Option<PathBuf>,
    /// The registry
    #[arg(required_unless_present = "all")]
    server: Option<String>,
}

/// The key a registry's credentials are kept under: no scheme, no trailing slash.
fn key(server: &str) -> String {
    let s = server
        .strip_prefix("https://")
        .or_else(|| server.strip_prefix("http://"))
        .unwrap_or(server);
    s.trim_end_matches('/').to_string()
}

/// Runs `login`: checks the credentials with the registry, then stores them.
pub fn login(ctx: &Ctx, a: LoginArgs) -> Result<i32> {
    let key = key(&a.server);
    let host = key.split('/').next().unwrap_or(&key).to_string();
    let files = a.registry.auth_files(ctx);
    let registries = registry::registries()?;
    let insecure = a.registry.insecure() || registries.insecure(&host);
    if a.get_login {
        match files.lookup(&key) {
            Some(c) => println!("{}", c.user),
            None => bail!("not logged into {key}"),
        }
        return Ok(0);
    }
    let remote = Remote::new(a.registry.credentials(ctx)?)?;
    if a.username.is_none()
        && a.password.is_none()
        && !a.password_stdin
        && let Some(existing) = files.lookup(&key)
    {
        println!("Authenticating with existing credentials for {key}");
        if remote.check_login(&host, insecure, &existing).is_ok() {
            println!("Existing credentials are valid. Already logged in to {key}");
            return Ok(0);
        }
        println!("Existing credentials are invalid, please enter valid username and password");
    }
    let creds = match &a.registry.creds {
        Some(c) => Credentials::parse(c).map_err(anyhow::Error::msg)?,
        None => ask(&a)?,
    };
    remote.check_login(&host, insecure, &creds)?;
    files
        .store(&key, &creds)
        .context("storing the credentials")?;
    println!("Login Succeeded!");
    Ok(0)
}

/// The user name and password from the flags, standard input, or prompts.
fn ask(a: &LoginArgs) -> Result<Credentials> {
    let stdin = std::io::stdin();
    if a.password_stdin && a.password.is_some() {
        bail!("--password and --password-stdin are mutually exclusive");
    }
    if a.password_stdin && a.username.is_none() {
        bail!("--password-stdin needs --username");
    }
    let user = match &a.username {
        Some(u) => u.clone(),
        None if stdin.is_terminal() => prompt("Username: ", true)?,
        None => bail!("no user name: give --username (standard input is not a terminal)"),
    };
    if user.is_empty() {
        bail!("the user name is empty");
    }
    let password = if a.password_stdin {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        line.trim_end_matches(['\n', '\r']).to_string()
    } else {
        match &a.password {
            Some(p) => p.clone(),
            None if stdin.is_terminal() => prompt("Password: ", false)?,
            None => bail!("no password: give --password-stdin or --password"),
        }
    };
    Ok(Credentials {
        user,
        password: Secret::new(password),
    })
}

/// Reads one line from the terminal; without echo for a password.
fn prompt(text: &str, echo: bool) -> Result<String> {
    use nix::sys::termios::{LocalFlags, SetArg, tcgetattr, tcsetattr};
    let mut err = std::io::stderr();
    write!(err, "{text}")?;
    err.flush()?;
    let stdin = std::io::stdin();
    let saved = if echo {
        None
    } else {
        let t = tcgetattr(&stdin).context("reading the terminal settings")?;
        let mut quiet = t.clone();
        quiet.local_flags.remove(LocalFlags::ECHO);
        tcsetattr(&stdin, SetArg::TCSANOW, &quiet).context("turning off echo")?;
        Some(t)
    };
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    if let Some(t) = saved {
        let _ = tcsetattr(&stdin, SetArg::TCSANOW, &t);
        eprintln!();
    }
    read.context("reading from the terminal")?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

/// Runs `logout`.
pub fn logout(ctx: &Ctx, a: LogoutArgs) -> Result<i32> {
    let files = RegistryArgs {
        authfile: a.authfile,
        ..RegistryArgs::default()
    }
    .auth_files(ctx);
    if a.all {
        files.remove(None)?;
        println!("Removed login credentials for all registries");
        return Ok(0);
    }
    let key = key(a.server.as_deref().expect("clap requires it"));
    if !files.remove(Some(&key))? {
        bail!("not logged into {key}");
    }
    println!("Removed login credentials for {key}");
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(key("https://127.0.0.1:5000/"), "127.0.0.1:5000");
        assert_eq!(key("quay.io/team"), "quay.io/team");
    }
}
