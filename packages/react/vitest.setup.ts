import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// `findBy*` and `waitFor` wait up to 1 s by default: a first Recharts render in jsdom, or a lazy
// chunk's import, can take longer on a loaded 2-core machine. Not a timing assertion.
configure({ asyncUtilTimeout: 10_000 });

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
