/** Providers and models with their health; registration forms for admins (provider secrets write-only). */
import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { useViewer } from '../App.js';
import { Empty, ErrorNote, Loading, PageHeader, formatUsd } from '../components/ui.js';
import {
  ModelsDocument,
  ProvidersDocument,
  RegisterModelDocument,
  RegisterProviderDocument,
  type ProviderKind,
} from '../generated/graphql.js';
import { can } from '../lib/session.js';

const KINDS: ProviderKind[] = ['OPENAI_COMPATIBLE', 'ANTHROPIC', 'GEMINI', 'LOCAL'];

export function RegistryPage() {
  const viewer = useViewer();
  const providers = useQuery(ProvidersDocument);
  const models = useQuery(ModelsDocument);
  const providerList = providers.data?.providers.edges.map((edge) => edge.node) ?? [];
  const modelList = models.data?.models.edges.map((edge) => edge.node) ?? [];
  return (
    <section>
      <PageHeader title="Providers & models" />
      <div className="panel">
        <h2>Providers</h2>
        <ErrorNote error={providers.error} />
        {providers.loading && !providers.data ? <Loading /> : null}
        {providers.data && providerList.length === 0 ? <Empty>No providers registered.</Empty> : null}
        {providerList.length > 0 ? (
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Base URL</th>
                  <th scope="col">API key</th>
                  <th scope="col">Health</th>
                </tr>
              </thead>
              <tbody>
                {providerList.map((provider) => (
                  <tr key={provider.id}>
                    <td>{provider.name}</td>
                    <td>{provider.kind.toLowerCase()}</td>
                    <td>{provider.baseUrl ?? '–'}</td>
                    <td>{provider.hasApiKey ? 'set' : 'unset'}</td>
                    <td>
                      {provider.healthy ? (
                        <span className="badge ok">healthy</span>
                      ) : (
                        <span className="badge warn">unhealthy</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {can.admin(viewer) ? <ProviderForm /> : null}
      </div>
      <div className="panel">
        <h2>Models</h2>
        <ErrorNote error={models.error} />
        {models.loading && !models.data ? <Loading /> : null}
        {models.data && modelList.length === 0 ? <Empty>No models registered.</Empty> : null}
        {modelList.length > 0 ? (
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Upstream</th>
                  <th scope="col">Price in / out per 1M</th>
                  <th scope="col">Health</th>
                  <th scope="col">p50</th>
                  <th scope="col">Errors</th>
                </tr>
              </thead>
              <tbody>
                {modelList.map((model) => (
                  <tr key={model.id}>
                    <td>{model.name}</td>
                    <td>{model.provider}</td>
                    <td>{model.upstreamModel}</td>
                    <td>
                      {formatUsd(model.pricing.inputPer1M)} / {formatUsd(model.pricing.outputPer1M)}
                    </td>
                    <td>
                      {model.healthy ? (
                        <span className="badge ok">healthy</span>
                      ) : (
                        <span className="badge warn">open breaker</span>
                      )}
                    </td>
                    <td>{model.latencyMsP50 != null ? `${Math.round(model.latencyMsP50)} ms` : '–'}</td>
                    <td>{model.errorRate != null ? `${(model.errorRate * 100).toFixed(1)}%` : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {can.admin(viewer) ? <ModelForm providers={providerList.map((provider) => provider.name)} /> : null}
      </div>
    </section>
  );
}

function ProviderForm() {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ProviderKind>('OPENAI_COMPATIBLE');
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [keepKey, setKeepKey] = useState(true);
  const [register, { loading, error, data }] = useMutation(RegisterProviderDocument, {
    refetchQueries: [ProvidersDocument],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void register({
      variables: {
        input: {
          name: name.trim(),
          kind,
          ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
          // Write-only: omitted keeps the stored key; an explicit clear sends "".
          ...(apiKey ? { apiKey } : keepKey ? {} : { apiKey: '' }),
        },
      },
    }).then(
      () => setApiKey(''),
      () => undefined,
    );
  };
  return (
    <form className="form subform" onSubmit={submit} noValidate aria-labelledby="provider-form-title">
      <h3 id="provider-form-title">Register or update a provider</h3>
      <div className="row">
        <div className="field">
          <label htmlFor="provider-name">Name</label>
          <input id="provider-name" value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="provider-kind">Kind</label>
          <select
            id="provider-kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as ProviderKind)}
          >
            {KINDS.map((item) => (
              <option key={item} value={item}>
                {item.toLowerCase()}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="provider-url">Base URL</label>
          <input
            id="provider-url"
            type="url"
            value={baseUrl}
            placeholder="the kind's default"
            onChange={(event) => setBaseUrl(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="provider-key">API key (write-only)</label>
          <input
            id="provider-key"
            type="password"
            autoComplete="off"
            value={apiKey}
            aria-describedby="provider-key-hint"
            onChange={(event) => setApiKey(event.target.value)}
          />
          <p className="hint" id="provider-key-hint">
            Never shown again; the list says only whether one is set.
          </p>
          <label className="inline">
            <input type="checkbox" checked={keepKey} onChange={(event) => setKeepKey(event.target.checked)} />{' '}
            keep the stored key when empty
          </label>
        </div>
      </div>
      <ErrorNote error={error} />
      {data ? (
        <p className="ok-note" role="status">
          Saved {data.registerProvider.provider.name}.
        </p>
      ) : null}
      <button type="submit" disabled={loading || !name.trim()}>
        Save provider
      </button>
    </form>
  );
}

function ModelForm({ providers }: { providers: string[] }) {
  const [name, setName] = useState('');
  const [provider, setProvider] = useState('');
  const [upstream, setUpstream] = useState('');
  const [inputPrice, setInputPrice] = useState('0');
  const [outputPrice, setOutputPrice] = useState('0');
  const [register, { loading, error, data }] = useMutation(RegisterModelDocument, {
    refetchQueries: [ModelsDocument],
  });
  const chosen = provider || providers[0] || '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void register({
      variables: {
        input: {
          name: name.trim(),
          provider: chosen,
          upstreamModel: upstream.trim(),
          pricing: { inputPer1M: Number(inputPrice) || 0, outputPer1M: Number(outputPrice) || 0 },
        },
      },
    }).catch(() => undefined);
  };
  return (
    <form className="form subform" onSubmit={submit} noValidate aria-labelledby="model-form-title">
      <h3 id="model-form-title">Register or update a model</h3>
      <div className="row">
        <div className="field">
          <label htmlFor="model-name">Name</label>
          <input
            id="model-name"
            value={name}
            placeholder="provider/model"
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="model-provider">Provider</label>
          <select id="model-provider" value={chosen} onChange={(event) => setProvider(event.target.value)}>
            {providers.map((item) => (
              <option key={item} value={item}>
                {item}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="model-upstream">Upstream model</label>
          <input id="model-upstream" value={upstream} onChange={(event) => setUpstream(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="model-in">USD per 1M input tokens</label>
          <input
            id="model-in"
            type="number"
            min="0"
            step="any"
            value={inputPrice}
            onChange={(event) => setInputPrice(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="model-out">USD per 1M output tokens</label>
          <input
            id="model-out"
            type="number"
            min="0"
            step="any"
            value={outputPrice}
            onChange={(event) => setOutputPrice(event.target.value)}
          />
        </div>
      </div>
      <ErrorNote error={error} />
      {data ? (
        <p className="ok-note" role="status">
          Saved {data.registerModel.model.name}.
        </p>
      ) : null}
      <button type="submit" disabled={loading || !name.trim() || !upstream.trim() || !chosen}>
        Save model
      </button>
    </form>
  );
}
