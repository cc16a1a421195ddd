/**
 * A masker for a policy as stored in the registry. The registry snapshot keeps the same policy
 * object until it changes, so validation runs once per stored policy, not per request; the masker
 * then reuses the patterns compiled for that validated policy.
 */
import { createMasker } from './masker.js';
import { validateMaskingPolicy, type MaskingPolicyInput } from './masking-policy.js';
import type { Masker, MaskingPolicy } from './masking.types.js';

const validated = new WeakMap<object, MaskingPolicy>();

export function maskerForStoredPolicy(policy: MaskingPolicyInput): Masker {
  let checked = validated.get(policy);
  if (!checked) {
    checked = validateMaskingPolicy(policy);
    validated.set(policy, checked);
  }
  return createMasker(checked);
}
