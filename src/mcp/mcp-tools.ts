/**
 * Capabilities as MCP tools: which a principal may invoke (MEMBER role, visible to its team, not
 * deprecated), each tool's schemas (a custom capability's registered `inputSchema`/`outputSchema`,
 * a built-in's typed GraphQL contract), and a call through the one invocation pipeline (roles, rate
 * limits, budgets, masking, usage, runs) with front door `mcp`. A call continues a Capgate
 * conversation when its `_meta` names one (`capgate/conversationId`, optionally `capgate/ifLastTurn`).
 * Knowledge bases the principal may see are resources.
 */
import { randomUUID } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import type { CallToolResult, ReadResourceResult, Resource, Tool } from '@modelcontextprotocol/sdk/types.js';
import { isVisibleTo } from '../capabilities/invocation.service.js';
import {
  conversationOptionsOfMeta,
  MCP_CONVERSATION_ID_META,
  withConversation,
} from '../conversations/conversation-headers.js';
import { AppError, ForbiddenError, NotFoundError } from '../errors/app-error.js';
import { hasRole, type Principal } from '../governance/auth/principal.js';
import { currentRequestId } from '../infra/request-context.js';
import type { CapabilityInfo } from '../registry/registry.types.js';
import type { Services } from '../services.js';
import { schemasOfTypedCapability, type CapabilitySchemas } from './graphql-json-schema.js';

/** A non-object input is wrapped as `{ input: … }` (MCP tool inputs are objects). */
const WRAPPED = 'input';
const RESOURCE_PREFIX = 'capgate://knowledge/';

interface ToolShape {
  tool: Tool;
  /** The tool's arguments are the capability input under `input`. */
  wrapped: boolean;
  /** `structuredContent` is sent (the output schema is an object). */
  structured: boolean;
}

export class McpTools {
  private readonly typed = new Map<string, CapabilitySchemas | undefined>();

  constructor(
    private readonly services: Services,
    private readonly schema: GraphQLSchema,
  ) {}

  /** The capabilities `principal` may invoke, as tools, by name. */
  list(principal: Principal): Tool[] {
    return this.invocable(principal).map((capability) => this.shapeOf(capability).tool);
  }

  /** What a change of the list is judged by: names, versions and descriptions. */
  fingerprint(principal: Principal): string {
    return this.invocable(principal)
      .map((capability) => `${capability.name}@${capability.version}:${capability.description ?? ''}`)
      .join('\n');
  }

  async call(
    principal: Principal,
    name: string,
    args: Record<string, unknown> | undefined,
    signal: AbortSignal,
    meta?: Record<string, unknown>,
  ): Promise<CallToolResult> {
    try {
      if (!hasRole(principal, 'MEMBER'))
        throw new ForbiddenError('Invoking capabilities requires the MEMBER role.');
      const capability = this.services.registry.capability(name);
      if (!capability || !isVisibleTo(capability, principal))
        throw new NotFoundError(`Unknown tool "${name}".`);
      const shape = this.shapeOf(capability);
      const input = shape.wrapped ? args?.[WRAPPED] : (args ?? {});
      // A conversation rides in the request's `_meta`, beside the capability's own arguments.
      const conversation = conversationOptionsOfMeta(meta);
      const { output, meta: runMeta } = await this.services.invocation.invoke(
        withConversation(
          {
            capability: capability.name,
            input,
            principal,
            requestId: currentRequestId() ?? randomUUID(),
            signal,
            frontDoor: 'mcp',
          },
          conversation,
        ),
      );
      const text = typeof output === 'string' ? output : JSON.stringify(output);
      return {
        content: [{ type: 'text', text }],
        ...(shape.structured && isObject(output) ? { structuredContent: output } : {}),
        _meta: {
          'capgate/runId': runMeta.runId,
          'capgate/model': runMeta.model,
          'capgate/costUsd': runMeta.usage.costUsd,
          ...(conversation.conversationId ? { [MCP_CONVERSATION_ID_META]: conversation.conversationId } : {}),
        },
      };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // A refused or failed call is a tool result the model can read, with Capgate's error code.
      return { isError: true, content: [{ type: 'text', text: `${error.code}: ${error.message}` }] };
    }
  }

  async resources(principal: Principal): Promise<Resource[]> {
    const bases = await this.services.knowledge.list(accessOf(principal));
    return bases.map((base) => ({
      uri: `${RESOURCE_PREFIX}${encodeURIComponent(base.name)}`,
      name: base.name,
      ...(base.description ? { description: base.description } : {}),
      mimeType: 'application/json',
    }));
  }

  async readResource(principal: Principal, uri: string): Promise<ReadResourceResult | undefined> {
    if (!uri.startsWith(RESOURCE_PREFIX)) return undefined;
    let name: string;
    try {
      name = decodeURIComponent(uri.slice(RESOURCE_PREFIX.length));
    } catch {
      return undefined;
    }
    const base = (await this.services.knowledge.list(accessOf(principal))).find(
      (entry) => entry.name === name,
    );
    if (!base) return undefined;
    const text = JSON.stringify({
      ...base,
      search: `Call the "retrieve" tool with { "query": "…", "knowledgeBase": "${base.name}" }.`,
    });
    return { contents: [{ uri, mimeType: 'application/json', text }] };
  }

  private invocable(principal: Principal): CapabilityInfo[] {
    if (!hasRole(principal, 'MEMBER')) return [];
    return this.services.registry
      .capabilities()
      .filter((capability) => capability.status === 'active' && isVisibleTo(capability, principal))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private shapeOf(capability: CapabilityInfo): ToolShape {
    const schemas =
      capability.kind === 'builtin' ? this.typedSchemas(capability.name) : customSchemas(capability);
    const input = schemas?.inputSchema ?? { type: 'object' };
    const wrapped = input.type !== 'object';
    const outputSchema = schemas?.outputSchema?.type === 'object' ? schemas.outputSchema : undefined;
    return {
      tool: {
        name: capability.name,
        title: capability.name,
        description: capability.description ?? `The Capgate capability "${capability.name}".`,
        inputSchema: (wrapped
          ? { type: 'object', properties: { [WRAPPED]: input }, required: [WRAPPED] }
          : input) as Tool['inputSchema'],
        ...(outputSchema ? { outputSchema: outputSchema as Tool['outputSchema'] } : {}),
        _meta: { 'capgate/version': capability.version },
      },
      wrapped,
      structured: outputSchema !== undefined,
    };
  }

  private typedSchemas(name: string): CapabilitySchemas | undefined {
    if (!this.typed.has(name)) this.typed.set(name, schemasOfTypedCapability(this.schema, name));
    return this.typed.get(name);
  }
}

function customSchemas(capability: CapabilityInfo): CapabilitySchemas | undefined {
  if (!capability.inputSchema) return undefined;
  return {
    inputSchema: capability.inputSchema,
    ...(capability.outputSchema ? { outputSchema: capability.outputSchema } : {}),
  };
}

function accessOf(principal: Principal): { teamId: string; admin: boolean } {
  return { teamId: principal.teamId, admin: hasRole(principal, 'ADMIN') };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
