/** The built-in capabilities' names, from their descriptors (`builtin-capabilities.ts`). */
import { builtinCapabilities } from './builtin-capabilities.js';

export type BuiltinCapabilityName = keyof typeof builtinCapabilities;
export const builtinCapabilityNames = Object.keys(builtinCapabilities) as BuiltinCapabilityName[];

export function isBuiltinCapability(name: string): name is BuiltinCapabilityName {
  return Object.prototype.hasOwnProperty.call(builtinCapabilities, name);
}
