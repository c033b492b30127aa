check "health" {
  data "http" "api" {
    url = "https://api.example.sg/healthz"
    request_headers = {
      Accept = "application/json"
    }
  }

  assert {
    condition     = data.http.api.status_code == 200
    error_message = "The API health check failed."
  }
}

check "bucket_in_singapore" {
  assert {
    condition     = aws_s3_bucket.source.region == "ap-southeast-1"
    error_message = "Ledger bucket is outside Singapore."
  }
}
