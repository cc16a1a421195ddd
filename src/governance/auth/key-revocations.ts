/**
 * This instance's listeners of key revocations. The composition root feeds it from the revocation
 * topic (every instance hears every revocation); the WebSocket server subscribes to close the sockets
 * authenticated with a revoked key.
 */
export type KeyRevokedHandler = (keyId: string) => void;

export class KeyRevocations {
  private readonly handlers = new Set<KeyRevokedHandler>();

  /** Calls `handler` for each revocation until the returned function is called. */
  onRevoked(handler: KeyRevokedHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Tells every listener; one failing listener does not keep the others from hearing it. */
  revoked(keyId: string, onError: (error: unknown) => void = () => {}): void {
    for (const handler of this.handlers) {
      try {
        handler(keyId);
      } catch (error) {
        onError(error);
      }
    }
  }
}
