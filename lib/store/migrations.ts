/**
 * Schema migrations: numbered, append-only, each applied in its own transaction together with
 * its row in `schema_version`, so a crash leaves the database at the previous version, never
 * half-way. Opening a database upgrades it to the newest version this code knows; a database
 * from a newer release is refused rather than written with an older idea of the schema.
 * Never edit a released migration: add the next number.
 */
import { ConfigError } from '../errors';
import type { Database } from './sqlite-driver';

export interface Migration { version: number; description: string; sql: string }

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'registry (properties, buildings, apartments, metering points, meters), registers, readings ledger, telegram archive',
    sql: `
CREATE TABLE properties (
  id INTEGER PRIMARY KEY,
  designation TEXT NOT NULL UNIQUE               -- fastighetsbeteckning, or the owner's property name
);
CREATE TABLE buildings (
  id INTEGER PRIMARY KEY,
  property_id INTEGER NOT NULL REFERENCES properties(id),
  name TEXT NOT NULL,                            -- house name or street address; '' when the property has one
  UNIQUE (property_id, name)
);
CREATE TABLE apartments (
  id INTEGER PRIMARY KEY,
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  object_id TEXT NOT NULL UNIQUE,                -- the id the billing system uses (objekt-id)
  number TEXT NOT NULL,                          -- lägenhetsnummer, e.g. 1101
  living_area_m2 TEXT,                           -- exact decimal text, e.g. '74.5'
  UNIQUE (building_id, number)
);
CREATE TABLE metering_points (
  id INTEGER PRIMARY KEY,
  apartment_id INTEGER NOT NULL REFERENCES apartments(id),
  medium TEXT NOT NULL,                          -- the hub's medium id: cold-water, hot-water, electricity …
  placement TEXT NOT NULL DEFAULT '',            -- kitchen, bathroom …
  UNIQUE (apartment_id, medium, placement)
);
CREATE TABLE meters (
  id INTEGER PRIMARY KEY,
  serial TEXT NOT NULL,                          -- meter id as printed / sent (M-Bus: 8 digits)
  manufacturer TEXT NOT NULL DEFAULT '',         -- FLAG code; '' until known
  medium TEXT NOT NULL,
  model TEXT,
  size TEXT CHECK (size IN ('small', 'large')),  -- water meters: decides the certification lifetime
  install_date TEXT,                             -- YYYY-MM-DD
  certified_until TEXT,                          -- YYYY-MM-DD, the 10/5/18-year rule or given
  aes_key_ref TEXT,                              -- a reference to the key in a key store, never the key
  primary_address INTEGER,
  secondary_address TEXT,
  metering_point_id INTEGER REFERENCES metering_points(id),  -- NULL: heard but not (or no longer) placed
  UNIQUE (serial, manufacturer)
);
CREATE INDEX meters_point ON meters (metering_point_id);
CREATE TABLE registers (                       -- one register of one meter: what a reading is a value of
  id INTEGER PRIMARY KEY,
  meter_id INTEGER NOT NULL REFERENCES meters(id),
  quantity TEXT NOT NULL,
  storage INTEGER NOT NULL, tariff INTEGER NOT NULL, subunit INTEGER NOT NULL,
  function TEXT NOT NULL,
  qualifiers TEXT NOT NULL DEFAULT '',           -- comma-separated
  UNIQUE (meter_id, quantity, storage, tariff, subunit, function, qualifiers)
);
CREATE TABLE readings (
  id INTEGER PRIMARY KEY,
  register_id INTEGER NOT NULL REFERENCES registers(id),
  at INTEGER NOT NULL,                           -- when the value applies, ms since 1970 UTC
  mantissa TEXT NOT NULL,                        -- the register exactly as sent: mantissa × 10^exponent raw_unit
  exponent INTEGER NOT NULL,
  raw_unit TEXT NOT NULL,
  encoding TEXT NOT NULL,
  raw_bytes TEXT NOT NULL,                       -- data field as sent (hex)
  value,                                         -- canonical value (REAL, or TEXT for dates); display only
  unit TEXT NOT NULL,                            -- canonical unit
  flags TEXT NOT NULL DEFAULT '',                -- comma-separated quality flags
  frame TEXT NOT NULL,                           -- raw telegram reference (frames.ref)
  record INTEGER,
  received_at INTEGER NOT NULL,                  -- ms since 1970 UTC
  via TEXT
);
CREATE UNIQUE INDEX readings_key ON readings (register_id, at);  -- the idempotency key
CREATE TABLE frames (
  ref TEXT PRIMARY KEY,                          -- lib/frame-ref: first 64 bits of SHA-256, hex
  bytes BLOB NOT NULL,
  received_at INTEGER NOT NULL,
  via TEXT
) WITHOUT ROWID;
`,
  },
  {
    version: 2,
    description: 'meter replacements, tenancies, per-meter ledger totals, meter removal time',
    sql: `
CREATE TABLE meter_replacements (
  id INTEGER PRIMARY KEY,
  metering_point_id INTEGER NOT NULL REFERENCES metering_points(id),
  old_meter_id INTEGER NOT NULL UNIQUE REFERENCES meters(id),
  new_meter_id INTEGER NOT NULL UNIQUE REFERENCES meters(id),
  replaced_at INTEGER NOT NULL,                  -- ms since 1970 UTC
  quantity TEXT NOT NULL,                        -- the register carried over, e.g. volume
  unit TEXT NOT NULL,                            -- canonical unit of the two readings
  old_final TEXT NOT NULL,                       -- exact decimal text: old meter's last register
  new_start TEXT NOT NULL,                       -- exact decimal text: new meter's first register
  CHECK (old_meter_id <> new_meter_id)
);
CREATE TABLE tenancies (
  id INTEGER PRIMARY KEY,
  apartment_id INTEGER NOT NULL REFERENCES apartments(id),
  contract_id TEXT NOT NULL UNIQUE,
  move_in TEXT NOT NULL,                         -- YYYY-MM-DD, first day of the tenancy
  move_out TEXT,                                 -- YYYY-MM-DD, last day; NULL while it runs
  tenant_name TEXT,                              -- optional; keep empty unless needed (privacy)
  CHECK (move_out IS NULL OR move_out >= move_in)
);
CREATE INDEX tenancies_apartment ON tenancies (apartment_id, move_in);
ALTER TABLE meters ADD COLUMN reading_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meters ADD COLUMN last_reading_at INTEGER;
ALTER TABLE meters ADD COLUMN removed_at INTEGER;              -- ms since 1970 UTC; set when replaced
UPDATE meters SET
  reading_count = (SELECT count(*) FROM readings r JOIN registers g ON g.id = r.register_id WHERE g.meter_id = meters.id),
  last_reading_at = (SELECT max(at) FROM readings r JOIN registers g ON g.id = r.register_id WHERE g.meter_id = meters.id);
`,
  },
  {
    version: 3,
    description: 'billing: tariffs, monthly closes and their lines (frozen on export, corrected by new versions), export receipts',
    sql: `
CREATE TABLE tariffs (
  id INTEGER PRIMARY KEY,
  property TEXT NOT NULL,                        -- property designation (properties.designation)
  valid_from TEXT NOT NULL,                      -- YYYY-MM-DD, first day in force
  document TEXT NOT NULL,                        -- the tariff JSON (lib/billing/README.md)
  set_at INTEGER NOT NULL,                       -- ms since 1970 UTC
  UNIQUE (property, valid_from)
);
CREATE TABLE billing_closes (
  id INTEGER PRIMARY KEY,
  property TEXT NOT NULL,
  period TEXT NOT NULL,                          -- YYYY-MM, a Europe/Stockholm calendar month
  version INTEGER NOT NULL,                      -- 1 = the close; 2… = correction closes
  kind TEXT NOT NULL CHECK (kind IN ('close', 'correction')),
  corrects INTEGER REFERENCES billing_closes(id),-- the frozen close a correction supersedes
  tariff_valid_from TEXT NOT NULL,
  options TEXT NOT NULL,                         -- JSON: model, split, maxGapHours, pricesIncludeVat
  checksum TEXT NOT NULL,                        -- SHA-256 of the lines
  created_at INTEGER NOT NULL,
  frozen_at INTEGER,                             -- set on the first export; a frozen close never changes
  UNIQUE (property, period, version)
);
CREATE TABLE billing_close_lines (
  close_id INTEGER NOT NULL REFERENCES billing_closes(id),
  line INTEGER NOT NULL,
  metering_point_id INTEGER NOT NULL,
  status TEXT NOT NULL,                          -- billed, information, held, unread, vacant, unpriced
  from_day TEXT NOT NULL,
  content TEXT NOT NULL,                         -- the line as JSON, decimals as exact text
  PRIMARY KEY (close_id, line)
) WITHOUT ROWID;
CREATE TABLE export_receipts (
  id INTEGER PRIMARY KEY,
  close_id INTEGER NOT NULL REFERENCES billing_closes(id),
  profile TEXT NOT NULL,
  checksum TEXT NOT NULL,                        -- SHA-256 over the files' names and bytes
  receipt TEXT NOT NULL,                         -- the receipt JSON (exportkvitto)
  created_at INTEGER NOT NULL,
  delivered_at INTEGER,
  target TEXT,                                   -- where it was delivered (no secrets)
  UNIQUE (close_id, profile, checksum)
);
`,
  },
  {
    version: 4,
    description: 'validation: versioned rule settings (special rules), review queue and its audit trail',
    sql: `
CREATE TABLE validation_settings (               -- append-only: every change to a rule's configuration
  version INTEGER PRIMARY KEY,
  at TEXT NOT NULL,                              -- ISO 8601 UTC
  by TEXT NOT NULL,                              -- who made the change
  rule TEXT NOT NULL,
  scope TEXT NOT NULL,                           -- JSON {medium?, property?, building?, meter?}; {} = every meter
  setting TEXT NOT NULL,                         -- a parameter name, 'severity' or 'enabled'
  value TEXT,                                    -- NULL removes the override
  reason TEXT
);
CREATE TABLE review_items (                      -- values held from billing by a blocking finding
  id INTEGER PRIMARY KEY,
  meter TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  from_at INTEGER NOT NULL,                      -- ms since 1970 UTC
  to_at INTEGER NOT NULL,
  message TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'approved', 'corrected', 'excluded')),
  created_at TEXT NOT NULL,
  UNIQUE (meter, rule, from_at, to_at)
);
CREATE INDEX review_items_meter ON review_items (meter, from_at);
CREATE TABLE review_decisions (                  -- the audit trail: append-only, one row per decision
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES review_items(id),
  action TEXT NOT NULL CHECK (action IN ('held', 'approve', 'correct', 'exclude')),
  by TEXT NOT NULL,
  at TEXT NOT NULL,
  reason TEXT,
  value TEXT,                                    -- correct: the corrected use, exact decimal text
  bill_month TEXT                                -- correct: YYYY-MM the correction is billed in
);
CREATE INDEX review_decisions_item ON review_decisions (item_id);
`,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The version a database is at (0 for an empty one). */
export function schemaVersion(db: Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/** Applies every migration above the database's version, up to `target`; returns the versions applied. */
export function migrate(db: Database, target: number = LATEST_VERSION): number[] {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new ConfigError(`the database is at schema version ${current}, newer than this release knows (${LATEST_VERSION}); upgrade the IMD hub`);
  }
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    const ran = db.transaction(() => {
      if (schemaVersion(db) >= m.version) return false; // another connection was first
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)')
        .run(m.version, m.description, new Date().toISOString());
      return true;
    }).immediate();
    if (ran) applied.push(m.version);
  }
  return applied;
}
