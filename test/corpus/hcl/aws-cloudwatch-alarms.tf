locals {
  alarm_thresholds = {
    cpu    = 80
    memory = 85.5
    errors = 1e2
  }
}

resource "aws_cloudwatch_metric_alarm" "cpu_high" {
  alarm_name          = "api-cpu-high"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 3
  metric_name         = "CPUUtilization"
  namespace           = "AWS/ECS"
  period              = 60
  statistic           = "Average"
  threshold           = local.alarm_thresholds.cpu
  datapoints_to_alarm = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]

  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = "api"
  }
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/ecs/payments/api"
  retention_in_days = 400
  kms_key_id        = aws_kms_key.logs.arn
}
