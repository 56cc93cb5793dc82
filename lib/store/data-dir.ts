/**
 * Where the system of record lives: `<data>/imd.sqlite`, the data folder given on the command
 * line (`--data`) or in a node's configuration, else IMD_DATA, else ./data — the same folder
 * `npm start` uses for Node-RED's user directory.
 */
import * as path from 'node:path';

export const DATABASE_FILE = 'imd.sqlite';

/** The data folder: the given one, else IMD_DATA, else ./data (resolved against the working directory). */
export function dataDir(given?: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(given || env.IMD_DATA || 'data');
}

/** The database file in a data folder. */
export function databasePath(given?: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDir(given, env), DATABASE_FILE);
}
