// Placeholder; replaced by the JSONSchema implementation.
