module "service" {
  source   = "./modules/ecs-service"
  for_each = {
    api    = { cpu = 512, memory = 1024, port = 8080 }
    worker = { cpu = 256, memory = 512, port = 0 }
  }

  name          = each.key
  cpu           = each.value.cpu
  memory        = each.value.memory
  port          = each.value.port
  public        = each.key == "api"
  cluster_arn   = aws_ecs_cluster.main.arn
  subnet_ids    = module.vpc.private_subnets
}

module "bucket" {
  source = "git::https://github.com/example/terraform-aws-bucket.git?ref=v1.2.0"
  count  = var.create_bucket ? 1 : 0

  name = "exports-${count.index}"
}
