import fs from 'node:fs';

/**
 * Debian's Chromium (browsers are never downloaded here) and the flags it needs on this kind of machine: headless,
 * no sandbox as root, no GPU, and none of the background traffic a machine without internet access would stall on.
 * Shared by the Playwright configs and the benchmarks that drive a browser.
 *
 * The headless shell (Debian's chromium-headless-shell, which scripts/harness/install.sh installs) is the same Blink
 * and V8 without the browser around them, and what Playwright itself runs headless by default. `chromium --headless`
 * is the whole browser with its window hidden: every new context opens a window whose own pages (the omnibox popup
 * and its scripts) load in further renderer processes at the moment the page under test loads, which on a 2-core
 * machine took 150–250 ms from a first render (bench/RESULTS.md, "Which Chromium"). The full browser remains the
 * fallback where the shell is not installed.
 */
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
