/**
 * Debian's Chromium (/usr/bin/chromium; `.ci/run` installs the `chromium` package) driven
 * headless by playwright-core for the editor suite: launched with the flags this machine needs
 * (no GPU, no sandbox as root, and no background networking — the network is closed, so
 * Chromium's own calls home would only fail), and the page's script errors and console errors
 * collected so a test can say which of them happened while it ran.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const LAUNCH_TIMEOUT_MS = 20_000;
const CLOSE_TIMEOUT_MS = 10_000;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * The editor catches what a node's editor code throws (label, oneditprepare, validators …) and
 * reports it with console.log, not console.error: those lines count as errors too.
 */
const CAUGHT_BY_EDITOR = /^(Definition error|Validation error|Unexpected error|Error generating|onedit\w+ )/;

export const chromiumInstalled = (): boolean => existsSync(CHROMIUM);

/** A fresh headless Chromium (Playwright gives it a new temporary profile, removed on close). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: LAUNCH_TIMEOUT_MS });
}

/**
 * Closes the browser; if it does not close in time, Playwright's own exit handler still kills
 * its process group when mocha exits, so no Chromium outlives the run.
 */
export async function closeChromium(browser: Browser | undefined): Promise<void> {
  if (!browser) return;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => { timer = setTimeout(resolve, CLOSE_TIMEOUT_MS); });
  await Promise.race([browser.close().catch(() => undefined), late]);
  clearTimeout(timer);
}

/** Uncaught page errors and console errors (and errors the editor caught), as "pageerror: …" / "console: … (url:line)". */
export class PageErrors {
  private seen: string[] = [];

  constructor(page: Page) {
    page.on('pageerror', (err) => this.seen.push(`pageerror: ${err.stack ?? err.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error' && !CAUGHT_BY_EDITOR.test(message.text())) return;
      const { url, lineNumber } = message.location();
      this.seen.push(`console: ${message.text()} (${url}:${lineNumber})`);
    });
  }

  /** Everything collected since the last call. */
  take(): string[] {
    const taken = this.seen;
    this.seen = [];
    return taken;
  }
}
