/** A running throwaway cluster. */
export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:{port}/postgres` */
  connectionString: string;
  /** The connection string of another database of the cluster. */
  url(database?: string): string;
  port: number;
  /** Stops the server and deletes its directory. */
  stop(): void;
}

export function startPostgresCluster(): Promise<PostgresCluster>;
