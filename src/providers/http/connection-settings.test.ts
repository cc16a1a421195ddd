import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../errors/app-error.js';
import { parseConnectionSettings } from './connection-settings.js';

const DEFAULT = 'https://api.example.com/v1';

describe('parseConnectionSettings', () => {
  it('applies the default base URL', () => {
    expect(parseConnectionSettings({ name: 'p' }, DEFAULT)).toMatchObject({
      baseUrl: 'https://api.example.com/v1',
      origin: 'https://api.example.com',
      basePath: '/v1',
      query: '',
      apiKey: undefined,
    });
  });

  it.each([
    ['a trailing slash', 'http://localhost:11434/v1/', 'http://localhost:11434/v1', '/v1', ''],
    ['a bare origin', 'http://127.0.0.1:8000', 'http://127.0.0.1:8000', '', ''],
    [
      'an Azure deployment with api-version',
      'https://r.openai.azure.com/openai/deployments/gpt4o?api-version=2024-10-21',
      'https://r.openai.azure.com/openai/deployments/gpt4o',
      '/openai/deployments/gpt4o',
      '?api-version=2024-10-21',
    ],
  ])('normalises %s', (_name, baseUrl, expectedBaseUrl, basePath, query) => {
    expect(parseConnectionSettings({ name: 'p', baseUrl }, DEFAULT)).toMatchObject({
      baseUrl: expectedBaseUrl,
      basePath,
      query,
    });
  });

  it('lower-cases header names and counts every header value as a secret', () => {
    const settings = parseConnectionSettings(
      { name: 'azure', apiKey: 'k1', headers: { 'Api-Key': 'k2', 'OpenAI-Organization': 'org' } },
      DEFAULT,
    );
    expect(settings.headers).toEqual({ 'api-key': 'k2', 'openai-organization': 'org' });
    expect(settings.secrets).toEqual(['k1', 'k2', 'org']);
  });

  it('treats an empty API key as none', () => {
    expect(parseConnectionSettings({ name: 'p', apiKey: '' }, DEFAULT).apiKey).toBeUndefined();
  });

  it.each(['not a url', 'ftp://files.example.com', ''])('rejects the base URL %j', (baseUrl) => {
    expect(() => parseConnectionSettings({ name: 'p', baseUrl }, DEFAULT)).toThrow(BadUserInputError);
  });

  it('rejects a connection without a name', () => {
    expect(() => parseConnectionSettings({ name: '' }, DEFAULT)).toThrow(BadUserInputError);
  });
});
