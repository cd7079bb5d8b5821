// No import circles: every file of src/ (and of eval/ and bench/, which import it) stands above what it
// imports, type-only imports and re-exports included, so a module can be read, tested and moved with
// what it names and no more. A circle is broken by moving what both sides need into a lower module.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = resolve(__dirname, '../..');
const roots = ['src', 'eval', 'bench'];
const options: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  resolveJsonModule: true,
  allowImportingTsExtensions: true,
  jsx: ts.JsxEmit.ReactJSX,
  paths: { '@shared/*': ['./src/shared/*'], '@renderer/*': ['./src/renderer/src/*'] },
  pathsBasePath: repo,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each file's imports among the files walked: static, type-only, re-exports and `import()` alike. */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName } of importedFiles) {
      const found = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName;
      if (found && known.has(resolve(found))) targets.add(resolve(found));
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** The graph's circles (Tarjan's strongly connected components of two files or more, or a file importing itself). */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import circles', () => {
  it('finds a circle where there is one, type-only and through a path alias too', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(circles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
    const files = [resolve(repo, 'src/shared/domain/inbox.ts'), resolve(repo, 'src/shared/domain/model.ts'), resolve(repo, 'src/renderer/src/stores/inbox.ts')];
    const edges = importGraph(files);
    expect(edges.get(files[0]!)).toContain(files[1]);
    expect(edges.get(files[2]!)).toContain(files[0]);
  });

  it('src, eval and bench have none', () => {
    const files = roots.flatMap((root) => sourceFiles(resolve(repo, root)));
    expect(files.length).toBeGreaterThan(300);
    const found = circles(importGraph(files)).map((c) => c.map((f) => relative(repo, f)).join(' → '));
    expect(found).toEqual([]);
  });
});
