/**
 * The mongoose connection. One connection per service instance (not the global default) so tests
 * can run several instances in one process against different databases.
 */
import mongoose, { type Connection } from 'mongoose';

export async function connectMongo(uri: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: 20,
    // FerretDB v1 does not support retryable writes on SQLite; MongoDB does not need them for our atomic single-document updates.
    retryWrites: false,
    autoIndex: true,
  });
  await connection.asPromise();
  return connection;
}
