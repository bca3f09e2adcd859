import { defineConfig } from 'vitest/config';
import SlowestFirst from './test/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The precompiled CLI the end-to-end copies run, bundled from the current sources.
    globalSetup: ['test/support/global-setup.ts'],
    // End-to-end tests copy the repository and run make; give them room.
    testTimeout: 120_000,
    // Two test files at a time. Vitest's default is one fewer than the cores, so one on this
    // 2-core machine, and most of an end-to-end file's time is spent waiting on a child build,
    // a browser or npm: run alone, the files kept ~1 of the 2 cores busy (issue 17).
    maxWorkers: 2,
    // Test files share a worker's loaded modules instead of importing them afresh each (issue 17):
    // the unit files alone took 57 s and 110 s of CPU isolated, 32 s and 61 s so, nearly all of
    // the difference importing jsdom, Plot, DuckDB and the pipeline again. No test mocks a module;
    // the two that set an environment variable put it back in a finally.
    isolate: false,
    // The files that build the most start first, also in a fresh clone (test/support/sequencer.ts).
    sequence: { sequencer: SlowestFirst },
    hookTimeout: 120_000,
    // The pinned timezone is part of the contract: outputs must not depend on it (a test also
    // builds under another TZ).
    env: { TZ: 'UTC' },
  },
});
