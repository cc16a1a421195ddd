import { describe, expect, it } from 'vitest';
import { isSecretFieldName, REDACTED, redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  it.each([
    'apiKey',
    'api_key',
    'key',
    'secret',
    'clientSecret',
    'password',
    'token',
    'accessToken',
    'authorization',
    'Cookie',
    'credentials',
    'privateKey',
    'apiKeySealed',
  ])('treats %s as a secret field', (name) => {
    expect(isSecretFieldName(name)).toBe(true);
  });

  it.each([
    'keyId',
    'name',
    'roles',
    'tokensPerMinute',
    'inputTokens',
    'maxTokens',
    'prefix',
    'team',
    'limitUsd',
  ])('keeps %s', (name) => {
    expect(isSecretFieldName(name)).toBe(false);
  });

  it('redacts secret fields at any depth and keeps the rest', () => {
    const summary = {
      name: 'openai',
      apiKey: 'sk-live-123',
      nested: { password: 'hunter2', keep: 1, list: [{ token: 't' }, 'plain'] },
      keyId: 'key_1',
    };
    expect(redactSecrets(summary)).toEqual({
      name: 'openai',
      apiKey: REDACTED,
      nested: { password: REDACTED, keep: 1, list: [{ token: REDACTED }, 'plain'] },
      keyId: 'key_1',
    });
  });

  it('keeps header names but never their values', () => {
    expect(redactSecrets({ headers: { 'x-api-version': '1', authorization: 'Bearer abc' } })).toEqual({
      headers: { 'x-api-version': REDACTED, authorization: REDACTED },
    });
  });

  it('redacts values that look like API keys, bearer tokens or JWTs under innocent names', () => {
    const result = redactSecrets({
      note: 'cg_abcdefghijklmnop',
      header: 'Bearer xyz',
      jwt: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
      text: 'fine',
    });
    expect(result).toEqual({ note: REDACTED, header: REDACTED, jwt: REDACTED, text: 'fine' });
    expect(JSON.stringify(result)).not.toMatch(/cg_abc|xyz|eyJ/);
  });

  it('does not change its input', () => {
    const summary = { apiKey: 'secret-value' };
    redactSecrets(summary);
    expect(summary.apiKey).toBe('secret-value');
  });
});
