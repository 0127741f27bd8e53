/**
 * A lint for hard-coded UI strings: every string the user sees must come from the catalogue through `t()`.
 * It parses components/ and entrypoints/ with the TypeScript compiler and fails on
 *   - JSX text with letters (`<p>Hello</p>`, `({n} min)`),
 *   - string literals shown as JSX children (`{ok ? 'Saved' : t('x')}`, template literals' text included),
 *   - literals in user-facing attributes and props (aria-label, title, placeholder, alt, label, …),
 *   - sentence-like literals anywhere else (`invalidMessage = 'Choose a zone.'`, `message: 'Try again.'`).
 * Symbols ("✓", "·", "↻", "—") have no letters and pass; the few technical strings are allow-listed below.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The project root: vitest runs from it (as the other tests that read sources assume). */
const ROOT = process.cwd();
const DIRS = ['components', 'entrypoints'];

/** Attributes and props whose value the user sees or hears. */
const UI_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
  'invalidMessage',
  'message',
]);

/** Technical strings that are shown but are not language (with why). */
const ALLOWED = new Map<string, string>([
  ['eyJraWQiOi…', 'the token field’s placeholder: how a Calendly personal access token starts'],
]);

export interface Finding {
  line: number;
  text: string;
  rule: 'jsx-text' | 'jsx-child' | 'attribute' | 'sentence';
}

const hasLetters = (s: string) => /\p{L}/u.test(s.replace(/&[a-z]+;|&#\d+;/gi, ''));
/** Two or more words with a capital start or a sentence's end: "Choose a time zone.", "Open options". */
const sentenceLike = (s: string) => {
  const text = s.trim();
  return /\p{L}{2,}[ \u00a0]+\p{L}{2,}/u.test(text) && (/^\p{Lu}\p{Ll}/u.test(text) || /\p{L}[.!?…:]$/u.test(text));
};

/** The literal texts a JSX expression can evaluate to (`a ? 'x' : b`, `c && 'y'`, `` `z ${…}` ``). */
function shownLiterals(node: ts.Expression): ts.Node[] {
  if (ts.isParenthesizedExpression(node)) return shownLiterals(node.expression);
  if (ts.isConditionalExpression(node)) return [...shownLiterals(node.whenTrue), ...shownLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return shownLiterals(node.right);
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.PlusToken) {
      return [...shownLiterals(node.left), ...shownLiterals(node.right)];
    }
    return [];
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) return [node];
  return [];
}

/** The visible text of a literal: a template's text parts, not its `${…}`. */
function literalText(node: ts.Node): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return '';
}

/** Is `node` the key argument of `t(…)` (or a module specifier), i.e. not a text at all? */
function isKeyOrModule(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return true;
  if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 't') return true;
  // `import('x')`, `new URL('…')`-like calls and type positions are not UI either.
  if (ts.isLiteralTypeNode(parent)) return true;
  return false;
}

/** Hard-coded UI strings in one .ts/.tsx source. */
export function findHardcoded(source: string, fileName = 'file.tsx'): Finding[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const reported = new Set<ts.Node>();
  const report = (node: ts.Node, text: string, rule: Finding['rule']) => {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (reported.has(node) || ALLOWED.has(clean) || !hasLetters(clean)) return;
    reported.add(node);
    findings.push({ line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: clean, rule });
  };

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      report(node, node.text, 'jsx-text');
    } else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      for (const lit of shownLiterals(node.expression)) report(lit, literalText(lit), 'jsx-child');
    } else if (ts.isJsxAttribute(node) && UI_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      const values = ts.isStringLiteral(init) ? [init] : ts.isJsxExpression(init) && init.expression ? shownLiterals(init.expression) : [];
      for (const lit of values) report(lit, literalText(lit), 'attribute');
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) &&
      !isKeyOrModule(node) &&
      sentenceLike(literalText(node))
    ) {
      report(node, literalText(node), 'sentence');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings.sort((a, b) => a.line - b.line);
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && e.name !== 'testing.tsx')
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

describe('hard-coded UI strings', () => {
  const files = DIRS.flatMap(sources);

  it('scans the components and entrypoints', () => {
    expect(files).toContain(join('components', 'compose', 'ComposeButton.tsx'));
    expect(files).toContain(join('entrypoints', 'background.ts'));
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)('%s has none: every visible string comes from t()', (file) => {
    const found = findHardcoded(readFileSync(join(ROOT, file), 'utf8'), file).map((f) => `${file}:${f.line} [${f.rule}] ${f.text}`);
    expect(found).toEqual([]);
  });

  describe('the lint itself', () => {
    const flagged = (src: string) => findHardcoded(src).map((f) => f.text);

    it('flags English in JSX text, children, attributes, props and sentences', () => {
      expect(flagged(`const A = () => <p>Hello world</p>;`)).toEqual(['Hello world']);
      expect(flagged(`const A = () => <button aria-label="Close" title={busy ? 'Wait' : t('x')}>×</button>;`)).toEqual(['Close', 'Wait']);
      expect(flagged(`const A = (n: number) => <option>{t('name')} ({n} min)</option>;`)).toEqual(['min)']);
      expect(flagged(`const A = () => <span>{ok && 'Saved'}{\`\${n} items\`}</span>;`)).toEqual(['Saved', 'items']);
      expect(flagged(`const A = () => <img alt="A calendar" />;`)).toEqual(['A calendar']);
      expect(flagged(`const A = () => <TimeZoneInput label="Time zone" invalidMessage={'Pick one.'} />;`)).toEqual(['Time zone', 'Pick one.']);
      expect(flagged(`function F({ msg = 'Choose a time zone from the list.' }) { return msg; }`)).toEqual(['Choose a time zone from the list.']);
      expect(flagged(`const e = { kind: 'network', message: 'Open Slots lost contact.' } as const;`)).toEqual(['Open Slots lost contact.']);
      expect(flagged(`document.title = 'Open Slots options';`)).toEqual(['Open Slots options']);
    });

    it('lets t(), symbols, keys, classes, URLs and allow-listed technical strings pass', () => {
      const clean = `
        import { t } from '@/lib/i18n/t';
        import type { MessageKey } from '@/lib/i18n/en';
        const K: MessageKey = 'privacyTitle';
        const A = ({ ok }: { ok: boolean }) => (
          <div class="btn primary" aria-label={t('close')} title={t('insertTooltip')} data-kind="calendly external">
            {ok ? \`\${t('saved')} ✓\` : t('saving')} {' '} · ↻ — ‹ › ▲ ▼ ✱ &nbsp;
            <option value="">—</option>
            <input placeholder="eyJraWQiOi…" type="password" />
            <a href="https://calendly.com/app/availability/schedules">{t('avOpenUpMore')}</a>
            {kind === 'not_connected' && t('notConnected')}
          </div>
        );
        const css = 'text/csv;charset=utf-8';
        const when = formatInTimeZone(at, zone, 'yyyy-MM-dd HH:mm');
      `;
      expect(findHardcoded(clean)).toEqual([]);
    });
  });
});
