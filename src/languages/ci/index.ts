import type { Language } from '../../language.js';
import type { CiDocument } from './parser.js';

type CiKind = 'github-workflow' | 'gitlab-ci';

const GITHUB_WORKFLOW = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;
/** `.gitlab-ci.yml`, and files included from it that keep the name (`build.gitlab-ci.yml`). */
const GITLAB_CI = /(?:^|\/)(?:[^/]+\.)?\.?gitlab-ci\.ya?ml$/;

/** CI pipelines, recognised by their path alone: GitHub Actions workflows and GitLab CI files. */
export const ci: Language<CiKind, CiDocument> = {
  name: 'ci',
  kinds: ['github-workflow', 'gitlab-ci'],
  about: { 'github-workflow': { names: ['GitHub Actions workflow', 'GitHub Actions workflows'], fence: 'yaml' }, 'gitlab-ci': { names: ['GitLab CI file', 'GitLab CI files'], fence: 'yaml' } },
  kindOf(path) {
    if (GITHUB_WORKFLOW.test(path)) return 'github-workflow';
    return GITLAB_CI.test(path) ? 'gitlab-ci' : undefined;
  },
  contributes: ['goSettings'],
  parser: async (kind) => (kind === 'github-workflow' ? (await import('./github.js')).parseGithubWorkflow : (await import('./gitlab.js')).parseGitlabCi),
  modelBuilder: async () => (await import('./model.js')).buildCiModel,
};
