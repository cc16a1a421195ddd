/**
 * Long local work runs off the event loop: while one tenant's 1,000,000-character summarize or
 * classify is being computed, another tenant's small request is answered. Asserted by order of
 * completion, never by milliseconds: inline, the huge request would hold the loop until it ended.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offloadedLocalTasks } from '../src/capabilities/local-work/local-work.js';
import { teamWithRoleKeys, waitFor, type RoleKeys } from './governance-fixtures.js';
import { graphql } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SUMMARIZE = `mutation ($text: String!) { summarize(input: { text: $text, maxSentences: 2 }) { summary } }`;
const CLASSIFY = `mutation ($text: String!) { classify(input: { text: $text, labels: ["sport", "politics"] }) { label } }`;

const article = readFileSync(new URL('./fixtures/summarize/product-blog.txt', import.meta.url), 'utf8');
const huge = `${article} `.repeat(Math.ceil(1_000_000 / (article.length + 1))).slice(0, 1_000_000);

describe('local work off the event loop', () => {
  let app: TestApp;
  let bigTenant: RoleKeys;
  let smallTenant: RoleKeys;

  beforeAll(async () => {
    app = await startTestApp({
      env: { CAPGATE_LOCAL_WORKERS: '1', CAPGATE_LOCAL_WORKER_MIN_CHARS: '10000' },
    });
    bigTenant = (await teamWithRoleKeys(app, 'big')).keys;
    smallTenant = (await teamWithRoleKeys(app, 'small')).keys;
  });

  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    ['summarize', SUMMARIZE],
    ['classify', CLASSIFY],
  ])(
    'answers a small summarize while a 1,000,000-character %s is in progress',
    async (_name, query) => {
      const offloadedBefore = offloadedLocalTasks();
      const order: string[] = [];
      const big = graphql(app.url, query, { key: bigTenant.MEMBER, variables: { text: huge } }).then(
        (answer) => {
          order.push('big');
          return answer;
        },
      );
      // The huge task has left for a worker thread: the loop is free.
      await waitFor(() => (offloadedLocalTasks() > offloadedBefore ? true : undefined), 60_000);
      const small = await graphql(app.url, SUMMARIZE, {
        key: smallTenant.MEMBER,
        variables: { text: 'The gateway stays responsive. Small requests are answered at once.' },
      });
      order.push('small');
      expect(small.errors).toBeUndefined();
      const bigAnswer = await big;
      expect(bigAnswer.errors).toBeUndefined();
      expect(order).toEqual(['small', 'big']);
    },
    180_000,
  );
});
