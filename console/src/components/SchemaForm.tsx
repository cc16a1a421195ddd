/** Draws the fields of schema-form.ts: one labelled control per field, its problem under it. */
import type { FormField, FormValues } from '../lib/schema-form.js';

interface Props {
  fields: FormField[];
  values: FormValues;
  errors: Record<string, string>;
  onChange: (path: string, value: string | boolean) => void;
  idPrefix?: string;
}

export function SchemaForm({ fields, values, errors, onChange, idPrefix = 'in' }: Props) {
  return (
    <>
      {fields.map((field) => {
        const id = `${idPrefix}-${field.path.replace(/\./g, '-') || 'root'}`;
        if (field.kind === 'group')
          return (
            <fieldset key={field.path}>
              <legend>{field.label}</legend>
              {field.description ? <p className="hint">{field.description}</p> : null}
              <SchemaForm
                fields={field.fields}
                values={values}
                errors={errors}
                onChange={onChange}
                idPrefix={idPrefix}
              />
            </fieldset>
          );
        const error = errors[field.path];
        const describedBy =
          [field.description ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') ||
          undefined;
        const common = {
          id,
          name: field.path || 'input',
          'aria-invalid': error ? true : undefined,
          'aria-describedby': describedBy,
          'aria-required': field.required || undefined,
        };
        const value = values[field.path];
        const text = typeof value === 'string' ? value : '';
        let control;
        switch (field.kind) {
          case 'boolean':
            control = (
              <input
                {...common}
                type="checkbox"
                checked={value === true}
                onChange={(event) => onChange(field.path, event.target.checked)}
              />
            );
            break;
          case 'enum':
            control = (
              <select {...common} value={text} onChange={(event) => onChange(field.path, event.target.value)}>
                <option value="">{field.required ? 'Choose…' : '(default)'}</option>
                {field.options?.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            );
            break;
          case 'number':
          case 'integer':
            control = (
              <input
                {...common}
                type="number"
                inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
                step={field.kind === 'integer' ? 1 : 'any'}
                min={field.minimum}
                max={field.maximum}
                value={text}
                onChange={(event) => onChange(field.path, event.target.value)}
              />
            );
            break;
          case 'textarea':
          case 'json':
          case 'list':
            control = (
              <textarea
                {...common}
                className={field.kind === 'json' ? 'code' : undefined}
                rows={field.kind === 'textarea' ? 6 : 4}
                value={text}
                onChange={(event) => onChange(field.path, event.target.value)}
              />
            );
            break;
          default:
            control = (
              <input
                {...common}
                type="text"
                value={text}
                onChange={(event) => onChange(field.path, event.target.value)}
              />
            );
        }
        const hint =
          field.kind === 'list'
            ? `${field.description ? `${field.description} ` : ''}One value per line${field.options ? ` (${field.options.join(', ')})` : ''}.`
            : field.kind === 'json'
              ? `${field.description ? `${field.description} ` : ''}JSON.`
              : field.description;
        return (
          <div className={`field${field.kind === 'boolean' ? ' checkbox' : ''}`} key={field.path}>
            <label htmlFor={id}>
              {field.label}
              {field.required ? <span aria-hidden="true"> *</span> : null}
            </label>
            {control}
            {hint ? (
              <p className="hint" id={`${id}-hint`}>
                {hint}
              </p>
            ) : null}
            {error ? (
              <p className="error" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
    </>
  );
}
