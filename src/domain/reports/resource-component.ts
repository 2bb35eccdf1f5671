import type { TComponentKind } from '../program.ts';

// Which of the five system components a monitored resource type belongs to, for the system description:
// what an integration shows of the system beyond the components the program names.

const DATA_TYPES = new Set([
  'aws.s3.bucket',
  'aws.rds.instance',
  'aws.kms.key',
  'terraform.aws_s3_bucket',
  'terraform.aws_db_instance',
  'terraform.aws_ebs_volume',
  'terraform.aws_kms_key',
]);

const BY_PROVIDER: Record<string, TComponentKind> = {
  aws: 'infrastructure',
  terraform: 'infrastructure',
  endpoint: 'infrastructure',
  openscap: 'infrastructure',
  postgres: 'data',
  github: 'software',
  idp: 'software',
  ldap: 'software',
  ocsf: 'software',
};

export function componentKindOfResourceType(type: string): TComponentKind {
  if (DATA_TYPES.has(type)) return 'data';
  return BY_PROVIDER[type.split('.')[0] ?? ''] ?? 'software';
}
