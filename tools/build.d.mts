// Types of tools/build.mjs for the TypeScript that imports it (tests/infra).
export const root: string;
export const entries: Record<string, string>;
export function outputOf(workspace: string): string;
export function buildEntry(workspace: string): Promise<{ workspace: string; output: string; data: string[] }>;
export function buildAll(): Promise<Array<{ workspace: string; output: string; data: string[] }>>;
export function buildWeb(): void;
