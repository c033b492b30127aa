resource "aws_sns_topic" "alerts" {
  name              = "payments-alerts"
  kms_master_key_id = "alias/aws/sns"
  delivery_policy = jsonencode({
    http = {
      defaultHealthyRetryPolicy = {
        minDelayTarget     = 20
        maxDelayTarget     = 20
        numRetries         = 3
        numMaxDelayRetries = 0
        numNoDelayRetries  = 0
        numMinDelayRetries = 0
        backoffFunction    = "linear"
      }
      disableSubscriptionOverrides = false
    }
  })
}

resource "aws_sqs_queue" "settlements" {
  name                       = "settlements.fifo"
  fifo_queue                 = true
  content_based_deduplication = true
  message_retention_seconds  = 1209600
  visibility_timeout_seconds = 300
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.settlements_dlq.arn
    maxReceiveCount     = 5
  })
}
