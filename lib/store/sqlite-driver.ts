/**
 * The SQLite connection: better-sqlite3, loaded lazily on the first open (so a Node-RED node
 * file can be required on a Node version the native module was not built for — e.g. the
 * Node-RED 5 check on Node 22 — and only fails, with a clear message, when a flow uses it).
 * Every connection gets the same pragmas: WAL journal, synchronous=FULL (a committed
 * transaction survives a power cut), foreign keys on, a busy timeout for a second connection.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { ConfigError, describeError } from '../errors';

export type Database = BetterSqlite3.Database;

/** How long a connection waits for another connection's write lock before failing. */
const BUSY_TIMEOUT_MS = 10_000;

/** Page size of new databases: 8 KiB pages halve the pages a batch of readings dirties (measured in bench/store). */
const PAGE_SIZE = 8192;

/** Page cache per connection (KiB): keeps the ledger's key index in memory while batches land all over it. */
const CACHE_KIB = 64 * 1024;

let driver: typeof BetterSqlite3 | undefined;

function driverMissing(err: unknown): ConfigError {
  return new ConfigError(`the SQLite driver better-sqlite3 does not load under Node ${process.version} `
    + `(${describeError(err).split('\n')[0]}); run "npm rebuild better-sqlite3" with this Node version`);
}

/** The native addon is loaded by require (the JS part) and by the first `new Database` (the binary). */
function newConnection(file: string): Database {
  try {
    driver ??= require('better-sqlite3') as typeof BetterSqlite3;
    return new driver(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_DLOPEN_FAILED' || /NODE_MODULE_VERSION|bindings file/.test(describeError(err))) throw driverMissing(err);
    throw err;
  }
}

/** Opens (creating the folder and file when missing) a database file, or ':memory:'. */
export function openDatabase(file: string): Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = newConnection(file);
  try {
    db.pragma(`page_size = ${PAGE_SIZE}`); // takes effect only when the file is created
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${CACHE_KIB}`);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
