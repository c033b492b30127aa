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
 * Resource types of global services, which keep nothing in the region of their provider:
 * identity and organisation settings, DNS zones, CDN, and GCP's global networking; and the
 * databases and users of a Cloud SQL instance, which live in the instance's region.
 */
const GLOBAL_TYPES: readonly RegExp[] = [
  /^aws_(iam|organizations|cloudfront|budgets|ce|shield)_/,
  /^aws_route53_(?!resolver)/,
  /_iam_/,
  /^google_(project|folder|organization|billing_account|service_account)(_|$)/,
  /^google_(dns|tags|org_policy|access_context_manager|essential_contacts|monitoring|logging)_/,
  /^google_compute_(network|firewall|route|health_check|backend_service|url_map|ssl_certificate|security_policy|target_https?_proxy)$/,
  /^google_compute_(global|shared_vpc|project|firewall_policy|network_firewall_policy|network_peering|managed_ssl_certificate|ssl_policy|backend_bucket)/,
  /^google_service_networking_/,
  /^google_sql_(database|user|ssl_cert)$/,
];

export function isGlobalType(type: string): boolean {
  return GLOBAL_TYPES.some((pattern) => pattern.test(type));
}
