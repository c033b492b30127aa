/*
 * The resource and data source types the network facts are made of (network.ts): a run on a manifest
 * alone reads only the Terraform modules that write one of them, and what those need (context.ts).
 */

export const VPC = 'aws_vpc';
export const DEFAULT_VPC = 'aws_default_vpc';
export const IPV6_ASSOCIATION = 'aws_vpc_ipv6_cidr_block_association';

/** Managed Kubernetes clusters, whose IP family decides what their Services may ask for. */
export const CLUSTER_TYPES = ['aws_eks_cluster', 'google_container_cluster', 'azurerm_kubernetes_cluster'] as const;

export const NETWORK_TYPES: readonly string[] = [VPC, DEFAULT_VPC, IPV6_ASSOCIATION, ...CLUSTER_TYPES];
