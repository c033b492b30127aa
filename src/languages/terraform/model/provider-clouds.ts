import type { Cloud } from '../../../facts/clouds.js';

/*
 * How a Terraform configuration says which cloud, and whether a region, applies: the provider's
 * local name, and resource types of services that place nothing in a region.
 */

/** Provider local names as Terraform configurations write them, and the cloud each deploys to. */
const PROVIDER_CLOUDS: Readonly<Record<string, Cloud>> = {
  aws: 'aws',
  azurerm: 'azure',
  azapi: 'azure',
  google: 'gcp',
  'google-beta': 'gcp',
  alicloud: 'alibaba',
  oci: 'oracle',
};

export function cloudOfProvider(name: string): Cloud | undefined {
  return Object.hasOwn(PROVIDER_CLOUDS, name) ? PROVIDER_CLOUDS[name] : undefined;
}

/**
 * Resource types that keep nothing in the region of their provider: global services (identity and
 * organisation settings, DNS zones, CDN, GCP's global networking, Pub/Sub, IAP, Binary
 * Authorization, Cloud Storage HMAC keys, certificate maps, fleets), and GCP parts of a resource with a location of its own (a
 * bucket's objects, access controls and notifications, a key ring's keys, a Cloud SQL instance's
 * databases and users, a Bigtable instance's tables, a Spanner instance's databases, an Apigee
 * organisation's environments), which live where their parent does.
 * Grouped by the prefix of their provider's types: a type is tested only against its own provider's
 * expressions, as each one a run tests is compiled, and an AWS configuration has a hundred resources.
 */
const GLOBAL_TYPES: readonly { prefix: string; patterns: readonly RegExp[] }[] = [
  {
    prefix: 'aws_',
    patterns: [
      /^aws_(iam|organizations|cloudfront|budgets|ce|shield)_/,
      /^aws_route53_(?!resolver)/,
    ],
  },
  {
    prefix: 'google_',
    patterns: [
      /^google_(project|folder|organization|billing_account|service_account)(_|$)/,
      /^google_(dns|tags|org_policy|access_context_manager|essential_contacts|monitoring|logging)_/,
      /^google_compute_(network|firewall|route|health_check|backend_service|url_map|ssl_certificate|security_policy|target_https?_proxy)$/,
      /^google_compute_(global|shared_vpc|project|firewall_policy|network_firewall_policy|network_peering|managed_ssl_certificate|ssl_policy|backend_bucket)/,
      /^google_service_networking_/,
      /^google_compute_(external_vpn_gateway|interconnect_attachment_group|target_(tcp|ssl)_proxy)$/,
      /^google_(apikeys|binary_authorization|container_analysis|cloud_identity|cloud_asset|cloud_quotas|endpoints|iap|billing|resource_manager|sourcerepo)_/,
      /^google_(certificate_manager_certificate_map(_entry)?|gke_hub_fleet)$/,
      /^google_(api_gateway_api(_config)?|kms_autokey_config|network_connectivity_(hub|group|internal_range)|pubsub_(topic|subscription|schema)|secret_manager_secret(_version)?)$/,
      /^google_sql_(database|user|ssl_cert)$/,
      /^google_(bigtable_(table|gc_policy|app_profile|authorized_view)|spanner_(database|backup_schedule))$/,
      /^google_apigee_(addons_config|dns_zone|env_keystore|envgroup|envgroup_attachment|environment|instance_attachment|nat_address|sync_authorization)$/,
      /^google_storage_(bucket_access_control|bucket_acl|default_object_access_control|default_object_acl|object_access_control|object_acl|notification|hmac_key)$/,
      /^google_(storage_bucket_object|storage_managed_folder|kms_crypto_key|alloydb_instance|vmwareengine_cluster|biglake_(database|table)|data_catalog_(tag|policy_tag)|bigquery_(table|routine)|secret_manager_regional_secret_version)$/,
    ],
  },
];
/** IAM resources of any provider. */
const GLOBAL_IAM_TYPE = /_iam_/;

export function isGlobalType(type: string): boolean {
  return GLOBAL_IAM_TYPE.test(type) || GLOBAL_TYPES.some(({ prefix, patterns }) => type.startsWith(prefix) && patterns.some((pattern) => pattern.test(type)));
}

/** Where resources of these types live when their location is not set, instead of their provider's region (`global`: in none). */
const DEFAULT_LOCATIONS: Readonly<Record<string, string>> = {
  google_bigquery_dataset: 'US',
  google_certificate_manager_certificate: 'global',
  google_certificate_manager_dns_authorization: 'global',
};

export function defaultLocation(type: string): string | undefined {
  return Object.hasOwn(DEFAULT_LOCATIONS, type) ? DEFAULT_LOCATIONS[type] : undefined;
}
