// `npm run gaps | head` closes the pipe once it has read enough: the reader's choice, not an
// error. Without this, the next write ends the process with an EPIPE stack trace.
export function endQuietlyWhenPipeCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
}
