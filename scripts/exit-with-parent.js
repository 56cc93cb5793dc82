/**
 * Preloaded into Node-RED by scripts/start.js (node --require): when start.js is gone — killed
 * with SIGKILL, say — Node-RED stops itself with SIGTERM (closing its flows) instead of living on
 * as an orphan that holds the port and the database. Checks once a second; never keeps the
 * process alive by itself.
 */
'use strict';
const parent = process.ppid;

setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch (err) {
    if (err.code === 'ESRCH') process.kill(process.pid, 'SIGTERM');
  }
}, 1000).unref();
