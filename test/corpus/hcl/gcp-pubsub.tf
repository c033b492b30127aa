resource "google_pubsub_topic" "events" {
  name                       = "payment-events"
  message_retention_duration = "86600s"

  message_storage_policy {
    allowed_persistence_regions = ["asia-southeast1"]
  }

  schema_settings {
    schema   = google_pubsub_schema.event.id
    encoding = "JSON"
  }
}

resource "google_pubsub_subscription" "ledger" {
  name                       = "ledger"
  topic                      = google_pubsub_topic.events.id
  ack_deadline_seconds       = 60
  enable_message_ordering    = true
  retain_acked_messages      = false
  message_retention_duration = "604800s"

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  expiration_policy { ttl = "" }
}

resource "google_pubsub_schema" "event" {
  name       = "payment-event"
  type       = "AVRO"
  definition = "{\n  \"type\" : \"record\",\n  \"name\" : \"Event\",\n  \"fields\" : [\n    { \"name\" : \"id\", \"type\" : \"string\" },\n    { \"name\" : \"amount\", \"type\" : \"long\" }\n  ]\n}\n"
}
