// Installed npm packages: where their files are and which version is installed (for provenance,
// and for the cache keys of what their code produces).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export const packagePath = (pkg: string, file: string) => join(repoRoot, 'node_modules', pkg, file);

export function packageVersion(pkg: string): string {
  return (JSON.parse(readFileSync(packagePath(pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

let loadedJsdom: typeof import('jsdom') | undefined;

/**
 * jsdom, loaded at the first call and not when a module that may need it is: loading it takes
 * ~1 s of CPU, which `make add` of a text file and a build whose figures come from the cache
 * never need to pay (issue 17).
 */
export const jsdom = (): typeof import('jsdom') => (loadedJsdom ??= createRequire(import.meta.url)('jsdom') as typeof import('jsdom'));
