/**
 * Pub/sub for everything that crosses instances: GraphQL subscriptions (type-graphql's `pubSub`) and
 * internal notifications (registry invalidation, key revocation). With Redis, events travel through
 * `@graphql-yoga/redis-event-target`; without it, they stay in the process.
 */
import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Redis } from 'ioredis';
import type { RedisConnections } from './redis.js';
import type { TopicName, TopicPayloads, Topics } from './topics.js';

export type { Topics } from './topics.js';

export type AppPubSub = PubSub<Topics>;

export function createAppPubSub(redis: RedisConnections | undefined): AppPubSub {
  if (!redis) return createPubSub<Topics>();
  const eventTarget = createRedisEventTarget({
    publishClient: withSafePublish(redis.publisher),
    subscribeClient: redis.subscriber,
  });
  return createPubSub<Topics>({ eventTarget });
}

/**
 * The event target does not handle a failed PUBLISH (an unhandled rejection would end the process
 * while Redis is down): the publish of this client logs nothing and resolves 0 on failure.
 * Subscribers resynchronize after a reconnect (see `RedisConnections.onReconnected`).
 */
function withSafePublish(client: Redis): Redis {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'publish') {
        return (channel: string, message: string) => target.publish(channel, message).catch(() => 0);
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Runs `handler` for every event on `topic` until `signal` aborts. Handler errors are reported to
 * `onError` and do not stop the loop.
 */
export function listen<Name extends TopicName>(
  pubSub: AppPubSub,
  topic: Name,
  handler: (payload: TopicPayloads[Name]) => void | Promise<void>,
  onError: (error: unknown) => void,
): () => void {
  // The generic topic defeats the library's conditional types; the payload type is the map's.
  const subscribe = pubSub.subscribe as unknown as (topic: TopicName) => AsyncIterable<unknown>;
  const iterator = subscribe.call(pubSub, topic)[Symbol.asyncIterator]();
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const next = await iterator.next();
      if (next.done) return;
      try {
        await handler(next.value as TopicPayloads[Name]);
      } catch (error) {
        onError(error);
      }
    }
  })();
  return () => {
    stopped = true;
    void iterator.return?.();
  };
}
