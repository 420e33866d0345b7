//! Database connections: SQLite (WAL, foreign keys on) by default, PostgreSQL when the
//! URL says so, and the migrations that shape both.

use std::{path::Path, time::Duration};

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, DbBackend, DbErr, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait,
    sqlx::{
        self,
        sqlite::{SqliteJournalMode, SqliteSynchronous},
    },
};

/// Opens a connection pool for `url`, creating the SQLite file's folder when needed.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = sqlite_path(url)
        && let Some(parent) = Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(|e| {
            DbErr::Custom(format!("cannot create folder {}: {e}", parent.display()))
        })?;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    if sqlite_path(url).is_some() {
        options.max_connections(8);
    } else {
        options.max_connections(16);
    }
    let db = Database::connect(options).await?;
    db.execute_unprepared("SELECT 1").await?;
    Ok(db)
}

/// Starts a write transaction. On SQLite it begins `IMMEDIATE`, taking the write lock
/// at once (waiting up to the busy timeout), so a transaction that reads and then
/// writes can never fail with "database is locked" because another writer came
/// between its read and its write. On PostgreSQL it is an ordinary transaction.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// A server's hold on its database, taken at start-up and kept for the life of the
/// server; the operating system or PostgreSQL releases it when the process ends,
/// however it ends. Every server holds it shared, except one that keeps a private
/// search index (the embedded one), which holds it alone.
#[derive(Debug)]
pub struct ServerLock {
    alone: bool,
    _hold: Hold,
}

impl ServerLock {
    /// Whether this server holds the database alone: no other server runs on it.
    pub fn is_alone(&self) -> bool {
        self.alone
    }
}

#[derive(Debug)]
enum Hold {
    /// A session-level advisory lock, held by this connection while it is open.
    Postgres { _connection: sqlx::PgConnection },
    /// A lock on a file beside the SQLite database, held while the file is open.
    File { _file: std::fs::File },
    /// An in-memory database: no other process can open it.
    Private,
}

/// The advisory lock key every server holds on its PostgreSQL database.
const SERVER_LOCK_KEY: i64 = 0x7466_5f69_6e64_6578;

/// Why [`lock_server`] failed.
#[derive(Debug, thiserror::Error)]
pub enum ServerLockError {
    /// This server keeps a private index and another server already uses the database.
    #[error(
        "another server is already running on this database, and this one keeps the \
         embedded search index, which only its own process would update: its search would \
         go stale. Run one server, or set MEILI_URL so every instance shares one Meilisearch"
    )]
    InUse,
    /// A server with a private index already uses the database.
    #[error(
        "another server is already running on this database with the embedded search index, \
         which only that process updates: once this one took its jobs, that server's search \
         would go stale. Stop it, or set MEILI_URL on every instance so they share one \
         Meilisearch"
    )]
    HeldAlone,
    /// The lock could not be taken for another reason.
    #[error("cannot take the server lock: {0}")]
    Failed(String),
}

/// Takes this server's hold on the database at `url`: alone when it keeps a
/// `private_index` (the embedded index is updated only by the process whose worker
/// applies a job, so a second server on the same database would serve stale search),
/// shared otherwise (any number of servers sharing Meilisearch).
pub async fn lock_server(url: &str, private_index: bool) -> Result<ServerLock, ServerLockError> {
    use sqlx::Connection;
    let refused = || {
        if private_index {
            ServerLockError::InUse
        } else {
            ServerLockError::HeldAlone
        }
    };
    if let Some(path) = sqlite_path(url) {
        let lock_path = lock_file_for(path);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| ServerLockError::Failed(format!("{lock_path}: {e}")))?;
        let taken = if private_index {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        return match taken {
            Ok(()) => Ok(ServerLock {
                alone: private_index,
                _hold: Hold::File { _file: file },
            }),
            Err(std::fs::TryLockError::WouldBlock) => Err(refused()),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(ServerLockError::Failed(format!("{lock_path}: {e}")))
            }
        };
    }
    if !url.starts_with("postgres") {
        return Ok(ServerLock {
            alone: private_index,
            _hold: Hold::Private,
        });
    }
    let mut conn = sqlx::PgConnection::connect(url)
        .await
        .map_err(|e| ServerLockError::Failed(e.to_string()))?;
    let statement = if private_index {
        "SELECT pg_try_advisory_lock($1)"
    } else {
        "SELECT pg_try_advisory_lock_shared($1)"
    };
    let taken: bool = sqlx::query_scalar(statement)
        .bind(SERVER_LOCK_KEY)
        .fetch_one(&mut conn)
        .await
        .map_err(|e| ServerLockError::Failed(e.to_string()))?;
    if taken {
        Ok(ServerLock {
            alone: private_index,
            _hold: Hold::Postgres { _connection: conn },
        })
    } else {
        Err(refused())
    }
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Whether the connection is alive, for `/readyz`.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.ping().await
}

/// The connection pool's state, for `/metrics`.
#[derive(Debug, Clone, Copy)]
pub struct PoolUsage {
    /// Connections open.
    pub open: u32,
    /// Open connections lent out.
    pub in_use: u32,
    /// The most the pool opens.
    pub max: u32,
}

/// How many connections the pool holds and lends now.
pub fn pool_usage(db: &DatabaseConnection) -> PoolUsage {
    fn usage<D: sea_orm::sqlx::Database>(pool: &sea_orm::sqlx::Pool<D>) -> PoolUsage {
        let open = pool.size();
        let idle = u32::try_from(pool.num_idle()).unwrap_or(u32::MAX);
        PoolUsage {
            open,
            in_use: open.saturating_sub(idle),
            max: pool.options().get_max_connections(),
        }
    }
    match db.get_database_backend() {
        DatabaseBackend::Postgres => usage(db.get_postgres_connection_pool()),
        _ => usage(db.get_sqlite_connection_pool()),
    }
}

/// A short name of the backend, for logs and `/readyz`.
pub fn backend_name(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DatabaseBackend::Postgres => "postgres",
        DatabaseBackend::Sqlite => "sqlite",
        _ => "other",
    }
}

/// The file path of a `sqlite:` URL, without its query string.
/// The lock file beside a SQLite database, named after the file itself, not the URL's
/// spelling of it: percent-escapes decoded and links resolved, so `db%2Esqlite` or a
/// symbolic link to the file finds the same lock.
fn lock_file_for(path: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let file = std::fs::canonicalize(&*decoded)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| decoded.into_owned());
    format!("{file}.server-lock")
}

fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then_some(path)
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;

    #[test]
    fn extracts_sqlite_paths() {
        assert_eq!(
            sqlite_path("sqlite://data/x.db?mode=rwc"),
            Some("data/x.db")
        );
        assert_eq!(sqlite_path("sqlite:/tmp/a.db"), Some("/tmp/a.db"));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://localhost/test"), None);
    }
}

/// Takes a lock on `scope` and `key` until the transaction ends. SQLite's write
/// transactions (see [`begin_write`]) run one at a time already; PostgreSQL takes a transaction-scoped
/// advisory lock (two-key form, so it never meets the single-key server locks).
pub async fn lock(txn: &DatabaseTransaction, scope: LockScope, key: i64) -> Result<(), DbErr> {
    if txn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    // Keys fold into 32 bits; two keys that collide only wait for each other.
    let folded = (key ^ (key >> 32)) as i32;
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT pg_advisory_xact_lock($1, $2)",
        [(scope as i32).into(), folded.into()],
    ))
    .await?;
    Ok(())
}

/// What a [`lock`] guards.
#[derive(Debug, Clone, Copy)]
#[repr(i32)]
pub enum LockScope {
    /// The times of one practitioner.
    Practitioner = 0x7669_7369,
    /// The pending requests of one email (its key from `visits::email_key`).
    Email = 0x656d_6169,
    /// The set of admins (key 0): one removal at a time, so the last admin stays.
    Admins = 0x6164_6d6e,
    /// The receipt numbers of one practitioner.
    Receipts = 0x7263_7074,
}
