import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The `atrium/context-boundaries` lint rule (scripts/eslint/context-boundaries.mjs) really
 * fires with the project's ESLint configuration, whatever the import's spelling, and knows
 * every context folder. A rule that silently matched nothing would let `npm run lint` pass.
 */
const ROOT = path.resolve(__dirname, '..');

interface Case {
  file: string;
  code: string;
}

/** Lints each snippet as if it were the given file; returns the rule's messages per case. */
function lint(cases: Case[]): { contexts: string[]; messages: string[][] } {
  const script = `
    import { ESLint } from 'eslint';
    import { CONTEXTS } from './scripts/eslint/context-boundaries.mjs';
    const eslint = new ESLint({ cwd: process.cwd() });
    const messages = [];
    for (const c of JSON.parse(process.argv[1])) {
      const [result] = await eslint.lintText(c.code, { filePath: c.file });
      messages.push(result.messages.filter((m) => m.ruleId === 'atrium/context-boundaries').map((m) => m.message));
    }
    console.log(JSON.stringify({ contexts: CONTEXTS, messages }));
  `;
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(cases)],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  return JSON.parse(out);
}

describe('context boundaries lint rule', () => {
  const forbidden: Case[] = [
    // another context's module code, from any depth and in any import form
    {
      file: 'src/modules/stay/stay.module.ts',
      code: "import { LedgerService } from '../bank/ledger.service';",
    },
    {
      file: 'src/modules/content/queries/list-feed/x.ts',
      code: "import { X } from '../../../interaction/dto/ranking.response';",
    },
    {
      file: 'src/modules/stay/commands/pay-order/x.ts',
      code: "export * from '../../../bank/ledger.service';",
    },
    {
      file: 'src/modules/stay/commands/pay-order/x.ts',
      code: "import type { X } from '../../../identity/auth/token.service';",
    },
    {
      file: 'src/modules/stay/commands/pay-order/x.ts',
      code: "export const x = () => import('../../../content/article-cache');",
    },
    // another context's Nest module from anywhere but the context's own Nest module
    {
      file: 'src/modules/stay/commands/pay-order/x.ts',
      code: "import { BankModule } from '../../../bank/bank.module';",
    },
    // a Nest module deeper than a context's root is not public, nor a module below the root
    {
      file: 'src/modules/interaction/interaction.module.ts',
      code: "import { X } from '../content/commands/publish-article/publish-article.module';",
    },
    {
      file: 'src/modules/content/commands/publish-article/publish-article.module.ts',
      code: "import { IdentityModule } from '../../../identity/identity.module';",
    },
    {
      file: 'src/modules/interaction/queries/list-collections/x.ts',
      code: "import { P } from '../../../content/published-articles.module';",
    },
    // another context's persistence, from its modules and from its persistence
    {
      file: 'src/modules/stay/stay.module.ts',
      code: "import { BankPersistenceModule } from '../../infrastructure/persistence/bank/bank-persistence.module';",
    },
    {
      file: 'src/infrastructure/persistence/stay/x.ts',
      code: "import { AccountOrmEntity } from '../bank/account.orm-entity';",
    },
  ];
  const allowed: Case[] = [
    {
      file: 'src/modules/stay/stay.module.ts',
      code: "import { BankModule } from '../bank/bank.module';",
    },
    // any of a context's public Nest modules (root-level *.module.ts), from any of another's
    {
      file: 'src/modules/interaction/interaction.module.ts',
      code: "import { P } from '../content/published-articles.module';",
    },
    {
      file: 'src/modules/content/published-articles.module.ts',
      code: "import { IdentityModule } from '../identity/identity.module';",
    },
    {
      file: 'src/modules/stay/commands/pay-order/x.ts',
      code: "import { LEDGER } from '../../../../domain/bank/ledger.port';",
    },
    {
      file: 'src/modules/content/queries/list-feed/x.ts',
      code: "import { P } from '../../../shared/dto/public-article.response';",
    },
    {
      file: 'src/modules/stay/x.ts',
      code: "import { S } from '../../infrastructure/persistence/stay/stay-persistence.module';",
    },
    {
      file: 'src/infrastructure/persistence/stay/x.ts',
      code: "import { O } from '../outbox/typeorm-outbox';",
    },
    {
      file: 'src/modules/bank/x.ts',
      code: "import { R } from '../../infrastructure/redis/redis.module';",
    },
  ];

  let result: { contexts: string[]; messages: string[][] };
  beforeAll(() => {
    result = lint([...forbidden, ...allowed]);
  }, 60_000);

  it.each(forbidden.map((c, i) => [i, c.file, c.code] as const))('refuses case %i: %s: %s', (i) => {
    expect(result.messages[i]).toHaveLength(1);
    expect(result.messages[i][0]).toMatch(/must not import/);
  });

  it.each(allowed.map((c, i) => [i, c.file, c.code] as const))('allows case %i: %s: %s', (i) => {
    expect(result.messages[forbidden.length + i]).toEqual([]);
  });

  it('knows every context folder under src/modules (all but shared)', () => {
    const folders = readdirSync(path.join(ROOT, 'src/modules')).filter((f) => f !== 'shared');
    expect([...result.contexts].sort()).toEqual(folders.sort());
  });
});
