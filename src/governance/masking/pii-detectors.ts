/**
 * The built-in PII detectors: one precompiled global regex per shape, plus a validator where the
 * shape alone would match too much (Luhn for cards, MOD 97 for IBANs, NANP rules for US phones,
 * group structure for IPv6). A validator returns how many characters of the match to keep: the
 * whole match, a shorter prefix (cards followed by other digit groups), or 0 to reject it, in which
 * case the scan resumes one character after the match start.
 */
import { passesIbanMod97, passesLuhn } from './checksums.js';
import type { LinearRegex } from '../../infra/linear-regex.js';
import type { PiiDetector } from './masking.types.js';

/** A built-in shape: a global (`g`) regex (its `lastIndex` is reset before every scan) and an optional validator. */
export interface BuiltInDetectorPattern {
  readonly regex: RegExp;
  readonly accept?: (match: string) => number;
}

/** A caller's custom pattern: always on the linear-time engine, never on a backtracking `RegExp`. */
export interface LinearDetectorPattern {
  readonly linear: LinearRegex;
}

export type DetectorPattern = BuiltInDetectorPattern | LinearDetectorPattern;

export interface CompiledDetector {
  /** The placeholder type: `EMAIL`, or a custom pattern's name. */
  readonly type: string;
  readonly patterns: readonly DetectorPattern[];
}

const keepAllIf = (valid: boolean, match: string): number => (valid ? match.length : 0);

const IPV4 = String.raw`(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4_EXACT = new RegExp(`^${IPV4}$`);
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

const EMAIL: BuiltInDetectorPattern = {
  regex:
    /(?<![\w.%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![\w-])/g,
};

/** `+` and a country code, then digit groups: 8 to 15 digits in all (E.164), a `(0)` trunk prefix aside. */
const PHONE_INTERNATIONAL: BuiltInDetectorPattern = {
  regex:
    /(?<![\w+]|\d[.-])\+[1-9]\d{0,2}(?:[ .-]?\(\d{1,4}\))?[ .-]?\d{1,14}(?:[ .-]\d{1,14}){0,6}(?!\w|[.-]\d)/g,
  accept: (match) => {
    const digits = match.replace('(0)', '').replace(/\D/g, '').length;
    return keepAllIf(digits >= 8 && digits <= 15, match);
  },
};

/** NANP: optional 1, area code and exchange that start with 2-9, subscriber number. */
const PHONE_US: BuiltInDetectorPattern = {
  regex: /(?<![\w+]|\d[.-])(?:1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-]?)\d{3}[ .-]?\d{4}(?!\w|[.-]\d)/g,
  accept: (match) => {
    let digits = match.replace(/\D/g, '');
    if (digits.length === 11) digits = digits.slice(1);
    return keepAllIf(digits.charCodeAt(0) >= 50 && digits.charCodeAt(3) >= 50, match);
  },
};

/** 13 to 19 digits, optionally grouped by spaces or dashes; the longest Luhn-valid prefix ending on a group wins. */
const CREDIT_CARD: BuiltInDetectorPattern = {
  regex: /(?<!\w)(?:\d[ -]?){12,18}\d(?!\w)/g,
  accept: (match) => {
    for (let end = match.length; end > 0; end -= 1) {
      const next = match[end];
      if (next !== undefined && next !== ' ' && next !== '-') continue;
      const digits = match.slice(0, end).replace(/\D/g, '');
      if (digits.length < 13) return 0;
      if (digits.length <= 19 && isPlausibleCard(digits)) return end;
    }
    return 0;
  },
};

function isPlausibleCard(digits: string): boolean {
  return digits[0] !== '0' && !/^(\d)\1+$/.test(digits) && passesLuhn(digits);
}

/** Country code, check digits, BBAN in groups of four (spaced or not): 15 to 34 characters, MOD 97 verified. */
const IBAN: BuiltInDetectorPattern = {
  regex: /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])/g,
  accept: (match) => {
    const compact = match.replace(/ /g, '');
    return keepAllIf(compact.length >= 15 && compact.length <= 34 && passesIbanMod97(compact), match);
  },
};

/** Four decimal octets 0-255 without leading zeros; not part of a longer dotted run (`1.2.3.4.5`). */
const IP_V4: BuiltInDetectorPattern = {
  regex: new RegExp(String.raw`(?<!\w|\d\.)${IPV4}(?!\w|\.\d)`, 'g'),
};

/** Colon-separated hex groups (at most one `::`, optional dotted IPv4 tail), checked structurally. */
const IP_V6: BuiltInDetectorPattern = {
  regex: new RegExp(
    String.raw`(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:${IPV4}|[0-9A-Fa-f]{1,4})?(?![\w:]|\.\d)`,
    'g',
  ),
  accept: (match) => keepAllIf(isIpv6(match), match),
};

function isIpv6(candidate: string): boolean {
  let text = candidate;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!IPV4_EXACT.test(tail)) return false;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const compressed = text.indexOf('::');
  if (compressed !== text.lastIndexOf('::')) return false;
  if (compressed === -1) {
    const groups = text.split(':');
    return groups.length === 8 && groups.every((group) => HEX_GROUP.test(group));
  }
  const left = text.slice(0, compressed);
  const right = text.slice(compressed + 2);
  const groups = [...(left ? left.split(':') : []), ...(right ? right.split(':') : [])];
  // A compressed form needs a digit somewhere, so C++-style `Abc::def` stays text.
  return groups.length <= 7 && groups.every((group) => HEX_GROUP.test(group)) && /\d/.test(text);
}

/** US SSN `AAA-GG-SSSS` (dashes or spaces, used consistently); areas 000, 666 and 9xx and zero groups never issued. */
const SSN: BuiltInDetectorPattern = {
  regex: /(?<![\w-]|\d[.])(?!000|666|9)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\w-]|\.\d)/g,
};

/** Built-in detectors in priority order: on overlaps of equal length, the earlier one names the finding. */
export const BUILT_IN_DETECTORS: Readonly<Record<PiiDetector, CompiledDetector>> = {
  EMAIL: { type: 'EMAIL', patterns: [EMAIL] },
  CREDIT_CARD: { type: 'CREDIT_CARD', patterns: [CREDIT_CARD] },
  IBAN: { type: 'IBAN', patterns: [IBAN] },
  SSN: { type: 'SSN', patterns: [SSN] },
  IP: { type: 'IP', patterns: [IP_V6, IP_V4] },
  PHONE: { type: 'PHONE', patterns: [PHONE_INTERNATIONAL, PHONE_US] },
};
