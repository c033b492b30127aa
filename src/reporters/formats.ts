/** The output formats, known without loading any reporter. */
export const FORMATS = ['text', 'sarif', 'compact', 'github', 'json'] as const;

export type Format = (typeof FORMATS)[number];

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}
