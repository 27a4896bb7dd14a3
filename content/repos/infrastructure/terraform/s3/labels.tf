resource "aws_s3_bucket" "shipping_labels" {
  bucket = "kestrel-shipping-labels-prod"
  tags = {
    owner = "shipments-team"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "shipping_labels" {
  bucket = aws_s3_bucket.shipping_labels.id
  rule {
    id     = "expire-labels"
    status = "Enabled"
    expiration {
      days = 90
    }
  }
}
