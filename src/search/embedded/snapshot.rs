//! The embedded index on disk, so a server restarts in seconds instead of rebuilding
//! from the database. A snapshot holds the stored documents as they sit in memory
//! (interned strings by number, each document's own strings packed) under a stamp that
//! names the database and the change-log number it is complete up to; whoever restores
//! it checks the stamp against the database and applies the changes after it.
//!
//! Layout: `MAGIC`, the stamp's length (u32, little-endian) and the stamp, one record
//! per document, the interned names, then a footer: where the records and the names
//! begin and how many records there are (three u64), a CRC-32 of everything before it,
//! and `END`. The file is written beside its final name and renamed over it, so a crash
//! mid-write leaves the previous snapshot whole.

use std::{
    fs,
    io::{self, BufWriter, Write},
    ops::Range,
    path::Path,
    time::{Duration, SystemTime},
};

use serde::{Deserialize, Serialize};

use super::{EmbeddedIndex, Inner, Stored};

/// The start of a snapshot; the digit is the format's version.
const MAGIC: &[u8; 8] = b"TFINDEX3";
/// The end of a complete snapshot.
const END: &[u8; 8] = b"TFIDXEND";
/// Bytes after the checksummed part: the CRC-32 and `END`.
const TRAILER: usize = 4 + END.len();
/// The footer's three numbers, which the checksum covers.
const FOOTER_NUMBERS: usize = 3 * 8;
/// Document slots serialised under one read lock: writers wait at most this long.
const SLOTS_AT_ONCE: usize = 4096;
/// A half-written snapshot older than this was left by a process that died writing it.
const ABANDONED_AFTER: Duration = Duration::from_secs(3600);

/// Where a snapshot comes from and how far it reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The release that wrote it: another release derives documents its own way.
    pub release: String,
    /// The name of the database the documents were read from.
    pub database: String,
    /// Every change of the database's index change log up to this number is in it.
    pub position: i64,
    /// When it was written (Unix seconds).
    pub written_at: i64,
}

/// Why a snapshot could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// The file system failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The file is not a whole snapshot of this format.
    #[error("the snapshot is damaged: {0}")]
    Damaged(String),
    /// The whole index was replaced while it was being written; nothing was saved.
    #[error("the index was rebuilt while it was being saved")]
    Rebuilt,
}

fn damaged(why: impl Into<String>) -> SnapshotError {
    SnapshotError::Damaged(why.into())
}

impl From<postcard::Error> for SnapshotError {
    fn from(e: postcard::Error) -> Self {
        damaged(e.to_string())
    }
}

/// A snapshot read from disk and checked whole, not yet restored.
pub struct Snapshot {
    bytes: Vec<u8>,
    stamp: Stamp,
    records: Range<usize>,
    names: Range<usize>,
    documents: u64,
}

impl Snapshot {
    /// Reads the snapshot at `path` and checks its format and checksum.
    pub fn open(path: &Path) -> Result<Self, SnapshotError> {
        Self::from_bytes(fs::read(path)?)
    }

    fn from_bytes(bytes: Vec<u8>) -> Result<Self, SnapshotError> {
        let head = MAGIC.len() + 4;
        if bytes.len() < head + FOOTER_NUMBERS + TRAILER || !bytes.starts_with(MAGIC) {
            return Err(damaged("not an index snapshot of this format"));
        }
        let (body, trailer) = bytes.split_at(bytes.len() - TRAILER);
        if !trailer.ends_with(END) {
            return Err(damaged("it ends before its footer"));
        }
        let crc = u32::from_le_bytes(trailer[..4].try_into().map_err(|_| damaged("footer"))?);
        if crc32fast::hash(body) != crc {
            return Err(damaged("its checksum does not match"));
        }
        let number = |at: usize| -> Result<u64, SnapshotError> {
            let raw = body.get(at..at + 8).ok_or_else(|| damaged("footer"))?;
            Ok(u64::from_le_bytes(
                raw.try_into().map_err(|_| damaged("footer"))?,
            ))
        };
        let footer = body.len() - FOOTER_NUMBERS;
        let to_offset = |n: u64| usize::try_from(n).map_err(|_| damaged("an offset"));
        let records_start = to_offset(number(footer)?)?;
        let names_start = to_offset(number(footer + 8)?)?;
        let documents = number(footer + 16)?;
        let stamp_len = u32::from_le_bytes(
            bytes[MAGIC.len()..head]
                .try_into()
                .map_err(|_| damaged("header"))?,
        ) as usize;
        if head.checked_add(stamp_len) != Some(records_start)
            || records_start > names_start
            || names_start > footer
        {
            return Err(damaged("its sections overlap"));
        }
        let stamp = postcard::from_bytes(&bytes[head..records_start])?;
        Ok(Self {
            stamp,
            records: records_start..names_start,
            names: names_start..footer,
            documents,
            bytes,
        })
    }

    /// Where the snapshot comes from and how far it reaches.
    pub fn stamp(&self) -> &Stamp {
        &self.stamp
    }

    /// The index the snapshot holds.
    fn into_inner(self) -> Result<Inner, SnapshotError> {
        let names: Vec<&str> = postcard::from_bytes(&self.bytes[self.names.clone()])?;
        let mut inner = Inner::default();
        for (i, name) in names.iter().enumerate() {
            if inner.strings.id(name) as usize != i {
                return Err(damaged("an interned name is repeated"));
            }
        }
        let mut rest = &self.bytes[self.records.clone()];
        for _ in 0..self.documents {
            let (stored, tail) = postcard::take_from_bytes::<Stored>(rest)?;
            rest = tail;
            stored.check(names.len())?;
            inner
                .place(stored)
                .map_err(|e| damaged(format!("a document cannot be placed: {e}")))?;
        }
        if !rest.is_empty() {
            return Err(damaged("bytes follow the last document"));
        }
        Ok(inner)
    }
}

impl Stored {
    /// Whether a document read from a snapshot is one the index could have written:
    /// its names exist and its packed strings split where they say.
    fn check(&self, names: usize) -> Result<(), SnapshotError> {
        let named = |id: u32| (id as usize) < names;
        let ids_ok = [self.city, self.region, self.practice_type, self.currency]
            .into_iter()
            .chain(self.tags.iter().copied())
            .chain(self.licence.into_iter().flat_map(|(s, j)| [s, j]))
            .all(named);
        let text = &self.packed.text;
        let mut start = 0;
        let ends_ok = self.packed.ends.iter().all(|&end| {
            let end = end as usize;
            let ok = start <= end && text.is_char_boundary(end);
            start = end;
            ok
        }) && start == text.len();
        let place_ok = self.lat.is_finite()
            && self.lng.is_finite()
            && (-90.0..=90.0).contains(&self.lat)
            && (-180.0..=180.0).contains(&self.lng);
        if ids_ok && ends_ok && place_ok {
            Ok(())
        } else {
            Err(damaged(format!("document {} is malformed", self.id)))
        }
    }
}

/// Counts and checksums what passes through to the file.
struct Checked<W> {
    out: W,
    crc: crc32fast::Hasher,
    written: u64,
}

impl<W: Write> Write for Checked<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.crc.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl EmbeddedIndex {
    /// Writes the index to `path` under `stamp` and returns how many documents it wrote.
    /// Blocking: call it from a blocking thread. It reads the index a few thousand
    /// documents at a time, so searches and writes go on meanwhile; a document changed
    /// during the write may be saved in either state, or twice, which is why the stamp's
    /// position must be taken before the call: restoring applies every change after it.
    pub fn save_snapshot(&self, path: &Path, stamp: &Stamp) -> Result<u64, SnapshotError> {
        self.save_snapshot_by(path, stamp, SLOTS_AT_ONCE)
    }

    fn save_snapshot_by(
        &self,
        path: &Path,
        stamp: &Stamp,
        slots_at_once: usize,
    ) -> Result<u64, SnapshotError> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        fs::create_dir_all(dir)?;
        let prefix = format!(
            ".{}.",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        remove_abandoned(dir, &prefix);
        let file = tempfile::Builder::new().prefix(&prefix).tempfile_in(dir)?;
        let documents = self.write_snapshot(file.as_file(), stamp, slots_at_once)?;
        file.as_file().sync_all()?;
        file.persist(path).map_err(|e| e.error)?;
        // The rename itself is durable once the directory is.
        fs::File::open(dir)?.sync_all()?;
        Ok(documents)
    }

    /// Writes the snapshot's bytes to `file`; returns how many documents it wrote.
    fn write_snapshot(
        &self,
        file: &fs::File,
        stamp: &Stamp,
        slots_at_once: usize,
    ) -> Result<u64, SnapshotError> {
        let mut out = Checked {
            out: BufWriter::with_capacity(1 << 20, file),
            crc: crc32fast::Hasher::new(),
            written: 0,
        };
        out.write_all(MAGIC)?;
        let header = postcard::to_allocvec(stamp)?;
        out.write_all(
            &u32::try_from(header.len())
                .unwrap_or(u32::MAX)
                .to_le_bytes(),
        )?;
        out.write_all(&header)?;
        let records_start = out.written;
        let mut documents = 0_u64;
        let mut from = 0;
        let mut chunk = Vec::new();
        let generation = self.inner.blocking_read().generation;
        loop {
            chunk.clear();
            {
                let inner = self.inner.blocking_read();
                if inner.generation != generation {
                    return Err(SnapshotError::Rebuilt);
                }
                if from >= inner.docs.len() {
                    break;
                }
                let upto = inner.docs.len().min(from + slots_at_once);
                for stored in inner.docs[from..upto].iter().flatten() {
                    chunk = postcard::to_extend(stored, chunk)?;
                    documents += 1;
                }
                from = upto;
            }
            out.write_all(&chunk)?;
        }
        let names_start = out.written;
        // Names are only ever added, so those known now cover every record written.
        let names = {
            let inner = self.inner.blocking_read();
            if inner.generation != generation {
                return Err(SnapshotError::Rebuilt);
            }
            let names: Vec<&str> = inner.strings.names.iter().map(|n| &**n).collect();
            postcard::to_allocvec(&names)?
        };
        out.write_all(&names)?;
        for n in [records_start, names_start, documents] {
            out.write_all(&n.to_le_bytes())?;
        }
        let crc = out.crc.clone().finalize();
        let mut rest = out.out;
        rest.write_all(&crc.to_le_bytes())?;
        rest.write_all(END)?;
        rest.flush()?;
        Ok(documents)
    }

    /// Replaces the whole index with the snapshot's documents; returns how many it holds.
    /// Blocking: call it from a blocking thread. A damaged snapshot changes nothing.
    pub fn restore(&self, snapshot: Snapshot) -> Result<usize, SnapshotError> {
        let fresh = snapshot.into_inner()?;
        let count = fresh.len();
        self.inner.blocking_write().replace(fresh);
        Ok(count)
    }
}

/// Removes the half-written snapshots a process that died while writing left behind.
fn remove_abandoned(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let cutoff = SystemTime::now() - ABANDONED_AFTER;
    for entry in entries.flatten() {
        let abandoned = entry.file_name().to_string_lossy().starts_with(prefix)
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|modified| modified < cutoff);
        if abandoned && let Err(e) = fs::remove_file(entry.path()) {
            tracing::warn!(error = %e, "cannot remove an abandoned index snapshot");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::search::{PractitionerDoc, SearchIndex, SearchQuery};

    fn stamp(position: i64) -> Stamp {
        Stamp {
            release: "1".into(),
            database: "db".into(),
            position,
            written_at: 0,
        }
    }

    fn docs(ids: std::ops::Range<i64>) -> Vec<PractitionerDoc> {
        ids.map(|id| {
            let mut d = super::super::tests::doc(
                id,
                30.0 + (id % 50) as f64 * 0.01,
                -97.0 - (id / 50) as f64 * 0.01,
                id % 2 == 0,
            );
            d.display_name = format!("Ana Ñúñez {id}");
            d.focus_regions = vec!["neck".into(), format!("r{}", id % 7)];
            d
        })
        .collect()
    }

    async fn everything(index: &EmbeddedIndex) -> Vec<PractitionerDoc> {
        index
            .documents_in(i64::MIN..=i64::MAX)
            .await
            .expect("documents")
    }

    #[tokio::test]
    async fn a_restored_snapshot_holds_and_finds_what_was_saved() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("index");
        let index = Arc::new(EmbeddedIndex::new());
        index.rebuild(docs(1..500)).await.expect("fill");
        index.remove(&[7, 8, 9]).await.expect("remove");
        let saver = Arc::clone(&index);
        let (save_path, written) = (path.clone(), stamp(42));
        let saved = tokio::task::spawn_blocking(move || saver.save_snapshot(&save_path, &written))
            .await
            .expect("join")
            .expect("save");
        assert_eq!(saved, 496);
        let snapshot = Snapshot::open(&path).expect("open");
        assert_eq!(snapshot.stamp(), &stamp(42));
        let restored = Arc::new(EmbeddedIndex::new());
        let target = Arc::clone(&restored);
        let count = tokio::task::spawn_blocking(move || target.restore(snapshot))
            .await
            .expect("join")
            .expect("restore");
        assert_eq!(count, 496);
        assert_eq!(everything(&restored).await, everything(&index).await);
        let mut q = SearchQuery::near(30.2, -97.3, 30.0, 0);
        q.verified_only = true;
        q.text = Some("ñúñez".into());
        assert_eq!(
            restored.search(&q).await.expect("search"),
            index.search(&q).await.expect("search")
        );
    }

    #[test]
    fn a_damaged_or_cut_snapshot_is_refused_whole() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("index");
        let index = EmbeddedIndex::new();
        index.inner.blocking_write().strings.id("unused");
        for doc in docs(1..50) {
            index.inner.blocking_write().insert(doc).expect("insert");
        }
        index.save_snapshot(&path, &stamp(1)).expect("save");
        let bytes = fs::read(&path).expect("read");
        let restore = |bytes: Vec<u8>| {
            Snapshot::from_bytes(bytes).and_then(|s| EmbeddedIndex::new().restore(s))
        };
        assert_eq!(restore(bytes.clone()).expect("whole"), 49);
        for at in [0, 20, bytes.len() / 2, bytes.len() - 20, bytes.len() - 1] {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x40;
            let refused = restore(flipped);
            assert!(
                matches!(refused, Err(SnapshotError::Damaged(_))),
                "byte {at}: {refused:?}"
            );
        }
        for len in [0, 7, 12, bytes.len() / 2, bytes.len() - 1] {
            let refused = restore(bytes[..len].to_vec());
            assert!(
                matches!(refused, Err(SnapshotError::Damaged(_))),
                "cut at {len}: {refused:?}"
            );
        }
    }

    /// Writes go on while the snapshot is written, one slot per read lock: every
    /// document nobody touched is saved as it was, and the documents changed meanwhile,
    /// applied again after restoring (as the change log's replay does), make the
    /// restored index equal the live one.
    #[test]
    fn writes_during_a_save_are_made_whole_by_applying_them_again() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("index");
        let index = Arc::new(EmbeddedIndex::new());
        for doc in docs(1..3000) {
            index.inner.blocking_write().insert(doc).expect("insert");
        }
        let before = index.inner.blocking_read().len();
        let writer = {
            let index = Arc::clone(&index);
            std::thread::spawn(move || {
                let mut touched = Vec::new();
                // Remove low ids and add high ones, which reuse the freed low slots:
                // the save may miss a moved document or see it twice.
                for i in 0..600_i64 {
                    let mut inner = index.inner.blocking_write();
                    inner.remove(1 + i * 3);
                    let mut moved = docs(10_000 + i..10_001 + i).remove(0);
                    moved.lat += 0.5;
                    inner.insert(moved).expect("insert");
                    touched.extend([1 + i * 3, 10_000 + i]);
                    drop(inner);
                    std::thread::yield_now();
                }
                touched
            })
        };
        let saved = index
            .save_snapshot_by(&path, &stamp(0), 1)
            .expect("save during writes");
        let touched = writer.join().expect("writer");
        assert!(saved > 0 && before == 2999);
        let restored = EmbeddedIndex::new();
        restored
            .restore(Snapshot::open(&path).expect("open"))
            .expect("restore");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let live = everything(&index).await;
            let untouched = |d: &&PractitionerDoc| !touched.contains(&d.id);
            let kept: Vec<_> = everything(&restored).await;
            assert_eq!(
                kept.iter().filter(untouched).collect::<Vec<_>>(),
                live.iter().filter(untouched).collect::<Vec<_>>(),
                "documents nobody changed are saved as they were"
            );
            // The replay: each changed document as it is now, or its removal.
            let now: Vec<_> = live
                .iter()
                .filter(|d| touched.contains(&d.id))
                .cloned()
                .collect();
            let gone: Vec<i64> = touched
                .iter()
                .copied()
                .filter(|id| !now.iter().any(|d| d.id == *id))
                .collect();
            restored.remove(&gone).await.expect("remove");
            restored.upsert(now).await.expect("upsert");
            assert_eq!(everything(&restored).await, live);
        });
    }
}
