/** Body reading and JSON answers on bare `node:http` objects: `/v1` needs nothing more from a framework. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, BadUserInputError, ErrorCode } from '../errors/app-error.js';

/** Reads and parses a JSON body; 413 beyond `limitBytes`, 400 when it is not JSON. */
export function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  const declared = Number(request.headers['content-length']);
  if (declared > limitBytes) return Promise.reject(tooLarge(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        request.removeAllListeners('data');
        request.resume();
        reject(tooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    request.once('error', reject);
    request.once('end', () => {
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(
          new BadUserInputError(
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
            { extensions: { param: null } },
          ),
        );
      }
    });
  });
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

/** A 413: the status is not one of the error codes' own, so it is carried as an extension. */
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(ErrorCode.BAD_USER_INPUT, `Request body too large: at most ${limitBytes} bytes.`);
  }

  override get httpStatus(): number {
    return 413;
  }
}

function tooLarge(limitBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(limitBytes);
}
