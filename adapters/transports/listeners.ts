/**
 * The listener bookkeeping every ByteTransport needs (onData / onClose returning their
 * remover), shared by the TCP and serial transports.
 */

export class Listeners<A extends unknown[]> {
  private readonly set = new Set<(...args: A) => void>();

  /** Adds a listener; returns the function that removes it. */
  add(listener: (...args: A) => void): () => void {
    this.set.add(listener);
    return () => { this.set.delete(listener); };
  }

  emit(...args: A): void {
    for (const listener of [...this.set]) listener(...args);
  }
}
