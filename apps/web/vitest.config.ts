import { defineConfig } from 'vitest/config';

// Own config so `npm test -w apps/web` doesn't pick up the root projects (which skip apps/web).
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
});
