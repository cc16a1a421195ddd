/** The `EntityType` enum of `analyze` entities; labels no value names (remote models') are OTHER. */
import { registerEnumType } from 'type-graphql';

const entityTypes = {
  PERSON: 'A person.',
  ORG: 'An organization.',
  LOCATION: 'A place.',
  DATE: 'A date.',
  TIME: 'A time of day.',
  DURATION: 'A length of time.',
  MONEY: 'An amount of money.',
  PERCENT: 'A percentage.',
  ORDINAL: 'An ordinal (first, 2nd).',
  NUMBER: 'A number.',
  EMAIL: 'An e-mail address.',
  URL: 'A web address.',
  PHONE: 'A phone number.',
  HASHTAG: 'A hashtag.',
  MENTION: 'An @mention.',
  EMOJI: 'An emoji.',
  EMOTICON: 'An emoticon.',
  OTHER: 'Another kind; `label` says which.',
} as const;

export type EntityType = keyof typeof entityTypes;
export const EntityTypeEnum = Object.fromEntries(Object.keys(entityTypes).map((name) => [name, name])) as {
  [K in EntityType]: K;
};
registerEnumType(EntityTypeEnum, {
  name: 'EntityType',
  description: 'What kind of thing an entity is.',
  valuesConfig: Object.fromEntries(
    Object.entries(entityTypes).map(([name, description]) => [name, { description }]),
  ),
});

export function toEntityType(label: string): EntityType {
  const upper = label.toUpperCase();
  return upper in entityTypes ? (upper as EntityType) : 'OTHER';
}
