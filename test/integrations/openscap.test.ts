import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openscapCollector, openscapResources } from '../../src/adapters/integrations/openscap/collector.ts';
import { parseOpenscapResults } from '../../src/adapters/integrations/openscap/parse-results.ts';
import { scan } from '../../src/app/monitoring/scan.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { buildLibrary } from '../../src/catalog/monitoring/library.ts';
import { openscapLibrary } from '../../src/catalog/monitoring/openscap.ts';
import { evaluateInventory } from '../../src/domain/monitoring/evaluate.ts';
import { errorOf, rejectionOf } from '../support/errors.ts';

// OpenSCAP results: a recorded ARF report (test/fixtures/openscap/web-01-arf.xml, trimmed of its OVAL
// parts and MAC addresses), and a real `oscap xccdf eval` of this machine. Debian 12 ships no SCAP
// Security Guide content for itself (ssg-debian stops at Debian 11, whose platform check makes every rule
// "notapplicable" here), so the scan evaluates a small Debian 12 baseline in test/fixtures/openscap/content
// whose OVAL checks read this machine: packages, file modes, sshd_config.

const FIXTURES = join(import.meta.dirname, '../fixtures/openscap');
const CONTENT = join(FIXTURES, 'content/debian12-xccdf.xml');
const RULE = 'xccdf_org.attestly.test_rule_';
const library = buildLibrary([openscapLibrary], new Set(loadCatalog().controls.map((c) => c.id)));
const NOW = new Date('2026-11-26T15:00:00Z');
const OSCAP = ['/usr/bin/oscap', '/usr/local/bin/oscap'].find((p) => existsSync(p));

describe('the OpenSCAP results parser', () => {
  it('reads every rule result of a recorded ARF report with titles from its benchmark', async () => {
    const results = parseOpenscapResults(await readFile(join(FIXTURES, 'web-01-arf.xml'), 'utf8'));
    expect(results.map((r) => [r.ruleId.replace(RULE, ''), r.result, r.severity, r.title])).toEqual([
      ['package_telnetd_removed', 'pass', 'high', 'Uninstall the telnet server'],
      ['package_aide_installed', 'fail', 'medium', 'Install AIDE'],
      ['security_patches_up_to_date', 'notchecked', 'high', 'Ensure software patches are installed'],
      ['file_permissions_etc_shadow', 'pass', 'medium', 'Verify permissions on /etc/shadow'],
      ['file_permissions_etc_passwd', 'pass', 'low', 'Verify permissions on /etc/passwd'],
      ['sshd_disable_root_login', 'notselected', 'high', 'Disable SSH root login'],
    ]);
    expect(results[2]).toMatchObject({
      host: 'web-01',
      benchmark: 'xccdf_org.attestly.test_benchmark_debian12-baseline',
      profile: 'xccdf_org.attestly.test_profile_baseline',
      message: 'No candidate or applicable check found.',
      checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('leaves rules outside the profile out of the inventory, one resource per host and rule', async () => {
    const resources = openscapResources(await readFile(join(FIXTURES, 'web-01-arf.xml'), 'utf8'));
    expect(resources).toHaveLength(5);
    expect(resources[1]).toMatchObject({
      type: 'openscap.rule_result',
      id: `web-01/${RULE}package_aide_installed`,
      name: 'web-01: Install AIDE',
    });
    const outcomes = evaluateInventory(resources, library.tests, { now: NOW }).filter(
      (o) => o.status !== 'not_applicable',
    );
    expect(outcomes.map((o) => [o.testId, o.resourceId.replace(`web-01/${RULE}`, ''), o.status])).toEqual([
      ['openscap.high_severity_rules_pass', 'package_telnetd_removed', 'pass'],
      ['openscap.low_severity_rules_pass', 'file_permissions_etc_passwd', 'pass'],
      ['openscap.medium_severity_rules_pass', 'package_aide_installed', 'fail'],
      ['openscap.medium_severity_rules_pass', 'file_permissions_etc_shadow', 'pass'],
    ]);
  });

  it('reads CCE identifiers from the benchmark, and several test results with the last one winning', () => {
    // Hand-written to the XCCDF 1.2 schema: a rule with a CCE, scanned twice.
    const xml = `<?xml version="1.0"?>
<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_com.example_benchmark_b">
  <Group id="xccdf_com.example_group_g"><Group id="xccdf_com.example_group_inner">
    <Rule id="xccdf_com.example_rule_r" severity="high">
      <title xml:lang="fr">Désactiver telnet</title><title xml:lang="en-US">Disable telnet</title>
      <ident system="https://ncp.nist.gov/cce">CCE-00000-0</ident>
    </Rule>
  </Group></Group>
  <TestResult id="xccdf_com.example_testresult_1" end-time="2025-06-01T00:00:00">
    <target>db-01</target>
    <rule-result idref="xccdf_com.example_rule_r" severity="high"><result>fail</result></rule-result>
  </TestResult>
  <TestResult id="xccdf_com.example_testresult_2" end-time="2025-06-02T00:00:00">
    <target>db-01</target>
    <rule-result idref="xccdf_com.example_rule_r" severity="high"><result>fixed</result></rule-result>
  </TestResult>
</Benchmark>`;
    expect(parseOpenscapResults(xml)).toEqual([
      {
        host: 'db-01',
        benchmark: 'xccdf_com.example_benchmark_b',
        profile: null,
        ruleId: 'xccdf_com.example_rule_r',
        title: 'Disable telnet',
        result: 'fixed',
        severity: 'high',
        cce: 'CCE-00000-0',
        idents: [{ system: 'https://ncp.nist.gov/cce', value: 'CCE-00000-0' }],
        checkedAt: '2025-06-02T00:00:00',
        message: null,
      },
    ]);
  });

  it('refuses what is not a scan result, saying what it expected', () => {
    expect(errorOf(() => parseOpenscapResults('<html><body/></html>')).message).toMatch(
      /not XCCDF or ARF results/,
    );
    expect(errorOf(() => parseOpenscapResults('<Benchmark><Rule id="r"/></Benchmark>')).message).toMatch(
      /no TestResult/,
    );
    expect(
      errorOf(() =>
        parseOpenscapResults(
          '<Benchmark><TestResult><target>h</target><rule-result idref="r"><result>great</result></rule-result></TestResult></Benchmark>',
        ),
      ).message,
    ).toBe('TestResult[0].rule-result[0] (r): unknown result "great"');
    expect(errorOf(() => parseOpenscapResults('<!DOCTYPE x [<!ENTITY a "b">]><x/>')).message).toMatch(
      /DOCTYPE/,
    );
  });

  it('fails loudly, naming the file, when the collector cannot read it', async () => {
    const error = await rejectionOf(
      openscapCollector.collect({ file: '/nonexistent/results.xml' }, { progress: () => {} }),
    );
    expect(error.code).toBe('COLLECTION_FAILED');
    expect(error.message).toMatch(/^OpenSCAP: cannot read \/nonexistent\/results\.xml: ENOENT/);
  });
});

/** Runs oscap and returns its exit status and what it printed: 0 all passed, 2 some rule failed. */
function oscap(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(OSCAP ?? 'oscap', args, { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (code !== 0 && code !== 2) reject(new Error(`oscap exited ${code}: ${stderr || error?.message}`));
      else resolve({ code, stdout, stderr });
    });
  });
}

const REAL_SCAN = OSCAP
  ? 'a real oscap scan of this machine'
  : 'a real oscap scan (skipped: oscap is not installed; apt-get install openscap-scanner)';

describe.skipIf(!OSCAP)(REAL_SCAN, () => {
  let dir: string;
  let printed: Map<string, string>;
  let seconds: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attestly-oscap-'));
    const started = performance.now();
    const { code, stdout } = await oscap(
      [
        'xccdf',
        'eval',
        '--profile',
        'xccdf_org.attestly.test_profile_ssh_server',
        '--results',
        'results.xml',
        '--results-arf',
        'arf.xml',
        CONTENT,
      ],
      dir,
    );
    seconds = (performance.now() - started) / 1000;
    console.info(`oscap xccdf eval took ${seconds.toFixed(1)} s`);
    expect(code).toBe(2);
    // oscap prints "Rule\r\t<id>\nResult\r\t<result>" per rule: what the parser must agree with.
    printed = new Map(
      [...stdout.matchAll(/^Rule\r?\t(\S+)\nResult\r?\t(\S+)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
  }, 90_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finishes within a minute', () => {
    expect(seconds).toBeLessThan(60);
  });

  it.each(['results.xml', 'arf.xml'])('reads %s as oscap judged each rule', async (file) => {
    const results = parseOpenscapResults(await readFile(join(dir, file), 'utf8'));
    expect(printed.size).toBe(6);
    expect(new Map(results.map((r) => [r.ruleId, r.result]))).toEqual(printed);
    // This machine has no AIDE, no SSH server and no telnet server: a real mix of verdicts.
    expect(printed.get(`${RULE}package_telnetd_removed`)).toBe('pass');
    expect(printed.get(`${RULE}package_aide_installed`)).toBe('fail');
    expect(printed.get(`${RULE}sshd_disable_root_login`)).toBe('fail');
    expect(results.every((r) => r.title !== r.ruleId && r.host.length > 0)).toBe(true);
  });

  it('fails the high-severity test on the failed high-severity rule through attestly scan', async () => {
    const result = await scan(
      { collectors: new Map([['openscap', openscapCollector]]), library, now: () => NOW, env: {} },
      { integrations: [{ type: 'openscap', name: 'this host', file: join(dir, 'arf.xml') }] },
      { progress: () => {} },
    );
    expect(result.integrations).toEqual([
      { type: 'openscap', name: 'this host', status: 'collected', resources: 6 },
    ]);
    const judged = result.outcomes.filter((o) => o.status !== 'not_applicable');
    expect(
      judged.map((o) => [o.testId, o.resourceId.split('/')[1]?.replace(RULE, ''), o.status]).sort(),
    ).toEqual(
      [
        ['openscap.high_severity_rules_pass', 'package_telnetd_removed', 'pass'],
        ['openscap.high_severity_rules_pass', 'sshd_disable_root_login', 'fail'],
        ['openscap.low_severity_rules_pass', 'file_permissions_etc_passwd', 'pass'],
        ['openscap.medium_severity_rules_pass', 'file_permissions_etc_shadow', 'pass'],
        ['openscap.medium_severity_rules_pass', 'package_aide_installed', 'fail'],
      ].sort(),
    );
  });
});
