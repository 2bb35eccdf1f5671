import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boxOf, loadKeyRing } from '../src/adapters/secrets/key-ring.ts';
import { generateMasterKey } from '../src/adapters/secrets/master-key.ts';
import { clientSecretContext } from '../src/app/auth/sso/configure-sso.ts';
import { enrollTotp, totpContext } from '../src/app/auth/totp.ts';
import { addIntegration, integrationContext } from '../src/app/monitoring/add-integration.ts';
import { scopeOf } from '../src/app/ports.ts';
import { loadConfig } from '../src/entry/config.ts';
import { keyRingSource, openApp } from '../src/entry/wire.ts';
import { cliWorkspace } from './support/cli.ts';
import { ENGINE } from './support/database.ts';

describe(`attestly secrets rotate-key on ${ENGINE}`, () => {
  it('re-seals every stored secret under a new key, which then opens them, and records it', async () => {
    const ws = await cliWorkspace();
    const serverMode = Boolean(ws.env.DATABASE_URL);
    const oldKey = generateMasterKey();
    if (serverMode) ws.env.ATTESTLY_MASTER_KEY = oldKey;
    try {
      expect(
        (
          await ws.runAnswering(
            ['a long enough password'],
            'user',
            'create',
            '--email',
            'a@acme.test',
            '--org-name',
            'Acme',
          )
        ).code,
      ).toBe(0);
      const config = loadConfig(ws.env);
      const app = await openApp(config);
      let secret: string;
      try {
        const user = await app.deps.store.repos.users.findAuthByEmail('a@acme.test');
        if (!user) throw new Error('no user');
        secret = (await enrollTotp(app.deps, user)).secret;
        const org = await app.deps.store.repos.organizations.findBySlug('acme');
        if (!org) throw new Error('no org');
        const scope = scopeOf(org);
        await app.deps.store.repos.sso.save(scope, {
          issuer: 'https://idp.acme.test',
          clientId: 'attestly',
          clientSecretSealed: (await app.deps.secrets()).seal(
            'sso-client-secret',
            clientSecretContext(scope),
          ),
          allowedDomains: ['acme.test'],
          jitRole: 'employee',
          enabled: true,
          createdAt: new Date(),
          updatedAt: new Date(),
        });
        await addIntegration(app.deps, scope, {
          type: 'postgres',
          name: 'db',
          config: { url: 'postgres://a:pg-secret@127.0.0.1:1/x' },
        });
      } finally {
        await app.close();
      }
      const before = await readSealed(ws);
      const keyFileBefore = serverMode ? null : readFileSync(join(ws.dataDir, 'master.key'), 'utf8');

      const newKey = generateMasterKey();
      if (serverMode) ws.env.ATTESTLY_NEW_MASTER_KEY = newKey;
      const rotated = await ws.run('secrets', 'rotate-key');
      expect(rotated).toMatchObject({ code: 0, stderr: '' });
      expect(rotated.stdout).toMatch(/^Re-sealed 3 secrets under key [0-9a-f]{8}\./);

      if (serverMode) ws.env.ATTESTLY_MASTER_KEY = newKey;
      else {
        expect(readFileSync(join(ws.dataDir, 'master.key.previous'), 'utf8')).toBe(keyFileBefore);
        expect(readFileSync(join(ws.dataDir, 'master.key'), 'utf8')).not.toBe(keyFileBefore);
      }
      const after = await readSealed(ws);
      expect(after.sealed).not.toBe(before.sealed);
      expect(after.sealed.split('.')[1]).not.toBe(before.sealed.split('.')[1]);
      const onlyNew = boxOf({
        current: (await loadKeyRing({ ...keyRingSource(loadConfig(ws.env)), previousEnvValue: undefined }))
          .current,
        previous: [],
      });
      expect(onlyNew.open(after.sealed, totpContext(after.userId))).toBe(secret);

      const check = await openApp(loadConfig(ws.env));
      try {
        const org = await check.deps.store.repos.organizations.findBySlug('acme');
        if (!org) throw new Error('no org');
        const log = await check.deps.store.repos.auditLog.chain(scopeOf(org));
        expect(log.at(-1)).toMatchObject({ action: 'secrets.key_rotated', details: { resealed: 3 } });
        const sso = await check.deps.store.repos.sso.find(scopeOf(org));
        expect(onlyNew.open(sso?.clientSecretSealed ?? '', clientSecretContext(scopeOf(org)))).toBe(
          'sso-client-secret',
        );
        const [db] = await check.deps.store.repos.monitoring.listIntegrations(scopeOf(org));
        expect(
          onlyNew.open(db?.configSealed ?? '', integrationContext(scopeOf(org), db?.id ?? '')),
        ).toContain('pg-secret');
      } finally {
        await check.close();
      }
    } finally {
      await ws.drop();
    }
  });
});

async function readSealed(
  ws: Awaited<ReturnType<typeof cliWorkspace>>,
): Promise<{ userId: string; sealed: string }> {
  const app = await openApp(loadConfig(ws.env));
  try {
    const [row] = await app.deps.store.repos.users.listSealedTotp();
    if (!row) throw new Error('nothing sealed');
    return row;
  } finally {
    await app.close();
  }
}
