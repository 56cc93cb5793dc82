/**
 * The work of the imd-review node, without Node-RED: one review-queue command per message —
 * list, show, approve, correct, exclude — on the review queue of the system of record (data
 * folder from the node, else IMD_DATA, else ./data), opened on first use. The command is
 * msg.payload.command, else a text payload, else msg.topic; its arguments are msg.payload's
 * fields. Every decision goes through ReviewQueue, which audits it as `imd review` does.
 */
import { ConfigError } from '../../lib/errors';
import { databasePath, SystemOfRecord } from '../../lib/store';
import { ReviewQueue, type ReviewStatus } from '../../lib/validation';

export interface ReviewConfig {
  /** Data folder; the database is <data>/imd.sqlite. */
  data?: string;
}

export interface ReviewStatusView { fill: 'green' | 'yellow'; shape: 'dot'; text: string }

const COMMANDS = ['list', 'show', 'approve', 'correct', 'exclude'] as const;
type ReviewCommand = typeof COMMANDS[number];
const STATUSES: ReadonlyArray<ReviewStatus | 'all'> = ['held', 'approved', 'corrected', 'excluded', 'all'];
/** The msg.payload fields each command needs (besides the command). */
const NEEDS: Record<ReviewCommand, readonly string[]> = {
  list: [], show: ['id'], approve: ['id', 'by'], correct: ['id', 'value', 'reason', 'by'], exclude: ['id', 'by', 'reason'],
};

type Fields = Record<string, unknown>;

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());

export class ReviewController {
  readonly file: string;
  private store: SystemOfRecord | undefined;
  private opened: ReviewQueue | undefined;

  constructor(config: ReviewConfig, env: NodeJS.ProcessEnv = process.env) {
    this.file = databasePath(config.data?.trim() || undefined, env);
  }

  private get queue(): ReviewQueue {
    this.store ??= SystemOfRecord.open(this.file);
    return (this.opened ??= new ReviewQueue(this.store));
  }

  /** Runs the message's command; returns the new msg.payload (items, an item with its audit trail, or the decided item). */
  run(topic: unknown, payload: unknown): unknown {
    const fields: Fields = payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? payload as Fields : {};
    const command = text(fields.command) || (typeof payload === 'string' ? payload.trim() : '') || text(topic);
    if (!(COMMANDS as readonly string[]).includes(command)) {
      throw new ConfigError(`unknown review command '${command}': give ${COMMANDS.join(', ')} as msg.topic, msg.payload.command or a text payload`);
    }
    const cmd = command as ReviewCommand;
    const missing = NEEDS[cmd].filter((f) => text(fields[f]) === '');
    if (missing.length > 0) throw new ConfigError(`review ${cmd} needs ${missing.map((f) => `msg.payload.${f}`).join(', ')}`);
    const id = Number(fields.id);
    if (cmd !== 'list' && !(Number.isInteger(id) && id > 0)) throw new ConfigError(`review ${cmd}: id '${text(fields.id)}' is not an item id`);
    try {
      return this.apply(cmd, id, fields);
    } catch (err) {
      if (err instanceof ConfigError) throw new ConfigError(`review ${cmd === 'list' ? cmd : `${cmd} ${id}`}: ${err.message}`);
      throw err;
    }
  }

  private apply(cmd: ReviewCommand, id: number, f: Fields): unknown {
    const queue = this.queue;
    const by = text(f.by);
    if (cmd === 'list') {
      const status = text(f.status) || 'held';
      if (!(STATUSES as readonly string[]).includes(status)) throw new ConfigError(`status must be one of ${STATUSES.join(', ')}`);
      return queue.list(status as ReviewStatus | 'all');
    }
    if (cmd === 'show') return queue.show(id);
    if (cmd === 'approve') return queue.approve(id, by, text(f.reason) || undefined);
    if (cmd === 'exclude') return queue.exclude(id, by, text(f.reason));
    const billMonth = text(f.billMonth);
    return queue.correct(id, { value: text(f.value), reason: text(f.reason), by, ...(billMonth ? { billMonth } : {}) });
  }

  /** "3 held for review" (yellow) or "none held" (green). */
  status(): ReviewStatusView {
    const held = this.queue.list('held').length;
    return held > 0 ? { fill: 'yellow', shape: 'dot', text: `${held} held for review` } : { fill: 'green', shape: 'dot', text: 'none held' };
  }

  close(): void {
    this.store?.close();
    this.store = undefined;
    this.opened = undefined;
  }
}
