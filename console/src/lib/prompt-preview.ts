/** The prompt a custom capability would send for a sample input: `{{input.path}}` placeholders filled in. */
export function previewPrompt(template: string, sample: unknown): string {
  return template.replace(/\{\{\s*input((?:\.[A-Za-z0-9_$-]+)*)\s*\}\}/g, (whole, path: string) => {
    let value: unknown = sample;
    for (const part of path.split('.').filter(Boolean)) {
      if (value && typeof value === 'object') value = (value as Record<string, unknown>)[part];
      else value = undefined;
    }
    if (value === undefined) return whole;
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}
