export const queues = ["orders","refunds"];
