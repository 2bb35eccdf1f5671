import { createAccount } from '../../../app/auth/setup.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { parseCommand, stringFlag, withApp } from '../command.ts';
import type { CliIo } from '../io.ts';

export const USER_HELP = `attestly user create: create a user with a password and the organization they own

  --email EMAIL        the user's email
  --org-name NAME      the new organization's name (--slug SLUG to choose its short id)
  The password is read from standard input (one line), so it never appears in the process list:
    printf '%s\\n' "$PASSWORD" | attestly user create --email me@example.com --org-name "Acme"`;

export async function runUser(args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseCommand(rest, {
    email: { type: 'string' },
    'org-name': { type: 'string' },
    slug: { type: 'string' },
  });
  if (values.help || sub === undefined) return io.out(USER_HELP);
  if (sub !== 'create')
    throw new AttestlyError('INVALID_INPUT', `unknown user subcommand "${sub}"; use create`);
  const email = stringFlag(values.email);
  const organizationName = stringFlag(values['org-name']);
  if (!email || !organizationName)
    throw new AttestlyError('INVALID_INPUT', '--email and --org-name are required');
  const password = (await io.readSecret('Password')).replace(/\r?\n$/, '');
  const { user, org } = await withApp(io, stringFlag(values['data-dir']), (deps) =>
    createAccount(deps, { email, password, organizationName, organizationSlug: stringFlag(values.slug) }),
  );
  io.out(`Created ${user.email}, owner of ${org.name} (slug ${org.slug}). Sign in with "attestly serve".`);
}
