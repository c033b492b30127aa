import { parseTree, type Node as JsonNode, type ParseError as JsonSyntaxError } from 'jsonc-parser';
import { insideBraces, repeatedAttributes, type Block, type Body, type Expression, type Label } from './hcl/syntax.js';
import type { Comment, Range } from '../../types.js';
import { embeddedHcl, type EmbeddedHcl, type HclSyntax } from './hcl/parser.js';
import { complete, firstError, JsonValues, nestingError, type StringReading } from './json-values.js';

/**
 * Terraform's JSON syntax (`.tf.json`, `.tfvars.json`) read into the same tree as native syntax.
 * https://developer.hashicorp.com/terraform/language/syntax/json and HCL's JSON specification:
 * the root object's properties are blocks; each label is one level of nested objects; an array of
 * objects at any level stands for several; `"//"` properties are comments; strings are templates.
 */

/** What Terraform's schema says of a body: which properties are blocks, and how it reads the strings of its attributes. */
interface BodySchema {
  blocks?: Record<string, BlockSchema>;
  /** Attributes whose strings (in arrays and objects too, keys included) Terraform reads as expressions: `"aws.dr"`. */
  expressions?: string[];
  /** Attributes whose strings Terraform takes literally, not as templates (`all`: every attribute). */
  literals?: string[] | 'all';
}

interface BlockSchema extends BodySchema {
  labels: number;
}

const LIFECYCLE: BlockSchema = {
  labels: 0,
  expressions: ['ignore_changes', 'replace_triggered_by'],
  blocks: { precondition: { labels: 0 }, postcondition: { labels: 0 }, action_trigger: { labels: 0, expressions: ['events', 'actions'] } },
};
const CONNECTION: BlockSchema = { labels: 0, literals: ['type'] };
const PROVISIONER: BlockSchema = { labels: 1, expressions: ['when', 'on_failure'], blocks: { connection: CONNECTION } };
const RESOURCE: BlockSchema = { labels: 2, expressions: ['provider', 'depends_on'], blocks: { lifecycle: LIFECYCLE, connection: CONNECTION, provisioner: PROVISIONER } };
const DATA: BlockSchema = { labels: 2, expressions: ['provider', 'depends_on'], blocks: { lifecycle: LIFECYCLE } };
const SETTINGS: BlockSchema = { labels: 0, literals: 'all' };

/**
 * Terraform's own block types, and the arguments its JSON syntax page lists as exceptions.
 * Provider-defined nested blocks are not known here; they stay attributes with object values, which
 * `blocks()` also reads as blocks.
 */
const CONFIGURATION: BodySchema = {
  blocks: {
    terraform: {
      ...SETTINGS,
      blocks: {
        required_providers: SETTINGS,
        backend: { ...SETTINGS, labels: 1 },
        cloud: { ...SETTINGS, blocks: { workspaces: SETTINGS } },
        provider_meta: { ...SETTINGS, labels: 1 },
      },
    },
    provider: { labels: 1, literals: ['alias', 'version'] },
    variable: { labels: 1, expressions: ['type'], literals: ['default', 'description'], blocks: { validation: { labels: 0 } } },
    output: { labels: 1, expressions: ['depends_on'], literals: ['description'], blocks: { precondition: { labels: 0 } } },
    locals: { labels: 0 },
    module: { labels: 1, expressions: ['providers', 'depends_on'], literals: ['source', 'version'] },
    resource: RESOURCE,
    data: DATA,
    ephemeral: DATA,
    action: { labels: 2, expressions: ['provider'] },
    moved: { labels: 0, expressions: ['from', 'to'] },
    import: { labels: 0, expressions: ['to', 'provider'] },
    removed: { labels: 0, expressions: ['from'], blocks: { lifecycle: { labels: 0 }, provisioner: PROVISIONER } },
    check: { labels: 1, blocks: { data: DATA, assert: { labels: 0 } } },
  },
};

/** A `.tfvars.json` file: every property is a variable's value, evaluated without variables, so its strings are literal. */
const VARIABLE_VALUES: BodySchema = { literals: 'all' };

function stringReading(schema: BodySchema, name: string): StringReading {
  if (schema.expressions?.includes(name)) return 'expression';
  return schema.literals === 'all' || schema.literals?.includes(name) ? 'literal' : 'template';
}

export function parseTerraformJson(text: string, kind: 'terraform' | 'tfvars'): HclSyntax {
  const reader = new JsonReader(text, embeddedHcl);
  const tooDeep = nestingError(text, reader);
  if (tooDeep) return { body: reader.emptyBody(), comments: [], errors: [tooDeep] };
  const syntaxErrors: JsonSyntaxError[] = [];
  const root = parseTree(text, syntaxErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const problems = syntaxErrors.map((error) => reader.syntaxError(error));
  const body = root ? reader.root(root, kind === 'tfvars' ? VARIABLE_VALUES : CONFIGURATION) : reader.emptyBody();
  return { body, comments: reader.comments, errors: firstError([...problems, ...reader.problems]) };
}

class JsonReader extends JsonValues {
  readonly comments: Comment[] = [];

  constructor(
    text: string,
    private readonly hcl: EmbeddedHcl,
  ) {
    super(text);
  }

  emptyBody(): Body {
    return { attributes: [], blocks: [], range: this.span(0, this.text.length), json: true };
  }

  root(node: JsonNode, schema: BodySchema): Body {
    if (node.type !== 'object' && node.type !== 'array') {
      this.problem(node, 'expected a JSON object at the top of the file');
      return this.emptyBody();
    }
    return this.body(node, schema);
  }

  private body(node: JsonNode, schema: BodySchema): Body {
    const body: Body = { attributes: [], blocks: [], range: node.type === 'object' ? insideBraces(this.range(node)) : this.range(node), json: true };
    for (const property of this.properties(node, 'arguments and blocks')) {
      const [key, value] = property.children as [JsonNode, JsonNode];
      const name = key.value as string;
      const blockSchema = schema.blocks?.[name];
      if (name === '//') this.comment(property, value);
      else if (blockSchema) body.blocks.push(...this.blocks(name, key, value, blockSchema, [], property));
      else body.attributes.push(this.attribute(property, stringReading(schema, name)));
    }
    // A repeated object-valued property may be a nested block written twice, which HCL allows.
    this.problems.push(...repeatedAttributes({ ...body, attributes: body.attributes.filter((attribute) => !mayBeBlocks(attribute.value)) }));
    return body;
  }

  /** The properties of an object, or of every object in an array (HCL's JSON syntax allows both where a body or a label level is expected). */
  private properties(node: JsonNode, what: string): JsonNode[] {
    if (node.type === 'null') return [];
    if (node.type === 'object') return complete(node);
    if (node.type === 'array') {
      return (node.children ?? []).flatMap((element) => {
        if (element.type === 'object') return complete(element);
        this.problem(element, `expected a JSON object for ${what}`);
        return [];
      });
    }
    this.problem(node, `expected a JSON object or an array of objects for ${what}`);
    return [];
  }

  /** Blocks of `type`: one level of properties per label, then one body (an object) or several (an array of objects). */
  private blocks(type: string, typeKey: JsonNode, value: JsonNode, schema: BlockSchema, labels: Label[], holder: JsonNode): Block[] {
    if (labels.length < schema.labels) {
      return this.properties(value, `the labels of ${type} blocks`).flatMap((property) => {
        const [key, inner] = property.children as [JsonNode, JsonNode];
        // HCL would take a "//" here for a label; it can only be meant as a comment.
        if (key.value === '//') {
          this.comment(property, inner);
          return [];
        }
        return this.blocks(type, typeKey, inner, schema, [...labels, { value: key.value as string, range: this.range(key) }], property);
      });
    }
    const block = (body: JsonNode, range: Range): Block => ({ type, typeRange: this.range(typeKey), labels, body: this.body(body, schema), range });
    if (value.type === 'object') return [block(value, this.range(holder))];
    if (value.type === 'array') return this.objects(value, `the body of a ${type} block`).map((element) => block(element, this.range(element)));
    if (value.type !== 'null') this.problem(value, `expected a JSON object or an array of objects for the body of a ${type} block`);
    return [];
  }

  private objects(array: JsonNode, what: string): JsonNode[] {
    return (array.children ?? []).filter((element) => {
      if (element.type === 'object') return true;
      this.problem(element, `expected a JSON object for ${what}`);
      return false;
    });
  }

  /** A JSON string read as Terraform reads it there; ranges point inside the string as written. */
  protected override string(node: JsonNode, reading: StringReading): Expression {
    const { value, positions } = this.stringContent(node);
    if (reading === 'expression') {
      const { expression, errors } = this.hcl.expression(value, positions);
      this.problems.push(...errors);
      return expression;
    }
    if (reading === 'literal' || (!value.includes('${') && !value.includes('%{'))) return super.string(node, reading);
    const { parts, errors } = this.hcl.template(value, positions);
    this.problems.push(...errors);
    return { type: 'template', parts, heredoc: false, range: this.range(node) };
  }

  private comment(property: JsonNode, value: JsonNode): void {
    if (value.type === 'string') this.comments.push({ range: this.range(property), text: String(value.value).trim() });
  }
}

function mayBeBlocks(value: Expression): boolean {
  return value.type === 'object' || (value.type === 'tuple' && value.items.every((item) => item.type === 'object'));
}
