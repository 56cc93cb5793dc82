/**
 * The byte transport seam between protocol masters and the wire: a serial port, a TCP
 * connection to a transparent gateway, or a test pipe. One transaction at a time is the
 * caller's rule (see the per-bus queue); a transport only moves bytes.
 */
export interface ByteTransport {
  /** For logs and errors, e.g. "tcp 127.0.0.1:10001" or "serial /dev/ttyUSB0 2400 8E1". Never contains secrets. */
  readonly description: string;
  /** Bits per second on the meter bus (for a TCP gateway: the gateway's bus baud rate), used for timeouts. */
  readonly baudRate: number;
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  /** Registers a listener for received bytes; returns the function that removes it. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Registers a listener for the connection closing or failing unexpectedly. */
  onClose(listener: (err?: Error) => void): () => void;
  close(): Promise<void>;
}
