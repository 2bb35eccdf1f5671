// The layering of ARCHITECTURE.md, as data. Arrows point inward only:
//   domain <- catalog <- app <- adapters <- entry ;  web stands apart and may only use domain.
// Do not relax a rule to make a change pass: move the code, or add a named exemption with a reason.
const layer = (name) => `^src/${name}/`;

/** Exemptions are debt: each one names the file pair and why it is allowed for now. */
const exemptions = [];

const forbidden = [
  ['domain', ['catalog', 'app', 'adapters', 'entry', 'web']],
  ['catalog', ['app', 'adapters', 'entry', 'web']],
  ['app', ['adapters', 'entry', 'web']],
  ['adapters', ['entry', 'web']],
  ['entry', ['web']],
  ['web', ['catalog', 'app', 'adapters', 'entry']],
].map(([from, to]) => ({
  name: `${from}-not-to-${to.join('-')}`,
  comment: `${from} is an inner layer to ${to.join(', ')}: it may not import them`,
  severity: 'error',
  from: { path: layer(from), pathNot: exemptions.map((e) => e.from) },
  to: { path: `^src/(${to.join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...forbidden,
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-stays-pure',
      comment: 'the domain does no I/O: no file system, network, process or database modules',
      severity: 'error',
      from: { path: layer('domain') },
      to: {
        path: '^(node:)?(fs|net|http|https|child_process|pg|@electric-sql/pglite|kysely)',
        dependencyTypes: ['core', 'npm'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
