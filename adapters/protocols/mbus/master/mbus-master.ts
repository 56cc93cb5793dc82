/**
 * The M-Bus master (EN 13757-2) on one bus: request/reply with the standard's reply window at
 * the bus baud rate plus a margin, retries, purge before each request, the frame count bit per
 * link address, and a per-bus queue so operations never interleave. The operations themselves
 * are readout.ts (primary/secondary, multi-telegram) and probe.ts (the scan's selection step);
 * this file also sends SND_NKE, application reset and the baud-rate switch.
 */
import { BusQueue } from '../../../../lib/bus-queue';
import type { ByteTransport } from '../../../../lib/transport';
import { RSP_UD } from '../link/control-field';
import type { StreamFrame } from '../link/framer';
import { buildApplicationReset, buildBaudRateSwitch, buildSndNke, type BaudRate } from '../app/master-telegrams';
import { MBusMasterError, type MasterErrorCode } from './errors';
import { LinkChannel, type Reply } from './link';
import { meterLabel, targetLinkAddress, type MeterAddress } from './meter-address';
import { ReplyWindow } from './reply-window';
import { SERIAL_MARGIN_MS, TCP_MARGIN_MS, wireTimeMs } from './timing';

export interface MBusMasterOptions {
  /**
   * Largest extra wait beyond 330 bit times + 50 ms (default 500 ms for tcp transports, 50 ms
   * otherwise); after a few answers the master waits less if the path is faster (reply-window.ts).
   */
  marginMs?: number;
  /** Fixed reply window in ms instead of the computed one (tests, unusual gateways). */
  timeoutMs?: number;
  /** Retries after a failed request (default 2: three attempts in all). */
  retries?: number;
  /** Most telegrams followed in one multi-telegram readout (default 16). */
  maxTelegrams?: number;
  /** After a scan's E5 or reply, listen this long for a second answer (default 3 characters + 20 ms). */
  settleMs?: number;
  /** Clock for reading timestamps (tests). */
  now?: () => Date;
}

export type Expect = 'ack' | 'data';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Listen for a second answer after the frame (collision detection in scans). */
  settle?: boolean;
  /** Attempts after the first (default: the master's retries). */
  retries?: number;
}

/** Transports with a local baud rate to follow a meter's switch (serial ports). */
interface BaudSwitchable {
  setBaudRate(baudRate: number): Promise<void>;
}

export class MBusMaster {
  readonly bus: string;
  private readonly window: ReplyWindow;
  readonly retries: number;
  readonly maxTelegrams: number;
  readonly settleMs: number;
  readonly now: () => Date;
  private readonly queue: BusQueue;
  private readonly link: LinkChannel;
  private connected = false;
  /** Next frame count bit per link key ("5", "253:<secondary>"), set by SND_NKE/selection. */
  private readonly fcb = new Map<string, boolean>();
  private readonly removeCloseListener: () => void;

  constructor(readonly transport: ByteTransport, options: MBusMasterOptions = {}) {
    this.bus = transport.description;
    const margin = options.marginMs ?? (this.bus.startsWith('tcp') ? TCP_MARGIN_MS : SERIAL_MARGIN_MS);
    this.window = new ReplyWindow(transport.baudRate, margin, options.timeoutMs);
    this.retries = options.retries ?? 2;
    this.maxTelegrams = options.maxTelegrams ?? 16;
    this.settleMs = options.settleMs ?? Math.ceil(wireTimeMs(3, transport.baudRate)) + 20;
    this.now = options.now ?? (() => new Date());
    this.queue = new BusQueue(this.bus);
    this.link = new LinkChannel(transport);
    this.removeCloseListener = transport.onClose(() => { this.connected = false; });
  }

  /** The reply window now (fixed, or the configured margin until the path's delay is learned). */
  get timeoutMs(): number {
    return this.window.timeoutMs;
  }

  /** Runs `job` with the bus to itself (one queue transaction). */
  exclusive<T>(job: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.queue.run(job, signal ? { signal } : {});
  }

  /** SND_NKE (link reset) to a primary address or 253; the slave answers E5. Resets its FCB. */
  sndNke(address: number, signal?: AbortSignal): Promise<void> {
    return this.exclusive((s) => this.resetLink(address, String(address), `primary ${address}`, s), signal);
  }

  /** Application reset (CI 0x50, optional subcode) to a primary address or the selected slave. */
  applicationReset(meter: MeterAddress, subcode?: number, signal?: AbortSignal): Promise<void> {
    return this.exclusive(async (s) => {
      const address = await targetLinkAddress(this, meter, s);
      await this.request(buildApplicationReset(address, subcode), meterLabel(meter), 'ack', { signal: s });
    }, signal);
  }

  /**
   * Baud-rate switch (CI 0xB8–0xBF). The slave acknowledges at the old rate, then changes; a
   * serial transport follows, a TCP gateway must be reconfigured by its own means.
   */
  switchBaudRate(meter: MeterAddress, baudRate: BaudRate, signal?: AbortSignal): Promise<void> {
    return this.exclusive(async (s) => {
      const address = await targetLinkAddress(this, meter, s);
      await this.request(buildBaudRateSwitch(address, baudRate), meterLabel(meter), 'ack', { signal: s });
      const local = this.transport as Partial<BaudSwitchable>;
      if (typeof local.setBaudRate === 'function') await local.setBaudRate(baudRate);
    }, signal);
  }

  /** SND_NKE inside a job: E5 expected; the next REQ_UD2 to `key` carries FCB = 1. */
  async resetLink(address: number, key: string, label: string, signal: AbortSignal): Promise<void> {
    await this.request(buildSndNke(address), label, 'ack', { signal });
    this.fcb.set(key, true);
  }

  /** The frame count bit the next request to `key` carries. */
  nextFcb(key: string): boolean {
    return this.fcb.get(key) ?? true;
  }

  /** After a successful exchange: the next request to `key` toggles the frame count bit. */
  toggleFcb(key: string): void {
    this.fcb.set(key, !this.nextFcb(key));
  }

  /** Marks `key` as freshly reset (selection): next request FCB = 1. */
  resetFcb(key: string): void {
    this.fcb.set(key, true);
  }

  /**
   * One request with retries (same bytes, so the same FCB: the slave repeats its telegram).
   * Reconnects a dropped transport before each attempt. Throws MBusMasterError.
   */
  async request(bytes: Uint8Array, meter: string, expect: Expect, options: RequestOptions = {}): Promise<StreamFrame> {
    const attempts = (options.retries ?? this.retries) + 1;
    let failure: [MasterErrorCode, string] = ['no-answer', 'no answer'];
    for (let attempt = 0; attempt < attempts; attempt++) {
      const reply = await this.exchange(bytes, meter, options);
      if (reply === undefined) { failure = ['connection', 'connection lost during the reply']; continue; }
      const outcome = judge(reply, expect, options.settle === true, primaryTarget(bytes));
      if (typeof outcome !== 'string') return outcome;
      failure = [outcome, describe(reply, expect, primaryTarget(bytes))];
    }
    throw new MBusMasterError(failure[0], this.bus, meter, `${failure[1]} (${attempts} attempt${attempts === 1 ? '' : 's'})`);
  }

  /** One exchange; undefined when the connection dropped meanwhile (the caller may retry). */
  async exchange(bytes: Uint8Array, meter: string, options: RequestOptions): Promise<Reply | undefined> {
    await this.ensureOpen(meter);
    try {
      const started = performance.now();
      const reply = await this.link.exchange(bytes, {
        timeoutMs: this.timeoutMs, ...(options.settle ? { settleMs: this.settleMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (reply.kind === 'frame' && !reply.extra) {
        // A settled exchange listened settleMs past the frame for a second answer: not path delay.
        const elapsed = performance.now() - started - (options.settle ? this.settleMs : 0);
        this.window.observe(bytes.length, reply.frame.raw.length, elapsed);
      }
      return reply;
    } catch (err) {
      if (options.signal?.aborted) throw new MBusMasterError('aborted', this.bus, meter, 'aborted');
      this.connected = false;
      return undefined;
    }
  }

  /** Sends without waiting for a reply (broadcasts). */
  async send(bytes: Uint8Array): Promise<void> {
    await this.ensureOpen(undefined);
    await this.link.send(bytes);
  }

  /** Aborts the running operation, fails queued ones, closes the transport. */
  async close(): Promise<void> {
    this.queue.close(new MBusMasterError('aborted', this.bus, undefined, 'master closed'));
    this.removeCloseListener();
    this.link.dispose();
    this.connected = false;
    await this.transport.close();
  }

  private async ensureOpen(meter: string | undefined): Promise<void> {
    if (this.connected) return;
    try {
      await this.transport.open();
      this.connected = true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new MBusMasterError('connection', this.bus, meter, message.startsWith(`${this.bus}: `) ? message.slice(this.bus.length + 2) : message);
    }
  }
}

/**
 * The primary address (1–250) a short request frame (10 C A CS 16) goes to, else undefined:
 * a slave answers a primary request with its own address, so a reply from another address is
 * a late answer to an earlier request, never this one. (Via 253 slaves answer with their own
 * primary address, which the master does not know, so no check there.)
 */
function primaryTarget(bytes: Uint8Array): number | undefined {
  return bytes[0] === 0x10 && bytes[2]! >= 1 && bytes[2]! <= 250 ? bytes[2] : undefined;
}

/** The frame when it is what was asked for, else the failure code. */
function judge(reply: Reply, expect: Expect, settled: boolean, target: number | undefined): StreamFrame | MasterErrorCode {
  if (reply.kind === 'silence') return 'no-answer';
  if (reply.kind === 'garbled') return reply.garbageRuns > 1 ? 'collision' : reply.truncated ? 'timeout' : 'invalid-frame';
  if (settled && reply.extra) return 'collision';
  const f = reply.frame.frame;
  const wanted = expect === 'ack' ? f.type === 'ack'
    : f.type === 'long' && (f.control & 0x4f) === RSP_UD && (target === undefined || f.address === target);
  return wanted ? reply.frame : 'invalid-frame';
}

function describe(reply: Reply, expect: Expect, target: number | undefined): string {
  if (reply.kind === 'silence') return 'no answer';
  if (reply.kind === 'garbled') return `${reply.bytes} byte(s) but no valid frame: ${reply.reason}`;
  if (reply.extra) return 'several answers at once (or bytes around the frame)';
  const f = reply.frame.frame;
  if (f.type === 'long' && target !== undefined && f.address !== target) return `answer from address ${f.address}, not ${target} (a late reply to an earlier request)`;
  return `expected ${expect === 'ack' ? 'E5' : 'a long RSP_UD frame'}, got a ${f.type} frame`;
}
