// isMain decides whether a module (a notebook, serve.ts) starts itself. Inside a precompiled bundle every
// module inlined shares the started bundle's URL, so only a .ts source may count as the started script.
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isMain, isStartedScript } from '../../pipeline/lib/paths.js';

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

describe('isStartedScript', () => {
  it('holds for an entry point started as its bundle, as make starts it', () => {
    process.argv[1] = '/repo/build/bin/add.mjs';
    expect(isStartedScript(pathToFileURL('/repo/build/bin/add.mjs').href)).toBe(true);
    expect(isStartedScript(pathToFileURL('/repo/build/bin/query.mjs').href)).toBe(false);
  });

  it('holds in a repository whose path a URL percent-encodes (a space, non-ASCII letters)', () => {
    process.argv[1] = '/home/me/my data/Qantar корпус/pipeline/add.ts';
    expect(isStartedScript(pathToFileURL(process.argv[1]).href)).toBe(true);
    // the comparison add.ts and query.ts made before: the URL against `file://` + the path
    expect(pathToFileURL(process.argv[1]).href === `file://${process.argv[1]}`).toBe(false);
  });
});
