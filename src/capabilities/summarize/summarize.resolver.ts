import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { InvokeOptionsInput, PARTIAL_RESULTS } from '../capability.graphql-types.js';
import { invokeFromContext, plain } from '../invoke-from-context.js';
import type { SummarizeOutput } from './summarize.capability.js';
import { SummarizeInput, SummarizeResult } from './summarize.types.js';

@Resolver()
export class SummarizeResolver {
  @Authorized('MEMBER')
  @Mutation(() => SummarizeResult, { nullable: true, description: 'Summarize a text.' + PARTIAL_RESULTS })
  async summarize(
    @Arg('input', () => SummarizeInput, { description: 'What to do; see the input type.' })
    input: SummarizeInput,
    @Arg('options', () => InvokeOptionsInput, {
      nullable: true,
      description: 'Per-call overrides of the capability routing policy.',
    })
    options: InvokeOptionsInput | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<SummarizeResult> {
    const result = await invokeFromContext(context, 'summarize', plain(input), options);
    return { ...(result.output as SummarizeOutput), meta: result.meta };
  }
}
