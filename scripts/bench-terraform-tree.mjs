// A generated Terraform repository for `npm run bench`: stacks of root modules (providers, variables,
// tfvars, locals, module calls) over local modules (VPCs, ECR repositories with heredoc lifecycle
// policies, S3 buckets with heredoc bucket policies and replication, IAM roles with jsonencode),
// some compliant and some not, the way a platform team's infra/ directory looks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const TEAMS = ['payments', 'ledger', 'kyc', 'fx', 'payouts', 'disputes', 'merchant', 'notify', 'risk', 'treasury'];
const ENVIRONMENTS = ['dev', 'staging', 'prod', 'dr'];
const DR_REGIONS = ['ap-southeast-1', 'ap-southeast-1', 'ap-northeast-1', 'ap-southeast-2'];

/** Files of one stack: a root module and the local modules only it calls. */
const FILES_PER_STACK = 15;

/** Writes about `count` files under `root`; returns the number of stacks and files written. */
export function generateTerraformTree(root, count) {
  const stacks = Math.max(1, Math.round(count / FILES_PER_STACK));
  let files = 0;
  const write = (path, text) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    files++;
  };
  for (let index = 0; index < stacks; index++) {
    const team = TEAMS[index % TEAMS.length];
    const environment = ENVIRONMENTS[Math.floor(index / TEAMS.length) % ENVIRONMENTS.length];
    const stack = `stacks/${team}-${environment}-${Math.floor(index / (TEAMS.length * ENVIRONMENTS.length))}`;
    const drRegion = DR_REGIONS[index % DR_REGIONS.length];
    for (const [path, text] of Object.entries(stackFiles(team, environment, drRegion, index))) write(`${stack}/${path}`, text);
  }
  return { stacks, files };
}

function stackFiles(team, environment, drRegion, seed) {
  const services = ['api', 'worker', 'scheduler'].slice(0, 1 + (seed % 3));
  return {
    'providers.tf': providers(),
    'variables.tf': rootVariables(team, environment),
    'terraform.tfvars': `team        = "${team}"\nenvironment = "${environment}"\ndr_region   = "${drRegion}"\ncidr_block  = "10.${seed % 250}.0.0/16"\n`,
    'locals.tf': rootLocals(services),
    'main.tf': rootMain(services, seed),
    'outputs.tf': `output "vpc_id" {\n  value = module.network.vpc_id\n}\n\noutput "repositories" {\n  value = { for name, service in module.service : name => service.repository_url }\n}\n`,
    'modules/network/main.tf': networkMain(seed),
    'modules/network/variables.tf': variables({ name: 'string', cidr_block: 'string', zones: 'list(string)', ipv6: 'bool' }),
    'modules/network/outputs.tf': `output "vpc_id" {\n  value = aws_vpc.this.id\n}\n\noutput "subnet_ids" {\n  value = aws_subnet.private[*].id\n}\n`,
    'modules/service/main.tf': serviceMain(seed),
    'modules/service/variables.tf': variables({ name: 'string', team: 'string', tags: 'map(string)', immutable: 'bool', retention_days: 'number' }),
    'modules/service/outputs.tf': `output "repository_url" {\n  value = aws_ecr_repository.this.repository_url\n}\n\noutput "role_arn" {\n  value = aws_iam_role.task.arn\n}\n`,
    'modules/bucket/main.tf': bucketMain(seed),
    'modules/bucket/variables.tf': variables({ name: 'string', tags: 'map(string)', replicate: 'bool' }),
    'modules/bucket/outputs.tf': `output "arn" {\n  value = aws_s3_bucket.this.arn\n}\n`,
  };
}

function providers() {
  return `terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.70"
    }
  }
}

provider "aws" {
  region = "ap-southeast-1"

  default_tags {
    tags = local.tags
  }
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}
`;
}

function rootVariables(team, environment) {
  return `variable "team" {
  type        = string
  description = "Owning team"
  default     = "${team}"
}

variable "environment" {
  type    = string
  default = "${environment}"

  validation {
    condition     = contains(["dev", "staging", "prod", "dr"], var.environment)
    error_message = "Unknown environment."
  }
}

variable "dr_region" {
  type = string
}

variable "cidr_block" {
  type = string
}
`;
}

function rootLocals(services) {
  return `locals {
  name     = format("%s-%s", var.team, var.environment)
  is_prod  = var.environment == "prod" || var.environment == "dr"
  services = toset([${services.map((service) => `"${service}"`).join(', ')}])
  zones    = [for suffix in ["a", "b", "c"] : "ap-southeast-1\${suffix}"]
  tags = merge(
    {
      team        = var.team
      environment = var.environment
      managed-by  = "terraform"
    },
    local.is_prod ? { data-classification = "personal" } : {},
  )
}
`;
}

function rootMain(services, seed) {
  return `module "network" {
  source     = "./modules/network"
  name       = local.name
  cidr_block = var.cidr_block
  zones      = slice(local.zones, 0, local.is_prod ? 3 : 2)
  ipv6       = ${seed % 5 !== 0}
}

module "service" {
  source   = "./modules/service"
  for_each = local.services

  name           = "\${local.name}-\${each.key}"
  team           = var.team
  tags           = local.tags
  immutable      = ${seed % 4 !== 1}
  retention_days = local.is_prod ? 30 : 7
}

module "records" {
  source    = "./modules/bucket"
  name      = "\${local.name}-records"
  tags      = local.tags
  replicate = local.is_prod

  providers = {
    aws    = aws
    aws.dr = aws.dr
  }
}
`;
}

function networkMain(seed) {
  return `resource "aws_vpc" "this" {
  cidr_block                       = var.cidr_block
  enable_dns_hostnames             = true
  assign_generated_ipv6_cidr_block = var.ipv6

  tags = {
    Name = var.name
  }
}

resource "aws_subnet" "private" {
  count = length(var.zones)

  vpc_id                          = aws_vpc.this.id
  availability_zone               = var.zones[count.index]
  cidr_block                      = cidrsubnet(var.cidr_block, 4, count.index)
  ipv6_cidr_block                 = var.ipv6 ? cidrsubnet(aws_vpc.this.ipv6_cidr_block, 8, count.index) : null
  assign_ipv6_address_on_creation = ${seed % 7 === 3 ? 'true' : 'var.ipv6'}

  tags = {
    Name = "\${var.name}-private-\${count.index}"
  }
}

resource "aws_network_acl" "private" {
  vpc_id     = aws_vpc.this.id
  subnet_ids = aws_subnet.private[*].id

  dynamic "ingress" {
    for_each = { http = 80, https = 443 }
    content {
      rule_no    = 100 + ingress.value
      protocol   = "tcp"
      action     = "allow"
      cidr_block = var.cidr_block
      from_port  = ingress.value
      to_port    = ingress.value
    }
  }
}
`;
}

function serviceMain(seed) {
  return `resource "aws_kms_key" "images" {
  description         = "ECR images of \${var.name}"
  enable_key_rotation = true
}

resource "aws_ecr_repository" "this" {
  name                 = var.name
  image_tag_mutability = var.immutable ? "IMMUTABLE" : "MUTABLE"

  image_scanning_configuration {
    scan_on_push = ${seed % 6 !== 2}
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.images.arn
  }

  tags = var.tags
}

resource "aws_ecr_lifecycle_policy" "this" {
  repository = aws_ecr_repository.this.name
  policy     = <<EOF
{
  "rules": [
    {
      "rulePriority": 1,
      "description": "Expire untagged images",
      "selection": {
        "tagStatus": "untagged",
        "countType": "sinceImagePushed",
        "countUnit": "days",
        "countNumber": \${var.retention_days}
      },
      "action": { "type": "expire" }
    },
    {
      "rulePriority": 2,
      "description": "Keep the last releases",
      "selection": {
        ${seed % 2 ? '"tagStatus": "tagged",\n        "tagPrefixList": ["v"],' : '"tagStatus": "any",'}
        "countType": "imageCountMoreThan",
        "countNumber": 50
      },
      "action": { "type": "expire" }
    }
  ]
}
EOF
}

resource "aws_iam_role" "task" {
  name = "\${var.name}-task"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
    }]
  })
  tags = merge(var.tags, { service = var.name })
}
`;
}

function bucketMain(seed) {
  return `terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.dr]
    }
  }
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
  tags   = var.tags
}

resource "aws_s3_bucket" "replica" {
  count    = var.replicate ? 1 : 0
  provider = aws.dr
  bucket   = "\${var.name}-replica"
  tags     = var.tags
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_replication_configuration" "this" {
  count  = var.replicate ? 1 : 0
  role   = "arn:aws:iam::123456789012:role/s3-replication"
  bucket = aws_s3_bucket.this.id

  rule {
    id     = "to-dr"
    status = "Enabled"
    destination {
      bucket        = aws_s3_bucket.replica[0].arn
      storage_class = "STANDARD_IA"
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "DenyInsecureTransport",
          "Effect": "Deny",
          "Principal": "*",
          "Action": "s3:*",
          "Resource": ["\${aws_s3_bucket.this.arn}", "\${aws_s3_bucket.this.arn}/*"],
          "Condition": { "Bool": { "aws:SecureTransport": "false" } }
        }${seed % 3 === 0 ? `,
        {
          "Sid": "ReadOnlyAuditors",
          "Effect": "Allow",
          "Principal": { "AWS": "arn:aws:iam::123456789012:role/auditor" },
          "Action": ["s3:GetObject", "s3:ListBucket"],
          "Resource": ["\${aws_s3_bucket.this.arn}", "\${aws_s3_bucket.this.arn}/*"]
        }` : ''}
      ]
    }
  POLICY
}
`;
}

function variables(types) {
  return Object.entries(types)
    .map(([name, type]) => `variable "${name}" {\n  type = ${type}\n}\n`)
    .join('\n');
}
