/**
 * A Server-Sent Events parser (WHATWG "event stream interpretation"): events may arrive split across
 * any number of network chunks, lines end in LF, CRLF or CR, comment lines (`:`) are skipped, and
 * multi-line `data:` fields are joined with `\n`. An event left without its closing blank line when
 * the stream ends is discarded, as the specification says.
 */
export interface ServerSentEvent {
  /** `event:` field; `message` when absent. */
  event: string;
  data: string;
  id?: string;
}

const LINE_FEED = 10;

export class SseParser {
  private buffer = '';
  private dataLines: string[] = [];
  private eventName = '';
  private eventId: string | undefined;
  private started = false;

  /** Feeds decoded text; returns the events it completed, in order. */
  push(text: string): ServerSentEvent[] {
    const events: ServerSentEvent[] = [];
    let buffer = this.buffer + text;
    if (!this.started && buffer.length > 0) {
      this.started = true;
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
    }
    // Native indexOf over a char-by-char loop: this runs for every chunk of every stream.
    const length = buffer.length;
    let lineStart = 0;
    let nextCarriageReturn = buffer.indexOf('\r');
    let nextLineFeed = buffer.indexOf('\n');
    for (;;) {
      if (nextCarriageReturn !== -1 && nextCarriageReturn < lineStart) {
        nextCarriageReturn = buffer.indexOf('\r', lineStart);
      }
      if (nextLineFeed !== -1 && nextLineFeed < lineStart) nextLineFeed = buffer.indexOf('\n', lineStart);
      let lineEnd: number;
      let nextStart: number;
      if (nextLineFeed !== -1 && (nextCarriageReturn === -1 || nextLineFeed < nextCarriageReturn)) {
        lineEnd = nextLineFeed;
        nextStart = nextLineFeed + 1;
      } else if (nextCarriageReturn !== -1) {
        // A CR at the very end may be the first half of a CRLF split across chunks: wait for more.
        if (nextCarriageReturn === length - 1) break;
        lineEnd = nextCarriageReturn;
        nextStart =
          buffer.charCodeAt(nextCarriageReturn + 1) === LINE_FEED
            ? nextCarriageReturn + 2
            : nextCarriageReturn + 1;
      } else {
        break;
      }
      this.processLine(buffer.slice(lineStart, lineEnd), events);
      lineStart = nextStart;
    }
    this.buffer = buffer.slice(lineStart);
    return events;
  }

  /** Ends the input: a final CR was a line end after all. Returns the events that completes. */
  end(): ServerSentEvent[] {
    if (!this.buffer.endsWith('\r')) return [];
    return this.push('\n');
  }

  private processLine(line: string, events: ServerSentEvent[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.charCodeAt(0) === 58 /* ':' */) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* ' ' */) value = value.slice(1);
    switch (field) {
      case 'data':
        this.dataLines.push(value);
        break;
      case 'event':
        this.eventName = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.eventId = value;
        break;
      default:
        // `retry` and unknown fields do not concern a one-shot request.
        break;
    }
  }

  private dispatch(events: ServerSentEvent[]): void {
    if (this.dataLines.length > 0) {
      const event: ServerSentEvent = { event: this.eventName || 'message', data: this.dataLines.join('\n') };
      if (this.eventId !== undefined) event.id = this.eventId;
      events.push(event);
    }
    this.dataLines = [];
    this.eventName = '';
  }
}

/** Decodes a byte stream (an undici response body) as UTF-8 and yields its events. */
export async function* parseServerSentEvents(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  const parser = new SseParser();
  for await (const chunk of chunks) {
    const events = parser.push(decoder.decode(chunk, { stream: true }));
    for (const event of events) yield event;
  }
  const events = [...parser.push(decoder.decode()), ...parser.end()];
  for (const event of events) yield event;
}
