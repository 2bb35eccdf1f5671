import { fail, notApplicable, pass, type TTestDefinition } from '../../domain/monitoring/model.ts';
import { awsSecurityGroup, awsVpc, type TSecurityGroupRule } from './aws-resources.ts';
import { defineTest } from './define.ts';

// Network exposure: security group ingress from anywhere on the internet, default security groups, and
// VPC flow logs.

const WORLD = new Set(['0.0.0.0/0', '::/0']);

export const DATABASE_PORTS: Record<number, string> = {
  1433: 'SQL Server',
  1521: 'Oracle',
  2483: 'Oracle TLS',
  3306: 'MySQL',
  5432: 'PostgreSQL',
  5439: 'Redshift',
  6379: 'Redis',
  7000: 'Cassandra',
  9042: 'Cassandra CQL',
  9200: 'Elasticsearch',
  9300: 'Elasticsearch transport',
  11211: 'Memcached',
  27017: 'MongoDB',
};

/** Remote administration and management planes other than SSH and RDP. */
export const ADMIN_PORTS: Record<number, string> = {
  21: 'FTP',
  23: 'Telnet',
  135: 'Windows RPC',
  445: 'SMB',
  2375: 'Docker API',
  2376: 'Docker API (TLS)',
  2379: 'etcd',
  5900: 'VNC',
  5985: 'WinRM',
  5986: 'WinRM (TLS)',
  6443: 'Kubernetes API',
  10250: 'kubelet',
};

const PROTOCOL_NUMBERS: Record<string, string> = { tcp: '6', udp: '17' };

const NONE: string[] = [];

/** Called for every rule of every group by several tests: no array is built unless a range is open. */
function worldSources(rule: TSecurityGroupRule): string[] {
  let found = NONE;
  for (const ranges of [rule.ipv4Ranges, rule.ipv6Ranges])
    for (const cidr of ranges) if (WORLD.has(cidr)) found = found === NONE ? [cidr] : [...found, cidr];
  return found;
}

function carries(rule: TSecurityGroupRule, protocol: 'tcp' | 'udp'): boolean {
  return rule.protocol === '-1' || rule.protocol === protocol || rule.protocol === PROTOCOL_NUMBERS[protocol];
}

/** A rule without ports (protocol -1) opens them all. */
function opens(rule: TSecurityGroupRule, port: number): boolean {
  if (rule.fromPort === null || rule.toPort === null || rule.fromPort < 0) return true;
  return rule.fromPort <= port && port <= rule.toPort;
}

interface TExposure {
  port: number;
  service: string;
  protocol: string;
  sources: string[];
}

/** The listed ports that some rule opens to the whole internet. */
export function exposedPorts(
  ingress: TSecurityGroupRule[],
  ports: Record<number, string>,
  protocols: Array<'tcp' | 'udp'> = ['tcp'],
): TExposure[] {
  const found: TExposure[] = [];
  for (const rule of ingress) {
    const sources = worldSources(rule);
    if (sources.length === 0 || !protocols.some((p) => carries(rule, p))) continue;
    for (const [port, service] of Object.entries(ports)) {
      if (opens(rule, Number(port)))
        found.push({ port: Number(port), service, protocol: rule.protocol, sources });
    }
  }
  return found;
}

function describe(found: TExposure[]): string {
  const ports = [...new Set(found.map((f) => `${f.port} (${f.service})`))];
  const sources = [...new Set(found.flatMap((f) => f.sources))];
  return `${ports.join(', ')} open to ${sources.join(' and ')}`;
}

function portTest(spec: {
  id: string;
  title: string;
  ports: Record<number, string>;
  protocols?: Array<'tcp' | 'udp'>;
  rationale: string;
  remediation: string;
  controls: string[];
}): TTestDefinition {
  const checked = Object.keys(spec.ports).map(Number);
  return defineTest(awsSecurityGroup, {
    id: spec.id,
    title: spec.title,
    severity: 'high',
    rationale: spec.rationale,
    remediation: spec.remediation,
    controls: spec.controls,
    evaluate: ({ attributes: g }) => {
      const found = exposedPorts(g.ingress, spec.ports, spec.protocols);
      return found.length === 0
        ? pass('no such port is open to the internet', { ports: [...checked] })
        : fail(describe(found), { exposures: found });
    },
  });
}

const ADMIN_ACCESS =
  'Remove the rule; reach hosts through Systems Manager Session Manager, a bastion limited to known addresses, or a VPN.';

export const awsNetworkTests: TTestDefinition[] = [
  portTest({
    id: 'aws.sg_no_public_ssh',
    title: 'No security group allows SSH from the internet',
    ports: { 22: 'SSH' },
    rationale:
      'SSH open to 0.0.0.0/0 or ::/0 is scanned within minutes of creation; one weak key or unpatched daemon is then a shell in the network.',
    remediation: ADMIN_ACCESS,
    controls: ['NET-02'],
  }),
  portTest({
    id: 'aws.sg_no_public_rdp',
    title: 'No security group allows RDP from the internet',
    ports: { 3389: 'RDP' },
    protocols: ['tcp', 'udp'],
    rationale:
      'RDP exposed to the internet is a leading ransomware entry point through password spraying and protocol flaws.',
    remediation: ADMIN_ACCESS,
    controls: ['NET-02'],
  }),
  portTest({
    id: 'aws.sg_no_public_database_ports',
    title: 'No security group opens database ports to the internet',
    ports: DATABASE_PORTS,
    rationale:
      'A database port reachable from anywhere leaves only the database password between the internet and the data; many caches (Redis, Memcached) have none by default.',
    remediation:
      "Allow the database port only from the application's security group; reach the database for administration through the approved access path.",
    controls: ['NET-02', 'NET-04'],
  }),
  portTest({
    id: 'aws.sg_no_public_admin_ports',
    title: 'No security group opens other administration ports to the internet',
    ports: ADMIN_PORTS,
    protocols: ['tcp', 'udp'],
    rationale:
      'Telnet, FTP, SMB, VNC, WinRM, Docker, etcd and Kubernetes control ports give control of a host or cluster and are not meant to face the internet.',
    remediation: ADMIN_ACCESS,
    controls: ['NET-02'],
  }),
  defineTest(awsSecurityGroup, {
    id: 'aws.sg_no_public_all_traffic',
    title: 'No security group allows all traffic from the internet',
    severity: 'critical',
    rationale:
      'A rule that lets every protocol and port in from anywhere makes every service on the attached hosts public, including ones nobody meant to run.',
    remediation:
      'Replace the rule with rules for the specific ports the workload serves, from the sources that need them.',
    controls: ['NET-01', 'NET-02'],
    evaluate: ({ attributes: g }) => {
      const open = g.ingress.filter(
        (r) =>
          worldSources(r).length > 0 &&
          (r.protocol === '-1' ||
            ((carries(r, 'tcp') || carries(r, 'udp')) && opens(r, 1) && opens(r, 65535))),
      );
      return open.length === 0
        ? pass('no rule opens every port to the internet')
        : fail(`${open.length} rule(s) open every port to the internet`, {
            rules: open.map((r) => ({ protocol: r.protocol, sources: worldSources(r) })),
          });
    },
  }),
  defineTest(awsSecurityGroup, {
    id: 'aws.default_sg_restricts_all',
    title: 'Default security groups allow no traffic',
    severity: 'medium',
    rationale:
      'Resources launched without a chosen group land in the default one; if it allows traffic, they are reachable without anyone having decided so.',
    remediation:
      'Delete every inbound and outbound rule of the default security group and give workloads their own groups.',
    controls: ['NET-01'],
    evaluate: ({ attributes: g }) => {
      if (!g.isDefault) return notApplicable('not a default security group');
      const rules = g.ingress.length + g.egress.length;
      return rules === 0
        ? pass('the default security group has no rules')
        : fail(
            `the default security group has ${g.ingress.length} inbound and ${g.egress.length} outbound rule(s)`,
            {
              ingress: g.ingress.length,
              egress: g.egress.length,
            },
          );
    },
  }),
  defineTest(awsVpc, {
    id: 'aws.vpc_flow_logs_enabled',
    title: 'VPC flow logs record rejected traffic',
    severity: 'medium',
    rationale:
      'Flow logs are the only record of which addresses talked to what inside a VPC; investigations of scanning, exfiltration or lateral movement depend on them.',
    remediation:
      'Create a flow log for the VPC with traffic type ALL (or at least REJECT) delivered to CloudWatch Logs or the central logging bucket.',
    controls: ['OPS-03'],
    evaluate: ({ attributes: v }) => {
      const active = v.flowLogs.filter(
        (f) => f.status === 'ACTIVE' && (f.trafficType === 'ALL' || f.trafficType === 'REJECT'),
      );
      if (active.length > 0)
        return pass(`flow log ${active[0]?.id} records ${active[0]?.trafficType} traffic`, {
          flowLogs: active.map((f) => f.id),
        });
      return fail(
        v.flowLogs.length === 0 ? 'the VPC has no flow log' : 'no active flow log records rejected traffic',
        {
          flowLogs: v.flowLogs,
        },
      );
    },
  }),
];
