/**
 * Reading a JSON file the user wrote (an export profile, a delivery or mail configuration, a
 * list of held values) or typed into a node: a missing file or broken JSON is a ConfigError
 * naming the file or field — and, for a missing file, the README that says how to write one.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, describeError } from './errors';

export function readJsonFile(file: string, what: string, readme?: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ConfigError(`${what} ${file} is missing${readme ? ` (see ${readme})` : ''}`);
    throw new ConfigError(`${what} ${file}: ${describeError(err)}`);
  }
  return parseJsonText(text, `${what} ${file}`);
}

/** JSON the user typed (e.g. a node's profile overrides): broken JSON is a ConfigError naming `what`. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${what}: ${describeError(err)}`);
  }
}
