/**
 * Register or edit a capability: JSON Schema editors checked as you type (problems shown under the
 * editor, with line and column for syntax errors), a prompt preview with a sample input, and the
 * implementations in priority order (drag and drop, or the move buttons from the keyboard).
 */
import { useMutation, useQuery } from '@apollo/client';
import { useEffect, useMemo, useState, type DragEvent, type FormEvent } from 'react';
import { useViewer } from '../App.js';
import { ErrorNote, Loading, PageHeader, describeError } from '../components/ui.js';
import {
  CapabilitiesDocument,
  CapabilityDetailDocument,
  ModelsDocument,
  RegisterCapabilityDocument,
  UpdateCapabilityDocument,
  type CapabilityDetailQuery,
  type RoutingStrategy,
} from '../generated/graphql.js';
import { previewPrompt } from '../lib/prompt-preview.js';
import { navigate } from '../lib/router.js';
import { checkSchemaText, parseJson, type SchemaProblem } from '../lib/schema-check.js';
import { can } from '../lib/session.js';

const STRATEGIES: RoutingStrategy[] = ['FALLBACK', 'CHEAPEST', 'FASTEST', 'WEIGHTED', 'COMPLEXITY'];
const EXAMPLE_SCHEMA = `{
  "type": "object",
  "properties": {
    "topic": { "type": "string", "description": "What to write about" }
  },
  "required": ["topic"]
}`;

interface ImplementationRow {
  model: string;
  weight: string;
}

export function CapabilityFormPage({ name }: { name?: string }) {
  const existing = useQuery(CapabilityDetailDocument, { variables: { name: name ?? '' }, skip: !name });
  if (name && existing.loading && !existing.data) return <Loading />;
  if (name && existing.error) return <ErrorNote error={existing.error} />;
  const capability = existing.data?.capability ?? null;
  if (name && !capability)
    return (
      <section>
        <PageHeader title="Capability not found" />
      </section>
    );
  return <CapabilityForm key={name ?? 'new'} capability={capability} />;
}

type Existing = CapabilityDetailQuery['capability'];

function SchemaEditor(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  problems: SchemaProblem[];
  serverError?: string | undefined;
}) {
  const { id, label, hint, value, onChange, problems, serverError } = props;
  const invalid = problems.length > 0 || Boolean(serverError);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea
        id={id}
        className="code"
        rows={10}
        spellCheck={false}
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-hint ${id}-problems`}
        onChange={(event) => onChange(event.target.value)}
      />
      <div id={`${id}-problems`} aria-live="polite">
        {problems.length > 0 ? (
          <ul className="problems" data-testid={`${id}-problems`}>
            {problems.map((problem, index) => (
              <li key={index} className="error">
                {problem.line ? (
                  `Line ${problem.line}, column ${problem.column}: `
                ) : problem.pointer ? (
                  <code>{problem.pointer}</code>
                ) : null}
                {problem.line || !problem.pointer ? '' : ' '}
                {problem.message}
              </li>
            ))}
          </ul>
        ) : value.trim() ? (
          <p className="ok-note">Valid JSON Schema</p>
        ) : null}
        {serverError ? <p className="error">{serverError}</p> : null}
      </div>
    </div>
  );
}

function CapabilityForm({ capability }: { capability: Existing }) {
  const viewer = useViewer();
  const editing = capability !== null;
  const models = useQuery(ModelsDocument);
  const [name, setName] = useState(capability?.name ?? '');
  const [description, setDescription] = useState(capability?.description ?? '');
  const [teams, setTeams] = useState(
    (capability?.teams ?? (can.admin(viewer) ? [] : [viewer.team])).join(', '),
  );
  const [inputSchema, setInputSchema] = useState(
    capability?.inputSchema ? JSON.stringify(capability.inputSchema, null, 2) : EXAMPLE_SCHEMA,
  );
  const [outputSchema, setOutputSchema] = useState(
    capability?.outputSchema ? JSON.stringify(capability.outputSchema, null, 2) : '',
  );
  const [template, setTemplate] = useState(
    capability?.promptTemplate ?? (editing ? '' : 'Write three sentences about {{input.topic}}.'),
  );
  const [sample, setSample] = useState('{ "topic": "AI gateways" }');
  const [strategy, setStrategy] = useState<RoutingStrategy>(capability?.routing.strategy ?? 'FALLBACK');
  const [zeroCost, setZeroCost] = useState(capability?.routing.zeroCostFallback ?? false);
  const [logInputs, setLogInputs] = useState(capability?.logging.inputs ?? false);
  const [logOutputs, setLogOutputs] = useState(capability?.logging.outputs ?? false);
  const [cacheOn, setCacheOn] = useState(capability?.cache?.enabled ?? false);
  const [cacheTtl, setCacheTtl] = useState(String(capability?.cache?.ttlSeconds ?? 3600));
  const [cacheShared, setCacheShared] = useState(capability?.cache?.shareable ?? false);
  const [rows, setRows] = useState<ImplementationRow[]>(
    [...(capability?.implementations ?? [])]
      .sort((a, b) => a.priority - b.priority)
      .map((implementation) => ({ model: implementation.model, weight: String(implementation.weight) })),
  );
  const [addModel, setAddModel] = useState('');
  const [dragging, setDragging] = useState<number | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const builtin = capability?.kind === 'BUILTIN';

  const inputProblems = useMemo(
    () => (builtin ? [] : checkSchemaText(inputSchema, { requireObject: true })),
    [inputSchema, builtin],
  );
  const outputProblems = useMemo(
    () => (builtin ? [] : checkSchemaText(outputSchema, { optional: true })),
    [outputSchema, builtin],
  );
  const sampleParsed = parseJson(sample);
  const preview = sampleParsed.problem ? null : previewPrompt(template, sampleParsed.value);

  const [register, registration] = useMutation(RegisterCapabilityDocument, {
    refetchQueries: [CapabilitiesDocument],
  });
  const [update, updating] = useMutation(UpdateCapabilityDocument, {
    refetchQueries: [CapabilitiesDocument, CapabilityDetailDocument],
  });
  const mutationError = registration.error ?? updating.error;
  const serverMessage = mutationError ? describeError(mutationError).message : undefined;
  const schemaServerError = serverMessage && /inputSchema/.test(serverMessage) ? serverMessage : undefined;
  const outputServerError = serverMessage && /outputSchema/.test(serverMessage) ? serverMessage : undefined;

  const modelNames = (models.data?.models.edges ?? []).map((edge) => edge.node.name);
  useEffect(() => {
    if (!addModel && modelNames.length > 0)
      setAddModel(modelNames.find((model) => !rows.some((row) => row.model === model)) ?? '');
  }, [modelNames, addModel, rows]);

  const nameProblem =
    !editing && submitted && !/^[a-z][a-z0-9-]{1,62}$/.test(name)
      ? 'Lower-case letters, digits and -, starting with a letter (2 to 63 characters).'
      : null;
  const implementationProblem =
    submitted && !builtin && rows.length === 0
      ? 'Add at least one implementation (the model that answers).'
      : null;

  const move = (from: number, to: number) => {
    if (to < 0 || to >= rows.length || from === to) return;
    setRows((current) => {
      const next = [...current];
      const [row] = next.splice(from, 1);
      next.splice(to, 0, row!);
      return next;
    });
  };

  const original = [...(capability?.implementations ?? [])]
    .sort((a, b) => a.priority - b.priority)
    .map((implementation) => `${implementation.model}:${implementation.weight}`)
    .join(',');
  const implementationsChanged =
    !editing || rows.map((row) => `${row.model}:${Number(row.weight) || 1}`).join(',') !== original;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (inputProblems.length > 0 || outputProblems.length > 0) return;
    if (!editing && !/^[a-z][a-z0-9-]{1,62}$/.test(name)) return;
    if (!builtin && rows.length === 0) return;
    const input = {
      name,
      description: description.trim() || null,
      teams: teams
        .split(',')
        .map((team) => team.trim())
        .filter(Boolean),
      ...(builtin
        ? {}
        : {
            inputSchema: JSON.parse(inputSchema),
            outputSchema: outputSchema.trim() ? JSON.parse(outputSchema) : null,
            promptTemplate: template,
          }),
      // Unchanged implementations are not sent: their per-model params and prompts (not readable
      // here) stay as they are.
      ...(implementationsChanged
        ? {
            implementations: rows.map((row, index) => ({
              model: row.model,
              priority: index + 1,
              weight: Number(row.weight) || 1,
            })),
          }
        : {}),
      // The routing settings this form does not show are sent back as they were.
      routing: {
        strategy,
        zeroCostFallback: zeroCost,
        ...(capability?.routing.maxAttempts != null ? { maxAttempts: capability.routing.maxAttempts } : {}),
        ...(capability?.routing.timeoutMs != null ? { timeoutMs: capability.routing.timeoutMs } : {}),
        ...(capability?.routing.complexityThreshold != null
          ? { complexityThreshold: capability.routing.complexityThreshold }
          : {}),
      },
      logging: { inputs: logInputs, outputs: logOutputs },
      cache: cacheOn
        ? {
            enabled: true,
            ttlSeconds: Math.max(1, Math.round(Number(cacheTtl) || 3600)),
            shareable: cacheShared,
          }
        : { enabled: false },
    };
    try {
      if (editing) await update({ variables: { input } });
      else await register({ variables: { input } });
      navigate(`/capabilities/${encodeURIComponent(name)}`);
    } catch {
      // Shown by the form (mutationError).
    }
  };

  const busy = registration.loading || updating.loading;
  return (
    <section>
      <PageHeader title={editing ? `Edit ${capability.name}` : 'Register a capability'} />
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-describedby="form-error"
      >
        {!editing ? (
          <div className="field">
            <label htmlFor="cap-name">Name</label>
            <input
              id="cap-name"
              value={name}
              autoComplete="off"
              aria-invalid={nameProblem ? true : undefined}
              aria-describedby="cap-name-hint"
              onChange={(event) => setName(event.target.value.trim())}
            />
            <p className="hint" id="cap-name-hint">
              {nameProblem ? (
                <span className="error">{nameProblem}</span>
              ) : (
                'Called as invoke(capability: "name"); e.g. product-blurb.'
              )}
            </p>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="cap-description">Description</label>
          <input
            id="cap-description"
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="cap-teams">Teams</label>
          <input
            id="cap-teams"
            value={teams}
            aria-describedby="cap-teams-hint"
            onChange={(event) => setTeams(event.target.value)}
          />
          <p className="hint" id="cap-teams-hint">
            Comma-separated team names that own and may use it
            {can.admin(viewer) ? '; empty: the whole organization' : ''}.
          </p>
        </div>
        {!builtin ? (
          <div className="grid2">
            <SchemaEditor
              id="cap-input-schema"
              label="Input schema (JSON Schema)"
              hint="The input callers send; an object. The playground builds its form from it."
              value={inputSchema}
              onChange={setInputSchema}
              problems={inputProblems}
              serverError={schemaServerError}
            />
            <SchemaEditor
              id="cap-output-schema"
              label="Output schema (optional)"
              hint="Leave empty for a text answer; with a schema the answer is JSON validated against it."
              value={outputSchema}
              onChange={setOutputSchema}
              problems={outputProblems}
              serverError={outputServerError}
            />
          </div>
        ) : null}
        {!builtin ? (
          <div className="grid2">
            <div className="field">
              <label htmlFor="cap-template">Prompt template</label>
              <textarea
                id="cap-template"
                rows={5}
                value={template}
                aria-describedby="cap-template-hint"
                onChange={(event) => setTemplate(event.target.value)}
              />
              <p className="hint" id="cap-template-hint">
                <code>{'{{input.field}}'}</code> is replaced by the field of the input.
              </p>
            </div>
            <div className="field">
              <label htmlFor="cap-sample">Sample input (for the preview)</label>
              <textarea
                id="cap-sample"
                className="code"
                rows={2}
                value={sample}
                onChange={(event) => setSample(event.target.value)}
              />
              {sampleParsed.problem ? <p className="error">{sampleParsed.problem.message}</p> : null}
              <p className="hint">Preview</p>
              <pre className="preview" aria-label="Prompt preview" aria-live="polite">
                {preview ?? '–'}
              </pre>
            </div>
          </div>
        ) : null}
        <fieldset>
          <legend>Implementations (first = highest priority)</legend>
          <p className="hint">Drag rows to reorder, or use the move buttons.</p>
          {rows.length === 0 ? <p className="muted">None yet: add the model that answers below.</p> : null}
          <ol className="implementations">
            {rows.map((row, index) => (
              <li
                key={row.model}
                draggable
                className={dragging === index ? 'dragging' : ''}
                onDragStart={(event: DragEvent) => {
                  setDragging(index);
                  event.dataTransfer.effectAllowed = 'move';
                }}
                onDragOver={(event: DragEvent) => event.preventDefault()}
                onDrop={(event: DragEvent) => {
                  event.preventDefault();
                  if (dragging !== null) move(dragging, index);
                  setDragging(null);
                }}
                onDragEnd={() => setDragging(null)}
              >
                <span className="handle" aria-hidden="true">
                  ⠿
                </span>
                <span className="priority">{index + 1}</span>
                <span className="model">{row.model}</span>
                <label className="inline">
                  Weight
                  <input
                    type="number"
                    min="0"
                    step="any"
                    value={row.weight}
                    onChange={(event) =>
                      setRows((current) =>
                        current.map((item, at) =>
                          at === index ? { ...item, weight: event.target.value } : item,
                        ),
                      )
                    }
                  />
                </label>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Move ${row.model} up`}
                  disabled={index === 0}
                  onClick={() => move(index, index - 1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Move ${row.model} down`}
                  disabled={index === rows.length - 1}
                  onClick={() => move(index, index + 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Remove ${row.model}`}
                  onClick={() => setRows((current) => current.filter((_, at) => at !== index))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
          <div className="toolbar">
            <label htmlFor="cap-add-model">Model</label>
            <select id="cap-add-model" value={addModel} onChange={(event) => setAddModel(event.target.value)}>
              {modelNames.length === 0 ? <option value="">No models registered</option> : null}
              {modelNames.map((model) => (
                <option key={model} value={model} disabled={rows.some((row) => row.model === model)}>
                  {model}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="secondary"
              disabled={!addModel || rows.some((row) => row.model === addModel)}
              onClick={() => {
                setRows((current) => [...current, { model: addModel, weight: '1' }]);
                setAddModel('');
              }}
            >
              Add implementation
            </button>
          </div>
          {implementationProblem ? <p className="error">{implementationProblem}</p> : null}
        </fieldset>
        <div className="grid2">
          <div className="field">
            <label htmlFor="cap-strategy">Routing strategy</label>
            <select
              id="cap-strategy"
              value={strategy}
              onChange={(event) => setStrategy(event.target.value as RoutingStrategy)}
            >
              {STRATEGIES.map((item) => (
                <option key={item} value={item}>
                  {item.toLowerCase()}
                </option>
              ))}
            </select>
            <label className="inline">
              <input
                type="checkbox"
                checked={zeroCost}
                onChange={(event) => setZeroCost(event.target.checked)}
              />{' '}
              zero-cost local fallback when a HARD budget refuses the paid models
            </label>
          </div>
          <fieldset>
            <legend>Run records keep (masked)</legend>
            <label className="inline">
              <input
                type="checkbox"
                checked={logInputs}
                onChange={(event) => setLogInputs(event.target.checked)}
              />{' '}
              inputs
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={logOutputs}
                onChange={(event) => setLogOutputs(event.target.checked)}
              />{' '}
              outputs
            </label>
          </fieldset>
        </div>
        <fieldset>
          <legend>Response cache</legend>
          <label className="inline">
            <input type="checkbox" checked={cacheOn} onChange={(event) => setCacheOn(event.target.checked)} />{' '}
            cache identical requests
          </label>
          {cacheOn ? (
            <>
              <label className="inline" htmlFor="cap-cache-ttl">
                for (seconds)
              </label>
              <input
                id="cap-cache-ttl"
                type="number"
                min="1"
                step="1"
                value={cacheTtl}
                onChange={(event) => setCacheTtl(event.target.value)}
              />{' '}
              <label className="inline">
                <input
                  type="checkbox"
                  checked={cacheShared}
                  onChange={(event) => setCacheShared(event.target.checked)}
                />{' '}
                shared across teams
              </label>
            </>
          ) : null}
        </fieldset>
        <div id="form-error">
          {submitted && (inputProblems.length > 0 || outputProblems.length > 0) ? (
            <p className="error" role="alert">
              Fix the schema problems shown above first.
            </p>
          ) : null}
          <ErrorNote error={mutationError} />
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : editing ? `Save as version ${capability.version + 1}` : 'Register capability'}
          </button>
          <button type="button" className="secondary" onClick={() => history.back()}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
