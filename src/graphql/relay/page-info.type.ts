import { Field, ObjectType } from 'type-graphql';

@ObjectType('PageInfo', { description: 'Where a page of a Relay connection sits in the whole list.' })
export class PageInfoType {
  @Field(() => Boolean, { description: 'More items follow the last one of this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'More items precede the first one of this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the first item of this page (pass as `before`); null on an empty page.',
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of this page (pass as `after`); null on an empty page.',
  })
  endCursor!: string | null;
}
