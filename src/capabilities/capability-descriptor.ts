/**
 * What a built-in capability is, in one place: its name, the description seeded into the registry,
 * its handler (input contract, local implementation, remote prompt), the local models that serve it
 * in process (seeded under the `local` provider), and its typed GraphQL resolver. Every list derived
 * from built-ins (handler map, seed, resolvers, reserved names) reads `builtinCapabilities`.
 */
import type { ClassType } from 'type-graphql';
import type { CapabilityHandler } from './handler.types.js';

/** A model served in process, seeded as `local/<name>` at price 0. */
export interface LocalModelDescriptor {
  /** The registered model name, `local/…`. */
  name: `local/${string}`;
  tags: readonly string[];
}

/** A handler as its folder writes it: the local model names come from the descriptor. */
export type BuiltinHandler<Input, Output> = Omit<CapabilityHandler<Input, Output>, 'localModels'>;

export interface CapabilityDescriptor {
  name: string;
  description: string;
  handler: CapabilityHandler<unknown, unknown>;
  localModels: readonly LocalModelDescriptor[];
  /** The type-graphql resolver class of its typed mutation. */
  resolver: ClassType;
}

export function defineBuiltinCapability<Input, Output>(descriptor: {
  name: string;
  description: string;
  handler: BuiltinHandler<Input, Output>;
  localModels: readonly LocalModelDescriptor[];
  resolver: ClassType;
}): CapabilityDescriptor {
  const handler: CapabilityHandler<Input, Output> = {
    ...descriptor.handler,
    localModels: descriptor.localModels.map((model) => model.name),
  };
  // A handler's input type is known only to itself: the pipeline passes back what `parseInput` returned.
  return { ...descriptor, handler: handler as unknown as CapabilityHandler<unknown, unknown> };
}
