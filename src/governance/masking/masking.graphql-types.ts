/** GraphQL enums and inputs of PII masking policies. */
import { Field, InputType, registerEnumType } from 'type-graphql';
import { MASKING_MODES, PII_DETECTORS, type MaskingMode, type PiiDetector } from './masking.types.js';

export const MaskingModeEnum = Object.fromEntries(MASKING_MODES.map((mode) => [mode, mode])) as {
  [K in MaskingMode]: K;
};
registerEnumType(MaskingModeEnum, {
  name: 'MaskingMode',
  description: 'What a PII finding becomes before text leaves Capgate.',
  valuesConfig: {
    REDACT: { description: 'A typed placeholder (`[EMAIL]`); nothing can be restored.' },
    TOKENIZE: {
      description:
        'A numbered placeholder (`[EMAIL_1]`), the same for the same value in one request; values are put back into the output.',
    },
  },
});

const detectorDescriptions: Record<PiiDetector, string> = {
  EMAIL: 'E-mail addresses.',
  PHONE: 'Phone numbers.',
  CREDIT_CARD: 'Payment card numbers (Luhn-checked).',
  IBAN: 'International bank account numbers (checksum-checked).',
  IP: 'IPv4 and IPv6 addresses.',
  SSN: 'US social security numbers.',
};
export const PiiDetectorEnum = Object.fromEntries(PII_DETECTORS.map((name) => [name, name])) as {
  [K in PiiDetector]: K;
};
registerEnumType(PiiDetectorEnum, {
  name: 'PiiDetector',
  description: 'A built-in PII detector.',
  valuesConfig: Object.fromEntries(
    PII_DETECTORS.map((name) => [name, { description: detectorDescriptions[name] }]),
  ),
});

@InputType('MaskingPatternInput', { description: 'A detector defined by its own regular expression.' })
export class MaskingPatternInput {
  @Field(() => String, {
    description: 'Placeholder type: upper-case letters, digits and `_`, e.g. `EMPLOYEE_ID`.',
  })
  name!: string;

  @Field(() => String, { description: 'The regular expression (at most 500 characters).' })
  pattern!: string;

  @Field(() => String, { nullable: true, description: 'Flags among `i`, `m`, `s`, `u`.' })
  flags?: string;
}
