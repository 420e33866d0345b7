//! The accept loop: binds the address, reads each connection over HTTP/1 or HTTP/2
//! with deadlines, closes connections that sit idle, caps how many are open at once,
//! and lets open connections finish at shutdown.

use std::{
    net::SocketAddr,
    pin::Pin,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    task::{Context, Poll},
    time::Duration,
};

use axum::{
    Router,
    extract::{ConnectInfo, Request},
};
use hyper::body::Incoming;
use hyper_util::{
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::{conn::auto::Builder as ConnectionBuilder, graceful::GracefulShutdown},
    service::TowerToHyperService,
};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::TcpListener,
    sync::Semaphore,
    time::Instant,
};
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

use super::StartupError;
use crate::config::Config;

/// Binds the configured address, with a one-line error when it is taken.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, StartupError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| StartupError::Bind { addr, source })
}
/// How long a client may take to send a request's headers before its connection is
/// closed: a client trickling one byte a second cannot hold a connection open.
pub const HEADER_DEADLINE: Duration = Duration::from_secs(10);

/// How long connections still open at shutdown may take to finish their requests.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// How long connections may sit idle, and how many may be open at once.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// No byte moving either way for this long closes a connection.
    pub idle: Duration,
    /// Connections served at once.
    pub max: usize,
}

impl ConnectionLimits {
    /// The limits the configuration sets (`CONNECTION_IDLE_SECONDS`, `MAX_CONNECTIONS`).
    pub fn from_config(config: &Config) -> Self {
        Self {
            idle: Duration::from_secs(config.connection_idle_seconds),
            max: usize::try_from(config.max_connections).unwrap_or(usize::MAX),
        }
    }

    /// How long a new connection may take to send its first bytes.
    fn first_bytes(&self) -> Duration {
        self.idle.min(HEADER_DEADLINE)
    }
}

/// When a connection last moved a byte, in milliseconds after it was accepted, and
/// whether it has read any yet.
#[derive(Default)]
struct Activity {
    last_ms: AtomicU64,
    read_any: std::sync::atomic::AtomicBool,
}

/// A socket that notes every read and write that moves bytes in its [`Activity`].
struct Watched<S> {
    inner: S,
    since: Instant,
    activity: Arc<Activity>,
}

impl<S> Watched<S> {
    fn touch(&self) {
        let ms = u64::try_from(self.since.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.activity.last_ms.store(ms, Ordering::Relaxed);
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Watched<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.read_any.store(true, Ordering::Relaxed);
            self.touch();
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Runs `connection` until it ends, or until no byte has moved for the allowed time:
/// the first bytes within [`ConnectionLimits::first_bytes`], then any byte within
/// [`ConnectionLimits::idle`]. Dropping the connection closes its socket.
async fn serve_until_idle<F>(
    connection: F,
    since: Instant,
    activity: Arc<Activity>,
    limits: ConnectionLimits,
) where
    F: Future<Output = Result<(), Box<dyn std::error::Error + Send + Sync>>>,
{
    tokio::pin!(connection);
    loop {
        let allowed = if activity.read_any.load(Ordering::Relaxed) {
            limits.idle
        } else {
            limits.first_bytes()
        };
        let last = Duration::from_millis(activity.last_ms.load(Ordering::Relaxed));
        let deadline = since + last + allowed;
        tokio::select! {
            ended = &mut connection => {
                if let Err(e) = ended {
                    tracing::debug!(error = %e, "connection closed with an error");
                }
                return;
            }
            () = tokio::time::sleep_until(deadline) => {
                let moved = Duration::from_millis(activity.last_ms.load(Ordering::Relaxed));
                if moved == last {
                    tracing::debug!(idle_ms = allowed.as_millis() as u64, "closed an idle connection");
                    return;
                }
            }
        }
    }
}

/// Accepts connections until `shutdown`, then lets open ones finish. HTTP/1 and
/// HTTP/2; each connection knows its peer address (`ConnectInfo`). Header reads have a
/// deadline ([`HEADER_DEADLINE`]); bodies have theirs in the router ([`BODY_DEADLINE`]);
/// a connection with no byte moving is closed ([`ConnectionLimits`]), and at most
/// `limits.max` are open at once.
pub(super) async fn serve_connections(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: CancellationToken,
) {
    let mut builder = ConnectionBuilder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_DEADLINE);
    builder.http2().timer(TokioTimer::new());
    let graceful = GracefulShutdown::new();
    let open = Arc::new(Semaphore::new(limits.max));
    loop {
        let permit = match Arc::clone(&open).try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                tracing::warn!(
                    max_connections = limits.max,
                    "connection cap reached: new connections wait until one closes"
                );
                tokio::select! {
                    permit = Arc::clone(&open).acquire_owned() => match permit {
                        Ok(permit) => permit,
                        Err(_) => break,
                    },
                    () = shutdown.cancelled() => break,
                }
            }
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: wait, then go on accepting.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = shutdown.cancelled() => break,
        };
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
        let service = TowerToHyperService::new(router.clone().map_request(
            move |mut request: Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            },
        ));
        let since = Instant::now();
        let activity = Arc::new(Activity::default());
        let watched = Watched {
            inner: stream,
            since,
            activity: Arc::clone(&activity),
        };
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(watched), service)
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            serve_until_idle(connection, since, activity, limits).await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {
            tracing::warn!("connections still open after the shutdown grace period were dropped");
        }
    }
}
