import type { TerraformModel } from './types.js';

/** The model of a scan without Terraform files; kept apart from the evaluator so that such a scan does not load it. */
export const EMPTY_TERRAFORM_MODEL: TerraformModel = {
  roots: [],
  modules: [],
  resources: [],
  providers: [],
  calls: [],
  resourcesIn: () => [],
  providersIn: () => [],
  callsIn: () => [],
  notes: [],
  network: { vpcs: [], subnets: [], vpcOf: () => undefined },
  ecr: { repositories: [], lifecyclePolicies: [], registryScanning: [], repositoriesOf: () => [] },
  regions: { uses: [], of: () => undefined },
  transfers: [],
};
