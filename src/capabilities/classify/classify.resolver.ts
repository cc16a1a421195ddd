import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { InvokeOptionsInput, PARTIAL_RESULTS } from '../capability.graphql-types.js';
import { invokeFromContext, plain } from '../invoke-from-context.js';
import type { ClassifyOutput } from './classify.capability.js';
import { ClassifyInput, ClassifyResult } from './classify.types.js';

@Resolver()
export class ClassifyResolver {
  @Authorized('MEMBER')
  @Mutation(() => ClassifyResult, {
    nullable: true,
    description: 'Classify a text into given labels (zero-shot or few-shot).' + PARTIAL_RESULTS,
  })
  async classify(
    @Arg('input', () => ClassifyInput, { description: 'What to do; see the input type.' })
    input: ClassifyInput,
    @Arg('options', () => InvokeOptionsInput, {
      nullable: true,
      description: 'Per-call overrides of the capability routing policy.',
    })
    options: InvokeOptionsInput | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<ClassifyResult> {
    const result = await invokeFromContext(context, 'classify', plain(input), options);
    return { ...(result.output as ClassifyOutput), meta: result.meta };
  }
}
