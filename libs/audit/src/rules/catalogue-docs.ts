/**
 * The rule catalogue as Markdown, for docs/audit.md (a unit test keeps the page equal to
 * it: regenerate the block between the catalogue markers with
 * `node -e "import('./dist/libs/audit/src/rules/catalogue-docs.js').then((m) => console.log(m.catalogueMarkdown()))"`
 * after `npm run build`). Pure.
 */
import { CATALOGUE } from './catalogue.js';
import type { ParamSpec } from './params.js';

function value(v: unknown): string {
  if (v === null) return 'none';
  if (Array.isArray(v)) return v.join(', ');
  return typeof v === 'string' ? `"${v}"` : String(v);
}

function range(p: ParamSpec): string {
  switch (p.kind) {
    case 'integer':
      return `${p.min}–${p.max} ${p.unit}`;
    case 'decimal':
      return `"${p.min}"–"${p.max}" (${p.unit})${p.nullable ? ', or null' : ''}`;
    case 'choice':
    case 'list':
      return p.values.join(', ');
  }
}

export function catalogueMarkdown(): string {
  const out: string[] = ['| rule | title | source | severity |', '|---|---|---|---|'];
  for (const r of CATALOGUE) out.push(`| \`${r.id}\` | ${r.title} | ${r.source} | ${r.severity} |`);
  for (const r of CATALOGUE) {
    out.push('', `### \`${r.id}\``, '', `**${r.title}** · ${r.source} · severity ${r.severity}`, '', r.description, '');
    out.push('| parameter | default | allowed | meaning |', '|---|---|---|---|');
    for (const p of r.params) out.push(`| \`${p.name}\` | ${value(p.default)} | ${range(p)} | ${p.description} |`);
  }
  return out.join('\n');
}
