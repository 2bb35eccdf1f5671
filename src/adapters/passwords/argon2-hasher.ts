import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';
import type { PasswordHasher } from '../../app/ports.ts';

export interface Argon2Params {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). Tests may pass cheaper parameters. */
export const DEFAULT_ARGON2: Argon2Params = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };

/** argon2id in WebAssembly, stored as a PHC string so parameters can be raised later without a migration. */
export function createArgon2Hasher(params: Argon2Params = DEFAULT_ARGON2): PasswordHasher {
  return {
    hash: (password) =>
      argon2id({
        password,
        salt: randomBytes(16),
        memorySize: params.memoryKiB,
        iterations: params.iterations,
        parallelism: params.parallelism,
        hashLength: 32,
        outputType: 'encoded',
      }),
    async verify(hash, password) {
      try {
        return await argon2Verify({ password, hash });
      } catch {
        return false;
      }
    },
  };
}
