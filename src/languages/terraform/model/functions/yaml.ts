import { stringify } from 'yaml';

/** `yamlencode` as Terraform writes YAML: strings double-quoted, sequences in a mapping not indented. */
export function encodeYaml(value: unknown): string {
  return stringify(value, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: null, indentSeq: false, lineWidth: 0 });
}
