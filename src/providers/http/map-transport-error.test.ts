import { describe, expect, it } from 'vitest';
import { ProviderError, TimeoutError } from '../../errors/app-error.js';
import { mapTransportError } from './map-transport-error.js';

const providerName = 'upstream';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('mapTransportError', () => {
  it('re-throws the reason of a client abort, whatever error the abort caused', () => {
    const controller = new AbortController();
    controller.abort();
    const mapped = mapTransportError(new Error('socket closed'), { providerName, signal: controller.signal });
    expect(mapped).toBe(controller.signal.reason);
    expect((mapped as DOMException).name).toBe('AbortError');
  });

  it('re-throws a custom abort reason as is', () => {
    const controller = new AbortController();
    const reason = new Error('client went away');
    controller.abort(reason);
    expect(mapTransportError(new Error('x'), { providerName, signal: controller.signal })).toBe(reason);
  });

  it('turns an AbortSignal.timeout into our TimeoutError', async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const mapped = mapTransportError(signal.reason, { providerName, signal });
    expect(mapped).toBeInstanceOf(TimeoutError);
    expect((mapped as TimeoutError).isRetryable).toBe(true);
  });

  it('keeps our own TimeoutError given as the abort reason', () => {
    const controller = new AbortController();
    const reason = new TimeoutError('deadline');
    controller.abort(reason);
    expect(mapTransportError(new Error('x'), { providerName, signal: controller.signal })).toBe(reason);
  });

  it('passes AppErrors through', () => {
    const error = new ProviderError('already mapped', { status: 500 });
    expect(mapTransportError(error, { providerName })).toBe(error);
  });

  it.each([
    'ECONNRESET',
    'ECONNREFUSED',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
  ])('maps %s to a retryable ProviderError', (code) => {
    const mapped = mapTransportError(withCode('boom', code), { providerName });
    expect(mapped).toBeInstanceOf(ProviderError);
    expect(mapped).toMatchObject({ isRetryable: true, status: undefined });
    expect((mapped as Error).message).toBe(`upstream: network error (${code}).`);
  });

  it('finds a network code in the cause chain', () => {
    const error = new TypeError('fetch failed', { cause: withCode('other side closed', 'UND_ERR_SOCKET') });
    expect(mapTransportError(error, { providerName })).toMatchObject({ isRetryable: true });
  });

  it('maps an unknown failure to a non-retryable ProviderError', () => {
    expect(mapTransportError(new Error('weird'), { providerName })).toMatchObject({ isRetryable: false });
  });
});
