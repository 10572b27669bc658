'use client';
import { createContext } from 'react';
import type { RunColorRegistry } from '../data/createRunColorRegistry';
import { createRunColorRegistry } from '../data/createRunColorRegistry';

/**
 * The run colours every chart under a `TrainvizProvider` agrees on. Outside a provider, one registry
 * for the page.
 *
 * @example
 * ```tsx
 * const registry = useContext(RunColorContext);
 * ```
 */
export const RunColorContext = createContext<RunColorRegistry>(createRunColorRegistry());
