import { goSettingsAmong, goSettingsContribution, verbatimInFile } from '../../facts/go-settings.js';
import type { ModelContribution, Note } from '../../language.js';
import { shellGoSettings } from '../../shell/index.js';
import { githubEnvWrites, printingShell } from './github-env.js';
import type { CiDocument } from './parser.js';

/**
 * CI files contribute the Go settings of their environment variables and of their scripts (`export GOFLAGS=…`, `go env -w …`,
 * and in GitHub Actions `echo NAME=value >> "$GITHUB_ENV"`, which sets it for the later steps).
 */
export async function buildCiModel(documents: readonly CiDocument[]): Promise<ModelContribution<undefined>> {
  const contribution = goSettingsContribution(documents, (document) => [
    ...goSettingsAmong(document.file.path, document.index, document.variables, (variable) => variable.scope),
    ...verbatimInFile(
      document.scripts.flatMap(({ script, scope, dialect, sharedWith }) => [
        ...shellGoSettings(script, document.file.path, scope).map((setting) => (sharedWith ? { ...setting, sharedWith } : setting)),
        ...(document.kind === 'github-workflow' ? goSettingsAmong(document.file.path, document.index, githubEnvWrites(script.writes, document.index, printingShell(dialect)), () => `${scope}, written to $GITHUB_ENV`) : []),
      ]),
      document.file.text,
      document.index,
    ),
  ]);
  return { ...contribution, notes: documents.flatMap(templateNote) };
}

/** A pipeline written as a Jinja template is checked once rendered; until then it is one note, not a YAML error. */
function templateNote(document: CiDocument): Note[] {
  const { templateTag } = document;
  if (!templateTag) return [];
  const message = `a Jinja template (\`${templateTag.tag}\` on a line of its own), not YAML until it is rendered, so it is not checked; check the file it renders into`;
  return [{ location: { path: document.file.path, range: templateTag.range }, message }];
}
