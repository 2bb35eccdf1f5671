import { openscapRuleResult } from '../../../src/catalog/monitoring/openscap.ts';
import { generator, iso, nullable } from './kit.ts';

// OpenSCAP: one result per rule per host of an SCAP Security Guide scan. Each host is scanned with the same
// rules, so the inventory holds whole hosts; most rules pass, a fifth fail, the rest oscap did not judge.

const BENCHMARK = 'xccdf_org.ssgproject.content_benchmark_RHEL-9';
const PROFILE = 'xccdf_org.ssgproject.content_profile_cis_server_l1';
const RULES = [
  { rule: 'partition_for_tmp', severity: 'low', cce: 'CCE-83844-8' },
  { rule: 'sshd_disable_root_login', severity: 'medium', cce: 'CCE-90799-5' },
  { rule: 'sshd_disable_empty_passwords', severity: 'high', cce: 'CCE-90799-6' },
  { rule: 'accounts_password_pam_minlen', severity: 'medium', cce: 'CCE-83579-0' },
  { rule: 'package_telnet-server_removed', severity: 'high', cce: 'CCE-84154-1' },
  { rule: 'service_auditd_enabled', severity: 'medium', cce: 'CCE-83871-1' },
  { rule: 'audit_rules_time_settimeofday', severity: 'low', cce: null },
  { rule: 'file_permissions_etc_shadow', severity: 'medium', cce: 'CCE-83943-8' },
  { rule: 'grub2_password', severity: 'high', cce: 'CCE-83849-7' },
  { rule: 'ensure_gpgcheck_globally_activated', severity: 'high', cce: 'CCE-83457-9' },
  { rule: 'sysctl_net_ipv4_ip_forward', severity: 'medium', cce: 'CCE-83836-4' },
  { rule: 'banner_etc_issue', severity: 'unknown', cce: null },
] as const;
const RESULTS = [
  ...Array<'pass'>(12).fill('pass'),
  ...Array<'fail'>(4).fill('fail'),
  'notapplicable',
  'notchecked',
  'notselected',
  'error',
  'fixed',
] as const;

export const openscapGenerators = [
  generator(
    openscapRuleResult,
    8,
    (rng, i) => {
      const host = `host-${Math.floor(i / RULES.length)}.internal`;
      const { rule, severity, cce } = RULES[i % RULES.length] as (typeof RULES)[number];
      const ruleId = `xccdf_org.ssgproject.content_rule_${rule}`;
      const result = rng.pick(RESULTS);
      return {
        id: `${host}/${ruleId}`,
        name: `${host}: ${rule}`,
        attributes: {
          host,
          benchmark: BENCHMARK,
          profile: nullable(rng, 0.02, PROFILE),
          ruleId,
          title: rule.replaceAll('_', ' '),
          result,
          severity,
          cce,
          idents: cce ? [{ system: 'https://ncp.nist.gov/cce', value: cce }] : [],
          checkedAt: nullable(rng, 0.05, iso(rng.int(14))),
          message:
            result === 'error'
              ? 'OVAL evaluation failed: probe_file: permission denied'
              : result === 'notchecked'
                ? 'No candidate or applicable check found.'
                : null,
        },
      };
    },
    // A passing (or fixed) rule fails on the next scan; any other result passes.
    (a) => ({
      ...a,
      result: a.result === 'pass' || a.result === 'fixed' ? ('fail' as const) : ('pass' as const),
      message: null,
    }),
  ),
];
