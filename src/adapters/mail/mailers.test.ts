import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogMailer, createSmtpMailer } from './mailers.ts';

// A real SMTP server on loopback receives what the adapter sends.

const received: Array<{ from: string; to: string[]; data: string }> = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk) => (data += chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('mailers', () => {
  it('sends through SMTP with the configured sender', async () => {
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, 'Attestly <noreply@acme.test>');
    await mailer.send({
      to: 'new@acme.test',
      subject: 'Invitation',
      text: 'Accept: http://x/invitations/accept?token=atli_1',
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'noreply@acme.test', to: ['new@acme.test'] });
    expect(received[0]?.data).toContain('Subject: Invitation');
    expect(received[0]?.data).toContain('token=atli_1');
  });

  it('reports an unreachable SMTP server as an error naming the recipient', async () => {
    const mailer = createSmtpMailer('smtp://127.0.0.1:1', 'a@b.test');
    await expect(mailer.send({ to: 'x@acme.test', subject: 's', text: 't' })).rejects.toThrow(
      /to x@acme\.test could not be sent/,
    );
  });

  it('writes the message to the log when no SMTP server is configured', async () => {
    const lines: string[] = [];
    await createLogMailer((line) => lines.push(line)).send({
      to: 'dev@acme.test',
      subject: 'Hi',
      text: 'link: http://x',
    });
    expect(lines).toEqual(['mail to dev@acme.test: Hi\nlink: http://x']);
  });
});
