/**
 * Validation (lib/validation): the rules engine over columnar meter series, rule settings with
 * per-medium defaults and versioned special rules, and the review queue. Pure TypeScript, no
 * Node-RED; the rules are plugins in adapters/validators. See README.md.
 */
export { describeRule } from './describe';
export { validate, type ValidationInput } from './engine';
export { FLAG, flagBits, flagNames, type FlagName } from './flags';
export { isRegister, isWater, mediumGroup } from './media';
export { RegistryView, type MeterInfo } from './registry-view';
export { ReviewQueue, type Correction, type ReviewDecision, type ReviewItem, type ReviewStatus } from './review-queue';
export { SeriesBuilder, type MeterSeries } from './series';
export { RuleSettings, type Placement, type Scope, type SettingChange, type VersionedChange } from './settings';
export { loadSettings, recordSetting } from './settings-store';
export { MEDIA, SEVERITIES, type Finding, type Medium, type ParameterSpec, type Parameters, type RuleContext, type Severity, type Texts, type ValidatorRule } from './types';
