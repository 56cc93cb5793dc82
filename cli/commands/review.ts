/**
 * `imd review list|show|approve|correct|exclude`: the review queue of the system of record —
 * values held from billing by a blocking finding, and the decisions on them, each one audited
 * (who, when, what, why).
 */
import { ConfigError } from '../../lib/errors';
import { databasePath, SystemOfRecord } from '../../lib/store';
import { ReviewQueue, type ReviewStatus } from '../../lib/validation';
import { ExitCode, type Command } from '../command';
import { parseArguments } from '../parse-arguments';

const STATUSES = ['held', 'approved', 'corrected', 'excluded', 'all'];

/** The month after the one an ISO time falls in (Swedish calendar month, CET), YYYY-MM. */
function monthAfter(iso: string): string {
  const d = new Date(Date.parse(iso) + 3_600_000 - 1);
  const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  return next.toISOString().slice(0, 7);
}

export const review: Command = {
  name: 'review',
  summary: 'the review queue: list, show, approve, correct or exclude values held from billing',
  usage: `Usage: imd review list [--status held|approved|corrected|excluded|all] [--data <dir>]
       imd review show <id> [--data <dir>]
       imd review approve <id> --by <who> [--reason <text>] [--data <dir>]
       imd review correct <id> --value <use> --reason <text> --by <who> [--bill-month YYYY-MM | --next-month] [--data <dir>]
       imd review exclude <id> --by <who> --reason <text> [--data <dir>]

list     one JSON line per item {"id","meter","rule","severity","from","to","message","status","createdAt"} (default: held)
show     {"item":{…},"decisions":[{"action","by","at","reason","value","billMonth"}…]}: the item and its audit trail
approve  the held value may be billed as read
correct  bill <use> (exact decimal, the meter's unit) for the held period instead, in the month given
         (--next-month: the month after the period)
exclude  the held period is not billed
A decision prints the item as it now is. Held items come from "imd validate --data <dir> --hold"
or the imd-validate node. The database is <dir>/imd.sqlite (default IMD_DATA, else ./data).

Exit status: 0; 1 when the item does not exist or is already decided; 2 for a bad command line.`,

  async run(args, io) {
    const { values, positionals } = parseArguments({ args, allowPositionals: true, options: {
      data: { type: 'string' }, status: { type: 'string' }, by: { type: 'string' }, reason: { type: 'string' },
      value: { type: 'string' }, 'bill-month': { type: 'string' }, 'next-month': { type: 'boolean' },
    } });
    const [action, idText, ...extra] = positionals;
    if (extra.length > 0) throw new ConfigError(`unexpected argument '${extra[0]}'`);
    if (!['list', 'show', 'approve', 'correct', 'exclude'].includes(action ?? '')) throw new ConfigError('give list, show, approve, correct or exclude');
    const status = values.status ?? 'held';
    if (!STATUSES.includes(status)) throw new ConfigError(`--status must be one of ${STATUSES.join(', ')}`);
    const id = Number(idText);
    if (action !== 'list' && !(Number.isInteger(id) && id > 0)) throw new ConfigError(`give the item id to ${action}`);
    if (['approve', 'correct', 'exclude'].includes(action!) && !values.by) throw new ConfigError(`${action} needs --by <who>`);
    if (action === 'correct' && (!values.value || !values.reason)) throw new ConfigError('correct needs --value <use> and --reason <text>');
    if (action === 'exclude' && !values.reason) throw new ConfigError('exclude needs --reason <text>');
    const store = SystemOfRecord.open(databasePath(values.data));
    try {
      const queue = new ReviewQueue(store);
      const by = values.by ?? '';
      const out = (o: unknown) => io.stdout.write(`${JSON.stringify(o)}\n`);
      if (action === 'list') queue.list(status as ReviewStatus | 'all').forEach(out);
      else if (action === 'show') out(queue.show(id));
      else if (action === 'approve') out(queue.approve(id, by, values.reason));
      else if (action === 'exclude') out(queue.exclude(id, by, values.reason ?? ''));
      else {
        const billMonth = values['next-month'] ? monthAfter(queue.show(id).item.to) : values['bill-month'];
        out(queue.correct(id, { value: values.value!, reason: values.reason ?? '', by, ...(billMonth ? { billMonth } : {}) }));
      }
      return ExitCode.success;
    } catch (err) {
      if (!(err instanceof ConfigError) || action === 'list') throw err;
      io.stderr.write(`review ${action} ${idText}: ${err.message}\n`);
      return ExitCode.failure;
    } finally {
      store.close();
    }
  },
};
