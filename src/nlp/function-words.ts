/**
 * The most frequent function words of a few widely used languages (ISO 639-1 keys). Trigram models
 * are unreliable on a sentence or two ("I think we should go home now." scores as Kirundi); counting
 * these words is a strong, cheap signal for the languages most texts here are written in.
 */
export const FUNCTION_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set(
    'the and of to is are was were that this it with for you we they he she not have has be on at what which should would will can my your our from there been do does'.split(
      ' ',
    ),
  ),
  fr: new Set(
    'le la les des du un une et est sont dans pour pas que qui sur avec ce cette je nous vous il elle ils au aux mais ne très été être avoir'.split(
      ' ',
    ),
  ),
  de: new Set(
    'der die das und ist sind nicht ein eine einen dem den mit auf für von zu ich wir sie es auch sich wie aber seit nach bei oder wird wurde noch im'.split(
      ' ',
    ),
  ),
  es: new Set(
    'el la los las de del y es son en un una que por para con no se lo su al como pero muy está desde esta este hay'.split(
      ' ',
    ),
  ),
  it: new Set(
    'il lo la gli le di del della e è sono un una che per con non sul nel da ma come questo anche più ho alla'.split(
      ' ',
    ),
  ),
  pt: new Set(
    'o a os as de do da dos das e é são em no na um uma que para com não por mas como você muito hoje ao'.split(
      ' ',
    ),
  ),
  nl: new Set(
    'de het een en is zijn van in op niet dat die met voor ik we je ook maar sinds naar bij wat er nog'.split(
      ' ',
    ),
  ),
  ru: new Set(
    'и в не на я что он она они это как с по но из у за от так же было был была мы вы его'.split(' '),
  ),
};
