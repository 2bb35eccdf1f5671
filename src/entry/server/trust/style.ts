// The trust center's own stylesheet, served from /trust/_/style.css (the pages allow styles from their own
// origin only, and no inline style). Plain CSS that reads on a phone and prints.

export const TRUST_STYLESHEET = `
:root { color-scheme: light; --ink: #16202b; --muted: #5b6775; --line: #dde3ea; --accent: #1f5fa8;
  --ok: #17663a; --ok-bg: #e3f4ea; --place: #1f4f80; --place-bg: #e4eef9; --prog: #7a4b00; --prog-bg: #fbf0dc;
  --bad: #a12622; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: #f6f8fa; }
a { color: var(--accent); }
header.site { background: #fff; border-bottom: 1px solid var(--line); }
header.site .inner, main, footer { max-width: 60rem; margin: 0 auto; padding: 1.25rem 1.25rem; }
header.site .org { margin: 0; color: var(--muted); font-size: .95rem; }
h1 { margin: .2rem 0 .5rem; font-size: 1.9rem; line-height: 1.2; }
h2 { font-size: 1.25rem; margin: 0 0 .75rem; }
h3 { font-size: 1.05rem; margin: 0; }
.lead { margin: 0 0 .5rem; color: var(--muted); max-width: 46rem; white-space: pre-line; }
main > p.muted, main > .lead { margin-bottom: 1.25rem; }
section.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1.1rem 1.25rem;
  margin: 0 0 1.1rem; }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.plain > li { padding: .7rem 0; border-top: 1px solid var(--line); display: flex; gap: 1rem;
  justify-content: space-between; align-items: baseline; flex-wrap: wrap; }
ul.plain > li:first-child { border-top: 0; padding-top: 0; }
.muted { color: var(--muted); font-size: .92rem; margin: .15rem 0 0; }
.badge { display: inline-block; border-radius: 999px; padding: .1rem .65rem; font-size: .85rem; font-weight: 600;
  white-space: nowrap; }
.state-monitored { color: var(--ok); background: var(--ok-bg); }
.state-in_place { color: var(--place); background: var(--place-bg); }
.state-in_progress { color: var(--prog); background: var(--prog-bg); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1.25rem; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: .5rem .4rem; border-top: 1px solid var(--line); vertical-align: top; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; border-top: 0; }
details { border-top: 1px solid var(--line); padding: .6rem 0; }
details:first-of-type { border-top: 0; }
summary { cursor: pointer; font-weight: 600; }
details p { white-space: pre-line; margin: .5rem 0 0; }
.button { display: inline-block; background: var(--accent); color: #fff; border: 0; border-radius: 6px;
  padding: .55rem 1rem; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; }
.button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
form .field { margin: 0 0 1rem; }
form label { display: block; font-weight: 600; margin-bottom: .25rem; }
form input[type=text], form input[type=email] { width: 100%; max-width: 28rem; padding: .5rem .6rem;
  font: inherit; border: 1px solid #aab4bf; border-radius: 6px; }
form input[aria-invalid=true] { border-color: var(--bad); }
form .check label { display: inline; font-weight: 400; }
.error { color: var(--bad); margin: .25rem 0 0; font-size: .92rem; }
.error[role=alert] { margin: 0 0 1rem; font-weight: 600; }
form .actions { display: flex; gap: 1.25rem; align-items: center; flex-wrap: wrap; }
.nda { white-space: pre-wrap; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px;
  padding: .75rem 1rem; max-height: 18rem; overflow: auto; font-size: .92rem; margin: 0 0 1rem; }
footer { color: var(--muted); font-size: .85rem; }
@media print { body { background: #fff; } section.card { border: 0; padding: 0; } .button { display: none; } }
`;
