({"init-AKN3EWZK.cjs":(function (exports, require, module, __filename, __dirname) {"use strict";var __defProp=Object.defineProperty;var __getOwnPropDesc=Object.getOwnPropertyDescriptor;var __getOwnPropNames=Object.getOwnPropertyNames;var __hasOwnProp=Object.prototype.hasOwnProperty;var __export=(target,all)=>{for(var name in all)__defProp(target,name,{get:all[name],enumerable:!0})},__copyProps=(to,from,except,desc)=>{if(from&&typeof from=="object"||typeof from=="function")for(let key of __getOwnPropNames(from))!__hasOwnProp.call(to,key)&&key!==except&&__defProp(to,key,{get:()=>from[key],enumerable:!(desc=__getOwnPropDesc(from,key))||desc.enumerable});return to};var __toCommonJS=mod=>__copyProps(__defProp({},"__esModule",{value:!0}),mod);var stdin_exports={};__export(stdin_exports,{starterConfig:()=>starterConfig,writeStarterConfig:()=>writeStarterConfig});module.exports=__toCommonJS(stdin_exports);var import_chunk_77RW3TAU=require("./chunk-77RW3TAU.cjs"),import_chunk_BGFN463D=require("./chunk-BGFN463D.cjs"),import_chunk_3I6JZJ7X=require("./chunk-3I6JZJ7X.cjs"),import_chunk_4IYU7QWH=require("./chunk-4IYU7QWH.cjs"),import_chunk_4Y2OC6KY=require("./chunk-4Y2OC6KY.cjs"),import_chunk_ZFCNO6OS=require("./chunk-ZFCNO6OS.cjs"),import_chunk_M3ZVOU4D=require("./chunk-M3ZVOU4D.cjs"),import_chunk_OPXKH4OG=require("./chunk-OPXKH4OG.cjs"),import_chunk_TWHBXZKZ=require("./chunk-TWHBXZKZ.cjs"),import_chunk_E56AYYSE=require("./chunk-E56AYYSE.cjs"),import_chunk_6F2UEOND=require("./chunk-6F2UEOND.cjs"),import_chunk_LASOOC2L=require("./chunk-LASOOC2L.cjs"),import_chunk_R3T7V25T=require("./chunk-R3T7V25T.cjs"),import_chunk_BTRORE2D=require("./chunk-BTRORE2D.cjs"),import_chunk_PXQFLRJE=require("./chunk-PXQFLRJE.cjs"),import_node_fs=require("node:fs"),import_node_path=require("node:path");async function writeStarterConfig(directory,force){let file=(0,import_node_path.join)(directory,".merlint.yaml");if((0,import_node_fs.existsSync)(file)&&!force)throw new import_chunk_4IYU7QWH.UsageError(`${file} exists already; use --force to replace it`);let{files}=await(0,import_chunk_BGFN463D.discover)({root:directory,paths:[directory],ignore:[]}),counts=new Map;for(let found of files)counts.set(found.kind,(counts.get(found.kind)??0)+1);return(0,import_node_fs.writeFileSync)(file,starterConfig(counts)),file}function starterConfig(counts){let found=[...counts].map(([kind,count])=>`${count} ${(0,import_chunk_ZFCNO6OS.describeKind)(kind).names[count===1?0:1]}`);return`# merlint configuration: ${import_chunk_77RW3TAU.PROJECT_URL}#configuration
# Found here: ${found.length?found.join(", "):"no files merlint reads yet"}.
# The $schema line lets editors complete and check this file.
$schema: ${import_chunk_77RW3TAU.PROJECT_URL.replace("github.com","raw.githubusercontent.com")}/main/schemas/config.schema.json

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
`}0&&(module.exports={starterConfig,writeStarterConfig});

}),"chunk-77RW3TAU.cjs":(function (exports, require, module, __filename, __dirname) {"use strict";var __defProp=Object.defineProperty;var __getOwnPropDesc=Object.getOwnPropertyDescriptor;var __getOwnPropNames=Object.getOwnPropertyNames;var __hasOwnProp=Object.prototype.hasOwnProperty;var __export=(target,all)=>{for(var name in all)__defProp(target,name,{get:all[name],enumerable:!0})},__copyProps=(to,from,except,desc)=>{if(from&&typeof from=="object"||typeof from=="function")for(let key of __getOwnPropNames(from))!__hasOwnProp.call(to,key)&&key!==except&&__defProp(to,key,{get:()=>from[key],enumerable:!(desc=__getOwnPropDesc(from,key))||desc.enumerable});return to};var __toCommonJS=mod=>__copyProps(__defProp({},"__esModule",{value:!0}),mod);var stdin_exports={};__export(stdin_exports,{PROJECT_URL:()=>PROJECT_URL,defineRule:()=>defineRule});module.exports=__toCommonJS(stdin_exports);var PROJECT_URL="https://github.com/merlint/merlint";function helpUri(id){return`${PROJECT_URL}/blob/main/docs/rules/${id}.md`}function defineRule(definition){return{...definition,helpUri:helpUri(definition.id)}}0&&(module.exports={PROJECT_URL,defineRule});

})})