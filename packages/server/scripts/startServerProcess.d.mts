/** A running scripts/serverProcess.mjs. */
export interface ServerProcess {
  /** `http://127.0.0.1:{port}` */
  baseUrl: string;
  /** SIGTERM, then resolves the number of points its writer wrote. */
  stop(): Promise<number>;
}

export function startServerProcess(args: string[]): Promise<ServerProcess>;
