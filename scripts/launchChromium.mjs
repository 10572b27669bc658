// The one way the project's browser checks start Chromium: Debian's build, headless, and with every
// background service off (this machine's network is closed; without these flags Chromium keeps
// retrying connections). Used by the React story tests and benchmark, the demo's e2e tests and the
// host-app check.
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** @param {string[]} [extraArgs] - flags on top of the project's (the bench adds `--js-flags=--expose-gc`) */
export function launchChromium(extraArgs = []) {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...extraArgs] });
}
