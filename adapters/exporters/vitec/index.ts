/**
 * Vitec exporter — a DEFAULT PROFILE (profile.json), not Vitec's official import format
 * (none is public): see README.md.
 */
import { delimitedPlugin } from '../delimited';
import definition from './profile.json';

export const { descriptor, profile, exporter } = delimitedPlugin(definition);
