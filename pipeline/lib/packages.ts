// Installed npm packages: where their files are and which version is installed (for provenance,
// and for the cache keys of what their code produces).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export const packagePath = (pkg: string, file: string) => join(repoRoot, 'node_modules', pkg, file);

export function packageVersion(pkg: string): string {
  return (JSON.parse(readFileSync(packagePath(pkg, 'package.json'), 'utf8')) as { version: string }).version;
}
