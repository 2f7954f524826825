// ESLint rule `atrium/context-boundaries`: a bounded context never imports another context's
// code (src/modules/<b>/**) or persistence (src/infrastructure/persistence/<b>/**).
// docs/architecture.md "Context boundaries" explains the rule and the allowed ways to talk.
//
// Import specifiers are resolved to files first (relative paths and the tsconfig `paths`
// aliases), so the rule holds whatever the spelling (`../bank/x`, `../../../bank/x`, an alias).
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The bounded contexts (src/contexts.ts). Other folders (shared, outbox, idempotency) are shared. */
export const CONTEXTS = [
  'identity',
  'bank',
  'content',
  'interaction',
  'stay',
  'payment',
  'social',
  'search',
];

function loadAliases() {
  const file = path.join(ROOT, 'tsconfig.json');
  const { config } = ts.readConfigFile(file, ts.sys.readFile);
  const options = config?.compilerOptions ?? {};
  const base = path.resolve(ROOT, options.baseUrl ?? '.');
  return Object.entries(options.paths ?? {}).map(([pattern, targets]) => ({
    prefix: pattern.replace(/\*$/, ''),
    wildcard: pattern.endsWith('*'),
    target: path.resolve(base, String(targets[0]).replace(/\*$/, '')),
  }));
}
const ALIASES = loadAliases();

/** The absolute path an import points to, or null for a package. */
function resolve(specifier, fromFile) {
  if (specifier.startsWith('.')) return path.resolve(path.dirname(fromFile), specifier);
  for (const alias of ALIASES) {
    if (alias.wildcard ? specifier.startsWith(alias.prefix) : specifier === alias.prefix) {
      return path.join(alias.target, specifier.slice(alias.prefix.length));
    }
  }
  return null;
}

/** Where a file sits: { context, layer: 'modules' | 'persistence', rest } or null. */
export function locate(absPath) {
  const rel = path.relative(ROOT, absPath).split(path.sep).join('/');
  const m = /^src\/(modules|infrastructure\/persistence)\/([^/]+)(?:\/(.*))?$/.exec(rel);
  if (!m || !CONTEXTS.includes(m[2])) return null;
  return { layer: m[1] === 'modules' ? 'modules' : 'persistence', context: m[2], rest: m[3] ?? '' };
}

/** A context's public Nest modules are the `*.module.ts` files at the root of src/modules/<c>/
 *  (its <c>.module.ts, and a second one where the first can't be imported without a cycle, e.g.
 *  content's published-articles.module.ts). They may import each other's across contexts, to
 *  receive the ports they export; nothing deeper, and nothing else may. */
function isPublicModule(loc) {
  return loc.layer === 'modules' && /^[^/]+\.module$/.test(loc.rest.replace(/\.ts$/, ''));
}

export default {
  meta: {
    type: 'problem',
    docs: { description: "Forbid importing another bounded context's code or persistence" },
    schema: [],
    messages: {
      crossContext:
        "The {{from}} context must not import {{to}}'s {{layer}} ('{{specifier}}'). Use a port the {{to}} module exports or a domain event (docs/architecture.md, \"Context boundaries\").",
    },
  },
  create(context) {
    const filename = context.filename;
    const from = locate(filename);
    if (!from) return {};
    function check(node, source) {
      if (!source || typeof source.value !== 'string') return;
      const target = resolve(source.value, filename);
      if (!target) return;
      const to = locate(target);
      if (!to || to.context === from.context) return;
      if (isPublicModule(from) && isPublicModule(to)) return;
      context.report({
        node: source,
        messageId: 'crossContext',
        data: {
          from: from.context,
          to: to.context,
          layer: to.layer === 'modules' ? 'module code' : 'persistence',
          specifier: source.value,
        },
      });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference?.expression),
      TSImportType: (node) => check(node, node.argument?.literal ?? node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require')
          check(node, node.arguments[0]);
      },
    };
  },
};
