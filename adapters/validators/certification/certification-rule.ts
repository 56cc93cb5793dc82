/**
 * certification: the meter's certification lifetime (utesittningstid) — small water meters 10
 * years, large 5 years, electricity 18 years from installation, or the expiry the registry
 * gives. Expired: the meter must be replaced or re-verified before its values are billed
 * (block); due within `dueDays`: plan the replacement (info).
 */
import { DAY_MS, fmt, iso } from '../../../lib/validation/series-tools';
import type { MeterSeries } from '../../../lib/validation/series';
import type { RuleContext, ValidatorRule } from '../../../lib/validation/types';

function check(_all: readonly MeterSeries[], ctx: RuleContext): void {
  for (const m of ctx.registry.meters) {
    if (!m.certifiedUntil || m.replacedBy) continue;
    const p = ctx.parameters(m.serial, m.medium);
    const until = Date.parse(`${m.certifiedUntil}T00:00:00Z`);
    if (until <= ctx.now) {
      ctx.emit({ meter: m.serial, from: iso(until), to: iso(ctx.now), severity: 'block', check: 'expired', message: `certification expired on ${m.certifiedUntil}: replace or re-verify the meter` });
    } else if (until - ctx.now <= p.dueDays! * DAY_MS) {
      ctx.emit({ meter: m.serial, from: iso(ctx.now), to: iso(until), severity: 'info', check: 'due', message: `certification expires on ${m.certifiedUntil}, in ${fmt((until - ctx.now) / DAY_MS, 0)} days` });
    }
  }
}

export const certification: ValidatorRule = {
  id: 'certification',
  title: { en: 'Certification lifetime', sv: 'Utesittningstid' },
  description: {
    en: 'Certification lifetime expired, or due soon (water 10 years small / 5 years large, electricity 18 years)',
    sv: 'Utesittningstiden har gått ut eller går snart ut (vatten 10 år små / 5 år stora, el 18 år)',
  },
  severity: 'block',
  media: [],
  parameters: [
    { name: 'dueDays', unit: 'days', default: 90, description: { en: 'warn this many days before expiry', sv: 'varna så många dagar före utgången' } },
  ],
  checkAll: check,
};
