/**
 * The mongoose connection. One connection per service instance (not the global default) so tests
 * can run several instances in one process against different databases.
 */
import mongoose, { type Connection } from 'mongoose';

export interface MongoConnectionOptions {
  /**
   * How long an operation waits for a reachable server before it fails. 10 s suits a replica set
   * (an election takes seconds); the embedded engine on loopback uses 1 s, so requests fail fast
   * with a typed error while it is down instead of hanging.
   */
  serverSelectionTimeoutMs?: number;
  /** How often the driver checks the server; a restarted engine is noticed within this. */
  heartbeatFrequencyMs?: number;
}

export async function connectMongo(uri: string, options: MongoConnectionOptions = {}): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    ...(options.heartbeatFrequencyMs ? { heartbeatFrequencyMS: options.heartbeatFrequencyMs } : {}),
    maxPoolSize: 20,
    // FerretDB v1 does not support retryable writes on SQLite; MongoDB does not need them for our atomic single-document updates.
    retryWrites: false,
    autoIndex: true,
  });
  await connection.asPromise();
  return connection;
}

/** Connects to `uri`, pings the server and disconnects; rejects when it does not answer in time. */
export async function pingMongo(uri: string, serverSelectionTimeoutMs: number): Promise<void> {
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: serverSelectionTimeoutMs });
  try {
    await connection.asPromise();
    await connection.db!.admin().ping();
  } finally {
    await connection.close().catch(() => {});
  }
}
