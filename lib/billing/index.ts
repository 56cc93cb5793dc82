/**
 * Billing (lib/billing): the monthly close per property (Europe/Stockholm months, the boundary
 * register rule, swaps, move-in/move-out splits, held values), dated tariffs and the pricing
 * formulas, exact money, corrections, the exporter and delivery contracts, receipts and their
 * mail, and the 4th-working-day schedule. Pure TypeScript, no Node-RED. See README.md.
 */
export * from './calendar';
export { closeLines, computeClose, LINE_KEYS, type CloseLine, type CloseOptions, type LineStatus } from './close';
export { StoreCloseSource, type ApartmentInfo, type CloseSource, type PointInfo, type Segment } from './close-source';
export { Closes, encodeLine, type CloseRecord, type SaveOutcome } from './close-store';
export { correctionLines } from './corrections';
export { deliverExport, type Delivery } from './delivery';
export * from './exact';
export { exportClose, exportLines, filesChecksum, type ExportFile, type ExportInput, type Exporter, type ExportResult } from './export';
export { heldByAny, heldByReviewQueue, heldFromList, NOTHING_HELD, type HeldSpan, type HeldValues } from './held';
export { lineAmount, type Amount } from './money';
export { boundaryValue, DEFAULT_MAX_GAP_HOURS, type BoundaryValue, type RegisterSample } from './month-end';
export * from './pricing';
export { mailAddresses, mailReceipt, notMailedMessage, ReceiptMailError, receiptMail, type MailFailure, type ReceiptMail, type ReceiptMailer } from './receipt-mail';
export { receiptFileName, receiptJson, Receipts, type ExportReceipt } from './receipts';
export { closeMonth, type CloseMonthOptions, type ClosedMonth } from './run-close';
export { billingDeadline, scheduleStatus, type ScheduleOptions, type ScheduleStatus } from './schedule';
export { dueStatus } from './due';
export { defaultNormalUse, rentReduction, tenantPrice, type NormalUse, type RentReduction } from './rent-reduction';
export { pieces, shareByDays, type Piece, type SplitMethod } from './split';
export { summarise, Summariser, type CloseSummary } from './summary';
export { checkTariff, unitPrices, type BillingModel, type Tariff, type TariffDocument } from './tariff';
export { Tariffs } from './tariff-store';
export { easterSunday, isWorkingDay, nthWorkingDay, swedishHolidays } from './working-days';
