import document from '../openapi.json';

/**
 * Shape of an OpenAPI 3.1 document, loose enough for any spec tooling to accept.
 *
 * @example
 * ```ts
 * const doc: OpenApiDocument = runMetricsOpenApi;
 * ```
 */
export interface OpenApiDocument {
  /**
   * OpenAPI version of the document.
   *
   * @example
   * ```ts
   * runMetricsOpenApi.openapi; // '3.1.0'
   * ```
   */
  readonly openapi: string;
  /**
   * Title and version of the described API.
   *
   * @example
   * ```ts
   * runMetricsOpenApi.info.version; // '1.0.0'
   * ```
   */
  readonly info: { readonly title: string; readonly version: string };
  /**
   * Path templates to their operations.
   *
   * @example
   * ```ts
   * Object.keys(runMetricsOpenApi.paths); // ['/experiments/{experiment_id}/runs/{run_id}/metrics']
   * ```
   */
  readonly paths: Readonly<Record<string, unknown>>;
  /**
   * Reusable schemas (`RunMetrics`, `MetricSeries`, `WireValue`, `Error`).
   *
   * @defaultValue absent
   * @example
   * ```ts
   * runMetricsOpenApi.components?.schemas;
   * ```
   */
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
