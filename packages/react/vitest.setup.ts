import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

const errors: unknown[][] = [];
const original = console.error;

// A React warning (act, keys, invalid DOM) is a bug: fail the test that printed it.
console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  const printed = errors.splice(0);
  if (printed.length > 0) {
    throw new Error(
      `console.error was called:\n${printed.map((a) => a.map(String).join(' ')).join('\n')}`,
    );
  }
});
