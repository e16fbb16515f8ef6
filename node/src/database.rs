//! The chain database: ParityDB, opened so that a commit is on disk when it returns.
//!
//! `sc-client-db` opens ParityDB with its background threads: a commit returns as soon as it is
//! queued, and a log thread writes it to the write-ahead log a few milliseconds later. A node
//! killed inside that window loses blocks it has already reported imported or final (a crash
//! test lost the finalized block one run in six). On a dev chain no peer can give them back.
//!
//! Here the commit itself writes its log record (the record reaches the operating system before
//! `commit` returns, so a killed process loses nothing it reported), and one worker thread
//! takes over ParityDB's other background duties once a second: fsync the log, enact it into
//! the tables, fsync the tables and recycle the log, and move any pending reindex forward.
//! Stock ParityDB fsyncs its log only every 64 MiB, so power loss costs at most about a second
//! of blocks here instead.
//!
//! The column layout is `sc-client-db`'s own (its `parity_db` module is private), so a database
//! written by either opens with the other.
//!
//! If that worker fails (a disk error while flushing or enacting the log), nothing is safe any
//! more: every later commit fails with its error, and the log would grow until ParityDB's
//! back-pressure (128 MiB of un-enacted log) blocked commits for good. So the failure is also
//! sent to [`Failure`], which the service awaits as an essential task: the node stops with a
//! clear error, and ParityDB replays its log when it is restarted.

use futures::channel::oneshot;
use parity_db::{ColId, CompressionType, Db, Operation, Options};
use sc_service::{error::Error as ServiceError, DatabaseSource};
use sp_database::{error::DatabaseError, Change, ColumnId, Database, Transaction};
use std::{
	path::Path,
	sync::{
		mpsc::{self, RecvTimeoutError},
		Arc, Mutex, MutexGuard, PoisonError,
	},
	thread::JoinHandle,
	time::Duration,
};

/// Columns of `sc-client-db` (its `utils::NUM_COLUMNS` and `columns` module).
const NUM_COLUMNS: u8 = 13;
const COL_STATE: u8 = 1;
const COL_HEADER: u8 = 4;
const COL_BODY: u8 = 5;
const COL_JUSTIFICATIONS: u8 = 6;
const COL_TRANSACTION: u8 = 11;
const COL_BODY_INDEX: u8 = 12;
/// Columns whose values are reference counted (`Store`/`Reference`/`Release`).
const REF_COUNTED: [u8; 2] = [COL_STATE, COL_TRANSACTION];
/// Length of the hash that `sanitize_key` keeps (`sc-client-db`'s `DB_HASH_LEN`).
const DB_HASH_LEN: usize = 32;

/// How often the worker flushes, enacts and recycles the log.
const FLUSH_INTERVAL: Duration = Duration::from_secs(1);
/// Reindex batches (8192 index chunks each) the worker moves forward per interval.
const REINDEX_BATCHES_PER_INTERVAL: usize = 64;

/// Resolves with the error if the database's maintenance worker fails; never otherwise.
pub struct Failure(oneshot::Receiver<String>);

impl Failure {
	/// The worker's error, once it fails.
	pub async fn wait(self) -> String {
		match self.0.await {
			Ok(error) => error,
			// The database closed normally: no failure will come.
			Err(oneshot::Canceled) => std::future::pending().await,
		}
	}

	/// Wait for the worker's failure and say why the node stops: run as an essential task,
	/// whose end stops the node.
	pub async fn stop_the_node(self) {
		let error = self.wait().await;
		log::error!(
			"The database's maintenance failed ({error}): nothing more can be made durable, so \
			 the node stops. Fix the disk and restart it; the database replays its log."
		);
	}
}

/// Open a ParityDB `source` (`--database paritydb` or `auto`) as [`DurableParityDb`]; returns
/// what tells of its worker's failure.
pub fn make_durable(source: &mut DatabaseSource) -> Result<Option<Failure>, ServiceError> {
	let path = match source {
		DatabaseSource::ParityDb { path } | DatabaseSource::Auto { paritydb_path: path, .. } => {
			path.clone()
		},
		_ => return Ok(None),
	};
	let error =
		|e| ServiceError::Other(format!("cannot open the database at {}: {e}", path.display()));
	// `sc-client-db` initialises a database it had to create (the create flag), and only then.
	let created = Options::load_metadata(&path).map_err(error)?.is_none();
	let db = DurableParityDb::open(&path).map_err(error)?;
	let failure = db.failure();
	*source = DatabaseSource::Custom { db: Arc::new(db), require_create_flag: created };
	Ok(failure)
}

/// ParityDB with synchronous commits, as an `sp_database::Database`.
pub struct DurableParityDb {
	shared: Arc<Shared>,
	stop: Option<mpsc::Sender<()>>,
	worker: Option<JoinHandle<()>>,
	/// The worker's failure, until [`DurableParityDb::failure`] takes it.
	failure: Mutex<Option<oneshot::Receiver<String>>>,
}

struct Shared {
	db: Db,
	/// Serialises everything that appends to the log (commits and reindex batches), as
	/// ParityDB's single log thread would.
	log_writer: Mutex<()>,
	/// The worker's first error; every later commit fails with it.
	worker_error: Mutex<Option<String>>,
	/// Where the worker tells its failure.
	failure: Mutex<Option<oneshot::Sender<String>>>,
	/// Make the next maintenance round fail, as a disk error would.
	#[cfg(test)]
	fail_next: std::sync::atomic::AtomicBool,
}

impl Shared {
	fn lock_log(&self) -> MutexGuard<'_, ()> {
		self.log_writer.lock().unwrap_or_else(PoisonError::into_inner)
	}

	fn worker_error(&self) -> MutexGuard<'_, Option<String>> {
		self.worker_error.lock().unwrap_or_else(PoisonError::into_inner)
	}

	/// One round of the background duties.
	fn maintain(&self) -> parity_db::Result<()> {
		#[cfg(test)]
		if self.fail_next.swap(false, std::sync::atomic::Ordering::SeqCst) {
			return Err(parity_db::Error::Io(std::io::Error::other("injected disk error")));
		}
		self.db.flush_logs()?;
		self.db.enact_logs()?;
		self.db.clean_logs()?;
		for _ in 0..REINDEX_BATCHES_PER_INTERVAL {
			let _log = self.lock_log();
			self.db.process_reindex()?;
		}
		Ok(())
	}
}

fn options(path: &Path) -> Options {
	let mut options = Options::with_columns(path, NUM_COLUMNS);
	options.with_background_thread = false;
	for col in
		[COL_STATE, COL_HEADER, COL_BODY, COL_BODY_INDEX, COL_TRANSACTION, COL_JUSTIFICATIONS]
	{
		options.columns[usize::from(col)].compression = CompressionType::Lz4;
	}
	for col in REF_COUNTED {
		let column = &mut options.columns[usize::from(col)];
		column.ref_counted = true;
		column.preimage = true;
		column.uniform = true;
	}
	options
}

impl DurableParityDb {
	/// Open (creating if missing) the database at `path`.
	pub fn open(path: &Path) -> parity_db::Result<Self> {
		let options = options(path);
		let db = match Db::open_or_create(&options) {
			Err(parity_db::Error::InvalidConfiguration(_)) => {
				// Written with other column options: adopt ours, as sc-client-db does.
				log::warn!("Invalid parity db configuration, attempting database metadata update.");
				if let Some(meta) = Options::load_metadata(path)? {
					options.write_metadata_with_version(path, &meta.salt, Some(meta.version))?;
				}
				Db::open_or_create(&options)?
			},
			result => result?,
		};
		let (tell, told) = oneshot::channel::<String>();
		let shared = Arc::new(Shared {
			db,
			log_writer: Mutex::new(()),
			worker_error: Mutex::new(None),
			failure: Mutex::new(Some(tell)),
			#[cfg(test)]
			fail_next: Default::default(),
		});
		let (stop, stopped) = mpsc::channel();
		let worker = {
			let shared = shared.clone();
			std::thread::Builder::new()
				.name("parity-db-maintenance".into())
				.spawn(move || loop {
					match stopped.recv_timeout(FLUSH_INTERVAL) {
						Err(RecvTimeoutError::Timeout) => {},
						Ok(()) | Err(RecvTimeoutError::Disconnected) => return,
					}
					if let Err(e) = shared.maintain() {
						log::error!("Database maintenance failed: {e}");
						shared.worker_error().get_or_insert(e.to_string());
						let tell =
							shared.failure.lock().unwrap_or_else(PoisonError::into_inner).take();
						if let Some(tell) = tell {
							let _ = tell.send(e.to_string());
						}
						return;
					}
				})
				.map_err(parity_db::Error::Io)?
		};
		Ok(Self { shared, stop: Some(stop), worker: Some(worker), failure: Mutex::new(Some(told)) })
	}

	fn db(&self) -> &Db {
		&self.shared.db
	}

	/// What tells of the worker's failure (once: `None` after the first call).
	pub fn failure(&self) -> Option<Failure> {
		self.failure.lock().unwrap_or_else(PoisonError::into_inner).take().map(Failure)
	}
}

impl Drop for DurableParityDb {
	fn drop(&mut self) {
		drop(self.stop.take());
		if let Some(worker) = self.worker.take() {
			if worker.join().is_err() {
				log::warn!("Database maintenance thread panicked");
			}
		}
		// Dropping the last `Shared` closes ParityDB, which enacts and syncs what is left.
	}
}

fn database_error(e: impl std::error::Error + Send + Sync + 'static) -> DatabaseError {
	DatabaseError(Box::new(e))
}

type Op = Operation<Vec<u8>, Vec<u8>>;
/// One ParityDB operation on a column.
type ColumnOp = (ColId, Op);

/// `Store`, `Reference` and `Release` name a hash in a reference-counted column.
fn ref_counted(col: ColumnId, op: Op) -> Result<ColumnOp, ColumnId> {
	match u8::try_from(col) {
		Ok(col) if REF_COUNTED.contains(&col) => Ok((col, op)),
		_ => Err(col),
	}
}

fn column(col: ColumnId) -> Result<ColId, DatabaseError> {
	u8::try_from(col)
		.ok()
		.filter(|c| *c < NUM_COLUMNS)
		.ok_or_else(|| database_error(parity_db::Error::InvalidInput(format!("no column {col}"))))
}

/// Translate a transaction as `sc-client-db`'s adapter does.
fn operations<H: AsRef<[u8]>>(transaction: Transaction<H>) -> Result<Vec<ColumnOp>, DatabaseError> {
	let mut not_ref_counted = Vec::new();
	let mut ops = Vec::with_capacity(transaction.0.len());
	for change in transaction.0 {
		let op = match change {
			Change::Set(col, key, value) => Ok((column(col)?, Operation::Set(key, value))),
			Change::Remove(col, key) => Ok((column(col)?, Operation::Dereference(key))),
			Change::Store(col, hash, value) => {
				ref_counted(col, Operation::Set(hash.as_ref().to_vec(), value))
			},
			Change::Reference(col, hash) => {
				ref_counted(col, Operation::Reference(hash.as_ref().to_vec()))
			},
			Change::Release(col, hash) => {
				ref_counted(col, Operation::Dereference(hash.as_ref().to_vec()))
			},
		};
		match op {
			Ok(op) => ops.push(op),
			Err(col) if !not_ref_counted.contains(&col) => not_ref_counted.push(col),
			Err(_) => {},
		}
	}
	if not_ref_counted.is_empty() {
		Ok(ops)
	} else {
		Err(database_error(parity_db::Error::InvalidInput(format!(
			"Ref counted operation on non ref counted columns {not_ref_counted:?}"
		))))
	}
}

/// A failed read leaves the node no way on: `sc-client-db` panics here too.
fn read<T>(result: parity_db::Result<T>) -> T {
	result.unwrap_or_else(|e| panic!("Critical database error: {e:?}"))
}

impl<H: Clone + AsRef<[u8]>> Database<H> for DurableParityDb {
	fn commit(&self, transaction: Transaction<H>) -> Result<(), DatabaseError> {
		if let Some(e) = self.shared.worker_error().as_ref() {
			return Err(database_error(parity_db::Error::Background(Arc::new(
				parity_db::Error::InvalidInput(e.clone()),
			))));
		}
		let ops = operations(transaction)?;
		let _log = self.shared.lock_log();
		self.db().commit_changes(ops).map_err(database_error)?;
		// Write the queued commit (ours, the only one) to the log before returning.
		self.db().process_commits().map_err(database_error)
	}

	fn get(&self, col: ColumnId, key: &[u8]) -> Option<Vec<u8>> {
		read(self.db().get(col as u8, key))
	}

	fn contains(&self, col: ColumnId, key: &[u8]) -> bool {
		read(self.db().get_size(col as u8, key)).is_some()
	}

	fn value_size(&self, col: ColumnId, key: &[u8]) -> Option<usize> {
		read(self.db().get_size(col as u8, key)).map(|s| s as usize)
	}

	fn supports_ref_counting(&self) -> bool {
		true
	}

	fn sanitize_key(&self, key: &mut Vec<u8>) {
		let prefix = key.len().saturating_sub(DB_HASH_LEN);
		key.drain(..prefix);
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	type H = [u8; 32];

	fn hash(byte: u8) -> H {
		[byte; 32]
	}

	#[test]
	fn commits_are_readable_at_once_and_after_reopening() {
		let dir = tempfile::tempdir().expect("temporary directory");
		{
			let db = DurableParityDb::open(dir.path()).expect("opens");
			let mut tx = Transaction::<H>::new();
			tx.set(0, b"key", b"value");
			tx.store(u32::from(COL_STATE), hash(1), b"preimage".to_vec());
			Database::<H>::commit(&db, tx).expect("commits");
			assert_eq!(Database::<H>::get(&db, 0, b"key"), Some(b"value".to_vec()));
			assert_eq!(Database::<H>::value_size(&db, 0, b"key"), Some(5));
		}
		let db = DurableParityDb::open(dir.path()).expect("reopens");
		assert_eq!(Database::<H>::get(&db, 0, b"key"), Some(b"value".to_vec()));
		assert!(Database::<H>::contains(&db, u32::from(COL_STATE), &hash(1)));
	}

	#[test]
	fn reference_counting_keeps_a_value_until_its_last_release() {
		let dir = tempfile::tempdir().expect("temporary directory");
		let db = DurableParityDb::open(dir.path()).expect("opens");
		let col = u32::from(COL_STATE);
		let commit = |build: &dyn Fn(&mut Transaction<H>)| {
			let mut tx = Transaction::new();
			build(&mut tx);
			Database::<H>::commit(&db, tx).expect("commits");
		};
		commit(&|tx| tx.store(col, hash(2), b"v".to_vec()));
		commit(&|tx| tx.reference(col, hash(2)));
		commit(&|tx| tx.release(col, hash(2)));
		assert!(Database::<H>::contains(&db, col, &hash(2)));
		commit(&|tx| tx.release(col, hash(2)));
		assert!(!Database::<H>::contains(&db, col, &hash(2)));
	}

	#[test]
	fn maintenance_keeps_committed_values() {
		let dir = tempfile::tempdir().expect("temporary directory");
		let db = DurableParityDb::open(dir.path()).expect("opens");
		for i in 0..100u8 {
			let mut tx = Transaction::<H>::new();
			tx.set(3, &[i], &[i; 64]);
			Database::<H>::commit(&db, tx).expect("commits");
		}
		db.shared.maintain().expect("flushes, enacts and cleans");
		for i in 0..100u8 {
			assert_eq!(Database::<H>::get(&db, 3, &[i]), Some(vec![i; 64]));
		}
	}

	#[test]
	fn ref_counted_changes_on_other_columns_fail() {
		let dir = tempfile::tempdir().expect("temporary directory");
		let db = DurableParityDb::open(dir.path()).expect("opens");
		let mut tx = Transaction::<H>::new();
		tx.store(u32::from(COL_HEADER), hash(3), b"v".to_vec());
		tx.reference(u32::from(COL_HEADER), hash(3));
		let error = Database::<H>::commit(&db, tx).expect_err("header is not ref counted");
		assert!(error.to_string().contains("non ref counted columns [4]"), "{error}");
	}

	/// A failed maintenance round stops the node (the service awaits [`Failure`] as an
	/// essential task) and every later commit fails with the error, instead of the node running
	/// on with nothing made durable.
	#[test]
	fn a_failed_worker_is_told_and_fails_every_later_commit() {
		let dir = tempfile::tempdir().expect("temporary directory");
		let db = DurableParityDb::open(dir.path()).expect("opens");
		let failure = db.failure().expect("told once");
		assert!(db.failure().is_none(), "the failure is told to one watcher");
		db.shared.fail_next.store(true, std::sync::atomic::Ordering::SeqCst);
		let error = futures::executor::block_on(failure.wait());
		assert!(error.contains("injected disk error"), "{error}");
		let mut tx = Transaction::<H>::new();
		tx.set(0, b"key", b"value");
		let refused = Database::<H>::commit(&db, tx).expect_err("the worker failed");
		assert!(refused.to_string().contains("injected disk error"), "{refused}");
	}

	#[test]
	fn closing_the_database_tells_no_failure() {
		let dir = tempfile::tempdir().expect("temporary directory");
		let db = DurableParityDb::open(dir.path()).expect("opens");
		let failure = db.failure().expect("told once");
		drop(db);
		let waited = futures::executor::block_on(async {
			futures::future::select(Box::pin(failure.wait()), Box::pin(futures::future::ready(())))
				.await
		});
		assert!(matches!(waited, futures::future::Either::Right(_)), "no failure after closing");
	}

	#[test]
	fn sanitize_key_keeps_the_hash() {
		let dir = tempfile::tempdir().expect("temporary directory");
		let db = DurableParityDb::open(dir.path()).expect("opens");
		let mut key = [vec![9u8; 5], vec![7u8; 32]].concat();
		Database::<H>::sanitize_key(&db, &mut key);
		assert_eq!(key, vec![7u8; 32]);
	}
}
