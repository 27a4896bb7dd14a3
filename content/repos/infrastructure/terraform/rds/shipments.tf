module "shipments_db" {
  source = "../modules/postgres"

  identifier          = "shipments-prod"
  engine_version      = "16.4"
  instance_class      = "db.r6g.2xlarge"
  allocated_storage   = 500
  multi_az            = true
  read_replicas       = 1
  backup_retention    = 14
  deletion_protection = true

  tags = {
    owner  = "shipments-team"
    system = "shipment-management"
  }
}
