import type { DocumentBase } from '../../types.js';
import type { Body } from './hcl/syntax.js';
import type { TerraformPlanDocument } from './plan-document.js';

/** One Terraform file: configuration (`.tf`, `.tf.json`) or variable values (`.tfvars`, `.tfvars.json`). */
export interface TerraformDocument extends DocumentBase {
  kind: 'terraform' | 'tfvars';
  body: Body;
}

/** A file the Terraform model reads resources from: configuration, or a saved plan. */
export type TerraformSource = TerraformDocument | TerraformPlanDocument;
