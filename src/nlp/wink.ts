/**
 * The one wink-nlp instance of the process, built on first use. The English "lite web" model gives
 * sentence boundaries, tokens, entities, sentiment and stems; word embeddings are loaded separately
 * and lazily (`word-vectors.ts`) because they are large.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type WinkInstance = ReturnType<typeof winkNLP>;

let instance: WinkInstance | undefined;

export function getNlp(): WinkInstance {
  instance ??= winkNLP(model, ['sbd', 'negation', 'sentiment', 'ner', 'pos']);
  return instance;
}
