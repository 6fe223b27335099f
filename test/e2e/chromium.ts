import { existsSync } from 'node:fs';

/** Debian's Chromium unless CHROMIUM_PATH says otherwise. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export const chromiumMissingReason = (): string | false =>
  existsSync(chromiumPath()) ? false : `no Chromium at ${chromiumPath()}: apt-get install chromium, or set CHROMIUM_PATH`;
