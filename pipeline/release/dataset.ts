// What a release says about itself: raw/dataset.yaml (name, summary, licence, responsible-use
// notes) and CHANGELOG.md, whose first `## [X.Y.Z] - YYYY-MM-DD` heading is the version. Every
// metadata file of the release is generated from these two and from schemas/.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.js';
import { failOn, type Problem } from '../lib/problems.js';
import { readYamlInput } from '../stages/raw-inputs.js';

export const datasetFile = 'raw/dataset.yaml';
export const changelogFile = 'CHANGELOG.md';

export interface DatasetYaml {
  name: string;
  title: string;
  summary: string;
  creators: { name: string }[];
  keywords: string[];
  licence: { id: string; title: string; path: string; scope: string };
  text_rights: string;
  collection: string;
  biases: string[];
  limitations: string[];
  personal_information: string;
  use_cases: string;
}

export interface DatasetInfo extends DatasetYaml {
  version: string;
  /** Date of the version's changelog heading (YYYY-MM-DD): stated there, never the build's clock. */
  released: string;
  /** CHANGELOG.md from its first version heading on. */
  changelog: string;
}

const versionHeading = /^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$/;

/** Version, date and history from the changelog text; problems point at its lines. */
export function parseChangelog(text: string): { version?: string; released?: string; changelog?: string; problems: Problem[] } {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.startsWith('## '));
  if (first < 0) {
    return {
      problems: [
        {
          code: 'changelog/no-version',
          file: changelogFile,
          line: 1,
          column: 1,
          message: 'no version heading found',
          hint: 'add a heading such as "## [0.1.0] - 2026-11-21" above the changes of the next release',
        },
      ],
    };
  }
  const match = versionHeading.exec(lines[first]!);
  if (!match) {
    return {
      problems: [
        {
          code: 'changelog/bad-version-heading',
          file: changelogFile,
          line: first + 1,
          column: 1,
          message: `'${lines[first]}' is not a version heading`,
          hint: 'write it as "## [MAJOR.MINOR.PATCH] - YYYY-MM-DD"',
        },
      ],
    };
  }
  return { version: match[1], released: match[2], changelog: lines.slice(first).join('\n').trimEnd() + '\n', problems: [] };
}

/** CHANGELOG.md parsed, or the problem that it is missing. */
function readChangelog(): ReturnType<typeof parseChangelog> {
  const path = join(repoRoot, changelogFile);
  return existsSync(path)
    ? parseChangelog(readFileSync(path, 'utf8'))
    : { problems: [{ code: 'changelog/file-not-found', file: changelogFile, message: 'file not found', hint: `create ${changelogFile}` }] };
}

/** Reads raw/dataset.yaml and CHANGELOG.md; `info` is set only when neither has a problem. */
export function readDatasetInfo(): { info?: DatasetInfo; problems: Problem[] } {
  const yaml = readYamlInput(datasetFile, 'dataset');
  const changelog = readChangelog();
  const problems = [...yaml.problems, ...changelog.problems];
  if (problems.length) return { problems };
  const { version, released, changelog: text } = changelog as Required<ReturnType<typeof parseChangelog>>;
  return { info: { ...(yaml.input!.data as DatasetYaml), version, released, changelog: text }, problems };
}

export function loadDatasetInfo(): DatasetInfo {
  const { info, problems } = readDatasetInfo();
  failOn(problems);
  return info!;
}

/** The version alone (CHANGELOG.md's first heading), for what names the release but says nothing else of it (the figures). */
export function loadVersion(): string {
  const { version, problems } = readChangelog();
  failOn(problems);
  return version!;
}

/** How to cite a release, in one line (the card, croissant.json's citeAs). */
export function citationText(info: DatasetInfo): string {
  const authors = info.creators.map((c) => c.name).join(', ');
  return `${authors} (${info.released.slice(0, 4)}). ${info.title}. Version ${info.version} [Data set].`;
}
