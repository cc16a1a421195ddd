/**
 * The MCP server at `/mcp` (Streamable HTTP, the official `@modelcontextprotocol/sdk`): every HTTP
 * request is authenticated with a Capgate API key (`Authorization: Bearer`), exactly as `/v1` and
 * `/graphql` are. `initialize` opens a session bound to that key (one SDK `Server` and transport per
 * session, on this instance: a load balancer keeps a session on one instance by its
 * `mcp-session-id`); a later request of the session with another key is not found. Tools and
 * resources come from `McpTools`. When the registry changes, each session whose tool list changed
 * for its key is sent `notifications/tools/list_changed`. Idle sessions are closed after
 * `IDLE_MS`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema,
  ErrorCode as McpErrorCode,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { isAppError } from '../errors/app-error.js';
import { storeUnavailableFrom } from '../errors/service-unavailable.js';
import type { Principal } from '../governance/auth/principal.js';
import type { Services } from '../services.js';
import { McpTools } from './mcp-tools.js';

const SESSION_HEADER = 'mcp-session-id';
const IDLE_MS = 30 * 60_000;
const MAX_SESSIONS = 10_000;

interface Session {
  server: Server;
  transport: StreamableHTTPServerTransport;
  principal: Principal;
  lastSeen: number;
  /** The tool list as the client last saw (or was told about) it. */
  announced: string;
}

export class McpGateway {
  private readonly sessions = new Map<string, Session>();
  private readonly tools: McpTools;
  private readonly stopWatching: () => void;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly services: Services,
    schema: GraphQLSchema,
  ) {
    this.tools = new McpTools(services, schema);
    this.stopWatching = services.registry.onChange(() => this.announceChanges());
    this.sweeper = setInterval(() => this.closeIdle(), 60_000);
    this.sweeper.unref();
  }

  /** The `(request, response)` handler of `/mcp` (any method: the transport answers 405 where due). */
  readonly handle = (request: IncomingMessage, response: ServerResponse): void => {
    this.serve(request, response).catch((error: unknown) => {
      this.services.logger.error({ err: error }, 'mcp request failed');
      if (!response.headersSent)
        rpcError(response, 500, McpErrorCode.InternalError, 'Internal server error.');
      else response.end();
    });
  };

  async close(): Promise<void> {
    this.stopWatching();
    clearInterval(this.sweeper);
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(sessions.map((session) => session.server.close()));
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('access-control-expose-headers', SESSION_HEADER);
    let principal: Principal;
    try {
      principal = await this.services.auth.authenticate(request.headers.authorization);
    } catch (thrown) {
      const error = storeUnavailableFrom(thrown) ?? thrown;
      if (!isAppError(error)) throw error;
      request.resume();
      if (error.httpStatus === 401) response.setHeader('www-authenticate', 'Bearer realm="capgate"');
      rpcError(response, error.httpStatus, -32001, error.message);
      return;
    }
    const sessionId = request.headers[SESSION_HEADER];
    if (typeof sessionId === 'string') {
      const session = this.sessions.get(sessionId);
      // Another key's session reads as absent: ids are not capabilities.
      if (!session || session.principal.id !== principal.id) {
        request.resume();
        rpcError(response, 404, -32001, 'Session not found.');
        return;
      }
      session.principal = principal; // roles may have changed since the last request
      session.lastSeen = Date.now();
      await session.transport.handleRequest(request, response);
      return;
    }
    if (request.method !== 'POST') {
      request.resume();
      rpcError(response, 400, McpErrorCode.InvalidRequest, 'Bad Request: no session; initialize first.');
      return;
    }
    await this.open(principal).transport.handleRequest(request, response);
  }

  /** A new session's server and transport; registered once the transport assigns its id. */
  private open(principal: Principal): Session {
    if (this.sessions.size >= MAX_SESSIONS) this.closeOldest();
    const server = new Server(
      { name: 'capgate', version: '1.0.0' },
      {
        capabilities: { tools: { listChanged: true }, resources: {} },
        instructions:
          'Capgate capabilities as tools: each call is governed (roles, rate limits, budgets, masking) and metered.',
      },
    );
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: this.services.config.limits.bodyLimitBytes,
      onsessioninitialized: (id) => {
        this.sessions.set(id, session);
      },
      onsessionclosed: (id) => {
        this.sessions.delete(id);
      },
    });
    const session: Session = { server, transport, principal, lastSeen: Date.now(), announced: '' };
    transport.onclose = () => {
      if (transport.sessionId) this.sessions.delete(transport.sessionId);
    };
    server.setRequestHandler(ListToolsRequestSchema, () => {
      session.announced = this.tools.fingerprint(session.principal);
      return { tools: this.tools.list(session.principal) };
    });
    server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
      this.tools.call(
        session.principal,
        request.params.name,
        request.params.arguments,
        extra.signal,
        request.params._meta,
      ),
    );
    server.setRequestHandler(ListResourcesRequestSchema, async () => ({
      resources: await this.tools.resources(session.principal),
    }));
    server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
      const read = await this.tools.readResource(session.principal, request.params.uri);
      if (!read) throw new McpError(McpErrorCode.InvalidParams, `Resource not found: ${request.params.uri}`);
      return read;
    });
    void server.connect(transport);
    return session;
  }

  private announceChanges(): void {
    for (const session of this.sessions.values()) {
      const fingerprint = this.tools.fingerprint(session.principal);
      if (fingerprint === session.announced) continue;
      session.announced = fingerprint;
      session.server.sendToolListChanged().catch((error: unknown) => {
        this.services.logger.warn({ err: error }, 'mcp tools/list_changed not delivered');
      });
    }
  }

  private closeIdle(): void {
    const cutoff = Date.now() - IDLE_MS;
    for (const [id, session] of this.sessions) {
      if (session.lastSeen >= cutoff) continue;
      this.sessions.delete(id);
      void session.server.close().catch(() => undefined);
    }
  }

  private closeOldest(): void {
    let oldest: [string, Session] | undefined;
    for (const entry of this.sessions) if (!oldest || entry[1].lastSeen < oldest[1].lastSeen) oldest = entry;
    if (!oldest) return;
    this.sessions.delete(oldest[0]);
    void oldest[1].server.close().catch(() => undefined);
  }
}

function rpcError(response: ServerResponse, status: number, code: number, message: string): void {
  const payload = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}
