import type { TPublicTrustCenter } from '../../../app/trust-center/get-public-trust-center.ts';
import {
  REPORT_STATUS_LABELS,
  TRUST_AREA_STATE_LABELS,
  TRUST_DOCUMENT_KIND_LABELS,
  type TTrustDocumentKind,
} from '../../../domain/trust-center.ts';
import { html, type SafeHtml } from './html.ts';

// The trust center's pages, rendered on the server: they read without JavaScript and load nothing but their
// stylesheet. Every value comes through `html`, so every value is escaped.

export const STYLESHEET_PATH = '/trust/_/style.css';

function layout(options: {
  title: string;
  organizationName?: string | undefined;
  index?: boolean;
  body: SafeHtml;
}): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="${options.index ? 'index, follow' : 'noindex, nofollow'}">
<title>${options.title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<header class="site"><div class="inner">
${options.organizationName ? html`<p class="org">${options.organizationName}</p>` : null}
</div></header>
<main>
${options.body}
</main>
<footer>Trust center powered by Attestly.</footer>
</body>
</html>
`;
}

const base = (slug: string) => `/trust/${encodeURIComponent(slug)}`;

function programSection(program: NonNullable<TPublicTrustCenter['program']>): SafeHtml {
  const type = program.reportType === 'type2' ? 'SOC 2 Type 2' : 'SOC 2 Type 1';
  const period = program.window
    ? html`<dt>Observation window</dt><dd>${program.window.start} to ${program.window.end}</dd>`
    : program.asOf
      ? html`<dt>As of</dt><dd>${program.asOf}</dd>`
      : null;
  return html`<section class="card" aria-labelledby="compliance">
<h2 id="compliance">Compliance</h2>
<dl class="facts">
<dt>Framework</dt><dd>${type}</dd>
<dt>Report status</dt><dd><span class="badge state-${program.status === 'audit_in_progress' ? 'in_progress' : 'in_place'}">${REPORT_STATUS_LABELS[program.status]}</span></dd>
${period}
<dt>Trust services categories</dt><dd>${program.categories.join(', ')}</dd>
</dl>
</section>`;
}

function kindLabel(kind: TTrustDocumentKind): string {
  return TRUST_DOCUMENT_KIND_LABELS[kind];
}

/** The public page of /trust/<slug>. */
export function trustCenterPage(model: TPublicTrustCenter): SafeHtml {
  const root = base(model.slug);
  const gated = model.documents.some((d) => d.access === 'gated');
  const body = html`<h1>${model.headline}</h1>
${model.description ? html`<p class="lead">${model.description}</p>` : null}
<p class="muted">Status as of ${model.asOf}, from ${model.organizationName}'s live compliance program.</p>
${model.program ? programSection(model.program) : null}
${
  model.areas.length > 0
    ? html`<section class="card" aria-labelledby="areas">
<h2 id="areas">Control areas</h2>
<ul class="plain">${model.areas.map(
        (
          a,
        ) => html`<li><div><h3>${a.title}</h3>${a.description ? html`<p class="muted">${a.description}</p>` : null}</div>
<span class="badge state-${a.state}">${TRUST_AREA_STATE_LABELS[a.state]}</span></li>`,
      )}</ul>
</section>`
    : null
}
${
  model.documents.length > 0
    ? html`<section class="card" aria-labelledby="documents">
<h2 id="documents">Documents</h2>
<ul class="plain">${model.documents.map(
        (
          d,
        ) => html`<li><div><h3>${d.title}</h3><p class="muted">${kindLabel(d.kind)}${d.access === 'gated' ? ' - available under NDA' : ''}${d.description ? html` - ${d.description}` : null}</p></div>
${
  d.access === 'public'
    ? html`<a class="button secondary" href="${root}/documents/${d.publicId}">Download</a>`
    : html`<a class="button secondary" href="${root}/request-access">Request access</a>`
}</li>`,
      )}</ul>
${gated ? html`<p class="muted">Documents under NDA are shared after ${model.organizationName} approves your request.</p>` : null}
</section>`
    : null
}
${
  model.policies.length > 0
    ? html`<section class="card" aria-labelledby="policies">
<h2 id="policies">Policies</h2>
<ul class="plain">${model.policies.map(
        (
          p,
        ) => html`<li><div><h3>${p.title}</h3><p class="muted">Version ${p.version}, published ${p.publishedOn}</p></div>
<a class="button secondary" href="${root}/policies/${p.publicId}">Download PDF</a></li>`,
      )}</ul>
</section>`
    : null
}
${
  model.subprocessors.length > 0
    ? html`<section class="card" aria-labelledby="subprocessors">
<h2 id="subprocessors">Subprocessors</h2>
<table><thead><tr><th scope="col">Name</th><th scope="col">Purpose</th><th scope="col">Location</th></tr></thead>
<tbody>${model.subprocessors.map((s) => html`<tr><td>${s.name}</td><td>${s.purpose}</td><td>${s.location}</td></tr>`)}</tbody></table>
</section>`
    : null
}
${
  model.faq.length > 0
    ? html`<section class="card" aria-labelledby="faq">
<h2 id="faq">Frequently asked questions</h2>
${model.faq.map((f) => html`<details><summary>${f.question}</summary><p>${f.answer}</p></details>`)}
</section>`
    : null
}
${
  model.securityContact
    ? html`<section class="card" aria-labelledby="contact">
<h2 id="contact">Security contact</h2>
<p>Report a vulnerability or ask about security at <a href="mailto:${model.securityContact}">${model.securityContact}</a>.</p>
</section>`
    : null
}`;
  return layout({
    title: model.headline,
    organizationName: model.organizationName,
    index: true,
    body,
  });
}

export interface TRequestForm {
  slug: string;
  organizationName: string;
  ndaText: string;
  ndaVersion: number;
  formToken: string;
  values: { name: string; company: string; email: string; acceptNda: boolean };
  errors: Record<string, string>;
}

function field(
  form: TRequestForm,
  name: 'name' | 'company' | 'email',
  label: string,
  type: string,
  autocomplete: string,
): SafeHtml {
  const error = form.errors[name];
  return html`<div class="field">
<label for="${name}">${label}</label>
<input id="${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" required maxlength="${name === 'email' ? 254 : 120}" value="${form.values[name]}"${error ? html` aria-invalid="true" aria-describedby="${name}-error"` : null}>
${error ? html`<p class="error" id="${name}-error">${error}</p>` : null}
</div>`;
}

/** The access request: who is asking, and the click-through NDA they accept. */
export function requestAccessPage(form: TRequestForm): SafeHtml {
  const accept = form.errors.acceptNda;
  const summary = Object.keys(form.errors).length;
  const body = html`<h1>Request access to documents</h1>
<p class="lead">${form.organizationName} shares some security documents, such as its SOC 2 report, under a confidentiality agreement. Tell us who you are and accept the terms below; you will get a link by email once your request is approved.</p>
<section class="card">
${form.errors.form ? html`<p class="error" role="alert">${form.errors.form}</p>` : summary > 0 ? html`<p class="error" role="alert">Please correct the ${summary === 1 ? 'field' : `${summary} fields`} marked below.</p>` : null}
<form method="post" action="${base(form.slug)}/request-access" novalidate>
<input type="hidden" name="formToken" value="${form.formToken}">
<input type="hidden" name="ndaVersion" value="${form.ndaVersion}">
${field(form, 'name', 'Your name', 'text', 'name')}
${field(form, 'company', 'Company', 'text', 'organization')}
${field(form, 'email', 'Work email', 'email', 'email')}
<h2 id="nda-title">Confidentiality terms (version ${form.ndaVersion})</h2>
<div class="nda" tabindex="0" aria-labelledby="nda-title">${form.ndaText}</div>
<div class="field check">
<input id="acceptNda" name="acceptNda" type="checkbox" value="yes"${form.values.acceptNda ? html` checked` : null}${accept ? html` aria-invalid="true" aria-describedby="acceptNda-error"` : null}>
<label for="acceptNda">I accept the confidentiality terms</label>
${accept ? html`<p class="error" id="acceptNda-error">${accept}</p>` : null}
</div>
<div class="actions"><button class="button" type="submit">Request access</button>
<a href="${base(form.slug)}">Back to the trust center</a></div>
</form>
</section>`;
  return layout({
    title: `Request access - ${form.organizationName}`,
    organizationName: form.organizationName,
    body,
  });
}

export function requestSentPage(slug: string, organizationName: string): SafeHtml {
  return layout({
    title: `Request received - ${organizationName}`,
    organizationName,
    body: html`<h1>Request received</h1>
<section class="card">
<p>Thank you. ${organizationName} will review your request; once it is approved you will receive a link by email to download the documents. The link works until the date they set.</p>
<p><a href="${base(slug)}">Back to the trust center</a></p>
</section>`,
  });
}

export interface TAccessPageModel {
  slug: string;
  token: string;
  organizationName: string;
  requesterName: string;
  expiresOn: string;
  documents: Array<{ publicId: string; title: string; kind: TTrustDocumentKind; description: string }>;
}

/** What an approved visitor's link opens: the documents, each download stamped with their name. */
export function accessPage(model: TAccessPageModel): SafeHtml {
  const root = `${base(model.slug)}/access/${encodeURIComponent(model.token)}`;
  return layout({
    title: `Documents - ${model.organizationName}`,
    organizationName: model.organizationName,
    body: html`<h1>Documents shared with ${model.requesterName}</h1>
<p class="lead">This link works until ${model.expiresOn}. Each download is marked with your name, company and email and is logged.</p>
<section class="card">
${
  model.documents.length === 0
    ? html`<p>No documents are shared at the moment.</p>`
    : html`<ul class="plain">${model.documents.map(
        (
          d,
        ) => html`<li><div><h3>${d.title}</h3><p class="muted">${TRUST_DOCUMENT_KIND_LABELS[d.kind]}${d.description ? html` - ${d.description}` : null}</p></div>
<a class="button secondary" href="${root}/documents/${d.publicId}">Download</a></li>`,
      )}</ul>`
}
</section>`,
  });
}

/** Every error page: not found, too many requests, a refused or failed request. */
export function errorPage(status: number, message: string): SafeHtml {
  const title =
    status === 404
      ? 'Page not found'
      : status === 429
        ? 'Too many requests'
        : status >= 500
          ? 'Something went wrong'
          : 'Request refused';
  return layout({
    title,
    body: html`<h1>${title}</h1>
<section class="card"><p>${message}</p></section>`,
  });
}
