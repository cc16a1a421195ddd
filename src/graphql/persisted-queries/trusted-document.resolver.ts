/**
 * Trusted documents over GraphQL (org ADMIN): `trustedDocuments` lists what may run (manifest files
 * and registrations), `registerTrustedDocuments` adds a client's manifest at run time and
 * `removeTrustedDocuments` takes documents out again; both are audited and reach every instance
 * without a restart (`trusted-document-registry.ts`).
 */
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from 'type-graphql';
import { BadUserInputError } from '../../errors/app-error.js';
import type { GraphQLContext } from '../context.js';
import { ConnectionArgs } from '../relay/connection-args.js';
import { connectionFromArray } from '../relay/connection-from-array.js';
import { createConnectionType, type Connection } from '../relay/connection.type.js';
import { toGlobalId } from '../relay/global-id.js';
import { registerNodeType } from '../relay/node-registry.js';
import { NodeInterface } from '../relay/node.interface.js';
import { DateTimeScalar, JSONScalar } from '../scalars.js';
import type { TrustedDocumentInfo, TrustedDocumentRegistry } from './trusted-document-registry.js';

const TRUSTED_DOCUMENT = 'TrustedDocument';

export enum TrustedDocumentSourceEnum {
  MANIFEST_FILE = 'MANIFEST_FILE',
  REGISTERED = 'REGISTERED',
}

registerEnumType(TrustedDocumentSourceEnum, {
  name: 'TrustedDocumentSource',
  description: 'Where a trusted document comes from.',
  valuesConfig: {
    MANIFEST_FILE: {
      description:
        'A manifest file read at start (`CAPGATE_TRUSTED_DOCUMENTS_MANIFEST`); change the file to remove it.',
    },
    REGISTERED: { description: 'Registered at run time with `registerTrustedDocuments`.' },
  },
});

@ObjectType(TRUSTED_DOCUMENT, {
  implements: NodeInterface,
  description:
    'An operation the server runs in trusted documents mode (`CAPGATE_TRUSTED_DOCUMENTS`): clients name it by `documentId`.',
})
export class TrustedDocumentType implements NodeInterface {
  @Field(() => ID, { description: 'Global id.' })
  id!: string;

  @Field(() => String, {
    description:
      'The id clients send (`documentId`, or Apollo’s `sha256Hash`); `sha256:<hex>` and `<hex>` are one id.',
  })
  documentId!: string;

  @Field(() => String, { description: 'The document text.' })
  document!: string;

  @Field(() => TrustedDocumentSourceEnum, { description: 'Where it comes from.' })
  source!: TrustedDocumentSourceEnum;

  @Field(() => String, { nullable: true, description: 'The manifest name it was registered with.' })
  manifest?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was registered (null for files).' })
  createdAt?: Date;
}

export const { Connection: TrustedDocumentConnection } = createConnectionType(
  TRUSTED_DOCUMENT,
  TrustedDocumentType,
);

@InputType({ description: 'A client manifest to trust.' })
export class RegisterTrustedDocumentsInput {
  @Field(() => JSONScalar, {
    description:
      'The manifest, as a frontend build writes it: GraphQL Code Generator’s `persisted-documents.json` (`{ "<id>": "<document>" }`) or Apollo’s persisted query manifest (`{ "format": "apollo-persisted-query-manifest", "operations": [{ "id", "body" }] }`).',
  })
  manifest!: unknown;

  @Field(() => String, {
    nullable: true,
    description: 'A name for the manifest (e.g. `web@1.4.2`), to remove its documents together later.',
  })
  name?: string | null;
}

@ObjectType({ description: 'What registerTrustedDocuments trusts now.' })
export class RegisterTrustedDocumentsPayload {
  @Field(() => [TrustedDocumentType], {
    description: 'Every document of the manifest (those already trusted with the same text included).',
  })
  trustedDocuments!: TrustedDocumentType[];
}

@InputType({ description: 'Which registered documents to remove (by id, by manifest name, or both).' })
export class RemoveTrustedDocumentsInput {
  @Field(() => [String], { nullable: true, description: 'Document ids (`documentId`).' })
  documentIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Every document registered with this manifest name.' })
  manifest?: string | null;
}

@ObjectType({ description: 'What removeTrustedDocuments removed.' })
export class RemoveTrustedDocumentsPayload {
  @Field(() => [ID], { description: 'Global ids of the removed documents (none when nothing matched).' })
  removedTrustedDocumentIds!: string[];
}

registerNodeType(TRUSTED_DOCUMENT, (key, context) => {
  const document = context.services.trustedDocuments?.get(context.principal, key);
  return document ? toTrustedDocument(document) : null;
});

@Resolver()
export class TrustedDocumentResolver {
  @Authorized('ADMIN')
  @Query(() => TrustedDocumentConnection, {
    description: 'The trusted documents (org ADMIN), from manifest files and registrations, by document id.',
  })
  trustedDocuments(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Ctx() context: GraphQLContext,
  ): Connection<TrustedDocumentType> {
    const documents = registry(context).list(context.principal).map(toTrustedDocument);
    return connectionFromArray(documents, page, (document) => document.documentId);
  }

  @Authorized('ADMIN')
  @Mutation(() => RegisterTrustedDocumentsPayload, {
    description:
      'Trusts the documents of a client manifest at run time (org ADMIN; audited): stored, and applied on every instance without a restart. Validated whole: BAD_USER_INPUT lists every problem in `extensions.problems` (a document that does not parse, an id already naming another text…), and nothing is stored.',
  })
  async registerTrustedDocuments(
    @Arg('input', () => RegisterTrustedDocumentsInput, { description: 'The manifest and its name.' })
    input: RegisterTrustedDocumentsInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RegisterTrustedDocumentsPayload> {
    const documents = await registry(context).register(
      context.principal,
      { manifest: input.manifest, ...(input.name ? { name: input.name } : {}) },
      context.requestId,
    );
    return { trustedDocuments: documents.map(toTrustedDocument) };
  }

  @Authorized('ADMIN')
  @Mutation(() => RemoveTrustedDocumentsPayload, {
    description:
      'Stops trusting registered documents (org ADMIN; audited), on every instance. Documents of manifest files cannot be removed here (BAD_USER_INPUT).',
  })
  async removeTrustedDocuments(
    @Arg('input', () => RemoveTrustedDocumentsInput, { description: 'Which documents.' })
    input: RemoveTrustedDocumentsInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RemoveTrustedDocumentsPayload> {
    const removed = await registry(context).remove(
      context.principal,
      {
        ...(input.documentIds ? { ids: input.documentIds } : {}),
        ...(input.manifest ? { manifest: input.manifest } : {}),
      },
      context.requestId,
    );
    return { removedTrustedDocumentIds: removed.map((id) => toGlobalId(TRUSTED_DOCUMENT, id)) };
  }
}

function registry(context: GraphQLContext): TrustedDocumentRegistry {
  const registry = context.services.trustedDocuments;
  if (!registry) throw new BadUserInputError('Trusted documents are not available on this instance.');
  return registry;
}

function toTrustedDocument(document: TrustedDocumentInfo): TrustedDocumentType {
  return {
    id: toGlobalId(TRUSTED_DOCUMENT, document.id),
    documentId: document.id,
    document: document.query,
    source:
      document.source === 'FILE'
        ? TrustedDocumentSourceEnum.MANIFEST_FILE
        : TrustedDocumentSourceEnum.REGISTERED,
    ...(document.manifest ? { manifest: document.manifest } : {}),
    ...(document.createdAt ? { createdAt: document.createdAt } : {}),
  };
}
