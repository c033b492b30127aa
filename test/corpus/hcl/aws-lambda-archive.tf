data "archive_file" "handler" {
  type        = "zip"
  source_dir  = "${path.module}/lambda"
  output_path = "${path.module}/build/handler.zip"
}

resource "aws_lambda_function" "rotate" {
  function_name    = "rotate-secrets"
  filename         = data.archive_file.handler.output_path
  source_code_hash = data.archive_file.handler.output_base64sha256
  handler          = "bootstrap"
  runtime          = "provided.al2023"
  architectures    = ["arm64"]
  memory_size      = 256
  timeout          = 30
  role             = aws_iam_role.lambda.arn

  environment {
    variables = {
      SECRET_PREFIX = "payments/"
      REGION        = "ap-southeast-1"
      DRY_RUN       = false
    }
  }

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.lambda.id]
  }

  tracing_config { mode = "Active" }
}
