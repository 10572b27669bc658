/** Which endpoint a path names, with its decoded ids. */
export type Route =
  | { kind: 'metrics'; experimentId: string; runId: string }
  | { kind: 'runs'; experimentId: string };

/** A path the handler refuses outright (400), with the reason. */
export interface PathProblem {
  problem: string;
}

function trimSlashes(path: string): string[] {
  return path
    .split('/')
    .filter((segment, i, all) => segment !== '' || (i > 0 && i < all.length - 1));
}

/** `.`, `..` and their percent-encoded spellings (`%2e`, `.%2E`, ...). */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

function decodeSegment(segment: string): string | PathProblem {
  if (DOT_SEGMENT.test(segment)) {
    return { problem: `the path contains a dot segment ${JSON.stringify(segment)}` };
  }
  try {
    const decoded = decodeURIComponent(segment);
    // An id spelled as a dot segment would be collapsed by any proxy or URL parser on the way.
    if (decoded === '' || decoded === '.' || decoded === '..') {
      return { problem: `${JSON.stringify(segment)} is not a valid id` };
    }
    return decoded;
  } catch {
    return { problem: `the path segment ${JSON.stringify(segment)} is not valid percent-encoding` };
  }
}

/**
 * Finds `{prefix}/experiments/{e}/runs/{r}/metrics` or `{prefix}/experiments/{e}/runs` in a raw
 * (still encoded) path. Segments are decoded one by one, so a `%2F` inside an id stays part of
 * the id. Backslashes and dot segments (plain or percent-encoded) are refused rather than
 * normalised: a proxy that grants access by path prefix must see the path the handler serves.
 */
export function routeRequest(
  pathname: string,
  basePath: string | undefined,
): Route | PathProblem | null {
  if (pathname.includes('\\') || /%5c/i.test(pathname)) {
    return { problem: 'the path contains a backslash' };
  }
  const segments = trimSlashes(pathname);
  for (const segment of segments) {
    if (DOT_SEGMENT.test(segment)) {
      return { problem: `the path contains a dot segment ${JSON.stringify(segment)}` };
    }
  }
  const n = segments.length;
  let kind: Route['kind'];
  let prefixLength: number;
  if (
    n >= 5 &&
    segments[n - 5] === 'experiments' &&
    segments[n - 3] === 'runs' &&
    segments[n - 1] === 'metrics'
  ) {
    kind = 'metrics';
    prefixLength = n - 5;
  } else if (n >= 3 && segments[n - 3] === 'experiments' && segments[n - 1] === 'runs') {
    kind = 'runs';
    prefixLength = n - 3;
  } else {
    return null;
  }
  if (basePath !== undefined) {
    const prefix = trimSlashes(basePath).join('/');
    if (segments.slice(0, prefixLength).join('/') !== prefix) return null;
  }
  const experimentId = decodeSegment(segments[prefixLength + 1] as string);
  if (typeof experimentId !== 'string') return experimentId;
  if (kind === 'runs') return { kind, experimentId };
  const runId = decodeSegment(segments[prefixLength + 3] as string);
  if (typeof runId !== 'string') return runId;
  return { kind, experimentId, runId };
}
