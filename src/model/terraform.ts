import type { DocumentBase } from '../types.js';
import type { Body } from './hcl.js';

/** One Terraform file: configuration (`.tf`, `.tf.json`) or variable values (`.tfvars`, `.tfvars.json`). */
export interface TerraformDocument extends DocumentBase {
  kind: 'terraform' | 'tfvars';
  body: Body;
}
