/**
 * The GraphiQL IDE Capgate serves on `GET /graphql` (bundled by `npm run build` into `dist/ide/`; no
 * CDN). The API key is typed into a field and kept in sessionStorage (gone when the tab closes); it
 * goes out as `Authorization` on HTTP and in `connection_init` on the WebSocket used for subscriptions.
 */
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { Kind, parse, type DocumentNode } from 'graphql';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { exampleOperations } from './example-operations.js';
import './ide.css';

const KEY_STORAGE = 'capgate.apiKey';

function readKey(): string {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

/**
 * GraphiQL's fetcher, fed from the query text it sends rather than from GraphiQL's parsed state: when
 * Run is clicked while a tab switch is settling, that state (operation name, document) still belongs
 * to the previous tab, so the request would name an operation the query lacks or go over HTTP though
 * it is a subscription. A name the document lacks becomes its only operation, if it has one.
 */
function fromQueryText(fetch: Fetcher): Fetcher {
  return (params, options) => {
    let document: DocumentNode;
    try {
      document = parse(params.query);
    } catch {
      return fetch(params, options); // the server reports the syntax error
    }
    const names = document.definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value] : [],
    );
    const operationName =
      params.operationName && !names.includes(params.operationName) && names.length === 1
        ? (names[0] ?? null)
        : params.operationName;
    return fetch({ ...params, operationName }, { ...options, documentAST: document });
  };
}

function CapgateIde() {
  const [apiKey, setApiKey] = useState(readKey);
  const fetcher = useMemo(() => {
    const authorization = apiKey.trim() ? `Bearer ${apiKey.trim()}` : undefined;
    const url = `${location.origin}/graphql`;
    const fetch: Fetcher = createGraphiQLFetcher({
      url,
      subscriptionUrl: url.replace(/^http/, 'ws'),
      headers: authorization ? { authorization } : {},
      wsConnectionParams: authorization ? { authorization } : {},
    });
    return fromQueryText(fetch);
  }, [apiKey]);

  return (
    <div className="capgate-ide">
      <header className="capgate-ide__bar">
        <a className="capgate-ide__brand" href="/">
          Capgate
        </a>
        <label className="capgate-ide__key">
          API key
          <input
            id="capgate-api-key"
            type="password"
            autoComplete="off"
            placeholder="cg_…"
            value={apiKey}
            onChange={(event) => {
              const value = event.target.value;
              setApiKey(value);
              try {
                sessionStorage.setItem(KEY_STORAGE, value);
              } catch {
                // Storage refused (private mode): the key lives for this page only.
              }
            }}
          />
        </label>
        <span className="capgate-ide__hint">kept in this tab's session storage only</span>
      </header>
      <main className="capgate-ide__graphiql">
        <GraphiQL
          fetcher={fetcher}
          defaultTabs={exampleOperations}
          // GraphiQL fills its editors from these, not from the first default tab.
          query={exampleOperations[0]?.query}
          variables={exampleOperations[0]?.variables}
          // The variables pane open from the start: the examples' variables are in it.
          defaultEditorToolsVisibility="variables"
          shouldPersistHeaders={false}
        />
      </main>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CapgateIde />
  </StrictMode>,
);
