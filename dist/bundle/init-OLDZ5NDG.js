import{PROJECT_URL}from"./chunk-PESFGXEG.js";import{discover}from"./chunk-BYKUBTOE.js";import"./chunk-WTYISD7P.js";import{UsageError}from"./chunk-FUZ6D54C.js";import{describeKind}from"./chunk-BFGZW4OF.js";import"./chunk-TGBEDSJE.js";import"./chunk-R3TJXV35.js";import"./chunk-634LZBXD.js";import{existsSync,writeFileSync}from"node:fs";import{join}from"node:path";async function writeStarterConfig(directory,force){let file=join(directory,".merlint.yaml");if(existsSync(file)&&!force)throw new UsageError(`${file} exists already; use --force to replace it`);let{files}=await discover({root:directory,paths:[directory],ignore:[]}),counts=new Map;for(let found of files)counts.set(found.kind,(counts.get(found.kind)??0)+1);return writeFileSync(file,starterConfig(counts)),file}function starterConfig(counts){let found=[...counts].map(([kind,count])=>`${count} ${describeKind(kind).names[count===1?0:1]}`);return`# merlint configuration: ${PROJECT_URL}#configuration
# Found here: ${found.length?found.join(", "):"no files merlint reads yet"}.
# The $schema line lets editors complete and check this file.
$schema: ${PROJECT_URL.replace("github.com","raw.githubusercontent.com")}/main/schemas/config.schema.json

# Defaults of the singapore profile: allowed regions are Singapore's on every cloud.
profile: singapore

# Lowest level of finding that fails the run: error | warning | note | none.
failOn: error

# Files never scanned (gitignore syntax, relative to this file).
# ignore:
#   - vendor/**
#   - "**/testdata/**"

# Where data may live (RES001-RES003). Region codes are per cloud; a cloud listed here
# replaces its Singapore default. Destinations outside them need a transfer basis
# (PDPA s26): contract | binding-corporate-rules | consent | certification | other.
# residency:
#   allowedRegions:
#     aws: [ap-southeast-1]
#   approvedTransfers:
#     - cloud: aws
#       region: ap-northeast-1
#       basis: contract
#       reference: DPA with AWS Japan, 2025-03

# A rule's level, or off: error | warning | note | off (merlint rules lists them all).
# rules:
#   DKR002: error
#   DKR006: note

# Your team's own policies: every *.policy.yaml below these directories (relative to this
# file) runs like a built-in rule; \`merlint test\` proves them on their fixtures.
# policies:
#   - policies
`}export{starterConfig,writeStarterConfig};
