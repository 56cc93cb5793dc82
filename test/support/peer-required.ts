/**
 * Suites that need a real peer (a server or tool from apt) skip with a message where it is not
 * installed — except in CI (CI=true), where .ci/run installs every peer: there a missing peer
 * fails the suite instead of quietly skipping it.
 */

/** Call in a `before` hook with why the peer is missing (undefined when it is there). */
export function requirePeer(ctx: Mocha.Context, missing: string | undefined): void {
  if (missing === undefined) return;
  if (process.env.CI === 'true') throw new Error(`${missing}; CI must run this suite (.ci/run installs it)`);
  console.log(`      (${missing} — skipped)`);
  ctx.skip();
}
