import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderPolicyPdf } from '../../../adapters/reports/policy-pdf.ts';
import { watermarkPdf } from '../../../adapters/reports/watermark-pdf.ts';
import type { AppDeps } from '../../../app/ports.ts';
import { getPublicDocument, getPublicPolicy } from '../../../app/trust-center/get-public-policy.ts';
import {
  findPublishedTrustCenter,
  getPublicTrustCenter,
} from '../../../app/trust-center/get-public-trust-center.ts';
import { downloadTrustDocument, openTrustAccess } from '../../../app/trust-center/open-trust-access.ts';
import { requestTrustAccess } from '../../../app/trust-center/request-trust-access.ts';
import { toIsoDate } from '../../../domain/dates.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { httpStatusFor, toAttestlyError } from '../http-errors.ts';
import type { ZodApp } from '../zod-app.ts';
import { createFormTokens } from './form-token.ts';
import { type SafeHtml, toHtml } from './html.ts';
import {
  accessPage,
  errorPage,
  requestAccessPage,
  requestSentPage,
  STYLESHEET_PATH,
  trustCenterPage,
} from './pages.ts';
import { createRateLimiter, type TBucketRule } from './rate-limit.ts';
import { TRUST_STYLESHEET } from './style.ts';

// The public trust center at /trust/<slug>: server-rendered HTML for anyone (no sign-in, no JavaScript), the
// access-request form, an approved visitor's link, and the downloads. Each answer carries its own strict
// Content-Security-Policy; errors are HTML pages too; every request of a client address goes through a
// token bucket. Nothing here names a row id: documents and policies travel by their public ids.

const PAGE_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');
const FILE_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

export interface TTrustRateRules {
  /** Pages, the stylesheet and public downloads. */
  read: TBucketRule;
  /** Posting the access-request form. */
  request: TBucketRule;
  /** An approved visitor's link and its downloads. */
  access: TBucketRule;
}

export const DEFAULT_TRUST_RATE_RULES: TTrustRateRules = {
  read: { capacity: 120, perSecond: 2 },
  request: { capacity: 5, perSecond: 1 / 60 },
  access: { capacity: 30, perSecond: 0.5 },
};

type TParams = { slug: string; publicId?: string; token?: string };

function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(toHtml(page));
}

function sendPdf(reply: FastifyReply, fileName: string, bytes: Uint8Array): FastifyReply {
  const safeName = fileName.replace(/[^\w. -]+/g, '_').slice(0, 120) || 'document.pdf';
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${safeName}"`)
    .header('cache-control', 'no-store')
    .send(Buffer.from(bytes));
}

const notFound = () => new AttestlyError('NOT_FOUND', 'There is no such page on this trust center.');

function pdfName(title: string, version?: number): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'document'}${version !== undefined ? `-v${version}` : ''}.pdf`;
}

function formField(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value.slice(0, 1000) : '';
}

/** Registers the public trust center pages in their own context (own parser, headers and error pages). */
export function registerTrustCenterPages(
  app: ZodApp,
  deps: AppDeps,
  rules: TTrustRateRules = DEFAULT_TRUST_RATE_RULES,
): void {
  const limiters = {
    read: createRateLimiter(rules.read),
    request: createRateLimiter(rules.request),
    access: createRateLimiter(rules.access),
  };
  const formTokens = createFormTokens(deps.randomBytes(32));
  const nowMs = (request: FastifyRequest) => request.deps.clock.now().getTime();
  const publicAccess = { access: { kind: 'public' as const } };

  void app.register(async (trust) => {
    trust.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );

    trust.addHook('onRequest', async (request, reply) => {
      const url = request.url.split('?')[0] ?? '';
      const group = request.method === 'POST' ? 'request' : url.includes('/access/') ? 'access' : 'read';
      const wait = limiters[group].take(`${group}:${request.ip}`, nowMs(request));
      if (wait !== null) {
        void reply.header('retry-after', String(wait));
        throw new AttestlyError('RATE_LIMITED', `Too many requests: try again in ${wait} seconds.`, {
          retryAfter: wait,
        });
      }
    });

    // Set last, so these headers win over the web app's (its Content-Security-Policy is for the app).
    trust.addHook('onSend', async (_request, reply, payload) => {
      const pdf = String(reply.getHeader('content-type') ?? '').startsWith('application/pdf');
      reply.header('content-security-policy', pdf ? FILE_POLICY : PAGE_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'no-referrer');
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
      return payload;
    });

    trust.setErrorHandler((error, request, reply) => {
      const attestly = toAttestlyError(error);
      const status = httpStatusFor(attestly.code);
      if (status >= 500) request.log.error({ err: error }, 'trust center request failed');
      const message =
        status === 404
          ? 'There is no such page on this trust center.'
          : status >= 500
            ? 'The page could not be shown. Please try again later.'
            : attestly.message;
      void sendPage(reply, errorPage(status, message), status);
    });

    trust.get(STYLESHEET_PATH, { config: publicAccess }, async (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(TRUST_STYLESHEET),
    );

    trust.get('/trust/:slug', { config: publicAccess }, async (request, reply) => {
      const { slug } = request.params as TParams;
      const model = await getPublicTrustCenter(request.deps, slug);
      if (!model) throw notFound();
      return sendPage(reply, trustCenterPage(model));
    });

    trust.get('/trust/:slug/policies/:publicId', { config: publicAccess }, async (request, reply) => {
      const { slug, publicId = '' } = request.params as TParams;
      const found = await getPublicPolicy(request.deps, slug, publicId);
      if (!found) throw notFound();
      const { policy, version } = found;
      const pdf = await renderPolicyPdf({
        organizationName: found.organizationName,
        title: policy.title,
        version: version.version,
        status: version.status,
        approvedBy: version.approvedBy,
        approvedAt: version.approvedAt,
        publishedAt: version.publishedAt,
        sha256: version.sha256,
        bodyMarkdown: version.bodyMarkdown,
      });
      return sendPdf(reply, pdfName(policy.title, version.version), pdf);
    });

    trust.get('/trust/:slug/documents/:publicId', { config: publicAccess }, async (request, reply) => {
      const { slug, publicId = '' } = request.params as TParams;
      const found = await getPublicDocument(request.deps, slug, publicId);
      if (!found) throw notFound();
      return sendPdf(reply, found.document.fileName, found.bytes);
    });

    const renderForm = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values = { name: '', company: '', email: '', acceptNda: false },
      errors: Record<string, string> = {},
    ) => {
      const { slug } = request.params as TParams;
      const found = await findPublishedTrustCenter(request.deps, slug);
      if (!found) throw notFound();
      const page = requestAccessPage({
        slug: found.org.slug,
        organizationName: found.org.name,
        ndaText: found.settings.ndaText,
        ndaVersion: found.settings.ndaVersion,
        formToken: formTokens.issue(found.org.slug, nowMs(request)),
        values,
        errors,
      });
      return sendPage(
        reply.header('cache-control', 'no-store'),
        page,
        Object.keys(errors).length > 0 ? 400 : 200,
      );
    };

    trust.get('/trust/:slug/request-access', { config: publicAccess }, (request, reply) =>
      renderForm(request, reply),
    );

    trust.post('/trust/:slug/request-access', { config: publicAccess }, async (request, reply) => {
      const { slug } = request.params as TParams;
      // Browsers say where a form was posted from: a post from another site is refused outright.
      if (request.headers['sec-fetch-site'] === 'cross-site')
        throw new AttestlyError('FORBIDDEN', 'This form can only be sent from this trust center.');
      if (typeof request.body !== 'object' || request.body === null)
        throw new AttestlyError('INVALID_INPUT', 'Send the form as it is shown on the request page.');
      const values = {
        name: formField(request.body, 'name'),
        company: formField(request.body, 'company'),
        email: formField(request.body, 'email'),
        acceptNda: formField(request.body, 'acceptNda') === 'yes',
      };
      if (!formTokens.check(formField(request.body, 'formToken'), slug, nowMs(request))) {
        return renderForm(request, reply, values, {
          form: 'This form expired. Check the details below and send it again.',
          ...(values.acceptNda ? {} : { acceptNda: 'Accept the confidentiality terms to request access.' }),
        });
      }
      const result = await requestTrustAccess(request.deps, slug, {
        ...values,
        ndaVersion: Number(formField(request.body, 'ndaVersion')),
      });
      if (!result.ok) return renderForm(request, reply, values, result.errors);
      return reply.redirect(`/trust/${slug}/request-access/sent`, 303);
    });

    trust.get('/trust/:slug/request-access/sent', { config: publicAccess }, async (request, reply) => {
      const { slug } = request.params as TParams;
      const found = await findPublishedTrustCenter(request.deps, slug);
      if (!found) throw notFound();
      return sendPage(reply, requestSentPage(found.org.slug, found.org.name));
    });

    trust.get('/trust/:slug/access/:token', { config: publicAccess }, async (request, reply) => {
      const { slug, token = '' } = request.params as TParams;
      const access = await openTrustAccess(request.deps, slug, token);
      if (!access)
        throw new AttestlyError(
          'NOT_FOUND',
          'This link is not valid: it may have expired or been withdrawn. Ask for access again on the trust center.',
        );
      const expiresAt = access.request.expiresAt ?? request.deps.clock.now();
      const page = accessPage({
        slug: access.org.slug,
        token,
        organizationName: access.org.name,
        requesterName: access.request.name,
        expiresOn: toIsoDate(expiresAt),
        documents: access.documents,
      });
      return sendPage(reply.header('cache-control', 'no-store'), page);
    });

    trust.get(
      '/trust/:slug/access/:token/documents/:publicId',
      { config: publicAccess },
      async (request, reply) => {
        const { slug, token = '', publicId = '' } = request.params as TParams;
        const found = await downloadTrustDocument(request.deps, slug, token, publicId, watermarkPdf);
        if (!found)
          throw new AttestlyError(
            'NOT_FOUND',
            'This link is not valid: it may have expired or been withdrawn. Ask for access again on the trust center.',
          );
        return sendPdf(reply, found.document.fileName, found.bytes);
      },
    );

    // Anything else under /trust/ is this site's 404 page, not the web app.
    trust.all('/trust/*', { config: publicAccess }, async () => {
      throw notFound();
    });
  });
}
