import { recordChange } from '../audit/record-change.ts';
import { clientSecretContext } from '../auth/sso/configure-sso.ts';
import { totpContext } from '../auth/totp.ts';
import { signingKeyContext } from '../ledger/signing-key.ts';
import { integrationContext } from '../monitoring/add-integration.ts';
import { slackSealContext } from '../notifications/send-notifications.ts';
import { type AppDeps, type SecretSealer, scopeOf } from '../ports.ts';

/**
 * Moves every sealed value from the old key to the new one in one transaction, and records the rotation
 * in every organization's audit log (the key is shared by all of them). Returns how many were re-sealed.
 */
export async function resealSecrets(
  deps: AppDeps,
  from: SecretSealer,
  to: SecretSealer,
  keyId: string,
): Promise<number> {
  return deps.store.transaction(async (repos) => {
    let count = 0;
    for (const { userId, sealed } of await repos.users.listSealedTotp()) {
      const context = totpContext(userId);
      await repos.users.replaceSealedTotp(userId, to.seal(from.open(sealed, context), context));
      count += 1;
    }
    const orgs = await repos.organizations.list();
    for (const org of orgs) {
      const scope = scopeOf(org);
      for (const integration of await repos.monitoring.listIntegrations(scope)) {
        const context = integrationContext(scope, integration.id);
        await repos.monitoring.replaceIntegrationConfig(
          scope,
          integration.id,
          to.seal(from.open(integration.configSealed, context), context),
        );
        count += 1;
      }
      const channels = await repos.notifications.channels(scope);
      if (channels?.slackWebhookSealed) {
        const context = slackSealContext(scope.orgId);
        await repos.notifications.saveSlack(
          scope,
          {
            webhookSealed: to.seal(from.open(channels.slackWebhookSealed, context), context),
            frequency: channels.slackFrequency,
          },
          deps.clock.now(),
        );
        count += 1;
      }
      const signingKey = await repos.signingKeys.find(scope);
      if (signingKey) {
        const context = signingKeyContext(scope);
        await repos.signingKeys.replaceSealed(
          scope,
          to.seal(from.open(signingKey.privateKeySealed, context), context),
        );
        count += 1;
      }
      const sso = await repos.sso.find(scope);
      if (!sso) continue;
      const context = clientSecretContext(scope);
      const { orgId: _org, ...connection } = sso;
      await repos.sso.save(scope, {
        ...connection,
        clientSecretSealed: to.seal(from.open(sso.clientSecretSealed, context), context),
      });
      count += 1;
    }
    // Sign-in states live ten minutes; the old key stays in the ring (master.key.previous) for them.
    for (const org of orgs) {
      await recordChange(
        repos,
        scopeOf(org),
        deps,
        'secrets.key_rotated',
        { type: 'master_key', id: keyId },
        { resealed: count },
      );
    }
    return count;
  });
}
