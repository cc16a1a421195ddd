/**
 * Registry writes with their validation: register providers and models (create or replace),
 * register/update capabilities (versioned), implementations, routing, deprecation. Every bad input is
 * a BadUserInputError naming the field; nothing is written unless all of it is valid.
 */
import { BadUserInputError, ConflictError, NotFoundError } from '../errors/app-error.js';
import { assertValidSchema } from '../capabilities/json-schema.js';
import { baseUrlCredentialProblem } from './base-url-credentials.js';
import { isBuiltinCapability } from '../capabilities/builtin-names.js';
import type { ProviderKind } from '../providers/provider.types.js';
import { encodeJson } from '../store/json-codec.js';
import type { CapabilityRecord, ImplementationRecord } from '../store/models/capability.model.js';
import type { ProviderWrite } from '../store/repos/registry.repo.js';
import type { Store } from '../store/store.js';
import type { SecretBox } from '../infra/secret-box.js';
import type { RegistryService } from './registry.service.js';
import {
  routingStrategies,
  type CapabilityInfo,
  type MaxTokensParamValue,
  type ModelInfo,
  type ProviderInfo,
  type RoutingPolicy,
} from './registry.types.js';

export interface ProviderInput {
  name: string;
  kind: ProviderKind;
  baseUrl?: string | null;
  apiKey?: string | null;
  headers?: Record<string, unknown> | null;
}
export interface ModelInput {
  name: string;
  provider: string;
  upstreamModel: string;
  pricing?: { inputPer1M: number; outputPer1M: number } | null;
  contextWindow?: number | null;
  qualityTier?: number | null;
  tags?: string[] | null;
  maxTokensParam?: MaxTokensParamValue | null;
}
export interface ImplementationInput {
  model: string;
  priority?: number | null;
  weight?: number | null;
  promptTemplate?: string | null;
  params?: Record<string, unknown> | null;
}
export interface RoutingPolicyInput {
  strategy: string;
  maxAttempts?: number | null;
  timeoutMs?: number | null;
  complexityThreshold?: number | null;
  zeroCostFallback?: boolean | null;
}
export interface CachePolicyInput {
  enabled: boolean;
  ttlSeconds?: number | null;
  shareable?: boolean | null;
}
export interface CapabilityInput {
  name: string;
  description?: string | null;
  inputSchema?: Record<string, unknown> | null;
  outputSchema?: Record<string, unknown> | null;
  promptTemplate?: string | null;
  implementations?: ImplementationInput[] | null;
  routing?: RoutingPolicyInput | null;
  teams?: string[] | null;
  cache?: CachePolicyInput | null;
  logging?: LoggingPolicyInput | null;
}
export interface LoggingPolicyInput {
  inputs?: boolean | null;
  outputs?: boolean | null;
}

const providerNamePattern = /^[a-z0-9][a-z0-9._-]{0,62}$/i;
const modelNamePattern = /^[a-z0-9][a-z0-9._:/-]{0,126}$/i;
const capabilityNamePattern = /^[a-z][a-z0-9_-]{1,63}$/;

export class RegistryAdmin {
  constructor(
    private readonly registry: RegistryService,
    private readonly store: Store,
    private readonly secretBox: SecretBox,
  ) {}

  async registerProvider(input: ProviderInput): Promise<ProviderInfo> {
    const problems: string[] = [];
    if (!providerNamePattern.test(input.name))
      problems.push('name: letters, digits, ".", "_" or "-", at most 63 characters');
    const remoteKinds = this.registry.providerKinds.remoteNames();
    if (input.name === 'local' || input.kind === 'LOCAL')
      problems.push('kind: LOCAL is built in and cannot be registered');
    else if (!remoteKinds.includes(input.kind)) problems.push(`kind: one of ${remoteKinds.join(', ')}`);
    if (input.baseUrl) {
      try {
        const url = new URL(input.baseUrl);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push('baseUrl: must be http(s)');
        const credentials = baseUrlCredentialProblem(url);
        if (credentials) problems.push(credentials);
      } catch {
        problems.push('baseUrl: not a valid URL');
      }
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(input.headers ?? {})) {
      if (typeof value !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(name)) {
        problems.push(`headers.${name}: header names are letters, digits and "-", values strings`);
      } else headers[name] = value;
    }
    if (problems.length > 0) throw new BadUserInputError(`Invalid provider: ${problems.join('; ')}.`);
    const set: ProviderWrite['set'] = { kind: input.kind };
    const unset: Array<ProviderWrite['remove'][number]> = [];
    if (input.baseUrl) set.baseUrl = input.baseUrl;
    else unset.push('baseUrl');
    // The key is write-only: omitted keeps the stored one, an empty string removes it.
    if (input.apiKey !== undefined && input.apiKey !== null) {
      if (input.apiKey === '') unset.push('apiKeySealed');
      else set.apiKeySealed = this.secretBox.seal(input.apiKey);
    }
    if (input.headers !== undefined && input.headers !== null) {
      if (Object.keys(headers).length === 0) unset.push('headersSealed');
      else set.headersSealed = this.secretBox.seal(JSON.stringify(headers));
    }
    await this.store.registry.saveProvider(input.name, { set, remove: unset });
    await this.registry.changed();
    return this.registry.provider(input.name)!;
  }

  async registerModel(input: ModelInput): Promise<ModelInfo> {
    const problems: string[] = [];
    if (!modelNamePattern.test(input.name))
      problems.push('name: letters, digits and . _ : / -, at most 127 characters');
    const provider = this.registry.provider(input.provider);
    if (!provider) problems.push(`provider: no provider named "${input.provider}"`);
    else if (provider.kind === 'LOCAL') problems.push('provider: local models are built in');
    if (!input.upstreamModel.trim()) problems.push('upstreamModel: required');
    const pricing = input.pricing ?? { inputPer1M: 0, outputPer1M: 0 };
    if (
      !(pricing.inputPer1M >= 0) ||
      !(pricing.outputPer1M >= 0) ||
      !Number.isFinite(pricing.inputPer1M + pricing.outputPer1M)
    ) {
      problems.push('pricing: prices must be finite and not negative');
    }
    if (input.contextWindow != null && !(Number.isInteger(input.contextWindow) && input.contextWindow > 0)) {
      problems.push('contextWindow: a positive integer');
    }
    if (
      input.qualityTier != null &&
      !(Number.isInteger(input.qualityTier) && input.qualityTier >= 1 && input.qualityTier <= 10)
    ) {
      problems.push('qualityTier: an integer from 1 to 10');
    }
    if (problems.length > 0) throw new BadUserInputError(`Invalid model: ${problems.join('; ')}.`);
    // Registering replaces: a model registered again without `maxTokensParam` takes the default again.
    await this.store.registry.saveModel(input.name, {
      provider: input.provider,
      upstreamModel: input.upstreamModel.trim(),
      pricing: { inputPer1M: pricing.inputPer1M, outputPer1M: pricing.outputPer1M },
      ...(input.contextWindow != null ? { contextWindow: input.contextWindow } : {}),
      ...(input.qualityTier != null ? { qualityTier: input.qualityTier } : {}),
      tags: [...new Set(input.tags ?? [])],
      ...(input.maxTokensParam != null ? { maxTokensParam: input.maxTokensParam } : {}),
    });
    await this.registry.changed();
    return this.registry.model(input.name)!;
  }

  async registerCapability(
    input: CapabilityInput,
    ownerTeamId: string,
    actor: string,
  ): Promise<CapabilityInfo> {
    if (!capabilityNamePattern.test(input.name)) {
      throw new BadUserInputError(
        'Invalid capability: name: lower-case letters, digits, "_" or "-", 2 to 64 characters, starting with a letter.',
      );
    }
    if (isBuiltinCapability(input.name) || this.registry.capability(input.name)) {
      throw nameTaken(input.name);
    }
    const fields = this.validateCapabilityFields(input, 'custom');
    const record = {
      _id: input.name,
      version: 1,
      kind: 'custom' as const,
      status: 'active' as const,
      ownerTeamId,
      ...fields,
    };
    if (!(await this.store.registry.insertCapability(record))) throw nameTaken(input.name);
    const stored = await this.store.registry.findCapability(input.name);
    await this.registry.recordVersion(stored!, actor);
    await this.registry.changed();
    return this.registry.requireCapability(input.name);
  }

  async updateCapability(name: string, input: CapabilityInput, actor: string): Promise<CapabilityInfo> {
    if (input.name !== name)
      throw new BadUserInputError('Invalid capability: input.name must equal the name being updated.');
    const current = this.registry.requireCapability(name);
    if (current.kind === 'workflow') throw isWorkflow(name);
    const fields = this.validateCapabilityFields(input, current.kind, current);
    return this.registry.updateCapabilityRecord(name, () => fields, actor);
  }

  async setImplementations(
    name: string,
    implementations: ImplementationInput[],
    actor: string,
  ): Promise<CapabilityInfo> {
    const current = this.registry.requireCapability(name);
    if (current.kind === 'workflow') throw isWorkflow(name);
    const records = this.validateImplementations(
      implementations,
      current.kind === 'custom' ? current.promptTemplate : 'builtin',
    );
    return this.registry.updateCapabilityRecord(name, () => ({ implementations: records }), actor);
  }

  async setRoutingPolicy(name: string, policy: RoutingPolicyInput, actor: string): Promise<CapabilityInfo> {
    this.registry.requireCapability(name);
    const routing = validateRouting(policy);
    return this.registry.updateCapabilityRecord(name, () => ({ routing }), actor);
  }

  async setCachePolicy(name: string, policy: CachePolicyInput, actor: string): Promise<CapabilityInfo> {
    this.registry.requireCapability(name);
    return this.registry.updateCapabilityRecord(name, () => ({ cache: validateCache(policy) }), actor);
  }

  async setLoggingPolicy(name: string, policy: LoggingPolicyInput, actor: string): Promise<CapabilityInfo> {
    this.registry.requireCapability(name);
    return this.registry.updateCapabilityRecord(name, () => ({ logging: loggingPolicyFrom(policy) }), actor);
  }

  async setMaskingPolicy(
    name: string,
    policy: Record<string, unknown> | undefined,
    actor: string,
  ): Promise<CapabilityInfo> {
    this.registry.requireCapability(name);
    return this.registry.updateCapabilityRecord(name, () => ({ maskingPolicy: encodeJson(policy) }), actor);
  }

  /** Sets (or, with undefined, removes) the org-wide default masking policy. */
  async setOrgMaskingPolicy(orgId: string, policy: Record<string, unknown> | undefined): Promise<void> {
    await this.store.organizations.setMaskingPolicy(orgId, policy ? encodeJson(policy) : undefined);
    await this.registry.changed();
  }

  async deprecateCapability(name: string, actor: string): Promise<CapabilityInfo> {
    const current = this.registry.capability(name);
    if (!current) throw new NotFoundError(`Unknown capability "${name}".`);
    if (current.status === 'deprecated') return current;
    return this.registry.updateCapabilityRecord(name, () => ({ status: 'deprecated' }), actor);
  }

  private validateCapabilityFields(
    input: CapabilityInput,
    kind: 'builtin' | 'custom',
    current?: CapabilityInfo,
  ): Partial<CapabilityRecord> {
    const problems: string[] = [];
    if (kind === 'builtin' && (input.inputSchema || input.outputSchema)) {
      problems.push('inputSchema/outputSchema: built-in capabilities have fixed typed contracts');
    }
    const inputSchema = input.inputSchema ?? current?.inputSchema;
    const outputSchema = input.outputSchema ?? current?.outputSchema;
    if (kind === 'custom') {
      for (const [field, schema] of [
        ['inputSchema', inputSchema],
        ['outputSchema', outputSchema],
      ] as const) {
        // Without an outputSchema the output is text.
        if (!schema) {
          if (field === 'inputSchema') problems.push(`${field}: required for custom capabilities`);
        } else {
          try {
            assertValidSchema(schema, field);
          } catch (error) {
            problems.push((error as Error).message);
          }
        }
      }
    }
    if (input.description != null && input.description.length > 2000)
      problems.push('description: at most 2000 characters');
    const promptTemplate = input.promptTemplate ?? current?.promptTemplate;
    let implementations: ImplementationRecord[] | undefined;
    try {
      implementations = input.implementations
        ? this.validateImplementations(input.implementations, kind === 'custom' ? promptTemplate : 'builtin')
        : undefined;
    } catch (error) {
      problems.push((error as Error).message);
    }
    let routing: RoutingPolicy | undefined;
    try {
      routing = input.routing ? validateRouting(input.routing) : undefined;
    } catch (error) {
      problems.push((error as Error).message);
    }
    const teams = input.teams ?? undefined;
    if (teams?.some((team) => !team.trim())) problems.push('teams: names must not be empty');
    if (problems.length > 0) throw new BadUserInputError(`Invalid capability: ${problems.join('; ')}.`);
    return {
      ...(input.description != null ? { description: input.description } : {}),
      ...(kind === 'custom'
        ? { inputSchema: encodeJson(inputSchema), outputSchema: encodeJson(outputSchema) }
        : {}),
      ...(input.promptTemplate != null ? { promptTemplate: input.promptTemplate } : {}),
      ...(implementations ? { implementations } : current ? {} : { implementations: [] }),
      ...(routing ? { routing } : current ? {} : { routing: { strategy: 'FALLBACK' } }),
      ...(teams ? { teams: [...new Set(teams.map((team) => team.trim()))] } : current ? {} : { teams: [] }),
      ...(input.cache ? { cache: validateCache(input.cache) } : {}),
      ...(input.logging ? { logging: loggingPolicyFrom(input.logging) } : {}),
    };
  }

  private validateImplementations(
    implementations: ImplementationInput[],
    template: string | undefined,
  ): ImplementationRecord[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    implementations.forEach((implementation, index) => {
      const model = this.registry.model(implementation.model);
      if (!model) problems.push(`implementations[${index}].model: no model named "${implementation.model}"`);
      if (seen.has(implementation.model)) problems.push(`implementations[${index}].model: listed twice`);
      seen.add(implementation.model);
      if (
        implementation.weight != null &&
        !(implementation.weight >= 0 && Number.isFinite(implementation.weight))
      ) {
        problems.push(`implementations[${index}].weight: not negative`);
      }
      if (implementation.priority != null && !Number.isInteger(implementation.priority)) {
        problems.push(`implementations[${index}].priority: an integer`);
      }
      const remote = model && this.registry.provider(model.provider)?.kind !== 'LOCAL';
      if (remote && template === undefined && !implementation.promptTemplate) {
        problems.push(
          `implementations[${index}].promptTemplate: a remote model needs a prompt template (on the capability or the implementation)`,
        );
      }
    });
    if (problems.length > 0) throw new BadUserInputError(problems.join('; '));
    return implementations.map((implementation, index) => ({
      model: implementation.model,
      priority: implementation.priority ?? index,
      weight: implementation.weight ?? 1,
      ...(implementation.promptTemplate ? { promptTemplate: implementation.promptTemplate } : {}),
      ...(implementation.params ? { params: encodeJson(implementation.params) } : {}),
    }));
  }
}

/**
 * Capability names are unique in the organization. The CONFLICT is worded the same whoever holds
 * the name (the caller's team, another team, a capability the caller cannot see): it never says
 * which, nor anything about the holder.
 */
function nameTaken(name: string): ConflictError {
  return new ConflictError(
    `The capability name "${name}" is not available; choose another (to change your own capability, use updateCapability).`,
  );
}

function isWorkflow(name: string): BadUserInputError {
  return new BadUserInputError(`"${name}" is a workflow: change it with updateWorkflow.`);
}

function validateRouting(policy: RoutingPolicyInput): RoutingPolicy {
  const problems: string[] = [];
  if (!(routingStrategies as readonly string[]).includes(policy.strategy)) {
    problems.push(`routing.strategy: one of ${routingStrategies.join(', ')}`);
  }
  if (
    policy.maxAttempts != null &&
    !(Number.isInteger(policy.maxAttempts) && policy.maxAttempts >= 1 && policy.maxAttempts <= 10)
  ) {
    problems.push('routing.maxAttempts: 1 to 10');
  }
  if (
    policy.timeoutMs != null &&
    !(Number.isInteger(policy.timeoutMs) && policy.timeoutMs >= 100 && policy.timeoutMs <= 600_000)
  ) {
    problems.push('routing.timeoutMs: 100 to 600000');
  }
  if (
    policy.complexityThreshold != null &&
    !(policy.complexityThreshold >= 0 && policy.complexityThreshold <= 1)
  ) {
    problems.push('routing.complexityThreshold: 0 to 1');
  }
  if (problems.length > 0) throw new BadUserInputError(problems.join('; '));
  return {
    strategy: policy.strategy as RoutingPolicy['strategy'],
    ...(policy.maxAttempts != null ? { maxAttempts: policy.maxAttempts } : {}),
    ...(policy.timeoutMs != null ? { timeoutMs: policy.timeoutMs } : {}),
    ...(policy.complexityThreshold != null ? { complexityThreshold: policy.complexityThreshold } : {}),
    ...(policy.zeroCostFallback ? { zeroCostFallback: true } : {}),
  };
}

function validateCache(policy: CachePolicyInput): {
  enabled: boolean;
  ttlSeconds: number;
  shareable: boolean;
} {
  const ttlSeconds = policy.ttlSeconds ?? 300;
  if (!(Number.isInteger(ttlSeconds) && ttlSeconds >= 1 && ttlSeconds <= 30 * 86_400)) {
    throw new BadUserInputError('cache.ttlSeconds: 1 to 2592000');
  }
  return { enabled: policy.enabled, ttlSeconds, shareable: policy.shareable ?? false };
}

function loggingPolicyFrom(policy: LoggingPolicyInput): { inputs: boolean; outputs: boolean } {
  return { inputs: policy.inputs ?? false, outputs: policy.outputs ?? false };
}
