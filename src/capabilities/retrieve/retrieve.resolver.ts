import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { InvokeOptionsInput, PARTIAL_RESULTS } from '../capability.graphql-types.js';
import { invokeFromContext, plain } from '../invoke-from-context.js';
import type { RetrieveOutput } from './retrieve.capability.js';
import { RetrieveInput, RetrieveResult } from './retrieve.types.js';

@Resolver()
export class RetrieveResolver {
  @Authorized('MEMBER')
  @Mutation(() => RetrieveResult, {
    nullable: true,
    description: 'Retrieve the passages of a knowledge base that best match a query.' + PARTIAL_RESULTS,
  })
  async retrieve(
    @Arg('input', () => RetrieveInput, { description: 'What to do; see the input type.' })
    input: RetrieveInput,
    @Arg('options', () => InvokeOptionsInput, {
      nullable: true,
      description: 'Per-call overrides of the capability routing policy.',
    })
    options: InvokeOptionsInput | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<RetrieveResult> {
    const result = await invokeFromContext(context, 'retrieve', plain(input), options);
    return { ...(result.output as RetrieveOutput), meta: result.meta };
  }
}
