import type { DocumentBase } from '../types.js';
import type { Body } from './hcl.js';

/** One Terraform file: configuration (`.tf`) or variable values (`.tfvars`). */
export interface TerraformDocument extends DocumentBase {
  kind: 'terraform' | 'tfvars';
  body: Body;
}
