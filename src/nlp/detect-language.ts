/**
 * Language identification: franc-min's trigram model (82 languages), steadied on short texts by a
 * count of common function words. Returns ISO 639-1 when the language has a code there, otherwise
 * ISO 639-3, and 'und' when unsure.
 */
import { francAll } from 'franc-min';
import { FUNCTION_WORDS } from './function-words.js';

/** Below this many characters (after removing URLs, numbers, …) trigrams alone are not trusted. */
const MIN_TRIGRAM_LENGTH = 20;
/** From this length franc's best guess is accepted even when a runner-up is close. */
const CONFIDENT_LENGTH = 60;
/** franc scores are normalised so the best is 1; a runner-up at or above this is too close to call. */
const CLOSE_RUNNER_UP = 0.94;

/**
 * Widely written languages. In a close call between one of these and a rarer relative (Hindi vs
 * Magahi, Malay vs Javanese), the prior odds favour the common one.
 */
const COMMON = new Set(
  'eng cmn hin spa fra arb ben por rus urd ind deu jpn tur vie kor ita pes swh pol ukr nld ron ell hun ces swe'.split(
    ' ',
  ),
);

/** ISO 639-3 → 639-1 for the languages franc-min knows (macrolanguage codes where apt). */
const ISO_639_1: Readonly<Record<string, string>> = {
  eng: 'en',
  spa: 'es',
  por: 'pt',
  fra: 'fr',
  deu: 'de',
  ita: 'it',
  nld: 'nl',
  swe: 'sv',
  pol: 'pl',
  ces: 'cs',
  ron: 'ro',
  hun: 'hu',
  tur: 'tr',
  hrv: 'hr',
  bos: 'bs',
  srp: 'sr',
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  kaz: 'kk',
  ell: 'el',
  arb: 'ar',
  pes: 'fa',
  urd: 'ur',
  pbu: 'ps',
  hin: 'hi',
  mar: 'mr',
  npi: 'ne',
  ben: 'bn',
  tel: 'te',
  tam: 'ta',
  guj: 'gu',
  kan: 'kn',
  mal: 'ml',
  pan: 'pa',
  sin: 'si',
  tha: 'th',
  mya: 'my',
  amh: 'am',
  cmn: 'zh',
  jpn: 'ja',
  kor: 'ko',
  vie: 'vi',
  ind: 'id',
  zlm: 'ms',
  jav: 'jv',
  sun: 'su',
  tgl: 'tl',
  swh: 'sw',
  hau: 'ha',
  yor: 'yo',
  ibo: 'ig',
  zul: 'zu',
  kin: 'rw',
  run: 'rn',
  nya: 'ny',
  som: 'so',
  lin: 'ln',
  plt: 'mg',
  uzn: 'uz',
  azj: 'az',
  ckb: 'ku',
  fuv: 'ff',
  qug: 'qu',
  zyb: 'za',
};

const toIso6391 = (code: string): string => ISO_639_1[code] ?? code;

/** Strip what carries no language signal: URLs, e-mail addresses, handles, numbers, symbols. */
function languageSample(text: string): string {
  return text
    .slice(0, 4096)
    .replace(/\b(?:https?:\/\/|www\.)\S+/giu, ' ')
    .replace(/\S+@\S+\.\S+/gu, ' ')
    .replace(/[#@][\p{L}\p{N}_]+/gu, ' ')
    .replace(/[^\p{L}\p{M}'’\s]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

function functionWordVote(sample: string): string | undefined {
  const words = sample.toLowerCase().split(/[\s'’]+/u);
  const hits = Object.entries(FUNCTION_WORDS)
    .map(([language, list]) => ({ language, count: words.filter((word) => list.has(word)).length }))
    .sort((left, right) => right.count - left.count);
  const [best, second] = hits;
  if (best === undefined || best.count < 2) return undefined;
  return best.count >= 1.5 * (second?.count ?? 0) ? best.language : undefined;
}

export function detectLanguage(text: string): string {
  const sample = languageSample(text);
  // Too little to go on: "ok", "xxxxxxxx", "aaa bbb".
  if (new Set(sample.toLowerCase().replace(/\s/gu, '')).size < 3) return 'und';
  const ranked = francAll(sample, { minLength: 1 });
  const [best, second] = ranked;
  if (best === undefined || best[0] === 'und') return 'und';
  // A script used by one language only (Greek, Hangul, Thai, kana, …) is certain at any length.
  if (ranked.length === 1) return toIso6391(best[0]);

  const voted = functionWordVote(sample);
  if (voted !== undefined) {
    const votedScore = ranked.find(([code]) => toIso6391(code) === voted)?.[1] ?? 0;
    if (votedScore >= 0.5 || sample.length < MIN_TRIGRAM_LENGTH) return voted;
  }
  if (sample.length < MIN_TRIGRAM_LENGTH) return 'und';
  const contenders = ranked.filter(([, score]) => score >= CLOSE_RUNNER_UP);
  const common = contenders.find(([code]) => COMMON.has(code));
  if (common !== undefined) return toIso6391(common[0]);
  const close = second !== undefined && second[1] >= CLOSE_RUNNER_UP;
  return close && sample.length < CONFIDENT_LENGTH ? 'und' : toIso6391(best[0]);
}

/**
 * Whether a text reads as English by its function words: at least two of them, and at least as many
 * as of any other language's. A trigram guess of another language on such a text ("a gorgeous ,
 * witty , seductive movie ." → pt) is not enough to leave the English lexicon.
 */
export function hasEnglishFunctionWords(text: string): boolean {
  const words = languageSample(text)
    .toLowerCase()
    .split(/[\s'’]+/u);
  const count = (list: ReadonlySet<string>) => words.filter((word) => list.has(word)).length;
  const english = count(FUNCTION_WORDS.en!);
  if (english < 2) return false;
  return Object.entries(FUNCTION_WORDS).every(
    ([language, list]) => language === 'en' || count(list) <= english,
  );
}

/**
 * Whether a detected language can be trusted for language-specific processing (e.g. choosing a
 * lexicon): the sample is long enough for trigram statistics, or its function words agree. On a
 * sentence or two, trigram guesses flip between neighbours ("A wonderful, moving film." → nl).
 */
export function isConfidentDetection(text: string, language: string): boolean {
  if (language === 'und') return false;
  const sample = languageSample(text);
  return sample.length >= CONFIDENT_LENGTH || functionWordVote(sample) === language;
}
