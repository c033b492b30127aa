import { decodeJson, encodeJson } from '../json.js';
import { knownString, type KnownValue } from '../value.js';
import { arity, fullyKnown, known, stop, text, type TerraformFunction } from './support.js';

function plain(value: KnownValue): unknown {
  switch (value.kind) {
    case 'list':
      return value.items.map((item) => plain(item as KnownValue));
    case 'object':
      return Object.fromEntries([...value.entries].map(([key, entry]) => [key, plain(entry as KnownValue)]));
    case 'null':
      return null;
    default:
      return value.value;
  }
}

export const ENCODING_FUNCTIONS: Record<string, TerraformFunction> = {
  jsonencode: (args, context) => {
    arity(args, context, 1);
    const encoded = encodeJson(known(args[0], context));
    if (typeof encoded !== 'string') return encoded;
    return { ...knownString(encoded, context.at), encoded: { format: 'json', value: args[0]! } };
  },
  jsondecode: (args, context) => {
    arity(args, context, 1);
    return decodeJson(known(args[0], context));
  },
  yamlencode: (args, context) => {
    arity(args, context, 1);
    const value = fullyKnown(args[0], context);
    const yaml = context.scope.environment.encodeYaml(plain(value));
    return { ...knownString(yaml, context.at), encoded: { format: 'yaml', value } };
  },
  base64encode: (args, context) => {
    arity(args, context, 1);
    return knownString(Buffer.from(text(args[0], context), 'utf8').toString('base64'), context.at);
  },
  base64decode: (args, context) => {
    arity(args, context, 1);
    const encoded = text(args[0], context);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) stop(context, 'the argument is not valid base64');
    return knownString(Buffer.from(encoded, 'base64').toString('utf8'), context.at);
  },
};
