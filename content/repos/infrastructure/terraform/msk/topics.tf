resource "kafka_topic" "shipment_events_v1" {
  name               = "logistics.shipment-events.v1"
  partitions         = 24
  replication_factor = 3
  config = {
    "retention.ms"   = "604800000"
    "cleanup.policy" = "delete"
  }
}
