/**
 * `POST /v1/embeddings`: a registered model whose provider offers embeddings. Not a chat call, so it
 * does not go through the executor; it goes through the governed seam (`services.calls.embed`) like
 * every model call: MEMBER role here, then rate limit and budget admission, the org-wide masking
 * policy, the observed client and one usage event (capability `embeddings.create`, front door `v1`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { offersEmbeddings } from '../calls/embed-call.js';
import { BadUserInputError, ForbiddenError } from '../errors/app-error.js';
import { hasRole } from '../governance/auth/principal.js';
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
  if (!offersEmbeddings(services.calls, model)) throw notEmbeddings(body.model);

  const runId = `run_${randomUUID()}`;
  context.observe({ runId });
  const result = await services.calls.embed({
    caller: { principal, frontDoor: 'v1' },
    operation: EMBEDDINGS_OPERATION,
    model,
    texts: body.input,
    ...(body.params ? { params: body.params } : {}),
    signal: context.signal,
    runId,
    onRateLimits: context.onRateLimits,
  });
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
      usage: { prompt_tokens: result.inputTokens, total_tokens: result.inputTokens },
    },
    { 'x-capgate-run-id': runId },
  );
}

function notEmbeddings(name: string): BadUserInputError {
  return new BadUserInputError(`'${name}' does not offer embeddings.`, { extensions: { param: 'model' } });
}
