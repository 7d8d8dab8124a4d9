//! `spoor serve`: the web pages and HTTP API of `spoor-server`, on one address.

use anyhow::{Context, Result, bail};
use clap::Args;
use spoor::Archive;
use spoor::access::{Access, SystemClock};
use spoor_server::{AppState, listen_policy};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

/// Options of `spoor serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// Address and port to listen on. Beyond loopback only when the archive
    /// has users (`spoor user add NAME --admin`).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// The server is reached over HTTPS (a TLS proxy in front): session
    /// cookies are then marked Secure.
    #[arg(long)]
    tls_proxy: bool,
    /// A folder on this machine whose files and subfolders users may ingest
    /// by path (`POST /api/v1/jobs` with `{"path", "collection"}`); repeat for
    /// several. Without it, jobs take uploaded files only.
    #[arg(long = "ingest-root", value_name = "DIR")]
    ingest_roots: Vec<std::path::PathBuf>,
}

impl ServeArgs {
    /// Serve on `listen` without TLS, ingesting by path from `root` only.
    pub fn local(listen: SocketAddr, root: std::path::PathBuf) -> ServeArgs {
        ServeArgs {
            listen,
            tls_proxy: false,
            ingest_roots: vec![root],
        }
    }
}

/// Open the archive and its accounts, refuse an unsafe address, and serve until Ctrl-C.
pub fn run(dir: &Path, args: ServeArgs) -> Result<u8> {
    let archive = Archive::open_read(dir)?;
    let access = Access::open(dir).context("cannot open the accounts store")?;
    let has_users = spoor_server::auth::has_users(&access).map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Err(why) = listen_policy(&args.listen, has_users) {
        bail!("{why}");
    }
    if !has_users {
        eprintln!(
            "spoor: no accounts yet: everyone on this machine can read everything. \
             To share the archive, create the first administrator with\n  spoor --archive {} user add NAME --admin",
            dir.display()
        );
    }
    let archive = Arc::new(archive);
    let jobs = spoor_server::jobs::Jobs::start(dir, archive.clone(), args.ingest_roots.clone());
    let state = AppState {
        archive,
        jobs,
        access: Arc::new(access),
        limiter: Arc::new(spoor::access::LoginLimiter::new(Arc::new(SystemClock))),
        translator: Arc::new(crate::translator()),
        secure_cookies: args.tls_proxy,
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let archive = state.archive.clone();
    rt.block_on(async move {
        tokio::spawn(spoor_server::refresh_every(
            archive,
            spoor_server::REFRESH_EVERY,
        ));
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .with_context(|| format!("cannot listen on {}", args.listen))?;
        eprintln!(
            "spoor: serving {} on http://{}/",
            dir.display(),
            args.listen
        );
        let app = spoor_server::router(state).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("the server stopped")
    })?;
    Ok(0)
}
