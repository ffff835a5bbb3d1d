/**
 * Debian's Chromium (browsers are never downloaded here) and the flags it needs on this kind of machine: headless,
 * no sandbox as root, no GPU, and none of the background traffic a machine without internet access would stall on.
 * Shared by the Playwright configs and the benchmarks that drive a browser.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
