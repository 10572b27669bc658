import type { Browser } from 'playwright-core';

/** `CHROMIUM_PATH`, or Debian's `/usr/bin/chromium`. */
export declare const chromiumPath: string;
/** Headless flags with Chromium's background networking turned off. */
export declare const chromiumArgs: readonly string[];
/** Starts Chromium with {@link chromiumPath} and {@link chromiumArgs}. */
export declare function launchChromium(extraArgs?: string[]): Promise<Browser>;
