/** The CLI's two streams: JSON Lines on stdout (the contract), human diagnostics on stderr. */

/** Writes one JSON object per line on stdout. A closed stdout (a pipe whose reader left) ends the process quietly. */
export function jsonLines(stream: NodeJS.WritableStream = process.stdout): (obj: unknown) => void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  return (obj) => {
    stream.write(`${JSON.stringify(obj)}\n`);
  };
}

/** Resolves once everything written to the stream has been handed to the OS. */
export function drained(stream: NodeJS.WritableStream = process.stdout): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write('')) resolve();
    else stream.once('drain', () => resolve());
  });
}
