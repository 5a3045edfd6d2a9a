package com.runcascade.tracing.autoconfigure;

/** OTLP transports. */
public enum ExportProtocol {

	/** Protobuf over HTTP ("http/protobuf"). */
	HTTP_PROTOBUF,

	/** gRPC ("grpc"). */
	GRPC

}
