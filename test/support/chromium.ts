// Chromium for the browser tests, driven by playwright-core: Debian's /usr/bin/chromium (or the
// one on PATH), launched headless with a throwaway profile and no background network traffic.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export function findChromium(): string | undefined {
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const which = spawnSync('which', ['chromium'], { encoding: 'utf8' });
  const path = which.status === 0 ? which.stdout.trim() : '';
  return path && existsSync(path) ? path : undefined;
}

/** A new profile folder (the caller removes it); `--user-data-dir` in args is refused by playwright. */
export const newProfile = (prefix = 'qantar-chromium-') => mkdtempSync(join(tmpdir(), prefix));

export function launchChromium(
  executablePath: string,
  profile: string,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
