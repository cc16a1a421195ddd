export { createMasker } from './masker.js';
export { MASKING_POLICY_LIMITS, validateMaskingPolicy, type MaskingPolicyInput } from './masking-policy.js';
export * from './masking.types.js';
export { maskerForStoredPolicy } from './stored-policy.js';
