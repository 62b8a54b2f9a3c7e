// Placeholder; replaced by the YAMLReader implementation.
