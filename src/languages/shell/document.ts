import type { ShellScript } from '../../shell/index.js';
import type { DocumentBase } from '../../types.js';

export interface ShellDocument extends DocumentBase {
  kind: 'shell';
  script: ShellScript;
}
