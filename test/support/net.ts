/** Network helpers for tests. */
import { createServer } from 'node:net';

/** A port that nothing listens on (it was free a moment ago): connecting to it is refused. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
