/** The built-in capabilities: typed contracts with local implementations. */
export const builtinCapabilityNames = ['summarize', 'retrieve', 'analyze', 'classify'] as const;
export type BuiltinCapabilityName = (typeof builtinCapabilityNames)[number];

export function isBuiltinCapability(name: string): name is BuiltinCapabilityName {
  return (builtinCapabilityNames as readonly string[]).includes(name);
}
