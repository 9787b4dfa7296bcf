/** What an API client may do; each integrator operation requires one. */
export const SCOPES = ["registry:write", "readings:read", "readings:submit"] as const;
export type Scope = (typeof SCOPES)[number];

export const isScope = (s: string): s is Scope => (SCOPES as readonly string[]).includes(s);

/** "a,b c" → the scopes, or the first unknown one. */
export function parseScopes(text: string): { scopes: Scope[] } | { unknown: string } {
  const names = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  const unknown = names.find((name) => !isScope(name));
  if (unknown !== undefined) return { unknown };
  return { scopes: names as Scope[] };
}
