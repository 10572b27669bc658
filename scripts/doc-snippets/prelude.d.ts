// Placeholders the documentation's snippets use without defining them: what a reader already has
// in their own code (a client, a token, the text of a log, a child process). Declared once here, so
// each snippet stays as short as a reader wants it and still type-checks against the real
// packages. This file is a global script (no top-level import or export). When a new snippet needs
// a placeholder, add it here with the type the reader's value would have; never `any`.

// Values from the reader's app.
declare const client: import('@trainviz/client').TrainvizClient;
declare const queryClient: import('@tanstack/react-query').QueryClient;
declare const controller: AbortController;
declare const url: URL;
declare const token: string;
declare function getToken(): string;
declare function App(): import('react').ReactElement;
declare function showNotFound(): void;
declare function showBadFilter(parameter: string, message: string): void;
declare const chartWidth: number;
/** One series' columns, as a reader has them from a run's metrics. */
declare const steps: number[];
declare const values: number[];
/** Run ids of an experiment: all of them, the ones picked for a comparison, seed replicas. */
declare const allRunIds: readonly string[];
declare const picked: readonly string[];
declare const seeds: readonly string[];
/** Group (config) of each seed replica, by run id. */
declare const groupOf: Readonly<Record<string, string>>;
/** A run's data already in memory, updated in place by a polling loop. */
declare let data: import('@trainviz/client').RunMetrics;

// Logs and processes.
declare const text: string;
declare const terminalText: string;
declare const terminalOutput: string;
declare const logA: string;
declare const logB: string;
declare const child: import('node:child_process').ChildProcessWithoutNullStreams;
/** The result of parsing a log that has a loss series. */
declare const result: import('@trainviz/parser').ParseResult & {
  series: { loss: import('@trainviz/parser').MetricSeries };
};
/** The reader's own metric store, in the parser's streaming example. */
declare const store: {
  deleteFrom(step: number): void;
  upsert(points: readonly import('@trainviz/parser').MetricPoint[]): void;
};

// Runtimes and third-party servers the server docs show, reduced to what the snippets call. The
// repository does not install them; these are their real signatures, narrowed.
declare const Bun: {
  serve(options: {
    port?: number;
    fetch: (request: Request) => Response | Promise<Response>;
  }): unknown;
};
declare const Deno: {
  serve(
    options: { port?: number },
    handler: (request: Request) => Response | Promise<Response>,
  ): unknown;
};

declare module 'hono' {
  interface Context {
    req: { raw: Request };
  }
  export class Hono {
    get(path: string, handler: (c: Context) => Response | Promise<Response>): this;
    all(path: string, handler: (c: Context) => Response | Promise<Response>): this;
    fetch(request: Request): Response | Promise<Response>;
  }
}

declare module 'express' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;
  interface Application {
    get(path: string, ...handlers: Handler[]): Application;
    all(path: string, ...handlers: Handler[]): Application;
    use(pathOrHandler: string | Handler, ...handlers: Handler[]): Application;
    listen(port: number, callback?: () => void): import('node:http').Server;
  }
  export default function express(): Application;
}

declare module 'pg' {
  export interface PoolConfig {
    connectionString?: string;
    max?: number;
  }
  export interface PoolClient {
    query<Row = Record<string, unknown>>(
      text: string,
      values?: readonly unknown[],
    ): Promise<{ rows: Row[]; rowCount: number | null }>;
    release(): void;
  }
  export class Pool {
    constructor(config?: PoolConfig);
    connect(): Promise<PoolClient>;
    query<Row = Record<string, unknown>>(
      text: string,
      values?: readonly unknown[],
    ): Promise<{ rows: Row[]; rowCount: number | null }>;
    end(): Promise<void>;
  }
  const pg: { Pool: typeof Pool };
  export default pg;
}

// Environment variables the snippets read, as a deployment sets them.
declare namespace NodeJS {
  interface ProcessEnv {
    DATABASE_URL: string;
    RUN_ID: string;
  }
}
