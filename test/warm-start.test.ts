/**
 * Warm start: with CAPGATE_WARM_START the local models load in the background right after start;
 * `/readyz` says `models: loading` (503) until they are in memory and `models: ready` (200) after,
 * and the first classify after ready finds the word vectors already loaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWordVectors } from '../src/capabilities/classify/word-vectors.js';
import { loadConfig } from '../src/config/config.js';
import { waitFor } from './governance-fixtures.js';
import { graphql } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CLASSIFY = `mutation ($text: String!) { classify(input: { text: $text, labels: ["sport", "politics"] }) { label } }`;

interface Readiness {
  status: number;
  body: { status: string; models?: string };
}

describe('warm start of the local models', () => {
  let app: TestApp;
  const seen: Readiness[] = [];
  const readyz = async (): Promise<Readiness> => {
    const response = await fetch(`${app.url}/readyz`);
    const readiness = { status: response.status, body: (await response.json()) as Readiness['body'] };
    seen.push(readiness);
    return readiness;
  };

  beforeAll(async () => {
    app = await startTestApp({ env: { CAPGATE_WARM_START: 'true' } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('is not ready while the models load, and ready with models: ready after', async () => {
    const first = await readyz();
    expect(['loading', 'ready']).toContain(first.body.models);
    await waitFor(async () => ((await readyz()).body.models === 'ready' ? true : undefined), 120_000);
    for (const readiness of seen) {
      if (readiness.body.models === 'loading') expect(readiness.status).toBe(503);
      if (readiness.body.models === 'ready')
        expect(readiness).toMatchObject({ status: 200, body: { status: 'ready' } });
    }
  }, 130_000);

  it('answers the first classify after ready with the vectors already in memory', async () => {
    const loaded = await Promise.race([
      loadWordVectors().then(() => true),
      new Promise<boolean>((resolve) => setImmediate(() => resolve(false))),
    ]);
    expect(loaded).toBe(true);
    const answer = await graphql<{ classify: { label: string } }>(app.url, CLASSIFY, {
      key: app.adminKey,
      variables: { text: 'The striker scored twice and the team won the league.' },
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.classify.label).toBe('sport');
  });

  it('reads the warm-start switch and the cache directory from the environment', () => {
    const base = {};
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).localModels).toEqual({ warmStart: true });
    expect(loadConfig({ ...base, NODE_ENV: 'test' }).localModels).toEqual({ warmStart: false });
    expect(
      loadConfig({ ...base, CAPGATE_WARM_START: 'off', CAPGATE_WORD_VECTORS_CACHE_DIR: '/var/cache/cg' })
        .localModels,
    ).toEqual({ warmStart: false, wordVectorsCacheDir: '/var/cache/cg' });
  });
});
