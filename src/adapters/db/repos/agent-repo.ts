import type { Kysely } from 'kysely';
import type { Repositories, TAgentDevice, TAgentEnrolmentToken } from '../../../app/ports.ts';
import type { DB } from '../schema.ts';

const TOKEN_COLUMNS = ['id', 'name', 'created_at', 'expires_at', 'revoked_at', 'enrolments'] as const;
const DEVICE_COLUMNS = ['id', 'org_id', 'hostname', 'enrolled_at', 'revoked_at', 'last_report_at'] as const;

const toToken = (r: {
  id: string;
  name: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  enrolments: number;
}): TAgentEnrolmentToken => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  enrolments: r.enrolments,
});

const toDevice = (r: {
  id: string;
  org_id: string;
  hostname: string;
  enrolled_at: Date;
  revoked_at: Date | null;
  last_report_at: Date | null;
}): TAgentDevice => ({
  id: r.id,
  orgId: r.org_id,
  hostname: r.hostname,
  enrolledAt: r.enrolled_at,
  revokedAt: r.revoked_at,
  lastReportAt: r.last_report_at,
});

export function agentRepo(db: Kysely<DB>): Repositories['agent'] {
  return {
    async createEnrolmentToken(scope, t) {
      await db
        .insertInto('agent_enrolment_tokens')
        .values({
          id: t.id,
          org_id: scope.orgId,
          name: t.name,
          token_hash: t.tokenHash,
          created_by: t.createdBy,
          created_at: t.createdAt,
          expires_at: t.expiresAt,
          revoked_at: t.revokedAt,
        })
        .execute();
    },
    async listEnrolmentTokens(scope) {
      const rows = await db
        .selectFrom('agent_enrolment_tokens')
        .select(TOKEN_COLUMNS)
        .where('org_id', '=', scope.orgId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toToken);
    },
    async revokeEnrolmentToken(scope, id, at) {
      const result = await db
        .updateTable('agent_enrolment_tokens')
        .set({ revoked_at: at })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async useEnrolmentToken(tokenHash, at) {
      const row = await db
        .updateTable('agent_enrolment_tokens')
        .set((eb) => ({ enrolments: eb('enrolments', '+', 1) }))
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', at)
        .returning(['id', 'org_id'])
        .executeTakeFirst();
      return row ? { id: row.id, orgId: row.org_id } : null;
    },
    async createDevice(scope, d) {
      await db
        .insertInto('agent_devices')
        .values({
          id: d.id,
          org_id: scope.orgId,
          hostname: d.hostname,
          credential_hash: d.credentialHash,
          enrolment_token_id: d.enrolmentTokenId,
          enrolled_at: d.enrolledAt,
          revoked_at: d.revokedAt,
          last_report: null,
          last_report_at: d.lastReportAt,
        })
        .execute();
    },
    async listDevices(scope) {
      const rows = await db
        .selectFrom('agent_devices')
        .select(DEVICE_COLUMNS)
        .where('org_id', '=', scope.orgId)
        .orderBy('hostname')
        .orderBy('enrolled_at')
        .execute();
      return rows.map(toDevice);
    },
    async findDeviceByCredential(credentialHash) {
      const row = await db
        .selectFrom('agent_devices')
        .select(DEVICE_COLUMNS)
        .where('credential_hash', '=', credentialHash)
        .executeTakeFirst();
      return row ? toDevice(row) : null;
    },
    async revokeDevice(scope, id, at) {
      const result = await db
        .updateTable('agent_devices')
        .set({ revoked_at: at })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async saveReport(scope, id, report, at) {
      const result = await db
        .updateTable('agent_devices')
        .set({
          hostname: report.hostname,
          last_report: JSON.stringify(report.attributes),
          last_report_at: at,
        })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async latestReports(scope) {
      const rows = await db
        .selectFrom('agent_devices')
        .select([...DEVICE_COLUMNS, 'last_report'])
        .where('org_id', '=', scope.orgId)
        .where('revoked_at', 'is', null)
        .where('last_report', 'is not', null)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ device: toDevice(r), attributes: r.last_report ?? {} }));
    },
  };
}
