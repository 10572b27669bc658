/**
 * Serves a directory over HTTP on a free port of 127.0.0.1.
 *
 * @example
 * ```ts
 * const server = await serveStatic('storybook-static');
 * ```
 */
export declare function serveStatic(
  dir: string,
): Promise<{ url: string; close: () => Promise<void> }>;
