import type { Language } from '../../language.js';
import type { TerraformSource } from './document.js';
import { EMPTY_TERRAFORM_MODEL } from './model/empty.js';
import { isConfiguration, localSources } from './sources.js';
import type { TerraformModel } from './model/types.js';

type TerraformKind = 'terraform' | 'tfvars' | 'tfplan';

/**
 * `terraform show -json` of a saved plan: `tfplan.json` or `*.tfplan.json`. A name of its own, as
 * the content is ordinary JSON: a bare `plan.json` is too common a name to claim.
 */
const TERRAFORM_PLAN = /^(?:.+\.)?tfplan\.json$/;

export const terraform: Language<TerraformKind, TerraformSource, TerraformModel> = {
  name: 'terraform',
  kinds: ['terraform', 'tfvars', 'tfplan'],
  about: { terraform: { names: ['Terraform file', 'Terraform files'], fence: 'hcl' }, tfvars: { names: ['Terraform variables file', 'Terraform variables files'], fence: 'hcl' }, tfplan: { names: ['Terraform plan', 'Terraform plans'], fence: 'json' } },
  kindOf(path) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (name.endsWith('.tf') || name.endsWith('.tf.json')) return 'terraform';
    if (name.endsWith('.tfvars') || name.endsWith('.tfvars.json')) return 'tfvars';
    return TERRAFORM_PLAN.test(name) ? 'tfplan' : undefined;
  },
  context: ['terraform', 'tfvars'],
  directoriesNamed: (path, text) => (isConfiguration(path) ? localSources(text()) : []),
  // The module graph is read from the files' text only when a Terraform file is named on its own.
  narrowContext: async (targets, candidates, read, forFacts) => (await import('./context.js')).relevantContext(targets, candidates, read, forFacts),
  units: async () => (await import('./units.js')).terraformUnits,
  parser: async (kind) => (kind === 'tfplan' ? (await import('./plan-parser.js')).parseTerraformPlan : (await import('./parser.js')).parseTerraform),
  // The evaluator loads only when Terraform files are in the scan: a Dockerfile-only run pays nothing for it.
  modelBuilder: async () => (await import('./model/model.js')).buildTerraform,
  emptyModel: EMPTY_TERRAFORM_MODEL,
};
