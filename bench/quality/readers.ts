/**
 * Readers for the evaluation sets of `shared/evals` (formats: `shared/evals/README.md`). They parse
 * the files as they are and fail loudly on a row that does not fit, rather than skipping it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface SentimentItem {
  sentence: string;
  /** 1 = positive, 0 = negative. */
  label: 0 | 1;
}

export interface TopicItem {
  /** 1 = World, 2 = Sports, 3 = Business, 4 = Sci/Tech. */
  label: number;
  title: string;
  description: string;
}

export interface CranfieldRecord {
  /** The `.I` id as written, trimmed ("001" for queries, "184" for documents). */
  id: string;
  title: string;
  authors: string;
  bibliography: string;
  text: string;
}

export interface CranfieldCollection {
  documents: CranfieldRecord[];
  queries: CranfieldRecord[];
  /** Query ordinal (1-based position in `cran.qry`, see README gotcha 1) → document id → Cleverdon code. */
  qrels: Map<number, Map<string, number>>;
}

export interface SummaryItem {
  id: string;
  category: string;
  title: string;
  article: string;
  reference: string;
  referenceSentences: string[];
}

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

/** `sst2-dev.tsv`: header `sentence\tlabel`, one sentence per line. */
export function readSst2(file: string): SentimentItem[] {
  const lines = readText(file).replace(/\n+$/u, '').split('\n');
  if (lines[0]?.trim() !== 'sentence\tlabel') throw new Error(`${file}: unexpected header ${lines[0]}`);
  return lines.slice(1).map((line, index) => {
    const [sentence, label] = line.split('\t');
    if (sentence === undefined || (label?.trim() !== '0' && label?.trim() !== '1'))
      throw new Error(`${file}: bad row ${index + 2}`);
    return { sentence: sentence.trim(), label: label.trim() === '1' ? 1 : 0 };
  });
}

/**
 * RFC 4180 CSV: fields optionally double-quoted, `""` for a quote inside a quoted field, quoted
 * fields may span lines. Returns the rows, header included.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let position = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (position < text.length) {
    const character = text[position]!;
    if (quoted) {
      if (character === '"') {
        if (text[position + 1] === '"') {
          field += '"';
          position += 1;
        } else {
          quoted = false;
        }
      } else {
        field += character;
      }
    } else if (character === '"' && field.length === 0) {
      quoted = true;
    } else if (character === ',') {
      endField();
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[position + 1] === '\n') position += 1;
      endRow();
    } else {
      field += character;
    }
    position += 1;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field.length > 0 || row.length > 0) endRow();
  return rows;
}

/** `agnews-test.csv`: header `label,title,description`. */
export function readAgNews(file: string): TopicItem[] {
  const rows = parseCsv(readText(file));
  const header = rows[0]?.join(',');
  if (header !== 'label,title,description') throw new Error(`${file}: unexpected header ${header}`);
  return rows.slice(1).map((row, index) => {
    const [label, title, description] = row;
    const numeric = Number(label);
    if (
      row.length !== 3 ||
      title === undefined ||
      description === undefined ||
      ![1, 2, 3, 4].includes(numeric)
    )
      throw new Error(`${file}: bad row ${index + 2}`);
    return { label: numeric, title, description };
  });
}

/** Records of `cran.all.1400` / `cran.qry`: `.I id`, then `.T`, `.A`, `.B`, `.W` fields. */
export function parseCranfieldRecords(text: string): CranfieldRecord[] {
  const records: CranfieldRecord[] = [];
  let current: CranfieldRecord | undefined;
  let field: 'title' | 'authors' | 'bibliography' | 'text' | undefined;
  const fields = { T: 'title', A: 'authors', B: 'bibliography', W: 'text' } as const;
  for (const line of text.split('\n')) {
    const marker = /^\.([ITABW])\b ?(.*)$/u.exec(line);
    if (marker) {
      const code = marker[1] as 'I' | keyof typeof fields;
      if (code === 'I') {
        current = { id: (marker[2] ?? '').trim(), title: '', authors: '', bibliography: '', text: '' };
        records.push(current);
        field = undefined;
      } else {
        field = fields[code];
      }
    } else if (current && field) {
      current[field] += `${line}\n`;
    }
  }
  return records;
}

export function readCranfield(directory: string): CranfieldCollection {
  const documents = parseCranfieldRecords(readText(path.join(directory, 'cran.all.1400')));
  const queries = parseCranfieldRecords(readText(path.join(directory, 'cran.qry')));
  const qrels = new Map<number, Map<string, number>>();
  for (const line of readText(path.join(directory, 'cranqrel')).trim().split('\n')) {
    const [query, document, code] = line.trim().split(/\s+/u).map(Number);
    if (query === undefined || document === undefined || code === undefined || Number.isNaN(code))
      throw new Error(`cranqrel: bad line ${line}`);
    let judged = qrels.get(query);
    if (!judged) qrels.set(query, (judged = new Map()));
    judged.set(String(document), code);
  }
  return { documents, queries, qrels };
}

function stringField(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string') throw new Error(`${where}: field ${key} is not a string`);
  return value;
}

/** `summaries.jsonl`: one BBC article/summary pair per line. */
export function readSummaries(file: string): SummaryItem[] {
  return readText(file)
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, index) => {
      const where = `${file}:${index + 1}`;
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed !== 'object' || parsed === null) throw new Error(`${where}: not an object`);
      const record = parsed as Record<string, unknown>;
      const sentences = record.reference_sentences;
      if (!Array.isArray(sentences) || !sentences.every((entry) => typeof entry === 'string'))
        throw new Error(`${where}: reference_sentences is not a list of strings`);
      return {
        id: stringField(record, 'id', where),
        category: stringField(record, 'category', where),
        title: stringField(record, 'title', where),
        article: stringField(record, 'article', where),
        reference: stringField(record, 'reference', where),
        referenceSentences: sentences as string[],
      };
    });
}
