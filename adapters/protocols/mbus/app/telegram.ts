/** STUB — being written. decodeTelegram(bytes) → DecodedTelegram, throws DecodeError. */
import { DecodeError } from '../../../../lib/errors';
import type { DecodedTelegram } from './types';

export function decodeTelegram(bytes: Uint8Array): DecodedTelegram {
  throw new DecodeError(`not implemented (${bytes.length} bytes)`, 0);
}
