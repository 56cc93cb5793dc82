/** The primary VIF table of EN 13757-3 (codes 0x00–0x7A; 0x7B–0x7F escape to other tables). */
import { DURATION_UNITS, entry, vifTable } from './vif-entry';

export const PRIMARY_VIF = vifTable('', (set) => {
  set(0x00, 8, (n) => entry('energy', 'Energy', 'Wh', n - 3));
  set(0x08, 8, (n) => entry('energy', 'Energy', 'J', n));
  set(0x10, 8, (n) => entry('volume', 'Volume', 'm3', n - 6));
  set(0x18, 8, (n) => entry('mass', 'Mass', 'kg', n - 3));
  set(0x20, 4, (n) => entry('on-time', 'On time', DURATION_UNITS[n]!, 0));
  set(0x24, 4, (n) => entry('operating-time', 'Operating time', DURATION_UNITS[n]!, 0));
  set(0x28, 8, (n) => entry('power', 'Power', 'W', n - 3));
  set(0x30, 8, (n) => entry('power', 'Power', 'J/h', n));
  set(0x38, 8, (n) => entry('volume-flow', 'Volume flow', 'm3/h', n - 6));
  set(0x40, 8, (n) => entry('volume-flow', 'Volume flow', 'm3/min', n - 7));
  set(0x48, 8, (n) => entry('volume-flow', 'Volume flow', 'm3/s', n - 9));
  set(0x50, 8, (n) => entry('mass-flow', 'Mass flow', 'kg/h', n - 3));
  set(0x58, 4, (n) => entry('flow-temperature', 'Flow temperature', 'C', n - 3));
  set(0x5c, 4, (n) => entry('return-temperature', 'Return temperature', 'C', n - 3));
  set(0x60, 4, (n) => entry('temperature-difference', 'Temperature difference', 'K', n - 3));
  set(0x64, 4, (n) => entry('external-temperature', 'External temperature', 'C', n - 3));
  set(0x68, 4, (n) => entry('pressure', 'Pressure', 'bar', n - 3));
  set(0x6c, 1, () => entry('date', 'Time point (date)', 'date', 0, 'date'));
  set(0x6d, 1, () => entry('datetime', 'Time point (date and time)', 'datetime', 0, 'datetime'));
  set(0x6e, 1, () => entry('hca', 'Units for H.C.A.', 'hca', 0));
  set(0x70, 4, (n) => entry('averaging-duration', 'Averaging duration', DURATION_UNITS[n]!, 0));
  set(0x74, 4, (n) => entry('actuality-duration', 'Actuality duration', DURATION_UNITS[n]!, 0));
  set(0x78, 1, () => entry('fabrication-number', 'Fabrication number', '', 0, 'id'));
  set(0x79, 1, () => entry('enhanced-identification', '(Enhanced) identification', '', 0, 'id'));
  set(0x7a, 1, () => entry('bus-address', 'Bus address', '', 0, 'id'));
});
