import type { Writable } from 'node:stream';
import type { TByteSink } from './zip-writer.ts';

/** Resolves on the stream's next 'drain', or when it closes or fails; no listener outlives the wait. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

/** A Node.js writable as a sink: a write waits for 'drain' when the stream's buffer is full. */
export function writableSink(stream: Writable): TByteSink {
  // Kept, so a failed write (a full disk) fails the next write() instead of crashing the process.
  let failure: Error | null = null;
  stream.on('error', (error) => {
    failure = error;
  });
  const closed = () => failure ?? stream.errored ?? new Error('the output stream was closed');
  return {
    async write(chunk) {
      if (failure || stream.destroyed || stream.writableEnded) throw closed();
      if (!stream.write(chunk)) {
        await drained(stream);
        if (failure || stream.destroyed) throw closed();
      }
    },
  };
}
