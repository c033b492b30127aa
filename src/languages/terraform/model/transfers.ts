import { posix } from 'node:path';
import type { Location } from '../../../types.js';
import { attribute } from '../hcl/syntax.js';
import { azurePair, describeRegion, multiRegion, type Cloud } from '../../../facts/clouds.js';
import { cloudOfProvider } from './provider-clouds.js';
import { regionValue, type TerraformRegions } from './regions.js';
import type { EvaluatedBlock, ResourceInstance } from './types.js';
import { knownString, member, unknown, type StringValue, type UnknownValue, type Value } from './value.js';

/**
 * Data the configuration copies into another region: replication, replicas, backup copies,
 * geo-redundant storage, multi-region locations.
 */
export interface Transfer {
  /** What copies the data, for messages: "S3 replication", "a KMS replica key". */
  readonly mechanism: string;
  readonly cloud: Cloud;
  /** The resource whose configuration sets the copy up. */
  readonly resource: ResourceInstance;
  /** The region the data is copied from, when the configuration decides it. */
  readonly source: StringValue | UnknownValue | undefined;
  /** The region (or GCP multi-region) the data is copied to, with the origin of what decides it; or why it cannot be known. */
  readonly destination: StringValue | UnknownValue;
  /**
   * Where the transfer is written: a destination named as a region or ARN where it is written;
   * a destination reached through a resource reference (or a replica's source) at that reference.
   */
  readonly site: Location;
  /** The declared resource the data is copied to (a replica bucket, a backup vault, the replica itself). */
  readonly target?: ResourceInstance;
}

interface Detection {
  resource: ResourceInstance;
  cloud: Cloud;
  regions: TerraformRegions;
  /** Declared S3 buckets by name, for destinations given as an ARN. */
  bucketNamed(name: string): ResourceInstance | undefined;
  /** The managed resources whose `argument` refers to `target`: the members of a global database. */
  referring(argument: string, target: ResourceInstance): ResourceInstance[];
}

type Detector = (detection: Detection) => Transfer[];

export function transfers(resources: readonly ResourceInstance[], regions: TerraformRegions): Transfer[] {
  const managed = resources.filter((resource) => resource.mode === 'managed');
  const buckets = bucketsByName(managed);
  return managed.flatMap((resource) => {
    const cloud = cloudOfProvider(resource.provider.name);
    const detect = DETECTORS[resource.type] ?? (cloud === 'gcp' ? multiRegionLocation : undefined);
    const referring = (argument: string, target: ResourceInstance) => managed.filter((member) => member.attribute(argument)?.resource === target);
    return cloud && detect ? detect({ resource, cloud, regions, bucketNamed: (name) => buckets.get(name), referring }) : [];
  });
}

const DETECTORS: Readonly<Record<string, Detector>> = {
  aws_s3_bucket_replication_configuration: (detection) => s3Replication(detection, detection.resource.blocks('rule')),
  aws_s3_bucket: (detection) => s3Replication(detection, detection.resource.blocks('replication_configuration').flatMap((configuration) => configuration.blocks('rules'))),
  aws_dynamodb_table: namedRegions('a DynamoDB global table replica', ['replica'], 'region_name'),
  aws_dynamodb_global_table: namedRegions('a DynamoDB global table replica', ['replica'], 'region_name'),
  aws_dynamodb_table_replica: copyOf('a DynamoDB table replica', 'global_table_arn', 'aws_dynamodb_table'),
  aws_db_instance: copyOf('an RDS cross-region read replica', 'replicate_source_db', 'aws_db_instance'),
  aws_rds_cluster: (detection) => [
    ...copyOf('an Aurora cross-region replica', 'replication_source_identifier', 'aws_rds_cluster')(detection),
    ...globalMember('an Aurora global database', 'global_cluster_identifier', 'aws_rds_global_cluster', 'source_db_cluster_identifier')(detection),
  ],
  aws_docdb_cluster: globalMember('a DocumentDB global cluster', 'global_cluster_identifier', 'aws_docdb_global_cluster', 'source_db_cluster_identifier'),
  aws_elasticache_replication_group: globalMember('an ElastiCache global datastore', 'global_replication_group_id', 'aws_elasticache_global_replication_group', 'primary_replication_group_id'),
  aws_db_instance_automated_backups_replication: copyOf('RDS automated backup replication', 'source_db_instance_arn', 'aws_db_instance'),
  aws_kms_replica_key: copyOf('a KMS replica key', 'primary_key_arn', 'aws_kms_key'),
  aws_backup_plan: backupCopies,
  aws_ecr_replication_configuration: namedRegions('ECR replication', ['replication_configuration', 'rule', 'destination'], 'region'),
  aws_redshift_cluster: namedRegions('Redshift snapshot copy', ['snapshot_copy'], 'destination_region'),
  aws_redshift_snapshot_copy: namedRegions('Redshift snapshot copy', [], 'destination_region'),
  azurerm_storage_account: geoRedundantStorage,
  azapi_resource: azapiStorage,
  azurerm_cosmosdb_account: namedRegions('Cosmos DB geo-replication', ['geo_location'], 'location'),
  google_bigtable_instance: bigtableReplication,
  google_spanner_instance_config: namedRegions('a Spanner instance configuration replica', ['replicas'], 'location'),
  google_storage_bucket: (detection) => (detection.resource.blocks('custom_placement_config').length > 0 ? customDualRegion(detection) : multiRegionLocation(detection)),
};

function transfer(detection: Detection, mechanism: string, destination: Value, site: Location, target?: ResourceInstance): Transfer[] {
  const region = regionValue(detection.cloud, destination);
  const source = detection.regions.of(detection.resource)?.region;
  if (!region || (region.kind === 'string' && source?.kind === 'string' && source.value === region.value)) return [];
  return [{ mechanism, cloud: detection.cloud, resource: detection.resource, source, destination: region, site, ...(target ? { target } : {}) }];
}

/** The blocks at `path` under `view`: `['replica']`, `['replication_configuration', 'rule', 'destination']`. */
function nested(view: EvaluatedBlock, path: readonly string[]): EvaluatedBlock[] {
  return path.reduce<EvaluatedBlock[]>((views, type) => views.flatMap((parent) => parent.blocks(type)), [view]);
}

function writtenAt(view: EvaluatedBlock, name: string): Location {
  return { path: view.path, range: attribute(view.block.body, name)!.value.range };
}

/**
 * Where the configuration a team runs decides what a reference names: the first place the value
 * passed through in the root module's own directory (the module argument, not the module's
 * internals); else where it is written.
 */
function decidedAt(value: Value, written: Location, resource: ResourceInstance): Location {
  const root = resource.module.root.directory;
  return value.via.find((location) => posix.dirname(location.path) === root) ?? written;
}

/** Regions written in blocks of the resource: DynamoDB `replica { region_name }`, ECR replication destinations. */
function namedRegions(mechanism: string, path: readonly string[], argument: string): Detector {
  return (detection) => nested(detection.resource, path).flatMap((view) => namedRegion(detection, mechanism, view, argument));
}

function namedRegion(detection: Detection, mechanism: string, view: EvaluatedBlock, argument: string): Transfer[] {
  const value = view.attribute(argument);
  if (!value) return [];
  return transfer(detection, mechanism, value, value.kind === 'unknown' ? writtenAt(view, argument) : value.origin);
}

/** The clusters of a Bigtable instance after the first (which places the instance), each holding a replica of its tables in its zone. */
function bigtableReplication(detection: Detection): Transfer[] {
  return detection.resource.blocks('cluster').slice(1).flatMap((cluster) => namedRegion(detection, 'Bigtable replication', cluster, 'zone'));
}

/** A resource that is itself the copy, in its own region, of a source named by ARN or by reference to a `sourceType`: read replicas, replica keys. */
function copyOf(mechanism: string, argument: string, sourceType: string): Detector {
  return (detection) => {
    const { resource, regions } = detection;
    const named = resource.attribute(argument);
    if (!named || named.kind === 'null') return [];
    const source = regionOfSource(named, sourceType, detection);
    if (!source) return [];
    const destination = regionOfResource(resource, regions);
    if (source.kind === 'string' && destination.kind === 'string' && source.value === destination.value) return [];
    return [{ mechanism, cloud: detection.cloud, resource, source, destination, site: decidedAt(named, writtenAt(resource, argument), resource), target: resource }];
  };
}

/**
 * A member of a global database (Aurora, DocumentDB, ElastiCache), which holds a copy of what
 * the other members hold: a transfer into its region when another member, or the primary the
 * global resource names in `primaryArgument`, is in another region.
 */
function globalMember(mechanism: string, argument: string, globalType: string, primaryArgument: string): Detector {
  return (detection) => {
    const { resource, regions } = detection;
    const named = resource.attribute(argument);
    const global = named && referenceTo(named, globalType);
    if (!global) return [];
    const primary = global.attribute(primaryArgument)?.resource;
    const others = [...detection.referring(argument, global), ...(primary ? [primary] : [])].filter((member) => member !== resource);
    const destination = regionOfResource(resource, regions);
    const source = others.map((member) => regionOfResource(member, regions)).find((region) => region.kind === 'string' && (destination.kind !== 'string' || region.value !== destination.value));
    if (!source) return [];
    return [{ mechanism, cloud: detection.cloud, resource, source, destination, site: decidedAt(named, writtenAt(resource, argument), resource), target: resource }];
  };
}

/**
 * The region of what a replica copies: the referenced resource's, the ARN's; undefined for an
 * identifier that is not an ARN (`""` included), which names a source in the replica's own region or none.
 */
function regionOfSource(named: Value, sourceType: string, detection: Detection): StringValue | UnknownValue | undefined {
  const referenced = referenceTo(named, sourceType);
  if (referenced) return regionOfResource(referenced, detection.regions);
  if (named.kind === 'unknown') return named;
  return named.kind === 'string' ? arnRegion(named) : undefined;
}

/** The resource a value is an attribute of, when it is of the type expected there. */
function referenceTo(value: Value, type: string): ResourceInstance | undefined {
  return value.resource?.type === type ? value.resource : undefined;
}

function regionOfResource(resource: ResourceInstance, regions: TerraformRegions): StringValue | UnknownValue {
  return regions.of(resource)?.region ?? unknown(`merlint cannot tell which region ${resource.address} is in`);
}

/** The region field of an ARN (`arn:aws:backup:ap-northeast-1:…`), keeping the ARN's origin; undefined for anything else. */
function arnRegion(value: StringValue): StringValue | undefined {
  const fields = value.value.split(':');
  return fields[0] === 'arn' && fields.length >= 6 && fields[3] ? { ...value, value: fields[3] } : undefined;
}

/** S3 replication rules, of `aws_s3_bucket_replication_configuration` or the inline `replication_configuration` of older providers. */
function s3Replication(detection: Detection, rules: EvaluatedBlock[]): Transfer[] {
  return rules.flatMap((rule) => {
    const status = rule.attribute('status');
    if (status?.kind === 'string' && status.value === 'Disabled') return [];
    return rule.blocks('destination').flatMap((destination) => {
      const bucket = destination.attribute('bucket');
      return bucket ? destinationBucket(detection, bucket, decidedAt(bucket, writtenAt(destination, 'bucket'), detection.resource)) : [];
    });
  });
}

function destinationBucket(detection: Detection, bucket: Value, site: Location): Transfer[] {
  const mechanism = 'S3 replication';
  const referenced = referenceTo(bucket, 'aws_s3_bucket') ?? (bucket.kind === 'string' ? detection.bucketNamed(bucket.value.replace(/^arn:[^:]+:s3:::/, '')) : undefined);
  if (referenced) return transfer(detection, mechanism, regionOfResource(referenced, detection.regions), site, referenced);
  if (bucket.kind !== 'string') return transfer(detection, mechanism, bucket, site);
  const reason = `the destination bucket ${bucket.value} is not declared in the scanned configuration, and an S3 ARN does not name a region`;
  return transfer(detection, mechanism, unknown(reason, bucket.origin), bucket.origin);
}

function bucketsByName(resources: readonly ResourceInstance[]): Map<string, ResourceInstance> {
  const buckets = new Map<string, ResourceInstance>();
  for (const resource of resources) {
    const name = resource.type === 'aws_s3_bucket' ? resource.attribute('bucket') : undefined;
    if (name?.kind === 'string' && !buckets.has(name.value)) buckets.set(name.value, resource);
  }
  return buckets;
}

/** AWS Backup `copy_action` blocks: the destination vault by reference, or the region in its ARN. */
function backupCopies(detection: Detection): Transfer[] {
  return nested(detection.resource, ['rule', 'copy_action']).flatMap((copy) => {
    const vault = copy.attribute('destination_vault_arn');
    if (!vault) return [];
    const site = decidedAt(vault, writtenAt(copy, 'destination_vault_arn'), detection.resource);
    const mechanism = 'an AWS Backup copy action';
    const referenced = referenceTo(vault, 'aws_backup_vault');
    if (referenced) return transfer(detection, mechanism, regionOfResource(referenced, detection.regions), site, referenced);
    const region = vault.kind === 'string' ? arnRegion(vault) : templateArnRegion(copy, 'destination_vault_arn');
    return transfer(detection, mechanism, region ?? vault, region?.kind === 'string' ? region.origin : site);
  });
}

/**
 * The region field of an ARN written as a template whose other fields are known only after apply
 * (`arn:aws:backup:${var.dr_region}:${data.aws_caller_identity.current.account_id}:…`).
 * An interpolation whose value is unknown is taken to stay within one field.
 */
function templateArnRegion(view: EvaluatedBlock, name: string): Value | undefined {
  const expression = attribute(view.block.body, name)!.value;
  if (expression.type !== 'template') return undefined;
  const at = { path: view.path, range: expression.range };
  const pieces: Value[] = [];
  let field = 0;
  for (const part of expression.parts) {
    const value = part.type === 'text' ? knownString(part.value, at) : part.type === 'interpolation' ? view.evaluate(part.expression) : undefined;
    if (!value) return undefined;
    const chunks = value.kind === 'string' ? value.value.split(':') : [undefined];
    chunks.forEach((chunk, index) => {
      field += index > 0 ? 1 : 0;
      if (field === 3 && chunk !== '') pieces.push(chunk === undefined ? value : { ...(value as StringValue), value: chunk });
    });
  }
  const unknownPiece = pieces.find((piece) => piece.kind === 'unknown');
  if (unknownPiece || pieces.length <= 1) return unknownPiece ?? pieces[0];
  return knownString(pieces.map((piece) => (piece as StringValue).value).join(''), at);
}

/** Azure storage that replicates to the paired region: GRS, RA-GRS, GZRS, RA-GZRS. */
function geoRedundantStorage(detection: Detection): Transfer[] {
  const replication = detection.resource.attribute('account_replication_type');
  return replication ? pairedCopy(detection, replication, () => writtenAt(detection.resource, 'account_replication_type')) : [];
}

/** The same storage written with the AzAPI provider: `body.sku.name` such as "Standard_RAGRS". */
function azapiStorage(detection: Detection): Transfer[] {
  const type = detection.resource.attribute('type');
  const body = detection.resource.attribute('body');
  if (type?.kind !== 'string' || !type.value.startsWith('Microsoft.Storage/storageAccounts@') || !body) return [];
  const sku = member(body, 'sku');
  const name = sku && member(sku, 'name');
  if (name?.kind !== 'string') return name ? pairedCopy(detection, name, () => writtenAt(detection.resource, 'body')) : [];
  return pairedCopy(detection, { ...name, value: name.value.replace(/^.*_/, '') }, () => name.origin);
}

/** Storage whose replication type copies it to the region Azure pairs with its location; an unknown type may. */
function pairedCopy(detection: Detection, replication: Value, written: () => Location): Transfer[] {
  if (replication.kind === 'unknown') return transfer(detection, 'storage replication', replication, written());
  if (replication.kind !== 'string' || !/^(RA)?G(Z)?RS$/i.test(replication.value)) return [];
  const location = detection.regions.of(detection.resource)?.region;
  const mechanism = `${replication.value} geo-redundant storage`;
  if (!location) return [];
  if (location.kind === 'unknown') return transfer(detection, mechanism, location, replication.origin);
  const pair = azurePair(location.value);
  const destination = pair ? knownString(pair, replication.origin) : unknown(`merlint does not know which region Azure pairs with ${describeRegion('azure', location.value)}`, replication.origin);
  return transfer(detection, mechanism, destination, replication.origin);
}

/** A GCP resource in a multi-region or dual-region location (`US`, `ASIA`, `ASIA1`), written or its service's default, which keeps copies in several regions. */
function multiRegionLocation(detection: Detection): Transfer[] {
  const use = detection.regions.of(detection.resource);
  const region = use?.region;
  if (!use || region?.kind !== 'string') return [];
  const multi = multiRegion('gcp', region.value);
  if (!multi) return [];
  const byDefault = attribute(detection.resource.block.body, use.argument) === undefined ? ' by default' : '';
  return [spread(detection, `a ${multi.kind} location${byDefault}`, region, region.origin)];
}

/** Copies kept in several regions at once, none of them the source: GCP multi- and dual-region locations. */
function spread(detection: Detection, mechanism: string, destination: StringValue | UnknownValue, site: Location): Transfer {
  return { mechanism, cloud: detection.cloud, resource: detection.resource, source: undefined, destination, site };
}

/**
 * A Cloud Storage configurable dual-region: `custom_placement_config { data_locations = [...] }`.
 * Its regions lie within the multi-region `location`, so that bounds the copies when they are unknown.
 */
function customDualRegion(detection: Detection): Transfer[] {
  return detection.resource.blocks('custom_placement_config').flatMap((config) => {
    const locations = config.attribute('data_locations');
    if (!locations) return [];
    if (locations.kind === 'unknown') {
      const bounds = multiRegionLocation(detection);
      return bounds.length > 0 ? bounds : [spread(detection, 'a dual-region location', locations, writtenAt(config, 'data_locations'))];
    }
    if (locations.kind !== 'list') return [];
    return locations.items.flatMap((item) => {
      const region = regionValue('gcp', item);
      if (!region) return [];
      return [spread(detection, 'a dual-region location', region, region.kind === 'string' ? region.origin : writtenAt(config, 'data_locations'))];
    });
  });
}
