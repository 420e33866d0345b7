//! Database connections: SQLite (WAL, foreign keys on) by default, PostgreSQL when the
//! URL says so, and the migrations that shape both.

use std::{path::Path, time::Duration};

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
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

/// Proof that this process is the only server on its database that keeps a private
/// search index (the embedded one). Held for the life of the server; the operating
/// system or PostgreSQL releases it when the process ends, however it ends.
#[derive(Debug)]
pub enum SoleServer {
    /// A session-level advisory lock, held by this connection.
    Postgres(sqlx::PgConnection),
    /// An exclusive lock on a file beside the SQLite database.
    File(std::fs::File),
    /// An in-memory database: no other process can open it.
    Private,
}

/// The advisory lock key a server with a private index holds on its PostgreSQL database.
const SOLE_SERVER_KEY: i64 = 0x7466_5f69_6e64_6578;

/// Why [`lock_sole_server`] failed.
#[derive(Debug, thiserror::Error)]
pub enum SoleServerError {
    /// Another server holds the lock.
    #[error(
        "another server is already running on this database with the embedded search index; \
         a second one would serve a stale index. Run one server, or set MEILI_URL so every \
         instance shares one Meilisearch"
    )]
    Taken,
    /// The lock could not be taken for another reason.
    #[error("cannot take the single-server lock: {0}")]
    Failed(String),
}

/// Takes the lock that lets only one server with a private index use the database at
/// `url`. An embedded index is updated only by the process whose worker applies a
/// job, so a second server on the same database would serve a stale index; it refuses
/// to start instead.
pub async fn lock_sole_server(url: &str) -> Result<SoleServer, SoleServerError> {
    use sqlx::Connection;
    if let Some(path) = sqlite_path(url) {
        let lock_path = format!("{path}.server-lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| SoleServerError::Failed(format!("{lock_path}: {e}")))?;
        return match file.try_lock() {
            Ok(()) => Ok(SoleServer::File(file)),
            Err(std::fs::TryLockError::WouldBlock) => Err(SoleServerError::Taken),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(SoleServerError::Failed(format!("{lock_path}: {e}")))
            }
        };
    }
    if !url.starts_with("postgres") {
        return Ok(SoleServer::Private);
    }
    let mut conn = sqlx::PgConnection::connect(url)
        .await
        .map_err(|e| SoleServerError::Failed(e.to_string()))?;
    let taken: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
        .bind(SOLE_SERVER_KEY)
        .fetch_one(&mut conn)
        .await
        .map_err(|e| SoleServerError::Failed(e.to_string()))?;
    if taken {
        Ok(SoleServer::Postgres(conn))
    } else {
        Err(SoleServerError::Taken)
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

/// A short name of the backend, for logs and `/readyz`.
pub fn backend_name(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DatabaseBackend::Postgres => "postgres",
        DatabaseBackend::Sqlite => "sqlite",
        _ => "other",
    }
}

/// The file path of a `sqlite:` URL, without its query string.
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
