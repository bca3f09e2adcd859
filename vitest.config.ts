import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The precompiled CLI the end-to-end copies run, bundled from the current sources.
    globalSetup: ['test/support/global-setup.ts'],
    // End-to-end tests copy the repository and run make; give them room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The pinned timezone is part of the contract: outputs must not depend on it (a test also
    // builds under another TZ).
    env: { TZ: 'UTC' },
  },
});
