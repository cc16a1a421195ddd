/** Small shared pieces: errors where they happen, delayed loading states, empty states, copy buttons. */
import { ApolloError } from '@apollo/client';
import { useState, type ReactNode } from 'react';

/** The server's message and code (or the network problem) of a failed operation. */
export function describeError(error: unknown): { message: string; code?: string } {
  if (error instanceof ApolloError) {
    const first = error.graphQLErrors[0];
    if (first) {
      const code = typeof first.extensions?.code === 'string' ? first.extensions.code : undefined;
      return { message: first.message, ...(code ? { code } : {}) };
    }
    const network = error.networkError as {
      result?: { errors?: { message: string; extensions?: { code?: string } }[] };
    } | null;
    const inner = network?.result?.errors?.[0];
    if (inner)
      return { message: inner.message, ...(inner.extensions?.code ? { code: inner.extensions.code } : {}) };
    return { message: error.networkError ? `Network: ${error.networkError.message}` : error.message };
  }
  if (Array.isArray(error)) return describeError(error[0]);
  if (error && typeof error === 'object' && 'message' in error) {
    const extensions = (error as { extensions?: { code?: unknown } }).extensions;
    const code = typeof extensions?.code === 'string' ? extensions.code : undefined;
    return { message: String((error as { message: unknown }).message), ...(code ? { code } : {}) };
  }
  return { message: String(error) };
}

export function ErrorNote({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  const { message, code } = describeError(error);
  return (
    <p className="error" role="alert" id={id}>
      {code ? <strong className="code">{code}</strong> : null} {message}
    </p>
  );
}

export { Loading } from './Loading.js';

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('done');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button type="button" className="secondary" onClick={() => void copy()}>
      {state === 'done' ? 'Copied' : state === 'failed' ? 'Copy failed: select and copy' : label}
    </button>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1 tabIndex={-1} id="page-title">
        {title}
      </h1>
      {children ? <div className="actions">{children}</div> : null}
    </div>
  );
}

export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value === 0) return '$0';
  return value < 0.01 ? `$${value.toPrecision(2)}` : `$${value.toFixed(2)}`;
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

export function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="json" aria-label={label} tabIndex={0}>
      {value === undefined || value === null ? '–' : JSON.stringify(value, null, 2)}
    </pre>
  );
}
