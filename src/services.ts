/**
 * The service container built by the composition root (`src/app.ts`) and handed to resolvers and
 * front doors through the context. Nothing else constructs services.
 */
import type { Config } from './config/config.js';
import type { AuthService } from './governance/auth/auth.service.js';
import type { Logger } from './infra/logger.js';
import type { AppPubSub } from './infra/pubsub.js';
import type { RedisConnections } from './infra/redis.js';
import type { SecretBox } from './infra/secret-box.js';
import type { Store } from './store/store.js';

export interface Services {
  config: Config;
  logger: Logger;
  store: Store;
  pubSub: AppPubSub;
  redis: RedisConnections | undefined;
  secretBox: SecretBox;
  auth: AuthService;
}
