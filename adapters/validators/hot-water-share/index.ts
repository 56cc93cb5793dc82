/**
 * Validator plugin `hot-water-share`: HW / (CW + HW) per apartment and month outside a band.
 */
import { describeRule } from '../../../lib/validation/describe';
import { hotWaterShare } from './hot-water-share-rule';

export const rule = hotWaterShare;
export const descriptor = describeRule(hotWaterShare, ['Stockholm IMD guide: varmvattenandel ≈ 40–50 %']);
