// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildInput, formFromSchema, initialValues, type FormValues } from '../lib/schema-form.js';
import { SchemaForm } from './SchemaForm.js';

const schema = {
  type: 'object',
  required: ['topic'],
  properties: {
    topic: { type: 'string', description: 'What to write about' },
    count: { type: 'integer', minimum: 1 },
    tone: { type: 'string', enum: ['friendly', 'dry'] },
    formal: { type: 'boolean' },
  },
};

function Harness({ onInput }: { onInput: (result: ReturnType<typeof buildInput>) => void }) {
  const fields = formFromSchema(schema);
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const result = buildInput(fields, values);
        setErrors(result.errors);
        onInput(result);
      }}
    >
      <SchemaForm
        fields={fields}
        values={values}
        errors={errors}
        onChange={(path, value) => setValues((current) => ({ ...current, [path]: value }))}
      />
      <button type="submit">Run</button>
    </form>
  );
}

afterEach(cleanup);

describe('SchemaForm', () => {
  it('draws a labelled control per field and builds the input from what is typed', () => {
    let last: ReturnType<typeof buildInput> | undefined;
    render(<Harness onInput={(result) => (last = result)} />);
    const topic = screen.getByLabelText(/Topic/);
    expect(topic.getAttribute('aria-required')).toBe('true');
    expect(topic.getAttribute('aria-describedby')).toBe('in-topic-hint');
    expect(screen.getByText('What to write about').id).toBe('in-topic-hint');
    expect((screen.getByLabelText('Count') as HTMLInputElement).type).toBe('number');
    expect(screen.getByLabelText('Tone').tagName).toBe('SELECT');
    expect((screen.getByLabelText('Formal') as HTMLInputElement).type).toBe('checkbox');

    fireEvent.change(topic, { target: { value: 'gateways' } });
    fireEvent.change(screen.getByLabelText('Count'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('Tone'), { target: { value: 'dry' } });
    fireEvent.click(screen.getByLabelText('Formal'));
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(last).toEqual({ input: { topic: 'gateways', count: 2, tone: 'dry', formal: true }, errors: {} });
  });

  it('shows a problem under its field and marks the field invalid', () => {
    render(<Harness onInput={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Count'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(screen.getByText('Topic is required').id).toBe('in-topic-error');
    expect(screen.getByLabelText(/Topic/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText(/Topic/).getAttribute('aria-describedby')).toBe(
      'in-topic-hint in-topic-error',
    );
    expect(screen.getByText('Count: at least 1')).toBeTruthy();
  });
});
