/**
 * Editing a capability's PII masking policy (`setMaskingPolicy`): the mode, the built-in detectors and
 * the capability's own patterns, checked as they are typed (lib/masking-form.ts); the server's message
 * is shown when it refuses the policy anyway.
 */
import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { SetMaskingPolicyDocument, type MaskingMode } from '../generated/graphql.js';
import {
  DETECTORS,
  LIMITS,
  formFromPolicy,
  maskingInput,
  patternProblems,
  type MaskingFormState,
  type PolicyLike,
} from '../lib/masking-form.js';
import { ErrorNote } from './ui.js';

export function MaskingPolicyForm({
  capability,
  policy,
  onDone,
}: {
  capability: string;
  policy: PolicyLike | null | undefined;
  onDone: (saved: boolean) => void;
}) {
  const [state, setState] = useState<MaskingFormState>(() => formFromPolicy(policy));
  const [problem, setProblem] = useState<string | null>(null);
  const [save, saving] = useMutation(SetMaskingPolicyDocument);
  const problems = patternProblems(state.patterns);
  const update = (index: number, field: 'name' | 'pattern' | 'flags', value: string) =>
    setState((current) => ({
      ...current,
      patterns: current.patterns.map((row, at) => (at === index ? { ...row, [field]: value } : row)),
    }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = maskingInput(capability, state);
    if ('problem' in built) {
      setProblem(built.problem);
      return;
    }
    setProblem(null);
    try {
      await save({ variables: { input: built.input } });
      onDone(true);
    } catch {
      // Shown below (the server's message).
    }
  };
  return (
    <form
      className="form subform"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="masking-title"
    >
      <h3 id="masking-title">Masking policy</h3>
      <p className="muted small">
        Applied before remote providers, the response cache and logs. No detectors and no patterns: nothing is
        masked for this capability.
      </p>
      <fieldset>
        <legend>A finding becomes</legend>
        {(
          [
            ['REDACT', 'Redact: a typed placeholder ([EMAIL]), nothing restored'],
            ['TOKENIZE', 'Tokenize: a numbered placeholder ([EMAIL_1]), restored in the output'],
          ] as [MaskingMode, string][]
        ).map(([mode, label]) => (
          <label key={mode} className="inline">
            <input
              type="radio"
              name="masking-mode"
              value={mode}
              checked={state.mode === mode}
              onChange={() => setState((current) => ({ ...current, mode }))}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Built-in detectors</legend>
        {DETECTORS.map((detector) => (
          <label key={detector.value} className="inline">
            <input
              type="checkbox"
              name="masking-detector"
              value={detector.value}
              checked={state.detectors.includes(detector.value)}
              onChange={(event) =>
                setState((current) => ({
                  ...current,
                  detectors: event.target.checked
                    ? [...current.detectors, detector.value]
                    : current.detectors.filter((item) => item !== detector.value),
                }))
              }
            />{' '}
            {detector.label} ({detector.value})
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Own patterns</legend>
        {state.patterns.length === 0 ? (
          <p className="muted small">None: add one for your own identifiers.</p>
        ) : null}
        <div className="masking-patterns">
          {state.patterns.map((row, index) => {
            const rowProblems = problems[index] ?? {};
            const id = `mask-${index}`;
            return (
              <div key={index} className="masking-pattern" role="group" aria-label={`Pattern ${index + 1}`}>
                <div className="field">
                  <label htmlFor={`${id}-name`}>Placeholder name</label>
                  <input
                    id={`${id}-name`}
                    value={row.name}
                    placeholder="EMPLOYEE_ID"
                    aria-invalid={rowProblems.name ? true : undefined}
                    aria-describedby={rowProblems.name ? `${id}-name-error` : undefined}
                    onChange={(event) => update(index, 'name', event.target.value)}
                  />
                  {rowProblems.name ? (
                    <p className="error" id={`${id}-name-error`}>
                      {rowProblems.name}
                    </p>
                  ) : null}
                </div>
                <div className="field">
                  <label htmlFor={`${id}-pattern`}>Regular expression</label>
                  <input
                    id={`${id}-pattern`}
                    value={row.pattern}
                    spellCheck={false}
                    placeholder="E-\d{6}"
                    aria-invalid={rowProblems.pattern ? true : undefined}
                    aria-describedby={rowProblems.pattern ? `${id}-pattern-error` : undefined}
                    onChange={(event) => update(index, 'pattern', event.target.value)}
                  />
                  {rowProblems.pattern ? (
                    <p className="error" id={`${id}-pattern-error`}>
                      {rowProblems.pattern}
                    </p>
                  ) : null}
                </div>
                <div className="field">
                  <label htmlFor={`${id}-flags`}>Flags</label>
                  <input
                    id={`${id}-flags`}
                    value={row.flags}
                    placeholder="i"
                    aria-invalid={rowProblems.flags ? true : undefined}
                    aria-describedby={rowProblems.flags ? `${id}-flags-error` : undefined}
                    onChange={(event) => update(index, 'flags', event.target.value)}
                  />
                  {rowProblems.flags ? (
                    <p className="error" id={`${id}-flags-error`}>
                      {rowProblems.flags}
                    </p>
                  ) : null}
                </div>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Remove pattern ${index + 1}`}
                  onClick={() =>
                    setState((current) => ({
                      ...current,
                      patterns: current.patterns.filter((_, at) => at !== index),
                    }))
                  }
                >
                  Remove
                </button>
              </div>
            );
          })}
        </div>
        <button
          type="button"
          className="secondary"
          disabled={state.patterns.length >= LIMITS.customPatterns}
          onClick={() =>
            setState((current) => ({
              ...current,
              patterns: [...current.patterns, { name: '', pattern: '', flags: '' }],
            }))
          }
        >
          Add pattern
        </button>
      </fieldset>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorNote error={saving.error} />
      <div className="actions">
        <button type="submit" disabled={saving.loading}>
          {saving.loading ? 'Saving…' : 'Save masking policy'}
        </button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
