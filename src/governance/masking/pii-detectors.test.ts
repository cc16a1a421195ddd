import { describe, expect, it } from 'vitest';
import { createMasker } from './masker.js';
import type { PiiDetector } from './masking.types.js';

/** The values one detector finds in `text`, recovered through a TOKENIZE round of masking. */
function detect(detector: PiiDetector, text: string): string[] {
  const masker = createMasker({ detectors: [detector], mode: 'TOKENIZE' });
  const masked = masker.maskText(text);
  return (masked.match(/\[[A-Z_]+_\d+\]/g) ?? []).map((placeholder) => masker.unmaskText(placeholder));
}

describe('EMAIL', () => {
  it('finds addresses with dots, plus tags and sub-domains', () => {
    expect(detect('EMAIL', 'Mail jane.doe+news@mail.example.co.uk or bob@x.io.')).toEqual([
      'jane.doe+news@mail.example.co.uk',
      'bob@x.io',
    ]);
  });
  it('ignores handles, bare domains and addresses without a top-level domain', () => {
    expect(detect('EMAIL', '@jane, example.com, root@localhost, a@b.c')).toEqual([]);
  });
});

describe('PHONE', () => {
  it('finds international numbers with a + and a country code', () => {
    expect(
      detect(
        'PHONE',
        'London +44 20 7946 0958, Berlin +49-30-1234567, mobile +4915112345678, +44 (0)20 7946 0958',
      ),
    ).toEqual(['+44 20 7946 0958', '+49-30-1234567', '+4915112345678', '+44 (0)20 7946 0958']);
  });
  it('finds US numbers in the usual formats', () => {
    expect(detect('PHONE', 'Call (415) 555-2671, 415.555.2671, 1-800-555-0199 or 4155552671.')).toEqual([
      '(415) 555-2671',
      '415.555.2671',
      '1-800-555-0199',
      '4155552671',
    ]);
  });
  it('ignores years, short numbers, dates, times and impossible US area codes', () => {
    expect(
      detect(
        'PHONE',
        'In 2026, 12 of 345 ate 5551234 on 2026-11-22 at 10:30; ref 123-456-7890; +1 2026; pi 3.1415926535',
      ),
    ).toEqual([]);
  });
});

describe('CREDIT_CARD', () => {
  it('finds Luhn-valid numbers, grouped or not, and stops before trailing digits', () => {
    expect(
      detect('CREDIT_CARD', 'Visa 4111 1111 1111 1111 12/29, Amex 3782-822463-10005, MC 5555555555554444'),
    ).toEqual(['4111 1111 1111 1111', '3782-822463-10005', '5555555555554444']);
  });
  it('ignores Luhn-invalid numbers, repeated digits and runs that are too short or too long', () => {
    expect(
      detect('CREDIT_CARD', '4111 1111 1111 1112, 0000 0000 0000 0000, 411111111111, 41111111111111111111'),
    ).toEqual([]);
  });
});

describe('IBAN', () => {
  it('finds MOD-97-valid IBANs, spaced or compact', () => {
    expect(
      detect(
        'IBAN',
        'Pay DE89 3704 0044 0532 0130 00 or GB29NWBK60161331926819, not later than NO9386011117947.',
      ),
    ).toEqual(['DE89 3704 0044 0532 0130 00', 'GB29NWBK60161331926819', 'NO9386011117947']);
  });
  it('ignores IBANs with wrong check digits and short look-alikes', () => {
    expect(detect('IBAN', 'DE88 3704 0044 0532 0130 00, GB29NWBK60161331926818, AB12 3456')).toEqual([]);
  });
});

describe('IP', () => {
  it('finds IPv4 and IPv6 addresses, full, compressed and with an IPv4 tail', () => {
    expect(
      detect(
        'IP',
        'Hosts 192.168.1.10, 10.0.0.1. and 2001:0db8:85a3:0000:0000:8a2e:0370:7334, fe80::1, ::ffff:192.0.2.128',
      ),
    ).toEqual([
      '192.168.1.10',
      '10.0.0.1',
      '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
      'fe80::1',
      '::ffff:192.0.2.128',
    ]);
  });
  it('ignores version strings, octets out of range, times, MAC addresses and C++ scopes', () => {
    expect(
      detect(
        'IP',
        'version 1.2.3.4.5, v1.2.3.4, 256.1.1.1, 1.2.3, at 12:30:45, 00:1a:2b:3c:4d:5e, std::vector, Abc::def',
      ),
    ).toEqual([]);
  });
});

describe('SSN', () => {
  it('finds SSNs separated by dashes or spaces', () => {
    expect(detect('SSN', 'SSN 123-45-6789 or 078 05 1120.')).toEqual(['123-45-6789', '078 05 1120']);
  });
  it('ignores areas 000, 666 and 9xx, zero groups, mixed separators and bare digits', () => {
    expect(
      detect(
        'SSN',
        '999-12-3456 900-12-3456 000-12-3456 666-12-3456 123-00-6789 123-45-0000 123-45 6789 123456789',
      ),
    ).toEqual([]);
  });
});
