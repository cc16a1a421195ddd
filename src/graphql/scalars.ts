import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

/** `JSON`: any JSON value. */
export const JSONScalar = JSONResolver;
/** `DateTime`: an RFC 3339 date-time string. */
export const DateTimeScalar = DateTimeResolver;
