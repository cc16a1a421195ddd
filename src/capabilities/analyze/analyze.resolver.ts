import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { InvokeOptionsInput, PARTIAL_RESULTS } from '../capability.graphql-types.js';
import { invokeFromContext, plain } from '../invoke-from-context.js';
import type { AnalyzeOutput } from './analyze.capability.js';
import { AnalyzeInput, AnalyzeResult, type Sentiment } from './analyze.types.js';
import { toEntityType } from './entity-type.js';

@Resolver()
export class AnalyzeResolver {
  @Authorized('MEMBER')
  @Mutation(() => AnalyzeResult, {
    nullable: true,
    description: 'Analyze a text: sentiment, entities, keywords, language, statistics.' + PARTIAL_RESULTS,
  })
  async analyze(
    @Arg('input', () => AnalyzeInput, { description: 'What to do; see the input type.' }) input: AnalyzeInput,
    @Arg('options', () => InvokeOptionsInput, {
      nullable: true,
      description: 'Per-call overrides of the capability routing policy.',
    })
    options: InvokeOptionsInput | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<AnalyzeResult> {
    const result = await invokeFromContext(context, 'analyze', plain(input), options);
    const { entities, sentiment, ...rest } = result.output as AnalyzeOutput;
    return {
      ...rest,
      sentiment: sentiment as Sentiment | undefined,
      ...(entities
        ? {
            entities: entities.map((entity) => ({
              ...entity,
              type: toEntityType(entity.type),
              label: entity.type,
            })),
          }
        : {}),
      meta: result.meta,
    };
  }
}
