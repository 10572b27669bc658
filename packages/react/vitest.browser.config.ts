import { defineConfig } from 'vitest/config';

// The built Storybook in headless Chromium: a Node test drives the browser, one story at a time.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['browser/**/*.browser.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
