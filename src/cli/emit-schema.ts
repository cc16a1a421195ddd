/**
 * `npm run codegen`, step one: prints the SDL that the code builds to `schema/schema.graphql`, the
 * checked-in contract that GraphQL Code Generator (`codegen.ts`) and reviewers read.
 */
import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildAppSchema, printAppSchema } from '../graphql/schema.js';
import { projectRoot } from '../infra/project-root.js';
import type { Topics } from '../infra/pubsub.js';

async function main(): Promise<void> {
  const schema = await buildAppSchema(createPubSub<Topics>());
  const file = path.join(projectRoot(), 'schema', 'schema.graphql');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, printAppSchema(schema));
  process.stdout.write(`Wrote ${path.relative(process.cwd(), file) || file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `emit-schema failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
