import { readFile } from 'node:fs/promises';
import { createPubSub } from '@graphql-yoga/subscription';
import { describe, expect, it } from 'vitest';
import { buildAppSchema, printAppSchema } from '../src/graphql/schema.js';
import { projectRoot } from '../src/infra/project-root.js';
import type { Topics } from '../src/infra/pubsub.js';

describe('schema/schema.graphql', () => {
  it('matches the schema the code builds (run `npm run codegen` when it does not)', async () => {
    const built = printAppSchema(await buildAppSchema(createPubSub<Topics>()));
    const checkedIn = await readFile(`${projectRoot()}/schema/schema.graphql`, 'utf8').catch(() => '');
    expect(
      checkedIn,
      'schema/schema.graphql is out of date with the resolvers: run `npm run codegen` and commit the result',
    ).toBe(built);
  });
});
