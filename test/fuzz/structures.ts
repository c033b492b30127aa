import fc from 'fast-check';

/*
 * Grammar-aware inputs: documents built from the constructs of each format that token soups and
 * mutations of the seed files hardly reach (Dockerfile heredocs and parser directives, HCL templates
 * and heredocs, YAML anchors and block scalars, nested shell substitutions …), and transforms of any
 * input: other line ends, a byte order mark, a construct nested thousands deep, a huge token.
 */

type Text = fc.Arbitrary<string>;

const word = fc.constantFrom('a', 'x', 'GOPROXY', 'GOSUMDB', 'region', 'ap-southeast-1', 'us-east-1', 'off', 'direct', 'https://proxy.golang.org', 'http://athens:3000', 'user:token@host', 'S1234567D', '+65 9123 4567', '[::1]', 'localhost', 'latest', 'golang:1.25', 'scratch', 'EOF', '');
const name = fc.constantFrom('a', 'b', 'x', 'region', 'phone', 'nric', 'GOPROXY', 'GOFLAGS', 'EOF', 'EOT', 'END');
const space = fc.constantFrom(' ', '  ', '\t', '');
const lineEnd = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r', ' \\\n', '\n\n');

function lines(line: Text, max = 12): Text {
  return fc.array(fc.tuple(line, lineEnd), { maxLength: max }).map((parts) => parts.map(([text, end]) => text + end).join(''));
}

function joined(...parts: (Text | string)[]): Text {
  return fc.tuple(...parts.map((part) => (typeof part === 'string' ? fc.constant(part) : part))).map((pieces) => pieces.join(''));
}

/**
 * A here-document body closed (or not) by its delimiter, with `<<-` tabs, quoted delimiters and several per line; `rest`
 * ends the line that opens them (a COPY's destination).
 */
function heredocs(body: Text, rest: Text = fc.constant('')): Text {
  // The name quoted whole or in part, or escaped, as BuildKit's lexer unquotes it (`<<E"OF"`, `<<\EOF`), after a descriptor (`3<<EOF`).
  const quoting = fc.constantFrom((name: string) => name, (name: string) => `"${name}"`, (name: string) => `'${name}'`, (name: string) => `${name.slice(0, 1)}"${name.slice(1)}"`, (name: string) => `\\${name}`, (name: string) => `'${name.slice(0, 1)}'${name.slice(1)}`);
  const one = fc.tuple(name, fc.constantFrom('<<', '<<-', '3<<', '<< '), quoting, body, fc.constantFrom('', '\t', '\t\t'), fc.boolean()).map(([delimiter, operator, quote, text, indent, closed]) => ({
    open: `${operator}${quote(delimiter)}`,
    body: `${text}${closed ? `${indent}${delimiter}\n` : ''}`,
  }));
  return fc.tuple(fc.array(one, { minLength: 1, maxLength: 3 }), rest).map(([docs, end]) => `${docs.map((doc) => doc.open).join(' ')}${end}\n${docs.map((doc) => doc.body).join('')}`);
}

/** Shell commands: nested `$( )` and backquotes, case, here-strings, arithmetic, extglob, functions, here-documents. */
export const shellScript: Text = fc.letrec<{ command: string; word: string }>((tie) => ({
  word: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    word,
    joined('"', tie('word'), '"'),
    joined("'", word, "'"),
    joined('$(', tie('command'), ')'),
    joined('`', tie('command'), '`'),
    joined('${', name, fc.constantFrom(':-', ':=', '//', '#', '%%', ':+', ''), tie('word'), '}'),
    joined('$((', fc.constantFrom('1+2', 'x*3', '(a<<2)', '$x/0'), '))'),
    joined('@(', word, '|', word, ')'),
    joined('<(', tie('command'), ')'),
    joined('$', name),
  ),
  command: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.array(tie('word'), { minLength: 1, maxLength: 4 }).map((words) => words.join(' ')),
    joined('export ', name, '=', tie('word')),
    joined(name, '=', tie('word'), ' go ', fc.constantFrom('build', 'mod download', 'env -w GOPROXY=off')),
    joined(tie('command'), fc.constantFrom(' && ', ' || ', ' | ', '; ', ' & '), tie('command')),
    joined('case ', tie('word'), ' in ', word, ') ', tie('command'), ';; *) ', tie('command'), ';; esac'),
    joined('if ', tie('command'), '; then ', tie('command'), '; fi'),
    joined('f() { ', tie('command'), '; }'),
    joined('cat <<< ', tie('word')),
    joined('(', tie('command'), ')'),
    joined(fc.constantFrom('sh -c ', 'bash -c ', 'eval '), '"', tie('command'), '"'),
    joined('sysctl -w net.ipv6.conf.', fc.constantFrom('all', 'default', 'eth0'), '.disable_ipv6=', fc.constantFrom('1', '0', '')),
    joined('cat ', heredocs(lines(tie('word'), 3))),
  ),
})).command;

/** Lines of files a COPY writes from a here-document: sysctl and Go settings, a continued line, a script's, references BuildKit expands. */
const copiedLine = fc.constantFrom('net.ipv6.conf.all.disable_ipv6 = 1', '\tnet.ipv6.conf.default.disable_ipv6=1', 'GOPROXY=off', 'x \\', '# c', '', '#!/bin/sh', '#!/usr/bin/env python3', 'sysctl -w net.ipv6.conf.all.disable_ipv6=${X:-1}', 'export GOPROXY=$GOPROXY\\$ "$@" ${', 'apk add git');
const dockerfileFlag = fc.constantFrom('', '--from=build ', '--mount=type=cache,target=/root/.cache ', '--mount=type=secret,id=npm ', '--chown=1000:1000 ', '--platform=$BUILDPLATFORM ', '--network=none ', '--link ');
const dockerfileInstruction: Text = fc.oneof(
  joined(fc.constantFrom('FROM ', 'from '), fc.constantFrom('golang:1.25', 'alpine', 'scratch', 'gcr.io/distroless/static', '${BASE}', 'build', 'a@sha256:abc'), fc.constantFrom('', ' AS build', ' as final', ' AS')),
  joined('RUN ', dockerfileFlag, shellScript),
  joined('RUN ', dockerfileFlag, heredocs(lines(shellScript, 4))),
  joined('RUN ["', fc.constantFrom('go', 'sh'), '", ', fc.constantFrom('"-c"', '"build"', '"\\u0022"', ''), fc.constantFrom(']', '', ', \\\n# c\n "x"]')),
  joined(fc.constantFrom('COPY ', 'ADD '), dockerfileFlag, fc.constantFrom('. .', 'go.mod go.sum ./', '<<EOF /etc/x\nGOPROXY=off\nEOF', '["a", "b"]', '--from=0 /app /app')),
  joined(fc.constantFrom('COPY ', 'ADD '), dockerfileFlag, heredocs(lines(fc.oneof(word, copiedLine), 3), fc.constantFrom(' /etc/sysctl.d/99.conf', ' src /d/', ' /d/', '', ' <<EOF', ' \\\n  /x', ' /entrypoint.sh', ' /usr/local/bin/'))),
  joined(fc.constantFrom('RUN ', 'CMD ', 'ENTRYPOINT '), fc.constantFrom('/entrypoint.sh', 'sh /entrypoint.sh', '["/entrypoint.sh"]', 'true && EOF', '. /usr/local/bin/EOF')),
  joined(fc.constantFrom('ENV ', 'ARG '), name, fc.constantFrom('=', ' ', '='), fc.constantFrom('', '"'), word, fc.constantFrom('', '"', ' B=${A:-${B:+c}}')),
  joined(fc.constantFrom('USER ', 'WORKDIR ', 'SHELL ["/bin/bash", "-c"]', 'CMD ', 'ENTRYPOINT ', 'HEALTHCHECK CMD ', 'ONBUILD RUN ', 'EXPOSE ', 'LABEL a=b ', 'STOPSIGNAL '), word),
  joined('#', fc.constantFrom(' comment', ' expect: DKR002', ' merlint-ignore DKR003 -- reason', '')),
);
export const dockerfile: Text = joined(
  fc.array(fc.constantFrom('# syntax=docker/dockerfile:1\n', '# escape=`\n', '#escape=\\\n', '# ESCAPE = `\n', '# check=skip=all\n', '#syntax=x\n'), { maxLength: 2 }).map((directives) => directives.join('')),
  lines(dockerfileInstruction, 10),
).map((text) => (text.startsWith('# escape=`') ? text.replaceAll(' \\\n', ' `\n') : text));

/** HCL expressions: templates with directives and nested interpolations, heredocs, for expressions, comments in odd places. */
const hclExpression: Text = fc.letrec<{ expression: string; template: string }>((tie) => ({
  template: fc.array(
    fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      word,
      joined('${', tie('expression'), '}'),
      joined('${~ ', tie('expression'), ' ~}'),
      joined('%{ if ', tie('expression'), ' }', word, '%{ else }', word, '%{ endif }'),
      joined('%{~ for ', name, ' in ', tie('expression'), ' ~}', word, '%{ endfor }'),
      fc.constantFrom('$${', '%%{', '\\"', '\\n', '\\u00e9', '$', '%'),
    ),
    { maxLength: 4 },
  ).map((parts) => parts.join('')),
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('1', '-0.5e3', 'true', 'null', 'var.region', 'local.a', 'module.m.out', 'each.value', 'count.index', 'aws_vpc.main.id', 'data.aws_region.current.name'),
    joined('"', tie('template'), '"'),
    joined('<<', fc.constantFrom('EOT', '-EOT'), '\n', tie('template'), '\n', fc.constantFrom('EOT', '  EOT', 'EOF'), '\n'),
    joined('[', tie('expression'), ', ', tie('expression'), fc.constantFrom(']', ',]', ' # c\n]')),
    joined('{ ', name, ' = ', tie('expression'), fc.constantFrom(' }', '\n}', ', "k" = 1 }', ' /* c */ }')),
    joined(fc.constantFrom('lower', 'join', 'format', 'replace', 'concat', 'try', 'lookup', 'jsonencode', 'templatefile', 'coalesce', 'regex', 'flatten', 'merge'), '(', tie('expression'), fc.constantFrom(')', ', ', ', "x")', '...)'), fc.constantFrom('', ')')),
    joined(tie('expression'), fc.constantFrom(' ? ', ' == ', ' && ', ' + ', ' % ', '.', '[', '[*].', '.*.'), tie('expression'), fc.constantFrom('', ' : null', ']')),
    joined('[for ', name, ', ', name, ' in ', tie('expression'), ' : ', tie('expression'), fc.constantFrom(']', ' if x]', '...]')),
    joined('{for ', name, ' in ', tie('expression'), ' : ', name, ' => ', tie('expression'), fc.constantFrom('}', '...}')),
    joined('(\n  # comment\n  ', tie('expression'), '\n)'),
    joined('!', tie('expression')),
  ),
})).expression;

const hclBlockHeader = fc.constantFrom('provider "aws"', 'resource "aws_s3_bucket" "b"', 'resource "aws_ecr_repository" "r"', 'resource "aws_vpc" "v"', 'module "m"', 'locals', 'variable "region"', 'data "aws_region" "here"', 'dynamic "rule"', 'lifecycle', 'terraform', 'output "o"', 'resource "aws_s3_bucket_replication_configuration" "r"');
export const hcl: Text = fc.letrec<{ body: string }>((tie) => ({
  body: lines(
    fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      joined(fc.constantFrom('region', 'location', 'source', 'default', 'policy', 'name', 'for_each', 'count', 'tags', 'image_tag_mutability', 'content'), space, '=', space, hclExpression),
      joined(hclBlockHeader, fc.constantFrom(' {', ' /* c */ {', ' {}', ' # c\n{'), '\n', tie('body'), fc.constantFrom('}', '', '}}')),
      fc.constantFrom('# comment', '// comment', '/* multi\nline */', '', 'merlint-ignore RES001'),
    ),
    6,
  ),
})).body;

/** tfvars: attributes only. */
export const tfvars: Text = lines(joined(name, space, '=', space, hclExpression), 8);

/** YAML: anchors and aliases, merge keys, several documents, flow collections, block scalars with indicators, tags, complex keys. */
const yamlScalar = fc.oneof(word, joined('"', word, fc.constantFrom('"', '\\"', '\\u00e9"', '')), joined("'", word, fc.constantFrom("'", "''", '')), fc.constantFrom('~', 'null', 'yes', '0x1F', '1e3', '!!str 1', '!!binary aGk=', '&a x', '*a', '*missing', '${{ env.GOPROXY }}', '{{ .Values.x }}', ':', '- ', '? ', '|', '>-'));
export const yaml: Text = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    yamlScalar,
    joined('[', tie('node'), ', ', tie('node'), fc.constantFrom(']', '', ',]')),
    joined('{', name, ': ', tie('node'), fc.constantFrom('}', '', ', <<: *a}')),
    joined(fc.constantFrom('|', '|-', '|+', '>', '>2', '|1-', '>+'), '\n', fc.constantFrom('  ', ' ', '\t', '    '), word, '\n', fc.constantFrom('  ', ''), word),
    fc.array(joined(fc.constantFrom('', '&a ', '!!map ', '? '), name, fc.constantFrom(': ', ':\t', ':'), tie('node')), { minLength: 1, maxLength: 4 }).map((pairs) => `\n${pairs.map((pair) => `  ${pair.replaceAll('\n', '\n  ')}`).join('\n')}`),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => `\n${items.map((item) => `- ${item.replaceAll('\n', '\n  ')}`).join('\n')}`),
    joined('<<: ', fc.constantFrom('*a', '[*a, *b]', '*a\n<<: *b')),
  ),
})).node;

const yamlDocument = (heads: string[]) =>
  fc.tuple(fc.constantFrom(...heads), fc.array(joined(fc.constantFrom('apiVersion', 'kind', 'metadata', 'spec', 'env', 'jobs', 'steps', 'run', 'script', 'variables', 'services', 'environment', 'image', 'extends', 'x-common', '.base', 'name', 'value', 'GOPROXY', 'data'), ': ', yaml), { maxLength: 6 }), fc.constantFrom('', '---\n', '...\n', '%YAML 1.1\n---\n', '\ufeff')).map(([head, pairs, marker]) => `${marker}${head}${pairs.join('\n')}\n`);
export const manifest: Text = fc.array(yamlDocument(['apiVersion: v1\nkind: Pod\n', 'apiVersion: apps/v1\nkind: Deployment\n', 'apiVersion: v1\nkind: List\nitems:\n', 'apiVersion: v1\nkind: Service\n', '']), { minLength: 1, maxLength: 3 }).map((docs) => docs.join('---\n'));
export const workflow: Text = yamlDocument(['on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          export GOPROXY=${{ env.P }}\n          echo "GOFLAGS=-insecure" >> $GITHUB_ENV\n', 'env:\n  GOPROXY: ${{ secrets.P }}\n', '']);
export const gitlab: Text = yamlDocument(['.base: &base\n  variables:\n    GOPROXY: http://x\nbuild:\n  <<: *base\n  extends: .base\n  script:\n    - !reference [.base, script]\n    - export GOSUMDB=off\n', 'variables:\n  GONOSUMDB: "*"\n', '']);
export const compose: Text = yamlDocument(['x-env: &env\n  GOPROXY: http://athens\nservices:\n  app:\n    image: golang:1.25\n    environment:\n      <<: *env\n      - GOSUMDB=off\n', 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n', '']);
export const config: Text = yamlDocument(['rules:\n  DKR002: off\n', 'residency:\n  allowedRegions:\n    aws: [ap-southeast-1]\n', 'failOn: note\n', 'policies: [team]\n', 'ignore:\n  - "**/vendor/**"\n', '']);

const policyCondition: Text = fc.letrec<{ condition: string }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    joined('path: ', fc.constantFrom('tags.owner', 'commands[*].text', 'spec.replicas', 'value', 'entries[0]', 'image', 'a["b"].c', '[*]', 'x[', '""'), '\n', fc.constantFrom('exists: true', 'absent: true', 'matches: ^(a|b)+$', 'notMatches: (a+)+', 'matches: "["', 'equals: 1', 'oneOf: [a, b]', 'greaterThan: 2', 'atLeast: 1', 'lessThan: x', 'referencedBy: {target: terraform.resource}', '')),
    joined('all:\n  - ', tie('condition').map((inner) => inner.replaceAll('\n', '\n    '))),
    joined('any:\n  - ', tie('condition').map((inner) => inner.replaceAll('\n', '\n    '))),
    joined('not:\n  ', tie('condition').map((inner) => inner.replaceAll('\n', '\n  '))),
  ),
})).condition;
/** Team policies: every key of the policy schema, with conditions nested in all/any/not. */
export const policy: Text = joined(
  fc.constantFrom('id: TEAM001\n', 'id: DKR001\n', 'id: x\n', ''),
  fc.constantFrom('title: A title\nlevel: warning\nrationale: Why.\nremediation: What.\n', 'title: |\n  multi\nlevel: note\nrationale: r\nremediation: r\n', 'level: fatal\n'),
  fc.constantFrom('target: terraform.resource\n', 'target: dockerfile.instruction\n', 'target: dockerfile.stage\n', 'target: kubernetes.object\n', 'target: kubernetes.container\n', 'target: go.setting\n', 'target: terraform.module\n', 'target: nothing\n'),
  fc.constantFrom('', 'select:\n  type: aws_s3_bucket\n', 'select:\n  type: [RUN, COPY]\n  name: final\n', 'select:\n  labels: {a: b}\n  where:\n    path: x\n    exists: true\n'),
  policyCondition.map((condition) => `assert:\n  ${condition.replaceAll('\n', '\n  ')}\n`),
  fc.constantFrom('', 'message: bad {{ name }}\n', 'tags: [a]\n', 'slug: x\n'),
);

export const envFile: Text = lines(joined(fc.constantFrom('', 'export ', '  export\t'), name, fc.constantFrom('=', ' = ', '='), fc.oneof(word, joined('"', word, fc.constantFrom('"', '\n', '\\"', '\n"')), joined("'", word, fc.constantFrom("'", '')), joined('`', word, '`'), joined('${', name, ':-', word, '}')), fc.constantFrom('', ' # c', '#c')), 10);
export const makefile: Text = lines(
  fc.oneof(
    joined(fc.constantFrom('', 'export ', 'override ', 'export override '), name, fc.constantFrom(' = ', ' := ', ' ?= ', ' += ', ' != ', '::='), fc.oneof(word, joined('$(', fc.constantFrom('shell ', 'A', 'subst a,b,'), word, ')'), joined('$$', name))),
    joined('define ', name, '\n', word, '\n', fc.constantFrom('endef', '')),
    joined(fc.constantFrom('ifeq (a,b)\n', 'ifdef X\n', 'else\n', 'endif\n'), word),
    joined('build: ', word, '\n\t', shellScript),
  ),
  10,
);
const goCall = joined(fc.constantFrom('log.Printf(', 'logger.Info(', 'zap.L().Info(', 'slog.Info(', 'logrus.WithField(', 'fmt.Println(', 'log.Info().Str('), fc.constantFrom('"%v %s", user, user.Phone', '"msg", zap.String("phone", u.Phone)', '"nric", nric', '`raw ${x}`', 'user', '"a"+u.NRIC', ''), fc.constantFrom(')', '', '))', ').Msg("x")'));
export const goSource: Text = joined(fc.constantFrom('package main\n', ''), fc.constantFrom('import "go.uber.org/zap"\n', 'import (\n\t"log"\n\t"log/slog"\n)\n', ''), lines(fc.oneof(joined('func f() {\n\t', goCall, '\n}'), goCall, fc.constantFrom('var s = "+65 9123 4567"', '/* S1234567D', '// merlint-ignore PDPA001', 'type User struct { Phone string }', '`')), 8));
const tsCall = joined(fc.constantFrom('console.log(', 'logger.info(', 'this.logger.warn(', 'pino().info(', 'winston.error('), fc.constantFrom('{ phone: user.phone }', '`user ${user.nric}`', '"a" + customer.email', '{ ...user }', 'user?.phone ?? x', 'JSON.stringify(user)', ''), fc.constantFrom(')', '', ');', ', "msg")'));
export const tsSource: Text = joined(fc.constantFrom("import pino from 'pino';\n", "const logger = require('winston');\n", ''), lines(fc.oneof(tsCall, joined('function f(user: User) {\n  ', tsCall, '\n}'), joined('const x = () => ', tsCall), fc.constantFrom('`${`${', '/* S1234567D', '// merlint-ignore PDPA002', 'class A { constructor(private logger: Logger) {} }', '<div>{x}</div>', '/re[/]gex/g')), 8));
export const jsonc: Text = joined('{', fc.array(joined(fc.constantFrom('"containerEnv"', '"remoteEnv"', '"build"', '"image"', '"runArgs"', '"features"', '// c\n', '/* c */'), ': ', fc.oneof(joined('{"', name, '": "', word, '"}'), joined('["', word, '"', fc.constantFrom(']', ',]')), joined('"', word, '"'))), { maxLength: 5 }).map((entries) => entries.join(', ')), fc.constantFrom('}', ',}', ''));

/** Other line ends, a byte order mark, a construct nested thousands deep, a token repeated into a huge one. */
export function transformed(text: Text, deep: readonly string[]): Text {
  const transform = fc.oneof(
    fc.constant((input: string) => input.replace(/\r?\n/g, '\r\n')),
    fc.constant((input: string) => input.replace(/\r?\n/g, '\r')),
    fc.constant((input: string) => `\ufeff${input}`),
    fc.tuple(fc.constantFrom(...deep), fc.integer({ min: 100, max: 5000 }), fc.nat()).map(([piece, count, at]) => (input: string) => {
      const cut = at % (input.length + 1);
      return input.slice(0, cut) + piece.repeat(count) + input.slice(cut);
    }),
    fc.tuple(fc.string({ minLength: 1, maxLength: 3 }), fc.integer({ min: 1000, max: 100_000 }), fc.nat()).map(([piece, count, at]) => (input: string) => {
      const cut = at % (input.length + 1);
      return input.slice(0, cut) + piece.repeat(count) + input.slice(cut);
    }),
  );
  return fc.tuple(text, transform).map(([input, apply]) => apply(input));
}
