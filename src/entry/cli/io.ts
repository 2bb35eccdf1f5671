// What a command may do to the outside world, passed in so tests can run commands in process.
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  interactive: boolean;
  ask(question: string, fallback?: string): Promise<string>;
  /** A secret: one line from standard input, without echo when it is a terminal. */
  readSecret(prompt: string): Promise<string>;
}

/** Pads columns to the width of their longest cell. */
export function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

export function json(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}
