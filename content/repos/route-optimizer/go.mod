module github.com/kestrel-freight/route-optimizer

go 1.24

require (
	github.com/segmentio/kafka-go v0.4.47
	google.golang.org/grpc v1.70.0
	google.golang.org/protobuf v1.36.4
)
