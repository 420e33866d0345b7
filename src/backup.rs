//! Backups of a SQLite database, and putting one back.
//!
//! A backup is SQLite's `VACUUM INTO`: one read transaction copies every page as of
//! its start, so it is consistent while the server keeps serving and writing (in WAL
//! mode a reader never blocks writers). The copy is written beside its target under a
//! `.partial` name, checked (`PRAGMA integrity_check`, and the migrations table read)
//! and only then renamed into place, so a file under the target's name is always a
//! whole, checked backup.
//!
//! A restore checks the file the same way, takes the database's server lock alone (so
//! it refuses while any server runs on it, and no server starts while it works),
//! copies the file beside the database, syncs it, removes the old write-ahead log and
//! shared-memory files (whose pages belong to the old database) and renames the copy
//! over the database. The embedded index's snapshot is removed, so the next start
//! builds the index from the restored rows.
//!
//! PostgreSQL has its own tools (`pg_dump`, `pg_restore`; README, "Backups and
//! restore"); these functions refuse a PostgreSQL URL and say so.

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use chrono::{DateTime, Utc};
use sea_orm::sqlx::{self, ConnectOptions, Connection, Row, sqlite::SqliteConnectOptions};

/// What a checked backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The file's size in bytes.
    pub bytes: u64,
    /// Rows per table, by table name.
    pub rows: Vec<(String, u64)>,
}

impl Checked {
    /// The rows of one table, zero when it has none or no such table.
    pub fn rows_in(&self, table: &str) -> u64 {
        self.rows
            .iter()
            .find(|(t, _)| t == table)
            .map_or(0, |(_, n)| *n)
    }
}

/// Why a backup or restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The database is not a SQLite file.
    #[error(
        "backup and restore work on a SQLite database file; for PostgreSQL use pg_dump and \
         pg_restore (README, \"Backups and restore\")"
    )]
    NotSqlite,
    /// The target of a backup already exists.
    #[error("{0} already exists; name a new file")]
    Exists(PathBuf),
    /// The file is not a whole database of this site.
    #[error("{path} is not a usable backup: {why}")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
    /// A server runs on the database.
    #[error("a server is running on this database; stop it before restoring ({0})")]
    InUse(crate::db::ServerLockError),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// SQLite refused a statement.
    #[error("database: {0}")]
    Sqlite(#[from] sqlx::Error),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_owned(),
        source,
    }
}

/// The SQLite file a database URL names.
fn sqlite_file(url: &str) -> Result<PathBuf, BackupError> {
    crate::config::sqlite_file(url).ok_or(BackupError::NotSqlite)
}

/// The name a file is written under before it is checked and renamed.
fn partial(path: &Path) -> PathBuf {
    path.with_added_extension("partial")
}

async fn open(path: &Path, read_only: bool) -> Result<sqlx::SqliteConnection, sqlx::Error> {
    SqliteConnectOptions::new()
        .filename(path)
        .read_only(read_only)
        .busy_timeout(Duration::from_secs(30))
        .connect()
        .await
}

/// Checks that `path` is a whole SQLite database carrying this site's migrations
/// table, and counts its rows.
pub async fn check(path: &Path) -> Result<Checked, BackupError> {
    let damaged = |why: String| BackupError::Damaged {
        path: path.to_owned(),
        why,
    };
    let bytes = std::fs::metadata(path).map_err(io(path))?.len();
    let mut conn = open(path, true).await.map_err(|e| damaged(e.to_string()))?;
    let verdict: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .map_err(|e| damaged(e.to_string()))?;
    if verdict != ["ok"] {
        return Err(damaged(verdict.join("; ")));
    }
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .map_err(|e| damaged(e.to_string()))?;
    if !tables.iter().any(|t| t == "seaql_migrations") {
        return Err(damaged("it holds no migrations table".into()));
    }
    let mut rows = Vec::with_capacity(tables.len());
    for table in tables {
        // Table names come from the file's own catalogue; quoted as identifiers.
        let sql = format!("SELECT COUNT(*) FROM \"{}\"", table.replace('"', "\"\""));
        let n: i64 = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_one(&mut conn)
            .await
            .and_then(|r| r.try_get(0))
            .map_err(|e| damaged(e.to_string()))?;
        rows.push((table, u64::try_from(n).unwrap_or(0)));
    }
    conn.close().await.ok();
    Ok(Checked { bytes, rows })
}

/// Writes a consistent, checked copy of the database at `url` to `target`, while
/// servers go on using it.
pub async fn backup(url: &str, target: &Path) -> Result<Checked, BackupError> {
    let source = sqlite_file(url)?;
    if target.exists() {
        return Err(BackupError::Exists(target.to_owned()));
    }
    let staging = partial(target);
    std::fs::remove_file(&staging).or_else(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Ok(()),
        _ => Err(io(&staging)(e)),
    })?;
    let mut conn = open(&source, false).await?;
    sqlx::query("VACUUM INTO ?")
        .bind(staging.to_string_lossy().into_owned())
        .execute(&mut conn)
        .await?;
    conn.close().await.ok();
    let checked = match check(&staging).await {
        Ok(checked) => checked,
        Err(e) => {
            std::fs::remove_file(&staging).ok();
            return Err(e);
        }
    };
    std::fs::rename(&staging, target).map_err(io(target))?;
    Ok(checked)
}

/// Puts the backup `file` in place of the database at `url`; refuses while a server
/// runs on it. `snapshot` is the embedded index's snapshot, removed so the next start
/// builds the index from the restored rows.
pub async fn restore(
    url: &str,
    file: &Path,
    snapshot: Option<&Path>,
) -> Result<Checked, BackupError> {
    let database = sqlite_file(url)?;
    let checked = check(file).await?;
    let _alone = crate::db::lock_server(url, true)
        .await
        .map_err(BackupError::InUse)?;
    let staging = partial(&database);
    std::fs::copy(file, &staging).map_err(io(&staging))?;
    std::fs::File::open(&staging)
        .and_then(|f| f.sync_all())
        .map_err(io(&staging))?;
    for stale in ["-wal", "-shm", "-journal"] {
        let path = PathBuf::from(format!("{}{stale}", database.display()));
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&path)(e)),
            _ => {}
        }
    }
    std::fs::rename(&staging, &database).map_err(io(&database))?;
    if let Some(dir) = database.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io(dir))?;
    }
    if let Some(snapshot) = snapshot {
        match std::fs::remove_file(snapshot) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(snapshot)(e)),
            _ => {}
        }
    }
    Ok(checked)
}

/// A backup the server took into its backup folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// The file's name.
    pub name: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// The prefix and suffix of the server's own backups' names.
const PREFIX: &str = "therapist-finder-";
const SUFFIX: &str = ".sqlite";

/// The server's backups in `dir`, newest first (their names carry the time).
pub fn kept(dir: &Path) -> Result<Vec<Kept>, BackupError> {
    let mut found = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(io(dir)(e)),
    };
    for entry in entries {
        let entry = entry.map_err(io(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(PREFIX) && name.ends_with(SUFFIX) {
            let bytes = entry.metadata().map_err(io(&entry.path()))?.len();
            found.push(Kept { name, bytes });
        }
    }
    found.sort_by(|a, b| b.name.cmp(&a.name));
    Ok(found)
}

/// Takes a backup into `dir` named for `now`, then removes the oldest of the server's
/// backups there beyond `keep`. Returns the new backup's name and what it holds.
pub async fn scheduled(
    url: &str,
    dir: &Path,
    keep: usize,
    now: DateTime<Utc>,
) -> Result<(String, Checked), BackupError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let name = format!("{PREFIX}{}{SUFFIX}", now.format("%Y%m%dT%H%M%SZ"));
    let checked = backup(url, &dir.join(&name)).await?;
    for old in kept(dir)?.into_iter().skip(keep.max(1)) {
        let path = dir.join(&old.name);
        std::fs::remove_file(&path).map_err(io(&path))?;
    }
    Ok((name, checked))
}

/// The server's own backups: where, how often, how many, and how the last went.
#[derive(Debug)]
pub struct Schedule {
    /// The database's URL (a SQLite file).
    url: String,
    /// The folder.
    pub dir: PathBuf,
    /// How often.
    pub every: Duration,
    /// How many are kept.
    pub keep: usize,
    /// The last attempt: when, and the error if it failed.
    last: std::sync::Mutex<Option<(DateTime<Utc>, Option<String>)>>,
}

impl Schedule {
    /// A schedule for the database at `url`; refused unless it is a SQLite file.
    pub fn new(url: &str, dir: PathBuf, every: Duration, keep: usize) -> Result<Self, BackupError> {
        sqlite_file(url)?;
        Ok(Self {
            url: url.to_owned(),
            dir,
            every,
            keep,
            last: std::sync::Mutex::new(None),
        })
    }

    /// How long until the next backup is due at `now`: at once when the folder holds
    /// none of the server's backups or the newest is `every` old.
    pub fn due_in(&self, now: DateTime<Utc>) -> Duration {
        let Some(newest) = self.newest() else {
            return Duration::ZERO;
        };
        let age = (now - newest).to_std().unwrap_or(Duration::ZERO);
        self.every.saturating_sub(age)
    }

    /// When the newest of the server's backups in the folder was taken.
    pub fn newest(&self) -> Option<DateTime<Utc>> {
        kept(&self.dir).ok().and_then(|k| {
            k.first().and_then(|b| {
                let stamp = b.name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
                chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ")
                    .ok()
                    .map(|t| t.and_utc())
            })
        })
    }

    /// Takes a backup now and records how it went.
    pub async fn run(&self, now: DateTime<Utc>) -> Result<(String, Checked), BackupError> {
        let done = scheduled(&self.url, &self.dir, self.keep, now).await;
        let error = done.as_ref().err().map(ToString::to_string);
        if let Ok(mut last) = self.last.lock() {
            *last = Some((now, error));
        }
        done
    }

    /// The last attempt since start-up: when, and its error if it failed.
    pub fn last(&self) -> Option<(DateTime<Utc>, Option<String>)> {
        self.last.lock().ok().and_then(|l| l.clone())
    }
}
