/**
 * Generic CSV exporter: every field of a billed line, comma-separated, decimal point, UTF-8,
 * ISO dates — the hub's own documented layout (profile.json), a starting point for any target.
 */
import { delimitedPlugin } from '../delimited';
import definition from './profile.json';

export const { descriptor, profile, exporter } = delimitedPlugin(definition);
