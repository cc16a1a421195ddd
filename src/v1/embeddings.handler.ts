/**
 * `POST /v1/embeddings`: a registered model whose provider offers embeddings. Not a chat call, so it
 * does not go through the executor, but it is governed the same way: MEMBER role, rate limit and
 * budget admission, the org-wide masking policy, one usage event (capability `embeddings.create`,
 * front door `v1`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadUserInputError, ForbiddenError } from '../errors/app-error.js';
import { hasRole } from '../governance/auth/principal.js';
import { maskerForStoredPolicy } from '../governance/masking/index.js';
import { countTextTokens } from '../nlp/token-count.js';
import { estimateCost } from '../routing/router.js';
import { readJsonBody, sendJson } from './http-io.js';
import { parseEmbeddingsRequest } from './parse-v1-request.js';
import type { V1RequestContext } from './v1-context.js';
import { resolveTarget } from './v1-target.js';

export const EMBEDDINGS_OPERATION = 'embeddings.create';

export async function handleEmbeddings(
  request: IncomingMessage,
  response: ServerResponse,
  context: V1RequestContext,
): Promise<void> {
  const { services } = context;
  const principal = await services.auth.authenticate(request.headers.authorization);
  const body = parseEmbeddingsRequest(await readJsonBody(request, services.config.limits.bodyLimitBytes));
  if (!hasRole(principal, 'MEMBER'))
    throw new ForbiddenError('Creating embeddings requires the MEMBER role.');
  const target = resolveTarget(body.model, principal, services.registry);
  if (target.kind !== 'model') throw notEmbeddings(body.model);
  const { model } = target;
  context.observe({ capability: EMBEDDINGS_OPERATION, model: model.name });
  const client = services.registry.client(model.provider);
  if (!client.doEmbed) throw notEmbeddings(body.model);

  const runId = `run_${randomUUID()}`;
  context.observe({ runId });
  const started = Date.now();
  // The org-wide masking policy applies here too (no capability to carry one): PII is replaced
  // before the text leaves for the provider. Placeholders are not restored: vectors carry no text.
  const policy = services.registry.orgMaskingPolicy(principal.orgId);
  const masker = policy ? maskerForStoredPolicy(policy) : undefined;
  const input = masker ? body.input.map((text) => masker.maskText(text)) : body.input;
  const estimatedTokens = input.reduce((sum, text) => sum + countTextTokens(text), 0);
  const admission = await context.gate.admit(principal, {
    tokens: estimatedTokens,
    costUsd: estimateCost(model, estimatedTokens, 0),
  });
  const record = (status: 'ok' | 'error', inputTokens: number, errorCode?: string): void =>
    context.usage()?.record({
      runId,
      at: new Date(),
      orgId: principal.orgId,
      teamId: principal.teamId,
      keyId: principal.id,
      capability: EMBEDDINGS_OPERATION,
      capabilityVersion: 1,
      model: model.name,
      provider: model.provider,
      inputTokens,
      outputTokens: 0,
      costUsd: estimateCost(model, inputTokens, 0),
      latencyMs: Date.now() - started,
      status,
      errorCode,
      cached: false,
      frontDoor: 'v1',
    });

  let result;
  try {
    result = await client.doEmbed({
      model: model.upstreamModel,
      input,
      ...(body.params ? { params: body.params } : {}),
      signal: context.signal,
    });
  } catch (error) {
    await admission.release(0).catch(() => undefined);
    record('error', 0, (error as { code?: string }).code ?? 'PROVIDER_ERROR');
    throw error;
  }
  const inputTokens = result.usage.inputTokens ?? estimatedTokens;
  await admission
    .settle({ tokens: inputTokens, costUsd: estimateCost(model, inputTokens, 0) })
    .catch((error: unknown) => context.logger.error({ err: error, runId }, 'settling budget failed'));
  record('ok', inputTokens);
  sendJson(
    response,
    200,
    {
      object: 'list',
      data: result.embeddings.map((embedding, index) => ({
        object: 'embedding',
        index,
        embedding:
          body.encodingFormat === 'base64'
            ? Buffer.from(new Float32Array(embedding).buffer).toString('base64')
            : embedding,
      })),
      model: body.model,
      usage: { prompt_tokens: inputTokens, total_tokens: inputTokens },
    },
    { 'x-capgate-run-id': runId },
  );
}

function notEmbeddings(name: string): BadUserInputError {
  return new BadUserInputError(`'${name}' does not offer embeddings.`, { extensions: { param: 'model' } });
}
