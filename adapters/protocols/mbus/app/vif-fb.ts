/**
 * The first VIF extension table (VIF 0xFB / 0x7B, EN 13757-3:2018 Table 14). Codes marked
 * "2004" are from the older edition (US gallons) and kept because meters still send them.
 */
import { entry, vifTable } from './vif-entry';

export const FB_VIF = vifTable('FB', (set) => {
  set(0x00, 2, (n) => entry('energy', 'Energy', 'MWh', n - 1));
  set(0x02, 2, (n) => entry('reactive-energy', 'Reactive energy', 'kvarh', n));
  set(0x04, 2, (n) => entry('apparent-energy', 'Apparent energy', 'kVAh', n));
  set(0x08, 2, (n) => entry('energy', 'Energy', 'GJ', n - 1));
  set(0x0c, 4, (n) => entry('energy', 'Energy', 'MCal', n - 1));
  set(0x10, 2, (n) => entry('volume', 'Volume', 'm3', n + 2));
  set(0x14, 4, (n) => entry('reactive-power', 'Reactive power', 'kvar', n - 3));
  set(0x18, 2, (n) => entry('mass', 'Mass', 't', n + 2));
  set(0x1a, 2, (n) => entry('relative-humidity', 'Relative humidity', '%', n - 1));
  set(0x21, 1, () => entry('volume', 'Volume', 'ft3', -1));
  set(0x22, 1, () => entry('volume', 'Volume (2004)', 'US gal', -1));
  set(0x23, 1, () => entry('volume', 'Volume (2004)', 'US gal', 0));
  set(0x24, 1, () => entry('volume-flow', 'Volume flow (2004)', 'US gal/min', -3));
  set(0x25, 1, () => entry('volume-flow', 'Volume flow (2004)', 'US gal/min', 0));
  set(0x26, 1, () => entry('volume-flow', 'Volume flow (2004)', 'US gal/h', 0));
  set(0x28, 2, (n) => entry('power', 'Power', 'MW', n - 1));
  set(0x2a, 1, () => entry('phase', 'Phase U-U', 'deg', -1));
  set(0x2b, 1, () => entry('phase', 'Phase U-I', 'deg', -1));
  set(0x2c, 4, (n) => entry('frequency', 'Frequency', 'Hz', n - 3));
  set(0x30, 2, (n) => entry('power', 'Power', 'GJ/h', n - 1));
  set(0x34, 4, (n) => entry('apparent-power', 'Apparent power', 'kVA', n - 3));
  set(0x58, 4, (n) => entry('flow-temperature', 'Flow temperature', 'F', n - 3));
  set(0x5c, 4, (n) => entry('return-temperature', 'Return temperature', 'F', n - 3));
  set(0x60, 4, (n) => entry('temperature-difference', 'Temperature difference', 'F-diff', n - 3));
  set(0x64, 4, (n) => entry('external-temperature', 'External temperature', 'F', n - 3));
  set(0x70, 4, (n) => entry('temperature', 'Cold/warm temperature limit', 'F', n - 3));
  set(0x74, 4, (n) => entry('temperature', 'Cold/warm temperature limit', 'C', n - 3));
  set(0x78, 8, (n) => entry('power', 'Cumulative count max power', 'W', n - 3));
});
