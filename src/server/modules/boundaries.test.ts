/**
 * Module boundaries (docs/ARCHITECTURE.md, "Module surfaces"): code outside a module reaches it only through its
 * index.ts, and no module writes another module's tables. Read from the source text, so a new offender fails here.
 *
 * Not checked: tests (they set up and inspect any table), the demo seed (src/server/seed writes every table, as a
 * migration would), db/schema.ts (drizzle-kit and the relational schema need every table), and a schema.ts importing
 * another schema.ts (a foreign key names the referenced table, and the tables then load without any service).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const server = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modulesDir = path.join(server, 'modules');
const modules = readdirSync(modulesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

function sourcesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sourcesIn(full);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [full] : [];
  });
}

const checked = sourcesIn(server).filter((f) => !f.startsWith(path.join(server, 'seed') + path.sep) && f !== path.join(server, 'db', 'schema.ts'));
const rel = (f: string) => path.relative(server, f);

function moduleOf(file: string): string | null {
  const r = path.relative(modulesDir, file);
  return r.startsWith('..') || !r.includes(path.sep) ? null : r.split(path.sep)[0]!;
}

/** Relative specifiers of `import … from`, `export … from`, `import '…'` and `import('…')`, resolved to files. */
function importsOf(file: string) {
  const text = readFileSync(file, 'utf8');
  const out: { target: string; names: string }[] = [];
  for (const m of text.matchAll(/(?:\b(?:import|export)\s+([^;]*?)\s+from\s+|\bimport\s*\(?\s*)'(\.[^']+)'/g)) {
    out.push({ target: path.resolve(path.dirname(file), m[2]!), names: m[1] ?? '' });
  }
  return out;
}

/** Every module's tables: the exported name and the SQL name of each pgTable, with the module declaring it. */
const tables = modules.flatMap((m) => {
  let text = '';
  try {
    text = readFileSync(path.join(modulesDir, m, 'schema.ts'), 'utf8');
  } catch {
    return [];
  }
  return [...text.matchAll(/export const (\w+) = pgTable\(\s*'(\w+)'/g)].map((t) => ({ module: m, name: t[1]!, sqlName: t[2]! }));
});

describe('module boundaries', () => {
  it('every module has an index.ts', () => {
    const missing = modules.filter((m) => {
      try {
        readFileSync(path.join(modulesDir, m, 'index.ts'));
        return false;
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
  });

  it('reaches another module only through its index.ts', () => {
    let crossing = 0;
    const offenders: string[] = [];
    for (const file of checked) {
      const own = moduleOf(file);
      for (const { target } of importsOf(file)) {
        const other = moduleOf(target);
        if (!other || other === own) continue;
        crossing++;
        const throughIndex = target === path.join(modulesDir, other, 'index.ts');
        const foreignKey = path.basename(file) === 'schema.ts' && path.basename(target) === 'schema.ts';
        if (!throughIndex && !foreignKey) offenders.push(`${rel(file)} imports ${rel(target)}`);
      }
    }
    // The scan sees the imports (app.ts alone registers every module through its index).
    expect(crossing).toBeGreaterThan(modules.length * 3);
    expect(offenders).toEqual([]);
  });

  it("writes no other module's tables", () => {
    expect(tables.find((t) => t.name === 'systems')).toEqual({ module: 'systems', name: 'systems', sqlName: 'systems' });
    const offenders: string[] = [];
    for (const file of checked) {
      const own = moduleOf(file);
      if (!own) continue;
      const text = readFileSync(file, 'utf8');
      // Tables imported from another module (`name` or `name as alias`) and written through the query builder.
      const foreign = new Map<string, string>();
      for (const { target, names } of importsOf(file)) {
        const other = moduleOf(target);
        if (!other || other === own) continue;
        for (const [, name, alias] of names.matchAll(/(\w+)(?:\s+as\s+(\w+))?/g)) {
          if (tables.some((t) => t.module === other && t.name === name)) foreign.set(alias ?? name!, other);
        }
      }
      for (const [, verb, name] of text.matchAll(/\.(insert|update|delete)\(\s*(\w+)\s*\)/g)) {
        if (foreign.has(name!)) offenders.push(`${rel(file)}: .${verb}(${name}) writes a table of ${foreign.get(name!)}`);
      }
      // And in hand-written SQL.
      for (const [statement, name] of text.matchAll(/\b(?:insert into|update|delete from)\s+"?([a-z_]+)"?/g)) {
        const owner = tables.find((t) => t.sqlName === name)?.module;
        if (owner && owner !== own) offenders.push(`${rel(file)}: "${statement}" writes a table of ${owner}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
