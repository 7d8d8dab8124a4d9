//! `spoor user`, `spoor token`, `spoor audit`: accounts and access of an
//! archive (docs/ACCESS.md). The CLI acts as the archive's local owner
//! ([`Caller::Local`]); every change it makes is in the audit log.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use spoor::access::{
    Access, Action, ActorKind, AuditEvent, AuditFilter, Caller, Role, TokenInfo, User,
};
use std::io::{BufRead, IsTerminal};
use std::path::Path;

/// Output of the listing commands.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    /// One line per entry, tab-separated.
    Text,
    /// One JSON object.
    Json,
}

/// A role in a collection.
#[derive(Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// Search, read and check.
    Viewer,
    /// And change the collection.
    Editor,
    /// And grant roles in it.
    Owner,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Viewer => Role::Viewer,
            RoleArg::Editor => Role::Editor,
            RoleArg::Owner => Role::Owner,
        }
    }
}

/// Manage users of `spoor serve` and their roles per collection.
#[derive(Subcommand)]
pub enum UserCmd {
    /// Add a user; the password is asked for (without echo), or read from standard input.
    Add {
        /// The login name (a-z, 0-9, '.', '_', '-').
        name: String,
        /// Administrator: reads every collection, manages users and tokens.
        #[arg(long)]
        admin: bool,
        /// Read the password as one line of standard input (for scripts).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a user's password (ends the user's sessions).
    Passwd {
        /// The login name.
        name: String,
        /// Read the password as one line of standard input (for scripts).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Give a user a role in a collection (replacing the role it had there).
    Grant {
        /// The login name.
        name: String,
        /// The collection (`default` for documents ingested without one).
        collection: String,
        /// The role.
        #[arg(value_enum)]
        role: RoleArg,
    },
    /// Take away a user's role in a collection.
    Revoke {
        /// The login name.
        name: String,
        /// The collection.
        collection: String,
    },
    /// Disable a user: no login; its sessions end and its tokens are refused.
    Disable {
        /// The login name.
        name: String,
    },
    /// Enable a disabled user again.
    Enable {
        /// The login name.
        name: String,
    },
    /// List users and their roles.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
}

/// Manage API tokens for scripts.
#[derive(Subcommand)]
pub enum TokenCmd {
    /// Make a token for a user and print it (once: only its hash is kept).
    Create {
        /// A name for the token (to list and revoke it by).
        name: String,
        /// The user the token acts for.
        #[arg(long)]
        user: String,
        /// Days until it expires.
        #[arg(long, default_value_t = 90)]
        days: u32,
    },
    /// Revoke a token.
    Revoke {
        /// The token's name.
        name: String,
    },
    /// List tokens (never the tokens themselves).
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
}

/// List the audit log: who did what, when.
#[derive(Args)]
pub struct AuditArgs {
    /// Only events of this user.
    #[arg(long)]
    user: Option<String>,
    /// Only this action.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(Action::ALL.map(Action::name)))]
    action: Option<String>,
    /// Only events since this date (YYYY-MM-DD, UTC) or time (RFC 3339).
    #[arg(long)]
    since: Option<String>,
    /// Only the last N events.
    #[arg(long)]
    limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ListFormat,
}

/// Open the accounts store of an existing archive.
fn open(dir: &Path) -> Result<Access> {
    if !dir.join("catalog.redb").exists() {
        bail!(
            "no archive at {} (accounts belong to an archive: ingest first, or give --archive)",
            dir.display()
        );
    }
    Access::open(dir).with_context(|| format!("cannot open the accounts of {}", dir.display()))
}

/// Run `spoor user …`.
pub fn user(dir: &Path, cmd: UserCmd) -> Result<u8> {
    let access = open(dir)?;
    let me = &Caller::Local;
    match cmd {
        UserCmd::Add {
            name,
            admin,
            password_stdin,
        } => {
            let pw = password(&name, password_stdin)?;
            access.add_user(me, &name, &pw, admin)?;
            eprintln!("added user {name}{}", if admin { " (admin)" } else { "" });
        }
        UserCmd::Passwd {
            name,
            password_stdin,
        } => {
            if access.user(&name)?.is_none() {
                bail!("no user named {name}");
            }
            let pw = password(&name, password_stdin)?;
            access.set_password(me, &name, &pw)?;
            eprintln!("password of {name} set");
        }
        UserCmd::Grant {
            name,
            collection,
            role,
        } => {
            let role = Role::from(role);
            access.grant(me, &name, &collection, role)?;
            eprintln!(
                "{name} is {role} of {}",
                spoor::access::collection_name(&collection)
            );
        }
        UserCmd::Revoke { name, collection } => {
            if !access.revoke(me, &name, &collection)? {
                eprintln!("{name} had no role in {collection}");
            }
        }
        UserCmd::Disable { name } => access.set_disabled(me, &name, true)?,
        UserCmd::Enable { name } => access.set_disabled(me, &name, false)?,
        UserCmd::List { format } => print_users(&access.users(me)?, format)?,
    }
    Ok(0)
}

/// Run `spoor token …`.
pub fn token(dir: &Path, cmd: TokenCmd) -> Result<u8> {
    let access = open(dir)?;
    let me = &Caller::Local;
    match cmd {
        TokenCmd::Create { name, user, days } => {
            let t = access.create_token(me, &name, &user, days)?;
            println!("{}", t.secret);
            eprintln!(
                "token {name} for {user}, expires {}: this is the only time it is shown",
                t.info.expires_at.format("%Y-%m-%d %H:%M UTC")
            );
        }
        TokenCmd::Revoke { name } => {
            access.revoke_token(me, &name)?;
            eprintln!("token {name} revoked");
        }
        TokenCmd::List { format } => {
            let now = access.now();
            print_tokens(&access.tokens(me)?, |t| t.is_live(now), format)?
        }
    }
    Ok(0)
}

/// Run `spoor audit`.
pub fn audit(dir: &Path, args: AuditArgs) -> Result<u8> {
    let access = open(dir)?;
    let filter = AuditFilter {
        user: args.user,
        action: args.action.as_deref().map(str::parse).transpose()?,
        since: args
            .since
            .as_deref()
            .map(spoor::access::audit::parse_time)
            .transpose()?,
        limit: args.limit,
    };
    let events = access.audit(&Caller::Local, &filter)?;
    if args.format == ListFormat::Json {
        println!("{}", serde_json::json!({ "events": events }));
    } else {
        let mut out = String::new();
        for e in &events {
            out.push_str(&event_line(e));
            out.push('\n');
        }
        print!("{out}");
    }
    Ok(0)
}

/// One audit event as a line: `seq  time  who  action  target  [client]`.
fn event_line(e: &AuditEvent) -> String {
    let user = e.user.as_deref().unwrap_or("");
    let who = match e.by {
        ActorKind::Local => "local".to_string(),
        ActorKind::User => format!("user:{user}"),
        ActorKind::Token => format!("token:{}({user})", e.token.as_deref().unwrap_or("")),
        ActorKind::Anonymous => format!("anonymous:{user}"),
    };
    let client = e
        .client
        .as_deref()
        .map(|c| format!("\t[{c}]"))
        .unwrap_or_default();
    format!(
        "{}\t{}\t{who}\t{}\t{}{client}",
        e.seq,
        e.at.format("%Y-%m-%dT%H:%M:%SZ"),
        e.action,
        e.target
    )
}

fn print_users(users: &[User], format: ListFormat) -> Result<()> {
    if format == ListFormat::Json {
        println!("{}", serde_json::json!({ "users": users }));
        return Ok(());
    }
    for u in users {
        let mut flags = Vec::new();
        if u.admin {
            flags.push("admin");
        }
        if u.disabled {
            flags.push("disabled");
        }
        let grants: Vec<String> = u.grants.iter().map(|(c, r)| format!("{c}:{r}")).collect();
        let or_dash = |v: Vec<String>| {
            if v.is_empty() {
                "-".to_string()
            } else {
                v.join(",")
            }
        };
        let flags = flags.into_iter().map(str::to_string).collect();
        println!("{}\t{}\t{}", u.name, or_dash(flags), or_dash(grants));
    }
    Ok(())
}

fn print_tokens(
    tokens: &[TokenInfo],
    live: impl Fn(&TokenInfo) -> bool,
    format: ListFormat,
) -> Result<()> {
    if format == ListFormat::Json {
        println!("{}", serde_json::json!({ "tokens": tokens }));
        return Ok(());
    }
    for t in tokens {
        let state = if t.revoked_at.is_some() {
            "revoked"
        } else if live(t) {
            "live"
        } else {
            "expired"
        };
        println!(
            "{}\t{}\t{state}\texpires {}",
            t.name,
            t.user,
            t.expires_at.format("%Y-%m-%d")
        );
    }
    Ok(())
}

/// The password for `name`: one line of standard input with `--password-stdin`,
/// else asked twice on the terminal without echo.
fn password(name: &str, from_stdin: bool) -> Result<String> {
    let stdin = std::io::stdin();
    if from_stdin {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        return Ok(strip_newline(line));
    }
    if !stdin.is_terminal() {
        bail!("standard input is not a terminal: give the password with --password-stdin");
    }
    let first = hidden::read(&format!("password for {name}: "))?;
    let again = hidden::read("again: ")?;
    if first != again {
        bail!("the two passwords differ");
    }
    Ok(first)
}

fn strip_newline(mut s: String) -> String {
    while s.ends_with('\n') || s.ends_with('\r') {
        s.pop();
    }
    s
}

/// Reading a line from the terminal with echo turned off.
mod hidden {
    use anyhow::{Context, Result};
    use std::io::BufRead;

    /// Prompt on standard error and read a line of standard input unechoed.
    pub fn read(prompt: &str) -> Result<String> {
        eprint!("{prompt}");
        let guard = EchoOff::new();
        let mut line = String::new();
        let read = std::io::stdin().lock().read_line(&mut line);
        drop(guard);
        eprintln!();
        read.context("cannot read the password")?;
        Ok(super::strip_newline(line))
    }

    /// Echo of standard input off while it lives.
    struct EchoOff {
        #[cfg(unix)]
        saved: Option<libc::termios>,
    }

    impl EchoOff {
        #[cfg(unix)]
        fn new() -> EchoOff {
            // SAFETY: termios is plain data, filled in by tcgetattr before use;
            // both calls only read or set the terminal attributes of fd 0.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(libc::STDIN_FILENO, &mut t) != 0 {
                    return EchoOff { saved: None };
                }
                let saved = t;
                t.c_lflag &= !libc::ECHO;
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &t);
                EchoOff { saved: Some(saved) }
            }
        }
        #[cfg(not(unix))]
        fn new() -> EchoOff {
            EchoOff {}
        }
    }

    impl Drop for EchoOff {
        fn drop(&mut self) {
            #[cfg(unix)]
            if let Some(t) = &self.saved {
                // SAFETY: restores the attributes read in `new`.
                unsafe {
                    libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, t);
                }
            }
        }
    }
}
