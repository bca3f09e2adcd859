// isMain decides whether a module (a notebook, serve.ts) starts itself. Inside a precompiled bundle every
// module inlined shares the started bundle's URL, so only a .ts source may count as the started script.
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isMain } from '../../pipeline/lib/paths.js';

const argv1 = process.argv[1];
afterEach(() => {
  process.argv[1] = argv1!;
});

describe('isMain', () => {
  it('holds for the .ts source node was started with', () => {
    process.argv[1] = '/repo/notebooks/map.ts';
    expect(isMain(pathToFileURL('/repo/notebooks/map.ts').href)).toBe(true);
  });

  it('does not hold for another source', () => {
    process.argv[1] = '/repo/notebooks/map.ts';
    expect(isMain(pathToFileURL('/repo/notebooks/codes.ts').href)).toBe(false);
  });

  it('does not hold inside the bundle, where every module has the started script’s URL', () => {
    process.argv[1] = '/repo/build/bin/cli.mjs';
    expect(isMain(pathToFileURL('/repo/build/bin/cli.mjs').href)).toBe(false);
  });
});
