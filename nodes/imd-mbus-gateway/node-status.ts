/**
 * Status helpers the M-Bus poll and scan nodes share, without Node-RED: the status shape, the
 * length texts are cut to, and a throttle so a fast bus does not flood the editor with
 * progress updates.
 */

/** Node-RED status shape (kept local so the logic stays free of Node-RED imports). */
export interface NodeStatus { fill?: 'green' | 'yellow' | 'red' | 'grey' | 'blue'; shape?: 'dot' | 'ring'; text?: string }

/** Status texts are cut to this length so they stay readable under the node. */
export const STATUS_MAX = 19;

/** Least time between two progress statuses. */
export const PROGRESS_EVERY_MS = 500;

/** Calls `show` at most once per `everyMs` (the first call always shows). */
export function throttled<T>(show: (value: T) => void, everyMs = PROGRESS_EVERY_MS): (value: T) => void {
  let shownAt = -Infinity;
  return (value) => {
    const now = Date.now();
    if (now - shownAt < everyMs) return;
    shownAt = now;
    show(value);
  };
}
