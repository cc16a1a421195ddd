import { createConnectionType } from '../graphql/relay/connection.type.js';
import { CapabilityType } from './capability.type.js';
import { ModelType } from './model.type.js';
import { ProviderType } from './provider.type.js';

export const { Connection: CapabilityConnection } = createConnectionType('Capability', CapabilityType);
export const { Connection: ModelConnection } = createConnectionType('Model', ModelType);
export const { Connection: ProviderConnection } = createConnectionType('Provider', ProviderType);
