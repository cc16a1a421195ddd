/**
 * `GET /v1/models` and `GET /v1/models/{id}`: the remote models and the capabilities the key may
 * use, as OpenAI model objects (`owned_by` is the provider, or `capgate` for a capability).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isVisibleTo } from '../capabilities/invocation.service.js';
import type { Principal } from '../governance/auth/principal.js';
import type { RegistryService } from '../registry/registry.service.js';
import { sendJson } from './http-io.js';
import type { OpenAiModel } from './openai-wire.types.js';
import type { V1RequestContext } from './v1-context.js';
import { resolveTarget } from './v1-target.js';

export async function handleListModels(
  request: IncomingMessage,
  response: ServerResponse,
  context: V1RequestContext,
): Promise<void> {
  const principal = await context.services.auth.authenticate(request.headers.authorization);
  sendJson(response, 200, { object: 'list', data: modelsFor(principal, context.services.registry) });
}

export async function handleRetrieveModel(
  request: IncomingMessage,
  response: ServerResponse,
  context: V1RequestContext,
  id: string,
): Promise<void> {
  const { registry } = context.services;
  const principal = await context.services.auth.authenticate(request.headers.authorization);
  const target = resolveTarget(id, principal, registry);
  const model =
    target.kind === 'model'
      ? modelObject(target.model.name, target.model.provider, 0)
      : modelObject(target.capability.name, 'capgate', target.capability.updatedAt.getTime());
  sendJson(response, 200, model);
}

function modelsFor(principal: Principal, registry: RegistryService): OpenAiModel[] {
  const models = registry
    .models()
    .filter((model) => registry.provider(model.provider)?.kind !== 'LOCAL')
    .map((model) => modelObject(model.name, model.provider, 0));
  const capabilities = registry
    .capabilities()
    .filter((capability) => capability.status === 'active' && isVisibleTo(capability, principal))
    .map((capability) => modelObject(capability.name, 'capgate', capability.updatedAt.getTime()));
  return [...models, ...capabilities];
}

function modelObject(id: string, ownedBy: string, createdMs: number): OpenAiModel {
  return { id, object: 'model', created: Math.floor(createdMs / 1000), owned_by: ownedBy };
}
