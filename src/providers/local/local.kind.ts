/** `LOCAL`: the built-in implementations that run in process (seeded as the `local` provider). */
import type { LocalProviderKindDescriptor } from '../provider-kind.types.js';

export const localKind: LocalProviderKindDescriptor = {
  kind: 'LOCAL',
  description: 'Built-in implementations that run in process; seeded, never registered.',
  remote: false,
  genAiSystem: 'capgate.local',
};
