// A kind the org defines in `catalog.kinds` of backlot.config.yaml: validated by its own JSON Schema.

export interface CustomKindConfig {
  apiVersion: string;
  kind: string;
  /** A JSON Schema object for the whole entity. */
  schema: Record<string, unknown>;
}
