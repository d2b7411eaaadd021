// Checks a process's environment against its zod config schema: every variable set is declared,
// every literal value parses, and every variable is set that has no default — or whose default
// names the loopback address, which in a container points at the container itself.
import type { z } from 'zod';

/** name → literal value, or null when the value comes from a Secret (checked elsewhere). */
export type EnvValues = Map<string, string | null>;

export function configProblems(schema: z.ZodObject, env: EnvValues): string[] {
  const shape = schema.shape as Record<string, z.ZodType>;
  const problems: string[] = [];
  for (const [name, value] of env) {
    const field = shape[name];
    if (!field) problems.push(`${name} is set but not declared in the config schema`);
    else if (value !== null && !field.safeParse(value).success) problems.push(`${name}=${JSON.stringify(value)} does not parse`);
  }
  for (const [name, field] of Object.entries(shape)) {
    if (env.has(name)) continue;
    const fallback = field.safeParse(undefined);
    if (!fallback.success) problems.push(`${name} is required and not set`);
    else if (/127\.0\.0\.1|localhost/.test(String(fallback.data))) problems.push(`${name} is not set and defaults to loopback (${String(fallback.data)})`);
  }
  return problems;
}
