/**
 * The self-description every plugin folder exports from its index.ts (protocol adapter,
 * receiver, sink, exporter, transport, validator). The registry lists them; README tables,
 * editor dropdowns and the conventions test read them.
 */
export type PluginKind = 'protocol' | 'receiver' | 'sink' | 'exporter' | 'transport' | 'validator';

export interface PluginDescriptor {
  /** kebab-case, equal to the folder name. */
  id: string;
  kind: PluginKind;
  title: string;
  /** Package version that introduced the plugin. */
  since: string;
  summary: string;
  /** JSON Schema of the plugin's configuration (omitted when it takes none). */
  configSchema?: Record<string, unknown>;
  exampleConfig?: Record<string, unknown>;
  /** What it can do, e.g. decode, encode, scan, read, listen, write. */
  capabilities: string[];
  /** Standards and documents it implements. */
  references: string[];
}
