// The pass CLI's commands. `npm run pass -- verify <token> [--url http://localhost:3000]`: fetches the pass keys and the
// revocation list from the gateway and prints the verdict (valid, revoked and why, or forged).
// Exit code 0: valid; 1: revoked or forged; 2: usage or the gateway could not be read.
import { verifyAt } from './verify';

const usage = `usage: npm run pass -- verify <token> [--url http://localhost:3000]
  verifies a pass offline: the gateway's /api/checkin/jwks.json and /api/checkin/revocations, then the token's signature`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const urlAt = rest.indexOf('--url');
  const url = urlAt >= 0 ? rest[urlAt + 1] : process.env.GATEWAY_URL ?? 'http://localhost:3000';
  const args = urlAt >= 0 ? rest.filter((_, index) => index !== urlAt && index !== urlAt + 1) : rest;
  if (command !== 'verify' || args.length !== 1 || !url) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  try {
    const { verdict } = await verifyAt(url, args[0]);
    process.stdout.write(`${JSON.stringify(verdict)}\n`);
    return verdict.status === 'valid' ? 0 : 1;
  } catch (error) {
    process.stderr.write(`pass: cannot verify against ${url}: ${(error as Error).message}\n`);
    return 2;
  }
}
