import document from '../openapi.json';

/** Shape of an OpenAPI 3.1 document, loose enough for any spec tooling to accept. */
export interface OpenApiDocument {
  /** OpenAPI version of the document. */
  readonly openapi: string;
  /** Title and version of the described API. */
  readonly info: { readonly title: string; readonly version: string };
  /** Path templates to their operations. */
  readonly paths: Readonly<Record<string, unknown>>;
  /** Reusable schemas (`RunMetrics`, `MetricSeries`, `WireValue`, `Error`). */
  readonly components?: Readonly<Record<string, unknown>>;
  /** Any other OpenAPI field. */
  readonly [key: string]: unknown;
}

/**
 * The metrics endpoint contract as an OpenAPI 3.1 document: the same JSON as
 * `@trainviz/client/openapi.json`, for serving at `/openapi.json`, generating a server stub or
 * validating a backend in its tests.
 *
 * @example
 * ```ts
 * if (url.pathname === '/openapi.json') return Response.json(runMetricsOpenApi);
 * ```
 */
export const runMetricsOpenApi: OpenApiDocument = document;
